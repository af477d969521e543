"""The advisor roster (アドバイザー名簿): profiles, fields of activity, municipalities in charge.

An advisor is a person (氏名, ふりがな, 職名, 電話, メール live on ``person``) with an advisor
profile: category, 所属法人等の名称, fields of activity (the controlled, user-extensible
``activity_field`` list) plus free text (日頃の活動分野), consent to publish phone and e-mail,
active fiscal years, the municipalities in charge (主担当 / 副担当) and notes.

Consent is tri-state everywhere: True = may be printed, False = refused, None = not recorded.
Only True ever lets a contact out of this module onto a handout (``handout_contacts``).

What "in charge in 年度 N" means is one predicate (``active_in``) shared by the form, the
matrix and the handout, and it is the one the Excel import uses: an assignment row counts
while ``from_fy`` is empty or ≤ N and ``to_fy`` is empty or ≥ N. Taking a municipality away
ends the assignment the way the import does: removed outright when it began this 年度, kept
as history ending last 年度 otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from typing import Any
from typing import cast

from sqlalchemy import ColumnElement
from sqlalchemy import CursorResult
from sqlalchemy import and_
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.services import people
from sasaeai_desktop.services.records import live_row
from sasaeai_desktop.services.records import soft_delete

__all__ = [
    "ASSIGNMENT_ROLES", "ActivityFieldInfo", "AdvisorData", "AssignmentData", "AssignmentMatrix", "MatrixAdvisor",
    "MatrixMunicipality", "MunicipalityChoice", "active_in", "add_field", "advisor_active_in", "assignment_matrix",
    "consent_label", "current_assignments", "current_fiscal_year", "delete", "delete_field", "field_key", "get",
    "handout_contacts", "list_fields", "municipality_choices", "rename_field", "save", "validate",
]

MAIN, SUB = "主担当", "副担当"
ASSIGNMENT_ROLES: tuple[str, ...] = (MAIN, SUB, "")  # '' = in charge, role not recorded
_ROLE_ORDER = {MAIN: 0, SUB: 1, "": 2}
# How a roster file marks a role after the municipality: 松本市（主担当）, 松本市(副) … (NFKC or not).
_ROLE_MARK = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<role>主担当|副担当|主|副)\s*[）)]$")
_SHORT_ROLES = {"主": MAIN, "副": SUB, MAIN: MAIN, SUB: SUB}
_FIELD_MISSING = "指定された分野は見つかりません。"


def with_role(municipality: str, role: str) -> str:
    """'松本市（主担当）': an assignment as the handout and the roster file write it (no role: the name)."""
    return municipality + (f"（{role}）" if role else "")


def split_role(item: str) -> tuple[str, str]:
    """'松本市（主担当）' / '松本市(副)' → ('松本市', '主担当'); without a mark → (item, '')."""
    hit = _ROLE_MARK.match(item.strip())
    if hit is None or not hit["name"]:
        return item.strip(), ""
    return hit["name"], _SHORT_ROLES[hit["role"]]


def role_rank(role: str | None) -> int:
    """主担当 before 副担当 before no role: which one counts when a municipality is listed twice."""
    return _ROLE_ORDER.get(role or "", 3)


def consent_label(value: bool | None) -> str:
    """'可' / '否' / '未確認' — how a consent is shown."""
    return "未確認" if value is None else ("可" if value else "否")


def handout_contacts(phone: str, email: str, publish_phone: bool | None, publish_email: bool | None) -> tuple[str, str]:
    """The phone and e-mail a handout may print: only with consent given (True); never guessed."""
    return (phone if publish_phone is True else "", email if publish_email is True else "")


def current_fiscal_year(today: dt.date | None = None) -> int:
    return fiscal_year_of(today or dt.date.today())


def active_in(asg: Any, fy: int) -> ColumnElement[bool]:
    """The assignment (or advisor, with its own columns) counts in 年度 ``fy``."""
    return and_(
        or_(asg.from_fy.is_(None), asg.from_fy <= fy),
        or_(asg.to_fy.is_(None), asg.to_fy >= fy),
    )


def advisor_active_in(a: Any, fy: int) -> ColumnElement[bool]:
    return and_(
        or_(a.active_from_fy.is_(None), a.active_from_fy <= fy),
        or_(a.active_to_fy.is_(None), a.active_to_fy >= fy),
    )


def _muni_name(mun: m.Municipality | None, parent: m.Municipality | None = None) -> str:
    if mun is None:
        return ""
    return f"{parent.name}{mun.name}" if parent is not None else mun.name


# --- the profile ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentData:
    """A municipality this advisor is in charge of now. ``municipality`` is for display only."""

    municipality_id: str
    role: str = ""  # 主担当 / 副担当 / ''
    municipality: str = ""
    from_fy: int | None = None  # read back from the database; set by save for new ones
    to_fy: int | None = None


@dataclass(frozen=True)
class AdvisorData:
    """An advisor as the form edits it. ``id`` None: a new advisor (``person_id`` None: a new
    person too; else that existing person becomes an advisor)."""

    id: str | None
    name: str
    kana: str = ""
    category: str = ""
    affiliation: str = ""  # 所属法人等の名称, as printed on the handout
    title: str = ""  # 職名
    phone: str = ""
    email: str = ""
    publish_phone: bool | None = None
    publish_email: bool | None = None
    field_ids: tuple[str, ...] = ()
    activity_text: str = ""  # 日頃の活動分野 (free text)
    active_from_fy: int | None = None
    active_to_fy: int | None = None
    assignments: tuple[AssignmentData, ...] = ()  # in charge in the current 年度
    notes: str = ""
    person_id: str | None = None


def get(uow: UnitOfWork, advisor_id: str, *, today: dt.date | None = None) -> AdvisorData:
    fy = current_fiscal_year(today)
    with uow:
        s = uow.session
        row = s.get(m.Advisor, advisor_id)
        if row is None or row.deleted or row.person is None or row.person.deleted:
            raise NotFoundError("指定されたアドバイザーは見つかりません（削除された可能性があります）。")
        p = row.person
        af = m.AdvisorField
        fld = m.ActivityField
        field_ids = tuple(
            s.scalars(
                select(af.field_id)
                .join(fld, fld.id == af.field_id)
                .where(af.advisor_id == advisor_id, af.deleted.is_(False), fld.deleted.is_(False))
                .order_by(fld.sort_order, fld.name)
            ).unique()
        )
        assignments = current_assignments(s, [advisor_id], fy).get(advisor_id, ())
        return AdvisorData(
            id=row.id, name=p.name, kana=p.kana, category=row.category, affiliation=row.affiliation,
            title=p.title, phone=p.phone, email=p.email, publish_phone=row.publish_phone,
            publish_email=row.publish_email, field_ids=field_ids, activity_text=row.activity_text,
            active_from_fy=row.active_from_fy, active_to_fy=row.active_to_fy, assignments=tuple(assignments),
            notes=row.notes, person_id=p.id,
        )


def current_assignments(s: Any, advisor_ids: Iterable[str], fy: int) -> dict[str, list[AssignmentData]]:
    from sqlalchemy.orm import aliased

    asg = m.AdvisorAssignment
    mun = aliased(m.Municipality, name="mun")
    parent = aliased(m.Municipality, name="parent")
    ids = list(advisor_ids)
    out: dict[str, list[AssignmentData]] = defaultdict(list)
    if not ids:
        return out
    rows = s.execute(
        select(asg.advisor_id, asg.municipality_id, asg.role, asg.from_fy, asg.to_fy, mun.name, parent.name, mun.code)
        .join(mun, mun.id == asg.municipality_id)
        .outerjoin(parent, parent.id == mun.parent_id)
        .where(asg.advisor_id.in_(ids), asg.deleted.is_(False), mun.deleted.is_(False), active_in(asg, fy))
        .order_by(mun.code)
    ).all()
    seen: set[tuple[str, str]] = set()
    for aid, mid, role, f, t, name, parent_name, _code in rows:
        if (aid, mid) in seen:  # two rows for one municipality (e.g. merged from two laptops)
            continue
        seen.add((aid, mid))
        out[aid].append(AssignmentData(mid, role or "", f"{parent_name or ''}{name}", f, t))
    for lst in out.values():
        lst.sort(key=lambda a: _ROLE_ORDER.get(a.role, 3))
    return out


def validate(uow: UnitOfWork, data: AdvisorData) -> AdvisorData:
    """Clean every field and check it; raises ValidationError (field → message)."""
    errors: dict[str, str] = {}
    person = people.PersonData(
        id=None, name=data.name, kana=data.kana, title=data.title, phone=data.phone, email=data.email
    )
    try:
        person = people.validate(person)
    except ValidationError as exc:
        errors.update(exc.fields)
    category = clean_text(data.category)
    if category and category not in vocab.ADVISOR_CATEGORIES:
        errors["category"] = f"区分は {'、'.join(vocab.ADVISOR_CATEGORIES)} のいずれかです。"
    for key in ("publish_phone", "publish_email"):
        if getattr(data, key) not in (True, False, None):
            errors[key] = "公開の可否は 可・否・未確認 のいずれかです。"
    lo, hi = data.active_from_fy, data.active_to_fy
    for key, fy in (("active_from_fy", lo), ("active_to_fy", hi)):
        if fy is not None and not (1989 <= fy <= 2100):
            errors[key] = f"年度 {fy} は範囲外です（1989〜2100）。"
    if lo is not None and hi is not None and lo > hi:
        errors["active_to_fy"] = "活動終了年度が開始年度より前になっています。"
    field_ids = tuple(dict.fromkeys(data.field_ids))
    assignments: dict[str, AssignmentData] = {}
    for a in data.assignments:
        role = clean_text(a.role)
        if role not in ASSIGNMENT_ROLES:
            errors["assignments"] = f"担当の役割は {MAIN}・{SUB} のいずれかです（指定: {role}）。"
            continue
        if a.municipality_id in assignments:
            errors["assignments"] = f"担当市町村「{a.municipality or assignments[a.municipality_id].municipality}」が2回指定されています。"
            continue
        assignments[a.municipality_id] = replace(a, role=role)
    with uow:
        s = uow.session
        if field_ids:
            known = set(
                s.scalars(select(m.ActivityField.id).where(m.ActivityField.id.in_(field_ids), m.ActivityField.deleted.is_(False)))
            )
            if set(field_ids) - known:
                errors["field_ids"] = "活動分野に、削除された分類が含まれています。一覧を開き直してください。"
        if assignments:
            known = set(
                s.scalars(
                    select(m.Municipality.id).where(m.Municipality.id.in_(list(assignments)), m.Municipality.deleted.is_(False))
                )
            )
            if set(assignments) - known:
                errors["assignments"] = "担当市町村に、登録されていない（削除された）市町村が含まれています。"
    if errors:
        raise ValidationError(errors)
    return replace(
        data,
        name=person.name, kana=person.kana, title=person.title, phone=person.phone, email=person.email,
        category=category, affiliation=written_text(data.affiliation),  # as typed, as people.validate keeps names
        activity_text=written_text(data.activity_text, multiline=True), notes=written_text(data.notes, multiline=True),
        field_ids=field_ids, assignments=tuple(assignments.values()),
    )


def save(uow: UnitOfWork, data: AdvisorData, *, today: dt.date | None = None) -> str:
    """Create or update the advisor (and its person); returns the advisor id."""
    data = validate(uow, data)
    fy = current_fiscal_year(today)
    with uow:
        s = uow.session
        if data.id is None:
            if data.person_id is None:
                person = m.Person(role="アドバイザー", affiliation=data.affiliation)
                s.add(person)
            else:
                person = live_row(uow, m.Person, data.person_id, "アドバイザーにする人が見つかりません（削除された可能性があります）。")
                already = s.scalar(
                    select(m.Advisor.id).where(m.Advisor.person_id == person.id, m.Advisor.deleted.is_(False))
                )
                if already is not None:
                    raise UserError(f"{person.name}さんはすでにアドバイザー名簿に登録されています。")
            advisor = m.Advisor(person=person)
            s.add(advisor)
        else:
            advisor = live_row(uow, m.Advisor, data.id, "指定されたアドバイザーは見つかりません（削除された可能性があります）。")
            person = advisor.person
        person.name, person.kana, person.title = data.name, data.kana, data.title
        person.phone, person.email = data.phone, data.email
        person.name_key, person.kana_key = name_key(data.name), kana_key(data.kana)
        s.flush()
        advisor.person_id = person.id
        advisor.category = data.category
        advisor.affiliation = data.affiliation
        advisor.activity_text = data.activity_text
        advisor.publish_phone = data.publish_phone
        advisor.publish_email = data.publish_email
        advisor.active_from_fy = data.active_from_fy
        advisor.active_to_fy = data.active_to_fy
        advisor.notes = data.notes
        s.flush()
        _save_fields(s, advisor.id, data.field_ids)
        _save_assignments(s, advisor.id, data.assignments, fy)
        aid = advisor.id
        uow.commit()
        return aid


def _save_fields(s: Any, advisor_id: str, wanted: tuple[str, ...]) -> None:
    af = m.AdvisorField
    rows = s.execute(select(af.id, af.field_id).where(af.advisor_id == advisor_id, af.deleted.is_(False))).all()
    have: dict[str, list[str]] = defaultdict(list)
    for link_id, fid in rows:
        have[fid].append(link_id)
    gone = [link for fid, links in have.items() if fid not in wanted for link in links]
    if gone:
        s.execute(update(af).where(af.id.in_(gone)).values(deleted=True))
    for fid in wanted:
        if fid not in have:
            s.add(m.AdvisorField(advisor_id=advisor_id, field_id=fid))


def _save_assignments(s: Any, advisor_id: str, wanted: tuple[AssignmentData, ...], fy: int) -> None:
    asg = m.AdvisorAssignment
    current = s.scalars(select(asg).where(asg.advisor_id == advisor_id, asg.deleted.is_(False), active_in(asg, fy))).all()
    by_muni: dict[str, list[m.AdvisorAssignment]] = defaultdict(list)
    for row in current:
        by_muni[row.municipality_id].append(row)
    want = {a.municipality_id: a for a in wanted}
    for mid, rows in by_muni.items():
        if mid in want:
            for row in rows:
                if (row.role or "") != want[mid].role:
                    row.role = want[mid].role
            continue
        for row in rows:  # no longer in charge
            if row.from_fy is not None and row.from_fy >= fy:
                row.deleted = True  # began this 年度: nothing worth keeping
            else:
                row.to_fy = fy - 1  # history: in charge until last 年度
    for mid, a in want.items():
        if mid not in by_muni:
            s.add(asg(advisor_id=advisor_id, municipality_id=mid, role=a.role, from_fy=fy, to_fy=None))


def delete(uow: UnitOfWork, advisor_id: str) -> None:
    """Soft delete of the advisor profile; the person (visits, trainings) stays."""
    soft_delete(uow, m.Advisor, advisor_id, "指定されたアドバイザーは見つかりません。", again_is_missing=False)


# --- fields of activity (the controlled list the user can extend) ----------------------------------


@dataclass(frozen=True)
class ActivityFieldInfo:
    id: str
    name: str
    sort_order: int
    advisors: int  # active advisors filed under it (any 年度)


def field_key(name: str) -> str:
    """Field names compare without width, spaces or 異体字: 「協議体の 立ち上げ」 = 「協議体の立ち上げ」."""
    return name_key(name)


def list_fields(uow: UnitOfWork) -> list[ActivityFieldInfo]:
    f, af, a = m.ActivityField, m.AdvisorField, m.Advisor
    n = (
        select(func.count(func.distinct(af.advisor_id)))
        .join(a, a.id == af.advisor_id)
        .where(af.field_id == f.id, af.deleted.is_(False), a.deleted.is_(False))
        .scalar_subquery()
    )
    with uow:
        rows = uow.session.execute(
            select(f.id, f.name, f.sort_order, n).where(f.deleted.is_(False)).order_by(f.sort_order, f.name)
        ).all()
    return [ActivityFieldInfo(r[0], r[1], r[2], int(r[3] or 0)) for r in rows]


def _check_field_name(s: Any, name: str, own_id: str | None) -> str:
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": "分野名を入力してください。"})
    if len(name) > 60:
        raise ValidationError({"name": "分野名は60文字以内にしてください。"})
    f = m.ActivityField
    for fid, other in s.execute(select(f.id, f.name).where(f.deleted.is_(False))):
        if fid != own_id and field_key(other) == field_key(name):
            raise ValidationError({"name": f"分野「{other}」はすでにあります。"})
    return name


def add_field(uow: UnitOfWork, name: str) -> str:
    """Add a field of activity at the end of the list; returns its id."""
    with uow:
        s = uow.session
        name = _check_field_name(s, name, None)
        last = s.scalar(select(func.max(m.ActivityField.sort_order)).where(m.ActivityField.deleted.is_(False)))
        row = m.ActivityField(name=name, sort_order=(last if last is not None else -1) + 1)
        s.add(row)
        s.flush()
        fid = row.id
        uow.commit()
        return fid


def rename_field(uow: UnitOfWork, field_id: str, name: str) -> None:
    with uow:
        live_row(uow, m.ActivityField, field_id, _FIELD_MISSING).name = _check_field_name(uow.session, name, field_id)
        uow.commit()


def delete_field(uow: UnitOfWork, field_id: str) -> int:
    """Remove a field from the list (advisors filed under it lose it); returns how many did."""
    with uow:
        live_row(uow, m.ActivityField, field_id, _FIELD_MISSING).deleted = True
        af = m.AdvisorField
        done = cast(CursorResult[Any], uow.session.execute(
            update(af).where(af.field_id == field_id, af.deleted.is_(False)).values(deleted=True)))
        uow.commit()
        return int(done.rowcount or 0)


# --- choosing municipalities in the form -----------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityChoice:
    id: str
    code: str
    name: str
    kana: str


def municipality_choices(uow: UnitOfWork) -> list[MunicipalityChoice]:
    """Every municipality an advisor can be in charge of (wards included, after their city), by code."""
    from sqlalchemy.orm import aliased

    mun = aliased(m.Municipality, name="mun")
    parent = aliased(m.Municipality, name="parent")
    with uow:
        rows = uow.session.execute(
            select(mun.id, mun.code, mun.name, mun.kana, parent.name)
            .outerjoin(parent, parent.id == mun.parent_id)
            .where(mun.deleted.is_(False))
            .order_by(mun.code)
        ).all()
    return [MunicipalityChoice(r[0], r[1], f"{r[4] or ''}{r[2]}", r[3]) for r in rows]


# --- the advisor × municipality matrix ------------------------------------------------------------


@dataclass(frozen=True)
class MatrixMunicipality:
    id: str
    code: str
    name: str
    kana: str
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatrixAdvisor:
    id: str
    name: str
    kana: str
    affiliation: str


@dataclass(frozen=True)
class AssignmentMatrix:
    """Who supports whom in one 年度: ``cells[(municipality_id, advisor_id)]`` is the role."""

    fiscal_year: int
    municipalities: tuple[MatrixMunicipality, ...]
    advisors: tuple[MatrixAdvisor, ...]  # those in charge of at least one listed municipality
    cells: dict[tuple[str, str], str] = field(default_factory=dict)

    def advisors_of(self, municipality_id: str) -> list[tuple[MatrixAdvisor, str]]:
        """(advisor, role) in charge of a municipality, 主担当 first."""
        out = [(a, self.cells[(municipality_id, a.id)]) for a in self.advisors if (municipality_id, a.id) in self.cells]
        return sorted(out, key=lambda ar: (_ROLE_ORDER.get(ar[1], 3), kana_key(ar[0].kana) or ar[0].name))

    def municipalities_of(self, advisor_id: str) -> list[tuple[MatrixMunicipality, str]]:
        return [(mu, self.cells[(mu.id, advisor_id)]) for mu in self.municipalities if (mu.id, advisor_id) in self.cells]

    @property
    def uncovered(self) -> tuple[MatrixMunicipality, ...]:
        """Municipalities with nobody in charge."""
        covered = {mid for mid, _ in self.cells}
        return tuple(mu for mu in self.municipalities if mu.id not in covered)

    @property
    def without_main(self) -> tuple[MatrixMunicipality, ...]:
        """Municipalities with someone in charge but no 主担当."""
        mains = {mid for (mid, _), role in self.cells.items() if role == MAIN}
        covered = {mid for mid, _ in self.cells}
        return tuple(mu for mu in self.municipalities if mu.id in covered and mu.id not in mains)


def assignment_matrix(
    uow: UnitOfWork,
    *,
    fiscal_year: int | None = None,
    region_id: str | None = None,
    today: dt.date | None = None,
) -> AssignmentMatrix:
    """The municipalities (insurers: a ward counts with its city), the advisors in charge of them
    in ``fiscal_year`` (default: this 年度) and who has which role. ``region_id`` limits it to one
    圏域・ブロック."""
    fy = fiscal_year if fiscal_year is not None else current_fiscal_year(today)
    mun, asg, a, p = m.Municipality, m.AdvisorAssignment, m.Advisor, m.Person
    rm, rg, rk = m.RegionMembership, m.Region, m.RegionKind
    with uow:
        s = uow.session
        stmt = select(mun.id, mun.code, mun.name, mun.kana).where(
            mun.deleted.is_(False), mun.kind.in_(sorted(vocab.INSURER_KINDS))
        )
        if region_id is not None:
            stmt = stmt.where(
                mun.id.in_(select(rm.municipality_id).where(rm.region_id == region_id, rm.deleted.is_(False)))
            )
        munis = s.execute(stmt.order_by(mun.code)).all()
        ids = [r[0] for r in munis]
        regions: dict[str, list[str]] = defaultdict(list)
        for mid, rname in s.execute(
            select(rm.municipality_id, rg.name)
            .join(rg, rg.id == rm.region_id)
            .join(rk, rk.id == rg.kind_id)
            .where(rm.deleted.is_(False), rg.deleted.is_(False), rk.deleted.is_(False))
            .order_by(rk.sort_order, rg.sort_order)
        ):
            regions[mid].append(rname)
        # Wards are in charge through their city: an advisor assigned to 松本市 or to a ward of
        # a designated city shows in the city's row.
        ward = m.Municipality.__table__.alias("ward")
        target = func.coalesce(
            select(ward.c.parent_id).where(ward.c.id == asg.municipality_id).scalar_subquery(), asg.municipality_id
        )
        rows = s.execute(
            select(target, asg.advisor_id, asg.role, p.name, p.kana, a.affiliation)
            .join(a, a.id == asg.advisor_id)
            .join(p, p.id == a.person_id)
            .where(asg.deleted.is_(False), a.deleted.is_(False), p.deleted.is_(False), active_in(asg, fy))
        ).all()
    wanted = set(ids)
    cells: dict[tuple[str, str], str] = {}
    advisors: dict[str, MatrixAdvisor] = {}
    for mid, aid, role, name, kana, aff in rows:
        if mid not in wanted:
            continue
        key = (mid, aid)
        role = role or ""
        if key not in cells or _ROLE_ORDER.get(role, 3) < _ROLE_ORDER.get(cells[key], 3):
            cells[key] = role
        advisors.setdefault(aid, MatrixAdvisor(aid, name, kana, aff))
    ordered = sorted(advisors.values(), key=lambda x: (kana_key(x.kana) or "\uffff", name_key(x.name)))
    return AssignmentMatrix(
        fy,
        tuple(MatrixMunicipality(r[0], r[1], r[2], r[3], tuple(regions.get(r[0], ()))) for r in munis),
        tuple(ordered),
        cells,
    )
