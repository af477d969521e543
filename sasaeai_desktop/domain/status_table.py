"""The compiled status table (市町村間情報交換用シート) as a file lays it out: rows, groups, columns.

Plain data shared by the service that fills it (services/progress/status.py) and the writers that print it
(io/excel/status_table.py, io/pdf/status_table.py), so the writers need nothing from services.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field


@dataclass(frozen=True)
class CompiledCells:
    """One municipality's row of the compiled table, as short texts."""

    transition: str
    sc1: str
    sc2: str
    council1: str
    council2: str
    services: dict[str, str]
    stage: str
    strengths: str
    issues: str
    support_wanted: str


@dataclass(frozen=True)
class CompiledRow:
    municipality_id: str
    code: str
    name: str
    cells: CompiledCells
    recorded: bool  # False: no status for this 年度 (the row shows the latest earlier one or nothing)
    from_year: int | None = None


@dataclass(frozen=True)
class CompiledGroup:
    name: str  # region name; '' when not grouped
    rows: list[CompiledRow] = field(default_factory=list)


@dataclass(frozen=True)
class CompiledTable:
    fiscal_year: int
    title: str
    group_kind: str  # '' when not grouped
    groups: list[CompiledGroup]

    @property
    def row_count(self) -> int:
        return sum(len(g.rows) for g in self.groups)


# The compiled table's columns: (top header, second header or None, cell key, width in characters).
# A top header with no second header spans both header rows; equal top headers side by side merge.
COMPILED_COLUMNS: tuple[tuple[str, str | None, str, float], ...] = (
    ("市町村", None, "name", 9),
    ("総合事業の\n移行時期", None, "transition", 9),
    ("生活支援コーディネーター", "第1層", "sc1", 15),
    ("生活支援コーディネーター", "第2層", "sc2", 12),
    ("協議体", "第1層", "council1", 11),
    ("協議体", "第2層", "council2", 13),
    ("通所型サービス", "A型\n（緩和した基準）", "tsusho_a", 11),
    ("通所型サービス", "B型\n（住民主体）", "tsusho_b", 11),
    ("通所型サービス", "C型\n（短期集中）", "tsusho_c", 11),
    ("訪問型サービス", "A型\n（緩和した基準）", "houmon_a", 11),
    ("訪問型サービス", "B型\n（住民主体）", "houmon_b", 11),
    ("訪問型サービス", "C型\n（短期集中）", "houmon_c", 11),
    ("訪問型サービス", "D型\n（移動支援）", "houmon_d", 11),
    ("一般介護予防", None, "ippan_yobo", 11),
    ("推進段階", None, "stage", 9),
    ("地域の強み", None, "strengths", 20),
    ("課題", None, "issues", 20),
    ("県に求める支援", None, "support_wanted", 16),
)


def compiled_row_texts(row: CompiledRow) -> list[str]:
    c = row.cells
    out = []
    for _top, _sub, key, _w in COMPILED_COLUMNS:
        if key == "name":
            text = row.name
            if not row.recorded:
                text += f"\n（{row.from_year}年度の値）" if row.from_year else "\n（未回答）"
            out.append(text)
        elif key in c.services:
            out.append(c.services[key])
        else:
            out.append(getattr(c, key))
    return out


def header_spans() -> list[tuple[str, int, int, bool]]:
    """(top header, first column, last column, spans both rows) for the first header row (0-based)."""
    spans: list[tuple[str, int, int, bool]] = []
    for i, (top, sub, _k, _w) in enumerate(COMPILED_COLUMNS):
        if spans and spans[-1][0] == top and sub is not None and not spans[-1][3]:
            spans[-1] = (top, spans[-1][1], i, False)
        else:
            spans.append((top, i, i, sub is None))
    return spans
