"""What each kind of sheet means: its columns, how a row becomes a record, how records are matched
and written. The engine (services/imports/engine.py) does everything else — reading, the header,
blank and note rows, parsing every cell, problems, the preview, the transaction.

A new kind of sheet (訪問記録, 進捗状況, 申込者 …) is a subclass with
- ``spec``: the ``SheetSpec`` (headers and synonyms, shared with the export),
- ``rules``: a ``Rule`` per column key — which parser reads it, its length limit, whether the
  row needs it — parsers named here are in ``PARSERS``, or a method of the kind for the ones that
  need the database (``parse_municipality`` …),
- ``match(row)``: create, update (which record) or ask the user (ambiguous),
- ``snapshot`` / ``diff``: what an update changes (nothing → skipped), and
- ``write``: the bulk INSERT/UPDATE statements, inside the engine's one transaction.

Empty cells never erase stored data: a blank cell (or a missing column) leaves the field as it
is; the preview lists the fields an update changes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import itemgetter
from typing import Any, Callable, ClassVar, Iterable, Iterator, Mapping, Sequence

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.bulk_insert import bulk_inserting, rows_inserter
from sasaeai_desktop.domain.codes import CodeError, municipality_uuid, normalize_code
from sasaeai_desktop.domain.date_range import PLAN, RECORD
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.ids import new_id, new_ids
from sasaeai_desktop.domain.names import kana_key, name_key
from sasaeai_desktop.domain.vocab_aliases import ACTIVITY_FIELD
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.io.excel.sheets import ADVISORS_READ, MUNICIPALITIES, PEOPLE
from sasaeai_desktop.io.excel.spec import SheetSpec
from sasaeai_desktop.services.advisors.roster import role_rank, split_role
from sasaeai_desktop.services.imports.values import COLUMN_VOCABULARIES, UnknownValue, ValueAnswers, controlled_parser
from sasaeai_desktop.services.imports.contact_consent import CONTACT_KEY, contact_consent_note, fold_contact_consent
from sasaeai_desktop.services.municipality_names import MunicipalityResolver, place_key
from sasaeai_desktop.services.imports.possible_matches import VariantIndex
from sasaeai_desktop.services.setup import META_PREFECTURE

__all__ = [
    "ASK",
    "CREATE",
    "ERROR",
    "KINDS",
    "PARSERS",
    "SKIP",
    "UPDATE",
    "Candidate",
    "ImportKind",
    "PlannedRow",
    "Problem",
    "Rule",
]

CREATE, UPDATE, SKIP, ASK, ERROR = "create", "update", "skip", "ask", "error"
ACTION_LABELS = {CREATE: "新規", UPDATE: "更新", SKIP: "変更なし", ASK: "要確認", ERROR: "問題あり"}
CHUNK = 2000  # rows written between abort checks (and progress reports)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, where it is: ``str()`` gives '名簿!12:電話 — 電話番号「…」の形式が…'."""

    sheet: str
    row: int | None  # 1-based row of the sheet; None for the file or the header as a whole
    column: str  # the column's header as written ('' when none)
    message: str
    col: int | None = None  # 0-based column, to mark the cell in an --errors-out copy

    def __str__(self) -> str:
        if self.row is None:
            where = f"{self.sheet}:{self.column}" if self.column else self.sheet
            return f"{where} — {self.message}"
        return f"{self.sheet}!{self.row}:{self.column} — {self.message}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An existing record a row may be: shown to the user to decide."""

    id: str
    label: str  # '佐藤 一郎（さとういちろう・松本市）'
    snapshot: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(slots=True)
class PlannedRow:
    row: int  # 1-based sheet row
    action: str  # CREATE / UPDATE / SKIP / ASK / ERROR
    label: str  # what the row is about ('佐藤 一郎', '松本市')
    values: dict[str, Any]  # parsed values by column key (blank cells absent)
    target_id: str | None = None
    changes: tuple[str, ...] = ()  # headers of the fields an update changes
    problems: list[Problem] = field(default_factory=list)
    candidates: tuple[Candidate, ...] = ()
    note: str = ""  # why skipped, what was decided …
    extra: dict[str, Any] = field(default_factory=dict)  # kind-specific (e.g. the person of an advisor)


@dataclass(frozen=True)
class Rule:
    """How one column is read. ``parse``: a name in ``PARSERS`` or a method name of the kind."""

    parse: str = "text"
    max_len: int | None = None
    required: bool = False  # the row needs a value (the column must exist too)


def _non_negative_int(value: Any) -> int:
    n = V.int_value(value)
    if n < 0:
        raise V.ValueProblem(f"{n} は0以上の数ではありません")
    return n


def _aging_rate(value: Any) -> float:
    rate = V.percent(value)
    if not 0 <= rate <= 100:
        raise V.ValueProblem(f"高齢化率 {rate:g} は0〜100（%）の範囲外です")
    return rate


_UUID_CHARS = frozenset("0123456789abcdef-")


def _record_id(value: Any) -> str:
    s = V.text(value).lower()
    if len(s) != 36 or not _UUID_CHARS.issuperset(s):
        raise V.ValueProblem(f"ID「{V.text(value)[:40]}」の形式が正しくありません（出力したファイルのID列は変更しないでください）")
    return s


