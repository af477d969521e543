"""The ``--errors-out`` copy: the imported book with every bad cell filled and commented."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.io.excel.errors import ExcelReadError
from sasaeai_desktop.services.imports.import_plan import ImportPlan


def write_errors_copy(plan: ImportPlan, out: str | os.PathLike[str]) -> int:
    """Save a copy of the book with every bad cell filled and commented, and a first sheet
    「取り込みの問題」 listing all problems. Returns the number of problems written."""
    from sasaeai_desktop.io.excel.annotate import annotate_copy

    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise UserError(f"問題を書き込むファイル「{target}」の拡張子は .xlsx にしてください。")
    if target.resolve() == plan.path.resolve():
        raise UserError("問題を書き込むファイルには、取り込むファイルとは別の名前を指定してください。")
    if not target.parent.is_dir():
        raise UserError(f"出力先フォルダー「{target.parent}」がありません。")
    marks: dict[tuple[int, int], list[str]] = defaultdict(list)
    header_col = min(plan.header.mapping) if plan.header and plan.header.mapping else 0
    for p in plan.problems:
        if p.row is None:
            continue
        col = p.col
        if col is None and plan.header is not None:
            col = next((j for j, k in plan.header.mapping.items() if plan.header.label(j) == p.column), header_col)
        marks[(p.row - 1, col or 0)].append(p.message)
    listing = [str(p) for p in plan.problems]
    try:
        annotate_copy(plan.path, target, plan.sheet, marks, listing)
    except ExcelReadError as exc:
        raise UserError(str(exc)) from None
    except PermissionError:
        raise UserError(f"「{target}」に書き込めません。Excelで開いている場合は閉じてください。") from None
    except OSError as exc:
        raise UserError(f"「{target}」を保存できませんでした（{exc.strerror or exc}）。") from None
    return len(listing)
