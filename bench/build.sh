#!/usr/bin/env bash
# Times the whole build of the default program (site, workbook, worksheets).
# Needs hyperfine (apt-get install hyperfine) and GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 3 --runs "${RUNS:-20}" "./target/release/kintsugi build --out $out"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v ./target/release/kintsugi build --out "$out" 2>&1 | grep 'Maximum resident'
fi
