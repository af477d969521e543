"""Whose a survey return is, when the hidden identification sheet is gone: the code and name typed
in the form, a municipality the user named, or the one the user named for the same file before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sasaeai_desktop.domain.codes import CodeError
from sasaeai_desktop.domain.codes import normalize_code
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.progress.survey_plan import UnmatchedReturn

# LocalSetting 'survey_assign:<年度>:<content hash>' → municipality id: whose a return without the
# hidden sheet is, once the user said so and applied; the same file in the tray next week is not
# asked about again (a file saved again is new content, and asked about again).
ASSIGN_PREFIX = "survey_assign:"


def fingerprint(path: Path) -> str:
    import hashlib

    with path.open("rb") as fh:  # in chunks: whatever sits in the folder, however large
        return hashlib.file_digest(fh, "sha1").hexdigest()[:32]


def remembered(uow: Any, fiscal_year: int) -> dict[str, str]:
    from sqlalchemy import select

    from sasaeai_desktop.db import models as m

    prefix = f"{ASSIGN_PREFIX}{fiscal_year}:"
    with uow:
        rows = uow.session.execute(select(m.LocalSetting.key, m.LocalSetting.value)
                                   .where(m.LocalSetting.key.startswith(prefix))).all()
    return {key[len(prefix):]: value for key, value in rows}


def remember(uow: Any, fiscal_year: int, chosen: dict[str, str]) -> None:
    from sasaeai_desktop.db import models as m

    with uow:
        for content, municipality_id in chosen.items():
            key = f"{ASSIGN_PREFIX}{fiscal_year}:{content}"
            row = uow.session.get(m.LocalSetting, key)
            if row is None:
                uow.session.add(m.LocalSetting(key=key, value=municipality_id))
            else:
                row.value = municipality_id
        uow.commit()


def typed_code(value: Any) -> tuple[str, str]:
    """(normalised code or '', the text typed) of a code typed in the form (or given by the user)."""
    if value in (None, ""):
        return "", ""
    raw = value
    raw = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw).strip()
    try:
        # Excel drops the leading 0 of 北海道's codes: 1100 is 01100.
        return normalize_code(raw.zfill(5) if len(raw) == 4 else raw), raw
    except CodeError:
        return "", raw


class FormMatcher:
    """Which municipality a form without the hidden sheet is from, by the code and the name typed
    in it. Never guesses: a code and a name naming two different municipalities, a name shared by
    several, or nothing known is returned as an ``UnmatchedReturn`` for the user to decide."""

    def __init__(self, uow: Any, munis: list[tuple[str, str, str]]) -> None:
        self._uow = uow
        self.munis = munis
        self._by_id = {x[0]: x for x in munis}
        self._by_code = {x[1]: x for x in munis}
        self._resolver: Any = None

    def by_name(self, name: str) -> tuple[tuple[str, str, str] | None, str]:
        """(the insurer ``name`` names, or None; why not). Written any usual way (長野県松本市,
        全角/半角, 異体字) — the municipality-name resolver of the Excel import."""
        from sasaeai_desktop.io.excel.values import ValueProblem
        from sasaeai_desktop.services.municipality_names import MunicipalityResolver

        if self._resolver is None:
            with self._uow:
                self._resolver = MunicipalityResolver.load(self._uow.session)
        try:
            mid = self._resolver.resolve(name)
        except ValueProblem as exc:
            return None, str(exc)
        muni = self._by_id.get(mid)
        return muni, "" if muni else f"「{name}」は保険者（市町村）ではありません（区は市の名前で書いてください）"

    def chosen(self, file: str, value: str) -> tuple[str, str, str]:
        """The municipality a user named for ``file`` (id, code or name); UserError otherwise."""
        if value in self._by_id:
            return self._by_id[value]
        code, _raw = typed_code(value)
        if code in self._by_code:
            return self._by_code[code]
        muni, why = self.by_name(value)
        if muni is None:
            raise UserError(f"「{file}」に指定した市町村「{value}」が分かりません。{why}")
        return muni

    def match(self, file: str, code: str, code_text: str, name: str
              ) -> tuple[tuple[str, str, str] | None, str, UnmatchedReturn | None]:
        by_code = self._by_code.get(code) if code else None
        by_name, why = self.by_name(name) if name else (None, "")
        if by_code is not None and by_name is not None and by_code != by_name:
            reason = (f"識別用の隠しシートがなく、市町村コード欄（{code_text}: {by_code[2]}）と市町村名欄"
                      f"（{name}）が別の市町村を指しています。")
            return None, "", UnmatchedReturn(file, code_text, name, reason, [by_code, by_name])
        if by_code is not None:
            return by_code, "市町村コード", None
        if by_name is not None:
            return by_name, "市町村名", None
        said = "、".join(x for x in (f"コード欄「{code_text}」" if code_text else "",
                                     f"名前欄「{name}」" if name else "") if x) or "コード欄・名前欄とも空欄"
        reason = f"識別用の隠しシートがなく、市町村が分かりません（{said}）。" + (f"{why}。" if why else "")
        return None, "", UnmatchedReturn(file, code_text, name, reason, self._likely(code_text, name))

    def _likely(self, code_text: str, name: str) -> list[tuple[str, str, str]]:
        """Municipalities close to what was typed (similar name, code with the same start)."""
        import difflib

        from sasaeai_desktop.services.municipality_names import place_key

        out: list[tuple[str, str, str]] = []
        if name:
            keys = {place_key(x[2]): x for x in self.munis}
            key = place_key(name)
            out += [keys[k] for k in keys if key and (k in key or key in k)]
            out += [keys[k] for k in difflib.get_close_matches(key, list(keys), n=5, cutoff=0.5)]
        digits = "".join(ch for ch in code_text if ch.isdigit())
        if len(digits) >= 4:
            out += [x for x in self.munis if x[1].startswith(digits[:4])]
        seen: list[tuple[str, str, str]] = []
        for x in out:
            if x not in seen:
                seen.append(x)
        return seen[:8]

