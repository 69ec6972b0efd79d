#!/usr/bin/env python3
"""Generate the bundled sample data: the registry of 503 Desmigratif villages (content/data/desa.json)
and their per-year pillar indicators (content/data/indikator.csv). Both are described, with their
sources and licences, in content/data/datapackage.json, which is written by hand.

The village codes and names are real (Kemendagri codes from the MIT-licensed wilayah-id list in
../shared/data/wilayah/); which villages are in the program, and in which year, is an illustrative
sample that follows the program's published shape:

- 2016: the two pilots, Kenanga (Sindang, Indramayu) and Kuripan (Watumalang, Wonosobo);
- 2017: 120, 2018: 130, 2019: 150 -> 402 villages in 314 kecamatan, 107 kabupaten, 12 provinces;
- 2020: none; 2021: 51; 2022: 50 -> 503.

Every village named in press reports (DOMAIN.md) is included. The output is reproducible: the same
seed and the same wilayah files give the same bytes.

Indicator values are illustrative too: each village gets a size, each pillar a chance of running
and a start delay; activity ramps up after establishment, placements (and so the migration service's
work) collapse in 2020-2021 with the pandemic moratorium and recover after. Values exist only from
the year a village was established (and from 2017, when reporting starts).

Usage: python3 scripts/generate_data.py [--wilayah DIR] [--out DIR] [--seed N]
"""
import argparse
import csv
import json
import os
import random
import sys

YEARS = {2016: 2, 2017: 120, 2018: 130, 2019: 150, 2020: 0, 2021: 51, 2022: 50}

# Provinces of the first 402 villages, with their relative share of villages and how many regencies.
# Weighted towards the strongest source regions (BP2MI placements: Jatim, Jateng, Jabar, NTB, Lampung).
EARLY_PROVINCES = {
    # code: (villages, regencies)
    "35": (90, 22),  # Jawa Timur
    "33": (85, 22),  # Jawa Tengah
    "32": (75, 16),  # Jawa Barat
    "52": (45, 8),   # Nusa Tenggara Barat
    "18": (30, 10),  # Lampung
    "53": (20, 8),   # Nusa Tenggara Timur
    "36": (15, 4),   # Banten
    "12": (12, 6),   # Sumatera Utara
    "73": (10, 4),   # Sulawesi Selatan
    "51": (8, 4),    # Bali
    "61": (7, 2),    # Kalimantan Barat
    "34": (5, 1),    # DI Yogyakarta
}
EARLY_KECAMATAN = 314
# Provinces that joined in 2021-2022 besides the early ones.
LATE_PROVINCES = ["16", "21", "65", "74"]

PILOTS = ["3212162004", "3307102004"]  # Kenanga (Indramayu), Kuripan (Wonosobo)

# What public reporting supports, per village: (id of the source that reports the village in the
# program, the year it joined or None, id of the source for that year or None). The ids are the
# registry's sources in content/data/datapackage.json. Every other village, and every year without
# a source, is the illustrative sample's, and the site says so where it shows them.
SOURCED = {
    "3212162004": ("wartatransparansi-2019", 2016, "wartatransparansi-2019"),  # Kenanga, pilot
    "3307102004": ("wartatransparansi-2019", 2016, "wartatransparansi-2019"),  # Kuripan, pilot
    "3313152007": ("apakabaronline-2019", 2018, "apakabaronline-2019"),  # Buntar, Mojogedang
    "3313052008": ("apakabaronline-2019", 2018, "apakabaronline-2019"),  # Plosorejo, Matesih
    "3313142007": ("apakabaronline-2019", 2019, "apakabaronline-2019"),  # Waru, Kebakkramat
    "3313042009": ("apakabaronline-2019", 2019, "apakabaronline-2019"),  # Sambirejo, Jumantono
    "3318022012": ("infoseputarpati-2022", 2017, "infoseputarpati-2022"),  # Pasuruhan, Kayen
    "3318112011": ("infoseputarpati-2022", 2017, "infoseputarpati-2022"),  # Sugihrejo, Gabus
    "3318042021": ("infoseputarpati-2022", None, None),  # Tawangrejo, Winong (2018 or 2019)
    "3318022001": ("infoseputarpati-2022", None, None),  # Jimbaran, Kayen (2018 or 2019)
    "3318052001": ("infoseputarpati-2022", None, None),  # Bodeh, Pucakwangi (2018 or 2019)
    "3318132011": ("infoseputarpati-2022", None, None),  # Sitiluhur, Gembong (2018 or 2019)
    "5202122006": ("antara-mataram-212389", None, None),  # Aik Berik, before the pandemic
    "5202122001": ("jurnalmandalika-2022", 2022, "jurnalmandalika-2022"),  # Lantan, Batukliang Utara
    "5207022013": ("sumbawabaratpost-3446", 2019, "sumbawabaratpost-3446"),  # Tamekan, Taliwang
    "5207032001": ("sumbawabaratpost-3446", 2019, "sumbawabaratpost-3446"),  # Meraran, Seteluk
    "3507332006": ("antara-jatim-193828", 2017, "antara-jatim-193828"),  # Brongkal, prepared for 2017
    "3507112008": ("antara-jatim-193828", 2017, "antara-jatim-193828"),  # Arjowilangun, prepared for 2017
    "5203132008": ("kabartumbuhmulia-2018", 2018, "kabartumbuhmulia-2018"),  # Dasan Borok, SK of 2018
    "5203132001": ("kabarpendidikan-2022", None, None),  # Anjani, Suralaga: the minister's visit, Dec 2022
}
# Years a source bounds without naming one: Pati's 2018-2019 villages; Aik Berik before the pandemic.
YEAR_RANGE = {"3318042021": (2018, 2019), "3318022001": (2018, 2019), "3318052001": (2018, 2019),
              "3318132011": (2018, 2019), "5202122006": (2017, 2019)}
