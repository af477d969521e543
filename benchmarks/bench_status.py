"""Municipality progress at 北海道 scale (179 insurers, 10 年度 of statuses).

Targets (issue 5): making every survey workbook < 10 s; collecting them back < 10 s; the progress
dashboard for 10 years of history < 300 ms. Each is printed beside a baseline from the same run:
bare openpyxl writing the same cells (no styles, validation, protection), bare python-calamine
reading them, and one bare SQL aggregate over the same status rows.

    python benchmarks/bench_status.py
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import best_of

if TYPE_CHECKING:
    from sasaeai_desktop.bootstrap import AppContext

YEARS = 10


def _fill(ctx: AppContext, fy_last: int) -> None:
    from sqlalchemy import insert

    from sasaeai_desktop.db import models as m
    from sasaeai_desktop.domain.ids import new_id
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services.progress import regions
    from sasaeai_desktop.services.progress import status

    rng = random.Random(5)
    with ctx.uow() as uow:
        munis = municipalities.insurers(uow)
        rows, visits = [], []
        for mid, _code, _name in munis:
            areas = rng.randint(1, 8)
            stage, sc2, c2 = 1, 0, 0
            for fy in range(fy_last - YEARS + 1, fy_last + 1):
                if rng.random() < 0.4:
                    stage = min(3, stage + 1)
                sc2 = min(areas, sc2 + rng.randint(0, 2))
                c2 = min(sc2, c2 + rng.randint(0, 1))
                v = status.empty_values()
                v.update(sc1_placed=fy > fy_last - 8, sc1_entrusted_to="社会福祉協議会", sc1_count=1,
                         sc2_placed_areas=sc2, sc2_total_areas=areas, council1_established=stage > 1,
                         council1_meetings_per_year=4, council2_established_areas=c2, council2_total_areas=areas,
                         tsusho_a=True, tsusho_a_note="ミニデイ", stage=stage, strengths="公民館活動が盛ん",
                         issues="担い手の確保", support_wanted="研修")
                rows.append({**v, "id": new_id(), "municipality_id": mid, "fiscal_year": fy, "source": "入力"})
                for _ in range(12):
                    visits.append({"id": new_id(), "municipality_id": mid,
                                   "visit_date": dt.date(fy, 4, 1) + dt.timedelta(days=rng.randint(0, 360))})
        uow.session.execute(insert(m.MunicipalityStatus), rows)
        uow.session.execute(insert(m.Visit), visits)
        uow.commit()
    kind = regions.create_kind(ctx.uow(), "振興局")
    regs = [regions.create_region(ctx.uow(), kind.id, f"第{i + 1}振興局") for i in range(14)]
    with ctx.uow() as uow:
        uow.session.execute(insert(m.RegionMembership), [
            {"id": new_id(), "region_id": regs[i % 14].id, "municipality_id": mid}
            for i, (mid, _c, _n) in enumerate(munis)])
        uow.commit()


def _bare_write(folder: Path, rows_by_file: list[tuple[str, list[list[object]]]]) -> None:
    from openpyxl import Workbook

    folder.mkdir(exist_ok=True)
    for name, rows in rows_by_file:
        wb = Workbook()
        ws = wb.active
        for r in rows:
            ws.append(r)
        wb.save(folder / name)


def _bare_read(folder: Path) -> int:
    from python_calamine import CalamineWorkbook

    n = 0
    for p in sorted(folder.glob("*.xlsx")):
        wb = CalamineWorkbook.from_path(str(p))
        n += len(wb.get_sheet_by_name(wb.sheet_names[0]).to_python())
    return n


def main() -> None:
    from sqlalchemy import func
    from sqlalchemy import select

    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.db import models as m
    from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services import setup
    from sasaeai_desktop.services.progress import dashboard as progress
    from sasaeai_desktop.services.progress import status
    from sasaeai_desktop.services.progress import survey_collect
    from sasaeai_desktop.services.progress import survey_forms

    tmp = Path(tempfile.mkdtemp(prefix="bench-status-"))
    try:
        fy = fiscal_year_of(dt.date.today())
        with open_database(tmp / "hokkaido.db") as ctx:
            setup.init_prefecture(ctx.uow(), "北海道")
            _fill(ctx, fy)
            with ctx.uow() as uow:
                n_munis = len(municipalities.insurers(uow))
                n_rows = uow.session.scalar(select(func.count(m.MunicipalityStatus.id)))
            print(f"北海道: {n_munis} insurers, {n_rows:,} status rows ({YEARS} 年度)\n")
            print(f"{'what':34} {'ours':>9} {'baseline':>9} {'ratio':>6} {'target':>8}")

            out = tmp / "surveys"
            t0 = time.perf_counter()
            made = survey_forms.make_surveys(ctx.uow(), fy, out)
            t_make = time.perf_counter() - t0
            with ctx.uow() as uow:
                latest = status.latest_statuses(uow, fy)
                munis = municipalities.insurers(uow)
            cells = [
                (f"{code}.xlsx", [[None, None, f.label, latest[mid].values.get(f.key) if mid in latest else None]
                                  for f in status.FIELDS])
                for mid, code, _n in munis
            ]
            t0 = time.perf_counter()
            _bare_write(tmp / "bare", cells)
            t_bare_w = time.perf_counter() - t0
            print(f"{'survey make (' + str(made.files) + ' workbooks)':34} {t_make:8.2f}s {t_bare_w:8.2f}s "
                  f"{t_make / t_bare_w:5.1f}× {'< 10 s':>8} {'OK' if t_make < 10 else 'MISSED'}")

            t0 = time.perf_counter()
            plan = survey_collect.collect(ctx.uow(), fy, out)
            t_collect = time.perf_counter() - t0
            assert plan.files_read == made.files and not plan.problems, plan.problems[:3]
            t0 = time.perf_counter()
            _bare_read(out)
            t_bare_r = time.perf_counter() - t0
            print(f"{'survey collect (' + str(plan.files_read) + ' workbooks)':34} {t_collect:8.2f}s {t_bare_r:8.2f}s "
                  f"{t_collect / t_bare_r:5.1f}× {'< 10 s':>8} {'OK' if t_collect < 10 else 'MISSED'}")

            t_dash = best_of(lambda: progress.progress_dashboard(ctx.uow(), fy, group_by="振興局"), repeat=5)
            ms = m.MunicipalityStatus

            def bare() -> None:
                with ctx.uow() as uow:
                    uow.session.execute(
                        select(ms.fiscal_year, ms.stage, func.count(ms.id)).where(ms.deleted.is_(False))
                        .group_by(ms.fiscal_year, ms.stage)).all()

            t_bare_q = best_of(bare, repeat=5)
            print(f"{'dashboard (10 年度, by 振興局)':34} {t_dash * 1000:7.1f}ms {t_bare_q * 1000:7.1f}ms "
                  f"{t_dash / t_bare_q:5.1f}× {'< 300 ms':>8} {'OK' if t_dash < 0.3 else 'MISSED'}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
