"""The 申込・出欠 tab's grid: one row per registration in sign-in-sheet order, one ○/× column per
日程; after the event the ticks of the paper sign-in sheet are typed into those columns."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem

from sasaeai_desktop.gui.pages.attendance_keys import ON_SHEET_ROLE
from sasaeai_desktop.gui.pages.attendance_keys import AttendanceKeys
from sasaeai_desktop.gui.pages.trainings.tables import read_only
from sasaeai_desktop.services.trainings.events import SessionData
from sasaeai_desktop.services.trainings.events import session_label
from sasaeai_desktop.services.trainings.registrations import RegistrationRow

# These columns, then one per 日程 (○/×), then 注意. ふりがな and 所属 are the name's tooltip: as
# columns they pushed the 日程 columns off a 1366-px screen.
REG_HEADERS = ("No.", "氏名", "市町村", "役割", "日程", "状態", "課題", "グループ")
REG_NAME, REG_PRE_ASSIGNMENT = 1, 6
REG_HEADER_TIPS = {1: "氏名（ふりがな・所属はマウスを重ねると表示）", 4: "申込んだ日程", 6: "事前課題"}
REG_MAX_WIDTHS = {0: 44, 1: 120, 2: 96, 3: 96, 4: 80, 5: 96, 6: 48, 7: 104}  # 日程 columns: 56

# registration id, 日程 id, present (None: forget the tick) → whether it was stored
RecordTick = Callable[[str, str, bool | None], bool]


class RegistrationGrid(QTableWidget):
    """Shows the rows it is given; a tick typed in a 日程 column is stored at once through ``record``."""

    def __init__(self, record: RecordTick) -> None:
        super().__init__(0, 0)
        self._record = record
        self.rows: list[RegistrationRow] = []
        self._sessions: tuple[SessionData, ...] = ()
        read_only(self, whole_rows=True)
        self._attendance_keys = AttendanceKeys(self, self._is_session_column, self._record_attendance)
        self.setObjectName("registrationGrid")
        # Whole rows are selected: the cell a tick goes into is framed, or it could not be told apart.
        self.setStyleSheet("QTableWidget#registrationGrid::item:focus { border: 2px solid #0b4f9c; }")

    def show_rows(self, rows: list[RegistrationRow], sessions: tuple[SessionData, ...]) -> None:
        self.rows, self._sessions = rows, sessions
        heads = [*REG_HEADERS, *(s.label or s.date.strftime("%m/%d") for s in sessions), "注意"]
        self.setColumnCount(len(heads))
        self.setHorizontalHeaderLabels(heads)
        for j, tip in REG_HEADER_TIPS.items():
            self.horizontalHeaderItem(j).setToolTip(tip)
        for j, s in enumerate(sessions, len(REG_HEADERS)):
            self.horizontalHeaderItem(j).setToolTip(
                session_label(s) + "\n" + self.tr("Space・○ で出席、× で欠席、Delete で取り消し"))
        self.setRowCount(len(rows))
        # The 日程 a person registered for by its name (北信会場) or date; date and venue in the tooltip.
        short = {s.id: s.label or s.date.strftime("%m/%d") for s in sessions}
        off_sheet = self.palette().color(QPalette.ColorRole.Mid)
        off_sheet.setAlpha(60)
        for i, r in enumerate(rows):
            vals = [str(r.row_order), r.name, r.municipality, r.role, short.get(r.session_id, r.session_label) or "全日程",
                    r.status + ("（当日）" if r.walk_in else ""), "受領" if r.pre_assignment_received else "",
                    r.group_label]
            for s in sessions:
                a = r.attendance.get(s.id) if s.id else None
                vals.append("○" if a else ("×" if a is False else ""))
            vals.append("・".join(r.flags))
            tips = {REG_NAME: "　".join(filter(None, (r.kana, r.affiliation))), 4: r.session_label, len(vals) - 1: vals[-1]}
            for j, v in enumerate(vals):
                item = QTableWidgetItem(v)
                if j == 0:
                    item.setData(Qt.ItemDataRole.UserRole, r.id)
                elif j >= len(REG_HEADERS) and j < len(vals) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if r.session_id and r.session_id != sessions[j - len(REG_HEADERS)].id:
                        item.setData(ON_SHEET_ROLE, False)  # registered for another 日程
                        item.setBackground(off_sheet)
                        tips[j] = self.tr("この日程の申込ではありません（受付名簿にも載りません）")
                if tips.get(j):
                    item.setToolTip(tips[j])
                self.setItem(i, j, item)
        self._fit()

    def registration_id(self, row: int) -> str | None:
        first = self.item(row, 0) if row >= 0 else None
        return first.data(Qt.ItemDataRole.UserRole) if first is not None else None

    def current_registration(self) -> RegistrationRow | None:
        rid = self.registration_id(self.currentRow())
        return next((r for r in self.rows if r.id == rid), None)

    def pre_assignment_toggles(self) -> list[tuple[str, bool]]:
        """(registration id, received) for the chosen rows, each the opposite of what it shows."""
        rows = {i.row() for i in self.selectedIndexes()}
        return [(self.item(row, 0).data(Qt.ItemDataRole.UserRole), self.item(row, REG_PRE_ASSIGNMENT).text() != "受領")
                for row in rows]

    def _is_session_column(self, col: int) -> bool:
        return len(REG_HEADERS) <= col < len(REG_HEADERS) + len(self._sessions)

    def _record_attendance(self, row: int, col: int, present: bool | None) -> str | None:
        """A tick typed in the grid (attendance_keys): stored at once, the cell's new text."""
        rid = self.registration_id(row)
        sid = self._sessions[col - len(REG_HEADERS)].id if self._is_session_column(col) else None
        if not rid or not sid:
            return None
        if not self._record(rid, sid, present):
            return None
        return "" if present is None else ("○" if present else "×")

    def _fit(self) -> None:
        """Columns as wide as their contents, capped, so a 2-日程 course fits a 1366-px screen
        without scrolling sideways; a cut name or town shows in full in its tooltip."""
        self.resizeColumnsToContents()
        last = self.columnCount() - 1
        for j in range(last):
            self.setColumnWidth(j, min(self.columnWidth(j) + 8, REG_MAX_WIDTHS.get(j, 56)))
        self.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
