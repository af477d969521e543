"""The advisor-list handout (アドバイザー名簿): what goes on it, and writing it as PDF or Excel.

At trainings the prefecture hands out its advisors' names, affiliations, usual fields of activity
and how to reach them (長野県, handbook ch.4 (3)). ``build_handout`` gathers the entries as plain
data; ``write_handout`` prints them (io.pdf.advisor_handout) or writes the same list as a workbook
(io.excel.writer).

Personal data: a phone number or an e-mail address is put on an entry only where the advisor's
consent to publish it is recorded as given (``advisors.handout_contacts``). No consent recorded
is treated exactly like a refusal: the renderer never sees the number, so it cannot print it.

Which advisors: those active in the handout's 年度 (活動年度 from/to), optionally only those of
some fields of activity (``fields``) or in charge of a municipality of some regions
(``regions``). For a training event (``event_id``): its lecturers and staff who are advisors,
plus the advisors of the fields chosen for the event (EventStaff / EventField); ``fields`` and
``regions`` narrow that further.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from typing import Literal

from sqlalchemy import or_
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.advisor_handout import SORTS
from sasaeai_desktop.domain.advisor_handout import Handout
from sasaeai_desktop.domain.advisor_handout import HandoutEntry
from sasaeai_desktop.domain.advisor_handout import HandoutSection
from sasaeai_desktop.domain.advisor_handout import Sort
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.domain.wareki import format_date
from sasaeai_desktop.io.output_files import output_target
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.advisors import roster as advisors

__all__ = [
    "HandoutOptions", "HandoutResult", "build_handout",
    "HandoutFormat", "gyo_of", "write_handout",
]

DEFAULT_TITLE = "生活支援体制整備事業 アドバイザー名簿"
NO_FIELD = "活動分野の登録なし"
NO_KANA = "その他"
STAFF_SECTION = "本研修の講師・スタッフ"

HandoutFormat = Literal["pdf", "xlsx"]

_GYO = (("あ", "お", "あ行"), ("か", "ご", "か行"), ("さ", "ぞ", "さ行"), ("た", "ど", "た行"), ("な", "の", "な行"),
        ("は", "ぽ", "は行"), ("ま", "も", "ま行"), ("や", "よ", "や行"), ("ら", "ろ", "ら行"), ("ゎ", "ん", "わ行"))


def gyo_of(kana: str) -> str:
    """The 行 of a reading for the handout's headings: 'たかはし' → 'た行'; no reading → 'その他'."""
    key = kana_key(kana)
    if not key:
        return NO_KANA
    ch = key[0]
    if ch == "ゔ":
        return "あ行"
    for first, last, label in _GYO:
        if first <= ch <= last:
            return label
    return NO_KANA


@dataclass(frozen=True)
class HandoutOptions:
    sort: Sort = "kana"
    fields: tuple[str, ...] = ()  # names of fields of activity (any one of them)
    regions: tuple[str, ...] = ()  # names of regions (圏域・ブロック): advisors in charge there
    event_id: str | None = None
    fiscal_year: int | None = None  # default: the event's, else the 年度 of ``as_of``
    as_of: dt.date | None = None  # 「○年○月○日現在」; default today
    title: str = ""  # default DEFAULT_TITLE


@dataclass
class HandoutResult:
    path: Path
    advisors: int
    pages: int = 0  # 0 for Excel
    rows: int = 0  # Excel rows (an advisor of two fields is listed twice when grouped by field)
    warnings: list[str] = field(default_factory=list)


# --- gathering ----------------------------------------------------------------------------------


def _resolve_fields(s: Any, names: Sequence[str]) -> dict[str, str]:
    f = m.ActivityField
    known = s.execute(select(f.id, f.name).where(f.deleted.is_(False)).order_by(f.sort_order, f.name)).all()
    by_key = {advisors.field_key(n): (fid, n) for fid, n in known}
    out: dict[str, str] = {}
    unknown = []
    for name in names:
        hit = by_key.get(advisors.field_key(name))
        if hit is None:
            unknown.append(name)
        else:
            out[hit[0]] = hit[1]
    if unknown:
        raise UserError(
            f"活動分野「{'、'.join(unknown)}」は登録されていません。指定できる分野: {'、'.join(n for _, n in known)}"
        )
    return out


