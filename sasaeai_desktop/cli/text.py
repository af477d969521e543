"""What the command line prints of the user's data goes through here: a control character (ESC,
NUL, BEL, CR, the C1 block) or a bidi override stored in a name or a note — from an old
version, another laptop, or a hostile file — is printed as a visible escape (\\u001b, \\u202e)
instead of acting on the terminal: clearing it, moving the cursor, or hiding text.

Inputs already drop control characters (domain/names.clean_text); this is the second fence, for
anything stored before that or arriving by another way. Line breaks and tabs are kept: the
program prints lines of tab-separated columns itself (and a stored tab only shifts a column).
"""

from __future__ import annotations

import re
import sys
from typing import IO

__all__ = ["safe_text", "say"]

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    # \uXXXX for every character: readable, and still valid inside the JSON some commands print.
    return f"\\u{ord(match.group()):04x}"


def safe_text(value: object) -> str:
    """``value`` as text with every control character written as a visible escape."""
    text = "" if value is None else str(value)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def say(*values: object, file: IO[str] | None = None) -> None:
    """``print`` for a line that may hold user data (names, notes, titles, problems of a file)."""
    print(*(safe_text(v) for v in values), file=file if file is not None else sys.stdout)