def _code(value: Any) -> str:
    text = V.number_text(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else V.text(value)
    try:
        return normalize_code(text)
    except CodeError as exc:
        raise V.ValueProblem(str(exc)) from None


# Parsers by name; (value, max_len) → clean value or ValueProblem.
PARSERS: dict[str, Callable[..., Any]] = {
    "text": V.text,
    "multiline": V.multiline,
    # Names, 所属, 職名 and free text are stored as written (no NFKC); matching folds them (name_key).
    "written": V.written,
    "written_multiline": V.written_multiline,
    "kana": V.kana,
    "int": lambda v, n=None: V.int_value(v),
    "count": lambda v, n=None: _non_negative_int(v),
    "float": lambda v, n=None: V.float_value(v),
    "percent": lambda v, n=None: V.percent(v),
    "aging_rate": lambda v, n=None: _aging_rate(v),
    "date": lambda v, n=None: V.date_value(v),
    # What happened (訪問日, 受付日 …) and what is planned (次回訪問予定): domain/date_range.py.
    "record_date": lambda v, n=None: V.date_value(v, RECORD),
    "plan_date": lambda v, n=None: V.date_value(v, PLAN),
    "year_month": lambda v, n=None: V.year_month(v),
    "fiscal_year": lambda v, n=None: V.fiscal_year(v),
    "yes_no": lambda v, n=None: V.yes_no(v),
    "phone": V.phone,  # one argument already: no wrapper call per cell
    "email": V.email,  # one argument already: no wrapper call per cell
    "code": lambda v, n=None: _code(v),
    "record_id": lambda v, n=None: _record_id(v),
}
# Controlled values (役割, 区分, 種別 …) are read by ImportKind.parser through the plan's answers
# (services/imports/values.COLUMN_VOCABULARIES): official wordings, then 「この値は？」.


def _sql_literal(value: Any) -> str:
    """An SQLite literal for a value as the driver would bind it (None, int, float, str)."""
    if value is None:
        return "NULL"
    if isinstance(value, (bool, int)):
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class ImportKind:
    """Base of the kinds: the engine calls ``parser``, ``match``, ``finish`` and ``write``."""

    kind: ClassVar[str]
    title: ClassVar[str]  # '関係者'
    spec: ClassVar[SheetSpec]
    rules: ClassVar[dict[str, Rule]]
    # At least one column of each group must be in the header: (("name",),) or (("code", "name"),).
    required_columns: ClassVar[tuple[tuple[str, ...], ...]]
    tables: ClassVar[tuple[type, ...]]  # whose change since the preview makes apply refuse
    # True where naming a row (the required columns, ID) brings nothing: the kind only updates
    # rows that exist (municipalities). A sheet that has only those of our columns, next to
    # columns of its own, is then another list, refused (imports._another_kind_of_list). Where a
    # name alone makes a row (people, registrations), a bare list of names is a list of the kind.
    needs_value_columns: ClassVar[bool] = False

    def __init__(self, session: Session, columns: set[str]) -> None:
        self.session = session
        self.columns = columns  # the keys the sheet has a column for
        self.now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        self.warnings: list[Problem] = []  # what the user should know; does not stop the import
        # The plan's answers to 「この値は？」 (the engine sets them before ``parser`` is asked).
        self.values = ValueAnswers()

    # -- reading -----------------------------------------------------------------------------

    def parser(self, key: str) -> Callable[[Any], Any]:
        rule = self.rules.get(key, Rule())
        method = getattr(self, "parse_" + rule.parse, None)
        if method is not None:
            return method
        if rule.parse in COLUMN_VOCABULARIES:
            return controlled_parser(self.values, key, rule.parse, rule.required)
        fn = PARSERS[rule.parse]
        if rule.parse in self._TEXT_PARSERS and rule.max_len:
            # A positional call: partial(fn, max_len=…) builds a keyword dict for every cell.
            def parse_with_limit(value: Any, _fn: Callable[..., Any] = fn, _limit: int = rule.max_len) -> Any:
                return _fn(value, _limit)

            return parse_with_limit
        return fn

    def header(self, key: str) -> str:
        return self.spec.column(key).header

    def value_choices(self, key: str) -> tuple[str, ...]:
        """The values a controlled column may take (a kind reading them from the database overrides)."""
        return COLUMN_VOCABULARIES[self.rules[key].parse].choices

    # The engine sets where each key's column is, so problems name the header as written.
    sheet: str = ""
    where: dict[str, tuple[str, int]] = {}

    def problem(self, r: PlannedRow, key: str | None, message: str) -> None:
        label, col = self.where.get(key, (self.header(key), None)) if key else ("", None)
        r.problems.append(Problem(self.sheet, r.row, label, message, col))

    def warn(self, r: PlannedRow, key: str | None, message: str) -> None:
        """A warning (a follow-up due before the visit …): in the row's note and the plan's notes."""
        label, col = self.where.get(key, (self.header(key), None)) if key else ("", None)
        self.warnings.append(Problem(self.sheet, r.row, label, message, col))
        r.note = "、".join(x for x in (r.note, message) if x)

    # -- planning ----------------------------------------------------------------------------

    def label(self, values: dict[str, Any]) -> str:
        return str(values.get("name", ""))

    def match(self, planned: PlannedRow) -> None:  # pragma: no cover - abstract
        """Set ``planned.action`` (CREATE / UPDATE with target_id / ASK with candidates) or add
        problems (the engine turns a row with problems into ERROR)."""
        raise NotImplementedError

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:  # pragma: no cover
        """The stored values of records ``ids``, by the sheet's column keys."""
        raise NotImplementedError

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        """The keys whose given value differs from the stored one (blank cells are absent)."""
        return tuple(k for k, v in values.items() if k in stored and not self.same(k, v, stored[k]))

    _TEXT_PARSERS = frozenset(("text", "multiline", "kana", "written", "written_multiline"))

    def same(self, key: str, new: Any, old: Any) -> bool:
        """Whether a parsed value equals the stored one. Stored text is read the way a cell is
        (NFKC, spaces, kana) before comparing, so '旧姓：大野' stored from elsewhere and '旧姓:大野'
        from the sheet are the same: an unchanged row is skipped, not rewritten."""
        if new == old:
            return True
        if key in ("name", "kana") and isinstance(old, str) and isinstance(new, str):
            # The same person written 高橋/髙橋 or カナ/かな: the stored spelling stays.
            fold = name_key if key == "name" else kana_key
            return fold(new) == fold(old) and bool(fold(new))
        rule = self.rules.get(key)
        if rule is not None and rule.parse in self._TEXT_PARSERS and isinstance(old, str):
            try:
                return PARSERS[rule.parse](old) == new
            except V.ValueProblem:
                return False
        return False

    def finish(self, rows: list[PlannedRow]) -> None:
        """After every row is matched: compare updates with the stored records (SKIP when equal)."""
        first_row: dict[str, int] = {}
        for r in rows:  # two rows of the file onto one record: the second is a problem
            if r.action == UPDATE and r.target_id:
                if r.target_id in first_row:
                    self.problem(r, "name" if "name" in self.rules else None,
                                 f"{first_row[r.target_id]}行目と同じ記録を更新しようとしています。1行にまとめてください")
                    r.action = ERROR
                else:
                    first_row[r.target_id] = r.row
        targets = [r for r in rows if r.action == UPDATE and r.target_id]
        for chunk in _chunks(targets, 500):
            stored = self.snapshot([r.target_id for r in chunk])  # type: ignore[misc]
            for r in chunk:
                before = stored.get(r.target_id)  # type: ignore[arg-type]
                if before is None:
                    self.problem(r, None, "更新する記録が見つかりません（削除された可能性があります）")
                    continue
                self.set_changes(r, before)

    def release(self) -> None:
        """Drop what only matching needed (indexes of existing records, rows seen): the plan keeps
        this object for ``decide`` and ``write``, and a large database should not stay in memory."""
        for name in ("seen", "seen_ids", "index", "ids"):
            if isinstance(getattr(self, name, None), dict):
                setattr(self, name, {})
        self.__dict__.pop("_variants", None)  # the 「同じ人かも」 index holds the old one

    def set_changes(self, r: PlannedRow, before: dict[str, Any]) -> None:
        changed = self.diff(r.values, before)
        r.changes = tuple(self.header(k) for k in changed)
        r.extra["changed"] = changed
        if not changed:
            r.action = SKIP
            r.note = "変更なし"

    def decide(self, r: PlannedRow, choice: str | None) -> None:
        """The user's answer for an ASK row: a candidate's id (update it) or None (create)."""
        if choice is None:
            r.action, r.target_id, r.changes = CREATE, None, ()
            r.note = "新規として登録（確認済み）"
            return
        cand = next((c for c in r.candidates if c.id == choice), None)
        if cand is None:
            raise ValueError(f"{choice!r} is not a candidate of row {r.row}")
        r.action, r.target_id = UPDATE, cand.id
        self.set_changes(r, cand.snapshot)
        r.note = "既存の記録を更新（確認済み）" if r.action == UPDATE else "既存の記録と同じ（確認済み）"

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:  # pragma: no cover
        """Write CREATE and UPDATE rows; call ``check(n)`` after each chunk (abort, progress).
        Returns (created, updated)."""
        raise NotImplementedError

    # -- helpers -----------------------------------------------------------------------------

    # Bulk writes: on the model's table, in chunks, inside the engine's one transaction. Not the
    # ORM's insert(Model): the rows are complete already (ids, timestamps, keys), and the ORM's
    # per-row bookkeeping was ~20% of a 50,000-row import. On SQLite, multi-row INSERTs on the
    # driver (``db.bulk_insert.rows_inserter``) with values converted by the column types' own
    # bind processors (datetimes as SQLAlchemy stores them): Core's insert() re-processes every
    # parameter of every row, a third more time for the same rows.
    def _bulk_insert(self, model: Any, rows: Iterable[dict[str, Any]], check: Callable[[int], None],
                     *, expected: int = 0) -> None:
        """INSERT ``rows`` (complete dicts, all with the same keys) into ``model``'s table.

        ``rows`` may be a generator: it is consumed a chunk at a time, so a 50,000-row import
        never holds 50,000 parameter dicts at once. ``expected``: how many rows are coming, when
        known (a large batch is inserted the bulk way, see ``db.bulk_insert``)."""
        it = iter(rows)
        first = next(it, None)
        if first is None:
            return
        cols = list(first)
        table = model.__table__
        processors = [(i, proc, {}) for i, c in enumerate(cols) if (proc := self._processor(table, c)) is not None]
        getter = itemgetter(*cols)

        def stored() -> Iterator[tuple[Any, ...]]:
            for row in chain((first,), it):
                values = getter(row)
                if processors:
                    values = list(values)
                    for i, proc, cache in processors:
                        v = values[i]
                        try:
                            values[i] = cache[v]
                        except KeyError:
                            values[i] = cache[v] = proc(v)
                        except TypeError:  # unhashable: convert without the cache
                            values[i] = proc(v)
                    values = tuple(values)
                yield values

        self._bulk_insert_rows(model, cols, stored(), check, expected=expected)

    def _processor(self, table: Any, column: str) -> Callable[[Any], Any] | None:
        """The bind processor of ``column`` (None when values go to the driver as they are, and on
        a database other than SQLite, where Core converts)."""
        dialect = self.session.connection().dialect
        if dialect.paramstyle != "qmark":
            return None
        return table.c[column].type.dialect_impl(dialect).bind_processor(dialect)

    def _stored(self, model: Any, column: str, value: Any) -> Any:
        """``value`` as ``_bulk_insert_rows`` takes it (a constant converted once, not per row)."""
        proc = self._processor(model.__table__, column)
        return proc(value) if proc is not None else value

    def _bulk_insert_rows(self, model: Any, cols: Sequence[str], rows: Iterable[tuple[Any, ...]],
                          check: Callable[[int], None], *, expected: int = 0,
                          same: Mapping[str, Any] | None = None) -> None:
        """INSERT ``rows`` — tuples in the order of ``cols``, values converted with ``_stored`` —
        a chunk at a time; ``expected`` as in ``_bulk_insert``. ``same``: columns with one value
        for every row (timestamps, NULL links, ``deleted``), converted with ``_stored`` too; on
        SQLite they are written into the statement instead of bound again for each row (binding
        is most of the driver's time: 17 parameters a row took half again as long as 12)."""
        table = model.__table__
        conn = self.session.connection()
        it = iter(rows)
        same = dict(same or {})
        if conn.dialect.paramstyle != "qmark":  # not SQLite: the portable Core executemany
            while chunk := list(islice(it, CHUNK)):
                conn.execute(table.insert(), [{**same, **dict(zip(cols, r))} for r in chunk])
                check(len(chunk))
            return
        insert_into = 'INSERT INTO "{}" ({}) VALUES '.format(table.name, ", ".join(f'"{c}"' for c in (*cols, *same)))
        one_row = "({})".format(", ".join(["?"] * len(cols) + [_sql_literal(v) for v in same.values()]))
        db = conn.connection.dbapi_connection
        insert = rows_inserter(db, insert_into, one_row, len(cols))
        with bulk_inserting(db, table.name, expected):
            while chunk := list(islice(it, CHUNK)):
                insert(chunk)
                check(len(chunk))

    def _bulk_update(self, model: Any, rows: list[dict[str, Any]], check: Callable[[int], None]) -> None:
        """UPDATE … WHERE id = ? for each row (a dict with 'id' and the columns to set); rows
        carrying the same columns go in one executemany."""
        table = model.__table__
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            groups[tuple(sorted(k for k in row if k != "id"))].append(row)
        for keys, group in groups.items():
            stmt = update(table).where(table.c.id == bindparam("_id")).values({k: bindparam(k) for k in keys})
            for chunk in _chunks(group):
                self.session.execute(stmt, [{**{k: r[k] for k in keys}, "_id": r["id"]} for r in chunk])
                check(len(chunk))


# --- municipalities ----------------------------------------------------------------------------


class MunicipalityImport(ImportKind):
    kind = "municipalities"
    title = "市町村"
    spec = MUNICIPALITIES
    rules = {
        "code": Rule("code"),
        "name": Rule("text", 40),
        "kana": Rule("kana", 80),
        "kind": Rule("municipality_kind"),
        "county": Rule("text", 20),
        "population": Rule("count"),
        "aging_rate": Rule("aging_rate"),
        "daily_life_areas": Rule("count"),
        "address": Rule("text", 200),
        "phone": Rule("phone"),
        "notes": Rule("multiline"),
    }
    required_columns = (("code", "name"),)
    needs_value_columns = True
    tables = (m.Municipality,)
    _FIELDS = ("name", "kana", "kind", "county", "population", "aging_rate", "daily_life_areas", "address", "phone", "notes")

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        meta = session.get(m.LocalMeta, META_PREFECTURE)
        self.pref_code = meta.value if meta is not None else ""
        self.pref_id = session.scalar(select(m.Prefecture.id).where(m.Prefecture.code == self.pref_code))
        mun = m.Municipality
        rows = session.execute(select(mun.id, mun.code, mun.deleted)).all()
        self.by_code = {r[1]: r[0] for r in rows if not r[2]}
        self.deleted_ids = {r[0] for r in rows if r[2]}
        parents = session.execute(
            select(mun.id, mun.name).where(mun.designated_city.is_(True), mun.deleted.is_(False))
        ).all()
        self.cities = {r[1]: r[0] for r in parents}
        self.seen: dict[str, int] = {}

    def label(self, values: dict[str, Any]) -> str:
        return str(values.get("name") or values.get("code") or "")

    def match(self, r: PlannedRow) -> None:
        v = r.values
        code = v.get("code")
        if code is None:
            if "name" not in v:
                self.problem(r, "code", "コードか市町村名を入力してください")
                return
            try:
                target = self.resolver.resolve(v["name"])
            except V.ValueProblem as exc:
                self.problem(r, "name", f"{exc}（新しい市町村を登録するにはコードも入力してください）")
                return
            code = self.resolver.code_of(target)
            v["code"] = code
            r.extra["matched_by_name"] = True
        first = self.seen.get(code)
        if first is not None:
            self.problem(r, "code", f"コード {code} の市町村が{first}行目にもあります")
            return
        self.seen[code] = r.row
        if code in self.by_code:
            r.action, r.target_id = UPDATE, self.by_code[code]
            return
        if code[:2] != self.pref_code:
            self.problem(r, "code", f"コード {code} は{self.resolver.prefectures.get(code[:2], '他の都道府県')}の市町村です（このデータベースは{self.resolver.prefecture_name}用）")
            return
        if "name" not in v:
            self.problem(r, "name", "新しい市町村には市町村名が必要です")
            return
        if "kind" not in v:
            suffix = str(v["name"])[-1:]
            if suffix in ("市", "町", "村", "区"):
                v["kind"] = suffix
            else:
                self.problem(r, "kind", "新しい市町村には種別（市・町・村・区など）が必要です")
                return
        r.action = CREATE
        if str(municipality_uuid(code)) in self.deleted_ids:
            r.note = "削除済みの市町村を元に戻します"

    def _split_ward(self, name: str) -> tuple[str, str | None]:
        for city, city_id in self.cities.items():
            if name.startswith(city) and len(name) > len(city):
                return name[len(city):], city_id
        return name, None

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        mun = m.Municipality
        parent = m.Municipality.__table__.alias("parent")
        t = mun.__table__
        rows = self.session.execute(
            select(t.c.id, t.c.code, func.coalesce(parent.c.name, "") + t.c.name, *(t.c[k] for k in self._FIELDS[1:]))
            .select_from(t.outerjoin(parent, parent.c.id == t.c.parent_id))
            .where(t.c.id.in_(list(ids)))
        ).all()
        return {r[0]: dict(zip(("code", "name", *self._FIELDS[1:]), r[1:])) for r in rows}

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        out = []
        for k, v in values.items():
            if k not in stored or k == "code":
                continue
            old = stored[k]
            if k == "name" and place_key(str(v)) == place_key(str(old)):
                continue
            if k == "aging_rate" and old is not None and abs(float(old) - float(v)) < 1e-9:
                continue
            if not self.same(k, v, old):
                out.append(k)
        return tuple(out)

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        creates, revive, updates = [], [], []
        for r in rows:
            v = r.values
            if r.action == CREATE:
                name, parent_id = v["name"], None
                if v.get("kind") == "区":
                    name, parent_id = self._split_ward(name)
                rec = {k: v.get(k) for k in self._FIELDS}
                rec.update(name=name, parent_id=parent_id, code=v["code"])
                for k in ("kana", "county", "address", "phone", "notes"):
                    rec[k] = rec[k] or ""
                mid = str(municipality_uuid(v["code"]))
                if mid in self.deleted_ids:
                    revive.append({"id": mid, **rec, "deleted": False, "updated_at": self.now})
                else:
                    creates.append({"id": mid, "prefecture_id": self.pref_id, "designated_city": False,
                                    "created_at": self.now, "updated_at": self.now, "deleted": False, **rec})
            elif r.action == UPDATE:
                changed = r.extra.get("changed", ())
                rec = {"id": r.target_id, "updated_at": self.now}
                for k in changed:
                    rec[k] = v[k]
                if "name" in rec:
                    rec["name"], _ = self._split_ward(str(rec["name"]))
                updates.append(rec)
        self._bulk_insert(m.Municipality, creates, check)
        self._bulk_update(m.Municipality, revive + updates, check)
        return len(creates) + len(revive), len(updates)


# --- people ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Known:
    id: str
    kana_key: str
    municipality_id: str | None
    advisor_id: str | None = None


def _agrees(a: Any, b: Any) -> bool:
    return a == b or not a or not b


class _PersonMatching:
    """Finding people: same normalised name + kana + municipality → the same person."""

    session: Session
    resolver: MunicipalityResolver
    columns: set[str]

    def _load_people(self, *, advisors: bool) -> dict[str, list[_Known]]:
        p = m.Person
        stmt = select(p.id, p.name_key, p.kana_key, p.municipality_id).where(
            p.deleted.is_(False), p.merged_into_id.is_(None)
        )
        if advisors:
            a = m.Advisor
            stmt = stmt.add_columns(a.id).outerjoin(a, (a.person_id == p.id) & a.deleted.is_(False))
        index: dict[str, list[_Known]] = defaultdict(list)
        for row in self.session.execute(stmt):
            index[row[1]].append(_Known(row[0], row[2], row[3], row[4] if advisors else None))
        return index

    def _variant_matches(self, nk: str, kk: str, mid: str | None, *, same_municipality: bool) -> list[_Known]:
        """「同じ人かも」 (services/imports/possible_matches.py): asked, never matched silently."""
        variants = getattr(self, "_variants", None)
        if not isinstance(variants, VariantIndex):
            variants = self._variants = VariantIndex(self.index)  # type: ignore[attr-defined]
        return variants.matches(nk, kk, mid, same_municipality=same_municipality)

    def _load_ids(self, model: Any) -> dict[str, str]:
        """id → the id to update: itself, or the person it was merged into; deleted ones left out."""
        cols = [model.id, model.merged_into_id] if model is m.Person else [model.id, model.id]
        rows = self.session.execute(select(*cols).where(model.deleted.is_(False))).all()
        return {r[0]: r[1] or r[0] for r in rows}

    def _by_id(self, r: PlannedRow) -> bool:
        """Match on the sheet's ID column (an exported sheet): True when that settled the row."""
        rid = r.values.get("id")
        if rid is None:
            return False
        first = self.seen_ids.get(rid)  # type: ignore[attr-defined]
        if first is not None:
            self.problem(r, "id", f"同じIDの行が{first}行目にもあります。1行にまとめてください")  # type: ignore[attr-defined]
            return True
        self.seen_ids[rid] = r.row  # type: ignore[attr-defined]
        target = self.ids.get(rid)  # type: ignore[attr-defined]
        if target is None:
            r.note = "IDが登録されていないため、氏名で照合しました"
            return False
        r.action, r.target_id = UPDATE, target
        return True

    def _person_label(self, name: str, kana: str, municipality_id: str | None) -> str:
        extra = "・".join(x for x in (kana, self.resolver.display(municipality_id)) if x)
        return f"{name}（{extra}）" if extra else name


class PeopleImport(_PersonMatching, ImportKind):
    kind = "people"
    title = "関係者"
    spec = PEOPLE
    rules = {
        "name": Rule("written", 80, required=True),
        "kana": Rule("kana", 160),
        "role": Rule("role"),
        "municipality": Rule("municipality"),
        "affiliation": Rule("written", 200),
        "title": Rule("written", 80),
        "phone": Rule("phone"),
        "email": Rule("email"),
        "notes": Rule("written_multiline"),
        "id": Rule("record_id"),
    }
    required_columns = (("name",),)
    tables = (m.Person,)
    _STORED = {"municipality": "municipality_id"}

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        self.index = self._load_people(advisors=False)
        self.ids = self._load_ids(m.Person) if "id" in columns else {}
        self.seen_ids: dict[str, int] = {}
        self.seen: dict[tuple[str, str, str | None], int] = {}
        self.has_kana = "kana" in columns
        self.has_muni = "municipality" in columns

    def parse_municipality(self, value: Any) -> str:
        return self.resolver.resolve(value)

    def match(self, r: PlannedRow) -> None:
        v = r.values
        nk = name_key(v["name"])
        kk = kana_key(v.get("kana", ""))
        mid = v.get("municipality")
        r.extra["keys"] = (nk, kk)
        if "id" in v and self._by_id(r):
            return
        identity = (nk, kk if self.has_kana else "*", mid if self.has_muni else "*")
        first = self.seen.get(identity)
        if first is not None:
            self.problem(r, "name", f"同じ人が{first}行目にもあります（氏名・ふりがな・市町村が同じ）。1行にまとめてください")
            return
        self.seen[identity] = r.row
        known = self.index.get(nk)
        if not known:
            maybe = self._variant_matches(nk, kk, mid, same_municipality=self.has_muni)
            if maybe:
                self._ask(r, maybe, "同じ人かも: 字体だけが違う同じ読みの人が登録済みです（斉/齋 など）。"
                          "同じ人なら更新、別の人なら新規を選んでください")
                return
            r.action = CREATE
            return
        exact = [k for k in known if (not self.has_kana or k.kana_key == kk) and (not self.has_muni or k.municipality_id == mid)]
        if len(exact) == 1:
            r.action, r.target_id = UPDATE, exact[0].id
            return
        if len(exact) > 1:
            self._ask(r, exact, f"同じ氏名・ふりがな・市町村の人が{len(exact)}人登録されています。どの人を更新するか選んでください")
            return
        partial = [k for k in known if _agrees(k.kana_key, kk) and _agrees(k.municipality_id, mid)]
        if partial:
            self._ask(r, partial, "同じ氏名の人が登録済みです（ふりがなか市町村が片方だけ空欄）。同じ人なら更新、別の人なら新規を選んでください")
            return
        r.action = CREATE

    def _ask(self, r: PlannedRow, known: Sequence[_Known], message: str) -> None:
        r.action = ASK
        r.extra["ask"] = [k.id for k in known]
        self.problem(r, "name", message)
        r.extra["ask_problem"] = r.problems[-1]

    def finish(self, rows: list[PlannedRow]) -> None:
        super().finish(rows)
        asks = [r for r in rows if r.action == ASK]
        ids = sorted({i for r in asks for i in r.extra["ask"]})
        stored: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids, 500):
            stored.update(self.snapshot(chunk))
        for r in asks:
            r.candidates = tuple(
                Candidate(i, self._person_label(stored[i]["name"], stored[i]["kana"], stored[i]["municipality"]), stored[i])
                for i in r.extra["ask"] if i in stored
            )

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        p, org = m.Person, m.Organisation
        # 所属 as the list and the export show it: the organisation's name when linked.
        rows = self.session.execute(
            select(p.id, p.name, p.kana, p.role, p.municipality_id, func.coalesce(org.name, p.affiliation),
                   p.title, p.phone, p.email, p.notes)
            .outerjoin(org, org.id == p.organisation_id)
            .where(p.id.in_(list(ids)))
        ).all()
        keys = ("name", "kana", "role", "municipality", "affiliation", "title", "phone", "email", "notes")
        return {r[0]: dict(zip(keys, r[1:])) for r in rows}

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        return tuple(k for k, v in values.items() if k != "id" and not self.same(k, v, stored.get(k)))

    _NEW_PERSON = ("id", "name", "kana", "name_key", "kana_key", "role", "municipality_id",
                   "affiliation", "title", "phone", "email", "notes")

    def _new_person_constants(self) -> dict[str, Any]:
        """The columns every new person of one import shares, as ``_bulk_insert_rows`` takes them."""
        now = self._stored(m.Person, "created_at", self.now)
        return {"organisation_id": None, "merged_into_id": None, "created_at": now, "updated_at": now,
                "deleted": self._stored(m.Person, "deleted", False)}

    def _new_people(self, rows: list[PlannedRow]) -> Iterator[tuple[Any, ...]]:
        """The person rows to INSERT (in ``_NEW_PERSON`` order), made as the INSERT takes them."""
        ids = iter(new_ids(len(rows)))
        for r in rows:
            v = r.values
            get = v.get
            name = v["name"]
            kana = get("kana", "")
            keys = r.extra.get("keys") or (name_key(name), kana_key(kana))
            yield (next(ids), name, kana, keys[0], keys[1], get("role", ""), get("municipality"),
                   get("affiliation", ""), get("title", ""), get("phone", ""), get("email", ""), get("notes", ""))

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        updates: list[dict[str, Any]] = []
        for r in rows:
            if r.action == UPDATE:
                rec: dict[str, Any] = {"id": r.target_id, "updated_at": self.now}
                for k in r.extra.get("changed", ()):
                    rec[self._STORED.get(k, k)] = r.values[k]
                    if k == "name":
                        rec["name_key"] = name_key(r.values[k])
                    elif k == "kana":
                        rec["kana_key"] = kana_key(r.values[k])
                updates.append(rec)
        creates = [r for r in rows if r.action == CREATE]
        self._bulk_insert_rows(m.Person, self._NEW_PERSON, self._new_people(creates), check, expected=len(creates),
                               same=self._new_person_constants())
        self._bulk_update(m.Person, updates, check)
        return len(creates), len(updates)