def _resolve_regions(s: Any, names: Sequence[str]) -> tuple[set[str], list[str]]:
    """Municipality ids (wards included through their city) of the named regions, and the names."""
    rg, rm, mun = m.Region, m.RegionMembership, m.Municipality
    known = s.execute(select(rg.id, rg.name).where(rg.deleted.is_(False)).order_by(rg.sort_order, rg.name)).all()
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rid, rname in known:
        by_key[name_key(rname)].append((rid, rname))
    region_ids: list[str] = []
    shown: list[str] = []
    unknown = []
    for name in names:
        hits = by_key.get(name_key(name))
        if not hits:
            unknown.append(name)
            continue
        region_ids.extend(rid for rid, _ in hits)
        shown.append(hits[0][1])
    if unknown:
        choices = "、".join(dict.fromkeys(n for _, n in known)) or "（圏域が登録されていません）"
        raise UserError(f"圏域・ブロック「{'、'.join(unknown)}」は登録されていません。指定できる圏域: {choices}")
    munis = set(
        s.scalars(select(rm.municipality_id).where(rm.region_id.in_(region_ids), rm.deleted.is_(False)))
    )
    wards = set(s.scalars(select(mun.id).where(mun.parent_id.in_(munis), mun.deleted.is_(False)))) if munis else set()
    return munis | wards, shown


def _event(s: Any, event_id: str) -> tuple[m.TrainingEvent, str]:
    ev = s.get(m.TrainingEvent, event_id)
    if ev is None or ev.deleted:
        raise NotFoundError(f"研修（ID {event_id}）は見つかりません（削除された可能性があります）。")
    ts = m.TrainingSession
    days = s.scalars(
        select(ts.date).where(ts.event_id == event_id, ts.deleted.is_(False)).order_by(ts.date, ts.sort_order)
    ).all()
    days = list(dict.fromkeys(days))
    when = ""
    if days:
        when = format_date(days[0]) + (f" ほか{len(days) - 1}日程" if len(days) > 1 else "")
    return ev, "　".join(x for x in (ev.title, when) if x)


