"""The sync page's three things to do, each off the GUI thread (gui/tasks.run_task, progress +
キャンセル): make a file for a laptop (or one for each), make an enrolment file for a new PC, and
read files. Reading is two steps per file: a dry run that reports what would change, then, after
取り込む, the real import. A refused file (wrong passphrase, damaged, another dataset, a gap) shows
the service's message; the database is unchanged. The file and passphrase dialogs are module
functions so tests can stand in for them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.conflicts_dialog import open_conflicts
from sasaeai_desktop.gui.dialogs.duplicate_people_dialog import open_duplicates
from sasaeai_desktop.gui.dialogs.passphrase_dialog import ask_passphrase
from sasaeai_desktop.gui.pages.base import LoadedWhenShownPage
from sasaeai_desktop.gui.pages.sync_peers_box import peer_label
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.tasks import run_task
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.services.sync.enrolment import make_enrolment
from sasaeai_desktop.services.sync.export import ExportResult
from sasaeai_desktop.services.sync.export import export_changes
from sasaeai_desktop.services.sync.importing import ImportResult
from sasaeai_desktop.services.sync.importing import import_file
from sasaeai_desktop.services.sync.status import PeerStatus
from sasaeai_desktop.services.sync.status import SyncStatus

FILE_SUFFIX = ".sync"
_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def _safe(text: str) -> str:
    return _UNSAFE_IN_FILENAME.sub("_", text).strip("_") or "端末"


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def choose_save_path(parent: QWidget | None, title: str, suggested: str) -> str | None:
    """Where to write a file (None when cancelled). Tests replace this function."""
    path, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path(_documents()) / suggested), parent.tr("同期ファイル (*.sync);;すべてのファイル (*)") if parent else ""
    )
    if not path:
        return None
    return path if Path(path).suffix else path + FILE_SUFFIX


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """Which folder to write one file per laptop into (None when cancelled). Tests replace this function."""
    folder = QFileDialog.getExistingDirectory(parent, title, _documents())
    return folder or None


def choose_open_paths(parent: QWidget | None, title: str) -> list[str]:
    """Which files to read (several at once on the office's Friday; empty when cancelled).
    Tests replace this function."""
    paths, _ = QFileDialog.getOpenFileNames(
        parent, title, _documents(), parent.tr("同期ファイル (*.sync);;すべてのファイル (*)") if parent else ""
    )
    return list(paths)


def import_summary(result: ImportResult) -> str:
    """追加 n 件、更新 n 件、競合 n 件、重複の可能性 n 件 — what the officer wants to know after reading."""
    source = result.source_name or (result.source[-8:] if result.source else "")
    head = f"{source}のファイル" if source else "ファイル"
    return (
        f"{head}: 追加 {result.added:,} 件、更新 {result.updated:,} 件、競合 {result.conflicts:,} 件、"
        f"重複の可能性 {result.duplicate_people:,} 件"
    ) + "".join(f"\n{text}" for text in result.forks)  # a copied laptop found: said, never silent


class SyncFileFlows(LoadedWhenShownPage):
    """The flows of SyncPage, which sets what is declared here and gives the three methods below."""

    flow_finished = Signal(str)  # "export" / "enrol" / "import" — after the last step, however it ended

    shell: ShellContext
    state: SyncStatus | None
    task: TaskHandle | None
    last_import: ImportResult | None
    last_export: ExportResult | None
    result_label: QLabel

    def chosen_peer(self) -> PeerStatus | None:
        raise NotImplementedError

    def others(self) -> list[PeerStatus]:
        raise NotImplementedError

    def _set_busy(self, busy: bool) -> None:
        raise NotImplementedError

    def _end(self, flow: str) -> None:
        self.reload()
        self.flow_finished.emit(flow)

    def _start(self, fn: Callable[[Any, Any], Any], title: str, flow: str, on_success: Callable[[Any], None],
               failure_note: str = "") -> TaskHandle:
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if failure_note and isinstance(exc, UserError):
                exc = UserError(f"{exc}\n\n{failure_note}")
            show_error(self, title, exc)
            self._end(flow)

        def cancelled() -> None:
            self._set_busy(False)
            QMessageBox.information(self, title, self.tr("中断しました。データベースは変更していません。"))
            self._end(flow)

        self.task = run_task(self, fn, title=title, on_success=done, on_error=failed, on_cancel=cancelled)
        return self.task

    def _passphrase(self, purpose: str, for_writing: bool) -> str | None:
        new = for_writing and not (self.state is not None and self.state.passphrase_set)
        return ask_passphrase(self, new=new, purpose=purpose)

    def _default_name(self, target: str) -> str:
        me = self.state.replica_name if self.state else ""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        return f"同期_{_safe(me or '端末')}から{_safe(target)}へ_{stamp}{FILE_SUFFIX}"

    def make_file(self) -> TaskHandle | None:
        """「…さん用のファイルを作成」: the changes the chosen laptop lacks (everything for 全員)."""
        if self.state is None:
            self.reload()
        peer = self.chosen_peer()
        target = peer_label(peer) if peer else self.tr("全員")
        path = choose_save_path(self, self.tr("同期ファイルの保存先（{who}用）").format(who=target), self._default_name(target))
        if not path:
            return None
        passphrase = self._passphrase(self.tr("「{name}」を暗号化します。").format(name=Path(path).name), True)
        if passphrase is None:
            return None
        uow, for_peer = self.shell.uow, peer.replica_id if peer else None

        def work(progress: Any, abort: Any) -> ExportResult:
            return export_changes(uow(), path, passphrase, for_peer=for_peer, progress=progress, abort=abort)

        def done(result: ExportResult) -> None:
            self.last_export = result
            QMessageBox.information(
                self, self.tr("同期ファイルの作成"),
                result.summary + "\n\n" + self.tr("このファイルを{who}に渡してください（USBメモリ・共有フォルダー・メール添付）。"
                                                 "合言葉は別の方法（口頭など）で伝えてください。").format(
                    who=self.tr("相手") if peer is None else self.tr("{name}さん").format(name=target)),
            )
            self._end("export")

        return self._start(work, self.tr("同期ファイルの作成"), "export", done)

    def make_file_for_each(self) -> TaskHandle | None:
        """「各パソコン用のファイルをまとめて作成」: the office on Friday, one file per laptop in use,
        each with what that laptop lacks, into one folder; the passphrase asked once."""
        if self.state is None:
            self.reload()
        peers = self.others()
        if not peers:
            return None
        folder = choose_folder(self, self.tr("各パソコン用のファイルの保存先フォルダー"))
        if not folder:
            return None
        labels = [peer_label(p) for p in peers]
        # two laptops with one name must not write over each other's file
        names = [self._default_name(lab if labels.count(lab) == 1 else f"{lab}_{p.replica_id[-8:]}")
                 for lab, p in zip(labels, peers)]
        passphrase = self._passphrase(self.tr("{n} 台分のファイルを暗号化します。").format(n=len(peers)), True)
        if passphrase is None:
            return None
        uow, ids = self.shell.uow, [p.replica_id for p in peers]

        def work(progress: Any, abort: Any) -> list[ExportResult]:
            out = []
            for i, (rid, name) in enumerate(zip(ids, names)):
                if progress:
                    progress(i / len(ids), name)
                out.append(export_changes(uow(), Path(folder) / name, passphrase, for_peer=rid, abort=abort))
            return out

        def done(results: list[ExportResult]) -> None:
            self.last_export = results[-1] if results else None
            lines = [f"{peer_label(p)}さん用: {r.path.name}（変更のまとまり {r.entries:,} 件）" for p, r in zip(peers, results)]
            QMessageBox.information(
                self, self.tr("各パソコン用のファイルの作成"),
                self.tr("「{folder}」に {n} 個のファイルを作りました。\n\n{lines}\n\n"
                        "それぞれのファイルを、そのパソコンに渡してください。合言葉は別の方法（口頭など）で伝えてください。").format(
                    folder=folder, n=len(results), lines="\n".join(lines)))
            self._end("export")

        return self._start(work, self.tr("各パソコン用のファイルの作成"), "export", done)

    def make_enrolment_file(self) -> TaskHandle | None:
        """「新しいパソコン用の登録ファイルを作成」: everything plus the dataset, for `sync join`."""
        if self.state is None:
            self.reload()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        path = choose_save_path(self, self.tr("登録ファイルの保存先"), f"登録ファイル_{stamp}{FILE_SUFFIX}")
        if not path:
            return None
        passphrase = self._passphrase(self.tr("新しいパソコン用の登録ファイルを暗号化します。"), True)
        if passphrase is None:
            return None
        uow = self.shell.uow

        def work(progress: Any, abort: Any) -> ExportResult:
            return make_enrolment(uow(), path, passphrase, progress=progress, abort=abort)

        def done(result: ExportResult) -> None:
            self.last_export = result
            QMessageBox.information(
                self, self.tr("登録ファイルの作成"),
                result.summary + "\n\n" + self.tr(
                    "新しいパソコンで SasaeAI を初めて起動したときの画面で「登録ファイルから参加…」を押し、"
                    "このファイル（{file}）と合言葉を指定してください。"
                    "（コマンドでは: sasaeai --db 新しいデータベース.db sync join {file} --name 名前）"
                ).format(file=Path(path).name),
            )
            self._end("enrol")

        return self._start(work, self.tr("登録ファイルの作成"), "enrol", done)

    def read_file(self, given: list[str] | None = None) -> TaskHandle | None:
        """「ファイルを読み込む…」: one file or several at once (the office on Friday, every laptop's
        file). The passphrase is asked once; each file is a dry run → summary and 取り込みますか？ →
        import, in the order the files were written (a laptop's week 3 before its week 4); at the end
        one summary, and the conflicts or duplicates are offered. ``given``: files opened from
        outside (a double-clicked .sync, ``gui --sync-file``) instead of the file dialog."""
        if self.state is None:
            self.reload()
        paths = given or choose_open_paths(self, self.tr("読み込む同期ファイル（複数選べます）"))
        if not paths:
            return None
        paths = sorted(paths, key=lambda p: (Path(p).stat().st_mtime if Path(p).exists() else 0.0, p))
        if len(paths) == 1:
            purpose = self.tr("「{name}」を開きます。").format(name=Path(paths[0]).name)
        else:
            purpose = self.tr("{n} 個のファイル（「{name}」ほか）を開きます。").format(n=len(paths), name=Path(paths[0]).name)
        passphrase = self._passphrase(purpose, False)
        if passphrase is None:
            return None
        self._read_results: list[ImportResult] = []
        self._read_notes: list[str] = []
        return self._read_next(paths, 0, passphrase)

    def _read_next(self, paths: list[str], index: int, passphrase: str) -> TaskHandle | None:
        if index >= len(paths):
            self._read_finished()
            return None
        path = paths[index]
        uow = self.shell.uow
        title = self.tr("同期ファイルの読み込み")
        if len(paths) > 1:
            title += self.tr("（{i}/{n}: {name}）").format(i=index + 1, n=len(paths), name=Path(path).name)

        note = ""
        if len(paths) > 1:
            note = self.tr("先に選んだファイルのうち {done} 個は読み込み済みです。このファイルから後の {rest} 個は読み込んでいません。").format(
                done=len(self._read_results), rest=len(paths) - index)

        def preview(progress: Any, abort: Any) -> ImportResult:
            return import_file(uow(), path, passphrase, dry_run=True, progress=progress, abort=abort)

        def previewed(result: ImportResult) -> None:
            if result.already_imported:
                self._read_notes.append(result.summary)
                self._read_next(paths, index + 1, passphrase)
                return
            text = self.tr("取り込むと次のようになります。\n\n{summary}\n\n取り込みますか？").format(summary=import_summary(result))
            if result.warnings:
                text += "\n\n" + "\n".join(result.warnings)
            answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                if len(paths) > 1:  # of one file, the officer's own No needs no report
                    self._read_notes.append(self.tr("「{name}」は読み込みませんでした。").format(name=Path(path).name))
                self._read_next(paths, index + 1, passphrase)
                return

            def apply(progress: Any, abort: Any) -> ImportResult:
                return import_file(uow(), path, passphrase, progress=progress, abort=abort)

            def applied(result: ImportResult) -> None:
                self._record_import(result)
                self._read_next(paths, index + 1, passphrase)

            self._start(apply, title, "import", applied, note)

        return self._start(preview, title, "import", previewed, note)

    def _record_import(self, result: ImportResult) -> None:
        """One file is in: it stays on the page even if a later file of the same batch is refused."""
        self.last_import = result
        self._read_results.append(result)
        self.result_label.setText(self.tr("前回の読み込み（{when}）— {summary}").format(
            when=dt.datetime.now().strftime("%H:%M"), summary="\n".join(import_summary(r) for r in self._read_results)))
        self.result_label.setVisible(True)

    def _read_finished(self) -> None:
        title = self.tr("同期ファイルの読み込み")
        results, notes = self._read_results, self._read_notes
        if not results:
            if notes:
                QMessageBox.information(self, title, "\n".join(notes))
            self._end("import")
            return
        text = self.tr("取り込みました。\n\n{summary}").format(summary="\n".join(import_summary(r) for r in results))
        warnings = [w for r in results for w in r.warnings]
        if notes or warnings:
            text += "\n\n" + "\n".join([*notes, *warnings])
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if sum(r.conflicts for r in results):
            text += "\n\n" + self.tr("別々のパソコンで同じ項目が違う値に変更されています。今すぐ確認しますか？")
            if QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.Yes) == QMessageBox.StandardButton.Yes:
                self.show_conflicts()
        elif results[-1].duplicate_people:
            text += "\n\n" + self.tr("同じ人が二重に登録されている可能性があります。今すぐ確認しますか？")
            if QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.Yes) == QMessageBox.StandardButton.Yes:
                self.show_duplicates()
        else:
            QMessageBox.information(self, title, text)
        self._end("import")

    # -- what needs attention --------------------------------------------------------------------
    def show_conflicts(self) -> QWidget:
        dialog = open_conflicts(self.shell, self)
        dialog.finished.connect(lambda _r: self.reload())
        return dialog

    def show_duplicates(self) -> QWidget:
        dialog = open_duplicates(self.shell, self)
        dialog.finished.connect(lambda _r: self.reload())
        return dialog
