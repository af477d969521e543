"""The catalogue as an Excel sheet: ``sasaeai export activities`` writes it and ``sasaeai import
activities`` reads it back (services/catalogue/imports.py), so an exported file imports unchanged.

Headers are the words an office writes (名称, 種類, 市町村, 内容, 連絡先, 連絡先掲載, 掲載 …), with the
synonyms of the lists they already keep. The photos stay in the database (a sheet has no place
for them). Where the office learnt of an entry is named as a person names it — 把握した訪問日 /
把握した相談日 (the municipality's visit or consultation of that day) or 把握した研修 (its title and
first day, services/record_refs) — and a blank cell never erases it (the form does).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from typing import Literal

from sqlalchemy import text

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.io.excel.sheets import CONTACT_CONSENT
from sasaeai_desktop.io.excel.spec import ColumnSpec as C
from sasaeai_desktop.io.excel.spec import SheetSpec
from sasaeai_desktop.io.excel.text import output_date_line
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.catalogue.entries import SEARCHED
from sasaeai_desktop.services.catalogue.entries import EntryFilter
from sasaeai_desktop.services.catalogue.entries import like_pattern

KIND = "activities"  # the word of the command line: ``sasaeai export activities``

CATALOGUE = SheetSpec(KIND, "地域資源・活動事例", (
    C("name", "名称", "text", 20, ("活動名", "名前", "資源名", "団体・活動名", "活動・場所の名称")),
    C("kind", "種類", "text", 10, ("種別", "分類", "活動の種類")),
    C("municipality", "市町村", "text", 10, ("市町村名", "市区町村", "自治体")),
    C("area", "地区", "text", 10, ("日常生活圏域", "圏域", "地域", "地区名", "圏域・地区")),
    C("organiser", "実施主体", "text", 16, ("主催", "運営主体", "運営団体", "団体名", "主体")),
    C("content", "内容", "multiline", 26, ("活動内容", "活動の内容", "取組内容")),
    C("schedule", "曜日・時間", "text", 14, ("曜日", "開催日時", "日時", "開催曜日", "曜日・時間帯")),
    C("frequency", "頻度", "text", 8, ("開催頻度", "回数", "実施頻度")),
    C("participants", "参加人数", "int", 7, ("人数", "参加者数", "参加者")),
    C("cost", "費用", "text", 10, ("参加費", "利用料", "料金", "会費")),
    C("contact", "連絡先", "text", 22, ("問い合わせ先", "問合せ先", "問合せ", "連絡先（電話）")),
    # Consent to publish the contact: the roster's one consent column, without the words that
    # here mean publishing the whole entry (掲載, 掲載可否 …: the next column).
    C("contact_consent", "連絡先掲載", "bool", 8, tuple(s for s in CONTACT_CONSENT.synonyms if "連絡先" in s)),
    C("publishable", "掲載", "bool", 6, ("掲載可", "掲載可否", "掲載の可否", "公開", "公開可否", "掲載する")),
    C("description", "紹介文", "multiline", 30, ("説明", "紹介", "PR", "ひとこと")),
    C("tags", "タグ", "text", 16, ("キーワード", "タグ（キーワード）")),
    C("notes", "備考", "multiline", 20, ("メモ", "特記事項")),
    C("info_date", "更新日", "date", 11, ("情報更新日", "確認日", "最終確認日")),
    # where it was learnt of: in the file, off the page (services/record_refs reads them back)
    C("source_visit", "把握した訪問日", "date", 11, ("把握した訪問", "きっかけの訪問日", "把握のきっかけ（訪問）"), paper=False),
    C("source_consultation", "把握した相談日", "date", 11, ("把握した相談", "きっかけの相談日", "把握のきっかけ（相談）"),
      paper=False),
    C("source_event", "把握した研修", "text", 24, ("把握した研修・イベント", "きっかけの研修", "把握のきっかけ（研修）"),
      paper=False),
    # for re-import only (the 市町村 column says it on paper): in the file, off the page
    C("municipality_code", "市町村コード", "text", 9, ("団体コード",), paper=False),
    C("id", "ID", "text", 10, paper=False),
), repeat=1)

_SQL = (
    "SELECT e.name, e.kind, coalesce((SELECT p.name FROM municipality p WHERE p.id = mun.parent_id), '') || mun.name, "
    "e.area, e.organiser, e.content, e.schedule, e.frequency, e.participants, e.cost, e.contact, e.contact_consent, "
    "e.publishable, e.description, e.tags, e.notes, e.info_date, "
    "(SELECT v.visit_date FROM visit v WHERE v.id = e.visit_id AND v.deleted = 0), "
    "(SELECT c.received_date FROM consultation c WHERE c.id = e.consultation_id AND c.deleted = 0), "
    "(SELECT t.title || coalesce('（' || (SELECT min(s.date) FROM training_session s "
    "WHERE s.event_id = t.id AND s.deleted = 0) || '）', '') FROM training_event t "
    "WHERE t.id = e.event_id AND t.deleted = 0), mun.code, e.id "
    "FROM catalogue_entry e JOIN municipality mun ON mun.id = e.municipality_id WHERE e.deleted = 0{where} "
    "ORDER BY mun.code, e.name, e.id"
)


def _where(f: EntryFilter) -> tuple[str, dict[str, Any]]:
    """The list's filters (entries.EntryFilter) as SQL over ``e`` and ``mun``."""
    where, params = "", dict[str, Any]()
    for i, word in enumerate(f.search.split()):
        where += " AND (" + " OR ".join(f"e.{c} LIKE :w{i} ESCAPE '\\'" for c in SEARCHED) + ")"
        params[f"w{i}"] = like_pattern(word)
    if f.municipality_id:
        where += " AND (e.municipality_id = :mid OR mun.parent_id = :mid)"
        params["mid"] = f.municipality_id
    if f.region_id:
        where += (" AND e.municipality_id IN (SELECT municipality_id FROM region_membership "
                  "WHERE region_id = :rid AND deleted = 0)")
        params["rid"] = f.region_id
    if f.kind:
        where += " AND e.kind = :kind"
        params["kind"] = f.kind
    if f.publishable is not None:
        where += " AND e.publishable = :pub"
        params["pub"] = int(f.publishable)
    return where, params


