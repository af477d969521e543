"""The QApplication: name, Japanese locale and translations, the bundled font, the style sheet."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLibraryInfo
from PySide6.QtCore import QLocale
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from sasaeai_desktop import APP_AUTHOR
from sasaeai_desktop import APP_NAME
from sasaeai_desktop import __version__
from sasaeai_desktop.gui.fonts import apply_japanese_font
from sasaeai_desktop.gui.key_guard import install_text_key_guard
from sasaeai_desktop.gui.qt_japanese import LANG_ENV
from sasaeai_desktop.gui.qt_japanese import QtJapaneseSupplement
from sasaeai_desktop.gui.qt_japanese import use_japanese_dates_in_qt
from sasaeai_desktop.gui.style import STYLE_SHEET
from sasaeai_desktop.paths import resource_path


def _install_translators(app: QApplication, language: str) -> list[QTranslator]:
    installed: list[QTranslator] = []
    # Qt's own strings (はい/いいえ, キャンセル, the file dialog) in the same language as ours.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir) and app.installTranslator(qt_translator):
        installed.append(qt_translator)
    if language == "ja":
        supplement = QtJapaneseSupplement(app)  # installed after qtbase: asked first, answers few
        if app.installTranslator(supplement):
            installed.append(supplement)
    # The source strings are Japanese: a Japanese build needs no catalogue of its own.
    ours = resource_path("i18n", f"sasaeai_{language}.qm")
    if language != "ja" and ours.is_file():
        translator = QTranslator(app)
        if translator.load(str(ours)) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication of the process (reused when it exists, as under pytest-qt)."""
    app = QApplication.instance()
    language = os.environ.get(LANG_ENV, "ja") or "ja"
    if app is None:
        use_japanese_dates_in_qt()
        app = QApplication(argv if argv is not None else [sys.argv[0] if sys.argv else APP_NAME])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationVersion(__version__)
    if language == "ja":
        QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    if not getattr(app, "_sasaeai_configured", False):
        app._sasaeai_translators = _install_translators(app, language)  # type: ignore[attr-defined]  # keep alive
        apply_japanese_font(app)
        install_text_key_guard(app)
        app.setStyleSheet(STYLE_SHEET)
        app._sasaeai_configured = True  # type: ignore[attr-defined]  # set up once per QApplication
    return app
