"""Every kind of Excel workbook the program hands a user, in one table.

Each entry writes its workbook the way the GUI and the CLI do (the same service call), with the
options every kind shares: the 年度 and 西暦/和暦. The print tests walk this table, so a new kind of
export is checked for readable print-outs (text ≥ 7 pt on A4) and real date/time cells as soon as
it is listed here; a test also fails when a service writes a workbook that is not listed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of

__all__ = ["ExcelExport", "exports", "write_export"]

DateStyle = Literal["seireki", "wareki"]
Writer = Callable[[UnitOfWork, Path, int, DateStyle], None]


@dataclass(frozen=True)
class ExcelExport:
    kind: str
    title: str
    write: Writer  # (uow, target .xlsx, 年度, date style)
    reimport: str | None = None  # the import that reads the file back, if any ('regions': ``region import``)


def _list(kind: str) -> Writer:
    def write(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
        from sasaeai_desktop.services.exports import export_list

        export_list(uow, kind, out, date_style=style)

    return write


def _log(kind: str) -> Writer:
    def write(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
        from sasaeai_desktop.services.activities.log_sheets import export_log

        export_log(uow, kind, out, date_style=style)

    return write


def _catalogue(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    from sasaeai_desktop.services.catalogue.sheet import export_catalogue

    export_catalogue(uow, out, date_style=style)


def _attendance(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    from sasaeai_desktop.services.trainings.exports import export_attendance

    export_attendance(uow, fy, out, date_style=style)


def _handout(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    from sasaeai_desktop.services.advisors.handout import write_handout

    write_handout(uow, out, fmt="xlsx")


def _regions(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    from sasaeai_desktop.services.progress.region_sheet import write_membership_sheet

    write_membership_sheet(uow, out)


def _status_table(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    from sasaeai_desktop.io.excel.status_table import write_status_table
    from sasaeai_desktop.services.progress.status import compiled_table

    write_status_table(out, compiled_table(uow, fy))


def _grants(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    from sasaeai_desktop.services.grants.sheet import export_grants

    export_grants(uow, out, date_style=style)


def _grants_summary(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    from sasaeai_desktop.services.grants.files import write_summary

    write_summary(uow, fy, out)


def _survey_form(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    """One municipality's 調査票 (``survey make`` writes one of these per municipality)."""
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services.progress import survey_forms

    first_id = municipalities.choices(uow, include_wards=False)[0][0]
    with tempfile.TemporaryDirectory(dir=out.parent) as folder:
        made = survey_forms.make_surveys(uow, fy, folder, municipality_ids=[first_id])
        next(Path(made.folder).glob("*.xlsx")).replace(out)


def _survey_errors(uow: UnitOfWork, out: Path, fy: int, style: DateStyle) -> None:
    """The problems workbook of ``survey collect`` (here over one returned form, as sent)."""
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services.progress import survey_collect
    from sasaeai_desktop.services.progress import survey_forms
    from sasaeai_desktop.services.progress import survey_report

    first_id = municipalities.choices(uow, include_wards=False)[0][0]
    with tempfile.TemporaryDirectory(dir=out.parent) as folder:
        survey_forms.make_surveys(uow, fy, folder, municipality_ids=[first_id])
        survey_report.write_error_workbook(survey_collect.collect(uow, fy, folder), out)


def exports() -> tuple[ExcelExport, ...]:
    """Every kind, in menu order (built on call: listing and the log specs import the models)."""
    from sasaeai_desktop.services import listing
    from sasaeai_desktop.services.activities.log_sheets import SPECS as LOG_SPECS

    # the lists with a sheet of their own read back by ``import`` (the others are the view's columns)
    full = {"municipalities", "people", "advisors", "events"}
    lists = tuple(
        ExcelExport(f"list:{k}", f"{listing.title(k)}（一覧）", _list(k), k if k in full else None)
        for k in listing.list_kinds()
    )
    logs = tuple(
        ExcelExport(f"log:{k}", f"{s.title}（記録）", _log(k), k if k != "dispatches" else None)
        for k, s in LOG_SPECS.items()
    )
    return lists + logs + (
        ExcelExport("catalogue", "地域資源・活動事例", _catalogue, "activities"),
        ExcelExport("attendance", "研修の受講状況", _attendance),
        ExcelExport("advisor_handout", "アドバイザー名簿（配布用）", _handout),
        ExcelExport("regions", "市町村の圏域", _regions, "regions"),
        ExcelExport("status_table", "取組状況一覧表", _status_table),
        ExcelExport("grants", "補助金・モデル事業（記録）", _grants, "grants"),
        ExcelExport("grants_summary", "補助金・モデル事業の年度集計", _grants_summary),
        ExcelExport("survey_form", "取組状況調査票", _survey_form),
        ExcelExport("survey_errors", "調査票回収の問題一覧", _survey_errors),
    )


def write_export(
    uow: UnitOfWork, kind: str, out: str | Path, *, fiscal_year: int | None = None, date_style: DateStyle = "seireki"
) -> Path:
    """Write export ``kind`` (an ``ExcelExport.kind``) to ``out``; returns the path."""
    entry = next((e for e in exports() if e.kind == kind), None)
    if entry is None:
        raise KeyError(kind)
    target = Path(out)
    entry.write(uow, target, fiscal_year if fiscal_year is not None else fiscal_year_of(dt.date.today()), date_style)
    return target
