#!/usr/bin/env python3
"""Compare our search index with Pagefind's on the same built site, side by side.

Builds the bundled site, indexes it with Pagefind (`pagefind[bin]` from PyPI), and reports for
both: index size on disk, number of files, time to build the index, and the bytes a browser
downloads for a set of typical queries (the first query, which also fetches the search code,
and the following ones), measured in headless Chromium from the requests the server received
(Pagefind fetches from a Web Worker, which the page's Resource Timing does not see). Every
file is counted at its gzip size when gzip makes it smaller, as a web server would send it
(Pagefind's index files are compressed already). Writes bench/search-results.md.

Usage: python3 bench/search_compare.py   (make bench-search)
"""
import gzip
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "browser"))
from test_live_reload import browser, wait_for  # noqa: E402

BINARY = os.path.join(ROOT, ".build", "release", "desmigratif")
QUERIES = ["koperasi", "kenanga", "usaha produktif", "jawa timur", "pelatihan pengasuhan anak"]


def sent_size(path):
    data = open(path, "rb").read()
    return min(len(data), len(gzip.compress(data, 6)))


def folder_stats(folder):
    files = [os.path.join(d, f) for d, _, names in os.walk(folder) for f in names]
    return sum(os.path.getsize(f) for f in files), len(files)


def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


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
    return results


def main():
    work = tempfile.mkdtemp(prefix="desmigratif-search-bench-")
    try:
        ours_site = os.path.join(work, "ours")
        no_search_theme = os.path.join(work, "theme")
        shutil.copytree(os.path.join(ROOT, "themes", "default"), no_search_theme)
        os.remove(os.path.join(no_search_theme, "templates", "cari.mustache"))
        base = os.path.join(work, "base")
        # Index build time: the build with the search index minus the build without (medians).
        with_index = sorted(timed([BINARY, "build", "--output", os.path.join(work, f"w{i}")]) for i in range(3))[1]
        without = sorted(timed([BINARY, "build", "--theme", no_search_theme, "--output", os.path.join(work, f"n{i}")]) for i in range(3))[1]
        subprocess.run([BINARY, "build", "--output", ours_site], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([BINARY, "build", "--theme", no_search_theme, "--output", base], check=True, stdout=subprocess.DEVNULL)
        ours_bytes, ours_files = folder_stats(os.path.join(ours_site, "cari", "index"))
        ours_time = max(0.0, with_index - without)

        pagefind_site = os.path.join(work, "pagefind")
        shutil.copytree(base, pagefind_site)
        pagefind_time = sorted(timed([sys.executable, "-m", "pagefind", "--site", pagefind_site, "--output-subdir", "pagefind"]) for _ in range(3))[1]
        pf_bytes, pf_files = folder_stats(os.path.join(pagefind_site, "pagefind"))
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
                wait_for(lambda: d.execute_script("return document.querySelectorAll('#_cari-hasil li').length") > 0, 10)

            def pf_query(d, q):
                wait_for(lambda: d.execute_script("return window.ready === true"), 10)
                d.execute_script("window.run(arguments[0])", q)
                wait_for(lambda: d.execute_script("return window.done") == q, 10)

            ours = measure(driver, ours_server, f"http://127.0.0.1:{ours_server.server_address[1]}/cari/", ours_query, ours_site, ("/js/", "/cari/index/"))
            pf = measure(driver, pf_server, f"http://127.0.0.1:{pf_server.server_address[1]}/pf-test.html", pf_query, pagefind_site, ("/pagefind/",))
        finally:
            driver.quit()

        # Our page-level scripts are counted too (search.js, stemmer.js): they are what the first
        # query needs beyond the page itself, as Pagefind's pagefind.js and wasm are.
        lines = [
            "# Search index: desmigratif against Pagefind",
            "",
            f"Run {time.strftime('%Y-%m-%d')} by `make bench-search` on the bundled site (1,330+ pages, Indonesian and English); "
            f"Pagefind {subprocess.run([sys.executable, '-m', 'pagefind', '--version'], capture_output=True, text=True).stdout.split()[-1]}. "
            "Bytes are what a browser downloads (gzip size where gzip helps, as a server would send).",
            "",
            "| | desmigratif | Pagefind |",
            "|---|---:|---:|",
            f"| index size on disk | {ours_bytes / 1024:,.0f} KB | {pf_bytes / 1024:,.0f} KB |",
            f"| files | {ours_files:,} | {pf_files:,} |",
            f"| time to build the index | {ours_time:.2f} s | {pagefind_time:.2f} s |",
        ]
        for (q, ob, on), (_, pb, pn) in zip(ours, pf):
            lines.append(f"| query `{q}` | {ob / 1024:.1f} KB ({on} files) | {pb / 1024:.1f} KB ({pn} files) |")
        o_first, p_first = ours[0][1], pf[0][1]
        o_next, p_next = sum(b for _, b, _ in ours[1:]) / (len(ours) - 1), sum(b for _, b, _ in pf[1:]) / (len(pf) - 1)
        lines += ["", f"First query: desmigratif {o_first / 1024:.1f} KB, Pagefind {p_first / 1024:.1f} KB. "
                  f"Each later query on average: desmigratif {o_next / 1024:.1f} KB, Pagefind {p_next / 1024:.1f} KB."]
        with open(os.path.join(HERE, "search-results.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print("\n".join(lines))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
