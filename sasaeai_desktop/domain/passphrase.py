"""The one rule for a new 合言葉 (the passphrase that encrypts the sync files of a dataset).

Only a passphrase being set — the dataset's first sync file or enrolment, from the window or the
command line (SASAEAI_PASSPHRASE, --passphrase-file) — must follow it. A passphrase that is
already the dataset's (typed to join, import or export) is checked against the dataset's key
check only, whatever its length: an office that chose it under an older version must not be
locked out of its own files.

Rule: at least 8 characters, not counting spaces at either end (a single space, or 「a」, is not a
passphrase; the file form of the CLI trims its line, so the ends must not count anywhere).
"""

from __future__ import annotations

__all__ = ["MIN_NEW_LENGTH", "new_passphrase_problem"]

MIN_NEW_LENGTH = 8


def new_passphrase_problem(passphrase: str) -> str | None:
    """The Japanese message when ``passphrase`` may not become a dataset's passphrase, else None."""
    if len(passphrase.strip()) < MIN_NEW_LENGTH:
        return f"新しい合言葉は {MIN_NEW_LENGTH} 文字以上にしてください（前後の空白は数えません）。"
    return None
