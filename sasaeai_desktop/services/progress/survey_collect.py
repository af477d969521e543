"""Collecting the status survey: read a folder of returned forms and build a plan — per
municipality, field by field, what the return would change — without writing anything.

Files that cannot be used at all (another 年度, another municipality than the one in the hidden
sheet, unknown municipality, not a survey) and answers that cannot be read (a formula, a typed
value that is no choice) are problems; nothing is applied from a problem.

A collection reads the whole folder every time (returns pile up over the weeks): a return with
nothing left to change is only named (``CollectPlan.unchanged``), and a return without the hidden
sheet that the user once named is matched again by its content (``survey_match.ASSIGN_PREFIX``).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import status as st
from sasaeai_desktop.services.progress.survey_compare import compare
from sasaeai_desktop.services.progress.survey_forms import CHECK_EVERY
from sasaeai_desktop.services.progress.survey_forms import form_fields
from sasaeai_desktop.services.progress.survey_match import FormMatcher
from sasaeai_desktop.services.progress.survey_match import fingerprint
from sasaeai_desktop.services.progress.survey_match import remembered
from sasaeai_desktop.services.progress.survey_match import typed_code
from sasaeai_desktop.services.progress.survey_plan import CHOSEN_BEFORE
from sasaeai_desktop.services.progress.survey_plan import MATCH_KEY
from sasaeai_desktop.services.progress.survey_plan import CollectPlan
from sasaeai_desktop.services.progress.survey_plan import Problem
from sasaeai_desktop.services.progress.survey_plan import ReadReturn
from sasaeai_desktop.services.progress.survey_plan import UnmatchedReturn


def _parse_answer(f: st.StatusField, value: Any) -> Any:
    """A returned cell as the field's Python value; ValueError with a Japanese message."""
    from sasaeai_desktop.io.excel import values as xv
    from sasaeai_desktop.io.excel.survey_form import excel_date
    from sasaeai_desktop.io.excel.survey_form import parse_stage

    if isinstance(value, str):
        value = value.strip()
    if f.kind in ("text", "multiline"):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (dt.date, dt.datetime)):
            value = f"{value:%Y/%m/%d}"
        return value if isinstance(value, str) else str(value)
    if value is None or value == "":
        return None
    try:
        if f.kind == "bool":
            return xv.yes_no(value)
        if f.kind == "int":
            return xv.int_value(value)
        if f.kind == "date":
            return excel_date(value) or _day_or_month(value)
        if f.kind == "stage":
            return parse_stage(value)
    except xv.ValueProblem as exc:
        raise ValueError(str(exc)) from exc
    raise AssertionError(f.kind)


def _day_or_month(value: Any) -> dt.date:
    """A day, or a month (「H29.4」, 「平成29年4月」, 「2017/4」) taken as its first day: municipalities
    answer 移行時期・配置の時期 by the month, and the compiled table shows them by the month."""
    from sasaeai_desktop.io.excel import values as xv

    try:
        return xv.date_value(value)
    except xv.ValueProblem as exc:
        try:
            year, month = xv.year_month(value)
        except xv.ValueProblem:
            raise exc from None
        return dt.date(year, month, 1)


def _add_problem(plan: CollectPlan, file: str, message: str, cell: Any = None, key: str | None = None) -> None:
    plan.add_problem(Problem(file, message, cell.row if cell else None, cell.col if cell else None, key))


def _candidate_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in (".xlsx", ".xlsm") and not p.name.startswith(("~$", "_", "."))
    )


