"""Scenario 5, Friday sync, through the real main windows (docs/sync.md; /work/shared/domain.md).

The office PC enrols three laptops. On Friday two officers edit the same visit's 助言内容 and the
same person's phone on their laptops, each writes a file for the office on the 同期 page; the
office reads both, resolves the two conflicts by keyboard in the conflicts dialog and writes a
file back for each; on Monday every laptop reads its file. A third laptop, away for a month
(four weekly rounds), made an edit of its own meanwhile and then catches up.

Everything goes through the windows: forms opened from the lists with the keyboard, the 同期
page's buttons, the real passphrase dialog typed into. Only the file chooser is stood in for
(QFileDialog statics return paths in tmp_path). Convergence is checked with plain sqlite3: every
synced table holds the same rows in every database, no field is left with several values, and
the dashboards show the same numbers.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.gui.dialogs.conflicts_dialog import ConflictsDialog
from sasaeai_desktop.gui.dialogs.passphrase_dialog import PassphraseDialog
from sasaeai_desktop.gui.dialogs.person_dialog import PersonDialog
from sasaeai_desktop.gui.dialogs.visit_dialog import VisitDialog
from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.gui.pages.sync_page import SyncPage
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import visits
from tests.property.sync_world import FAST_SCRYPT_N

from .helpers import sql
from .helpers import type_text
from .helpers import wait_loaded

PASS = "ささえあい2026春"
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = dt.date.today()


# -- driving modal dialogs one after another ------------------------------------------------------
class Modals:
    """Answers the modal dialogs the window opens, in order: each step gets the next new one.

    A step that leaves its dialog open fails the test (the dialog is rejected so nothing hangs)."""

    def __init__(self) -> None:
        self.steps: list[Callable[[QDialog], None]] = []
        self.seen: list[QDialog] = []
        self.errors: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._poll)

    def expect(self, *steps: Callable[[QDialog], None]) -> Modals:
        self.steps.extend(steps)
        self.timer.start()
        return self

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not self.steps or not isinstance(dialog, QDialog) or not dialog.isVisible() or dialog in self.seen:
            return
        if not dialog.isActiveWindow():  # a person types once the dialog has the focus
            dialog.activateWindow()
            return
        self.seen.append(dialog)
        step = self.steps.pop(0)
        try:
            step(dialog)
        except Exception as exc:
            self.errors.append(f"{type(dialog).__name__}: {exc!r}")
        finally:
            if dialog.isVisible():
                self.errors.append(f"{type(dialog).__name__} was left open")
                dialog.reject()
        if not self.steps:
            self.timer.stop()

    def done(self) -> None:
        self.timer.stop()
        assert not self.errors, self.errors
        assert not self.steps, f"{len(self.steps)} dialog(s) never opened"


@pytest.fixture
def modals() -> Iterator[Modals]:
    m = Modals()
    yield m
    m.timer.stop()


def passphrase(text: str, *, twice: bool = False) -> Callable[[QDialog], None]:
    def step(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog), type(dialog)
        assert dialog.new == twice
        last = dialog.edit
        type_text(dialog.edit, text)
        if twice:
            type_text(dialog.repeat_edit, text)
            last = dialog.repeat_edit
        QTest.keyClick(last, Qt.Key.Key_Return)
        assert not dialog.isVisible(), dialog.error_label.text()

    return step


def typed_lines(*lines: str) -> Callable[[QDialog], None]:
    """The several-line 編集… box: replace what is there, Enter between the lines, Ctrl+Enter for OK."""

    def step(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog), type(dialog)
        box = dialog.findChild(QPlainTextEdit)
        assert box is not None and box.isVisible()
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_A, CTRL)
        QTest.keyClick(box, Qt.Key.Key_Delete)
        for i, line in enumerate(lines):
            if i:
                QTest.keyClick(box, Qt.Key.Key_Return)
            type_text(box, line)
        QTest.keyClick(box, Qt.Key.Key_Return, CTRL)

    return step


def typed_text(text: str) -> Callable[[QDialog], None]:
    """A QInputDialog: replace what is there with ``text`` and press Enter."""

    def step(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog), type(dialog)
        edit = dialog.findChild(QLineEdit)
        QTest.keyClick(edit, Qt.Key.Key_A, CTRL)
        type_text(edit, text)
        QTest.keyClick(edit, Qt.Key.Key_Return)

    return step


# -- the databases and their windows --------------------------------------------------------------
class Office:
    """The file chooser stand-in: the next path QFileDialog returns, and where files go."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.next_path: str = ""
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (self.next_path, ""))
        self.next_paths: list[str] = []  # several files picked at once (the office's Friday)
        self.next_folder: str = ""
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: self.next_folder)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (self.next_path, ""))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                            lambda *_a, **_k: (self.next_paths or [self.next_path], ""))


