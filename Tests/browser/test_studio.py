"""The studio in a real headless Chromium, on a copy of the bundled site served by
`desmigratif serve`: editing Kenanga changes exactly the edited lines; a narrative and a news
draft are created; a conflicting edit on disk is caught with nothing lost; an error typed into
the front matter shows at its field and line, and saving it is allowed but flagged; the
keyboard alone edits and saves; axe-core finds nothing serious; the studio adds nothing to the
built site; history records and restores versions.

With STUDIO_SCREENSHOTS=<folder> (`make screenshots`), the pages the editors' guide shows are
saved there as PNG.

Run by `make browser-test`.
"""
import difflib
import filecmp
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains

from test_live_reload import BINARY, ROOT, browser, free_port, wait_for

SCREENSHOTS = os.environ.get("STUDIO_SCREENSHOTS")


def dircmp_differences(left, right):
    """Paths that differ between two folders (missing on either side, or different bytes)."""
    found = []
    comparison = filecmp.dircmp(left, right)
    stack = [("", comparison)]
    while stack:
        prefix, node = stack.pop()
        found += [prefix + name for name in node.left_only + node.right_only]
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        found += [prefix + name for name in mismatch + errors]
        stack += [(prefix + name + "/", sub) for name, sub in node.subdirs.items()]
    return found


class StudioTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="desmigratif-studio-")
        cls.content = os.path.join(cls.work, "content")
        shutil.copytree(os.path.join(ROOT, "content"), cls.content)
        shutil.copytree(os.path.join(ROOT, "themes"), os.path.join(cls.work, "themes"))
        # History needs a repository: the content folder gets its own.
        git = ["git", "-C", cls.content, "-c", "user.name=Test", "-c", "user.email=test@example.invalid"]
        subprocess.run(["git", "init", "-q", cls.content], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-q", "-m", "awal"], check=True)
        cls.port = free_port()
        cls.log = open(os.path.join(cls.work, "serve.log"), "w", encoding="utf-8")
        cls.server = subprocess.Popen([BINARY, "serve", "--port", str(cls.port)], cwd=cls.work, stdout=cls.log, stderr=subprocess.STDOUT)
        cls.url = f"http://127.0.0.1:{cls.port}"
        up = wait_for(lambda: "Pratinjau di" in cls.read_file(os.path.join(cls.work, "serve.log")), 90)
        assert up, "the preview server did not start"
        cls.driver = browser()

    @staticmethod
    def read_file(path):
        with open(path, encoding="utf-8") as file:
            return file.read()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.log.close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def setUp(self):
        self.driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        self.driver.get(self.url + "/_studio/")
        self.driver.execute_script("localStorage.clear()")

    # Helpers

    def path(self, relative):
        return os.path.join(self.content, relative)

    def read(self, relative):
        with open(self.path(relative), encoding="utf-8") as file:
            return file.read()

    def write(self, relative, text):
        with open(self.path(relative), "w", encoding="utf-8") as file:
            file.write(text)

    def open_editor(self, relative):
        self.driver.get(f"{self.url}/_studio/sunting?berkas={relative}")
        self.assertTrue(wait_for(lambda: self.driver.execute_script("return document.getElementById('form').dataset.previewed"), 30),
                        "the first preview never arrived")

    def field(self, element_id):
        return self.driver.find_element(By.ID, element_id)

    def set_value(self, element_id, text):
        element = self.field(element_id)
        element.clear()
        element.send_keys(text)

    def status(self):
        element = self.field("status")
        return element.text, element.get_attribute("class")

    def wait_saved(self):
        return wait_for(lambda: self.status()[0] not in ("", "…") and self.status(), 30)

    def preview_text(self):
        self.driver.switch_to.frame(self.field("pratinjau"))
        try:
            return self.driver.find_element(By.TAG_NAME, "body").text
        finally:
            self.driver.switch_to.default_content()

    def shot(self, name):
        if SCREENSHOTS:
            os.makedirs(SCREENSHOTS, exist_ok=True)
            self.driver.save_screenshot(os.path.join(SCREENSHOTS, name))

    def axe(self):
        from axe_selenium_python import Axe
        axe = Axe(self.driver)
        axe.inject()
        report = axe.run()
        return [v["id"] for v in report["violations"] if v.get("impact") in ("serious", "critical")]

    # Tests

    def test_editing_kenanga_changes_exactly_the_edited_lines(self):
        before = self.read("desa/kenanga.md").splitlines(keepends=True)
        self.driver.get(self.url + "/_studio/")
        self.shot("studio-ikhtisar.png")
        self.driver.find_element(By.CSS_SELECTOR, 'a[href="/_studio/sunting?berkas=desa/kenanga.md"]').click()
        self.assertTrue(wait_for(lambda: self.driver.execute_script("return document.getElementById('form') && document.getElementById('form').dataset.previewed"), 30))
        summary = "Desa percontohan Desmigratif 2016 di Kecamatan Sindang, Indramayu (diperbarui)."
        self.set_value("f-summary", summary)
        body = self.field("f-body")
        text = body.get_attribute("value")
        old_line = "Angka kegiatan empat pilar di bawah ini adalah data contoh, bukan laporan desa."
        self.assertIn(old_line, text)
        new_line = "Angka kegiatan empat pilar di bawah ini adalah data contoh yang ilustratif, bukan laporan desa."
        self.driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
                                   body, text.replace(old_line, new_line))
        self.assertTrue(wait_for(lambda: "contoh yang ilustratif" in self.preview_text(), 20), "the preview did not show the edit")
        self.shot("studio-sunting.png")
        self.field("simpan").click()
        text_status, cls = self.wait_saved()
        self.assertEqual(cls, "baik", text_status)
        after = self.read("desa/kenanga.md").splitlines(keepends=True)
        changed = [line for line in difflib.ndiff(before, after) if line[:2] in ("- ", "+ ")]
        self.assertEqual(changed, [
            "- summary: Salah satu dari dua desa percontohan Desmigratif tahun 2016, di Kecamatan Sindang, Indramayu.\n",
            f"+ summary: {summary}\n",
            f"- {old_line}\n",
            f"+ {new_line}\n",
        ])
        # The running preview rebuilt the site from the saved file; its output is exactly what
        # `build` makes of the same content: the studio added nothing to it.
        page = os.path.join(self.work, "public", "desa", "jawa-barat", "indramayu", "kenanga", "index.html")
        self.assertTrue(wait_for(lambda: "contoh yang ilustratif" in self.read_file(page), 20), "serve did not rebuild the page")
        time.sleep(1)
        fresh = os.path.join(self.work, "fresh")
        subprocess.run([BINARY, "build", "--output", fresh], cwd=self.work, check=True, capture_output=True)
        self.assertEqual(dircmp_differences(os.path.join(self.work, "public"), fresh), [])
        for root, _, files in os.walk(os.path.join(self.work, "public")):
            for name in files:
                with open(os.path.join(root, name), "rb") as file:
                    self.assertNotIn(b"_studio", file.read(), os.path.join(root, name))
        shutil.rmtree(fresh)
        # Restore for the other tests.
        self.write("desa/kenanga.md", "".join(before))

    def test_a_narrative_is_created_for_a_registry_village_without_one(self):
        self.driver.get(self.url + "/_studio/?tampil=tanpa-uraian&q=32.12")
        button = self.driver.find_element(By.CSS_SELECTOR, "#tanpa-uraian ~ .gulir form button")
        kode = button.find_element(By.XPATH, "./preceding-sibling::input[@name='kode']").get_attribute("value")
        name = self.driver.execute_script("return arguments[0].closest('tr').cells[0].textContent", button)
        button.click()
        self.assertTrue(wait_for(lambda: "sunting?berkas=desa/" in self.driver.current_url, 20))
        relative = self.driver.current_url.split("berkas=")[1]
        self.assertTrue(os.path.exists(self.path(relative)))
        text = self.read(relative)
        self.assertIn(f'kode: "{kode}"', text)
        self.assertIn("draft: true", text)
        self.assertIn(name, self.driver.find_element(By.TAG_NAME, "h1").text)
        # The village is no longer listed as missing one.
        self.driver.get(self.url + f"/_studio/?tampil=tanpa-uraian&q={kode}")
        self.assertIn("(0)", self.driver.find_element(By.ID, "tanpa-uraian").text)
        os.remove(self.path(relative))

    def test_a_news_item_is_created_as_a_draft(self):
        self.driver.get(self.url + "/_studio/")
        self.set_value("judul-berita", "Pelatihan koperasi di Kenanga")
        self.driver.execute_script("document.getElementById('tanggal-berita').value = '2026-11-30'")
        self.driver.find_element(By.CSS_SELECTOR, "#berita-baru + form button").click()
        self.assertTrue(wait_for(lambda: "sunting?berkas=berita/" in self.driver.current_url, 20))
        relative = "berita/2026-11-30-pelatihan-koperasi-di-kenanga.md"
        self.assertTrue(self.driver.current_url.endswith(relative))
        text = self.read(relative)
        for line in ('title: "Pelatihan koperasi di Kenanga"', "date: 2026-11-30", "draft: true"):
            self.assertIn(line + "\n", text)
        self.assertTrue(self.field("f-draft").is_selected())
        # A draft is previewed as it will look, but not published.
        self.assertTrue(wait_for(lambda: "Pelatihan koperasi di Kenanga" in self.preview_text(), 20))
        time.sleep(1)
        self.assertFalse(os.path.exists(os.path.join(self.work, "public", "berita", "pelatihan-koperasi-di-kenanga")))
        os.remove(self.path(relative))

    def test_a_conflicting_edit_on_disk_is_caught_and_nothing_is_lost(self):
        relative = "desa/kuripan.md"
        original = self.read(relative)
        self.open_editor(relative)
        body = self.field("f-body")
        body.send_keys(Keys.END, "\nSuntingan di studio.")
        theirs = original + "\nSuntingan di disk.\n"
        self.write(relative, theirs)
        self.field("simpan").click()
        self.assertTrue(wait_for(lambda: self.field("konflik").is_displayed(), 20), "the conflict was not shown")
        self.shot("studio-konflik.png")
        self.assertEqual(self.read(relative), theirs, "the file on disk was overwritten")
        self.assertEqual(self.field("konflik-disk").get_attribute("textContent").strip(), theirs.strip())
        self.assertIn("Suntingan di studio.", self.field("konflik-saya").text)
        # The lines only one side has are marked.
        marked = [m.get_attribute("textContent").strip() for m in self.field("konflik-disk").find_elements(By.TAG_NAME, "mark")]
        self.assertEqual([line for line in marked if line], ["Suntingan di disk."])
        self.assertIn("Suntingan di studio.", [m.text.strip() for m in self.field("konflik-saya").find_elements(By.TAG_NAME, "mark")])
        # A reload keeps the unsaved edit (kept in the browser)…
        self.driver.refresh()
        self.assertTrue(wait_for(lambda: self.field("pulih").is_displayed(), 20))
        self.assertIn("Suntingan di studio.", self.field("f-body").get_attribute("value"))
        # …and saving it again is still refused until the editor chooses to overwrite.
        self.field("simpan").click()
        self.assertTrue(wait_for(lambda: self.field("konflik").is_displayed(), 20))
        self.assertEqual(self.read(relative), theirs)
        self.field("timpa").click()
        self.assertTrue(wait_for(lambda: self.status()[1] == "baik", 20))
        self.assertIn("Suntingan di studio.", self.read(relative))
        self.write(relative, original)

    def test_an_error_in_the_front_matter_shows_at_its_line_and_saving_is_flagged(self):
        relative = "desa/waru.md"
        original = self.read(relative)
        line = original.splitlines().index(next(l for l in original.splitlines() if l.startswith("kode:"))) + 1
        self.open_editor(relative)
        self.set_value("f-kode", "99.99.99.9999")
        message = wait_for(lambda: self.field("d-kode").text, 20)
        self.assertTrue(message, "no diagnostic at the kode field")
        self.assertIn(f"baris {line}", message)
        self.assertEqual(self.field("f-kode").get_attribute("aria-invalid"), "true")
        self.shot("studio-kesalahan.png")
        self.field("simpan").click()
        text, cls = self.wait_saved()
        self.assertEqual(cls, "gagal")
        self.assertIn("masih punya kesalahan", text)
        self.assertIn('kode: "99.99.99.9999"', self.read(relative))
        self.write(relative, original)

    def test_the_village_is_picked_from_the_registry_by_name_or_code(self):
        self.open_editor("desa/kenanga.md")
        options = lambda: self.driver.execute_script("return [...document.querySelectorAll('#desa-daftar option')].map(o => o.value + ' ' + o.label)")
        self.set_value("f-kode", "kuripan")
        self.assertTrue(wait_for(lambda: any(o.startswith("33.07.10.2004 Kuripan") for o in options()), 10), options())
        self.set_value("f-kode", "32.12.16")
        self.assertTrue(wait_for(lambda: options() and all(o.startswith("32.12.16.") for o in options()), 10), options())
        self.set_value("f-kode", "33.07.10.2004")
        self.assertTrue(wait_for(lambda: self.field("desa-nama").text.startswith("Kuripan"), 10))

    def test_keyboard_alone_edits_and_saves(self):
        relative = "desa/lantan.md"
        original = self.read(relative)
        self.open_editor(relative)
        actions = ActionChains(self.driver)
        self.driver.find_element(By.TAG_NAME, "body").click()
        for _ in range(80):
            if self.driver.switch_to.active_element.get_attribute("id") == "f-summary":
                break
            actions.send_keys(Keys.TAB).perform()
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "f-summary", "Tab never reached the summary")
        actions.key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys("Ringkasan dari papan ketik.").perform()
        for _ in range(200):
            if self.driver.switch_to.active_element.get_attribute("id") == "simpan":
                break
            actions.send_keys(Keys.TAB).perform()
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "simpan", "Tab never reached the save button")
        actions.send_keys(Keys.ENTER).perform()
        self.assertTrue(wait_for(lambda: "Ringkasan dari papan ketik." in self.read(relative), 20))
        self.write(relative, original)

    def test_axe_finds_nothing_serious_on_the_overview_and_the_editor(self):
        self.driver.get(self.url + "/_studio/")
        self.assertEqual(self.axe(), [], "overview")
        self.open_editor("desa/kenanga.md")
        self.assertEqual(self.axe(), [], "editor")
        self.driver.get(self.url + "/_studio/?bahasa=en")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "en")
        self.assertIn("Overview", self.driver.find_element(By.TAG_NAME, "h1").text)
        self.assertEqual(self.axe(), [], "overview in English")
        self.driver.get(self.url + "/_studio/?bahasa=id")

    def test_an_image_is_added_with_its_alt_text(self):
        relative = "desa/sambirejo.md"
        original = self.read(relative)
        self.open_editor(relative)
        image = os.path.join(self.work, "Foto Balai Desa.png")
        # A 1×1 PNG: the server checks the bytes, not the name.
        with open(image, "wb") as file:
            file.write(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                     "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"))
        self.driver.find_element(By.CSS_SELECTOR, "details.gambar summary").click()
        self.field("gambar-berkas").send_keys(image)
        self.field("gambar-tambah").click()
        # Without alt text nothing is sent.
        self.assertTrue(wait_for(lambda: self.status()[1] == "gagal", 10))
        self.assertFalse(os.path.exists(self.path("gambar/foto-balai-desa.png")))
        self.set_value("gambar-alt", "Balai desa dengan papan nama Desmigratif")
        self.field("gambar-tambah").click()
        self.assertTrue(wait_for(lambda: "![Balai desa dengan papan nama Desmigratif](/gambar/foto-balai-desa.png)" in self.field("f-body").get_attribute("value"), 20))
        self.assertTrue(os.path.exists(self.path("gambar/foto-balai-desa.png")))
        self.assertEqual(self.read(relative), original, "adding an image saves nothing until Simpan")
        os.remove(self.path("gambar/foto-balai-desa.png"))

    def test_unsaved_edits_survive_a_server_restart(self):
        relative = "desa/arjowilangun.md"
        original = self.read(relative)
        self.open_editor(relative)
        self.field("f-body").send_keys(Keys.END, "\nDitulis sebelum server dimulai ulang.")
        self.assertTrue(wait_for(lambda: "sebelum server" in (self.driver.execute_script(f"return localStorage.getItem('desmigratif-studio:{relative}')") or ""), 10))
        type(self).server.terminate()
        type(self).server.wait(timeout=10)
        # Saving while the server is gone fails, and says so; nothing is lost.
        self.field("simpan").click()
        self.assertTrue(wait_for(lambda: self.status()[1] == "gagal", 20))
        type(self).server = subprocess.Popen([BINARY, "serve", "--port", str(self.port)], cwd=self.work, stdout=self.log, stderr=subprocess.STDOUT)
        self.assertTrue(wait_for(lambda: self.read_file(os.path.join(self.work, "serve.log")).count("Pratinjau di") == 2, 90))
        # The old page's session is gone with the old server: its save is refused, saying why.
        self.field("simpan").click()
        self.assertTrue(wait_for(lambda: "403" in self.status()[0], 20), self.status())
        self.driver.refresh()
        self.assertTrue(wait_for(lambda: self.field("pulih").is_displayed(), 20))
        self.assertIn("Ditulis sebelum server dimulai ulang.", self.field("f-body").get_attribute("value"))
        self.field("simpan").click()
        self.assertTrue(wait_for(lambda: self.status()[1] == "baik", 20))
        self.assertIn("Ditulis sebelum server dimulai ulang.", self.read(relative))
        self.write(relative, original)

    def test_history_records_a_save_and_restores_a_version(self):
        relative = "desa/buntar.md"
        original = self.read(relative)
        self.open_editor(relative)
        self.set_value("f-summary", "Ringkasan baru untuk riwayat.")
        self.set_value("pesan", "Ringkasan Buntar diperbarui")
        self.field("simpan").click()
        self.assertTrue(wait_for(lambda: self.status()[1] == "baik", 20))
        log = subprocess.run(["git", "-C", self.content, "log", "--format=%s", "-n", "1", "--", relative], capture_output=True, text=True).stdout
        self.assertEqual(log.strip(), "Ringkasan Buntar diperbarui")
        self.driver.get(f"{self.url}/_studio/riwayat?berkas={relative}")
        links = self.driver.find_elements(By.CSS_SELECTOR, ".riwayat a")
        self.assertEqual(len(links), 2)
        self.shot("studio-riwayat.png")
        links[1].click()
        self.driver.find_element(By.CSS_SELECTOR, "form button").click()
        self.assertTrue(wait_for(lambda: "sunting?berkas=" in self.driver.current_url, 20))
        self.assertEqual(self.read(relative), original)


if __name__ == "__main__":
    unittest.main()
