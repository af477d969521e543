"""The bundled municipality master list (resources/data/*.csv, see SOURCES.md there)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sasaeai_desktop.paths import resource_path


@dataclass(frozen=True)
class MasterPrefecture:
    code: str  # '20'
    lg_code: str  # '200000'
    name: str
    kana: str


@dataclass(frozen=True)
class MasterMunicipality:
    code: str
    prefecture_code: str
    name: str
    kana: str
    kind: str
    county: str
    parent_code: str
    designated_city: bool

    @property
    def full_name(self) -> str:
        """'虻田郡洞爺湖町', '札幌市中央区' needs the parent: see services.municipalities."""
        return f"{self.county}{self.name}"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def prefectures() -> tuple[MasterPrefecture, ...]:
    return tuple(
        MasterPrefecture(r["code"], r["lg_code"], r["name"], r["kana"])
        for r in _read(resource_path("data", "prefectures.csv"))
    )


@lru_cache(maxsize=1)
def municipalities() -> tuple[MasterMunicipality, ...]:
    return tuple(
        MasterMunicipality(
            code=r["code"],
            prefecture_code=r["prefecture_code"],
            name=r["name"],
            kana=r["kana"],
            kind=r["kind"],
            county=r["county"],
            parent_code=r["parent_code"],
            designated_city=r["designated_city"] == "1",
        )
        for r in _read(resource_path("data", "municipalities.csv"))
    )


def municipalities_of(prefecture_code: str) -> list[MasterMunicipality]:
    return [m for m in municipalities() if m.prefecture_code == prefecture_code]