def build_handout(uow: UnitOfWork, options: HandoutOptions = HandoutOptions(), *, today: dt.date | None = None) -> Handout:
    """The entries of the handout as plain data, sorted and grouped as asked."""
    if options.sort not in SORTS:
        raise UserError(f"並び順は {' / '.join(SORTS)} のいずれかです（指定: {options.sort}）。")
    as_of = options.as_of or today or dt.date.today()
    pref = setup.current_prefecture(uow)
    office = office_settings.get_settings(uow)
    a, p, af, f = m.Advisor, m.Person, m.AdvisorField, m.ActivityField
    conditions: list[str] = []
    subtitle = ""
    with uow:
        s = uow.session
        wanted_fields = _resolve_fields(s, options.fields) if options.fields else {}
        region_munis, region_names = _resolve_regions(s, options.regions) if options.regions else (set(), [])
        ev = None
        if options.event_id:
            ev, subtitle = _event(s, options.event_id)
        fy = options.fiscal_year or (ev.fiscal_year if ev is not None else advisors.current_fiscal_year(as_of))

        badges: dict[str, str] = {}
        stmt = (
            select(a.id, p.name, p.kana, a.category, a.affiliation, p.title, a.activity_text, p.phone, p.email,
                   a.publish_phone, a.publish_email)
            .join(p, p.id == a.person_id)
            .where(a.deleted.is_(False), p.deleted.is_(False))
        )
        if ev is not None:
            es, ef = m.EventStaff, m.EventField
            for adv_id, person_id, kind in s.execute(
                select(es.advisor_id, es.person_id, es.kind).where(es.event_id == ev.id, es.deleted.is_(False))
            ):
                if adv_id is None:  # a lecturer entered as a person who is also an advisor
                    adv_id = s.scalar(select(a.id).where(a.person_id == person_id, a.deleted.is_(False)))
                if adv_id is not None and adv_id not in badges:
                    badges[adv_id] = kind or "講師"
            event_fields = select(ef.field_id).where(ef.event_id == ev.id, ef.deleted.is_(False))
            in_event_fields = select(af.advisor_id).where(af.deleted.is_(False), af.field_id.in_(event_fields))
            stmt = stmt.where(or_(a.id.in_(list(badges)), a.id.in_(in_event_fields) & advisors.advisor_active_in(a, fy)))
            conditions.append(f"研修: {ev.title}")
        else:
            stmt = stmt.where(advisors.advisor_active_in(a, fy))
        if wanted_fields:
            stmt = stmt.where(
                a.id.in_(select(af.advisor_id).where(af.deleted.is_(False), af.field_id.in_(list(wanted_fields))))
            )
            conditions.append(f"活動分野: {'、'.join(wanted_fields.values())}")
        if options.regions:
            asg = m.AdvisorAssignment
            stmt = stmt.where(
                a.id.in_(
                    select(asg.advisor_id).where(
                        asg.deleted.is_(False), asg.municipality_id.in_(sorted(region_munis)), advisors.active_in(asg, fy)
                    )
                )
            )
            conditions.append(f"担当圏域: {'、'.join(region_names)}")
        rows = s.execute(stmt).all()
        ids = [r[0] for r in rows]
        inactive: tuple[str, ...] = ()
        if ev is None and wanted_fields and not options.regions:
            inactive = tuple(s.scalars(
                select(p.name).join(a, a.person_id == p.id)
                .where(a.deleted.is_(False), p.deleted.is_(False), ~advisors.advisor_active_in(a, fy),
                       a.id.in_(select(af.advisor_id).where(af.deleted.is_(False),
                                                            af.field_id.in_(list(wanted_fields)))))
                .order_by(p.kana, p.name)))
        fields_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
        order: dict[str, int] = {
            fid: i for i, fid in enumerate(s.scalars(select(f.id).where(f.deleted.is_(False)).order_by(f.sort_order, f.name)))
        }
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            for aid, fid, fname in s.execute(
                select(af.advisor_id, f.id, f.name)
                .join(f, f.id == af.field_id)
                .where(af.advisor_id.in_(chunk), af.deleted.is_(False), f.deleted.is_(False))
            ):
                if (fid, fname) not in fields_of[aid]:
                    fields_of[aid].append((fid, fname))
        assigned: dict[str, list[advisors.AssignmentData]] = {}
        for chunk_start in range(0, len(ids), 500):
            assigned.update(advisors.current_assignments(s, ids[chunk_start : chunk_start + 500], fy))

    entries: list[tuple[HandoutEntry, list[str]]] = []
    for aid, name, kana, cat, aff, title, text, phone, email, pp, pe in rows:
        flds = sorted(fields_of.get(aid, ()), key=lambda x: order.get(x[0], 1 << 30))
        ph, em = advisors.handout_contacts(phone or "", email or "", pp, pe)
        munis = tuple(x.municipality + (f"（{x.role}）" if x.role else "") for x in assigned.get(aid, ()))
        entry = HandoutEntry(aid, name, kana or "", cat or "", aff or "", title or "", tuple(n for _, n in flds),
                             text or "", ph, em, munis, badges.get(aid, ""))
        entries.append((entry, [fid for fid, _ in flds]))

    def sort_key(e: HandoutEntry) -> tuple[str, str, str]:
        return (kana_key(e.kana) or "\uffff", name_key(e.name), e.advisor_id)

    entries.sort(key=lambda x: sort_key(x[0]))
    sections: list[HandoutSection] = []
    if options.sort == "kana":
        groups: dict[str, list[HandoutEntry]] = {}
        for e, _ in entries:
            groups.setdefault(gyo_of(e.kana), []).append(e)
        sections = [HandoutSection(h, tuple(es)) for h, es in groups.items()]
    else:
        rest = entries
        if ev is not None and badges:
            staff = [e for e, _ in entries if e.advisor_id in badges]
            if staff:
                sections.append(HandoutSection(STAFF_SECTION, tuple(staff)))
            rest = [(e, fids) for e, fids in entries if e.advisor_id not in badges]
        by_field: dict[str, list[HandoutEntry]] = defaultdict(list)
        unfiled: list[HandoutEntry] = []
        names = {fid: n for e, fids in entries for fid, n in zip(fids, e.fields)}
        for e, fids in rest:
            shown = [fid for fid in fids if not wanted_fields or fid in wanted_fields]
            for fid in shown:
                by_field[fid].append(e)
            if not shown:
                unfiled.append(e)
        for fid in sorted(by_field, key=lambda x: order.get(x, 1 << 30)):
            sections.append(HandoutSection(names[fid], tuple(by_field[fid])))
        if unfiled:
            sections.append(HandoutSection(NO_FIELD, tuple(unfiled)))
    return Handout(
        title=options.title.strip() or DEFAULT_TITLE,
        subtitle=subtitle,
        fiscal_year=fy,
        as_of=as_of,
        prefecture=pref[1] if pref else "",
        office=office,
        sort=options.sort,
        sections=tuple(sections),
        conditions=tuple(conditions),
        advisors=len(entries),
        inactive=inactive,
    )


# --- writing --------------------------------------------------------------------------------------


def _office_warning(handout: Handout) -> list[str]:
    out = []
    if not handout.office.office_name and not handout.office.phone:
        out.append("事務局（都道府県の担当課）の名称・連絡先が設定されていないため、フッターに表示していません（設定ページで入力できます）。")
    if handout.inactive:
        out.append(f"{handout.fiscal_year_label}に活動していないアドバイザー {len(handout.inactive)}名"
                   f"（{'、'.join(handout.inactive)}）は載せていません（活動年度はアドバイザーの編集画面で変えられます）。")
    return out


