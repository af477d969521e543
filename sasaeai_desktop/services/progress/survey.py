"""The status survey round trip: make one workbook per municipality, collect the returns.

``make_surveys`` writes 「<code>_<name>_取組状況調査票_<年度>.xlsx」 pre-filled with each insurer's
latest status. ``collect`` reads a folder of returns and builds a plan — per municipality, field by
field, what the return would change and whether that change is *clean* — without writing anything;
``apply_plan`` stores the changes the user accepted.

How a returned field is classified (``FieldChange.kind``):
- ``clean``: the database still holds what the form was made from, so the answer is new information;
- ``conflict``: the database changed since the form was made *and* the answer differs from both
  (someone edited the status meanwhile) — the user decides;
- ``unverified``: the hidden identification sheet was deleted, so there is no version to compare
  with (matched by the code or name typed in the form) — the user decides;
- ``disagree``: two returns for the same municipality give different answers — the user picks one.
An answer equal to what the form was made from changes nothing (the data may have moved on).
Files that cannot be used at all (another 年度, another municipality than the one in the hidden
sheet, unknown municipality, not a survey) and answers that cannot be read (a formula, a typed
value that is no choice) are *problems*: listed with ``file!cell — message`` and written to an
error workbook with the cells highlighted. Nothing is applied from a problem.

A collection reads the whole folder every time (returns pile up over the weeks): a return with
nothing left to change is only named (``CollectPlan.unchanged``), and a return without the hidden
sheet that the user once named is matched again by its content (``ASSIGN_PREFIX``).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.codes import CodeError, normalize_code
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.services.progress import status as st
from sasaeai_desktop.domain.errors import UserError, ValidationError
from sasaeai_desktop.services.progress.survey_checks import Refusal, refusals, refusals_of_error

CHECK_EVERY = 10


def _form_fields() -> list[Any]:
    from sasaeai_desktop.io.excel.survey_form import FormField

    return [FormField(f.key, f.group, f.label, f.kind, f.help) for f in st.FIELDS]


def survey_title(fiscal_year: int) -> str:
    return f"{fiscal_year_label(fiscal_year)} 生活支援体制整備事業 取組状況調査票"


def _safe_filename(text: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in text)


@dataclass(frozen=True)
class MakeResult:
    folder: Path
    files: int
    seconds: float


def make_surveys(
    uow: Any,
    fiscal_year: int,
    out_dir: str | os.PathLike[str],
    *,
    municipality_ids: Iterable[str] | None = None,
    office: str = "",
    progress: Progress | None = None,
    abort: threading.Event | None = None,
    overwrite: bool = True,
) -> MakeResult:
    """One pre-filled workbook per insurer (or per ``municipality_ids``) in ``out_dir``.

    ``overwrite=False`` refuses (before moving any file in) when a form of the same name is there."""
    import time

    from sasaeai_desktop.io.excel.survey_form import FormData, _Styles, write_form

    from sasaeai_desktop.io.output_files import disk_full, replacing_files_in

    started = time.perf_counter()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"出力先「{out}」はフォルダーではありません。")
    with uow:
        munis = municipalities.insurers(uow)
        latest = st.latest_statuses(uow, fiscal_year)
    if municipality_ids is not None:
        wanted = set(municipality_ids)
        munis = [x for x in munis if x[0] in wanted]
    fields = _form_fields()
    styles = _Styles()
    label = fiscal_year_label(fiscal_year, "both")
    title = survey_title(fiscal_year)
    made = dt.datetime.now().replace(microsecond=0).isoformat()
    names = [_form_name(code, name, fiscal_year) for _mid, code, name in munis]
    if not overwrite and out.is_dir():  # said before the forms are made (replacing_files_in checks again)
        clashes = [n for n in names if (out / n).exists()]
        if clashes:
            raise UserError(f"「{out}」には同じ名前の調査票が {len(clashes)} 件あります（例: {clashes[0]}）。"
                            "上書きするには --overwrite を付けるか、別のフォルダーを指定してください。")
    # Every form is made in a staging folder first and moved into ``out`` only when all are
    # complete: a full disk or a cancel leaves the folder as it was.
    with replacing_files_in(out, overwrite=overwrite) as staging:
        for i, (mid, code, name) in enumerate(munis):
            cancellation.check(abort, "調査票の作成を中止しました。")
            if progress is not None and i % CHECK_EVERY == 0:
                progress(i / max(len(munis), 1), name)
            rec = latest.get(mid)
            values = rec.values if rec is not None else st.empty_values()
            ident = {
                "municipality_id": mid, "code": code, "name": name, "fiscal_year": str(fiscal_year),
                "status_id": (rec.id or "") if rec else "",
                "updated_at": rec.updated_at.isoformat() if rec and rec.updated_at else "",
                "source_fiscal_year": str(rec.copied_from_year or fiscal_year) if rec else "",
                "version": st.version_of(values), "base": st.values_to_json(values), "made_at": made,
            }
            data = FormData(code, name, fiscal_year, label, values, ident, title, office)
            path = staging / names[i]
            try:
                write_form(path, fields, data, styles)
            except Exception as exc:
                full = disk_full(exc, _estimated_bytes(staging, i, len(munis)))
                if full is not None:
                    raise full from exc
                raise
    if progress is not None:
        progress(1.0, "完了")
    return MakeResult(out, len(munis), round(time.perf_counter() - started, 3))


def _form_name(code: str, name: str, fiscal_year: int) -> str:
    return _safe_filename(f"{code}_{name}_取組状況調査票_{fiscal_year}.xlsx")


def _estimated_bytes(staging: Path, done: int, total: int) -> int | None:
    """The space all forms need, from the size of those made so far (None before the first)."""
    sizes = [p.stat().st_size for p in staging.iterdir() if p.is_file() and p.suffix == ".xlsx"]
    if not done or not sizes:
        return None
    return sum(sizes) * total // len(sizes)


# --- collecting ------------------------------------------------------------------------------------


@dataclass
class Problem:
    file: str  # file name
    message: str
    row: int | None = None  # 1-based cell in the form sheet, when the problem has one
    col: int | None = None
    key: str | None = None
    refused: bool = False  # found by comparing (survey_checks), made again when the plan is

    def where(self) -> str:
        if self.row is None:
            return self.file
        from openpyxl.utils import get_column_letter  # tiny module, only for the message

        return f"{self.file}!{get_column_letter(self.col or 1)}{self.row}"

    def text(self) -> str:
        return f"{self.where()} — {self.message}"


@dataclass
class FieldChange:
    key: str
    label: str
    current: Any  # the database now
    returned: Any  # the answer
    base: Any = None  # what the form was made from (None when unknown)
    kind: str = "clean"  # clean / conflict / unverified / disagree
    message: str = ""
    alternatives: list[tuple[str, Any]] = field(default_factory=list)  # disagree: (file, value)

    @property
    def needs_decision(self) -> bool:
        return self.kind != "clean"


@dataclass
class MunicipalityReturn:
    municipality_id: str
    code: str
    name: str
    files: list[str]
    matched_by: str  # 識別シート / 市町村コード / 市町村名 / 指定 (the user chose) / 前回の指定 (chosen before)
    changes: list[FieldChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class CollectPlan:
    fiscal_year: int
    folder: Path
    files_read: int = 0
    returns: list[MunicipalityReturn] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    marks: dict[str, list[Problem]] = field(default_factory=dict)  # file → cell problems
    forms: dict[str, Any] = field(default_factory=dict)  # file → RawForm (for the error workbook)
    unmatched: list["UnmatchedReturn"] = field(default_factory=list)  # no hidden sheet, no sure match
    notes: list[str] = field(default_factory=list)  # said once for the whole collection
    # Read, but nothing to change (answered as stored, or taken in an earlier collection): names.
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    fingerprints: dict[str, str] = field(default_factory=dict)  # file → content hash (remembered choices)
    # What was read, kept so that ``assign_return`` can re-plan without reading the files again.
    _read: list["_ReadReturn"] = field(default_factory=list, repr=False)

    @property
    def clean_changes(self) -> int:
        return sum(1 for r in self.returns for c in r.changes if c.kind == "clean")

    @property
    def undecided_changes(self) -> int:
        return sum(1 for r in self.returns for c in r.changes if c.kind != "clean")


MATCH_KEY = "@match"  # Problem.key of a return whose municipality the user must name
# LocalSetting 'survey_assign:<年度>:<content hash>' → municipality id: whose a return without the
# hidden sheet is, once the user said so and applied; the same file in the tray next week is not
# asked about again (a file saved again is new content, and asked about again).
ASSIGN_PREFIX = "survey_assign:"
CHOSEN_BEFORE = "前回の指定"


def _fingerprint(path: Path) -> str:
    import hashlib

    with path.open("rb") as fh:  # in chunks: whatever sits in the folder, however large
        return hashlib.file_digest(fh, "sha1").hexdigest()[:32]


def _remembered(uow: Any, fiscal_year: int) -> dict[str, str]:
    from sqlalchemy import select

    from sasaeai_desktop.db import models as m

    prefix = f"{ASSIGN_PREFIX}{fiscal_year}:"
    with uow:
        rows = uow.session.execute(select(m.LocalSetting.key, m.LocalSetting.value)
                                   .where(m.LocalSetting.key.startswith(prefix))).all()
    return {key[len(prefix):]: value for key, value in rows}


def _remember(uow: Any, fiscal_year: int, chosen: dict[str, str]) -> None:
    from sasaeai_desktop.db import models as m

    with uow:
        for fingerprint, municipality_id in chosen.items():
            key = f"{ASSIGN_PREFIX}{fiscal_year}:{fingerprint}"
            row = uow.session.get(m.LocalSetting, key)
            if row is None:
                uow.session.add(m.LocalSetting(key=key, value=municipality_id))
            else:
                row.value = municipality_id
        uow.commit()


@dataclass
class UnmatchedReturn:
    """A return without the hidden sheet whose code and name cells name no municipality for sure
    (blank, unknown, or pointing at two different ones). The GUI asks which municipality it is;
    the CLI takes ``--assign FILE=CODE``."""

    file: str
    form_code: str  # as typed in the form ('' when blank)
    form_name: str
    reason: str
    candidates: list[tuple[str, str, str]] = field(default_factory=list)  # (id, code, name), likeliest first


@dataclass
class _ReadReturn:
    file: str
    municipality_id: str | None  # None: unmatched
    answers: dict[str, tuple[Any, Any]]  # key → (value, RawCell)
    base: dict[str, Any] | None  # what the form was made from (None: no hidden sheet)
    matched_by: str


def _parse_answer(f: st.StatusField, value: Any) -> Any:
    """A returned cell as the field's Python value; ValueError with a Japanese message."""
    from sasaeai_desktop.io.excel import values as xv
    from sasaeai_desktop.io.excel.survey_form import excel_date, parse_stage

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
    from sasaeai_desktop.io.excel.survey_form import FORMAT_ID, read_form

    src = Path(folder)
    if not src.is_dir():
        raise UserError(f"フォルダー「{src}」がありません。")
    files = _candidate_files(src)
    plan = CollectPlan(fiscal_year, src)
    fields = _form_fields()
    with uow:
        munis = municipalities.insurers(uow)
    by_id = {x[0]: x for x in munis}
    by_code = {x[1]: x for x in munis}
    matcher = _FormMatcher(uow, munis)
    remembered = _remembered(uow, fiscal_year)
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
        plan.fingerprints[fname] = fingerprint = _fingerprint(path)

        def problem(message: str, cell: Any = None, key: str | None = None) -> None:
            p = Problem(fname, message, cell.row if cell else None, cell.col if cell else None, key)
            plan.problems.append(p)
            if cell is not None:
                plan.marks.setdefault(fname, []).append(p)

        if form.error:
            problem(form.error)
            continue
        ident = form.ident if form.ident and form.ident.get("format") == FORMAT_ID else None
        code_cell, name_cell, fy_cell = (form.head.get(k) for k in ("@code", "@name", "@fiscal_year"))
        form_code, code_text = _typed_code(code_cell.value if code_cell is not None else None)
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
        elif remembered.get(fingerprint) in by_id:
            muni, matched_by = by_id[remembered[fingerprint]], CHOSEN_BEFORE
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
        plan._read.append(_ReadReturn(fname, muni[0] if muni else None, parsed, base, matched_by))

    _compare(uow, plan, by_id)
    if progress is not None:
        progress(1.0, "完了")
    return plan


