"""The status survey workbook (取組状況調査票): one per municipality, and reading it back.

Layout of the sheet 「調査票」 (a fixed form, read back by position *and* by key):
- column A (hidden) holds each row's field key, so rows inserted by the respondent move with
  their keys; when column A is lost the label in column C is matched instead;
- rows 4–6: 市町村コード, 市町村名, 年度 (locked, pre-filled);
- from row 9: 区分 | 項目 | 回答 (the only unlocked cells, pre-filled with the latest status) |
  記入のしかた; choices are drop-down lists (DataValidation), counts whole numbers ≥ 0;
- the sheet is protected without a password (labels locked, answers unlocked);
- a sheet 「記入方法」 with instructions and a veryHidden sheet 「_sasaeai」 identifying the
  municipality, the 年度 and the status version (content hash, updated_at, the values it was
  made from) so a return made from older data can be compared field by field.

Reading uses python-calamine for values (fast) and looks at the sheet XML for formulas.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

FORM_SHEET = "調査票"
GUIDE_SHEET = "記入方法"
IDENT_SHEET = "_sasaeai"
FORMAT_ID = "sasaeai-status-survey/1"
FIRST_FIELD_ROW = 9
KEY_COL, GROUP_COL, LABEL_COL, VALUE_COL, HELP_COL = 1, 2, 3, 4, 5
HEAD_KEYS = {"@code": ("市町村コード", 4), "@name": ("市町村名", 5), "@fiscal_year": ("年度", 6)}
YES, NO = "あり", "なし"
STAGE_CHOICES = ("① 基盤整備", "② ニーズと担い手の掘り起こし", "③ 地域の課題解決")


@dataclass(frozen=True)
class FormField:
    key: str
    group: str
    label: str
    kind: str  # date bool int text multiline stage
    help: str = ""


@dataclass(frozen=True)
class FormData:
    """What goes into one workbook."""

    code: str
    name: str
    fiscal_year: int
    fiscal_year_label: str
    values: dict[str, Any]  # pre-filled answers (Python values)
    ident: dict[str, str]  # written to the hidden sheet
    title: str
    office: str = ""  # who to return it to


def _cell_value(kind: str, v: Any) -> Any:
    if v is None or v == "":
        return None
    if kind == "bool":
        return YES if v else NO
    if kind == "stage":
        return STAGE_CHOICES[v - 1] if 1 <= v <= 3 else v
    return v


class _Styles:
    """Style objects made once and shared by every workbook of a run (openpyxl copies are cheap)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment
        from openpyxl.styles import Border
        from openpyxl.styles import Font
        from openpyxl.styles import PatternFill
        from openpyxl.styles import Protection
        from openpyxl.styles import Side

        thin = Side(style="thin", color="FF808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.title = Font(name="游ゴシック", size=14, bold=True)
        self.bold = Font(name="游ゴシック", size=10, bold=True)
        self.font = Font(name="游ゴシック", size=10)
        self.note = Font(name="游ゴシック", size=9, color="FF595959")
        self.head_fill = PatternFill("solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
        self.input_fill = PatternFill("solid", start_color="FFFFF9DB", end_color="FFFFF9DB")
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.unlocked = Protection(locked=False)


class _Stamps:
    """Cell styles set once per workbook, then copied. Setting ``cell.font`` (…) makes openpyxl hash
    the style object to find it in the workbook's style list — ~40 % of writing a form went there;
    a finished cell's ``_style`` (nine integer indexes into those lists) copies for nothing."""

    def __init__(self) -> None:
        self._made: dict[str, Any] = {}

    def apply(self, cell: Any, name: str, **attrs: Any) -> None:
        made = self._made.get(name)
        if made is not None:
            cell._style = copy(made)
            return
        for attr, value in attrs.items():
            setattr(cell, attr, value)
        self._made[name] = copy(cell._style)


def write_form(path: str | os.PathLike[str], fields: Sequence[FormField], data: FormData,
               styles: _Styles | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from .page import fit_to_paper
    from .page import japanese_defaults
    from .page import wrap_column

    st = styles or _Styles()
    stamp = _Stamps().apply
    wb = Workbook()
    japanese_defaults(wb)
    ws = wb.active
    ws.title = FORM_SHEET
    ws.column_dimensions["A"].hidden = True
    ws.column_dimensions["A"].width = 4
    # B–E fit A4 landscape at ≥ 85 %: the 9 pt notes print at ≥ 7.5 pt
    widths = {"B": 22, "C": 28, "D": 40, "E": 30}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws["B1"] = data.title
    ws["B1"].font = st.title
    ws["B2"] = ("黄色の「回答」欄だけ入力できます。選択肢はセルの▼から選んでください。"
                "内容が変わらない項目はそのままで構いません。詳しくは「記入方法」シートをご覧ください。")
    ws["B2"].font = st.note
    for key, (label, row) in HEAD_KEYS.items():
        ws.cell(row=row, column=KEY_COL, value=key)
        c = ws.cell(row=row, column=LABEL_COL, value=label)
        stamp(c, "head", font=st.bold, border=st.border, fill=st.head_fill)
        value = {"@code": data.code, "@name": data.name, "@fiscal_year": data.fiscal_year_label}[key]
        v = ws.cell(row=row, column=VALUE_COL, value=value)
        stamp(v, "head_value", font=st.bold, border=st.border)
    head_row = FIRST_FIELD_ROW - 1
    for col, label in ((GROUP_COL, "区分"), (LABEL_COL, "項目"), (VALUE_COL, "回答"), (HELP_COL, "記入のしかた")):
        c = ws.cell(row=head_row, column=col, value=label)
        stamp(c, "head", font=st.bold, border=st.border, fill=st.head_fill)

    dv_bool = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True, showDropDown=False,
                             errorTitle="選択肢から選んでください", error=f"「{YES}」か「{NO}」を選んでください。")
    dv_stage = DataValidation(type="list", formula1='"' + ",".join(STAGE_CHOICES) + '"', allow_blank=True,
                              errorTitle="選択肢から選んでください", error="①〜③から選んでください。")
    dv_int = DataValidation(type="whole", operator="between", formula1="0", formula2="100000", allow_blank=True,
                            errorTitle="数を入力してください", error="0以上の整数を入力してください。")
    dv_date = DataValidation(type="date", operator="between", formula1="32874", formula2="73415", allow_blank=True,
                             errorTitle="日付を入力してください", error="日付（例: 2025/4/1。月だけなら 2017/4）を入力してください。")
    for dv in (dv_bool, dv_stage, dv_int, dv_date):
        dv.showErrorMessage = True
        ws.add_data_validation(dv)
    validations = {"bool": dv_bool, "stage": dv_stage, "int": dv_int, "date": dv_date}

    last_group = None
    row = FIRST_FIELD_ROW
    for f in fields:
        ws.cell(row=row, column=KEY_COL, value=f.key)
        g = ws.cell(row=row, column=GROUP_COL, value=f.group if f.group != last_group else None)
        stamp(g, "group", font=st.bold, border=st.border, alignment=st.wrap)
        last_group = f.group
        lab = ws.cell(row=row, column=LABEL_COL, value=f.label)
        stamp(lab, "label", font=st.font, border=st.border, alignment=st.wrap)
        v = ws.cell(row=row, column=VALUE_COL, value=_cell_value(f.kind, data.values.get(f.key)))
        stamp(v, "date_answer" if f.kind == "date" else "answer", font=st.font, border=st.border, fill=st.input_fill,
              protection=st.unlocked, alignment=st.wrap, **({"number_format": "yyyy/mm/dd"} if f.kind == "date" else {}))
        h = ws.cell(row=row, column=HELP_COL, value=f.help or None)
        stamp(h, "help", font=st.note, border=st.border, alignment=st.wrap)
        dv = validations.get(f.kind)
        if dv is not None:
            dv.add(v.coordinate)
        if f.kind == "multiline":
            ws.row_dimensions[row].height = 60
        row += 1
    ws.freeze_panes = f"A{FIRST_FIELD_ROW}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed; rows may be inserted
    ws.protection.formatRows = False
    ws.protection.insertRows = False
    fit_to_paper(ws, [0, *widths.values()], font_points=9, title_rows=f"{head_row}:{head_row}")
    ws.print_area = f"B1:E{row - 1}"

    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 100
    lines = [
        f"{data.title} 記入方法",
        "",
        "1. 「調査票」シートの黄色い「回答」欄に、現在の状況を入力してください。前回の回答が入っています。",
        "2. 「あり／なし」と推進段階は、セルを選ぶと出る▼から選んでください。",
        "3. 圏域数は「配置（設置）した圏域の数」と「日常生活圏域の数」を整数で入力してください（配置数が圏域数を超えないように）。",
        "4. 日付は 2025/4/1 や 令和7年4月1日 の形で入力できます。",
        "5. 行や列を削除したり、シートの名前を変えたりしないでください。行の挿入は構いません。",
        "6. ファイル名は変えても構いません。保存して、そのまま返送してください。",
        "",
        f"返送先: {data.office}" if data.office else "",
    ]
    for i, text in enumerate(lines, 1):
        c = guide.cell(row=i, column=1, value=text or None)
        if i == 1:
            c.font = st.bold
        else:
            stamp(c, "guide", font=st.font)
    wrap_column(guide, 1)
    fit_to_paper(guide, [100], font_points=10)
    guide.protection.sheet = True

    ident = wb.create_sheet(IDENT_SHEET)
    for i, (k, v) in enumerate({"format": FORMAT_ID, **data.ident}.items(), 1):
        ident.cell(row=i, column=1, value=k)
        ident.cell(row=i, column=2, value=v)
    ident.sheet_state = "veryHidden"
    ident.protection.sheet = True
    wb.active = 0
    wb.properties.creator = "SasaeAI Desktop"
    wb.properties.title = data.title
    from sasaeai_desktop.io.output_files import save_workbook

    save_workbook(wb, path)


# --- reading -------------------------------------------------------------------------------------


@dataclass
class RawCell:
    row: int  # 1-based, as found in the returned file
    col: int
    value: Any
    formula: bool = False


@dataclass
class RawForm:
    path: Path
    sheet: str | None  # the form sheet's name, None when there is none
    ident: dict[str, str] | None  # None: the hidden sheet is missing
    head: dict[str, RawCell] = field(default_factory=dict)  # @code / @name / @fiscal_year
    cells: dict[str, RawCell] = field(default_factory=dict)  # field key → answer cell
    missing: list[str] = field(default_factory=list)  # field keys not found
    extra_rows: int = 0  # rows in the field area that match no field (inserted rows)
    error: str = ""  # the file could not be read at all


_CELL_WITH_FORMULA = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?>(?:(?!</c>).)*?<f[ >/]', re.S)
_SHEET_REL = re.compile(rb'<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(rb'<Relationship [^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"|<Relationship [^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _formula_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """(row, col) of cells holding a formula in ``sheet``, from the sheet XML."""
    import html

    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
        targets = {}
        for m in _REL.finditer(rels):
            rid, target = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            targets[rid] = target.decode()
        for m in _SHEET_REL.finditer(book):
            if html.unescape(m.group(1).decode()) == sheet:
                target = targets.get(m.group(2), "")
                name = target.lstrip("/") if target.startswith("/") else "xl/" + target
                xml = z.read(name)
                if b"<f" not in xml:
                    return set()
                return {(int(r), _col_index(c)) for c, r in _CELL_WITH_FORMULA.findall(xml)}
    return set()


def read_form(path: str | os.PathLike[str], fields: Sequence[FormField]) -> RawForm:
    """The answers of a returned workbook by key (column A) or, failing that, by label (column C)."""
    from python_calamine import CalamineWorkbook

    from .errors import ExcelReadError
    from .file_check import check_file

    p = Path(path)
    try:
        check_file(p)  # what the file is, and nothing in it that would make calamine abort
    except ExcelReadError as exc:
        return RawForm(p, None, None, error=str(exc))
    try:
        wb = CalamineWorkbook.from_path(str(p))
    except Exception as exc:  # damaged in a way only calamine notices
        return RawForm(p, None, None, error=f"Excelファイルとして読み取れません（{type(exc).__name__}）")
    names = wb.sheet_names
    ident = None
    sheet = FORM_SHEET if FORM_SHEET in names else next((n for n in names if n not in (GUIDE_SHEET, IDENT_SHEET)), None)
    try:  # a sheet damaged in a way only calamine notices ends this file, not the collection
        if IDENT_SHEET in names:
            rows = wb.get_sheet_by_name(IDENT_SHEET).to_python()
            ident = {str(r[0]): ("" if r[1] is None else str(r[1])) for r in rows if len(r) >= 2 and r[0] not in (None, "")}
        if sheet is None:
            return RawForm(p, None, ident, error="調査票のシートがありません")
        rows = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:
        return RawForm(p, None, ident, error=f"シートを読み取れません（{type(exc).__name__}: {exc}）。Excelで開けるか確かめてください")
    try:
        formulas = _formula_cells(p, sheet)
    except (KeyError, zipfile.BadZipFile):
        formulas = set()
    form = RawForm(p, sheet, ident)
    by_key = {f.key for f in fields}
    by_label = {f.label: f.key for f in fields}
    head_labels = {label: key for key, (label, _r) in HEAD_KEYS.items()}

    def cell(r: int, c: int) -> RawCell:
        row = rows[r] if r < len(rows) else []
        value = row[c - 1] if c - 1 < len(row) else None
        return RawCell(r + 1, c, value, (r + 1, c) in formulas)

    seen_fields = False
    for r, row in enumerate(rows):
        key = row[KEY_COL - 1] if row else None
        label = row[LABEL_COL - 1] if len(row) >= LABEL_COL else None
        key = key.strip() if isinstance(key, str) else None
        label = label.strip() if isinstance(label, str) else None
        head = key if key in HEAD_KEYS else None
        if head is None and key is None and label is not None:
            head = head_labels.get(label)
        name = key if key in by_key else None
        if name is None and not key and label is not None:
            name = by_label.get(label)
        if head is not None:
            form.head[head] = cell(r, VALUE_COL)
        elif name is not None:
            if name not in form.cells:
                form.cells[name] = cell(r, VALUE_COL)
            seen_fields = True
        elif seen_fields and any(v not in (None, "") for v in row[1:]):
            form.extra_rows += 1
    form.missing = [f.key for f in fields if f.key not in form.cells]
    return form


def parse_stage(value: Any) -> int | None:
    """①/1/'③ 地域の課題解決'/'第2段階' → 1..3; None for blank; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("推進段階は ①〜③ から選んでください")
    if isinstance(value, (int, float)):
        if float(value) in (1.0, 2.0, 3.0):
            return int(value)
        raise ValueError(f"推進段階 {value} は ①〜③ のいずれかではありません")
    import unicodedata

    from sasaeai_desktop.domain.vocab_aliases import STAGE

    s = unicodedata.normalize("NFKC", str(value)).strip()
    hit = STAGE.match(s)  # 基盤整備, 第二段階, ニーズと担い手の掘り起し … (domain/vocab_aliases.py)
    if hit is not None:
        return STAGE.choices.index(hit) + 1
    m = re.match(r"^(?:第)?\(?([1-3])\)?(?:段階)?(?:[ 　.:：、].*)?$", s)
    if m:
        return int(m.group(1))
    raise ValueError(f"「{value}」は推進段階（①〜③）として読み取れません")


def excel_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