def open_window(qtbot: Any, ctx: AppContext) -> MainWindow:
    win = MainWindow(ShellContext(ctx, "20", "長野県"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    return win


def close_window(qtbot: Any, win: MainWindow) -> None:
    win.close()
    qtbot.wait(10)


def go(win: MainWindow, number: int) -> Any:
    if not win.isActiveWindow():  # offscreen, a closed dialog hands the activation to nobody
        win.activateWindow()
        for _ in range(100):
            if win.isActiveWindow():
                break
            QTest.qWait(20)
    QTest.keyClick(win, getattr(Qt.Key, f"Key_{number}"), CTRL)
    return win.current_page()


def sync_page(qtbot: Any, win: MainWindow) -> SyncPage:
    page = go(win, 9)
    assert isinstance(page, SyncPage)
    wait_loaded(qtbot, page)
    return page


def run_flow(qtbot: Any, page: SyncPage, button: Any) -> None:
    with qtbot.waitSignal(page.flow_finished, timeout=30000):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_peer(page: SyncPage, name: str) -> None:
    """渡す相手: the combo, by keyboard (↓ until the name shows)."""
    page.peer_combo.setFocus()
    for _ in range(page.peer_combo.count()):
        if page.peer_combo.currentText().startswith(name):
            break
        QTest.keyClick(page.peer_combo, Qt.Key.Key_Down)
    assert page.peer_combo.currentText().startswith(name), page.peer_combo.currentText()
    assert page.export_button.text() == f"{name}さん用のファイルを作成…"


def export_for(qtbot: Any, win: MainWindow, office: Office, modals: Modals, peer: str | None, name: str) -> Path:
    page = sync_page(qtbot, win)
    if peer is None:
        page.peer_combo.setCurrentIndex(0)
    else:
        choose_peer(page, peer)
    office.next_path = str(office.folder / name)
    modals.expect(passphrase(PASS))
    run_flow(qtbot, page, page.export_button)
    modals.done()
    assert Path(office.next_path).exists()
    return Path(office.next_path)


def export_for_each(qtbot: Any, win: MainWindow, office: Office, modals: Modals, into: Path) -> dict[str, Path]:
    """各パソコン用のファイルをまとめて作成…: a folder, the passphrase once; the file of each laptop by name."""
    into.mkdir()
    page = sync_page(qtbot, win)
    office.next_folder = str(into)
    modals.expect(passphrase(PASS))
    run_flow(qtbot, page, page.export_each_button)
    modals.done()
    files = {p.name: p for p in into.iterdir()}
    return {name: next(p for f, p in files.items() if f"から{name}へ" in f) for name in ("田中PC", "鈴木PC", "小林PC")
            if any(f"から{name}へ" in f for f in files)}


def read(qtbot: Any, win: MainWindow, office: Office, modals: Modals, path: Path | list[Path], boxes: Any) -> SyncPage:
    """ファイルを読み込む…: one file or several picked at once, the passphrase typed once, each
    preview answered 取り込む (Yes)."""
    page = sync_page(qtbot, win)
    paths = path if isinstance(path, list) else [path]
    office.next_paths = [str(p) for p in paths]
    boxes.answer = QMessageBox.StandardButton.Yes
    modals.expect(passphrase(PASS))
    run_flow(qtbot, page, page.import_button)
    modals.done()
    office.next_paths = []
    boxes.answer = QMessageBox.StandardButton.No
    return page


def open_from_list(qtbot: Any, win: MainWindow, page_number: int, search: str, modals: Modals,
                   edit: Callable[[QDialog], QWidget]) -> None:
    """Ctrl+n to the page, Ctrl+F, type, Enter (to the first hit), Enter (opens it), edit, Ctrl+Enter."""
    page = go(win, page_number)
    lst = getattr(page, "visits", page)
    wait_loaded(qtbot, lst)
    QTest.keyClick(win, Qt.Key.Key_F, CTRL)
    box = QApplication.focusWidget()
    assert box is lst.search_edit
    QTest.keyClick(box, Qt.Key.Key_A, CTRL)
    type_text(box, search)
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lst.model.total >= 1 and lst.selected_row() is not None, timeout=3000)

    def step(dialog: QDialog) -> None:
        field = edit(dialog)
        QTest.keyClick(field, Qt.Key.Key_Return, CTRL)
        assert not dialog.isVisible(), getattr(dialog.ui, "errorLabel", None) and dialog.ui.errorLabel.text()

    modals.expect(step)
    QTest.keyClick(lst.view, Qt.Key.Key_Return)
    modals.done()


def replace_text(widget: QWidget, text: str) -> QWidget:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, CTRL)
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)
    return widget


