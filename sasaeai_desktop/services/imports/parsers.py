"""How a column's cells are read: a ``Rule`` per column key names a parser of ``PARSERS`` (or a
method of the kind, for the ones that need the database).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.domain.codes import CodeError
from sasaeai_desktop.domain.codes import normalize_code
from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.io.excel import values as V


@dataclass(frozen=True)
class Rule:
    """How one column is read. ``parse``: a name in ``PARSERS`` or a method name of the kind."""

    parse: str = "text"
    max_len: int | None = None
    required: bool = False  # the row needs a value (the column must exist too)


def _non_negative_int(value: Any) -> int:
    n = V.int_value(value)
    if n < 0:
        raise V.ValueProblem(f"{n} は0以上の数ではありません")
    return n


def _aging_rate(value: Any) -> float:
    rate = V.percent(value)
    if not 0 <= rate <= 100:
        raise V.ValueProblem(f"高齢化率 {rate:g} は0〜100（%）の範囲外です")
    return rate


_UUID_CHARS = frozenset("0123456789abcdef-")


def _record_id(value: Any) -> str:
    s = V.text(value).lower()
    if len(s) != 36 or not _UUID_CHARS.issuperset(s):
        raise V.ValueProblem(f"ID「{V.text(value)[:40]}」の形式が正しくありません（出力したファイルのID列は変更しないでください）")
    return s


def _code(value: Any) -> str:
    text = V.number_text(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else V.text(value)
    try:
        return normalize_code(text)
    except CodeError as exc:
        raise V.ValueProblem(str(exc)) from None


# Parsers by name; (value, max_len) → clean value or ValueProblem.
PARSERS: dict[str, Callable[..., Any]] = {
    "text": V.text,
    "multiline": V.multiline,
    # Names, 所属, 職名 and free text are stored as written (no NFKC); matching folds them (name_key).
    "written": V.written,
    "written_multiline": V.written_multiline,
    "kana": V.kana,
    "int": lambda v, n=None: V.int_value(v),
    "count": lambda v, n=None: _non_negative_int(v),
    "float": lambda v, n=None: V.float_value(v),
    "percent": lambda v, n=None: V.percent(v),
    "aging_rate": lambda v, n=None: _aging_rate(v),
    "date": lambda v, n=None: V.date_value(v),
    # What happened (訪問日, 受付日 …) and what is planned (次回訪問予定): domain/date_range.py.
    "record_date": lambda v, n=None: V.date_value(v, RECORD),
    "plan_date": lambda v, n=None: V.date_value(v, PLAN),
    "year_month": lambda v, n=None: V.year_month(v),
    "fiscal_year": lambda v, n=None: V.fiscal_year(v),
    "yes_no": lambda v, n=None: V.yes_no(v),
    "phone": V.phone,  # one argument already: no wrapper call per cell
    "email": V.email,  # one argument already: no wrapper call per cell
    "code": lambda v, n=None: _code(v),
    "record_id": lambda v, n=None: _record_id(v),
}
# Parsers of text: a length limit applies, and stored text is read again with them to compare.
TEXT_PARSERS = frozenset(("text", "multiline", "kana", "written", "written_multiline"))
# Controlled values (役割, 区分, 種別 …) are read by ImportKind.parser through the plan's answers
# (services/imports/values.COLUMN_VOCABULARIES): official wordings, then 「この値は？」.
