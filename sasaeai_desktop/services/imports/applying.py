"""Writing an import plan: one transaction, everything or (on any error or cancel) nothing."""

from __future__ import annotations

import time
from typing import Any

from sasaeai_desktop import cancellation
from sasaeai_desktop.db.bulk_insert import large_page_cache
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.services.imports.import_plan import IMPORT_CANCELLED
from sasaeai_desktop.services.imports.import_plan import ImportPlan
from sasaeai_desktop.services.imports.import_plan import ImportResult
from sasaeai_desktop.services.imports.import_plan import file_stamp
from sasaeai_desktop.services.imports.import_plan import records_stamp
from sasaeai_desktop.services.imports.mappings import store_mapping
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import SKIP
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.planning import paused_gc
from sasaeai_desktop.services.imports.values import store_answers


def apply_import(
    uow: UnitOfWork,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    abort: Any = None,
) -> ImportResult:
    """Write ``plan`` in one transaction: everything or (on any error or cancel) nothing."""
    t0 = time.perf_counter()
    if plan.header is None or plan._kind is None:
        raise UserError("見出し行が見つからないため取り込めません。")
    if plan.problems:
        listed = "\n".join(str(p) for p in plan.problems[:20])
        more = f"\n…ほか{len(plan.problems) - 20:,}件" if len(plan.problems) > 20 else ""
        raise UserError(f"問題が{len(plan.problems):,}件あるため、何も書き込みませんでした。\n{listed}{more}")
    try:
        if file_stamp(plan.path) != plan._file_stamp:
            raise UserError(f"「{plan.path.name}」は確認の後で変更されました。もう一度読み込んでください。")
    except FileNotFoundError:
        raise UserError(f"「{plan.path.name}」が見つかりません（確認の後で移動または削除されました）。") from None
    kind = plan._kind
    todo = [r for r in plan.rows if r.action in (CREATE, UPDATE)]
    total = max(len(todo), 1)
    done = [0]

    def check(n: int) -> None:
        done[0] += n
        cancellation.check(abort, IMPORT_CANCELLED)
        if progress is not None:
            progress(min(done[0] / total, 1.0) * 0.95, f"{min(done[0], total):,}件を書き込みました")

    cancellation.check(abort, IMPORT_CANCELLED)
    if todo:
        from sasaeai_desktop.services import backups

        backups.before(uow, "import")  # 取り込み前: the state this import can be undone to
    with uow:
        session = uow.session
        kind.session = session
        if records_stamp(session, kind) != plan._stamp:
            raise UserError("確認の後で登録内容が変更されました（ほかの画面や同期による変更）。もう一度読み込んで確認してください。")
        if plan.overrides:
            store_mapping(session, plan.kind, plan.header, plan.overrides)
        if plan._answers is not None:
            store_answers(session, plan._answers.to_remember())
        with paused_gc(), large_page_cache(session.connection(), len(todo)):
            created, updated = kind.write(todo, check)
        cancellation.check(abort, IMPORT_CANCELLED)
        if progress is not None:
            progress(0.97, "保存しています…")
        uow.commit()
    skipped = sum(1 for r in plan.rows if r.action == SKIP)
    result = ImportResult(plan.kind, created, updated, skipped, time.perf_counter() - t0)
    if progress is not None:
        progress(1.0, result.summary())
    return result
