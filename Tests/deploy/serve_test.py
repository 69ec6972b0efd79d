#!/usr/bin/env python3
"""Serves a site built with `--precompress` through the nginx configuration of docs/deploy.md
(the ```nginx block, with the test's folder and port), in Debian's nginx with its Brotli module,
and checks over HTTP what a reader's browser gets: the Brotli, gzip or plain bytes by
Accept-Encoding (each the file on disk), Vary, content types with charset, year-long caching of
fingerprinted assets only, the security headers, and the 404 page.

Usage: serve_test.py SITE DEPLOY_MD. Standard library only; exits 1 on any failed check."""

import glob
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    site, deploy_md = os.path.abspath(sys.argv[1]), sys.argv[2]
    text = open(deploy_md, encoding="utf-8").read()
    blocks = re.findall(r"```nginx\n(.*?)```", text, re.S)
    if len(blocks) != 1:
        sys.exit(f"{deploy_md}: expected one ```nginx block, found {len(blocks)}")
    port = free_port()
    server = blocks[0].replace("listen 80;", f"listen 127.0.0.1:{port};").replace("/srv/desmigratif/public", site)
    work = tempfile.mkdtemp(prefix="desmigratif-nginx-")
    os.makedirs(os.path.join(work, "logs"))
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"load_module {MODULE};\nerror_log {work}/logs/error.log warn;\npid {work}/nginx.pid;\n"
                f"worker_processes 1;\nevents {{ worker_connections 64; }}\n"
                f"http {{\n access_log off;\n client_body_temp_path {work}/body;\n proxy_temp_path {work}/proxy;\n"
                f" fastcgi_temp_path {work}/fastcgi;\n uwsgi_temp_path {work}/uwsgi;\n scgi_temp_path {work}/scgi;\n"
                f" default_type application/octet-stream;\n{server}\n}}\n")
    nginx = subprocess.Popen(["nginx", "-p", work, "-c", conf, "-g", "daemon off;"], stderr=subprocess.PIPE)
    failures = []

    def check(name, ok, detail=""):
        print(("ok   " if ok else "FAIL ") + name + (f" ({detail})" if detail and not ok else ""))
        if not ok:
            failures.append(name)

    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if nginx.poll() is not None:
                    sys.exit("nginx stopped:\n" + nginx.stderr.read().decode())
                time.sleep(0.05)

        def get(path, encoding=None):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
            response = connection.getresponse()
            body = response.read()
            headers = {k.lower(): v for k, v in response.getheaders()}
            connection.close()
            return response.status, headers, body

        css = "/" + os.path.relpath(glob.glob(os.path.join(site, "css/style.*.css"))[0], site)
        search = "/" + os.path.relpath(glob.glob(os.path.join(site, "js/search.*.js"))[0], site)
        cases = [
            ("/", "index.html", "text/html; charset=utf-8", "no-cache"),
            ("/desa/jawa-barat/indramayu/kenanga/", "desa/jawa-barat/indramayu/kenanga/index.html", "text/html; charset=utf-8", "no-cache"),
            (css, css[1:], "text/css; charset=utf-8", "public, max-age=31536000, immutable"),
            (search, search[1:], "application/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
            ("/data/datapackage.json", "data/datapackage.json", "application/json; charset=utf-8", "no-cache"),
            ("/data/desa-per-tahun.csv", "data/desa-per-tahun.csv", "text/csv; charset=utf-8", "no-cache"),
            ("/sitemap.xml", "sitemap.xml", "application/xml; charset=utf-8", "no-cache"),
            ("/cari/index/id/meta.json", "cari/index/id/meta.json", "application/json; charset=utf-8", "no-cache"),
        ]
        for path, file, content_type, cache in cases:
            plain = open(os.path.join(site, file), "rb").read()
            for encoding, suffix, expected_encoding in [("br, gzip", ".br", "br"), ("gzip", ".gz", "gzip"), (None, "", None)]:
                status, headers, body = get(path, encoding)
                on_disk = open(os.path.join(site, file + suffix), "rb").read()
                label = f"{path} [{encoding or 'identity'}]"
                check(f"{label} 200", status == 200, status)
                check(f"{label} bytes are {file + suffix}", body == on_disk, f"{len(body)} vs {len(on_disk)} bytes")
                check(f"{label} Content-Encoding", headers.get("content-encoding") == expected_encoding, headers.get("content-encoding"))
                check(f"{label} Content-Type", headers.get("content-type") == content_type, headers.get("content-type"))
                check(f"{label} Cache-Control", headers.get("cache-control") == cache, headers.get("cache-control"))
                check(f"{label} X-Content-Type-Options", headers.get("x-content-type-options") == "nosniff")
                if expected_encoding:
                    check(f"{label} Vary", "accept-encoding" in headers.get("vary", "").lower(), headers.get("vary"))
                    check(f"{label} smaller than the original", len(body) < len(plain) or len(plain) < 200, f"{len(body)} vs {len(plain)}")
            status, headers, _ = get(path)
            if content_type.startswith("text/html"):
                check(f"{path} Content-Security-Policy", "default-src 'self'" in headers.get("content-security-policy", ""))
        status, headers, body = get("/tidak/ada/", "br")
        check("missing page: 404 with the site's 404 page", status == 404 and body == open(os.path.join(site, "404.html.br"), "rb").read(),
              f"{status}, {len(body)} bytes")
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
