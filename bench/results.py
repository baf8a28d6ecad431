#!/usr/bin/env python3
"""Turns the measurements bench/peers.sh collected into bench/RESULTS.md (on stdout).

Usage: results.py RESULTS_DIR VERSIONS_FILE PEOPLE QUICK
"""
import datetime
import json
import os
import platform
import subprocess
import sys

res, versions_file, people, quick = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"


def read(name):
    path = os.path.join(res, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        text = f.read().strip()
    return text or None


def timing(name):
    """(median s, CPU s per run) from a hyperfine export, or None."""
    text = read(name + ".json")
    if text is None:
        return None
    r = json.loads(text)["results"][0]
    return r["median"], r["user"] + r["system"]


def rss_mb(name):
    v = read(name + ".rss")
    return int(v) / 1024 if v else None


def ms(s):
    if s is None:
        return "–"
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def mb(v):
    return "–" if v is None else f"{v:.0f} MB"


def ratio(a, b):
    return "–" if a is None or b is None else f"{a / b:.2f}"


def machine():
    cpu = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        cpu = next((l.split(":", 1)[1].strip() for l in out.splitlines() if l.startswith("Model name")), "")
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem}, {platform.system()} {platform.release()}"


out = []
w = out.append
w("# kintsugi beside its peers")
w("")
w(f"Written by `bench/peers.sh` on {datetime.date.today().isoformat()}"
  + (" in its `--quick` form (fewer runs, smaller batch, no 10,000-page size): a smoke run, not a measurement." if quick else "."))
w("")
w(f"Machine: {machine()}.")
w("")
w("Versions: " + "; ".join(l.strip() for l in open(versions_file) if l.strip()) + ".")
w("")
w("Every tool builds the same synthetic text, written by `benchkit synth` "
  "(examples/benchkit.rs) in the default program's shape. Times are medians "
  "of hyperfine runs of a cold process; CPU is user + system time per run; "
  "memory is the peak resident set of one run (GNU time). A ratio is "
  "kintsugi's time divided by the peer's: below 1 means kintsugi is faster.")
w("")

w("## Guide site")
w("")
w("kintsugi's site here is the site alone (`benchkit site`): the pages, search "
  "index and assets, without the PDFs a full build also makes, as the peers' "
  "sites have none.")
w("")
w("| size | tool | HTML pages | median | CPU | peak memory | kintsugi / tool |")
w("|---|---|---|---|---|---|---|")
for s in ["80", "1000", "10000"]:
    k = timing(f"site-kintsugi-{s}")
    if k is None:
        continue
    for tool in ["kintsugi", "zola", "hugo", "mdbook"]:
        t = timing(f"site-{tool}-{s}")
        if t is None:
            continue
        pages = read(f"site-{tool}-{s}.pages") or "–"
        w(f"| {s} | {tool} | {pages} | {ms(t[0])} | {ms(t[1])} | {mb(rss_mb(f'site-{tool}-{s}'))} | "
          + ("" if tool == "kintsugi" else f"{ratio(k[0], t[0])} (CPU {ratio(k[1], t[1])})") + " |")
w("")
if timing("site-zola-80") is None:
    w("Zola could not be installed on this machine (it is not published on the "
      "crate registry and has no Debian or PyPI package), so it is not measured "
      "here; the issue's figures for Zola 0.22 on this machine kind were "
      "0.035 s / 0.24 s / about 5 s and 150 MB at 10,000 pages.")
    w("")

w("## Workbook PDF")
w("")
w("| content | tool | PDF pages | median | CPU | size | peak memory | kintsugi / tool |")
w("|---|---|---|---|---|---|---|---|")
for s in ["80", "80img", "1000"]:
    k = timing(f"pdf-kintsugi-{s}")
    rows = [("kintsugi", f"pdf-kintsugi-{s}", f"k{s}"),
            ("typst (tagged, its default)", f"pdf-typst-{s}", f"t{s}"),
            ("typst --no-pdf-tags", f"pdf-typstuntagged-{s}", f"tu{s}"),
            ("pandoc + WeasyPrint", f"pdf-weasyprint-{s}", f"w{s}")]
    for label, key, file in rows:
        t = timing(key)
        if t is None:
            continue
        size = read(f"size-{file}")
        size = f"{int(size) / 1024:.0f} KB" if size else "–"
        mem = rss_mb(key)
        what = "80-page program with 10 pictures" if s == "80img" else f"{s}-page program"
        w(f"| {what} | {label} | {read(f'pages-{file}') or '–'} | {ms(t[0])} | {ms(t[1])} | {size} | {mb(mem)} | "
          + ("" if label == "kintsugi" else ratio(k[0], t[0]) if k else "–") + " |")
w("")
w("The pictures: six JPEG photos of 2000 × 1333 px, two PNG drawings with alpha of 1600 × 1000 px and two SVG diagrams, in the program and in the Typst document alike.")
w("")
w("Personalised copy (names and dated weeks):")
w("")
w("| content | tool | median | kintsugi / tool |")
w("|---|---|---|---|")
for s in ["80", "1000"]:
    k = timing(f"pdfp-kintsugi-{s}")
    t = timing(f"pdfp-typst-{s}")
    if k:
        w(f"| {s}-page program | kintsugi | {ms(k[0])} | |")
    if t:
        w(f"| {s}-page program | typst | {ms(t[0])} | {ratio(k[0], t[0]) if k else '–'} |")
w("")

w("## Batch")
w("")
ks = read("batch-kintsugi.secs")
ts = read("batch-typst.secs")
w("| tool | workbooks | wall time | per second | peak memory | kintsugi / tool |")
w("|---|---|---|---|---|---|")
if ks:
    n = int(read("batch-kintsugi.count") or 0)
    w(f"| kintsugi batch (each person's workbook and worksheets) | {n} | {float(ks):.1f} s | {n / float(ks):.1f} | {mb(rss_mb('batch-kintsugi'))} | |")
if ts:
    n = int(read("batch-typst.count") or 0)
    w(f"| typst, one compile per person, two at a time | {n} | {float(ts):.1f} s | {n / float(ts):.1f} | – | {ratio(float(ks), float(ts)) if ks else '–'} |")
w("")

w("## kintsugi alone")
w("")
b = timing("build-default")
if b:
    goal = "goal met" if b[0] < 0.150 else "goal NOT met"
    w(f"- Full build of the default program (site, workbook, worksheets), cold process: median {ms(b[0])}, CPU {ms(b[1])}, peak {mb(rss_mb('build-default'))} (goal: under 150 ms; {goal}).")
serve = read("serve.txt")
if serve:
    w("- Serve, from saving a week's file to its page being served again (`cargo bench --bench serve`):")
    w("")
    w("```")
    w(serve)
    w("```")
print("\n".join(out))
