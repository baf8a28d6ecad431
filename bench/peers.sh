#!/usr/bin/env bash
# kintsugi beside its peers, on the same synthetic content, in one run:
# sites (kintsugi, Zola, Hugo, mdBook) at about 80, 1,000 and 10,000 pages;
# workbook PDFs (kintsugi, Typst, pandoc + WeasyPrint), plain and personalised;
# a batch of personalised workbooks (kintsugi batch against one Typst compile
# per person); the full default build; serve's one-page rebuild.
# Writes bench/RESULTS.md (medians, ratios kintsugi/peer, peak memory).
#
# Usage: bench/peers.sh [--install] [--quick] [--out FILE]
#   --install  installs the peers first: typst-cli and mdbook (cargo install),
#              hugo, pandoc, hyperfine and time (apt-get), weasyprint (pip);
#              zola is tried with cargo install and skipped if it cannot be had.
#   --quick    fewer runs, 50 people instead of 1,000, no 10,000-page size
#              (a smoke run; its results say so).
#   --out FILE where to write the results (default bench/RESULTS.md).
# Environment: PEOPLE (batch size, default 1000), MDBOOK_10K=1 to include
# mdBook at 10,000 pages (about four minutes here).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
install=0
quick=0
results=bench/RESULTS.md
while [ $# -gt 0 ]; do
  case $1 in
    --install) install=1 ;;
    --quick) quick=1 ;;
    --out) results=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ $install = 1 ]; then
  apt-get update -qq && apt-get install -y -qq hugo pandoc hyperfine time libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
  cargo install --locked typst-cli mdbook
  pip install --quiet weasyprint
  cargo install --locked zola 2>/dev/null || echo "zola: not available from this machine's registries; skipped"
fi
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (bench/peers.sh --install)" >&2; exit 2; }
done

have() { command -v "$1" >/dev/null 2>&1; }
people=${PEOPLE:-1000}
sizes="80 1000 10000"
runs_small=10
runs_big=3
if [ $quick = 1 ]; then
  people=${PEOPLE:-50}
  sizes="80 1000"
  runs_small=3
  runs_big=1
fi

cargo build --release --quiet
cargo build --release --quiet --example benchkit
k=$root/target/release/kintsugi
bk=$root/target/release/examples/benchkit
fonts=$root/src/pdf/fonts
# The work goes under target/ (BENCH_DIR to choose): on the development
# machine, creating files in /tmp had become 25 times slower than in the
# project's folder, which would have measured the disk, not the tools.
mkdir -p "${BENCH_DIR:-$root/target}"
work=$(mktemp -d -p "${BENCH_DIR:-$root/target}" bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
res=$work/results
mkdir -p "$res"

# hyperfine NAME RUNS COMMAND [PREPARE]: median and mean to $res/NAME.json.
hf() {
  local name=$1 runs=$2 cmd=$3 prep=${4:-true}
  hyperfine -N --style none --warmup 1 --runs "$runs" --prepare "$prep" \
    --export-json "$res/$name.json" "$cmd" >/dev/null 2>&1 \
    || { echo "failed: $cmd" >&2; rm -f "$res/$name.json"; return 0; }
}
# peak NAME COMMAND: peak resident memory in KB to $res/NAME.rss.
peak() {
  local name=$1; shift
  /usr/bin/time -v "$@" 2> "$work/time.txt" >/dev/null || true
  grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}' > "$res/$name.rss"
}
# One shell command line, for tools that need a pipeline.
sh_c() { echo "bash -c '$1'"; }

for s in $sizes; do
  d=$work/s$s
  "$bk" synth "$d" --size "$s"
  runs=$runs_small; [ "$s" = 10000 ] && runs=$runs_big
  out=$work/out
  hf "site-kintsugi-$s" "$runs" "$bk site $d/kintsugi $out/k" "rm -rf $out/k"
  peak "site-kintsugi-$s" "$bk" site "$d/kintsugi" "$out/k2"
  find "$out/k2" -name '*.html' | wc -l > "$res/site-kintsugi-$s.pages"
  if have zola; then
    hf "site-zola-$s" "$runs" "zola --root $d/zola build --force --output-dir $out/z" "rm -rf $out/z"
    peak "site-zola-$s" zola --root "$d/zola" build --force --output-dir "$out/z2"
  fi
  if have hugo; then
    hf "site-hugo-$s" "$runs" "hugo --quiet -s $d/hugo -d $out/h" "rm -rf $out/h"
    peak "site-hugo-$s" hugo --quiet -s "$d/hugo" -d "$out/h2"
    find "$out/h2" -name '*.html' | wc -l > "$res/site-hugo-$s.pages"
  fi
  if have mdbook && { [ "$s" != 10000 ] || [ "${MDBOOK_10K:-0}" = 1 ]; }; then
    r=$runs; [ "$s" = 1000 ] && r=$runs_big
    hf "site-mdbook-$s" "$r" "mdbook build $d/mdbook -d $out/m" "rm -rf $out/m"
    peak "site-mdbook-$s" mdbook build "$d/mdbook" -d "$out/m2"
    find "$out/m2" -name '*.html' | wc -l > "$res/site-mdbook-$s.pages"
  fi