def _refusal_problem(file: str, ref: Refusal, cell: Any) -> Problem:
    labels = "」「".join(st.FIELD_BY_KEY[k].label for k in ref.keys)
    message = f"{ref.message.rstrip('。')}。この回答の「{labels}」は反映しません。"
    return Problem(file, message, cell.row if cell else None, cell.col if cell else None, ref.key, refused=True)


def _refuse(plan: CollectPlan, read: _ReadReturn, ref: Refusal) -> None:
    p = _refusal_problem(read.file, ref, ref.cell_in(read.answers))
    plan.problems.append(p)
    if p.row is not None:
        plan.marks.setdefault(read.file, []).append(p)


def assign_return(uow: Any, plan: CollectPlan, file: str, municipality_id: str) -> CollectPlan:
    """``plan`` with the unmatched return ``file`` taken as ``municipality_id``'s (the user said
    so); compared again without reading the files. Writes nothing."""
    entry = next((r for r in plan._read if r.file == file and r.municipality_id is None), None)
    if entry is None:
        raise UserError(f"「{file}」は市町村を選ぶ必要のある回答ではありません。")
    with uow:
        munis = municipalities.insurers(uow)
    by_id = {x[0]: x for x in munis}
    if municipality_id not in by_id:
        raise UserError("選んだ市町村が見つかりません。")
    entry.municipality_id, entry.matched_by = municipality_id, "指定"
    plan.unmatched = [u for u in plan.unmatched if u.file != file]
    plan.problems = [p for p in plan.problems if not (p.file == file and p.key == MATCH_KEY)]
    if file in plan.marks:
        plan.marks[file] = [p for p in plan.marks[file] if p.key != MATCH_KEY]
        if not plan.marks[file]:
            del plan.marks[file]
    _compare(uow, plan, by_id)
    return plan


