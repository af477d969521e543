"""Exceptions of the Excel engine (no openpyxl import, so callers can catch them cheaply)."""

from __future__ import annotations


class ExcelReadError(ValueError):
    """The file or sheet cannot be read; ``str()`` says why and what to do, in Japanese."""
