#!/usr/bin/env python3
"""Compare our search index with Pagefind's on the same built site, side by side.

Builds a site (the bundled one, or with N=... the benchmark corpus of N villages from
bench/corpus.py), indexes the same pages with Pagefind (`pagefind[bin]` from PyPI), and reports for
both: index size on disk and files, time and peak memory to build the index, and the bytes and
requests a browser makes for a fixed set of queries (the first query, which also fetches the
search code, and the following ones), measured in headless Chromium from the requests the server
received (Pagefind fetches from a Web Worker, which the page's Resource Timing does not see). Every
file is counted at its gzip size when gzip makes it smaller, as a web server would send it
(Pagefind's index files are compressed already). Our index time is the build with the search page
minus the build without it; Pagefind's is its own run over the site built without it.

Usage: python3 bench/search_compare.py          (make bench-search)
       N=10000 python3 bench/search_compare.py  (N=10000 make bench-search; RUNS=1 for one run;
                                                PAIRS=7 for seven pairs of our builds, RUNS for Pagefind's;
                                                with 6 pairs or more the index's share of the build
                                                is given with a 95 % interval for its median)
Writes bench/search-results.md, or bench/search-results-N.md.
"""
import gzip
import http.server
import os
import platform
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from statistics import median  # of an even count, the mean of the two middle values

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "browser"))
from test_live_reload import browser, wait_for  # noqa: E402
from stats import median_interval  # noqa: E402

BINARY = os.path.join(ROOT, ".build", "release", "desmigratif")
QUERIES = ["koperasi", "kenanga", "usaha produktif", "jawa timur", "pelatihan pengasuhan anak"]


def sent_size(path):
    data = open(path, "rb").read()
    return min(len(data), len(gzip.compress(data, 6)))


def folder_stats(folder):
    files = [os.path.join(d, f) for d, _, names in os.walk(folder) for f in names]
    return sum(os.path.getsize(f) for f in files), len(files)


def run_timed(command):
    """Wall seconds, peak memory (MB) and CPU seconds (user + system) of one command, from GNU
    time. CPU time is the steadier figure on a shared machine."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    wall, rss, user, system = result.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024, float(user) + float(system)


def spread(added, whole):
    """How sure the median of the pairs' differences is, as shares of `whole`: its 95 %
    interval (`stats.median_interval`) when there are pairs enough, and the pairs' range."""
    interval = median_interval(added)
    whole = max(whole, 1e-9)
    shown = f"95 % interval of the median {100 * interval[0] / whole:.0f} to {100 * interval[1] / whole:.0f} %; " if interval else ""
    return shown + f"pairs {min(added):.2f} to {max(added):.2f} s"


def serve(folder):
    """A static server that records the path of every request it answers."""
    requested = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=folder, **kwargs)

        def log_message(self, *args):
            pass

        def do_GET(self):
            requested.append(self.path.split("?")[0])
            super().do_GET()

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.requested = requested
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def measure(driver, server, url, run_query, folder, prefixes):
    """Bytes of the search code and index (paths under `prefixes`) each query made the browser
    fetch, from the server's own record of requests."""
    driver.get(url)
    seen = set()
    results = []
    for query in QUERIES:
        run_query(driver, query)
        time.sleep(0.5)
        new = []
        for path in server.requested:
            local = os.path.join(folder, path.lstrip("/"))
            if path not in seen and path.startswith(prefixes) and os.path.isfile(local):
                new.append(path)
                seen.add(path)
        results.append((query, sum(sent_size(os.path.join(folder, n.lstrip("/"))) for n in new), len(new)))
        print(f"{url.split('/')[-1] or 'ours'} {query!r}: {results[-1][1] / 1024:.1f} KB in {len(new)} requests", flush=True)
    return results


