#!/usr/bin/env bash
# Times a batch of personalised workbooks (with all their worksheets) for the
# default program: people per second and peak memory.
# Usage: bench/batch.sh [PEOPLE]   (default 1000). Needs GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$n" > "$work/people.csv" <<'PY'
import sys
n = int(sys.argv[1])
names = ["Zoë", "José", "Søren", "Małgorzata", "Nguyễn Thị Hương", "Alex", "Sam", "Priya"]
print("name,partner,start,week_starts")
for i in range(n):
    a, b = names[i % len(names)], names[(i * 3 + 1) % len(names)]
    partner = "" if i % 5 == 0 else b
    print(f"{a} {i},{partner},2026-{i % 12 + 1:02d}-{i % 28 + 1:02d},{'sunday' if i % 2 else 'monday'}")
PY
start=$(date +%s.%N)
/usr/bin/time -v ./target/release/kintsugi batch "$work/people.csv" --out "$work/out" --force 2> "$work/time.txt" >/dev/null || true
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)
built=$(find "$work/out" -name workbook.pdf | wc -l)
printf '%d people in %.1f s: %.1f personalised workbooks (with worksheets) per second\n' "$built" "$secs" "$(echo "$built / $secs" | bc -l)"
grep 'Maximum resident' "$work/time.txt"
du -sh "$work/out" | awk '{print "output: " $1}'
