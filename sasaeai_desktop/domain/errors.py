"""Errors raised for the user to act on (by services, and by io when a file cannot be written); ``str()`` is the Japanese message (CLI exit 2)."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a request that cannot be done; nothing was written."""


class NotFoundError(UserError):
    pass


class ValidationError(UserError):
    """One or more fields are wrong. ``fields`` maps field name → message, for forms to point at."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = dict(fields)
        super().__init__("\n".join(f"{msg}" for msg in self.fields.values()))


class UnknownPrefectureError(UserError):
    def __init__(self, query: str, choices: list[str]) -> None:
        self.query = query
        self.choices = choices
        super().__init__(
            f"都道府県「{query}」が見つかりません。都道府県名（例: 長野県）か2桁のコード（例: 20）を指定してください。\n"
            f"指定できる都道府県: {'、'.join(choices)}"
        )
