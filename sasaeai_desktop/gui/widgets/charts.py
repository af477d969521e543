"""Small charts drawn with QPainter (no matplotlib): grouped bars in % and a stage donut."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPaintEvent
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

PREVIOUS = QColor("#BFBFBF")
CURRENT = QColor("#2E75B6")
MIN_PLOT_HEIGHT = 150
STAGE_COLOURS = (QColor("#9DC3E6"), QColor("#2E75B6"), QColor("#1F4E79"), QColor("#D9D9D9"))


class BarChart(QWidget):
    """Categories with one or two bars each (last year grey, this year blue), values in %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[tuple[str, QColor, list[float]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, categories: list[str], series: list[tuple[str, QColor, list[float]]]) -> None:
        self.title, self.categories, self.series = title, categories, series
        self.updateGeometry()  # the names' wrapped height sets the minimum height
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, max(260, self.minimumSizeHint().height()))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        w, h = self.width(), self.height()
        p.drawText(QRectF(0, 0, w, fm.height() + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        # legend at the top right
        x = w - 8
        for name, colour, _v in reversed(self.series):
            tw = fm.horizontalAdvance(name)
            x -= tw
            p.drawText(int(x), fm.ascent() + 2, name)
            x -= 16
            p.fillRect(QRectF(x, 4, 11, 11), colour)
            x -= 12
        small = self._small_font(p.font())
        small_h = QFontMetrics(small).height()
        left, top, bottom = self._margins(fm, w)
        plot = QRectF(left, top, max(w - left - 8, 10), max(h - top - bottom, 10))
        grid = QPen(QColor("#E0E0E0"))
        for pct in range(0, 101, 25):
            y = plot.bottom() - plot.height() * pct / 100
            p.setPen(grid)
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(0, y - fm.height() / 2, left - 4, fm.height()), Qt.AlignmentFlag.AlignRight, f"{pct}%")
        n = len(self.categories)
        if not n or not self.series:
            p.end()
            return
        slot = plot.width() / n
        bar_w = min(slot * 0.8 / len(self.series), 42)
        for i, cat in enumerate(self.categories):
            x0 = plot.left() + slot * i + (slot - bar_w * len(self.series)) / 2
            for j, (_name, colour, values) in enumerate(self.series):
                v = max(0.0, min(100.0, values[i] if i < len(values) else 0.0))
                bh = plot.height() * v / 100
                rect = QRectF(x0 + j * bar_w, plot.bottom() - bh, bar_w - 2, bh)
                p.fillRect(rect, colour)
                p.setFont(small)
                p.drawText(QRectF(rect.left() - 6, rect.top() - small_h - 1, rect.width() + 12, small_h),
                           Qt.AlignmentFlag.AlignCenter, f"{v:.0f}")
                p.setFont(self.font())
            p.drawText(QRectF(plot.left() + slot * i + 2, plot.bottom() + 4, slot - 4, bottom - 4),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, cat)
        p.end()

    def _label_height(self, fm: QFontMetrics, slot: float) -> int:
        """Height of the tallest category name wrapped into its slot."""
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
        return max((fm.boundingRect(0, 0, max(int(slot) - 4, 8), 1000, flags, c).height() for c in self.categories),
                   default=fm.height())

    @staticmethod
    def _small_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7))
        return small

    def _margins(self, fm: QFontMetrics, width: int) -> tuple[int, int, int]:
        """(left, top, bottom) around the plot: room above it for the title row and the value
        printed over a 100% bar; below it for the category names, measured as they will wrap
        (two or three lines when the chart is narrow)."""
        small_h = QFontMetrics(self._small_font(self.font())).height()
        left = fm.horizontalAdvance("100%") + 10
        top = fm.height() + 8 + small_h
        slot = max((width - left - 8) / max(len(self.categories), 1), 10)
        return left, top, self._label_height(fm, slot) + 10

    def minimumSizeHint(self) -> QSize:
        # Tall enough for a readable plot *and* the category names whole below it.
        _left, top, bottom = self._margins(self.fontMetrics(), self.width())
        return QSize(320, top + MIN_PLOT_HEIGHT + bottom)


class StageDonut(QWidget):
    """Municipalities per stage ①②③ and 未記入 as a donut with a legend (and last year's counts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.items: list[tuple[str, int, int | None]] = []  # label, count, last year's count
        self.setMinimumSize(300, 200)

    def set_data(self, title: str, items: list[tuple[str, int, int | None]]) -> None:
        self.title, self.items = title, items
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 240)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        p.drawText(QRectF(0, 0, self.width(), fm.height() + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        size = min(self.height() - fm.height() * 2 - 8, self.width() * 0.45)
        rect = QRectF(8, fm.height() * 2, size, size)
        total = sum(c for _l, c, _p in self.items)
        start = 90 * 16
        for i, (_label, count, _prev) in enumerate(self.items):
            if not total or not count:
                continue
            span = -int(round(360 * 16 * count / total))
            p.setBrush(STAGE_COLOURS[i % len(STAGE_COLOURS)])
            p.setPen(QPen(QColor("white"), 2))
            p.drawPie(rect, start, span)
            start += span
        hole = rect.adjusted(size * 0.28, size * 0.28, -size * 0.28, -size * 0.28)
        p.setBrush(self.palette().window())
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(hole)
        p.setPen(self.palette().text().color())
        p.drawText(hole, Qt.AlignmentFlag.AlignCenter, f"{total}\n市町村")
        y = rect.top() + 6
        x = rect.right() + 16
        for i, (label, count, prev) in enumerate(self.items):
            p.fillRect(QRectF(x, y + 3, 12, 12), STAGE_COLOURS[i % len(STAGE_COLOURS)])
            text = f"{label}  {count}" + (f"（前年 {prev}）" if prev is not None else "")
            p.drawText(QRectF(x + 18, y, self.width() - x - 18, fm.height() + 4), Qt.AlignmentFlag.AlignLeft, text)
            y += fm.height() + 10
        p.end()
