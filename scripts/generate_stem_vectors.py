#!/usr/bin/env python3
"""Write the stemmer test vectors: Tests/Fixtures/stemmer/indonesian.tsv, one `word<TAB>stem`
per line, stems from the reference Snowball implementation (`snowballstemmer` on PyPI).

The vocabulary: every word of the bundled content and theme strings, the stopword list, the
names of villages, districts, regencies and provinces in the registry, and the roots found there
combined with Indonesian prefixes, suffixes, particles and pronouns, so that every rule of the
algorithm is exercised. Sorted and de-duplicated; re-run with `make vectors`.
"""
import json
import os
import re

import snowballstemmer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PREFIXES = ["", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny", "per", "ber", "be", "di", "ke", "ter",
            "memper", "diper", "berke", "ke", "se", "pel", "bel"]
SUFFIXES = ["", "kan", "an", "i", "nya", "lah", "kah", "pun", "ku", "mu", "kannya", "annya", "ilah", "kanlah"]


def words_in(text):
    return re.findall(r"[a-z]+", text.lower())


def main():
    vocabulary = set()
    for folder in ("content", "themes/default/i18n"):
        for directory, _, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if name.endswith((".md", ".yml")):
                    with open(os.path.join(directory, name), encoding="utf-8") as f:
                        vocabulary.update(words_in(f.read()))
    with open(os.path.join(ROOT, "themes/default/i18n/stopwords-id.txt"), encoding="utf-8") as f:
        vocabulary.update(w.strip() for w in f if w.strip().isalpha())
    with open(os.path.join(ROOT, "content/data/desa.json"), encoding="utf-8") as f:
        for row in json.load(f)["rows"]:
            for key in ("desa", "kecamatan", "kabupaten", "provinsi"):
                vocabulary.update(words_in(row[key]))
    candidates = sorted(w for w in vocabulary if 4 <= len(w) <= 8)
    roots = candidates[::max(1, len(candidates) // 40)][:40]
    for root in roots:
        for prefix in PREFIXES:
            for suffix in SUFFIXES:
                vocabulary.add(prefix + root + suffix)
    vocabulary = sorted(w for w in vocabulary if len(w) >= 2)
    stemmer = snowballstemmer.stemmer("indonesian")
    out = os.path.join(ROOT, "Tests/Fixtures/stemmer/indonesian.tsv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for word in vocabulary:
            f.write(f"{word}\t{stemmer.stemWord(word)}\n")
    print(f"{len(vocabulary)} words written to {out}")


if __name__ == "__main__":
    main()
