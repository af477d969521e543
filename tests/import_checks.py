"""What an import round trip test checks again and again: a sheet that imports back 変更なし."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import models as m
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning


def change_records(ctx: AppContext) -> int:
    with ctx.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(m.SyncChange.__table__)) or 0)


def assert_imports_unchanged(ctx: AppContext, kind: str, path: Path, rows: int) -> None:
    """``path`` imported as ``kind``: no problem, its ``rows`` rows all 変更なし, and applying it
    writes nothing — not even a change record for sync."""
    before = change_records(ctx)
    plan = planning.plan_import(ctx.uow(), kind, path)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.counts[plan_rows.SKIP] == rows and plan.counts[plan_rows.UPDATE] == 0, plan.counts
    applying.apply_import(ctx.uow(), plan)
    assert change_records(ctx) == before
