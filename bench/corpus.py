#!/usr/bin/env python3
"""Write the benchmark corpus: N villages as a Desmigratif content folder and as an equivalent
Hugo site.

Villages come from ../shared/data/wilayah/villages.csv when it is there (83,762 real villages),
otherwise from synthetic names. Each village has a registry row and a Markdown narrative of about
1 KB (front matter included). The Hugo site has the same pages: a page per village with the same
Markdown, and a list page per regency.

Usage: python3 bench/corpus.py N OUT_DIR [--wilayah DIR]
"""
import argparse
import csv
import json
import os
import random
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
YEARS = [2017, 2018, 2019, 2021, 2022]
PARAGRAPHS = [
    "Desa {desa} di Kecamatan {kecamatan} mengirim banyak warganya bekerja ke luar negeri. Layanan "
    "migrasi di kantor desa membantu calon pekerja migran memeriksa dokumen dan mengenali tawaran kerja "
    "yang tidak resmi, sebelum mereka berurusan dengan calo.",
    "Purna pekerja migran di {desa} mengembangkan usaha olahan pangan, warung dan ternak. Koperasi desa "
    "menghimpun tabungan keluarga pekerja migran untuk modal usaha bersama, dan pendamping dari dinas "
    "tenaga kerja {kabupaten} membantu pelatihan pembukuan.",
    "Anak-anak yang orang tuanya bekerja di luar negeri belajar di rumah edukasi desa. Relawan muda "
    "mengelola pojok baca, dan orang tua serta pengasuh mengikuti pelatihan pengasuhan setiap bulan.",
]


