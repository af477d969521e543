"""What a phone number and an e-mail address look like: one rule for the forms, 設定 and the
Excel imports (what a form accepts, an import accepts)."""

from __future__ import annotations

import re

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^[0-9()\-+ ]{6,20}$")


def contact_problems(phone: str, email: str) -> dict[str, str]:
    """The form's messages for a phone and an e-mail already cleaned (empty: nothing to say)."""
    problems: dict[str, str] = {}
    if phone and not PHONE_RE.match(phone):
        problems["phone"] = f"電話番号「{phone}」の形式が正しくありません（数字とハイフン）。"
    if email and not EMAIL_RE.match(email):
        problems["email"] = f"メールアドレス「{email}」の形式が正しくありません。"
    return problems


__all__ = ["EMAIL_RE", "PHONE_RE", "contact_problems"]
