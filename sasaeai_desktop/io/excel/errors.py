"""Exceptions of the Excel engine (no openpyxl import, so callers can catch them cheaply)."""

from __future__ import annotations


class Cancelled(Exception):
    """The user cancelled (the ``abort`` event was set); nothing was written, no file was left."""

    def __init__(self, message: str = "キャンセルしました。ファイルは作成していません。") -> None:
        super().__init__(message)


class ExcelReadError(ValueError):
    """The file or sheet cannot be read; ``str()`` says why and what to do, in Japanese."""
