#!/usr/bin/env python3
"""Benchmark desmigratif against Hugo on the same corpus, side by side in one run.

For each size N (503, 10,000 and 83,762 villages by default) it writes the corpus
(bench/corpus.py), then builds it repeatedly with `desmigratif build` and a minimal theme
comparable to the Hugo templates (title, breadcrumb, rendered body, a list page per regency),
and with Debian's `hugo`, alternating which goes first. Outputs go to tmpfs (/dev/shm) and are
removed before each build, so both tools build from scratch and neither pays for the file
system's bookkeeping of the other's deletions. It reports medians of wall time, pages per
second, peak memory and the ratio ours/Hugo; then the full default theme (statistics, every
page kind) separately. Results go to bench/results.md; the last line printed is
`ratio ours/hugo at N=10000: X.XX`.

Usage: python3 bench/run.py [--sizes 503,10000,83762] [--runs 5] [--binary PATH]
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def measure(command):
    """Wall seconds and peak RSS (KB) of one command, from GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    wall, rss = result.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss)


def count_pages(folder):
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.endswith(".html"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="503,10000,83762")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "desmigratif"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    scratch = "/dev/shm/desmigratif-bench" if os.path.isdir("/dev/shm") else os.path.join(HERE, "out", "scratch")
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    rows, full_rows = [], []
    for n in sizes:
        corpus = os.path.join(HERE, "out", f"corpus-{n}")
        if not os.path.exists(os.path.join(corpus, "ours", "content", "data", "desa.json")):
            subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), str(n), corpus], check=True)
        runs = max(3, args.runs if n < 50000 else 3)
        ours_out, hugo_out = os.path.join(scratch, "ours"), os.path.join(scratch, "hugo")
        ours_cmd = [args.binary, "build", "--content", os.path.join(corpus, "ours", "content"),
                    "--theme", os.path.join(HERE, "theme-minimal"), "--output", ours_out]
        hugo_cmd = ["hugo", "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", hugo_out]
        ours, hugo = [], []
        for run in range(runs):
            order = [("ours", ours_cmd, ours_out, ours), ("hugo", hugo_cmd, hugo_out, hugo)]
            for _, command, out, results in (order if run % 2 == 0 else reversed(order)):
                shutil.rmtree(out, ignore_errors=True)
                results.append(measure(command))
        pages_ours, pages_hugo = count_pages(ours_out), count_pages(hugo_out)
        wall_ours, wall_hugo = statistics.median(w for w, _ in ours), statistics.median(w for w, _ in hugo)
        rows.append({
            "n": n, "runs": runs, "ours": wall_ours, "hugo": wall_hugo, "ratio": wall_ours / wall_hugo,
            "pages_ours": pages_ours, "pages_hugo": pages_hugo,
            "rss_ours": max(r for _, r in ours) / 1024, "rss_hugo": max(r for _, r in hugo) / 1024,
        })
        print(f"N={n}: ours {wall_ours:.2f} s ({pages_ours} pages), hugo {wall_hugo:.2f} s ({pages_hugo} pages), "
              f"ratio {wall_ours / wall_hugo:.2f}", flush=True)

        full_out = os.path.join(scratch, "full")
        full_cmd = [args.binary, "build", "--content", os.path.join(corpus, "ours", "content"),
                    "--theme", os.path.join(ROOT, "themes", "default"), "--output", full_out]
        # The full theme, then the same with --precompress (.br and .gz beside every text file),
        # alternating; both against Hugo's minimal-template time of this run.
        full, compressed = [], []
        for run in range(3 if n < 50000 else 2):
            for command, results in ([(full_cmd, full), (full_cmd + ["--precompress"], compressed)][::1 if run % 2 == 0 else -1]):
                shutil.rmtree(full_out, ignore_errors=True)
                results.append(measure(command))
        pages_full = count_pages(full_out)
        full_rows.append({"n": n, "wall": statistics.median(w for w, _ in full), "rss": max(r for _, r in full) / 1024, "pages": pages_full,
                          "compressed": statistics.median(w for w, _ in compressed), "compressed_rss": max(r for _, r in compressed) / 1024,
                          "hugo": wall_hugo})
        print(f"N={n}: full default theme {full_rows[-1]['wall']:.2f} s ({pages_full} pages, {full_rows[-1]['wall'] / wall_hugo:.2f} of Hugo minimal), "
              f"peak {full_rows[-1]['rss']:.0f} MB; with --precompress {full_rows[-1]['compressed']:.2f} s", flush=True)
        shutil.rmtree(scratch, ignore_errors=True)

    cores = os.cpu_count()
    lines = [
        "# Benchmark: desmigratif against Hugo",
        "",
        f"Run {time.strftime('%Y-%m-%d')} by `make bench` on {platform.machine()}, {cores} cores; Hugo {hugo_version} (Debian); "
        f"medians of the runs shown; outputs on tmpfs, built from scratch each run, alternating which tool goes first.",
        "",
        "## Comparable work (minimal theme vs Hugo templates)",
        "",
        "| villages | runs | ours (s) | Hugo (s) | ours/Hugo | ours pages | Hugo pages | ours pages/s | Hugo pages/s | ours ms/page | Hugo ms/page | ours peak MB | Hugo peak MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['runs']} | {r['ours']:.2f} | {r['hugo']:.2f} | **{r['ratio']:.2f}** | {r['pages_ours']:,} | {r['pages_hugo']:,} | "
                     f"{r['pages_ours'] / r['ours']:,.0f} | {r['pages_hugo'] / r['hugo']:,.0f} | {1000 * r['ours'] / r['pages_ours']:.3f} | "
                     f"{1000 * r['hugo'] / r['pages_hugo']:.3f} | {r['rss_ours']:.0f} | {r['rss_hugo']:.0f} |")
    lines += ["", "## Full default theme (every page kind, statistics, downloads, search index)", "",
              "Against Hugo's time with the minimal templates in the same run; `--precompress` also writes `.br` and `.gz` beside every text file.", "",
              "| villages | seconds | pages | ms/page | ÷ Hugo minimal | peak MB | with --precompress (s) | ÷ Hugo minimal | peak MB |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in full_rows:
        lines.append(f"| {r['n']:,} | {r['wall']:.2f} | {r['pages']:,} | {1000 * r['wall'] / r['pages']:.3f} | **{r['wall'] / r['hugo']:.2f}** | {r['rss']:.0f} | "
                     f"{r['compressed']:.2f} | **{r['compressed'] / r['hugo']:.2f}** | {r['compressed_rss']:.0f} |")
    with open(os.path.join(HERE, "results.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    headline = next((r for r in rows if r["n"] == 10000), rows[-1])
    print(f"ratio ours/hugo at N={headline['n']}: {headline['ratio']:.2f}")


if __name__ == "__main__":
    main()