def edit_advice(text: str) -> Callable[[QDialog], QWidget]:
    def step(dialog: QDialog) -> QWidget:
        assert isinstance(dialog, VisitDialog)
        return replace_text(dialog.ui.adviceEdit, text)

    return step


def edit_phone(text: str) -> Callable[[QDialog], QWidget]:
    def step(dialog: QDialog) -> QWidget:
        assert isinstance(dialog, PersonDialog)
        return replace_text(dialog.ui.phoneEdit, text)

    return step


def edit_visit_advice(qtbot: Any, win: MainWindow, modals: Modals, text: str) -> None:
    open_from_list(qtbot, win, 3, "上田", modals, edit_advice(text))


def edit_person_phone(qtbot: Any, win: MainWindow, modals: Modals, kana: str, phone: str) -> None:
    open_from_list(qtbot, win, 7, kana, modals, edit_phone(phone))


# -- independent checks ----------------------------------------------------------------------------
def synced_tables(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = []
        for name in names:
            if name.startswith(("sync_", "local_", "sqlite_")):
                continue
            cols = {r[1] for r in conn.execute(f"PRAGMA table_info('{name}')")}
            if {"id", "created_at", "updated_at", "deleted"} <= cols:
                out.append(name)
        return out
    finally:
        conn.close()


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sql(db, f"SELECT * FROM \"{t}\" ORDER BY id") for t in synced_tables(db)}


def open_conflicts(db: Path) -> int:
    return sql(db, "SELECT count(*) FROM (SELECT 1 FROM sync_head WHERE field NOT IN ('created_at', 'updated_at') "
                   "GROUP BY tbl, row_id, field HAVING count(DISTINCT value) > 1)")[0][0]


def dashboard_numbers(qtbot: Any, win: MainWindow) -> dict[str, str]:
    page = go(win, 1)
    wait_loaded(qtbot, page)
    page.reload()
    return {key: tile.number_label.text() for key, tile in page.tiles.items()}