def _typed_code(value: Any) -> tuple[str, str]:
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


class _FormMatcher:
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
        code, _raw = _typed_code(value)
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


def _same(f: st.StatusField, a: Any, b: Any) -> bool:
    """Equal as stored: saving cleans text (NFKC, spaces), so 「（緩和した基準）」 in a form and the
    stored 「(緩和した基準)」 are one answer, not a change to confirm on every collection."""
    if f.kind in ("text", "multiline"):
        from sasaeai_desktop.domain.names import clean_text

        multiline = f.kind == "multiline"
        return clean_text("" if a is None else str(a), multiline=multiline) == clean_text(
            "" if b is None else str(b), multiline=multiline)
    return a == b


def _compare(uow: Any, plan: CollectPlan, by_id: dict[str, tuple[str, str, str]]) -> None:
    """``plan.returns`` from what was read: per municipality and field, what would change."""
    with uow:
        current = st.latest_statuses(uow, plan.fiscal_year)
    plan.problems = [p for p in plan.problems if not p.refused]
    for fname in list(plan.marks):
        plan.marks[fname] = [p for p in plan.marks[fname] if not p.refused]
        if not plan.marks[fname]:
            del plan.marks[fname]
    answers: dict[str, list[_ReadReturn]] = {}
    for entry in plan._read:
        if entry.municipality_id is not None:
            answers.setdefault(entry.municipality_id, []).append(entry)
    plan.returns = []
    plan.unchanged = []
    for mid, returns in answers.items():
        _id, code, name = by_id[mid]
        rec = current.get(mid)
        now_values = rec.values if rec else st.empty_values()
        mr = MunicipalityReturn(mid, code, name, [r.file for r in returns], returns[0].matched_by)
        base_of = {r.file: r.base for r in returns}
        if len(returns) > 1:
            mr.notes.append(f"回答が {len(returns)} 件あります（{'、'.join(mr.files)}）。値が異なる項目は選んでください。")
        if any(r.base is None for r in returns):
            how = ("選んだ市町村" if any(r.matched_by in ("指定", CHOSEN_BEFORE) for r in returns)
                   else "市町村コード・名前で照合")
            mr.notes.append(f"識別用の隠しシートがない回答です（{how}）。作成後のデータ変更を確認できないため、変更はすべて確認が必要です。")
        elif any(r.base is not None and st.version_of(r.base) != st.version_of(now_values) for r in returns):
            mr.notes.append("調査票の作成後にこの市町村のデータが変更されています。変更された項目は一つずつ確認してください。")
        by_file: dict[str, dict[str, Any]] = {r.file: {} for r in returns}  # what applying each file would store
        for f in st.FIELDS:
            proposals: list[tuple[str, Any, Any]] = []  # (file, value, base)
            for r in returns:
                if f.key not in r.answers:
                    continue
                value = r.answers[f.key][0]
                if r.base is not None and _same(f, value, r.base.get(f.key)):
                    continue  # not changed by the respondent
                if _same(f, value, now_values.get(f.key)):
                    continue
                proposals.append((r.file, value, None if r.base is None else r.base.get(f.key)))
            if not proposals:
                continue
            for fn, v, _b in proposals:
                by_file[fn][f.key] = v
            distinct = {repr(v) for _f, v, _b in proposals}
            first_file, value, base_value = proposals[0]
            change = FieldChange(f.key, f.label, now_values.get(f.key), value, base_value)
            if len(distinct) > 1:
                change.kind = "disagree"
                change.alternatives = [(fn, v) for fn, v, _b in proposals]
                change.message = "回答によって値が異なります"
            elif any(base_of[fn] is None for fn, _v, _b in proposals):
                change.kind = "unverified"
                change.message = "識別シートがないため、作成後の変更を確認できません"
            elif base_value != now_values.get(f.key):
                change.kind = "conflict"
                change.message = (f"調査票の作成後にデータが「{st.display_value(f.key, base_value)}」から"
                                  f"「{st.display_value(f.key, now_values.get(f.key))}」に変更されています")
            mr.changes.append(change)
        # What the real run would refuse is refused here too: the dry run and the preview show it.
        # Each file alone, then what the CLI's default applies together (two files may each be
        # right and wrong together: 3 placed from one, 2 圏域 from the other).
        refused: set[str] = set()
        for r in returns:
            for ref in refusals(now_values, by_file[r.file]):
                _refuse(plan, r, ref)
                refused.update(ref.keys)
        if refused:
            mr.changes = [c for c in mr.changes if c.key not in refused]
        together = {c.key: c.returned for c in mr.changes}
        for ref in refusals(now_values, together) if len(returns) > 1 else ():
            _refuse(plan, next((r for r in returns if ref.cell_in(r.answers) is not None), returns[0]), ref)
            refused.update(ref.keys)
        if refused:
            mr.changes = [c for c in mr.changes if c.key not in refused]
        # A return with nothing left to change is not a decision (its notes — sheet missing, data
        # changed since — are about changes): last week's returns still in the folder stay quiet.
        if mr.changes:
            plan.returns.append(mr)
        else:
            plan.unchanged.append((code, name))
    plan.returns.sort(key=lambda r: r.code)
    plan.unchanged.sort()


