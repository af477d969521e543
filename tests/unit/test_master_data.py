"""Checks on the bundled municipality master list (resources/data/*.csv).

Standard library only. See resources/data/SOURCES.md for where the data comes
from; packaging/make_municipality_master.py regenerates it.
"""
from __future__ import annotations

import collections
import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "resources" / "data"

MUNI_HEADER = ["code", "prefecture_code", "name", "kana", "kind", "county",
               "parent_code", "designated_city"]
PREF_HEADER = ["code", "lg_code", "name", "kana"]


def check_digit(code5: str) -> str:
    """全国地方公共団体コードの検査数字 (standalone copy of the rule)."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2)))
    return str((11 - total % 11) % 10)


def valid_code(code: str) -> bool:
    return len(code) == 6 and code.isdigit() and check_digit(code[:5]) == code[5]


def is_hiragana(text: str) -> bool:
    return bool(text) and all("\u3041" <= c <= "\u3096" or c == "ー" for c in text)


def _read(name: str, header: list[str]) -> list[dict]:
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name} has a BOM"
    assert b"\r" not in raw, f"{name} has CR line endings"
    with open(DATA / name, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == header
        return list(reader)


@pytest.fixture(scope="module")
def prefectures() -> list[dict]:
    return _read("prefectures.csv", PREF_HEADER)


@pytest.fixture(scope="module")
def munis() -> list[dict]:
    return _read("municipalities.csv", MUNI_HEADER)


@pytest.fixture(scope="module")
def by_code(munis) -> dict[str, dict]:
    return {r["code"]: r for r in munis}


def test_check_digit_rule_on_known_codes():
    for code in ("011002", "131016", "202011", "271004", "472018", "010006", "130001"):
        assert valid_code(code), code
    assert not valid_code("011003")


def test_47_prefectures(prefectures):
    assert len(prefectures) == 47
    assert [p["code"] for p in prefectures] == [f"{i:02d}" for i in range(1, 48)]
    for p in prefectures:
        assert valid_code(p["lg_code"]) and p["lg_code"] == p["code"] + "000" + p["lg_code"][5]
        assert is_hiragana(p["kana"]), p
    first, tokyo = prefectures[0], prefectures[12]
    assert (first["lg_code"], first["name"], first["kana"]) == ("010006", "北海道", "ほっかいどう")
    assert (tokyo["lg_code"], tokyo["name"], tokyo["kana"]) == ("130001", "東京都", "とうきょうと")


def test_kind_counts(munis):
    kinds = collections.Counter(r["kind"] for r in munis)
    assert set(kinds) == {"市", "町", "村", "特別区", "区"}
    assert (kinds["市"], kinds["町"], kinds["村"], kinds["特別区"]) == (792, 743, 183, 23)
    assert kinds["市"] + kinds["町"] + kinds["村"] + kinds["特別区"] == 1741
    # 175 until 2023-12-31; 浜松市 went from 7 wards to 3 on 2024-01-01.
    assert kinds["区"] == 171


def test_codes_unique_valid_sorted(munis, prefectures):
    codes = [r["code"] for r in munis]
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)
    pref_codes = {p["code"] for p in prefectures}
    for r in munis:
        assert valid_code(r["code"]), r
        assert r["code"][:2] == r["prefecture_code"] and r["prefecture_code"] in pref_codes


def test_kana_is_hiragana(munis):
    for r in munis:
        assert is_hiragana(r["kana"]), r
        assert r["name"], r


def test_designated_cities_and_wards(munis, by_code):
    designated = [r for r in munis if r["designated_city"] == "1"]
    assert len(designated) == 20
    assert all(r["kind"] == "市" for r in designated)
    assert all(r["designated_city"] == "0" for r in munis if r["kind"] != "市")
    wards = [r for r in munis if r["kind"] == "区"]
    per_city = collections.Counter()
    for w in wards:
        parent = by_code[w["parent_code"]]
        assert parent["designated_city"] == "1", w
        assert parent["prefecture_code"] == w["prefecture_code"], w
        assert w["name"].endswith("区") and w["kana"].endswith("く"), w
        per_city[parent["name"]] += 1
    assert set(per_city) == {r["name"] for r in designated}
    assert per_city["熊本市"] == 5
    assert per_city["札幌市"] == 10
    assert per_city["大阪市"] == 24
    for r in munis:
        if r["kind"] != "区":
            assert r["parent_code"] == "", r


def test_hamamatsu_wards(munis, by_code):
    hamamatsu = by_code["221309"]
    assert hamamatsu["name"] == "浜松市" and hamamatsu["designated_city"] == "1"
    wards = {r["name"]: r["code"] for r in munis if r["parent_code"] == "221309"}
    assert wards == {"中央区": "221384", "浜名区": "221392", "天竜区": "221406"}


def test_county(munis):
    for r in munis:
        if r["county"]:
            assert r["kind"] in ("町", "村") and r["county"].endswith("郡"), r
        assert "郡" not in r["name"] or r["name"] in ("上郡町", "郡上市", "蒲郡市",
                                                      "大和郡山市", "小郡市", "郡山市"), r
    toyako = next(r for r in munis if r["code"] == "015849")
    assert (toyako["name"], toyako["kana"], toyako["county"]) == ("洞爺湖町", "とうやこちょう", "虻田郡")


def test_spot_checks(munis, by_code):
    def count(pref: str) -> collections.Counter:
        return collections.Counter(r["kind"] for r in munis
                                   if r["prefecture_code"] == pref and r["kind"] != "区")

    nagano = count("20")
    assert sum(nagano.values()) == 77
    assert (nagano["市"], nagano["町"], nagano["村"]) == (19, 23, 35)
    assert sum(count("01").values()) == 179
    tokyo = count("13")
    assert sum(tokyo.values()) == 62 and tokyo["特別区"] == 23
    assert by_code["131016"]["name"] == "千代田区" and by_code["131016"]["kind"] == "特別区"
    assert by_code["011002"]["name"] == "札幌市"
    assert by_code["202011"]["name"] == "長野市"
    assert by_code["271004"]["name"] == "大阪市"
    assert by_code["472018"]["name"] == "那覇市"
    assert by_code["011011"]["kana"] == "ちゅうおうく"