# --- advisors ----------------------------------------------------------------------------------


class AdvisorImport(_PersonMatching, ImportKind):
    kind = "advisors"
    title = "アドバイザー"
    spec = ADVISORS_READ  # the exported columns and the one-column consent (連絡先掲載)
    rules = {
        "name": Rule("written", 80, required=True),
        "kana": Rule("kana", 160),
        "category": Rule("advisor_category"),
        "affiliation": Rule("written", 200),
        "title": Rule("written", 80),
        "activity": Rule("written_multiline"),
        "fields": Rule("activity_fields"),
        "phone": Rule("phone"),
        "phone_ok": Rule("yes_no"),
        "email": Rule("email"),
        "email_ok": Rule("yes_no"),
        "contact_ok": Rule("yes_no"),
        "municipalities": Rule("municipality_list"),
        "active_from_fy": Rule("fiscal_year"),
        "active_to_fy": Rule("fiscal_year"),
        "notes": Rule("written_multiline"),
        "id": Rule("record_id"),
    }
    required_columns = (("name",),)
    tables = (m.Person, m.Advisor, m.AdvisorField, m.AdvisorAssignment)
    _PERSON = ("name", "kana", "title", "phone", "email")
    _ADVISOR = {"category": "category", "affiliation": "affiliation", "activity": "activity_text",
                "phone_ok": "publish_phone", "email_ok": "publish_email", "active_from_fy": "active_from_fy",
                "active_to_fy": "active_to_fy", "notes": "notes"}

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        self.index = self._load_people(advisors=True)
        af = m.ActivityField
        self.field_names: dict[str, tuple[str, str]] = {}  # key → (id, name)
        for fid, fname in session.execute(select(af.id, af.name).where(af.deleted.is_(False)).order_by(af.sort_order)):
            self.field_names.setdefault(place_key(fname), (fid, fname))
        self.seen: dict[tuple[str, str], int] = {}
        self.ids = self._load_ids(m.Advisor) if "id" in columns else {}
        self.seen_ids: dict[str, int] = {}
        self.has_kana = "kana" in columns
        self.fiscal_year = fiscal_year_of(dt.date.today())

    # parsers needing the database
    def parse_municipality_list(self, value: Any) -> tuple[tuple[str, str], ...]:
        """'松本市（主担当）、塩尻市(副)、上田市' → ((id, '主担当'), (id, '副担当'), (id, '')): a role
        left out is not recorded in the file, and an update keeps the stored one (``set_changes``)."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return ((self.resolver.resolve(value), ""),)
        roles: dict[str, str] = {}
        bad: list[str] = []
        for item in V.split_list(value):
            name, role = split_role(item)
            try:
                mid = self.resolver.resolve(name)
            except V.ValueProblem as exc:
                bad.append(str(exc))
                continue
            roles.setdefault(mid, role)
        if bad:
            raise V.ValueProblem(" / ".join(bad))
        return tuple(roles.items())

    def value_choices(self, key: str) -> tuple[str, ...]:
        if key == "fields":  # the fields of this database (renamed or added ones too)
            return tuple(name for _, name in self.field_names.values())
        return super().value_choices(key)

    def parse_activity_fields(self, value: Any) -> tuple[str, ...]:
        ids: list[str] = []
        unknown: list[str] = []
        names = self.value_choices("fields")
        for item in V.split_list(value):
            hit = self.field_names.get(place_key(item))
            if hit is None:  # another wording of a field (協議体立ち上げ), or an answer to 「この値は？」
                name = self.values.lookup("fields", ACTIVITY_FIELD, item, choices=names)
                if name == "":
                    continue
                hit = self.field_names.get(place_key(name)) if name else None
            if hit is None:
                unknown.append(item)
            elif hit[0] not in ids:
                ids.append(hit[0])
        if unknown:
            raise UnknownValue(ACTIVITY_FIELD, unknown, names)
        return tuple(ids)

    def _fields_in_text(self, text: str) -> tuple[str, ...]:
        """The controlled fields the text names, in the order it names them: '協議体の立ち上げ、
        居場所づくりの支援。' → 協議体の立ち上げ, 居場所づくり (a name inside an item counts)."""
        key = place_key(text)
        found = sorted((key.find(k), fid) for k, (fid, _) in self.field_names.items() if k and k in key)
        return tuple(dict.fromkeys(fid for _, fid in found))

    def match(self, r: PlannedRow) -> None:
        v = r.values
        fold_contact_consent(v)
        if "fields" not in self.columns and v.get("activity"):
            # Only 日頃の活動分野: file it under the controlled fields its items name; the text stays as written.
            found = self._fields_in_text(v["activity"])
            if found:
                r.extra["fields_from_text"] = found
        nk, kk = name_key(v["name"]), kana_key(v.get("kana", ""))
        if self._by_id(r):
            return
        identity = (nk, kk if self.has_kana else "*")
        first = self.seen.get(identity)
        if first is not None:
            self.problem(r, "name", f"同じアドバイザーが{first}行目にもあります（氏名・ふりがなが同じ）。1行にまとめてください")
            return
        self.seen[identity] = r.row
        known = self.index.get(nk, ())
        advisors = [k for k in known if k.advisor_id]
        exact = [k for k in advisors if not self.has_kana or k.kana_key == kk]
        if len(exact) == 1:
            r.action, r.target_id = UPDATE, exact[0].advisor_id
            return
        if len(exact) > 1:
            self._ask(r, exact, f"同じ氏名・ふりがなのアドバイザーが{len(exact)}人登録されています。どの人を更新するか選んでください")
            return
        partial = [k for k in known if _agrees(k.kana_key, kk)]
        if partial:
            self._ask(r, partial, "同じ氏名の人が登録済みです。同じ人ならその人をアドバイザーとして更新、別の人なら新規を選んでください")
            return
        maybe = self._variant_matches(nk, kk, None, same_municipality=False) if not known else []
        if maybe:
            self._ask(r, maybe, "同じ人かも: 字体だけが違う同じ読みの人が登録済みです（斉/齋 など）。"
                      "同じ人ならその人をアドバイザーとして更新、別の人なら新規を選んでください")
            return
        r.action = CREATE

    def _ask(self, r: PlannedRow, known: Sequence[_Known], message: str) -> None:
        r.action = ASK
        r.extra["ask"] = [(k.advisor_id, k.id) for k in known]
        self.problem(r, "name", message)
        r.extra["ask_problem"] = r.problems[-1]

    def finish(self, rows: list[PlannedRow]) -> None:
        note = contact_consent_note(self.columns, self.where)
        if note:
            label, col = self.where.get(CONTACT_KEY, ("", None))
            self.warnings.append(Problem(self.sheet, None, label, note, col))
        super().finish(rows)
        asks = [r for r in rows if r.action == ASK]
        people = sorted({pid for r in asks for _, pid in r.extra["ask"]})
        stored: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(people, 500):
            stored.update(self._person_snapshot(chunk))
        adv_ids = sorted({aid for r in asks for aid, _ in r.extra["ask"] if aid})
        adv_stored: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(adv_ids, 500):
            adv_stored.update(self.snapshot(chunk))
        for r in asks:
            cands = []
            for aid, pid in r.extra["ask"]:
                s = adv_stored.get(aid) if aid else {**stored.get(pid, {}), "person_id": pid, "new_advisor": True}
                if not s:
                    continue
                label = self._person_label(s["name"], s["kana"], s.get("municipality"))
                cands.append(Candidate(aid or f"person:{pid}", label + ("" if aid else "・アドバイザー未登録"), s))
            r.candidates = tuple(cands)

    def decide(self, r: PlannedRow, choice: str | None) -> None:
        super().decide(r, choice)
        if r.action in (UPDATE, SKIP) and r.target_id and r.target_id.startswith("person:"):
            # An existing person, not yet an advisor: the advisor is created for them.
            r.action = CREATE
            r.extra["person_id"] = r.target_id[len("person:"):]
            r.extra["person_changed"] = r.extra.get("changed", ())
            r.target_id = None
            r.note = "登録済みの人をアドバイザーとして登録（確認済み）"

    def _person_snapshot(self, person_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        p = m.Person
        rows = self.session.execute(
            select(p.id, p.name, p.kana, p.title, p.phone, p.email, p.municipality_id).where(p.id.in_(list(person_ids)))
        ).all()
        return {r[0]: dict(zip(("name", "kana", "title", "phone", "email", "municipality"), r[1:])) for r in rows}

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        a, p = m.Advisor, m.Person
        rows = self.session.execute(
            select(a.id, a.person_id, p.name, p.kana, p.title, p.phone, p.email, p.municipality_id, a.category,
                   a.affiliation, a.activity_text, a.publish_phone, a.publish_email, a.active_from_fy,
                   a.active_to_fy, a.notes)
            .join(p, p.id == a.person_id)
            .where(a.id.in_(list(ids)))
        ).all()
        out: dict[str, dict[str, Any]] = {}
        for r in rows:
            out[r[0]] = dict(zip(
                ("person_id", "name", "kana", "title", "phone", "email", "municipality", "category", "affiliation",
                 "activity", "phone_ok", "email_ok", "active_from_fy", "active_to_fy", "notes"), r[1:]))
            out[r[0]]["fields"] = ()
            out[r[0]]["municipalities"] = ()
        if out:
            af = m.AdvisorField
            for aid, fid in self.session.execute(
                select(af.advisor_id, af.field_id).where(af.advisor_id.in_(list(out)), af.deleted.is_(False))
            ):
                out[aid]["fields"] += (fid,)
            asg = m.AdvisorAssignment
            roles: dict[str, dict[str, str]] = defaultdict(dict)
            for aid, mid, role in self.session.execute(
                select(asg.advisor_id, asg.municipality_id, asg.role).where(
                    asg.advisor_id.in_(list(out)), asg.deleted.is_(False),
                    (asg.to_fy.is_(None)) | (asg.to_fy >= self.fiscal_year),
                ).order_by(asg.advisor_id, asg.id)
            ):
                held = roles[aid]
                if mid not in held or role_rank(role) < role_rank(held[mid]):
                    held[mid] = role or ""
            for aid, held in roles.items():
                out[aid]["municipalities"] = tuple(held.items())
        return out

    def set_changes(self, r: PlannedRow, before: dict[str, Any]) -> None:
        if r.extra.get("fields_from_text"):
            merged = tuple(dict.fromkeys((*before.get("fields", ()), *r.extra["fields_from_text"])))
            r.values["fields"] = merged
        if "municipalities" in r.values:
            # A municipality named without a role keeps the role the office recorded.
            stored = dict(before.get("municipalities", ()))
            r.values["municipalities"] = tuple(
                (mid, role or stored.get(mid, "")) for mid, role in r.values["municipalities"])
        super().set_changes(r, before)

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        out = []
        for k, v in values.items():
            old = stored.get(k)
            if k in ("fields", "municipalities"):
                if set(old or ()) != set(v):
                    out.append(k)
            elif k in ("phone_ok", "email_ok") and v is None:
                continue  # '-' / 未定: leaves the recorded consent as it is
            elif k != "id" and not self.same(k, v, old):
                out.append(k)
        return tuple(out)

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        now = self.now
        people, people_upd, advisors, advisor_upd = [], [], [], []
        links: list[dict[str, Any]] = []
        unlink: list[dict[str, Any]] = []
        assign: list[dict[str, Any]] = []
        end_assign: list[dict[str, Any]] = []
        new_roles: list[dict[str, Any]] = []
        base = {"created_at": now, "updated_at": now, "deleted": False}
        stored_fields: dict[str, tuple[str, ...]] = {}
        updates = [r for r in rows if r.action == UPDATE]
        for chunk in _chunks([r.target_id for r in updates], 500):
            stored_fields.update({k: v for k, v in self.snapshot(chunk).items()})  # type: ignore[arg-type]
        for r in rows:
            v = r.values
            if r.action == CREATE:
                pid = r.extra.get("person_id")
                if pid is None:
                    pid = new_id()
                    name, kana = v["name"], v.get("kana", "")
                    people.append({
                        "id": pid, "name": name, "kana": kana, "name_key": name_key(name), "kana_key": kana_key(kana),
                        "role": "アドバイザー", "municipality_id": None, "organisation_id": None,
                        "affiliation": v.get("affiliation", ""), "title": v.get("title", ""),
                        "phone": v.get("phone", ""), "email": v.get("email", ""), "notes": "", "merged_into_id": None,
                        **base,
                    })
                else:
                    rec = {"id": pid, "updated_at": now}
                    for k in r.extra.get("person_changed", ()):
                        if k in self._PERSON:
                            rec[k] = v[k]
                            if k == "name":
                                rec["name_key"] = name_key(v[k])
                            elif k == "kana":
                                rec["kana_key"] = kana_key(v[k])
                    if len(rec) > 2:
                        people_upd.append(rec)
                aid = new_id()
                advisors.append({
                    "id": aid, "person_id": pid, "category": v.get("category", ""), "affiliation": v.get("affiliation", ""),
                    "activity_text": v.get("activity", ""), "publish_phone": v.get("phone_ok"),
                    "publish_email": v.get("email_ok"), "active_from_fy": v.get("active_from_fy"),
                    "active_to_fy": v.get("active_to_fy"), "notes": v.get("notes", ""), **base,
                })
                for fid in v.get("fields") or r.extra.get("fields_from_text", ()):
                    links.append({"id": new_id(), "advisor_id": aid, "field_id": fid, **base})
                for mid, role in v.get("municipalities", ()):
                    assign.append({"id": new_id(), "advisor_id": aid, "municipality_id": mid, "role": role,
                                   "from_fy": None, "to_fy": None, **base})
            elif r.action == UPDATE:
                changed = r.extra.get("changed", ())
                before = stored_fields.get(r.target_id, {})  # type: ignore[arg-type]
                prec = {"id": before.get("person_id"), "updated_at": now}
                arec: dict[str, Any] = {"id": r.target_id, "updated_at": now}
                for k in changed:
                    if k in self._PERSON:
                        prec[k] = v[k]
                        if k == "name":
                            prec["name_key"] = name_key(v[k])
                        elif k == "kana":
                            prec["kana_key"] = kana_key(v[k])
                    elif k in self._ADVISOR:
                        arec[self._ADVISOR[k]] = v[k]
                if len(prec) > 2 and prec["id"]:
                    people_upd.append(prec)
                if len(arec) > 2:
                    advisor_upd.append(arec)
                if "fields" in changed:
                    want, have = set(v["fields"]), set(before.get("fields", ()))
                    for fid in v["fields"]:
                        if fid not in have:
                            links.append({"id": new_id(), "advisor_id": r.target_id, "field_id": fid, **base})
                    if have - want:
                        unlink.append({"advisor_id": r.target_id, "fields": have - want})
                if "municipalities" in changed:
                    want, have = dict(v["municipalities"]), dict(before.get("municipalities", ()))
                    for mid, role in want.items():
                        if mid not in have:
                            assign.append({"id": new_id(), "advisor_id": r.target_id, "municipality_id": mid, "role": role,
                                           "from_fy": None, "to_fy": None, **base})
                        elif have[mid] != role:
                            new_roles.append({"advisor_id": r.target_id, "municipality_id": mid, "role": role})
                    if have.keys() - want.keys():
                        end_assign.append({"advisor_id": r.target_id, "municipalities": have.keys() - want.keys()})
        self._bulk_insert(m.Person, people, check)
        self._bulk_update(m.Person, people_upd, check)
        self._bulk_insert(m.Advisor, advisors, check)
        self._bulk_update(m.Advisor, advisor_upd, check)
        self._bulk_insert(m.AdvisorField, links, check)
        self._bulk_insert(m.AdvisorAssignment, assign, check)
        af, asg = m.AdvisorField, m.AdvisorAssignment
        for u in unlink:
            self.session.execute(
                update(af).where(af.advisor_id == u["advisor_id"], af.field_id.in_(sorted(u["fields"])), af.deleted.is_(False))
                .values(deleted=True, updated_at=now)
            )
        for e in end_assign:
            # No longer in charge: ended last 年度 (kept as history), or removed when it began this 年度.
            cond = (asg.advisor_id == e["advisor_id"], asg.municipality_id.in_(sorted(e["municipalities"])),
                    asg.deleted.is_(False), asg.to_fy.is_(None) | (asg.to_fy >= self.fiscal_year))
            self.session.execute(
                update(asg).where(*cond, asg.from_fy.is_not(None), asg.from_fy >= self.fiscal_year)
                .values(deleted=True, updated_at=now)
            )
            self.session.execute(update(asg).where(*cond).values(to_fy=self.fiscal_year - 1, updated_at=now))
        for n in new_roles:
            # Still in charge, another role (主担当 ↔ 副担当): the current assignment changes in place, as the form does.
            self.session.execute(
                update(asg).where(asg.advisor_id == n["advisor_id"], asg.municipality_id == n["municipality_id"],
                                  asg.deleted.is_(False), asg.to_fy.is_(None) | (asg.to_fy >= self.fiscal_year))
                .values(role=n["role"], updated_at=now)
            )
        return len(advisors), len(updates)


KINDS: dict[str, type[ImportKind]] = {k.kind: k for k in (MunicipalityImport, PeopleImport, AdvisorImport)}
