"""The cells of the visit and consultation logs (services/activities/log_sheets.py) that are more
than a value: times, people with their role, follow-up lines.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.domain.vocab_aliases import ROLE
from sasaeai_desktop.io.excel import values as V

SIDES = {"prefecture_staff": "prefecture", "advisors": "advisor", "municipality_side": "municipality"}


_FOLLOW_UP = re.compile(
    r"^(?P<title>.+?)(?:\s*\((?P<owner>[^()]*)\))?(?:\s*期限\s*(?P<due>\S+?))?(?:\s*(?P<done>済|完了))?$"
)
_PEOPLE_SEPARATORS_WRITTEN = re.compile(r"[、,;，；\n]+")
_PERSON_WITH_ROLE_WRITTEN = re.compile(r"^(?P<name>.+?)\s*[(（](?P<role>[^()（）]*)[)）]$")
_TIME = re.compile(r"^(\d{1,2})(?:[:時](\d{1,2})分?)?$")


def norm_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def time_value(value: Any) -> dt.time:
    """9:30, 09:30, 9時30分, 9時, an Excel time (a fraction of a day) or a time cell."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        if 0 <= minutes < 24 * 60:
            return dt.time(minutes // 60, minutes % 60)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 <= value < 1:
            minutes = round(value * 24 * 60)
            return dt.time(min(minutes // 60, 23), minutes % 60 if minutes < 24 * 60 else 59)
    elif isinstance(value, str):
        s = "".join(unicodedata.normalize("NFKC", value).split())
        s = re.sub(r":\d{2}$", "", s) if s.count(":") == 2 else s
        hit = _TIME.match(s)
        if hit and int(hit.group(1)) < 24 and int(hit.group(2) or 0) < 60:
            return dt.time(int(hit.group(1)), int(hit.group(2) or 0))
    raise V.ValueProblem(f"「{str(value).strip()}」は時刻として読み取れません（例: 9:30、13時）")


def people_cell(value: Any, max_len: int | None = None) -> tuple[tuple[str, str], ...]:
    """'山田 花子（市町村職員）、佐藤 一郎' → (('山田 花子', '市町村職員'), ('佐藤 一郎', ''))."""
    out: list[tuple[str, str]] = []
    # The names are kept as written (no NFKC: 塚 U+FA10, 﨑 stay); separators and brackets are
    # matched in both widths instead, and the role, a word of the vocabulary, is folded.
    for part in _PEOPLE_SEPARATORS_WRITTEN.split(V.written_multiline(value)):
        item = written_text(part)
        if not item:
            continue
        hit = _PERSON_WITH_ROLE_WRITTEN.match(item)
        name, role = (hit.group("name"), clean_text(hit.group("role"))) if hit else (item, "")
        role = ROLE.match(role) or role if role else ""  # （第１層生活支援コーディネーター） → 第1層SC
        if len(name) > 80 or len(role) > 40:
            raise V.ValueProblem(f"「{item[:40]}」は氏名として長すぎます（「、」で区切ってください）")
        if (name, role) not in out:
            out.append((name, role))
    return tuple(out)


def follow_ups_cell(value: Any, max_len: int | None = None) -> tuple[tuple[str, str, dt.date | None, bool], ...]:
    """One task a line: 'title（owner）期限 <date> 済' (owner, 期限 and 済 optional)."""
    out = []
    for line in V.multiline(value).split("\n"):
        line = norm_text(line)
        if not line:
            continue
        hit = _FOLLOW_UP.match(line)
        assert hit is not None  # the title alone always matches
        due = None
        if hit.group("due"):
            try:
                due = V.date_value(hit.group("due"), PLAN)
            except V.ValueProblem as exc:
                raise V.ValueProblem(f"フォローアップ「{hit.group('title')}」の期限: {exc}") from None
        title = hit.group("title").strip()
        if len(title) > 200:
            raise V.ValueProblem(f"フォローアップ「{title[:30]}…」が長すぎます（200文字まで）")
        out.append((title, (hit.group("owner") or "").strip(), due, bool(hit.group("done"))))
    return tuple(out)


def follow_up_line(title: str, owner: str, due: dt.date | None, done: bool) -> str:
    """A task as the export writes it (the SQL in activity_logs), normalised like a cell."""
    return norm_text(title + (f"（{owner}）" if owner else "") + (f" 期限{due.isoformat()}" if due else "") + (" 済" if done else ""))
