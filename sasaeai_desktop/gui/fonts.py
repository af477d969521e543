"""The bundled Japanese font (resources/fonts/ipaexg.ttf, IPAexGothic; see the README there).

Offline laptops and minimal Linux images may have no Japanese font at all, and Qt then draws
every kanji as an empty box. Registering the bundled file costs a few milliseconds and makes the
program readable everywhere.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from sasaeai_desktop.paths import resource_path

log = logging.getLogger(__name__)

BUNDLED_FONT_FILE = "ipaexg.ttf"
BUNDLED_FAMILY = "IPAexGothic"
DEFAULT_POINT_SIZE = 10


def register_bundled_font() -> str | None:
    """Add the bundled font to Qt's database; returns its family name, or None if it is missing."""
    path = resource_path("fonts", BUNDLED_FONT_FILE)
    if not path.is_file():
        log.warning("bundled Japanese font not found at %s", path)
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("Qt could not load the bundled font %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else BUNDLED_FAMILY


def system_has_japanese_font(bundled_family: str | None) -> bool:
    families = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    return any(f != bundled_family for f in families)


def apply_japanese_font(app: QApplication) -> str | None:
    """Register the bundled font, make it the fallback for the default family, and make it the
    application font when the system has no Japanese font of its own (a system font such as
    Yu Gothic UI or Noto Sans CJK looks more at home where it exists). Returns the family in use
    for Japanese text, or None when neither is available."""
    bundled = register_bundled_font()
    if bundled is None:
        return None
    # Japanese glyphs missing from the default (often Latin-only) family come from the bundled one.
    default_family = app.font().family()
    QFont.insertSubstitution(default_family, bundled)
    if system_has_japanese_font(bundled):
        return default_family
    font = QFont(bundled, DEFAULT_POINT_SIZE)
    app.setFont(font)
    return bundled
