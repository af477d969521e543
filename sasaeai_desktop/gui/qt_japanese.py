"""Qt's own strings and dates in Japanese, where Qt's catalogue and the system locale fall short.

qtbase_ja (shipped with PySide6) lacks a few strings of Qt 6's file dialog — 「Look in:」,
「Files of type:」, the type column's 「Folder」 — so the dialog came out half in English. Those
are supplied here. The dialog's date column follows the *system* locale (not QLocale's default),
which on a Linux machine set to C/English printed 「6 12 2026」; the time category is set to
Japanese before Qt starts, leaving every other category as the user set it.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTranslator

LANG_ENV = "SASAEAI_LANG"  # 'ja' (default) or a language with resources/i18n/sasaeai_<lang>.qm

# (context, source) → translation; the source is what Qt 6 asks for, found by logging the
# look-ups nothing else answered while every kind of file dialog was opened.
_MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "場所(&L):",
    ("QFileDialog", "Files of &type:"): "ファイルの種類(&T):",
    ("QAbstractFileIconProvider", "Folder"): "フォルダー",
    ("QAbstractFileIconProvider", "Drive"): "ドライブ",
    ("QAbstractFileIconProvider", "File"): "ファイル",
    ("QAbstractFileIconProvider", "%1 File"): "%1 ファイル",
    ("QAbstractFileIconProvider", "Alias"): "エイリアス",
    ("QAbstractFileIconProvider", "Shortcut"): "ショートカット",
}


class QtJapaneseSupplement(QTranslator):
    """Answers only the strings in _MISSING; Qt asks the other translators for the rest."""

    def translate(  # Qt's virtual
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None is a null QString, which Qt reads as "not mine"; "" would blank the string out.
        return _MISSING.get((context, source))

    def isEmpty(self) -> bool:
        return False


def use_japanese_dates_in_qt() -> None:
    """Before anything asks Qt about the system: Qt reads the time locale from the environment
    once per process — at the QApplication, or earlier at the first QLibraryInfo.path(), which
    the start-up check (qt_preflight) calls before the QApplication exists."""
    if (os.environ.get(LANG_ENV, "ja") or "ja") != "ja":
        return
    if sys.platform.startswith(("win", "darwin")):
        return  # Qt asks the operating system there; an officer's Windows is Japanese already
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        value = os.environ.get(name)
        if value:
            if value.startswith("ja"):
                return
            break
    if os.environ.get("LC_ALL"):
        # LC_ALL would override LC_TIME: keep its value for every other category through LANG
        os.environ["LANG"] = os.environ.pop("LC_ALL")
    os.environ["LC_TIME"] = "ja_JP.UTF-8"
