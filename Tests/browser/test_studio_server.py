"""The studio's refusals through the real server (`desmigratif serve`), over HTTP: a foreign
Host is misdirected (421), a cross-origin POST, a missing token, a path with `..` and a
symlink out of content/ are refused (403) and write nothing; a non-loopback --host without a
password does not start; --no-studio serves no studio.

Run by `make browser-test` (no browser needed).
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from test_live_reload import BINARY, ROOT, free_port, wait_for


class StudioServerTest(unittest.TestCase):
    def start(self, *arguments):
        port = free_port()
        log = open(os.path.join(self.work, f"serve-{port}.log"), "w", encoding="utf-8")
        self.addCleanup(log.close)
        server = subprocess.Popen([BINARY, "serve", "--port", str(port), *arguments], cwd=self.work, stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(lambda: (server.terminate(), server.wait(timeout=10)))
        def started():
            with open(log.name, encoding="utf-8") as reader:
                return "Pratinjau di" in reader.read()
        self.assertTrue(wait_for(started, 90), "the preview server did not start")
        return port

    def request(self, port, method, path, headers=None, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        all_headers = {"Host": f"127.0.0.1:{port}"}
        all_headers.update(headers or {})
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), data

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="desmigratif-studio-server-")
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(self.work, "content"))
        shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(self.work, "themes"))
        self.outside = os.path.join(self.work, "luar.md")
        with open(self.outside, "w", encoding="utf-8") as file:
            file.write("di luar\n")
        os.symlink(self.outside, os.path.join(self.work, "content", "desa", "tautan.md"))
        self.addCleanup(shutil.rmtree, self.work, True)

    def snapshot(self):
        files = {}
        for root, _, names in os.walk(os.path.join(self.work, "content")):
            for name in names:
                path = os.path.join(root, name)
                if not os.path.islink(path):
                    with open(path, "rb") as file:
                        files[path] = file.read()
        with open(self.outside, "rb") as file:
            files[self.outside] = file.read()
        return files

    def test_refusals_over_http_write_nothing(self):
        port = self.start()
        status, headers, body = self.request(port, "GET", "/_studio/")
        self.assertEqual(status, 200)
        cookie = headers["Set-Cookie"].split(";")[0]
        token = re.search(rb'name="studio-token" content="([0-9a-f]+)"', body).group(1).decode()
        origin = f"http://127.0.0.1:{port}"

        def save(path, **extra):
            headers = {"Cookie": cookie, "X-Studio-Token": token, "Origin": origin, "Content-Type": "application/json"}
            headers.update(extra)
            headers = {k: v for k, v in headers.items() if v is not None}
            payload = json.dumps({"berkas": path, "base": "", "fields": {}, "body": "ditimpa\n"})
            return self.request(port, "POST", "/_studio/api/simpan", headers, payload)[0]

        before = self.snapshot()
        self.assertEqual(self.request(port, "GET", "/_studio/", {"Host": f"attacker.example:{port}"})[0], 421)
        self.assertEqual(save("desa/baru.md", Host=f"attacker.example:{port}"), 421)
        self.assertEqual(save("desa/baru.md", Origin="http://attacker.example"), 403)
        self.assertEqual(save("desa/baru.md", **{"X-Studio-Token": None}), 403)
        self.assertEqual(save("../luar.md"), 403)
        self.assertEqual(save("desa/../../luar.md"), 403)
        self.assertEqual(save("desa/tautan.md"), 403)
        self.assertEqual(self.request(port, "GET", "/_studio/sunting?berkas=%2e%2e%2fluar.md", {"Cookie": cookie})[0], 403)
        self.assertEqual(self.request(port, "GET", "/_studio/sunting?berkas=desa%2F..%2F..%2Fluar.md", {"Cookie": cookie})[0], 403)
        # A body of undeclared length (chunked) is refused before it is read; so is a large one.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        connection.putrequest("POST", "/_studio/api/simpan", skip_host=True)
        for name, value in {"Host": f"127.0.0.1:{port}", "Cookie": cookie, "X-Studio-Token": token, "Origin": origin,
                            "Content-Type": "application/json", "Transfer-Encoding": "chunked"}.items():
            connection.putheader(name, value)
        connection.endheaders()
        connection.send(b"5\r\n{\"a\":\r\n0\r\n\r\n")
        self.assertEqual(connection.getresponse().status, 411)
        connection.close()
        # The size is judged from the declared length: only the headers and a first piece are
        # sent (sending all 3 MB would race the server's early answer and reset the socket).
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        connection.putrequest("POST", "/_studio/api/gambar?nama=besar.png", skip_host=True)
        for name, value in {"Host": f"127.0.0.1:{port}", "Cookie": cookie, "X-Studio-Token": token, "Origin": origin,
                            "Content-Type": "application/octet-stream", "Content-Length": str(3 << 20)}.items():
            connection.putheader(name, value)
        connection.endheaders()
        connection.send(b"\x89PNG\r\n\x1a\n")
        self.assertEqual(connection.getresponse().status, 413)
        connection.close()
        self.assertEqual(self.snapshot(), before, "a refused request changed a file")
        # The positive control: the same request from the studio's page is accepted.
        self.assertEqual(save("desa/baru.md"), 200)
        self.assertTrue(os.path.exists(os.path.join(self.work, "content", "desa", "baru.md")))

    def test_a_studio_beyond_loopback_needs_a_password(self):
        result = subprocess.run([BINARY, "serve", "--host", "0.0.0.0", "--port", str(free_port())], cwd=self.work,
                                capture_output=True, text=True, timeout=60)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("--password", result.stdout + result.stderr)

    def test_no_studio_serves_no_studio(self):
        port = self.start("--no-studio")
        self.assertEqual(self.request(port, "GET", "/_studio/")[0], 404)
        self.assertEqual(self.request(port, "POST", "/_studio/api/simpan", {}, "{}")[0], 405)


if __name__ == "__main__":
    unittest.main()
