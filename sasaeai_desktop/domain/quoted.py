"""How a message quotes what the user gave (a path, a typed value)."""

from __future__ import annotations


def quoted(value: object, limit: int = 80) -> str:
    """``value`` whole when short; else its start and its end around "…". The end is kept because
    that is what a reader looks for: a long path cut at its end lost the file's name (a test's
    path under a parallel run did)."""
    text = str(value)
    if len(text) <= limit:
        return text
    end = limit // 2
    return text[: limit - end - 1] + "…" + text[-end:]
