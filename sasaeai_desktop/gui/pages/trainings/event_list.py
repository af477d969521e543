"""How an event shows in the 研修 page's list: two lines (title, then date and counts) drawn to fit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem

from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.services.trainings.events import EventSummary

_WEEKDAYS = "月火水木金土日"


def event_lines(e: EventSummary) -> tuple[str, str]:
    """The two lines of an event in the list: its title without the leading 年度 (the filter and
    the date say it, and 「令和8年度 」 on every line hid the words that tell events apart), then
    date, 申込 count, 日程 count (when not one) and type — in that order, as the end of a line that
    does not fit is cut off and the type is often in the title anyway."""
    title = e.title
    for label in (fiscal_year_label(e.fiscal_year), fiscal_year_label(e.fiscal_year, "seireki")):
        if title.startswith(label) and title[len(label):].strip():
            title = title[len(label):].strip()
            break
    when = f"{e.first_date:%Y-%m-%d}({_WEEKDAYS[e.first_date.weekday()]})" if e.first_date else "日程未定"
    sessions = f"・{e.sessions}日程" if e.sessions != 1 else ""
    return title, f"{when}　申込{e.registrations}{sessions}・{e.event_type}"


def nearest_event(events: Sequence[EventSummary], today: dt.date) -> int:
    """The row to open the page on: today's event or the next one, else the latest before
    today. The list runs newest first, so its top is often one planned months ahead with nobody
    registered yet — not the one an officer opens the page for at reception."""
    dated = [(e.first_date, i) for i, e in enumerate(events) if e.first_date is not None]
    coming = [d for d in dated if d[0] >= today]
    if coming:
        return min(coming)[1]
    return max(dated)[1] if dated else 0


class EventDelegate(QStyledItemDelegate):
    """Paints an event as a bold title over a grey detail line, each cut to the width: the title
    with … in the middle (its end — （第2回）, （実践編） — is what tells events apart), the detail
    at its end; the full text is in the tooltip. Plain word wrap broke titles mid-word and mixed
    them with the date."""

    PAD = 4

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        bold, plain = self._fonts(option)
        return QSize(0, QFontMetrics(bold).height() + QFontMetrics(plain).height() + 3 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        # From the model: the option's text has its \n turned into U+2028 already.
        title, _, detail = str(index.data(Qt.ItemDataRole.DisplayRole) or "").partition("\n")
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        detail_colour = text_colour if selected else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        bold, plain = self._fonts(opt)
        rect = opt.rect.adjusted(2 * self.PAD, self.PAD, -2 * self.PAD, -self.PAD)
        painter.save()
        y = rect.top()
        middle, end = Qt.TextElideMode.ElideMiddle, Qt.TextElideMode.ElideRight
        for text, font, colour, elide in ((title, bold, text_colour, middle), (detail, plain, detail_colour, end)):
            fm = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(colour)
            line = QRect(rect.left(), y, rect.width(), fm.height())
            painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             fm.elidedText(text, elide, rect.width()))
            y += fm.height() + self.PAD
        painter.restore()
