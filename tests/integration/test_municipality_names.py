"""Finding a municipality from what a sheet says (services/municipality_names.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.io.excel.values import ValueProblem
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.municipality_names import MunicipalityResolver


def _resolver(tmp_path: Path, prefecture: str) -> tuple[MunicipalityResolver, dict[str, str]]:
    ctx = open_database(tmp_path / f"{prefecture}.db")
    try:
        setup.init_prefecture(ctx.uow(), prefecture)
        with ctx.uow() as uow:
            codes = {r[1]: r[0] for r in uow.session.execute(select(m.Municipality.id, m.Municipality.code))}
            return MunicipalityResolver.load(uow.session), codes
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def nagano(tmp_path_factory: pytest.TempPathFactory) -> tuple[MunicipalityResolver, dict[str, str]]:
    return _resolver(tmp_path_factory.mktemp("nagano"), "長野県")


@pytest.mark.parametrize(
    "text",
    ["軽井沢町", "北佐久郡軽井沢町", "長野県北佐久郡軽井沢町", "長野県軽井沢町", "長野県 北佐久郡 軽井沢町", "かるいざわまち",
     "203211", "20321", "２０３２１１", 203211, 20321.0],
)
def test_karuizawa_written_every_way(nagano: tuple[MunicipalityResolver, dict[str, str]], text: object) -> None:
    resolver, codes = nagano
    assert resolver.resolve(text) == codes["203211"]


def test_cities_and_ke(nagano: tuple[MunicipalityResolver, dict[str, str]]) -> None:
    resolver, codes = nagano
    assert resolver.resolve("松本市") == codes["202029"]
    assert resolver.resolve("駒ケ根市") == resolver.resolve("駒ヶ根市") == codes["202100"]
    assert resolver.display(codes["203211"]) == "軽井沢町"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("軽井沢", "候補: 軽井沢町"),
        ("松本", "候補: 松本市"),
        ("嬬恋村", "群馬県吾妻郡嬬恋村（隣県）"),
        ("群馬県嬬恋村", "群馬県吾妻郡嬬恋村（隣県）"),
        ("札幌市", "北海道札幌市（他県）"),
        ("104256", "群馬県吾妻郡嬬恋村（隣県）"),
        ("202012", "チェックディジット"),
        ("000000", "範囲外"),
        ("どこか", "見つかりません"),
    ],
)
def test_unknown_names_say_what_is_near(nagano: tuple[MunicipalityResolver, dict[str, str]], text: str, words: str) -> None:
    resolver, _ = nagano
    with pytest.raises(ValueProblem, match=words):
        resolver.resolve(text)


def test_wards_of_designated_cities(tmp_path: Path) -> None:
    resolver, codes = _resolver(tmp_path, "北海道")
    assert resolver.resolve("札幌市中央区") == codes["011011"]
    assert resolver.resolve("中央区") == codes["011011"]  # unique in 北海道
    assert resolver.resolve("札幌市") == codes["011002"]
    assert resolver.resolve(11002) == codes["011002"]  # 011002 typed as a number lost its 0
    assert resolver.display(codes["011011"]) == "札幌市中央区"


def test_ambiguous_ward_names_are_reported(tmp_path: Path) -> None:
    resolver, codes = _resolver(tmp_path, "大阪府")
    with pytest.raises(ValueProblem, match="2つあります（堺市北区、大阪市北区）"):
        resolver.resolve("北区")
    assert resolver.resolve("大阪市北区") != resolver.resolve("堺市北区")
    with pytest.raises(ValueProblem, match="和歌山県"):
        resolver.resolve("和歌山市")