def slug(text):
    text = text.lower().replace("'", "").replace('"', "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def kab_slug(name):
    return slug(name[len("Kabupaten "):]) if name.startswith("Kabupaten ") else slug(name)


def dotted(code):
    return ".".join(p for p in [code[0:2], code[2:4], code[4:6], code[6:10]] if p)


def load_villages(wilayah):
    villages_csv = os.path.join(wilayah, "villages.csv")
    if os.path.exists(villages_csv):
        def read(name):
            with open(os.path.join(wilayah, name), newline="", encoding="utf-8") as f:
                return {r["code"]: r for r in csv.DictReader(f)}
        provinces, regencies, districts = read("provinces.csv"), read("regencies.csv"), read("districts.csv")
        with open(villages_csv, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        return [(r["code"], r["name"], districts[r["district_code"]]["name"], regencies[r["code"][:4]]["name"],
                 provinces[r["code"][:2]]["name"]) for r in rows]
    # Synthetic: 38 provinces x 14 regencies x 15 districts x 10 villages = 79,800, plus more districts if needed.
    out = []
    for p in range(38):
        for k in range(14):
            for c in range(16):
                for d in range(14):
                    code = f"{11 + p:02d}{1 + k:02d}{1 + c:02d}{2001 + d:04d}"
                    out.append((code, f"Desa {p}-{k}-{c}-{d}", f"Kecamatan {c}", f"Kabupaten K{p}-{k}", f"Provinsi {p}"))
    return out


def choose(villages, n):
    if n >= len(villages):
        return sorted(villages)
    return sorted(random.Random(n).sample(villages, n))


def write_ours(chosen, out):
    content = os.path.join(out, "ours", "content")
    os.makedirs(os.path.join(content, "data"), exist_ok=True)
    os.makedirs(os.path.join(content, "desa"), exist_ok=True)
    with open(os.path.join(content, "site.yml"), "w", encoding="utf-8") as f:
        f.write("title: Desmigratif (benchmark)\nbase_url: https://bench.example/\nsample_data: true\n"
                "menu:\n  - name: Beranda\n    url: /\n  - name: Desa\n    url: /desa/\n")
    with open(os.path.join(content, "_index.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: Desmigratif (benchmark)\n---\n\nKorpus tolok ukur.\n")
    rows = []
    for i, (code, desa, kecamatan, kabupaten, provinsi) in enumerate(chosen):
        rows.append(json.dumps({
            "kode": dotted(code), "desa": desa, "kecamatan": kecamatan, "kabupaten": kabupaten, "provinsi": provinsi,
            "kode_kecamatan": dotted(code[:6]), "kode_kabupaten": dotted(code[:4]), "kode_provinsi": code[:2],
            "tahun_berdiri": YEARS[i % len(YEARS)],
        }, ensure_ascii=False))
        with open(os.path.join(content, "desa", f"{code}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\nkode: \"{dotted(code)}\"\n---\n\n" + narrative(desa, kecamatan, kabupaten))
    meta = {"title": "Registri tolok ukur", "source": "wilayah-id (Kemendagri 2024), MIT", "unit": "desa",
            "period": "2016–2022", "as_of": "2024-05-22", "license": "MIT"}
    with open(os.path.join(content, "data", "desa.json"), "w", encoding="utf-8") as f:
        f.write('{\n  "meta": ' + json.dumps(meta, ensure_ascii=False) + ',\n  "rows": [\n    ' + ",\n    ".join(rows) + "\n  ]\n}\n")
    # The data package that lists the registry (the generator reads data through it).
    fields = [{"name": name, "type": "string"} for name in
              ["kode", "desa", "kecamatan", "kabupaten", "provinsi", "kode_kecamatan", "kode_kabupaten", "kode_provinsi"]]
    fields.append({"name": "tahun_berdiri", "type": "integer", "constraints": {"minimum": min(YEARS), "maximum": max(YEARS)}})
    package = {"name": "bench", "resources": [{
        "name": "desa", "path": "desa.json", "role": "registri", "title": meta["title"],
        "sources": [{"title": meta["source"]}], "licenses": [{"name": "MIT"}],
        "schema": {"fields": fields, "primaryKey": "kode"},
    }]}
    with open(os.path.join(content, "data", "datapackage.json"), "w", encoding="utf-8") as f:
        json.dump(package, f, ensure_ascii=False, indent=2)


def narrative(desa, kecamatan, kabupaten):
    values = {"desa": desa, "kecamatan": kecamatan, "kabupaten": kabupaten}
    text = "\n\n".join(p.format(**values) for p in PARAGRAPHS)
    return f"{text}\n\n## Koperasi\n\nKoperasi desa {desa} menyalurkan pinjaman modal kepada anggota.\n"


def write_hugo(chosen, out):
    site = os.path.join(out, "hugo")
    shutil.copytree(os.path.join(HERE, "hugo-layouts"), os.path.join(site, "layouts"), dirs_exist_ok=True)
    with open(os.path.join(site, "config.toml"), "w", encoding="utf-8") as f:
        f.write('baseURL = "https://bench.example/"\ntitle = "Desmigratif (benchmark)"\nlanguageCode = "id"\n'
                'disableKinds = ["taxonomy", "term"]\n[markup.goldmark.renderer]\nunsafe = false\n')
    content = os.path.join(site, "content")
    os.makedirs(content, exist_ok=True)
    with open(os.path.join(content, "_index.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: Desmigratif (benchmark)\n---\n\nKorpus tolok ukur.\n")
    seen = set()
    for code, desa, kecamatan, kabupaten, provinsi in chosen:
        prov_dir = os.path.join(content, "desa", slug(provinsi))
        kab_dir = os.path.join(prov_dir, kab_slug(kabupaten))
        if kab_dir not in seen:
            os.makedirs(kab_dir, exist_ok=True)
            if prov_dir not in seen:
                with open(os.path.join(prov_dir, "_index.md"), "w", encoding="utf-8") as f:
                    f.write(f"---\ntitle: {json.dumps(provinsi, ensure_ascii=False)}\n---\n")
                seen.add(prov_dir)
            with open(os.path.join(kab_dir, "_index.md"), "w", encoding="utf-8") as f:
                f.write(f"---\ntitle: {json.dumps(kabupaten, ensure_ascii=False)}\n---\n")
            seen.add(kab_dir)
        with open(os.path.join(kab_dir, f"{code}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {json.dumps(desa, ensure_ascii=False)}\nkode: \"{dotted(code)}\"\n"
                    f"kecamatan: {json.dumps(kecamatan, ensure_ascii=False)}\n---\n\n" + narrative(desa, kecamatan, kabupaten))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--wilayah", default=os.path.join(HERE, "..", "..", "shared", "data", "wilayah"))
    args = parser.parse_args()
    chosen = choose(load_villages(args.wilayah), args.n)
    shutil.rmtree(args.out, ignore_errors=True)
    write_ours(chosen, args.out)
    write_hugo(chosen, args.out)
    print(f"corpus of {len(chosen)} villages in {args.out}")


if __name__ == "__main__":
    main()
