"""The events sheet (研修・フォーラム) through the window's import dialog, offscreen: the kind is
offered, the preview shows the rows, 取り込む writes them, and the 研修 page shows the counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sasaeai_desktop.gui.dialogs import import_dialog
from sasaeai_desktop.gui.dialogs.import_dialog import ImportDialog
from sasaeai_desktop.gui.pages.catalog import page_specs
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import outreach
from sasaeai_desktop.services.trainings.outreach import PublicCounts
from tests.excel_books import book

from .helpers import sql


def _wait(qtbot: Any, dialog: ImportDialog) -> None:
    assert dialog.task is not None
    if not dialog.task.done:
        with qtbot.waitSignal(dialog.task.finished, timeout=20000):
            pass


def test_an_events_sheet_is_previewed_and_imported_through_the_dialog(qtbot: Any, shell: Any, db_path: Path,
                                                                      tmp_path: Path) -> None:
    forum = events.save_event(shell.uow(), events.EventData(
        None, "フォーラム・セミナー", "支え合いフォーラム", 2025, sessions=(events.SessionData(None, dt.date(2025, 11, 3)),)))
    path = book(tmp_path / "研修.xlsx", [
        ["年度", "種別", "研修名", "開催日", "会場", "一般参加者数", "うち住民", "開催市町村", "作成した媒体"],
        ["令和7年度", "フォーラム・セミナー", "支え合いフォーラム", "2025/11/3", None, "２４０人", 180, "上田市",
         "チラシ: 開催案内 <\\\\share\\普及\\a.pdf>"],
        [2025, "フォーラム・セミナー", "地域デビュー講座", "R8.2.14", "松本市中央公民館", None, None, "松本市", None],
    ], sheet="研修")
    trainings = next(s for s in page_specs() if s.key == "trainings").factory(shell)
    qtbot.addWidget(trainings)
    trainings.show()
    trainings.reload()
    titles = lambda: [trainings.events.item(i).text() for i in range(trainings.events.count())]  # noqa: E731
    assert not any("地域デビュー講座" in t for t in titles())
    dialog = ImportDialog(shell, "events")
    qtbot.addWidget(dialog)
    kinds = {dialog.kind_combo.itemData(i): dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())}
    assert "研修・フォーラム" in kinds["events"] and dialog.kind_combo.currentData() == "events"
    dialog.resize(1366, 768)
    dialog.show()
    dialog.set_file(path)
    _wait(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.ok, [str(p) for p in dialog.plan.problems]
    assert [dialog.model.index(r, 1).data() for r in range(2)] == ["更新", "新規"]
    assert dialog.model.index(0, 2).data() == "支え合いフォーラム（2025-11-03）"
    assert "一般参加者数" in dialog.model.index(0, 3).data()
    dialog.import_button.click()
    _wait(qtbot, dialog)
    got = outreach.get_outreach(shell.uow(), forum)
    assert got.counts == PublicCounts(240, 180) and [(x.kind, x.title) for x in got.media] == [("チラシ", "開催案内")]
    assert sql(db_path, "SELECT t.title, s.date, s.venue FROM training_event t JOIN training_session s ON s.event_id = t.id"
                        " WHERE t.title = '地域デビュー講座'") == [("地域デビュー講座", "2026-02-14", "松本市中央公民館")]
    qtbot.waitUntil(lambda: any("地域デビュー講座" in t for t in titles()), timeout=5000)  # the page reloaded itself


def test_file_menu_import_on_the_trainings_page_without_an_event_opens_the_events_sheet(window: Any,
                                                                                       monkeypatch: Any) -> None:
    opened: list[str] = []
    monkeypatch.setattr(import_dialog, "open_import_dialog", lambda parent, shell, kind: opened.append(kind))
    window.show_page("trainings")
    window.import_excel()
    assert opened == ["events"]


def test_the_trainings_page_exports_its_year_and_the_file_imports_back_unchanged(
    qtbot: Any, window: Any, shell: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """ファイル > Excelに出力… on 研修 writes the events of the 年度 shown (counts, media and all), and
    the import dialog reads that file back with every row 変更なし."""
    from PySide6.QtWidgets import QFileDialog

    from sasaeai_desktop.gui import tasks
    from sasaeai_desktop.services.trainings.outreach import MediaItem

    for fy, title in ((2024, "前年度のフォーラム"), (2025, "支え合いフォーラム"), (2025, "担い手養成研修")):
        eid = events.save_event(shell.uow(), events.EventData(
            None, "フォーラム・セミナー", title, fy, sessions=(events.SessionData(None, dt.date(fy, 11, 3), venue="県庁"),)))
        outreach.save_counts(shell.uow(), eid, PublicCounts(120, 100))
        outreach.save_media(shell.uow(), eid, MediaItem(None, "チラシ", "開催案内", "https://example.jp/a.pdf"))
    target = tmp_path / "研修一覧.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.show_page("trainings")
    page = window.current_page()
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    assert tasks.wait_for_idle(20000)
    qtbot.waitUntil(target.exists, timeout=5000)
    dialog = ImportDialog(shell, "events")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(target)
    _wait(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.ok
    assert sorted(dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())) == [
        "担い手養成研修（2025-11-03）", "支え合いフォーラム（2025-11-03）"]
    assert {dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())} == {"変更なし"}
