#!/usr/bin/env python3
"""Turns benchmarks/out/results.tsv into the generated table of BENCHMARKS.md."""
import os, platform, statistics, subprocess, sys

results, scale, repeat = sys.argv[1], sys.argv[2], sys.argv[3]
rows = {}
for line in open(results):
    name, units, unit, wall, rss, load = line.rstrip("\n").split("\t")
    rows.setdefault(name, []).append((int(units), unit, float(wall), int(rss), float(load)))
def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()
swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
table = [f"Machine: {cpu()}, {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**30} GiB; {swift}; "
         f"scale {scale}; median of {repeat} runs (min–max); release build.", "",
         "| workload | wall time, median (min–max) | throughput | peak RSS | load avg |", "| --- | --- | --- | --- | --- |"]
for name, runs in rows.items():
    walls = [r[2] for r in runs]
    median = statistics.median(walls)
    units, unit = runs[0][0], runs[0][1]
    throughput = f"{units / median:,.0f} {unit}".replace(",", " ") if units and median > 0 else "–"
    rss = max(r[3] for r in runs) / 1024
    loads = [r[4] for r in runs]
    table.append(f"| {name} | {median:.2f} s ({min(walls):.2f}–{max(walls):.2f}) | {throughput} | {rss:.0f} MB | "
                 f"{min(loads):.1f}–{max(loads):.1f} |")
begin, end = "<!-- benchmarks/run: begin -->", "<!-- benchmarks/run: end -->"
path = "BENCHMARKS.md"
text = open(path).read() if os.path.exists(path) else f"# Benchmarks\n\n{begin}\n{end}\n"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w").write(head + begin + "\n" + "\n".join(table) + "\n" + end + tail)
print("\n".join(table))
