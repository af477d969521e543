"""What each kind of sheet means: its columns, how a row becomes a record, how records are matched
and written. The engine (services/imports/planning.py, applying.py) does everything else — reading, the header,
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
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any
from typing import ClassVar

from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.io.excel.spec import SheetSpec
from sasaeai_desktop.services.imports.bulk_writes import BulkWrites
from sasaeai_desktop.services.imports.bulk_writes import chunks
from sasaeai_desktop.services.imports.parsers import PARSERS
from sasaeai_desktop.services.imports.parsers import TEXT_PARSERS
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import ERROR
from sasaeai_desktop.services.imports.plan_rows import SKIP
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.imports.plan_rows import Problem
from sasaeai_desktop.services.imports.values import COLUMN_VOCABULARIES
from sasaeai_desktop.services.imports.values import ValueAnswers
from sasaeai_desktop.services.imports.values import controlled_parser


class ImportKind(BulkWrites):
    """Base of the kinds: the engine calls ``parser``, ``match``, ``finish`` and ``write``."""

    kind: ClassVar[str]
    title: ClassVar[str]  # '関係者'
    spec: ClassVar[SheetSpec]
    rules: ClassVar[dict[str, Rule]]
    # At least one column of each group must be in the header: (("name",),) or (("code", "name"),).
    required_columns: ClassVar[tuple[tuple[str, ...], ...]]
    tables: ClassVar[tuple[type[m.SyncedMixin], ...]]  # whose change since the preview makes apply refuse
    # True where naming a row (the required columns, ID) brings nothing: the kind only updates
    # rows that exist (municipalities). A sheet that has only those of our columns, next to
    # columns of its own, is then another list, refused (header_check._another_kind_of_list). Where a
    # name alone makes a row (people, registrations), a bare list of names is a list of the kind.
    needs_value_columns: ClassVar[bool] = False

    def __init__(self, session: Session, columns: set[str]) -> None:
        self.session = session
        self.columns = columns  # the keys the sheet has a column for
        self.now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
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
        if rule.parse in TEXT_PARSERS and rule.max_len:
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

    def snapshots(self, ids: Sequence[str], read: Callable[[Sequence[str]], dict[str, dict[str, Any]]] | None = None
                  ) -> dict[str, dict[str, Any]]:
        """``read`` (default ``snapshot``) of any number of ids, asked 500 at a time (SQLite's
        limit on parameters)."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(ids, 500):
            out.update((read or self.snapshot)(chunk))
        return out

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        """The keys whose given value differs from the stored one (blank cells are absent)."""
        return tuple(k for k, v in values.items() if k in stored and not self.same(k, v, stored[k]))

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
        if rule is not None and rule.parse in TEXT_PARSERS and isinstance(old, str):
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
        targets = [(r, r.target_id) for r in rows if r.action == UPDATE and r.target_id]
        for chunk in chunks(targets, 500):
            stored = self.snapshot([target for _, target in chunk])
            for r, target in chunk:
                before = stored.get(target)
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
