"""Search in a real headless Chromium on the bundled site: typing `koperasi` lists village pages
that mention it, each with the passage that matched highlighted; `berkoperasi` and `perkoperasian` find the same pages through stemming;
misspellings one edit away (`koprasi`, `Kenangga`) still find; synonyms (`TKI`, `PMI`,
`pekerja migran`) find the same pages; a province facet narrows the
results; the query is kept in the address.
"""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

from selenium.webdriver.common.by import By

from test_live_reload import BINARY, ROOT, browser, free_port, wait_for


class SearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="desmigratif-search-")
        cls.port = free_port()
        cls.log = open(os.path.join(cls.work, "serve.log"), "w")
        cls.server = subprocess.Popen([BINARY, "serve", "--port", str(cls.port), "--output", os.path.join(cls.work, "public")],
                                      cwd=ROOT, stdout=cls.log, stderr=subprocess.STDOUT)
        def up():
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                return True
            except OSError:
                return False
        assert wait_for(up, 60), "server did not start"
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.log.close()
        shutil.rmtree(cls.work, ignore_errors=True)

    def results(self, query):
        self.driver.get(f"http://127.0.0.1:{self.port}/cari/")
        box = self.driver.find_element(By.ID, "_q")
        box.send_keys(query)
        found = wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, "#_cari-hasil li a"), 5)
        self.assertTrue(found, f"no results for {query}")
        return [a.get_attribute("href").split(str(self.port), 1)[1] for a in self.driver.find_elements(By.CSS_SELECTOR, "#_cari-hasil li a")]

    def test_koperasi_and_its_derived_forms(self):
        plain = self.results("koperasi ")
        self.assertTrue(any(url.startswith("/desa/") and url.count("/") == 5 for url in plain), plain[:5])
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#_cari-hasil mark"), "matched words are highlighted")
        self.assertIn("q=koperasi", self.driver.current_url)
        self.assertEqual(self.results("berkoperasi "), plain)
        self.assertEqual(self.results("perkoperasian "), plain)

    def test_every_snippet_shows_the_passage_that_matched(self):
        # Each result's snippet is the passage around the match, with the match highlighted,
        # even where the word comes late in a long page (its later text parts are fetched).
        for query in ["koperasi ", "pelatihan ", "TKI "]:
            self.results(query)
            items = self.driver.find_elements(By.CSS_SELECTOR, "#_cari-hasil li")
            self.assertTrue(items, query)
            for item in items:
                title = item.find_element(By.CSS_SELECTOR, "a").text
                marks = item.find_elements(By.CSS_SELECTOR, "p mark")
                self.assertTrue(marks, f"{query!r}: no highlighted match in the snippet of {title}")

    def test_province_facet_narrows(self):
        # Village narratives that mention migrant workers lie in several provinces.
        everything = self.results("pekerja migran ")
        box = self.driver.find_element(By.CSS_SELECTOR, "input[id^='_facet-provinsi-Nusa-Tenggara-Barat']")
        box.click()
        narrowed = wait_for(lambda: (lambda links: links if len(links) < len(everything) else None)(
            self.driver.find_elements(By.CSS_SELECTOR, "#_cari-hasil li")), 5)
        self.assertTrue(narrowed, "the facet did not narrow the results")
        for item in narrowed:
            self.assertIn("Nusa Tenggara Barat", item.find_element(By.CSS_SELECTOR, ".meta").text)

    def test_synonyms_find_the_pages_about_migrant_workers(self):
        # content/sinonim.yml puts TKI, PMI and "pekerja migran" in one group: each finds the
        # same pages, and the page's own word is highlighted whichever was typed.
        tki = self.results("TKI ")
        self.assertTrue(tki)
        self.assertEqual(sorted(self.results("pekerja migran ")), sorted(tki))
        self.assertEqual(sorted(self.results("PMI ")), sorted(tki))
        marks = [m.text.lower() for m in self.driver.find_elements(By.CSS_SELECTOR, "#_cari-hasil mark")]
        self.assertTrue(any(word in ("pekerja", "migran", "pmi", "tki") for word in marks), marks[:10])

    def test_misspelt_words_one_edit_away_still_find(self):
        # "koprasi" (a letter missing) finds the cooperatives pillar; "Kenangga" (one too many)
        # finds the village of Kenanga.
        self.assertIn("/pilar/koperasi/", self.results("koprasi "))
        self.assertIn("/desa/jawa-barat/indramayu/kenanga/", self.results("Kenangga "))

    def test_the_browser_ranks_as_desmigratif_search_does(self):
        # `desmigratif search` reads the same index files with the Swift engine; the browser's
        # order must be the same, query by query (synonyms and spelling included; the terminal takes
        # its query as complete words, so each ends in a space here).
        public = os.path.join(self.work, "public")
        for query in ["koperasi ", "TKI ", "pekerja migran ", "koprasi ", "Kenangga ", "usaha produktif ", "jawa timur ", "desa "]:
            cli = subprocess.run([BINARY, "search", query, "--output", public, "--limit", "30"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
            expected = re.findall(r"^\d+\. .*?  (/\S*)  score ", cli, re.M)
            self.assertTrue(expected, f"no results from desmigratif search for {query!r}")
            shown = self.results(query)[:30]
            if shown != expected:
                # Results render once the typing pauses: give the last run a moment to land.
                def settled():
                    links = self.driver.find_elements(By.CSS_SELECTOR, "#_cari-hasil li a")
                    current = [a.get_attribute("href").split(str(self.port), 1)[1] for a in links][:30]
                    return current if current == expected else None
                shown = wait_for(settled, 3) or shown
            self.assertEqual(shown, expected, query)

    def test_typing_gives_results_before_the_word_is_complete(self):
        urls = self.results("kopera")
        self.assertIn("/pilar/koperasi/", urls)


if __name__ == "__main__":
    unittest.main(verbosity=2)
