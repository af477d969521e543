"""Region memberships as an Excel sheet: コード | 市町村 | one column per kind of region.

``write_membership_sheet`` exports the grid; ``plan_membership_import`` reads such a sheet (ours, or
one a prefecture already keeps: the header row is found among the first rows, the code or the name
column is enough, names written any usual way) and decides per cell without writing;
``apply_membership_import`` writes the plan in one transaction, or nothing when it has a problem.

A column whose header is not a kind yet makes a new kind; a region name not known in its kind
makes a new region (both listed in the preview). A blank cell leaves that membership alone (as
every import here: blanks never erase); 「（圏域未設定）」 or 「未設定」 takes the municipality out of
that kind's regions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.services.progress import regions

CODE_HEADERS = ("コード", "市町村コード", "団体コード", "保険者番号")
NAME_HEADERS = ("市町村", "市町村名", "保険者", "保険者名")
UNSET_WORDS = frozenset(clean_text(w) for w in (regions.UNASSIGNED, "未設定", "（未設定）", "なし"))  # as cells are cleaned
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class MembershipChange:
    municipality_id: str
    municipality: str
    kind: str  # kind name
    before: str  # region name ('' when none)
    after: str  # region name ('' to take it out)


@dataclass
class MembershipPlan:
    file: str
    sheet: str
    kinds: list[str] = field(default_factory=list)  # the kind columns, in sheet order
    new_kinds: list[str] = field(default_factory=list)
    new_regions: dict[str, list[str]] = field(default_factory=dict)  # kind → region names
    changes: list[MembershipChange] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)  # 'sheet!B4 — message'

    def summary(self) -> str:
        parts = [f"変更 {len(self.changes)} 件", f"変更なし {self.unchanged} 件"]
        if self.new_kinds:
            parts.append(f"新しい種類: {'、'.join(self.new_kinds)}")
        for kind, names in self.new_regions.items():
            parts.append(f"{kind}に新しい圏域: {'、'.join(names)}")
        if self.problems:
            parts.append(f"問題 {len(self.problems)} 件")
        return "。".join(parts) + "。"


def write_membership_sheet(uow: UnitOfWork, path: str | os.PathLike[str]) -> int:
    """Every insurer with its region per kind; returns the number of rows."""
    from sasaeai_desktop.io.excel.spec import ColumnSpec
    from sasaeai_desktop.io.excel.spec import SheetSpec
    from sasaeai_desktop.io.excel.writer import write_table

    table = regions.membership_table(uow)
    names = {r.id: r.name for rs in table.regions.values() for r in rs}
    columns = [ColumnSpec("code", CODE_HEADERS[0], width=9), ColumnSpec("name", NAME_HEADERS[0], width=14)]
    columns += [ColumnSpec(f"kind{i}", k.name, width=16) for i, k in enumerate(table.kinds)]
    spec = SheetSpec("region_memberships", "圏域", tuple(columns))
    rows = [[code, name, *(names.get(table.cells.get((mid, k.id), ""), "") for k in table.kinds)]
            for mid, code, name in table.municipalities]
    return write_table(path, spec, rows, title_lines=["市町村の圏域（種類ごとに一つ。空欄は未設定）"])


def _header_row(rows: list[tuple[int, list[Any]]]) -> tuple[int, int | None, int | None, list[int]] | None:
    """(row index, code column, name column, kind columns) of the first row naming a code or
    municipality column."""
    from sasaeai_desktop.io.excel.spec import header_key

    codes, names = {header_key(h) for h in CODE_HEADERS}, {header_key(h) for h in NAME_HEADERS}
    for r, cells in rows[:HEADER_SEARCH_ROWS]:
        keys = [header_key(v) for v in cells]
        code_col = next((i for i, k in enumerate(keys) if k in codes), None)
        name_col = next((i for i, k in enumerate(keys) if k in names), None)
        if code_col is None and name_col is None:
            continue
        kinds = [i for i, k in enumerate(keys) if k and i not in (code_col, name_col)]
        return r, code_col, name_col, kinds
    return None


def _columns_of_other_lists() -> dict[str, set[str]]:
    """header key → the lists that have such a column, for every column of the program's other
    sheets (関係者一覧の「氏名」, 市町村一覧の「人口」, 訪問記録の「訪問日」, 取組状況の「協議体」 …)."""
    from sasaeai_desktop.domain.status_table import COMPILED_COLUMNS
    from sasaeai_desktop.io.excel.sheets import ADVISORS
    from sasaeai_desktop.io.excel.sheets import MUNICIPALITIES
    from sasaeai_desktop.io.excel.sheets import PEOPLE
    from sasaeai_desktop.io.excel.spec import header_key
    from sasaeai_desktop.services.activities.log_sheets import SPECS
    from sasaeai_desktop.services.progress.status import FIELDS

    out: dict[str, set[str]] = {}
    for spec in (MUNICIPALITIES, PEOPLE, ADVISORS, *SPECS.values()):
        for col in spec.columns:
            for key in col.header_keys():
                out.setdefault(key, set()).add(spec.title)
    for text in (*(f.label for f in FIELDS), *(top for top, _sub, _key, _w in COMPILED_COLUMNS)):
        out.setdefault(header_key(text), set()).add("取組状況")
    return out


def _refuse_another_list(plan: MembershipPlan, headers: list[Any]) -> None:
    """A column that another list of this program has (氏名, 電話, 人口, 訪問日 …) is never a kind
    of region: the file is another list (a people list given to region import made kinds 氏名,
    ふりがな and 電話 of it), or has columns to remove first. Refused before anything is planned."""
    from collections import Counter

    from sasaeai_desktop.io.excel.spec import header_key

    others = _columns_of_other_lists()
    found = [(clean_text(str(h)), others[header_key(h)]) for h in headers if header_key(h) in others]
    if not found:
        return
    votes = Counter(title for _h, titles in found for title in titles)
    likely = votes.most_common(1)[0][0]
    named = "、".join(f"「{h}」" for h, _t in found[:6]) + (" ほか" if len(found) > 6 else "")
    raise UserError(
        f"「{plan.file}」のシート「{plan.sheet}」は圏域の一覧ではありません（見出しに {named} があり、{likely}のようです）。"
        "圏域の一覧は「コード」か「市町村」の列と、圏域の種類（保健所圏域など）ごとの列です。"
        "別の一覧なら種類に合った取り込みを使い、余分な列なら消してから取り込んでください。"
    )


# A region's name is short text: a number, a date or a sentence in a cell is another list's value.
_MAX_REGION_NAME = 40


def _not_a_region_name(raw: Any, text: str) -> str | None:
    import datetime as dt

    if isinstance(raw, bool) or isinstance(raw, (int, float)):
        return f"「{text}」は数値です（圏域名を入力してください）"
    if isinstance(raw, (dt.date, dt.time, dt.timedelta)):
        return f"「{text}」は日付・時刻です（圏域名を入力してください）"
    if len(text) > _MAX_REGION_NAME or "\n" in str(raw):
        return f"「{text[:20]}…」は圏域名として長すぎます（{_MAX_REGION_NAME}文字まで、1行）"
    return None


def plan_membership_import(uow: UnitOfWork, path: str | os.PathLike[str], sheet: str | None = None) -> MembershipPlan:
    """What importing ``path`` would change; writes nothing."""
    from sasaeai_desktop.io.excel.reader import ExcelReadError
    from sasaeai_desktop.io.excel.reader import cell_name
    from sasaeai_desktop.io.excel.reader import open_workbook
    from sasaeai_desktop.io.excel.values import ValueProblem
    from sasaeai_desktop.services.municipalities import insurers
    from sasaeai_desktop.services.municipality_names import MunicipalityResolver

    try:
        with open_workbook(path) as wb:
            sheet_name = wb.resolve_sheet(sheet)
            rows = list(wb.rows(sheet_name))
    except ExcelReadError as exc:
        raise UserError(str(exc)) from None
    plan = MembershipPlan(Path(path).name, sheet_name)
    found = _header_row(rows)
    if found is None:
        raise UserError(f"「{plan.file}」のシート「{sheet_name}」に「コード」または「市町村」の見出しがありません。")
    head, code_col, name_col, kind_cols = found
    if not kind_cols:
        raise UserError(f"「{plan.file}」に圏域の種類の列がありません（コード・市町村の右に、種類ごとの列を置いてください）。")
    head_cells = dict(rows)[head]
    plan.kinds = [clean_text(str(head_cells[c])) for c in kind_cols]
    _refuse_another_list(plan, [head_cells[c] for c in kind_cols])

    table = regions.membership_table(uow)
    kinds_by_name = {k.name: k for k in table.kinds}
    plan.new_kinds = [k for k in dict.fromkeys(plan.kinds) if k not in kinds_by_name]
    if len(set(plan.kinds)) != len(plan.kinds):
        plan.problems.append(f"{sheet_name}!{head + 1}行目 — 同じ種類の列が2つあります")
    region_names = {k.id: {r.name: r.id for r in table.regions[k.id]} for k in table.kinds}
    shown = {r.id: r.name for rs in table.regions.values() for r in rs}
    with uow:
        resolver = MunicipalityResolver.load(uow.session)
        insurer_ids = {x[0] for x in insurers(uow)}
    display = {x[0]: x[2] for x in table.municipalities}
    seen: dict[str, int] = {}

    def cell(r: int, c: int) -> str:
        return f"{sheet_name}!{cell_name(r, c)}"

    for r, cells in rows:
        if r <= head:
            continue
        values = [cells[c] if c is not None and c < len(cells) else "" for c in (code_col, name_col)]
        if all(v in ("", None) for v in values):
            continue
        ids = []
        for c, v in zip((code_col, name_col), values):
            if c is None or v in ("", None):
                continue
            try:
                ids.append(resolver.resolve(v))
            except ValueProblem as exc:
                plan.problems.append(f"{cell(r, c)} — {exc}")
        if not ids or len(set(ids)) > 1:
            if len(set(ids)) > 1:
                plan.problems.append(f"{cell(r, code_col or 0)} — コードと市町村名が別の市町村です")
            continue
        mid = ids[0]
        if mid not in insurer_ids:
            plan.problems.append(f"{cell(r, name_col if name_col is not None else code_col or 0)} — "
                                 f"{resolver.display(mid)}は区です。区のある市の行にしてください")
            continue
        if mid in seen:
            plan.problems.append(f"{sheet_name}!{r + 1}行目 — {display[mid]}は{seen[mid] + 1}行目にもあります")
            continue
        seen[mid] = r
        for c, kind_name in zip(kind_cols, plan.kinds):
            raw = cells[c] if c < len(cells) else ""
            text = clean_text(str(raw)) if raw not in (None, "") else ""
            if not text:
                continue  # blank: left alone
            problem = _not_a_region_name(raw, text)
            if problem:
                plan.problems.append(f"{cell(r, c)} — {problem}")
                continue
            kind = kinds_by_name.get(kind_name)
            after = "" if text in UNSET_WORDS else text
            before = shown.get(table.cells.get((mid, kind.id), ""), "") if kind else ""
            if after and (kind is None or after not in region_names[kind.id]):
                new = plan.new_regions.setdefault(kind_name, [])
                if after not in new:
                    new.append(after)
            if before == after:
                plan.unchanged += 1
            else:
                plan.changes.append(MembershipChange(mid, display[mid], kind_name, before, after))
    return plan


def apply_membership_import(uow: UnitOfWork, plan: MembershipPlan) -> int:
    """Write the plan in one transaction (new kinds, new regions, memberships); refuses a plan
    with problems. Returns the number of memberships changed."""
    if plan.problems:
        raise UserError(f"問題が {len(plan.problems)} 件あるため、何も取り込んでいません。")
    table = regions.membership_table(uow)
    kind_ids = {k.name: k.id for k in table.kinds}
    region_ids = {(k.id, r.name): r.id for k in table.kinds for r in table.regions[k.id]}
    with uow:
        s = uow.session
        order = max((k.sort_order for k in table.kinds), default=-1)
        for name in plan.new_kinds:
            order += 1
            kind_ids[name] = new_id()
            s.execute(insert(m.RegionKind), [{"id": kind_ids[name], "name": name, "sort_order": order}])
        for kind_name, names in plan.new_regions.items():
            kid = kind_ids[kind_name]
            start = len(table.regions.get(kid, []))
            for i, name in enumerate(names):
                region_ids[(kid, name)] = new_id()
                s.execute(insert(m.Region), [{"id": region_ids[(kid, name)], "kind_id": kid, "name": name,
                                              "sort_order": start + i}])
        s.flush()
        changed = 0
        for ch in plan.changes:
            kid = kind_ids[ch.kind]
            changed += regions.assign_in(s, kid, region_ids[(kid, ch.after)] if ch.after else None, [ch.municipality_id])
        uow.commit()
    return changed
