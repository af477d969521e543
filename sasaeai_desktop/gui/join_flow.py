"""First start on a new laptop: join the office's data from an enrolment file instead of starting
empty (the GUI of ``sasaeai --db NEW.db sync join FILE``).

Choose the file, name this laptop, type the passphrase; services.sync.enrolment.join runs off the GUI
thread and either makes this empty database a replica of the dataset or changes nothing.
The three questions are module functions so tests can stand in for them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.dialogs.passphrase_dialog import ask_passphrase
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.tasks import run_task
from sasaeai_desktop.services.database_file import UnitOfWork
from sasaeai_desktop.services.sync.enrolment import join
from sasaeai_desktop.services.sync.importing import ImportResult

_tr = partial(QCoreApplication.translate, "join_flow")


def choose_enrolment_file(parent: QWidget | None) -> str | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("登録ファイルを選ぶ"), folder, _tr("同期ファイル (*.sync);;すべてのファイル (*)"))
    return path or None


def ask_replica_name(parent: QWidget | None) -> str | None:
    text, ok = QInputDialog.getText(
        parent, _tr("このパソコンの名前"),
        _tr("このパソコンの名前を入力してください（他のパソコンの同期画面に表示されます）。\n例: 田中（介護支援課）"),
        QLineEdit.EchoMode.Normal, "",
    )
    return text.strip() if ok else None


def start_join(
    uow: Callable[[], UnitOfWork],
    parent: QWidget | None,
    on_joined: Callable[[ImportResult], None],
    on_failed: Callable[[BaseException], None],
) -> TaskHandle | None:
    """Ask the three questions and start the join; None when the officer cancelled one of them."""
    path = choose_enrolment_file(parent)
    if not path:
        return None
    name = ask_replica_name(parent)
    if name is None:
        return None
    passphrase = ask_passphrase(parent, purpose=_tr("登録ファイル「{name}」を開きます。").format(name=Path(path).name))
    if passphrase is None:
        return None

    def work(progress: Any, abort: Any) -> ImportResult:
        return join(uow(), path, passphrase, name=name, progress=progress, abort=abort)

    return run_task(parent, work, title=_tr("登録ファイルから参加"), on_success=on_joined, on_error=on_failed)