# -- the scenario ----------------------------------------------------------------------------------
def test_friday_sync_converges_every_laptop(qtbot: Any, shell: Any, ctx: AppContext, db_path: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, message_boxes: Any, modals: Modals) -> None:
    monkeypatch.setattr(pkg, "SCRYPT_N", FAST_SCRYPT_N)
    folder = tmp_path / "共有フォルダー"
    folder.mkdir()
    office = Office(folder, monkeypatch)

    # What the office already holds: a person and a visit to 上田市 this month.
    ueda = municipalities.find_by_code(shell.uow(), "202037")
    assert ueda is not None
    yamada = people.save(shell.uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう",
                                                        phone="0268-00-0000", municipality_id=ueda.id))
    visit = visits.save(shell.uow(), visits.VisitData(
        None, ueda.id, TODAY - dt.timedelta(days=3), purpose_category="個別助言", purpose="第2層協議体の立ち上げ",
        advice="既存の地区会議を活用するよう助言")).id

    # -- the office names itself and writes an enrolment file (the passphrase is set here) --------
    ow = open_window(qtbot, ctx)
    page = sync_page(qtbot, ow)
    replace_text(page.name_edit, "事務所PC")
    QTest.keyClick(page.name_edit, Qt.Key.Key_Return)
    assert sql(db_path, "SELECT value FROM local_meta WHERE key = 'sync_replica_name'") == [("事務所PC",)]
    office.next_path = str(folder / "登録ファイル.sync")
    modals.expect(passphrase(PASS, twice=True))
    run_flow(qtbot, page, page.enrol_button)
    modals.done()
    assert "登録ファイルから参加" in message_boxes.texts()[-1]
    close_window(qtbot, ow)

    # -- three laptops join from it, as the first-start screen does ---------------------------------
    from sasaeai_desktop.gui import join_flow

    laptops: dict[str, AppContext] = {}
    for name in ("田中PC", "鈴木PC", "小林PC"):
        lctx = open_database(tmp_path / f"{name}.db")
        laptops[name] = lctx
        joined: list[Any] = []
        office.next_path = str(folder / "登録ファイル.sync")
        modals.expect(typed_text(name), passphrase(PASS))
        handle = join_flow.start_join(lctx.uow, None, joined.append, joined.append)
        assert handle is not None
        qtbot.waitUntil(partial(bool, joined), timeout=30000)
        modals.done()
        assert not isinstance(joined[0], BaseException), joined[0]
    message_boxes.answer = QMessageBox.StandardButton.No

    # 小林PC is away from the office for a month; before leaving, its officer types an edit of their
    # own, offline, in a field nobody else touches: 山田's e-mail.
    kw = open_window(qtbot, laptops["小林PC"])
    open_from_list(qtbot, kw, 7, "やまだ", modals, lambda d: replace_text(d.ui.emailEdit, "yamada@ueda.example.jp"))
    close_window(qtbot, kw)

    # -- Friday: both officers edit the same two fields, each writes a file for the office ---------
    files: dict[str, Path] = {}
    for name, advice, phone in (
        ("田中PC", "送迎ボランティアの先行事例（佐久市）を紹介した", "0268-11-1111"),
        ("鈴木PC", "地区社協と住民の話し合いの場から始めるよう助言", "0268-22-2222"),
    ):
        w = open_window(qtbot, laptops[name])
        edit_visit_advice(qtbot, w, modals, advice)
        edit_person_phone(qtbot, w, modals, "やまだ", phone)
        files[name] = export_for(qtbot, w, office, modals, "事務所PC", f"{name}から事務所へ.sync")
        close_window(qtbot, w)
    assert "事務所PCさん" in message_boxes.texts()[-1]

    # -- the office reads both files at once (picked together); the second brings the two conflicts
    ow = open_window(qtbot, ctx)
    asked = len(message_boxes.shown)
    page = read(qtbot, ow, office, modals, [files["鈴木PC"], files["田中PC"]], message_boxes)  # read as written
    previews = [t for k, _title, t in message_boxes.shown[asked:] if "取り込みますか" in t]
    assert [("田中PC" in t, "鈴木PC" in t) for t in previews] == [(True, False), (False, True)], previews
    assert "田中PCのファイル: 追加 0 件、更新 2 件、競合 0 件" in page.result_label.text()
    assert "鈴木PCのファイル: 追加 0 件、更新 2 件、競合 2 件" in page.result_label.text()
    assert "今すぐ確認しますか" in message_boxes.texts()[-1]  # answered Yes: the dialog is open
    assert open_conflicts(db_path) == 2
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictsDialog) and w.isVisible())
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    titles = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    # each conflict says which record and which box, in the words of the forms
    day = (TODAY - dt.timedelta(days=3)).isoformat()
    assert sorted(titles) == sorted(["人「山田 太郎」 — 電話", f"訪問「上田市 {day} 第2層協議体の立ち上げ」 — 助言内容"]), titles

    # the phone: 田中PC's number is the right one — pick its row, 相手の値を採用
    resolve_by_keyboard(qtbot, dialog, "電話", pick="田中PC", key="theirs")
    # the advice: both are worth keeping — 編集… and type the two together, one a line
    tanaka, suzuki = "送迎ボランティアの先行事例（佐久市）を紹介した", "地区社協と住民の話し合いの場から始めるよう助言"
    both = f"{tanaka}\n{suzuki}"
    modals.expect(typed_lines(tanaka, suzuki))
    resolve_by_keyboard(qtbot, dialog, "助言内容", pick=None, key="edit")
    modals.done()
    assert dialog.list.count() == 0 and dialog.empty_label.isVisibleTo(dialog)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert open_conflicts(db_path) == 0
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", yamada) == [("0268-11-1111",)]
    assert sql(db_path, "SELECT advice FROM visit WHERE id = ?", visit) == [(both,)]
    wait_loaded(qtbot, page)
    assert page.conflicts_label.text() == "未解決の競合: 0 件"

    # -- and writes a file back for each laptop, all at once into one folder --------------------------
    back = export_for_each(qtbot, ow, office, modals, folder / "第1週")
    assert set(back) == {"田中PC", "鈴木PC"}, back  # 小林PC has sent nothing yet: the office does not know it
    assert "2 個のファイルを作りました" in message_boxes.texts()[-1]
    close_window(qtbot, ow)

    # -- Monday: every laptop that was in reads its file -------------------------------------------------
    for name in ("田中PC", "鈴木PC"):
        w = open_window(qtbot, laptops[name])
        lp = read(qtbot, w, office, modals, back[name], message_boxes)
        assert "競合 0 件" in lp.result_label.text(), lp.result_label.text()
        assert lp.conflicts_label.text() == "未解決の競合: 0 件"
        close_window(qtbot, w)
    for name in ("田中PC", "鈴木PC"):
        assert dump(tmp_path / f"{name}.db") == dump(db_path), name

    # -- three more weekly rounds without 小林PC -------------------------------------------------------
    for week in range(2, 5):
        sent = {}
        for name in ("田中PC", "鈴木PC"):
            w = open_window(qtbot, laptops[name])
            if name == "田中PC":
                edit_person_phone(qtbot, w, modals, "やまだ", f"0268-{week}{week}-000{week}")
            else:
                edit_visit_advice(qtbot, w, modals, f"第{week}週: 送迎ボランティアの登録 {week * 3} 人")
            sent[name] = export_for(qtbot, w, office, modals, "事務所PC", f"{name}から事務所へ_{week}.sync")
            close_window(qtbot, w)
        ow = open_window(qtbot, ctx)
        read(qtbot, ow, office, modals, list(sent.values()), message_boxes)
        back = export_for_each(qtbot, ow, office, modals, folder / f"第{week}週")
        close_window(qtbot, ow)
        for name in ("田中PC", "鈴木PC"):
            w = open_window(qtbot, laptops[name])
            read(qtbot, w, office, modals, back[name], message_boxes)
            close_window(qtbot, w)
    assert open_conflicts(db_path) == 0

    # -- 小林PC is back after a month -----------------------------------------------------------------
    kw = open_window(qtbot, laptops["小林PC"])
    # the latest file on the shared folder was made for 田中PC: it lacks what came before, and says so
    kp = sync_page(qtbot, kw)
    office.next_path = str(back["田中PC"])
    modals.expect(passphrase(PASS))
    run_flow(qtbot, kp, kp.import_button)
    modals.done()
    kind, _title, refusal = message_boxes.shown[-1]
    assert kind == "warning" and "データベースは変更していません" in refusal, refusal
    # ...in words that say what to do: this file was for 田中PC, ask the office for one for 小林PC
    assert f"「{back['田中PC'].name}」は 田中PC" in refusal and "事務所PC" in refusal, refusal
    assert "「小林PCさん用のファイル」" in refusal, refusal
    # it writes its own file for the office...
    mine = export_for(qtbot, kw, office, modals, "事務所PC", "小林PCから事務所へ.sync")
    close_window(qtbot, kw)
    ow = open_window(qtbot, ctx)
    read(qtbot, ow, office, modals, mine, message_boxes)
    assert sql(db_path, "SELECT email FROM person WHERE id = ?", yamada) == [("yamada@ueda.example.jp",)]
    # ...and the office writes one for it (and for the others, who now lack 小林PC's edit)
    back = export_for_each(qtbot, ow, office, modals, folder / "小林PCが戻った週")
    assert set(back) == {"田中PC", "鈴木PC", "小林PC"}
    catch_up = back.pop("小林PC")
    office_numbers = dashboard_numbers(qtbot, ow)
    close_window(qtbot, ow)
    for name, path in (("小林PC", catch_up), *back.items()):
        w = open_window(qtbot, laptops[name])
        lp = read(qtbot, w, office, modals, path, message_boxes)
        assert lp.conflicts_label.text() == "未解決の競合: 0 件", name
        assert dashboard_numbers(qtbot, w) == office_numbers, name
        close_window(qtbot, w)

    # -- everyone holds the same ------------------------------------------------------------------
    want = dump(db_path)
    assert sql(db_path, "SELECT phone, email FROM person WHERE id = ?", yamada) == [("0268-44-0004", "yamada@ueda.example.jp")]
    assert sql(db_path, "SELECT advice FROM visit WHERE id = ?", visit) == [("第4週: 送迎ボランティアの登録 12 人",)]
    for name, lctx in laptops.items():
        assert dump(lctx.db_path) == want, name
        assert open_conflicts(lctx.db_path) == 0, name
    assert open_conflicts(db_path) == 0
    for lctx in laptops.values():
        lctx.close()