@dataclass
class ApplyResult:
    municipalities: int = 0
    fields: int = 0
    skipped: list[str] = field(default_factory=list)  # messages for fields not applied
    problems: list[str] = field(default_factory=list)


Decision = Callable[[MunicipalityReturn, FieldChange], Any]
SKIP = object()


def default_decision(*, overwrite: bool = False) -> Decision:
    """The CLI's rule: clean changes are applied; conflicts and unverified answers only with
    ``overwrite``; answers that disagree with each other never (the GUI lets the user pick)."""

    def decide(_r: MunicipalityReturn, c: FieldChange) -> Any:
        if c.kind == "clean" or (overwrite and c.kind in ("conflict", "unverified")):
            return c.returned
        return SKIP

    return decide


def apply_plan(uow: Any, plan: CollectPlan, decide: Decision) -> ApplyResult:
    """Store the values ``decide`` returns for each change (``SKIP`` to leave a field alone), and
    remember whose the returns the user named are (``CHOSEN_BEFORE`` on the next collection)."""
    result = ApplyResult()
    if any(r.changes for r in plan.returns):
        from sasaeai_desktop.services import backups

        backups.before(uow, "survey-collect")
    for r in plan.returns:
        values: dict[str, Any] = {}
        for c in r.changes:
            v = decide(r, c)
            if v is SKIP:
                why = {"conflict": "作成後にデータが変更されています", "unverified": "識別シートがありません",
                       "disagree": "回答によって値が異なります"}.get(c.kind, "選ばれませんでした")
                result.skipped.append(f"{r.name}「{c.label}」: 反映しませんでした（{why}）")
                continue
            values[c.key] = v
        if not values:
            continue
        try:
            st.save_status(uow, r.municipality_id, plan.fiscal_year, values, source=st.SOURCE_SURVEY)
        except ValidationError as exc:
            # The values chosen (an alternative the preview could not check alone) are refused:
            # named at the file and cell, as the preview names them.
            reads = [x for x in plan._read if x.file in r.files and x.municipality_id == r.municipality_id]
            for ref in refusals_of_error(exc):
                read = next((x for x in reads if ref.cell_in(x.answers) is not None), reads[0] if reads else None)
                p = _refusal_problem(read.file if read else r.files[0], ref, ref.cell_in(read.answers) if read else None)
                result.problems.append(f"{r.name}: 反映できませんでした — {p.text()}")
            continue
        result.municipalities += 1
        result.fields += len(values)
    chosen = {plan.fingerprints[r.file]: r.municipality_id for r in plan._read
              if r.matched_by == "指定" and r.municipality_id and r.file in plan.fingerprints}
    if chosen:
        _remember(uow, plan.fiscal_year, chosen)
    return result


