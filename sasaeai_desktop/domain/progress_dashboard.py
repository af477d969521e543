"""The progress dashboard's figures as plain data: what services/progress/dashboard.py computes and the
window and io/pdf/dashboard.py show, so the PDF writer needs nothing from services."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from sasaeai_desktop.domain.outreach import OutreachCounts
from sasaeai_desktop.domain.outreach import OutreachFigures

INDICATORS: tuple[tuple[str, str], ...] = (
    ("sc1", "第1層SC 配置"),
    ("sc2", "第2層SC 配置（1圏域以上）"),
    ("sc2_all", "第2層SC 全圏域に配置"),
    ("council1", "第1層協議体 設置"),
    ("council2", "第2層協議体 設置（1圏域以上）"),
    ("council2_all", "第2層協議体 全圏域に設置"),
)
NO_STAGE = 0  # stage key for 未記入


@dataclass(frozen=True)
class IndicatorFigure:
    key: str
    label: str
    count: int
    total: int
    previous: int | None  # last year's count (None: no data last year)
    previous_total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.count / self.total if self.total else 0.0

    @property
    def previous_percent(self) -> float | None:
        if self.previous is None or not self.previous_total:
            return None
        return 100.0 * self.previous / self.previous_total

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.count - self.previous


@dataclass(frozen=True)
class GroupFigures:
    name: str
    total: int
    indicators: dict[str, int]
    stages: dict[int, int]  # 1..3 and NO_STAGE → municipalities
    outreach: OutreachCounts = field(default_factory=OutreachCounts)  # events held in the group's municipalities


@dataclass(frozen=True)
class FollowUpItem:
    municipality_id: str
    code: str
    name: str
    detail: str


@dataclass(frozen=True)
class ProgressDashboard:
    fiscal_year: int
    label: str
    group_kind: str
    total: int  # insurers
    recorded: int  # with a status for the 年度
    indicators: list[IndicatorFigure]
    stages: dict[int, int]
    stages_previous: dict[int, int]
    groups: list[GroupFigures]
    months: int
    not_visited: list[FollowUpItem] = field(default_factory=list)
    no_training: list[FollowUpItem] = field(default_factory=list)
    unmoved: list[FollowUpItem] = field(default_factory=list)
    open_tasks: list[FollowUpItem] = field(default_factory=list)
    # 補助金・モデル事業 whose 実績報告 is past its 期限 or due within ``report_days``, not yet received
    grant_reports: list[FollowUpItem] = field(default_factory=list)
    report_days: int = 30
    # 普及啓発 events of the 年度 (domain.outreach): how many, who came (counts), the media made
    outreach: OutreachFigures | None = None