def resolve_by_keyboard(qtbot: Any, dialog: ConflictsDialog, field: str, *, pick: str | None, key: str) -> None:
    """Arrow to the conflict in the list, Tab into the values, arrow to ``pick``'s row, then the button."""
    dialog.list.setFocus()
    QTest.keyClick(dialog.list, Qt.Key.Key_Home)
    for _ in range(dialog.list.count()):
        if field in dialog.list.currentItem().text():
            break
        QTest.keyClick(dialog.list, Qt.Key.Key_Down)
    assert field in dialog.list.currentItem().text()
    if pick is not None:
        QTest.keyClick(dialog.list, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.values
        QTest.keyClick(dialog.values, Qt.Key.Key_Home)
        for _ in range(dialog.values.rowCount()):
            row = dialog.values.currentRow()
            if row >= 0 and dialog.values.item(row, 0).text().startswith(pick):
                break
            QTest.keyClick(dialog.values, Qt.Key.Key_Down)
        assert dialog.values.item(dialog.values.currentRow(), 0).text().startswith(pick)
    button = {"theirs": dialog.theirs_button, "mine": dialog.mine_button, "edit": dialog.edit_button}[key]
    before = dialog.list.count()
    # the buttons are reached by Tab from the table, as an officer would
    for _ in range(8):
        if QApplication.focusWidget() is button:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button, QApplication.focusWidget()
    QTest.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.list.count() == before - 1, timeout=3000)
