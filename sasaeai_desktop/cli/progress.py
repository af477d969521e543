"""The one percentage line every long command prints on stderr (only on a terminal: a script
reading stderr gets the messages, not a stream of carriage returns)."""

from __future__ import annotations

import sys

from sasaeai_desktop.domain.progress import Progress


def progress_printer(label: str) -> Progress:
    """``progress(fraction, message)`` for a service; a negative fraction means "not known yet"."""
    last = [-2]

    def progress(fraction: float, message: str) -> None:
        pct = int(fraction * 100) if fraction >= 0 else -1
        if pct != last[0] and sys.stderr.isatty():
            last[0] = pct
            shown = f"{pct:3d}%" if pct >= 0 else " ..."
            print(f"\r{label}: {shown} {message[:60]}\033[K", end="", file=sys.stderr, flush=True)

    return progress


def end_progress_line() -> None:
    """Move past the percentage line, so that what follows starts on a line of its own."""
    if sys.stderr.isatty():
        print(file=sys.stderr)
