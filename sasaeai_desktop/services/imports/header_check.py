"""What the header row found says before any data row is read: the columns the preview shows, the
required columns missing, two columns for one field, a sheet that is another kind of list.
"""

from __future__ import annotations

from sasaeai_desktop.io.excel.header_row import Header
from sasaeai_desktop.io.excel.sheets import IGNORED_HEADERS
from sasaeai_desktop.io.excel.spec import header_key
from sasaeai_desktop.io.excel.text import column_letter
from sasaeai_desktop.services.imports.import_plan import ColumnInfo
from sasaeai_desktop.services.imports.kind_base import ImportKind
from sasaeai_desktop.services.imports.plan_rows import Problem

IGNORED = frozenset(header_key(h) for h in IGNORED_HEADERS)


def plan_columns(kind_cls: type[ImportKind], header: Header) -> list[ColumnInfo]:
    out = []
    spec = kind_cls.spec
    for j, text in enumerate(header.texts):
        key = header.mapping.get(j)
        if not text and key is None:
            continue
        out.append(ColumnInfo(j, column_letter(j), text, key, spec.column(key).header if key else "",
                              ignored=key is None and header_key(text) in IGNORED))
    for j, key in header.mapping.items():  # a column mapped by hand beyond the header's last text
        if j >= len(header.texts):
            out.append(ColumnInfo(j, column_letter(j), "", key, spec.column(key).header))
    return sorted(out, key=lambda c: c.index)


def _another_kind_of_list(kind_cls: type[ImportKind], sheet: str, header: Header) -> list[Problem]:
    """For a kind that only updates rows (``needs_value_columns``): a sheet whose only columns this
    kind reads are the ones that name a row (コード, 市町村, ID) while it has columns of its own is
    another list — the region sheet or the 取組状況 table given to the municipalities import
    matched on 市町村 alone. Nothing would be imported from it; say so instead of 「変更なし」."""
    if not kind_cls.needs_value_columns:
        return []
    naming = {k for group in kind_cls.required_columns for k in group} | {"id"}
    mapped = set(header.mapping.values())
    if not mapped or not mapped <= naming:
        return []
    others = [t for j, t in enumerate(header.texts)
              if t and j not in header.mapping and header_key(t) not in IGNORED]
    if not others:
        return []  # a bare list of names or codes is a list of this kind
    shown = "、".join(f"「{t}」" for t in others[:5]) + (" ほか" if len(others) > 5 else "")
    return [Problem(sheet, None, "", f"このシートは{kind_cls.title}の一覧ではないようです（見出し{header.row + 1}行目の"
                    f"{shown}は{kind_cls.title}の列ではなく、取り込める列がありません）。種類に合った取り込みを選んでください")]


def header_problems(kind_cls: type[ImportKind], sheet: str, header: Header) -> list[Problem]:
    problems = []
    spec = kind_cls.spec
    present = set(header.mapping.values())
    for group in kind_cls.required_columns:
        if not present.intersection(group):
            names = "」か「".join(spec.column(k).header for k in group)
            problems.append(Problem(sheet, None, "", f"必要な列「{names}」が見出し行（{header.row + 1}行目）にありません"))
    problems += _another_kind_of_list(kind_cls, sheet, header)
    for key, cols in header.duplicates.items():
        texts = "、".join(f"「{header.label(j)}」（{column_letter(j)}列）" for j in cols)
        problems.append(Problem(
            sheet, None, "", f"見出し {texts} がどれも「{spec.column(key).header}」を表しています。"
            "どれか1つだけを取り込むよう列の対応を直すか、見出しを変えてください",
        ))
    return problems