# Sourced villages of the late cohorts, kept out of the first 402.
LATE_SOURCED = [code for code, (_, year, _) in SOURCED.items() if year is not None and year >= 2021]

# Villages named in press reports, and villages whose real names test quoting and slugs
# (Soka"an and Remba'an in Probolinggo; two Plosorejo in Karanganyar).
NAMED = [
    "5203172006", "5203212002", "5203092021", "5203092002", "5203132008", "5203182006", "5203132001",  # Lombok Timur
    "3313152007", "3313052008", "3313142007", "3313042009", "3313162005",  # Karanganyar
    "3504142011", "3504142016", "3504142017",  # Tulungagung
    "3328162010",  # Suradadi, Tegal
    "3314092007",  # Mojorejo, Sragen
    "3524152005",  # Payaman, Lamongan
    "3507112008",  # Arjowilangun, Malang
    "3513152017", "3513022009",  # Soka"an, Remba'an (Probolinggo)
]
# Strongest source regencies, always in the program.
KEY_REGENCIES = ["3212", "3209", "3213", "3301", "1807", "3307", "5203", "5202", "3313", "3504", "3328", "3314", "3524", "3507", "3513"]


def dotted(code):
    parts = [code[0:2], code[2:4], code[4:6], code[6:10]]
    return ".".join(p for p in parts if p)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load(wilayah):
    provinces = {r["code"]: r for r in read_csv(os.path.join(wilayah, "provinces.csv"))}
    regencies = {r["code"]: r for r in read_csv(os.path.join(wilayah, "regencies.csv"))}
    districts = {r["code"]: r for r in read_csv(os.path.join(wilayah, "districts.csv"))}
    villages = {r["code"]: r for r in read_csv(os.path.join(wilayah, "villages.csv"))}
    return provinces, regencies, districts, villages


