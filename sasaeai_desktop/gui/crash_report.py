"""An error the program did not expect is never silent: a Japanese message box says what
happened and where the details are, and the traceback goes to a log file in the user data folder
(an officer can send it; a slot's exception would otherwise be printed to a console nobody has).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMessageBox

LOG_ENV = "SASAEAI_LOG_DIR"  # tests and portable installs point the log elsewhere
LOG_NAME = "sasaeai-errors.log"
_MAX_LOG_BYTES = 1_000_000  # the file is rotated once (.1) past this size


def log_dir() -> Path:
    override = os.environ.get(LOG_ENV)
    if override:
        return Path(override)
    import platformdirs

    from sasaeai_desktop import APP_AUTHOR
    from sasaeai_desktop import APP_NAME

    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR) / "logs"


def write_log(text: str) -> Path | None:
    """Append ``text`` with a time stamp; None when the log cannot be written (full disk, no rights)."""
    path = log_dir() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > _MAX_LOG_BYTES:
            os.replace(path, path.with_suffix(path.suffix + ".1"))
        with path.open("a", encoding="utf-8") as f:
            f.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} ---\n{text}\n")
    except OSError:
        return None
    return path


class CrashReporter:
    def __init__(self, *, show_box: bool = True) -> None:
        self._showing = not show_box  # unattended runs (a screenshot) never wait on a box
        self.previous = sys.excepthook

    def __call__(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        print(text, file=sys.stderr, end="")
        path = write_log(text)
        self._show(value, path)

    def _show(self, value: BaseException, path: Path | None) -> None:
        app = QApplication.instance()
        # A box only from the GUI thread, and one at a time: an error while the box is up (a
        # repaint that fails again) is logged, not stacked into a hundred boxes.
        if app is None or self._showing or QThread.currentThread() is not app.thread():
            return
        tr = QCoreApplication.translate
        from sasaeai_desktop.io.output_files import disk_full

        full = disk_full(value)
        if full is not None:  # not a fault of the program: say what to do, as the command line does
            self._showing = True
            try:
                QMessageBox.warning(None, tr("CrashReporter", "ディスクの空き容量"), str(full))
            finally:
                self._showing = False
            return
        where = str(path) if path else tr("CrashReporter", "（ログを書けませんでした）")
        self._showing = True
        try:
            QMessageBox.critical(
                None,
                tr("CrashReporter", "予期しないエラー"),
                tr(
                    "CrashReporter",
                    "予期しないエラーが起きました。入力中のデータは保存されていない可能性があります。\n"
                    "同じ操作を繰り返す前に、内容を確かめてください。\n\n"
                    "エラー: {error}\n詳しい記録: {where}",
                ).format(error=f"{type(value).__name__}: {value}", where=where),
            )
        finally:
            self._showing = False


def install_crash_reporter(*, show_box: bool = True) -> CrashReporter:
    reporter = CrashReporter(show_box=show_box)
    sys.excepthook = reporter
    return reporter