def collect(
    uow: Any,
    fiscal_year: int,
    folder: str | os.PathLike[str],
    *,
    assign: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    abort: threading.Event | None = None,
) -> CollectPlan:
    """Read every returned workbook in ``folder`` (files starting with '_' or '~$' are skipped, so
    the error workbook can sit beside them) and compare with the database. Writes nothing.

    ``assign`` maps a file name to the municipality (id, code or name) the user says it is from;
    it is used only for returns without the hidden sheet (the sheet's municipality is never
    overridden)."""
    from sasaeai_desktop.io.excel.survey_form import FORMAT_ID
    from sasaeai_desktop.io.excel.survey_form import read_form

    src = Path(folder)
    if not src.is_dir():
        raise UserError(f"フォルダー「{src}」がありません。")
    files = _candidate_files(src)
    plan = CollectPlan(fiscal_year, src)
    fields = form_fields()
    with uow:
        munis = municipalities.insurers(uow)
    by_id = {x[0]: x for x in munis}
    by_code = {x[1]: x for x in munis}
    matcher = FormMatcher(uow, munis)
    chosen_before = remembered(uow, fiscal_year)
    wanted = {name: matcher.chosen(name, value) for name, value in (assign or {}).items()}
    unknown_files = sorted(set(wanted) - {p.name for p in files})
    if unknown_files:
        raise UserError(f"指定したファイル「{'」「'.join(unknown_files)}」はフォルダー「{src}」の調査票にありません。")

    for i, path in enumerate(files):
        cancellation.check(abort, "回収を中止しました。")
        if progress is not None and i % CHECK_EVERY == 0:
            progress(i / max(len(files), 1), path.name)
        plan.files_read += 1
        fname = path.name
        form = read_form(path, fields)
        plan.forms[fname] = form
        plan.fingerprints[fname] = content = fingerprint(path)
        problem = partial(_add_problem, plan, fname)
        if form.error:
            problem(form.error)
            continue
        ident = form.ident if form.ident and form.ident.get("format") == FORMAT_ID else None
        code_cell, name_cell, fy_cell = (form.head.get(k) for k in ("@code", "@name", "@fiscal_year"))
        form_code, code_text = typed_code(code_cell.value if code_cell is not None else None)
        form_name = str(name_cell.value).strip() if name_cell is not None and name_cell.value else ""
        # which municipality
        muni = None
        matched_by = ""
        unmatched: UnmatchedReturn | None = None
        if ident is not None:
            muni = by_id.get(ident.get("municipality_id", "")) or by_code.get(ident.get("code", ""))
            matched_by = "識別シート"
            if muni is None:
                problem(f"調査票の市町村（{ident.get('name', '')} {ident.get('code', '')}）がこのデータベースにありません。")
                continue
            if form_code and form_code != muni[1]:
                other = by_code.get(form_code)
                typed = f"{form_code}（{other[2]}）" if other else form_code
                problem(f"この調査票は{muni[2]}（{muni[1]}）用ですが、市町村コード欄は {typed} です。"
                        "別の市町村の調査票を書き換えた可能性があります。取り込みません。", code_cell, "@code")
                continue
            if form_name and form_name != muni[2] and matcher.by_name(form_name)[0] not in (None, muni):
                problem(f"この調査票は{muni[2]}用ですが、市町村名欄は「{form_name}」です。取り込みません。", name_cell, "@name")
                continue
            if fname in wanted and wanted[fname] != muni:
                plan.notes.append(f"「{fname}」には識別シートがあり{muni[2]}の調査票です。指定した"
                                  f"{wanted[fname][2]}ではなく{muni[2]}として読みました。")
        elif fname in wanted:
            muni, matched_by = wanted[fname], "指定"
        elif chosen_before.get(content) in by_id:
            muni, matched_by = by_id[chosen_before[content]], CHOSEN_BEFORE
        else:
            muni, matched_by, unmatched = matcher.match(fname, form_code, code_text, form_name)
        # which 年度
        file_fy = None
        if ident is not None and ident.get("fiscal_year", "").isdigit():
            file_fy = int(ident["fiscal_year"])
        elif fy_cell is not None and fy_cell.value not in (None, ""):
            from sasaeai_desktop.io.excel import values as xv

            try:
                file_fy = xv.fiscal_year(str(fy_cell.value).split("（")[0])
            except (xv.ValueProblem, ValueError):
                problem(f"年度「{fy_cell.value}」を読み取れません。", fy_cell, "@fiscal_year")
                continue
        if file_fy is not None and file_fy != fiscal_year:
            problem(f"{fiscal_year_label(file_fy, 'both')}の調査票です（回収しているのは"
                    f"{fiscal_year_label(fiscal_year, 'both')}）。取り込みません。", fy_cell, "@fiscal_year")
            continue
        base = None
        if ident is not None and ident.get("base"):
            try:
                base = st.values_from_json(ident["base"])
            except (ValueError, TypeError):
                base = None
        parsed: dict[str, tuple[Any, Any]] = {}
        for f in st.FIELDS:
            cell = form.cells.get(f.key)
            if cell is None:
                continue
            if cell.formula:
                problem(f"「{f.label}」に数式が入っています。値を直接入力してください（この項目は取り込みません）。", cell, f.key)
                continue
            try:
                parsed[f.key] = (_parse_answer(f, cell.value), cell)
            except ValueError as exc:
                problem(f"「{f.label}」: {exc}（この項目は取り込みません）", cell, f.key)
        if form.missing and len(form.missing) < len(st.FIELDS):
            labels = "、".join(st.FIELD_BY_KEY[k].label for k in form.missing[:5])
            problem(f"次の項目の行が見つかりません（削除された可能性）: {labels}")
        elif not parsed and form.missing:
            problem("調査票の項目が見つかりません（様式が違います）。")
            continue
        if unmatched is not None:
            plan.unmatched.append(unmatched)
            problem(unmatched.reason + " どの市町村の回答か選んでください（コマンドでは --assign "
                    f"\"{fname}=市町村コード\"）。それまで取り込みません。", code_cell, MATCH_KEY)
        plan.read_returns.append(ReadReturn(fname, muni[0] if muni else None, parsed, base, matched_by))

    compare(uow, plan, by_id)
    if progress is not None:
        progress(1.0, "完了")
    return plan



def assign_return(uow: Any, plan: CollectPlan, file: str, municipality_id: str) -> CollectPlan:
    """``plan`` with the unmatched return ``file`` taken as ``municipality_id``'s (the user said
    so); compared again without reading the files. Writes nothing."""
    entry = next((r for r in plan.read_returns if r.file == file and r.municipality_id is None), None)
    if entry is None:
        raise UserError(f"「{file}」は市町村を選ぶ必要のある回答ではありません。")
    with uow:
        munis = municipalities.insurers(uow)
    by_id = {x[0]: x for x in munis}
    if municipality_id not in by_id:
        raise UserError("選んだ市町村が見つかりません。")
    entry.municipality_id, entry.matched_by = municipality_id, "指定"
    plan.unmatched = [u for u in plan.unmatched if u.file != file]
    plan.drop_problems(lambda p: p.file == file and p.key == MATCH_KEY)
    compare(uow, plan, by_id)
    return plan
