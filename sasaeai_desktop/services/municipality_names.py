"""Finding a municipality from what a sheet says: a code, or a name written any usual way.

Accepted for 軽井沢町 (長野県北佐久郡): '軽井沢町', '北佐久郡軽井沢町', '長野県北佐久郡軽井沢町',
'長野県軽井沢町', 'かるいざわまち', the code '203211' or '20321' (check digit added), or the code as a
number (Excel drops the leading 0 of 北海道's 01…: 11002 is read as 011002 in 北海道).
A ward is written with its city ('札幌市中央区'); the bare ward name works when it is unique in the
prefecture. Spaces, full/half width, ヶ/ケ and 異体字 (髙 → 高) do not matter.

When nothing matches, the message names the nearest municipalities of the user's prefecture, and
says so when the name is a municipality of another prefecture (隣県 when it borders ours) —
a sheet from a neighbour is a common mistake. Never guessed: an unknown or ambiguous name is a
problem for the user to fix, not a silent pick.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.codes import CodeError
from sasaeai_desktop.domain.codes import normalize_code
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.prefectures import are_neighbours
from sasaeai_desktop.io import master_data
from sasaeai_desktop.io.excel.values import ValueProblem
from sasaeai_desktop.io.excel.values import number_text
from sasaeai_desktop.services.setup import META_PREFECTURE

__all__ = ["MunicipalityResolver", "place_key"]

_KE = str.maketrans({"ヶ": "ケ", "ヵ": "ケ", "ｹ": "ケ"})
_DIGITS = re.compile(r"[0-9]{5,6}")


def place_key(text: str) -> str:
    """A key for comparing place names: name_key (NFKC, no spaces, 異体字 folded) with ヶ/ヵ → ケ."""
    return name_key(unicodedata.normalize("NFKC", text).translate(_KE))


@dataclass(frozen=True)
class _Place:
    id: str
    code: str
    name: str  # '中央区', '軽井沢町'
    parent: str  # '札幌市' for a ward, else ''
    county: str

    @property
    def display(self) -> str:  # '札幌市中央区', '軽井沢町'
        return self.parent + self.name


class MunicipalityResolver:
    """Resolves names and codes against the database's municipalities (the user's prefecture),
    and knows the rest of Japan from the bundled master list to explain what is not ours."""

    def __init__(self, places: list[_Place], kana: dict[str, str], prefecture_code: str) -> None:
        self.prefecture_code = prefecture_code
        self.prefectures = {p.code: p.name for p in master_data.prefectures()}
        self.prefecture_name = self.prefectures.get(prefecture_code, "")
        self._by_id = {p.id: p for p in places}
        self._by_code = {p.code: p for p in places}
        self._keys: dict[str, set[str]] = defaultdict(set)  # key → ids
        for p in places:
            for key in self._place_keys(p.name, p.parent, p.county, self.prefecture_name):
                self._keys[key].add(p.id)
            if kana.get(p.id):
                self._keys["kana:" + kana_key(kana[p.id])].add(p.id)
        self._displays = {place_key(p.display): p.id for p in places}
        self._cache: dict[Any, str] = {}
        self._others: dict[str, list[master_data.MasterMunicipality]] | None = None

    @staticmethod
    def _place_keys(name: str, parent: str, county: str, pref_name: str) -> set[str]:
        keys = {place_key(parent + name)}
        if parent:
            keys.add(place_key(name))  # the bare ward name: used when unique in the prefecture
        if county:
            keys.add(place_key(county + name))
        for k in list(keys):
            keys.add(place_key(pref_name) + k)
        return keys

    @classmethod
    def load(cls, session: Session) -> MunicipalityResolver:
        mun = m.Municipality.__table__
        parent = mun.alias("parent")
        rows = session.execute(
            select(mun.c.id, mun.c.code, mun.c.name, mun.c.kana, mun.c.kind, mun.c.county, parent.c.name, parent.c.kana)
            .select_from(mun.outerjoin(parent, parent.c.id == mun.c.parent_id))
            .where(mun.c.deleted.is_(False))
        ).all()
        meta = session.get(m.LocalMeta, META_PREFECTURE)
        pref = meta.value if meta is not None else ""
        places = [_Place(r[0], r[1], r[2], r[6] or "", r[5] or "") for r in rows]
        kana = {r[0]: (r[7] or "") + (r[3] or "") for r in rows}
        return cls(places, kana, pref)

    def display(self, municipality_id: str | None) -> str:
        if not municipality_id:
            return ""
        p = self._by_id.get(municipality_id)
        return p.display if p else ""

    def code_of(self, municipality_id: str) -> str:
        p = self._by_id.get(municipality_id)
        return p.code if p else ""

    # -- resolving ---------------------------------------------------------------------------

    def resolve(self, value: Any) -> str:
        """The id of the municipality ``value`` names; ValueProblem (Japanese) otherwise."""
        try:
            return self._cache[value]
        except (KeyError, TypeError):
            pass
        result = self._resolve(value)
        try:
            self._cache[value] = result
        except TypeError:
            pass
        return result

    def _resolve(self, value: Any) -> str:
        if isinstance(value, bool):
            raise ValueProblem("市町村の欄にTRUE/FALSEが入っています")
        if isinstance(value, (int, float)):
            return self._by_number(value)
        text = " ".join(unicodedata.normalize("NFKC", str(value)).split())
        if _DIGITS.fullmatch(text.replace(" ", "")):
            return self._by_code_text(text.replace(" ", ""), shown=str(value).strip())
        key = place_key(text)
        ids = self._keys.get(key) or self._keys.get("kana:" + kana_key(text)) or set()
        if len(ids) == 1:
            return next(iter(ids))
        shown = str(value).strip()
        if len(ids) > 1:
            names = "、".join(sorted(self._by_id[i].display for i in ids))
            raise ValueProblem(f"市町村「{shown}」に当たる市町村が{len(ids)}つあります（{names}）。区は市の名前から書いてください（例: 札幌市中央区）")
        raise ValueProblem(self._unknown_message(shown, key))

    def _by_number(self, value: float | int) -> str:
        if isinstance(value, float) and not value.is_integer():
            raise ValueProblem(f"市町村コード「{value}」は整数ではありません")
        digits = str(int(value))
        if not 4 <= len(digits) <= 6:
            raise ValueProblem(f"市町村コード「{digits}」は5桁か6桁の数字です")
        # A number cell loses leading zeros: 011002 (札幌市) arrives as 11002.
        options = []
        for text in {digits, digits.zfill(5), digits.zfill(6)}:
            if len(text) in (5, 6):
                try:
                    options.append(normalize_code(text))
                except CodeError:
                    continue
        ours = [c for c in dict.fromkeys(options) if c in self._by_code]
        if len(ours) == 1:
            return self._by_code[ours[0]].id
        return self._by_code_text(digits, shown=number_text(value))

    def _by_code_text(self, digits: str, *, shown: str) -> str:
        try:
            code = normalize_code(digits)
        except CodeError as exc:
            raise ValueProblem(str(exc)) from None
        place = self._by_code.get(code)
        if place is not None:
            return place.id
        other = next((x for x in master_data.municipalities() if x.code == code), None)
        if other is not None and other.prefecture_code != self.prefecture_code:
            raise ValueProblem(self._other_message([other], f"市町村コード「{shown}」"))
        raise ValueProblem(f"市町村コード「{shown}」（{code}）の市町村は{self.prefecture_name or 'この県'}に登録されていません")

    def _other_index(self) -> dict[str, list[master_data.MasterMunicipality]]:
        if self._others is None:
            by_code = {x.code: x for x in master_data.municipalities()}
            index: dict[str, list[master_data.MasterMunicipality]] = defaultdict(list)
            for x in master_data.municipalities():
                if x.prefecture_code == self.prefecture_code:
                    continue
                parent = by_code.get(x.parent_code) if x.parent_code else None
                pref = self.prefectures.get(x.prefecture_code, "")
                for key in self._place_keys(x.name, parent.name if parent else "", x.county, pref):
                    index[key].append(x)
                index["kana:" + kana_key((parent.kana if parent else "") + x.kana)].append(x)
            self._others = index
        return self._others

    def _other_message(self, others: list[master_data.MasterMunicipality], what: str) -> str:
        by_code = {x.code: x for x in master_data.municipalities()} if any(o.parent_code for o in others) else {}
        parts = []
        for o in others[:4]:
            pref = self.prefectures.get(o.prefecture_code, "")
            found = by_code.get(o.parent_code) if o.parent_code else None
            parent = found.name if found else ""
            tag = "隣県" if are_neighbours(self.prefecture_code, o.prefecture_code) else "他県"
            parts.append(f"{pref}{o.county}{parent}{o.name}（{tag}）")
        ours = self.prefecture_name or "この県"
        return f"{what}は{ours}の市町村ではありません: {'、'.join(parts)}。{ours}の市町村を指定してください"

    def _unknown_message(self, shown: str, key: str) -> str:
        # Another prefecture's municipality (a sheet from a neighbour, a typo of the prefecture)?
        others = self._other_index().get(key) or self._other_index().get("kana:" + kana_key(shown)) or []
        # '群馬県嬬恋村' names its prefecture: keep only that prefecture's match.
        if others:
            return self._other_message(others, f"市町村「{shown}」")
        return f"市町村「{shown}」が{self.prefecture_name or ''}の市町村に見つかりません。" + self._suggest(shown, key)

    def _suggest(self, shown: str, key: str) -> str:
        names = list(self._displays)
        found: list[str] = []
        pref_key = place_key(self.prefecture_name) if self.prefecture_name else ""
        bare = key[len(pref_key):] if pref_key and key.startswith(pref_key) else key
        for n in names:  # '軽井沢' → 軽井沢町, '中央区' → 札幌市中央区
            if bare and (n.startswith(bare) or n.endswith(bare)) and n != bare:
                found.append(n)
        found += difflib.get_close_matches(bare, names, n=3, cutoff=0.6)
        seen: list[str] = []
        for n in found:
            display = self._by_id[self._displays[n]].display
            if display not in seen:
                seen.append(display)
        if not seen:
            return "市町村名（例: 松本市、北佐久郡軽井沢町）か6桁のコードで書いてください"
        return f"候補: {'、'.join(seen[:5])}"
