"""What an import plan says about each data row: its action (新規 / 更新 / 変更なし / 要確認 /
問題あり), its problems, and the existing records it may be.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

CREATE, UPDATE, SKIP, ASK, ERROR = "create", "update", "skip", "ask", "error"
ACTION_LABELS = {CREATE: "新規", UPDATE: "更新", SKIP: "変更なし", ASK: "要確認", ERROR: "問題あり"}


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