done

# Workbooks: the 80-page program, plain and personalised, the same with pictures, and the 1,000-page one.
# The 80-page program again with ten pictures (photos, drawings, diagrams), Typst with the same.
"$bk" synth "$work/s80img" --size 80 --images 10
for s in 80 80img 1000; do
  d=$work/s$s
  runs=$runs_small; [ "$s" = 1000 ] && runs=$runs_big
  hf "pdf-kintsugi-$s" "$runs" "$bk workbook $d/kintsugi $work/k$s.pdf"
  peak "pdf-kintsugi-$s" "$bk" workbook "$d/kintsugi" "$work/k$s.pdf"
  [ "$s" = 80img ] || hf "pdfp-kintsugi-$s" "$runs" "$bk workbook $d/kintsugi $work/kp$s.pdf --profile $d/profile.yaml"
  if have typst; then
    t="typst compile --font-path $fonts --ignore-system-fonts $d/typst/book.typ"
    hf "pdf-typst-$s" "$runs" "$t $work/t$s.pdf"
    peak "pdf-typst-$s" $t "$work/t$s.pdf"
    hf "pdf-typstuntagged-$s" "$runs" "$t --no-pdf-tags $work/tu$s.pdf"
    $t --no-pdf-tags "$work/tu$s.pdf"
    [ "$s" = 80img ] || hf "pdfp-typst-$s" "$runs" "$t --no-pdf-tags --input name=Zoë --input partner=Sam --input start=2026-03-02 $work/tp$s.pdf"
  fi
  if have pandoc && have weasyprint && [ "$s" = 80 ]; then
    p="cd $d/pandoc && pandoc book.md -s -c print.css -o book.html && weasyprint book.html $work/w$s.pdf"
    hf "pdf-weasyprint-$s" "$runs_big" "$(sh_c "$p")"
  fi
  for f in "$work"/k$s.pdf "$work"/t$s.pdf "$work"/tu$s.pdf "$work"/w$s.pdf; do
    [ -f "$f" ] || continue
    n=$(basename "$f" .pdf)
    stat -c %s "$f" > "$res/size-$n"
    pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}' > "$res/pages-$n" || true
  done
done

# Batch: $people personalised workbooks of the 80-page program.
d=$work/s80
python3 - "$people" > "$work/people.csv" <<'PY'
import sys
names = ["Zoë", "José", "Søren", "Alex", "Sam", "Priya", "Ana", "Li"]
print("name,partner,start")
for i in range(int(sys.argv[1])):
    print(f"{names[i % 8]} {i},{names[(i * 3 + 1) % 8]},2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}")
PY
start=$(date +%s.%N)
/usr/bin/time -v "$k" batch "$work/people.csv" --root "$d/kintsugi" --out "$work/batch" --force \
  2> "$work/time.txt" >/dev/null
python3 -c "import sys, time; print(time.time() - float(sys.argv[1]))" "$start" > "$res/batch-kintsugi.secs"
grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}' > "$res/batch-kintsugi.rss"
find "$work/batch" -name workbook.pdf | wc -l > "$res/batch-kintsugi.count"
if have typst; then
  # One compile per person, two at a time (the machine's two cores).
  python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r["name"].replace(" ", "_"), r["partner"], r["start"])
' "$work/people.csv" > "$work/people.txt"
  mkdir -p "$work/typst-batch"
  start=$(date +%s.%N)
  # Each line is "name partner start"; sh -c sees them as $0 $1 $2.
  xargs -P 2 -L 1 sh -c "typst compile --no-pdf-tags --font-path $fonts --ignore-system-fonts \
    --input name=\"\$0\" --input partner=\"\$1\" --input start=\"\$2\" \
    $d/typst/book.typ $work/typst-batch/\"\$0\".pdf" < "$work/people.txt"
  python3 -c "import sys, time; print(time.time() - float(sys.argv[1]))" "$start" > "$res/batch-typst.secs"
  ls "$work/typst-batch" | wc -l > "$res/batch-typst.count"
fi

# The full default build, cold, and serve's one-page rebuild.
hf "build-default" "$runs_small" "$k build --out $work/default"
peak "build-default" "$k" build --out "$work/default2"
if [ $quick = 0 ]; then
  cargo bench --quiet --bench serve 2>/dev/null | grep -E 'pages|median' > "$res/serve.txt" || true
fi

versions=$work/versions.txt
{
  echo "kintsugi $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
  have zola && zola --version
  have hugo && hugo version | cut -d' ' -f1-2
  have mdbook && mdbook --version
  have typst && typst --version
  have pandoc && pandoc --version | head -1
  have weasyprint && weasyprint --version
} > "$versions" 2>/dev/null || true
python3 bench/results.py "$res" "$versions" "$people" "$quick" > "$results.tmp"
mv "$results.tmp" "$results"
echo "wrote $results"
