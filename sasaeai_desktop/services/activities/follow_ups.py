"""The follow-up board: every open task, overdue first, grouped by owner or by municipality."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import aliased

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.records import live_row

GROUPINGS = ("owner", "municipality")


@dataclass(frozen=True)
class BoardItem:
    id: str
    title: str
    owner: str
    municipality_id: str | None
    municipality: str
    due_date: dt.date | None
    done: bool
    overdue: bool
    source_kind: str  # visit / consultation / dispatch / ''
    source_id: str | None
    source_date: dt.date | None


@dataclass(frozen=True)
class BoardGroup:
    key: str
    label: str
    items: tuple[BoardItem, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)


def board(
    uow: UnitOfWork,
    *,
    group_by: str = "owner",
    today: dt.date | None = None,
    include_done: bool = False,
    municipality_id: str | None = None,
    limit: int = 5000,
) -> list[BoardGroup]:
    """Open tasks in groups; inside a group overdue first (oldest due first), then by due date,
    undated last. Groups with overdue tasks come first."""
    if group_by not in GROUPINGS:
        raise UserError(f"まとめ方は {', '.join(GROUPINGS)} のいずれかです（指定: {group_by}）。")
    today = today or dt.date.today()
    f = m.FollowUpTask
    mun = aliased(m.Municipality, name="mun")
    parent = aliased(m.Municipality, name="parent")
    owner = aliased(m.Person, name="owner")
    owner_name = func.coalesce(func.nullif(f.owner_name, ""), owner.name, "")
    stmt = (
        select(
            f.id, f.title, owner_name, f.municipality_id, func.coalesce(parent.name, "") + func.coalesce(mun.name, ""),
            f.due_date, f.done, f.visit_id, f.consultation_id, f.dispatch_id, m.Visit.visit_date,
        )
        .select_from(f)
        .outerjoin(mun, mun.id == f.municipality_id)
        .outerjoin(parent, parent.id == mun.parent_id)
        .outerjoin(owner, owner.id == f.owner_person_id)
        .outerjoin(m.Visit, m.Visit.id == f.visit_id)
        .where(f.deleted.is_(False), m.Visit.is_draft.is_not(True))  # a draft's tasks are not tasks yet
        .order_by(case((f.due_date.is_(None), 1), else_=0), f.due_date, f.title)
        .limit(limit)
    )
    if not include_done:
        stmt = stmt.where(f.done.is_(False))
    if municipality_id:
        stmt = stmt.where(f.municipality_id == municipality_id)
    with uow:
        rows = uow.session.execute(stmt).all()
    groups: dict[str, list[BoardItem]] = {}
    labels: dict[str, str] = {}
    for r in rows:
        kind, src = ("visit", r[7]) if r[7] else ("consultation", r[8]) if r[8] else ("dispatch", r[9]) if r[9] else ("", None)
        item = BoardItem(r[0], r[1], r[2] or "", r[3], r[4] or "", r[5], bool(r[6]),
                         bool(r[5] and r[5] < today and not r[6]), kind, src, r[10])
        key = (item.owner or "") if group_by == "owner" else (item.municipality_id or "")
        labels[key] = (item.owner or "（担当者未定）") if group_by == "owner" else (item.municipality or "（市町村なし）")
        groups.setdefault(key, []).append(item)
    out = [
        BoardGroup(k, labels[k], tuple(sorted(v, key=lambda i: (not i.overdue, i.due_date is None, i.due_date or dt.date.max))))
        for k, v in groups.items()
    ]
    out.sort(key=lambda g: (-g.overdue, g.label))
    return out


def set_done(uow: UnitOfWork, task_id: str, done: bool = True, on: dt.date | None = None) -> None:
    with uow:
        row = live_row(uow, m.FollowUpTask, task_id, "指定されたフォローアップは見つかりません。")
        row.done = done
        row.done_date = (on or dt.date.today()) if done else None
        uow.commit()