def export_catalogue(
    uow: UnitOfWork,
    path: str | os.PathLike[str],
    *,
    where: EntryFilter | None = None,
    date_style: Literal["seireki", "wareki"] = "seireki",
    progress: Any = None,
    abort: Any = None,
    today: dt.date | None = None,
) -> int:
    """Write the entries matching ``where`` (every field a user edits, photos aside) to the .xlsx
    ``path``; returns how many."""
    from sasaeai_desktop.io.excel.writer import write_table  # openpyxl: only when exporting

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise UserError(f"出力ファイル「{target}」の拡張子は .xlsx にしてください。")
    if not target.parent.is_dir():
        raise UserError(f"出力先フォルダー「{target.parent}」がありません。")
    condition, params = _where(where or EntryFilter())
    pref = setup.current_prefecture(uow)
    with uow:
        rows = uow.session.connection().execute(text(_SQL.format(where=condition)), params).all()
    head = "　".join(p for p in (f"{CATALOGUE.title}一覧", pref[1] if pref else "") if p)
    lines = [head, f"{output_date_line(today)}　{len(rows):,}件"]

    def shaped() -> Iterator[tuple[Any, ...]]:
        for r in rows:
            yield tuple(_cell(CATALOGUE.columns[i].kind, v) for i, v in enumerate(r))

    try:
        return write_table(target, CATALOGUE, shaped(), title_lines=lines, date_style=date_style,
                           progress=progress, abort=abort, total=len(rows))
    except PermissionError:
        raise UserError(f"「{target}」に書き込めません。Excelなどで開いている場合は閉じてください。") from None


def _cell(kind: str, v: Any) -> Any:
    """A value of the raw SQL as the column's kind writes it (SQLite gives dates as text, booleans as 0/1)."""
    if v is None:
        return None
    if kind == "date" and isinstance(v, str):
        return dt.date.fromisoformat(v[:10])
    if kind == "bool":
        return bool(v)
    return v