def write_error_workbook(plan: CollectPlan, path: str | os.PathLike[str]) -> None:
    """One workbook: 「問題一覧」 (file!cell — message) and, per file with cell problems, a sheet
    showing its form rows with the problem cells filled red and the message as a comment."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    from sasaeai_desktop.io.excel.annotate import PROBLEM_FILL
    from sasaeai_desktop.io.excel.page import fit_to_paper, japanese_defaults, wrap_column
    from sasaeai_desktop.io.excel.writer import _clean_text
    from sasaeai_desktop.io.output_files import save_workbook

    wb = Workbook()
    japanese_defaults(wb)
    ws = wb.active
    ws.title = "問題一覧"
    ws.append([f"{fiscal_year_label(plan.fiscal_year, 'both')} 調査票回収の問題 {len(plan.problems)}件（{plan.folder}）"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["ファイル", "場所", "内容"])
    for p in plan.problems:
        ws.append([p.file, p.where(), _clean_text(p.message)])
    for letter, width in zip("ABC", (30, 24, 60)):
        ws.column_dimensions[letter].width = width
        wrap_column(ws, "ABC".index(letter) + 1, 4)
    fit_to_paper(ws, (30, 24, 60), title_rows="3:3")
    fill = PatternFill("solid", start_color=PROBLEM_FILL, end_color=PROBLEM_FILL)
    used: set[str] = set()
    for fname, marks in plan.marks.items():
        form = plan.forms.get(fname)
        if form is None or form.sheet is None:
            continue
        title = _safe_sheet_title(Path(fname).stem, used)
        sheet = wb.create_sheet(title)
        sheet.append([f"{fname} の「{form.sheet}」（赤いセルに問題があります）"])
        sheet["A1"].font = Font(bold=True)
        for letter, width in zip("ABC", (30, 36, 44)):
            sheet.column_dimensions[letter].width = width
        sheet.append(["項目", "回答（返送された値）", "問題"])
        by_row = {p.row: p for p in marks}
        rows = sorted({c.row: (k, c) for k, c in {**form.head, **form.cells}.items()}.items())
        for r, (key, cell) in rows:
            label = st.FIELD_BY_KEY[key].label if key in st.FIELD_BY_KEY else {"@code": "市町村コード", "@name": "市町村名",
                                                                               "@fiscal_year": "年度"}.get(key, key)
            value = cell.value
            shown = f"={value}" if cell.formula and not str(value).startswith("=") else value
            p = by_row.get(r)
            sheet.append([f"{label}（{r}行目）", _clean_text(str(shown)) if shown is not None else None,
                          _clean_text(p.message) if p else None])
            if p is not None:
                c = sheet.cell(row=sheet.max_row, column=2)
                c.fill = fill
                c.comment = Comment(_clean_text(p.message), "SasaeAI Desktop")
        for column in (1, 2, 3):
            wrap_column(sheet, column, 2)
        fit_to_paper(sheet, (30, 36, 44), title_rows="2:2")
    target = Path(path)
    save_workbook(wb, target)


def _safe_sheet_title(text: str, used: set[str]) -> str:
    import re

    base = re.sub(r"[\[\]:*?/\\]", "_", text)[:28] or "回答"
    title, n = base, 2
    while title in used or title == "問題一覧":
        title, n = f"{base[:26]}_{n}", n + 1
    used.add(title)
    return title


def plan_lines(plan: CollectPlan) -> list[str]:
    """The plan as text (CLI output), per municipality and field."""
    lines = [f"{fiscal_year_label(plan.fiscal_year, 'both')}: {plan.files_read} ファイルを読みました。"]
    lines += [f"※ {n}" for n in plan.notes]
    marks = {"clean": "  ", "conflict": "! ", "unverified": "? ", "disagree": "≠ "}
    for r in plan.returns:
        lines.append(f"■ {r.name}（{r.code}）照合: {r.matched_by}　ファイル: {'、'.join(r.files)}")
        for n in r.notes:
            lines.append(f"  ※ {n}")
        for c in r.changes:
            lines.append(f"  {marks[c.kind]}{c.label}: {st.display_value(c.key, c.current)} → "
                         f"{st.display_value(c.key, c.returned)}" + (f"（{c.message}）" if c.message else ""))
            for fn, v in c.alternatives:
                lines.append(f"      {fn}: {st.display_value(c.key, v)}")
    if plan.unchanged:
        lines.append("■ 変更のない回答: " + "、".join(name for _code, name in plan.unchanged))
    for u in plan.unmatched:
        lines.append(f"■ 市町村が分からない回答: {u.file}（コード欄「{u.form_code}」、名前欄「{u.form_name}」）")
        if u.candidates:
            lines.append("  候補: " + "、".join(f"{name}（{code}）" for _id, code, name in u.candidates))
        lines.append(f"  取り込むには --assign \"{u.file}=市町村コード\" を付けて実行してください。")
    return lines
