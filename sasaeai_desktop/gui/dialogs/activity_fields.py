"""Fields shared by the visit, consultation and dispatch forms: people found by type-ahead and
small editable row lists (participants, follow-ups, dispatch days). Dates and times are the
typed fields of gui/widgets/date_fields.py, re-exported here for the forms.

Everything reaches data through services (people are looked up with services.listing's people
search, the same one the 人 list uses, so 髙橋/高橋 and ふりがな match there as here).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QObject
from PySide6.QtCore import QStringListModel
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets.date_fields import DateField
from sasaeai_desktop.gui.widgets.date_fields import TimeField
from sasaeai_desktop.services import listing
from sasaeai_desktop.services import people

__all__ = ["DateField", "PersonLookup", "RowsEditor", "TimeField", "check", "combo"]

PERSON_SUGGESTIONS = 15


_tr = partial(QCoreApplication.translate, "activity_fields")


class PersonLookup(QObject):
    """Type-ahead on people for a line edit: each key stroke asks the people list (name, ふりがな,
    所属) for a few candidates; choosing one remembers its id. ``current_id`` also accepts a typed
    name that belongs to exactly one registered person. With ``offer_new``, the list ends with
    「＋「…」を新しい人として登録」, which emits ``new_person_requested`` with the typed name."""

    new_person_requested = Signal(str)

    def __init__(self, shell: ShellContext, edit: QLineEdit, *, offer_new: bool = False) -> None:
        super().__init__(edit)
        self._offer_new = offer_new
        self._new_label = ""
        self._typed = ""
        self.shell = shell
        self.edit = edit
        self._ids: dict[str, str] = {}  # shown text -> person id
        self._names: dict[str, str] = {}  # shown text -> plain name
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.completer.activated[str].connect(self._chosen)  # type: ignore[index]  # PySide6 stubs: no overload index
        edit.setCompleter(self.completer)
        edit.textEdited.connect(self._suggest)
        edit.setPlaceholderText(_tr("名前・ふりがなの一部"))

    def _suggest(self, text: str) -> None:
        text = text.strip()
        if not text or text in self._ids:
            return
        page = listing.fetch_page(
            self.shell.uow(), "people", listing.PageRequest(search=text, limit=PERSON_SUGGESTIONS), with_total=False
        )
        shown = []
        name_col = 0
        cols = [c.key for c in listing.columns("people")]
        for pid, row in zip(page.ids, page.rows):
            values = dict(zip(cols, row))
            where = values.get("municipality") or values.get("affiliation") or ""
            label = f"{row[name_col]}（{where}）" if where else str(row[name_col])
            self._ids[label] = pid
            self._names[label] = str(row[name_col])
            shown.append(label)
        if self._offer_new and text not in self._names.values():
            self._typed = text
            self._new_label = _tr("＋「{name}」を新しい人として登録").format(name=text)
            shown.append(self._new_label)
        self.model.setStringList(shown)
        if shown:
            # As wide as its longest line: at the field's width 「＋「山田」を新しい人として登録」 and
            # 「氏名（所属）」 were cut to 「＋「山田」を新しい…」.
            # (a minimum: the line edit opens the popup itself too, at its own width).
            popup = self.completer.popup()
            popup.setMinimumWidth(max(popup.fontMetrics().horizontalAdvance(line) for line in shown) + 40)
            self.completer.complete()

    def _chosen(self, text: str) -> None:
        if self._offer_new and text == self._new_label:
            typed = self._typed
            # The completer writes the chosen line into the edit after this slot: put the name back then.
            QTimer.singleShot(0, lambda: self.edit.setText(typed))
            self.new_person_requested.emit(typed)
            return
        self.edit.setText(text)

    def set_person(self, person_id: str | None, name: str) -> None:
        self.edit.setText(name)
        if person_id and name:
            self._ids[name] = person_id
            self._names[name] = name

    def is_chosen(self, text: str) -> bool:
        """Whether ``text`` is a line picked from the suggestions (or a person set by the form)."""
        return text in self._ids

    def name(self) -> str:
        text = self.edit.text().strip()
        return self._names.get(text, text)

    def current_id(self) -> str | None:
        """The chosen person; None when empty; KeyError(text) when the text names nobody (or several)."""
        text = self.edit.text().strip()
        if not text:
            return None
        if text in self._ids:
            return self._ids[text]
        matches = [mt for mt in people.find_matches(self.shell.uow(), text) if mt.exact]
        if len(matches) == 1:
            return matches[0].id
        raise KeyError(text)


class RowsEditor(QWidget):
    """A small table made of widgets (participants, follow-ups, dispatch days): a header row, one
    grid row per entry, 「＋ 追加」 and a 「×」 per row. Widgets keep the keyboard order of reading."""

    changed = Signal()

    def __init__(self, headers: list[str], make_row: Callable[[], list[QWidget]], add_label: str,
                 stretch: tuple[int, ...] = (), parent: QWidget | None = None, *, row_label: str = "") -> None:
        super().__init__(parent)
        self._make_row = make_row
        self._headers = headers
        self._row_label = row_label  # 「フォローアップ」: an unreadable 期限 is 「フォローアップ2行目の期限」
        self.rows: list[list[QWidget]] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(4)
        for col, text in enumerate(headers):
            label = QLabel(text, self)
            label.setObjectName("rowsHeader")
            self.grid.addWidget(label, 0, col)
        for col in stretch:
            self.grid.setColumnStretch(col, 1)
        self._ncols = len(headers)
        self.add_button = QPushButton(add_label, self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self._place_add_button()

    def _place_add_button(self) -> None:
        self.grid.removeWidget(self.add_button)
        self.grid.addWidget(self.add_button, len(self.rows) + 1, 0, 1, 1, Qt.AlignmentFlag.AlignLeft)

    def add_row(self, *, focus: bool = False) -> list[QWidget]:
        widgets = self._make_row()
        remove = QPushButton("×", self)
        remove.setAutoDefault(False)
        remove.setToolTip(_tr("この行を削除"))
        remove.setFixedWidth(remove.fontMetrics().horizontalAdvance("×") + 24)
        row_widgets = [*widgets, remove]
        for w in row_widgets:
            w.setParent(self)
        self.rows.append(row_widgets)
        remove.clicked.connect(lambda: self.remove_row(row_widgets))
        self._relayout()
        for w in widgets:
            for signal in ("textChanged", "currentTextChanged", "dateChanged", "timeChanged", "toggled"):
                sig = getattr(w, signal, None)
                if sig is not None:
                    sig.connect(self.changed)
                    break
        if focus:
            widgets[0].setFocus()
        self.changed.emit()
        return widgets

    def remove_row(self, row_widgets: list[QWidget]) -> None:
        if row_widgets not in self.rows:
            return
        self.rows.remove(row_widgets)
        for w in row_widgets:
            self.grid.removeWidget(w)
            w.hide()
            w.deleteLater()
        self._relayout()
        self.changed.emit()

    def clear(self) -> None:
        for row in list(self.rows):
            self.remove_row(row)

    def _relayout(self) -> None:
        for r, widgets in enumerate(self.rows, 1):
            for c, w in enumerate(widgets):
                self.grid.addWidget(w, r, c)
                w.show()
                if isinstance(w, (DateField, TimeField)) and c < len(self._headers):
                    w.field_name = _tr("{rows}{n}行目の{column}").format(rows=self._row_label, n=r, column=self._headers[c])
        self._place_add_button()
        # Keyboard order: row by row, then the add button, where the form put the add button.
        # A new row's widgets join the end of the window's chain (after 閉じる); chaining them
        # from the field before the rows keeps them where they are read.
        chain = [w for row in self.rows for w in row] + [self.add_button]
        before = self._field_before_rows()
        if before is not None:
            chain.insert(0, before)
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def _field_before_rows(self) -> QWidget | None:
        """The focusable widget Tab leaves for the rows: before the add button, past the rows."""
        widget = self.add_button.previousInFocusChain()
        for _ in range(500):  # the chain is a ring; a form has far fewer widgets
            if widget is None or widget is self.add_button:
                return None
            if not self.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return widget
            widget = widget.previousInFocusChain()
        return None


def combo(items: list[str], parent: QWidget | None = None, *, editable: bool = False) -> QComboBox:
    box = QComboBox(parent)
    box.addItems(items)
    box.setEditable(editable)
    return box


def check(parent: QWidget | None = None) -> QCheckBox:
    return QCheckBox(parent)
