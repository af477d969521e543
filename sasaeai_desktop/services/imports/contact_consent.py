"""One consent column for both contacts (連絡先掲載, 掲載可否, 公開の可否 …).

Most rosters ask once whether the contacts may be printed; the program records the phone and the
e-mail consent separately (a person may publish one and not the other). A sheet with the one
column sets both; where it also has a separate column (電話公開 / メール公開), that column's
value wins for its field and the one column fills only the cells it leaves blank. A value that is
neither yes nor no (「たぶん」) is refused at its cell by the column's parser (``yes_no``): consent
is never guessed.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CONTACT_KEY", "SEPARATE_KEYS", "fold_contact_consent", "contact_consent_note"]

CONTACT_KEY = "contact_ok"
SEPARATE_KEYS: tuple[str, ...] = ("phone_ok", "email_ok")


def fold_contact_consent(values: dict[str, Any]) -> None:
    """Move the one-column consent of a parsed row onto 電話公開 and メール公開 (in place).

    A blank cell is absent from ``values`` and sets nothing; '-'/未確認 (None) leaves the
    recorded consent as it is, as the separate columns do."""
    if CONTACT_KEY not in values:
        return
    given = values.pop(CONTACT_KEY)
    for key in SEPARATE_KEYS:
        if values.get(key) is None:  # no separate value in this row: the one column speaks for it
            values[key] = given


def contact_consent_note(columns: set[str], labels: dict[str, tuple[str, int]]) -> str | None:
    """What the preview says about a one-column consent, or None when the sheet has none.

    ``labels``: key → (header as written, column index), as the engine gives it to the kind."""
    if CONTACT_KEY not in columns:
        return None
    one = labels.get(CONTACT_KEY, ("連絡先掲載", 0))[0]
    separate = {"phone_ok": "電話", "email_ok": "メール"}
    both = [(labels.get(k, (k, 0))[0], what) for k, what in separate.items() if k in columns]
    if not both:
        return f"「{one}」列を電話とメールの両方の掲載可否として取り込みます（空欄は未確認のまま）"
    shown = "、".join(f"{what}は「{label}」列" for label, what in both)
    rest = "・".join(what for k, what in separate.items() if k not in columns)
    tail = f"。{rest}は「{one}」列で決まります" if rest else ""
    return (f"「{one}」列と別々の掲載可否の列があります: {shown}の値を優先し、その欄が空欄の行だけ"
            f"「{one}」列の値を使います{tail}")
