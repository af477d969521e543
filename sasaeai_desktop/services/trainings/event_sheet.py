"""The events (研修・フォーラム) as one Excel sheet — what ``sasaeai export events`` and the window's
Excelに出力 write, and what ``sasaeai import events FILE`` reads back (services/imports/events.py):
the same headers, synonyms for what offices write, so an exported sheet imports back unchanged.

開催日 and 会場 are those of the first 日程 (an event of one day has one). 日程数 and 申込者数 are
written for the reader and read back for nothing: they follow from the 日程 and the 申込者. The
public who came are counts (一般参加者数, うち住民, うち関係者; blank = not recorded). 作成した媒体
names the media one a line, 「チラシ: 開催案内 <\\\\share\\普及\\chirashi.pdf>」 (media_line /
read_media_line): the kind, the title, the link in angle brackets — a URL or a Windows path never
holds < or >, so the last <…> of a line is its link whatever the title says. A medium's 備考 stays
in the window. 開催市町村コード and ID are for re-import only: in the file, off the page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import outreach as o
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.io.excel.spec import ColumnSpec as C
from sasaeai_desktop.io.excel.spec import SheetSpec

__all__ = ["EVENTS", "event_rows", "media_line", "read_media_line"]

EVENTS = SheetSpec("events", "研修一覧", (
    C("fiscal_year", "年度", "fiscal_year", 8, ("事業年度", "実施年度")),
    C("event_type", "種別", "text", 12, ("区分", "研修の種別", "イベントの種別")),
    C("title", "研修名", "text", 26, ("名称", "イベント名", "研修・イベント名", "フォーラム名", "セミナー名", "事業名")),
    C("first_date", "開催日", "date", 11, ("初日", "日程", "日付", "開催日時", "実施日")),
    C("venue", "会場", "text", 16, ("開催場所", "場所", "開催会場")),
    C("sessions", "日程数", "int", 6, ("日数",)),
    C("registrations", "申込者数", "int", 7, ("申込数",)),
    C("public_attendance", "一般参加者数", "int", 9, ("参加者数", "来場者数", "一般参加者", "参加人数")),
    C("public_residents", "うち住民", "int", 7, ("住民", "住民の参加者数", "うち地域住民")),
    C("public_professionals", "うち関係者", "int", 7,
      ("関係者", "専門職", "うち専門職", "専門職・関係者", "うち関係者（専門職・団体）")),
    C("host_municipality", "開催市町村", "text", 10, ("開催地", "開催市町村名")),
    C("co_hosts", "共催", "text", 14, ("共催者", "共催団体")),
    C("organiser", "担当", "text", 9, ("担当者",)),
    C("session_structure", "日程の関係", "text", 14),
    C("media", "作成した媒体", "multiline", 30, ("媒体", "作成媒体", "制作物", "チラシ・動画等")),
    C("host_municipality_code", "開催市町村コード", "text", 9, ("開催地コード",), paper=False),
    C("id", "ID", "text", 10, paper=False),
), repeat=3)


_KINDS = {kana_key(k): k for k in o.MEDIA_KINDS}


def media_line(kind: str, title: str, link: str) -> str:
    """'チラシ: 開催案内 <https://…/a.pdf>' ('DVD: 記録DVD' without a link, 'チラシ: <…>' without a title)."""
    rest = " ".join(x for x in (title, f"<{link}>" if link else "") if x)
    return f"{kind}: {rest}"


def read_media_line(line: str) -> tuple[str, str, str]:
    """A line of 作成した媒体 → (kind, title, link); ValueProblem saying what to write."""
    text = unicodedata.normalize("NFKC", line).strip()
    written, sep, rest = text.partition(":")
    kind = _KINDS.get(kana_key(written))  # 「ちらし」「dvd」 as the list spells them
    if not sep or kind is None:
        raise V.ValueProblem(f"媒体「{line.strip()[:60]}」の種類が読み取れません（「{o.MEDIA_KINDS[0]}: 題名 <リンク>」の形で、"
                             f"種類は {'、'.join(o.MEDIA_KINDS)} のいずれか）")
    rest = rest.strip()
    link = ""
    if rest.endswith(">") and "<" in rest:
        at = rest.rindex("<")
        rest, link = rest[:at].strip(), rest[at + 1:-1].strip()
    if not rest and not link:
        raise V.ValueProblem(f"媒体「{line.strip()}」に題名もリンクもありません")
    if len(link) > o.MAX_LINK_LENGTH:
        raise V.ValueProblem(f"媒体のリンクが長すぎます（{len(link)}文字、{o.MAX_LINK_LENGTH}文字まで）")
    if len(rest) > 200:
        raise V.ValueProblem(f"媒体の題名が長すぎます（{len(rest)}文字、200文字まで）")
    return kind, rest, link


def live_media(session: Any, event_ids: list[str] | None = None) -> dict[str, list[tuple[str, str, str, str, int]]]:
    """event id → its live media as (id, kind, title, link, sort_order), in the window's order
    (sort_order, then the kinds' order)."""
    em = m.EventMedia
    order = {k: i for i, k in enumerate(o.MEDIA_KINDS)}
    stmt = select(em.event_id, em.id, em.kind, em.title, em.link, em.sort_order).where(em.deleted.is_(False))
    if event_ids is not None:
        stmt = stmt.where(em.event_id.in_(event_ids))
    got: dict[str, list[tuple[str, str, str, str, int]]] = {}
    for eid, mid, kind, title, link, sort in session.execute(stmt.order_by(em.sort_order, em.id)):
        got.setdefault(eid, []).append((mid, kind, title, link, sort))
    return {eid: sorted(rows, key=lambda r: (r[4], order.get(r[1], len(order)))) for eid, rows in got.items()}


def first_session_column(column: str) -> Any:
    """``training_session.<column>`` of the event's first live 日程 (a correlated scalar subquery)."""
    s, e = m.TrainingSession, m.TrainingEvent
    return (select(getattr(s, column)).where(s.event_id == e.id, s.deleted.is_(False))
            .order_by(s.date, s.sort_order, s.start_time, s.id).limit(1).scalar_subquery())


def event_rows(uow: UnitOfWork, stmt: Select[Any], positions: Callable[[tuple[str, ...]], dict[str, int]]
               ) -> tuple[Select[Any], Callable[[Any], tuple[Any, ...]]]:
    """The events list's query (``stmt``) with what the sheet adds, and a row of it → the sheet's
    cells. ``positions(extras)``: where each key sits in a row with ``extras`` added."""
    e, mun = m.TrainingEvent, m.Municipality
    code = select(mun.code).where(mun.id == e.host_municipality_id).scalar_subquery()
    extras = ("venue", "public_residents", "public_professionals", "organiser", "host_municipality_code")
    stmt = stmt.add_columns(first_session_column("venue"), e.public_residents, e.public_professionals, e.organiser,
                            code)
    at = positions(extras)
    with uow:
        media = {eid: "\n".join(media_line(k, t, li) for _id, k, t, li, _sort in items)
                 for eid, items in live_media(uow.session).items()}

    def shape(row: Any) -> tuple[Any, ...]:
        cells: list[Any] = []
        for col in EVENTS.columns:
            if col.key == "media":
                cells.append(media.get(row[0]) or None)
            elif col.key == "venue":
                cells.append(row[at["venue"]] or None)
            else:
                cells.append(row[at[col.key]])
        return tuple(cells)

    return stmt, shape
