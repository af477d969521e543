"""Which columns of an import kind take a value of a vocabulary, and whether a value can answer
one: what ``sasaeai import --map 役割=書かれた値:取り込む値`` may name.

It needs every kind registered (registry.py), so it sits above the registry rather than in values.py,
which the kinds themselves use.
"""

from __future__ import annotations

from sasaeai_desktop.io.excel.spec import header_key
from sasaeai_desktop.services.imports.registry import kind_class
from sasaeai_desktop.services.imports.values import COLUMN_VOCABULARIES


def value_columns(kind: str) -> dict[str, str]:
    """Header key (the canonical header, a synonym or the key) → column key, for the columns of
    ``kind`` whose values come from a vocabulary: what ``--map 役割=…`` may name."""
    cls = kind_class(kind)
    out: dict[str, str] = {}
    for col in cls.spec.columns:
        rule = cls.rules.get(col.key)
        if rule is not None and rule.parse in COLUMN_VOCABULARIES:
            for hk in (*col.header_keys(), header_key(col.key)):
                out.setdefault(hk, col.key)
    return out


def value_column_labels(kind: str) -> list[str]:
    """The headers of those columns (役割; 区分, 活動分野の分類 …), for messages."""
    keys = set(value_columns(kind).values())
    return [c.header for c in kind_class(kind).spec.columns if c.key in keys]


def check_value(kind: str, key: str, value: str) -> str:
    """Why ``value`` cannot answer 「この値は？」 for column ``key`` of ``kind`` ('' when it can;
    the values of a list kept in the database — 活動分野 — are checked when the sheet is read)."""
    rule = kind_class(kind).rules[key]
    words = COLUMN_VOCABULARIES[rule.parse]
    if not value:
        return f"{words.label}は空欄にできません（取り込む値を書いてください）" if rule.required else ""
    if words.key == "activity_field" or words.match(value) is not None:
        return ""
    return f"「{value}」は{words.label}の値ではありません（{'、'.join(words.choices)} のいずれか）"
