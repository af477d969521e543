"""The status survey's forms: one workbook per municipality, 「<code>_<name>_取組状況調査票_<年度>.xlsx」,
pre-filled with each insurer's latest status and a hidden sheet naming what it was made from
(``survey_collect`` reads the returns)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import status as st

CHECK_EVERY = 10


def form_fields() -> list[Any]:
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

    from sasaeai_desktop.io.excel.survey_form import FormData
    from sasaeai_desktop.io.excel.survey_form import _Styles
    from sasaeai_desktop.io.excel.survey_form import write_form
    from sasaeai_desktop.io.output_files import disk_full
    from sasaeai_desktop.io.output_files import replacing_files_in

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
    fields = form_fields()
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