def write_handout(
    uow: UnitOfWork,
    path: str | os.PathLike[str],
    options: HandoutOptions = HandoutOptions(),
    *,
    fmt: HandoutFormat = "pdf",
    progress: Progress | None = None,
    abort: Any = None,
    today: dt.date | None = None,
) -> HandoutResult:
    """Write the handout to ``path``: ``pdf`` prints it (A4 portrait, the bundled font embedded),
    ``xlsx`` writes the same list as a workbook (same entries, same order, same rule for contacts).

    ``warnings`` says what the user should know: characters the font lacks (printed as 〓),
    an entry too long for one page (printed over several), no office contact in the settings.
    """
    suffix, render, when_open = _FORMATS[fmt]
    target = output_target(path, suffix)
    if progress is not None:
        progress(-1.0, "名簿のデータを読み込んでいます…")
    handout = build_handout(uow, options, today=today)
    try:
        result = render(handout, target, progress, abort)
    except PermissionError:
        raise UserError(f"「{target}」に書き込めません。{when_open}") from None
    result.warnings[:0] = _office_warning(handout)
    return result


def _print_pdf(handout: Handout, target: Path, progress: Progress | None, abort: Any) -> HandoutResult:
    from sasaeai_desktop.io.pdf.advisor_handout import (
        render_handout,  # reportlab: only when printing
    )

    rendered = render_handout(handout, target, progress=progress, abort=abort)
    return HandoutResult(target, handout.advisors, pages=rendered.pages, warnings=list(rendered.warnings))


def _write_excel(handout: Handout, target: Path, progress: Progress | None, abort: Any) -> HandoutResult:
    """Grouped by field, the first column names the group (the shared Excel writer)."""
    from sasaeai_desktop.io.excel.spec import ColumnSpec
    from sasaeai_desktop.io.excel.spec import SheetSpec
    from sasaeai_desktop.io.excel.writer import write_table

    cols = [
        ColumnSpec("name", "氏名", "text", 12),
        ColumnSpec("kana", "ふりがな", "text", 14),
        # widths for one A4 landscape page at ≥ 7.5 pt (the text wraps): a handout splits badly
        ColumnSpec("affiliation", "所属", "multiline", 20),
        ColumnSpec("fields", "活動分野", "multiline", 20),
        ColumnSpec("activity", "日頃の活動分野", "multiline", 30),
        ColumnSpec("municipalities", "担当市町村", "multiline", 16),
        ColumnSpec("phone", "電話", "text", 13),
        ColumnSpec("email", "メール", "text", 24),
    ]
    if handout.sort == "field" or handout.subtitle:
        cols.insert(0, ColumnSpec("section", "分野" if handout.sort == "field" else "区分", "text", 16))
    if handout.sort == "kana" and handout.subtitle:
        cols[0] = ColumnSpec("section", "研修での役割", "text", 10)
    spec = SheetSpec("advisor_handout", handout.title, tuple(cols))

    def rows() -> Any:
        for sec in handout.sections:
            for e in sec.entries:
                affiliation = "\n".join(x for x in (e.affiliation, e.title) if x)
                values = {
                    "section": sec.heading if handout.sort == "field" else e.badge,
                    "name": e.name, "kana": e.kana, "affiliation": affiliation,
                    "fields": "、".join(e.fields), "activity": e.activity_text,
                    "municipalities": "、".join(e.municipalities), "phone": e.phone, "email": e.email,
                }
                yield tuple(values[c.key] for c in spec.columns)

    total = sum(len(sec.entries) for sec in handout.sections)
    lines = [
        "　".join(x for x in (handout.fiscal_year_label, handout.title, handout.prefecture) if x),
        "　".join(x for x in (handout.subtitle, handout.as_of_label, f"{handout.advisors}名", SORTS[handout.sort]) if x),
        "連絡先は、ご本人が掲載に同意したものだけを載せています。"
        + (f"問い合わせ: {handout.office_line}　{handout.office_contact}" if handout.office_line else ""),
    ]
    if handout.conditions:
        lines.append("絞り込み: " + "／".join(handout.conditions))
    n = write_table(target, spec, rows(), title_lines=lines, progress=progress, abort=abort, total=total)
    return HandoutResult(target, handout.advisors, rows=n)


# fmt → (file suffix, writer, what to do when the file is open elsewhere)
_FORMATS: dict[HandoutFormat, tuple[str, Callable[[Handout, Path, Progress | None, Any], HandoutResult], str]] = {
    "pdf": (".pdf", _print_pdf, "同じ名前のPDFを開いている場合は閉じてから、もう一度作成してください。"),
    "xlsx": (".xlsx", _write_excel,
             "同じ名前のファイルをExcelなどで開いている場合は閉じてから、もう一度出力してください。"),
}