def choose(wilayah, seed):
    provinces, regencies, districts, villages = load(wilayah)
    rng = random.Random(seed)
    # Rural desa only (the program works in villages, not urban kelurahan).
    desa_by_district = {}
    for code, v in sorted(villages.items()):
        if v["type"] == "village":
            desa_by_district.setdefault(v["district_code"], []).append(code)
    districts_by_regency = {}
    for code in sorted(districts):
        if code in desa_by_district:
            districts_by_regency.setdefault(code[:4], []).append(code)

    forced = PILOTS + NAMED + [code for code in SOURCED if code not in PILOTS and code not in NAMED and code not in LATE_SOURCED]
    # 1. Regencies of the early cohorts.
    early_regencies = set(KEY_REGENCIES) | {c[:4] for c in forced}
    for prov, (_, n_reg) in sorted(EARLY_PROVINCES.items()):
        chosen = sorted(r for r in early_regencies if r[:2] == prov)
        pool = sorted(r for r, v in regencies.items()
                      if r[:2] == prov and v["type"] == "regency" and r not in early_regencies and r in districts_by_regency)
        rng.shuffle(pool)
        early_regencies |= set(pool[: max(0, n_reg - len(chosen))])
    assert len(early_regencies) == 107, len(early_regencies)

    # 2. Kecamatan: every regency at least one, the forced villages' districts, the rest by weight.
    early_districts = {c[:6] for c in forced}
    for reg in sorted(early_regencies):
        if not any(d[:4] == reg for d in early_districts):
            early_districts.add(rng.choice(districts_by_regency[reg]))
    pool = sorted(d for reg in early_regencies for d in districts_by_regency[reg] if d not in early_districts)
    rng.shuffle(pool)
    early_districts |= set(pool[: EARLY_KECAMATAN - len(early_districts)])
    assert len(early_districts) == EARLY_KECAMATAN

    # 3. Villages: each province its share, every district at least one, forced ones included.
    early = set(forced)
    for d in sorted(early_districts):
        if not any(v[:6] == d for v in early):
            early.add(rng.choice(desa_by_district[d]))
    # Fill up to 402, province by province in proportion to their shares.
    provs = sorted(EARLY_PROVINCES)
    weights = [EARLY_PROVINCES[p][0] for p in provs]
    while len(early) < 402:
        prov = rng.choices(provs, weights)[0]
        pool = sorted(v for d in early_districts if d[:2] == prov for v in desa_by_district[d] if v not in early)
        if pool:
            early.add(rng.choice(pool))
    early = sorted(early)
    assert len(early) == 402, len(early)
    assert len({v[:6] for v in early}) == 314 and len({v[:4] for v in early}) == 107 and len({v[:2] for v in early}) == 12

    # 4. Years for the early cohorts: what sources give, the bounded ones within their bounds,
    # the rest shuffled into what is left of each year's count.
    years = {code: SOURCED[code][1] for code in early if code in SOURCED and SOURCED[code][1] is not None}
    for code in sorted(YEAR_RANGE):
        low, high = YEAR_RANGE[code]
        years[code] = rng.randint(low, high)
    rest = [v for v in early if v not in years]
    rng.shuffle(rest)
    cursor = 0
    for year in (2017, 2018, 2019):
        need = YEARS[year] - sum(1 for y in years.values() if y == year)
        for code in rest[cursor: cursor + need]:
            years[code] = year
        cursor += need

    # 5. The 2021 and 2022 cohorts: new districts of programme regencies, and new regencies.
    late_regencies = sorted(early_regencies)
    for prov in LATE_PROVINCES + sorted(EARLY_PROVINCES):
        pool = sorted(r for r, v in regencies.items()
                      if r[:2] == prov and v["type"] == "regency" and r not in early_regencies and r in districts_by_regency)
        rng.shuffle(pool)
        late_regencies += pool[:2 if prov in LATE_PROVINCES else 1]
    taken = set(early) | set(LATE_SOURCED)
    for code in LATE_SOURCED:
        years[code] = SOURCED[code][1]
    for year in (2021, 2022):
        picked = sum(1 for code in LATE_SOURCED if SOURCED[code][1] == year)
        while picked < YEARS[year]:
            reg = rng.choice(late_regencies)
            district = rng.choice(districts_by_regency[reg])
            candidates = [v for v in desa_by_district[district] if v not in taken]
            if not candidates:
                continue
            code = rng.choice(candidates)
            taken.add(code)
            years[code] = year
            picked += 1

    rows = []
    for code in sorted(years):
        v = villages[code]
        d = districts[v["district_code"]]
        r = regencies[code[:4]]
        p = provinces[code[:2]]
        rows.append({
            "kode": dotted(code),
            "desa": v["name"],
            "kecamatan": d["name"],
            "kabupaten": r["name"],
            "provinsi": p["name"],
            "kode_kecamatan": dotted(code[:6]),
            "kode_kabupaten": dotted(code[:4]),
            "kode_provinsi": code[:2],
            "tahun_berdiri": years[code],
            "sumber": SOURCED.get(code, (None, None, None))[0],
            "sumber_tahun": SOURCED.get(code, (None, None, None))[2],
        })
    return rows


def write_registry(rows, out):
    """The registry as JSON: an array of row objects, one per line. Its title, sources, licence
    and schema are in datapackage.json, written by hand."""
    lines = ["["]
    for i, row in enumerate(rows):
        lines.append("  " + json.dumps(row, ensure_ascii=False) + ("," if i < len(rows) - 1 else ""))
    lines += ["]", ""]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "desa.json"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


INDICATOR_YEARS = range(2017, 2025)