def main():
    n = os.environ.get("N")
    runs = int(os.environ.get("RUNS", "3"))
    if n:
        corpus = os.path.join(HERE, "out", f"corpus-{n}")
        if not os.path.exists(os.path.join(corpus, "ours", "content", "data", "desa.json")):
            subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), n, corpus], check=True)
        content = os.path.join(corpus, "ours", "content")
        subject = f"the benchmark corpus of {int(n):,} villages (`bench/corpus.py`)"
    else:
        content = os.path.join(ROOT, "content")
        subject = "the bundled site"
    # Outputs on tmpfs when there is one (as bench/run.py): the disk's speed is not what is compared.
    work = tempfile.mkdtemp(prefix="desmigratif-search-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        no_search_theme = os.path.join(work, "theme")
        shutil.copytree(os.path.join(ROOT, "themes", "default"), no_search_theme)
        os.remove(os.path.join(no_search_theme, "templates", "cari.mustache"))
        # Index build time: the build with the search page minus the build without, in pairs
        # (PAIRS, default RUNS) whose order alternates; the median of the pairs' differences, so
        # that the machine's drift between pairs (here up to 20 % over minutes) cancels out and
        # neither build is always the one run first. Each build's last output is removed just
        # before it, so that every build follows the same removal: both removed at the start of
        # a pair put some 24,000 files' removal (10,000 villages) before whichever build ran
        # first, which made it 15–25 ms slower (medians of 8 builds at each place), and with an
        # odd number of pairs the median leaned toward the build run first more often (an even
        # number runs each first as often). The last outputs are the sites measured.
        pairs = int(os.environ.get("PAIRS", str(runs)))
        with_index, without = [], []
        for i in range(pairs):
            builds = [(with_index, "ours", [BINARY, "build", "--content", content, "--output", os.path.join(work, "ours")]),
                      (without, "base", [BINARY, "build", "--content", content, "--theme", no_search_theme, "--output", os.path.join(work, "base")])]
            for results, sub, command in builds if i % 2 == 0 else builds[::-1]:
                shutil.rmtree(os.path.join(work, sub), ignore_errors=True)
                results.append(run_timed(command))
        ours_site, base = os.path.join(work, "ours"), os.path.join(work, "base")
        ours_bytes, ours_files = folder_stats(os.path.join(ours_site, "cari", "index"))
        build_with, build_without = median([w for w, _, _ in with_index]), median([w for w, _, _ in without])
        wall_added = [w - b for (w, _, _), (b, _, _) in zip(with_index, without)]
        cpu_added = [w - b for (_, _, w), (_, _, b) in zip(with_index, without)]
        ours_time, ours_cpu = median(wall_added), median(cpu_added)
        cpu_without = median([c for _, _, c in without])
        ours_peak, base_peak = median([m for _, m, _ in with_index]), median([m for _, m, _ in without])

        print(f"builds: with the index {build_with:.2f} s, without {build_without:.2f} s; added per pair (wall) "
              + ", ".join(f"{d:.2f}" for d in wall_added) + " s, (CPU) " + ", ".join(f"{d:.2f}" for d in cpu_added) + " s", flush=True)
        pagefind_site = os.path.join(work, "pagefind")
        shutil.copytree(base, pagefind_site)
        pf_runs = [run_timed([sys.executable, "-m", "pagefind", "--site", pagefind_site, "--output-subdir", "pagefind"]) for _ in range(runs)]
        pagefind_time, pagefind_peak = median([w for w, _, _ in pf_runs]), median([m for _, m, _ in pf_runs])
        pagefind_cpu = median([c for _, _, c in pf_runs])
        pf_bytes, pf_files = folder_stats(os.path.join(pagefind_site, "pagefind"))
        print(f"Pagefind: {pagefind_time:.2f} s, {pf_files:,} files", flush=True)
        with open(os.path.join(pagefind_site, "pf-test.html"), "w") as f:
            f.write("<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><title>pf</title></head><body><script type='module'>"
                    "window.pf = await import('/pagefind/pagefind.js'); await window.pf.options({}); window.ready = true;"
                    "window.run = async (q) => { const r = await window.pf.search(q); await Promise.all(r.results.slice(0, 30).map(x => x.data())); window.done = q; };"
                    "</script></body></html>")

        driver = browser()
        try:
            ours_server, pf_server = serve(ours_site), serve(pagefind_site)

            def ours_query(d, q):
                box = d.find_element("id", "_q")
                box.clear()
                box.send_keys(q)
                assert wait_for(lambda: d.execute_script("return document.getElementById('_pencarian').dataset.shown") == q, 120), f"no results for {q!r}"

            def pf_query(d, q):
                assert wait_for(lambda: d.execute_script("return window.ready === true"), 120), "Pagefind did not load"
                d.execute_script("window.run(arguments[0])", q)
                assert wait_for(lambda: d.execute_script("return window.done") == q, 900), f"Pagefind did not answer {q!r}"

            ours = measure(driver, ours_server, f"http://127.0.0.1:{ours_server.server_address[1]}/cari/", ours_query, ours_site, ("/js/", "/cari/index/"))
            pf = measure(driver, pf_server, f"http://127.0.0.1:{pf_server.server_address[1]}/pf-test.html", pf_query, pagefind_site, ("/pagefind/",))
        finally:
            driver.quit()

        # Our page-level scripts are counted too (search.js, stemmer.js): they are what the first
        # query needs beyond the page itself, as Pagefind's pagefind.js and wasm are.
        version = subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True).stdout.split()[-1]
        pages = sum(1 for _, _, names in os.walk(base) for name in names if name.endswith(".html"))
        lines = [
            f"# Search index: desmigratif against Pagefind, {subject}",
            "",
            f"Run {time.strftime('%Y-%m-%d')} by `{'N=' + n + ' ' if n else ''}make bench-search` on {platform.machine()}, "
            f"{os.cpu_count()} cores; {pages:,} HTML pages; Pagefind {version}; medians of {runs} run(s) of Pagefind and of "
            f"{pairs} pair(s) of our builds with and without the index, in alternating order. "
            "Bytes are what a browser downloads for the query (gzip size where gzip helps, as a server would send), "
            "requests are files fetched.",
            "",
            "| | desmigratif | Pagefind |",
            "|---|---:|---:|",
            f"| index size on disk | {ours_bytes / 1024:,.0f} KB | {pf_bytes / 1024:,.0f} KB |",
            f"| files | {ours_files:,} | {pf_files:,} |",
            f"| time to build the index (wall) | {ours_time:.2f} s ({100 * ours_time / max(build_without, 1e-9):.0f} % of the {build_without:.2f} s build; "
            f"{spread(wall_added, build_without)}) | {pagefind_time:.2f} s |",
            f"| CPU time to build the index | {ours_cpu:.2f} s ({100 * ours_cpu / max(cpu_without, 1e-9):.0f} % of the build's {cpu_without:.2f} s; "
            f"{spread(cpu_added, cpu_without)}) | {pagefind_cpu:.2f} s |",
            f"| peak memory | {ours_peak:,.0f} MB (build with index; {base_peak:,.0f} MB without) | {pagefind_peak:,.0f} MB |",
        ]
        for (q, ob, on), (_, pb, pn) in zip(ours, pf):
            lines.append(f"| query `{q}` | {ob / 1024:.1f} KB ({on} requests) | {pb / 1024:.1f} KB ({pn} requests) |")
        o_first, p_first = ours[0][1], pf[0][1]
        o_next, p_next = sum(b for _, b, _ in ours[1:]) / (len(ours) - 1), sum(b for _, b, _ in pf[1:]) / (len(pf) - 1)
        o_max = max(b for _, b, _ in ours)
        lines += ["", f"First query: desmigratif {o_first / 1024:.1f} KB, Pagefind {p_first / 1024:.1f} KB "
                  f"(ours/Pagefind {o_first / max(p_first, 1):.2f}). "
                  f"Each later query on average: desmigratif {o_next / 1024:.1f} KB, Pagefind {p_next / 1024:.1f} KB "
                  f"(ours/Pagefind {o_next / max(p_next, 1):.2f}). Largest query of ours: {o_max / 1024:.1f} KB."]
        name = f"search-results-{n}.md" if n else "search-results.md"
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print("\n".join(lines))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
