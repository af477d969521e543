"""普及啓発 (outreach): which training events count as outreach, what media they produce, and the
limits of what is recorded about them (counts only: no names of the public who came)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

# The event types (domain.vocab.EVENT_TYPES) that are 普及啓発・参画促進 for the public. Only the
# forum/seminar: a トップセミナー is for 首長・幹部 (it moves a municipality, not its residents) and
# a 勉強会 or 情報交換会 is for the people doing the work; their attendance is recorded by name.
OUTREACH_EVENT_TYPES: tuple[str, ...] = ("フォーラム・セミナー",)

MEDIA_KINDS: tuple[str, ...] = ("チラシ", "動画", "DVD", "情報誌", "ポスター", "ウェブ掲載", "その他")

# A link is a URL or a file path on the office's share; Windows paths stop near 260 characters and
# a URL longer than this is not one anybody types or pastes on purpose.
MAX_LINK_LENGTH = 1000
# Larger than any hall; a typo of one digit too many is caught rather than totalled.
MAX_COUNT = 100_000

COUNT_LABELS: dict[str, str] = {
    "public_attendance": "一般参加者数",
    "public_residents": "うち住民",
    "public_professionals": "うち関係者",
}


def is_outreach(event_type: str) -> bool:
    return event_type in OUTREACH_EVENT_TYPES


def count_problem(value: object, label: str) -> str | None:
    """Why ``value`` is not a head count (None = not recorded, which is fine)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{label}「{value}」は人数ではありません（0以上の整数で入力してください）。"
    if value < 0:
        return f"{label}が負の数です（{value}）。0以上の整数で入力してください。"
    if value > MAX_COUNT:
        return f"{label}「{value:,}」は多すぎます（{MAX_COUNT:,}人まで）。桁を確かめてください。"
    return None


def parse_count(text: str, label: str) -> int | None:
    """A head count typed as text ('120', '１２０', '120人', ''), or ValueError with the message."""
    import unicodedata

    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").removesuffix("人").removesuffix("名").strip()
    if not cleaned:
        return None
    if not cleaned.lstrip("-").isdigit():
        raise ValueError(f"{label}「{text}」は人数ではありません（0以上の整数で入力してください）。")
    value = int(cleaned)
    problem = count_problem(value, label)
    if problem:
        raise ValueError(problem)
    return value


@dataclass(frozen=True)
class OutreachCounts:
    """Outreach of one place (a 圏域, or events whose 開催市町村 is not recorded): events held, the
    public who came (一般参加者数, summed over the ``recorded`` events that have it), media made."""

    events: int = 0
    attendance: int = 0
    media: int = 0
    recorded: int = 0  # events with 一般参加者数 recorded: a planned forum has none yet (not 0 people)

    def __add__(self, other: OutreachCounts) -> OutreachCounts:
        return OutreachCounts(self.events + other.events, self.attendance + other.attendance, self.media + other.media,
                              self.recorded + other.recorded)

    def cells(self) -> list[str]:
        """'3件', '540人', '7点' — the region table's cells, blank where there is nothing. No count
        recorded yet is 「—」, not 「0人」; a sum over some of the events says over how many
        ('540人（2件分）'), so a forum still to be held does not read as one nobody came to."""
        if not (self.events or self.media):
            return ["", "", ""]
        if not self.recorded:
            people = NOT_RECORDED
        elif self.recorded < self.events:
            people = f"{self.attendance:,}人（{self.recorded}件分）"
        else:
            people = f"{self.attendance:,}人"
        return [f"{self.events}件", people, f"{self.media}点"]


NOT_RECORDED = "—"  # a figure not recorded yet (the dashboard's tables)


OUTREACH_HEADS = ("普及啓発", "一般参加者", "媒体")
UNPLACED = "（開催市町村の記録なし）"


@dataclass(frozen=True)
class OutreachFigures:
    """A 年度's outreach on the progress dashboard."""

    events: int  # outreach events held (with at least a 日程 or not: every live one of the 年度)
    with_counts: int  # of them, how many have 一般参加者数 recorded
    attendance: int  # 一般参加者数, summed
    residents: int  # うち住民, summed where recorded
    professionals: int  # うち関係者, summed where recorded
    media: dict[str, int] = field(default_factory=dict)  # kind → items, MEDIA_KINDS order
    unplaced: OutreachCounts = field(default_factory=OutreachCounts)  # events without a 開催市町村

    @property
    def counts(self) -> OutreachCounts:
        return OutreachCounts(self.events, self.attendance, self.media_total, self.with_counts)

    @property
    def media_total(self) -> int:
        return sum(self.media.values())

    def rows(self) -> list[tuple[str, str]]:
        """(label, figure) lines as the dashboard and its PDF print them."""
        types = "・".join(OUTREACH_EVENT_TYPES)
        held = f"{self.events}件" + (f"（うち人数の記録 {self.with_counts}件）" if self.with_counts != self.events else "")
        split = [f"{name} {n:,}人" for name, n in (("住民", self.residents), ("関係者", self.professionals)) if n]
        people = f"{self.attendance:,}人" + (f"（うち{'・'.join(split)}）" if split else "")
        media = f"{self.media_total}点" + (
            f"（{'・'.join(f'{k} {n}' for k, n in self.media.items())}）" if self.media else "")
        return [(f"普及啓発（{types}）の開催", held), ("一般参加者数", people), ("作成した媒体", media)]