# Indicators per pillar: (id, base value per year for a village of size 1, kind).
# "flow" counts happen within the year; "stock" values are the state at the end of the year.
PILLARS = {
    "pusat-layanan-migrasi": (0.92, [("cpmi_dilayani", 60, "flow"), ("sesi_informasi", 10, "flow"),
                                      ("dokumen_diverifikasi", 45, "flow"), ("kasus_ditangani", 3, "flow")]),
    "usaha-produktif": (0.80, [("peserta_pelatihan", 25, "flow"), ("usaha_berjalan", 8, "stock"),
                               ("bantuan_peralatan", 4, "flow")]),
    "community-parenting": (0.68, [("anak_didampingi", 35, "stock"), ("pengasuh_dilatih", 15, "flow"),
                                   ("sesi_pengasuhan", 12, "flow")]),
    "koperasi": (0.58, [("koperasi_bumdes", 1, "stock"), ("anggota_koperasi", 60, "stock"), ("modal_koperasi", 45, "stock")]),
}
# Migration work follows placements abroad: the 2020 moratorium and slow reopening.
PLACEMENT_FACTOR = {2017: 1.0, 2018: 1.05, 2019: 1.1, 2020: 0.25, 2021: 0.45, 2022: 0.85, 2023: 1.0, 2024: 1.05}


def indicators(rows, seed):
    rng = random.Random(seed * 7919 + 1)
    out = []
    evaluation = []
    for row in rows:
        size = min(4.0, max(0.25, rng.lognormvariate(0, 0.55)))
        start_year = max(row["tahun_berdiri"], 2017)
        plan = {}
        for pillar, (chance, _) in PILLARS.items():
            runs = rng.random() < chance
            delay = rng.choice([0, 0, 0, 1, 1, 2]) if runs else None
            vigour = rng.uniform(0.6, 1.4)
            plan[pillar] = (runs, delay, vigour)
        for year in INDICATOR_YEARS:
            if year < start_year:
                continue
            age = year - row["tahun_berdiri"]
            record = {"kode": row["kode"], "tahun": year}
            for pillar, (_, inds) in PILLARS.items():
                runs, delay, vigour = plan[pillar]
                active = runs and year - start_year >= delay
                ramp = min(1.0, 0.45 + 0.2 * max(0, age - (delay or 0)))
                for ind, base, kind in inds:
                    if not active:
                        record[ind] = 0
                        continue
                    factor = size * vigour * ramp
                    if pillar == "pusat-layanan-migrasi":
                        factor *= PLACEMENT_FACTOR[year]
                    if ind == "koperasi_bumdes":
                        value = 1 + (1 if size * vigour > 2.2 and age >= 3 else 0)
                    elif kind == "stock":
                        value = round(base * factor * rng.uniform(0.85, 1.15))
                    else:
                        value = max(0, round(rng.gauss(base * factor, base * factor * 0.2)))
                    record[ind] = value
            out.append(record)
        result = {"kode": row["kode"]}
        for pillar in PILLARS:
            runs, delay, vigour = plan[pillar]
            if not runs:
                result[pillar] = "tidak-aktif"
            else:
                score = vigour * min(1.5, size) + rng.uniform(-0.3, 0.3)
                result[pillar] = "baik" if score > 1.15 else "cukup" if score > 0.75 else "kurang"
        evaluation.append(result)
    return out, evaluation


def write_statistics(rows, out, seed):
    """The indicators as a spreadsheet in the Indonesian locale exports them: semicolons, CRLF.
    (The draws for the old per-village evaluation ratings are still made, so the indicator values
    stay the same; the ratings themselves were invented and are no longer written.)"""
    records, _ = indicators(rows, seed)
    columns = ["kode", "tahun"] + [ind for _, inds in PILLARS.values() for ind, _, _ in inds]
    with open(os.path.join(out, "indikator.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(";".join(columns) + "\r\n")
        for record in records:
            f.write(";".join(str(record.get(c, "")) for c in columns) + "\r\n")
    return len(records)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wilayah", default=os.path.join(here, "..", "..", "shared", "data", "wilayah"))
    parser.add_argument("--out", default=os.path.join(here, "..", "content", "data"))
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args()
    if not os.path.isdir(args.wilayah):
        sys.exit(f"wilayah data not found at {args.wilayah} (pass --wilayah DIR)")
    rows = choose(args.wilayah, args.seed)
    counts = {y: sum(1 for r in rows if r["tahun_berdiri"] == y) for y in YEARS}
    assert counts == YEARS, counts
    write_registry(rows, args.out)
    print(f"wrote {len(rows)} villages to {os.path.join(args.out, 'desa.json')}: {counts}")
    n = write_statistics(rows, args.out, args.seed)
    print(f"wrote {n} indicator rows to {os.path.join(args.out, 'indikator.csv')}")


if __name__ == "__main__":
    main()
