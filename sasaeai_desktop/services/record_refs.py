"""Visits, consultations and training events named as a person names them in a sheet — a visit by
its day (and the first words of its purpose), a consultation by its day, an event by its title and
first day, 「地域づくり研修会（2025-11-03）」 — and found again from those words on import.

The catalogue's 把握した訪問日 / 把握した相談日 / 把握した研修 and a grant's 関連する訪問 / 関連する研修
are written and read here, so an exported sheet names the records it came from and reads back to
the same ones. A name that fits several records is settled by the one already linked (an unchanged
row stays unchanged), else it is a problem that says what to add, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel import values as V

_EVENT_DAY = re.compile(r"^(?P<title>.*?)\s*[（(]\s*(?P<day>[^（）()]+?)\s*[）)]\s*$")
_PURPOSE_CHARS = 30


def first_line(text: str | None, limit: int = _PURPOSE_CHARS) -> str:
    return (text or "").strip().split("\n")[0].strip()[:limit]


def visit_text(day: dt.date, purpose: str | None) -> str:
    """'2025-06-02 補助金の説明' (the purpose's first line, as far as 30 characters)."""
    return f"{day:%Y-%m-%d} {first_line(purpose)}".rstrip()


def event_text(title: str, first_day: dt.date | None) -> str:
    """'地域づくり研修会（2025-11-03）' — the day tells apart the events one title has each 年度."""
    return f"{title}（{first_day:%Y-%m-%d}）" if first_day else title


def first_session_day() -> Any:
    """The first live 日程's day of ``training_event`` (a correlated scalar subquery)."""
    s, e = m.TrainingSession, m.TrainingEvent
    return select(func.min(s.date)).where(s.event_id == e.id, s.deleted.is_(False)).scalar_subquery()


def split_refs(value: Any) -> list[str]:
    """The references of a cell, one a line (titles may hold 、 and ・, so only lines separate)."""
    text = unicodedata.normalize("NFKC", str(value)) if value is not None else ""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def _settle(found: list[str], stored: Collection[str], several: str) -> str:
    linked = [f for f in found if f in stored]
    if len(linked) == 1 or len(found) == 1:
        return (linked or found)[0]
    raise V.ValueProblem(several.format(n=len(found)))


def _dated(text: str, what: str) -> tuple[dt.date, str]:
    """'2025-06-02 補助金の説明' → (day, '補助金の説明'); a date cell gives the day alone."""
    head, _, words = text.strip().partition(" ")
    try:
        return V.date_value(head, RECORD), words.strip()
    except V.ValueProblem:
        raise V.ValueProblem(f"{what}「{text}」の日付が読み取れません（例: 2025-06-02 補助金の説明）") from None


def visit_ref(value: Any) -> dt.date | str:
    """A visit's cell as an import reads it: a date cell gives its day; text is '2025-06-02' or
    '2025-06-02 補助金の説明' (its date checked here, its words used by ``RecordRefs.visit``)."""
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return V.date_value(value, RECORD)
    text = " ".join(V.text(value, 240).split())
    day, words = _dated(text, "訪問")
    return f"{day:%Y-%m-%d} {words}".rstrip() if words else day


class RecordRefs:
    """Finds the live records a sheet's references name (one query per reference: a sheet names a
    few hundred at most)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def visit(self, municipality_id: str, value: Any, stored: Collection[str] = ()) -> str:
        """The municipality's visit (not a draft) on the day ``value`` gives — a date, or '2025-06-02
        補助金の説明' whose words pick among the visits of that day."""
        day, words = (value, "") if isinstance(value, dt.date) else _dated(str(value), "訪問")
        v = m.Visit
        rows = self.session.execute(select(v.id, v.purpose).where(
            v.deleted.is_(False), v.is_draft.is_(False), v.visit_date == day,
            (v.municipality_id == municipality_id) | v.id.in_(list(stored)))).all()
        if words:
            rows = [r for r in rows if name_key(first_line(r.purpose)).startswith(name_key(words))] or rows
        if not rows:
            raise V.ValueProblem(f"{day:%Y-%m-%d} の訪問記録がありません（この市町村の訪問記録の日付を書いてください）")
        return _settle([r.id for r in rows], stored, f"{day:%Y-%m-%d} の訪問記録が{{n}}件あります。日付のあとに"
                       "訪問目的の最初の言葉を書き足してください（例: 2025-06-02 補助金の説明）")

    def consultation(self, municipality_id: str, day: dt.date, stored: Collection[str] = ()) -> str:
        c = m.Consultation
        found = list(self.session.scalars(select(c.id).where(
            c.deleted.is_(False), c.received_date == day,
            (c.municipality_id == municipality_id) | c.id.in_(list(stored)))))
        if not found:
            raise V.ValueProblem(f"{day:%Y-%m-%d} に受けたこの市町村の相談記録がありません")
        return _settle(found, stored, f"{day:%Y-%m-%d} の相談記録が{{n}}件あります。どれかはフォームで選んでください")

    def event(self, value: Any, stored: Collection[str] = ()) -> str:
        """The event '地域づくり研修会（2025-11-03）' or '地域づくり研修会' names (the day: any of its 日程)."""
        text = V.written(value, 240)
        title, day = text, None
        parts = _EVENT_DAY.match(text)
        if parts:
            try:
                title, day = parts["title"], V.date_value(parts["day"], RECORD)
            except V.ValueProblem:
                title, day = text, None  # brackets that are part of the title: 研修会（基礎編）
        e, s = m.TrainingEvent, m.TrainingSession
        where: list[ColumnElement[bool]] = [e.deleted.is_(False)]
        if day is not None:
            where.append(e.id.in_(select(s.event_id).where(s.date == day, s.deleted.is_(False))))
        rows = self.session.execute(select(e.id, e.title).where(*where)).all()
        found = [r.id for r in rows if name_key(r.title) == name_key(title)]
        if not found:
            on = f"（{day:%Y-%m-%d}に日程のあるもの）" if day else ""
            raise V.ValueProblem(f"研修「{title}」{on}が見つかりません（研修の名称を書いてください）")
        return _settle(found, stored, f"研修「{title}」が{{n}}件あります。名称のあとに日程の日付を書き足してください"
                       f"（例: {title}（2025-11-03））")
