"""Qt's own dialogs speak Japanese: no English label in the file dialog, dates as 2026/12/06."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTreeView


def _english(text: str) -> bool:
    letters = [c for c in text.replace("&", "") if c.isalpha()]
    return bool(letters) and all(c.isascii() for c in letters)


def test_the_file_dialog_has_no_english_label(qtbot: Any, tmp_path: Path) -> None:
    (tmp_path / "名簿.xlsx").write_bytes(b"x")
    (tmp_path / "folder").mkdir()
    dialog = QFileDialog(None, "保存先", str(tmp_path), "Excel ブック (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    view = next(v for v in dialog.findChildren(QTreeView) if v.objectName() == "treeView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 2, timeout=5000)
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    texts += [str(view.model().headerData(i, view.header().orientation())) for i in range(4)]
    rows = [[str(view.model().index(r, c, view.rootIndex()).data()) for c in range(4)] for r in range(2)]
    texts += [row[2] for row in rows]  # the type column: フォルダー, xlsx ファイル
    assert [t for t in texts if _english(t)] == []
    today = dt.date.today()
    assert all(row[3].startswith(f"{today:%Y/%m/%d}") for row in rows), rows


def test_dates_stay_japanese_after_the_start_up_check_asked_qt_for_its_folders() -> None:
    """The start-up check (and sasaeai doctor) asks QLibraryInfo for Qt's folders before the
    QApplication exists, which fixes the time locale for the whole process: the file dialog's
    dates came out as 「7 12 2026」 on a machine set to C/English."""
    import os
    import subprocess
    import sys

    script = (
        "from sasaeai_desktop.gui.qt_preflight import japanese_translation, plugins_dir\n"
        "plugins_dir(); japanese_translation()\n"
        "from PySide6.QtCore import QLocale\n"
        "from sasaeai_desktop.gui.application import create_application\n"
        "create_application(['t'])\n"
        "print(QLocale.system().dateFormat(QLocale.FormatType.ShortFormat))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_TIME", "SASAEAI_LANG")}
    env.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "yyyy/MM/dd"
