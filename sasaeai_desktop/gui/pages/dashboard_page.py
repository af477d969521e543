"""ダッシュボード: this 年度 at a glance, as tiles with big numbers that lead to their lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets import box_layouts as box
from sasaeai_desktop.services.progress import dashboard_counts
from sasaeai_desktop.services.progress.dashboard_figures import DashboardSummary

_COLUMNS = 4


class Tile(QFrame):
    """A number with a caption; clicking it opens the page behind the number."""

    clicked = Signal(str)

    def __init__(self, caption: str, target_page: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.target_page = target_page
        self.number_label = QLabel("–")
        self.number_label.setObjectName("tileNumber")
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("tileCaption")
        self.detail_label = QLabel("")
        self.detail_label.setObjectName("tileDetail")
        self.detail_label.setWordWrap(True)
        box.column(self, self.caption_label, self.number_label, self.detail_label, box.Stretch(),
                   margins=(18, 14, 18, 14), spacing=2)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(128)
        if target_page:
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_value(self, value: int, detail: str = "", *, alert: bool = False) -> None:
        self.number_label.setText(f"{value:,}")
        self.detail_label.setText(detail)
        self.setProperty("alert", alert)
        self.style().unpolish(self)
        self.style().polish(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.target_page and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.target_page)
        super().mouseReleaseEvent(event)


class DashboardPage(Page):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.summary: DashboardSummary | None = None
        self._stale = False
        self._refresh: Any = None  # the running background count (gui.tasks.TaskHandle)
        self._refresh_again = False

        self.title_label = QLabel(self.tr("ダッシュボード"))
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("pageSubtitle")

        self.registry_header = QLabel(self.tr("登録されているデータ"))
        self.registry_header.setObjectName("sectionHeader")
        self.activity_header = QLabel()
        self.activity_header.setObjectName("sectionHeader")

        self.tiles: dict[str, Tile] = {
            "municipalities": Tile(self.tr("市町村（保険者）"), "municipalities"),
            "missing_figures": Tile(self.tr("人口・高齢化率が未入力"), "municipalities"),
            "people": Tile(self.tr("人"), "people"),
            "advisors": Tile(self.tr("アドバイザー"), "advisors"),
            "visits": Tile(self.tr("今年度の訪問"), "activities"),
            "consultations": Tile(self.tr("対応中の相談"), "activities"),
            "events": Tile(self.tr("今年度の研修"), "trainings"),
            "tasks": Tile(self.tr("未完了のフォローアップ"), None),
        }
        for tile in self.tiles.values():
            tile.clicked.connect(self.navigate_requested)

        registry = QGridLayout()
        activity = QGridLayout()
        for grid in (registry, activity):
            grid.setHorizontalSpacing(14)
            grid.setVerticalSpacing(14)
            for column in range(_COLUMNS):
                grid.setColumnStretch(column, 1)
        for i, key in enumerate(("municipalities", "missing_figures", "people", "advisors")):
            registry.addWidget(self.tiles[key], 0, i)
        for i, key in enumerate(("visits", "consultations", "events", "tasks")):
            activity.addWidget(self.tiles[key], 0, i)

        self.hint_label = QLabel()
        self.hint_label.setObjectName("noteLabel")
        self.hint_label.setWordWrap(True)

        box.column(
            self, self.title_label, self.subtitle_label, box.Space(8), self.registry_header, registry,
            box.Space(8), self.activity_header, activity, box.Space(8), self.hint_label, box.Stretch(),
            margins=(24, 16, 24, 16), spacing=10,
        )

        changes.hub().changed.connect(self.on_changes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.summary is None or self._stale:
            QTimer.singleShot(0, self.reload)

    def is_data_ready(self) -> bool:
        return self.summary is not None

    def on_changes(self, _kinds: frozenset[str]) -> None:
        # Every kind of change moves some number here.
        if self.isVisible():
            self.refresh_in_background()
        else:
            self._stale = True

    # -- counting off the GUI thread --------------------------------------------------------------
    def refresh_in_background(self) -> None:
        """After an import or a sync read, counting a big database's figures took a quarter of a
        second on the GUI thread, just as the window should answer again; they are counted on the
        task lane (after the job that changed them) and shown when ready. Changes arriving while
        a count runs are counted once more after it."""
        from sasaeai_desktop.gui.tasks import run_task

        if not shiboken6.isValid(self):
            return
        if self._refresh is not None and not self._refresh.done:
            self._refresh_again = True
            return
        self._refresh_again = False
        request = self.gather_request()
        gather = type(self).gather  # reads the database only: no widget is touched off the GUI thread
        uow = self.shell.uow
        self._refresh = run_task(self, lambda _p, _a: gather(uow, request), title=self.tr("ダッシュボードの更新"),
                                 on_success=self._show_gathered, on_error=lambda _exc: self._refreshed(failed=True))

    def gather_request(self) -> dict[str, Any]:
        """What the user chose on the page (read on the GUI thread, for ``gather``)."""
        return {"today": dt.date.today()}

    @staticmethod
    def gather(uow: Callable[[], Any], request: dict[str, Any]) -> dict[str, Any]:
        return {"summary": dashboard_counts.dashboard_summary(uow(), request["today"]), "today": request["today"]}

    def _show_gathered(self, data: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the figures were counted
        self._stale = False
        self._show_summary(data["summary"], data["today"])
        self._refreshed(failed=False)

    def _refreshed(self, *, failed: bool) -> None:
        if not shiboken6.isValid(self):
            return
        if failed:
            self._stale = True  # counted again when next shown
        if self._refresh_again:
            QTimer.singleShot(0, self.refresh_in_background)

    def reload(self) -> None:
        self._stale = False
        today = dt.date.today()
        self._show_summary(dashboard_counts.dashboard_summary(self.shell.uow(), today), today)

    def _show_summary(self, summary: DashboardSummary, today: dt.date) -> None:
        self.summary = summary
        self.subtitle_label.setText(
            self.tr("{prefecture}　{fy}　{date}現在").format(
                prefecture=self.shell.prefecture_name,
                fy=summary.fiscal_year_label,
                date=f"{today.year}年{today.month}月{today.day}日",
            )
        )
        self.activity_header.setText(self.tr("{fy}の活動").format(fy=summary.fiscal_year_label))
        t = self.tiles
        t["municipalities"].set_value(summary.municipalities, self.tr("広域連合を含む（区は市に含める）"))
        t["missing_figures"].set_value(
            summary.municipalities_missing_figures,
            self.tr("市町村の画面で入力できます") if summary.municipalities_missing_figures else self.tr("すべて入力済みです"),
        )
        t["people"].set_value(summary.people, self.tr("市町村職員・コーディネーター・参加者など"))
        t["advisors"].set_value(summary.advisors, self.tr("アドバイザー名簿の登録数"))
        t["visits"].set_value(summary.visits_this_year, self.tr("訪問・助言の記録"))
        t["consultations"].set_value(summary.consultations_open, self.tr("完了になっていない相談"))
        t["events"].set_value(summary.events_this_year, self.tr("研修・情報交換会・現地見学など"))
        overdue = summary.tasks_overdue
        t["tasks"].set_value(
            summary.tasks_open,
            self.tr("うち期限切れ {n} 件").format(n=f"{overdue:,}") if overdue else self.tr("期限切れはありません"),
            alert=overdue > 0,
        )
        empty = summary.people == 0 and summary.visits_this_year == 0 and summary.events_this_year == 0
        self.hint_label.setText(
            self.tr(
                "まだ人や活動の記録がありません。訪問は「訪問・相談」の［新規］（Ctrl+N）で、研修は「研修」の"
                "［新規…］で記録できます。関係者は「人」に、人口や高齢化率は「市町村」に、Excel からも取り込めます"
                "（ファイル → Excelから取り込む…）。"
            )
            if empty
            else ""
        )
        self.hint_label.setVisible(empty)
        self.status_changed.emit("")
        self.data_ready.emit()
