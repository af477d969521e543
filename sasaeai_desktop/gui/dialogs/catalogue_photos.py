"""The photo strip of the 地域資源 form: up to three photos, each with its thumbnail, 説明,
代替テキスト and consent to publish; 追加…, 削除 and ←/→ (order) are written at once (a photo is its
own record), the texts and consents with the form's 保存.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.catalogue import photos

THUMB_W, THUMB_H = 160, 120


@dataclass(frozen=True)
class PhotoTexts:
    caption: str
    alt_text: str
    publish_consent: bool


class PhotoSlot(QFrame):
    """One photo: thumbnail, texts, consent, and its buttons."""

    def __init__(self, strip: PhotoStrip, info: photos.PhotoInfo) -> None:
        super().__init__(strip)
        self.info = info
        self.setObjectName("photoSlot")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.image = QLabel(self)
        self.image.setFixedSize(THUMB_W, THUMB_H)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap()
        pixmap.loadFromData(info.thumbnail, "JPEG")
        self.image.setPixmap(pixmap.scaled(THUMB_W, THUMB_H, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
        self.image.setToolTip(self.tr("{w}×{h} px").format(w=info.width, h=info.height))
        self.caption = QLineEdit(info.caption, self)
        self.caption.setPlaceholderText(self.tr("説明（例: 体操の様子）"))
        self.caption.setMaxLength(200)
        self.alt_text = QLineEdit(info.alt_text, self)
        self.alt_text.setPlaceholderText(self.tr("代替テキスト（写っているもの）"))
        self.alt_text.setMaxLength(200)
        self.consent = QCheckBox(self.tr("掲載の同意あり"), self)
        self.consent.setChecked(info.publish_consent)
        self.left = QPushButton("←", self)
        self.left.setToolTip(self.tr("前へ"))
        self.right = QPushButton("→", self)
        self.right.setToolTip(self.tr("後ろへ"))
        self.remove = QPushButton(self.tr("削除"), self)
        for button in (self.left, self.right, self.remove):
            button.setAutoDefault(False)
        self.left.clicked.connect(lambda: strip.move(info.id, -1))
        self.right.clicked.connect(lambda: strip.move(info.id, +1))
        self.remove.clicked.connect(lambda: strip.remove(info.id))
        buttons = QHBoxLayout()
        for button in (self.left, self.right):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        for widget in (self.image, self.caption, self.alt_text, self.consent):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def texts(self) -> PhotoTexts:
        return PhotoTexts(self.caption.text(), self.alt_text.text(), self.consent.isChecked())


class PhotoStrip(QWidget):
    """The photos of one saved entry (``entry_id`` None: a new entry, photos after its first save)."""

    def __init__(self, shell: ShellContext, entry_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.entry_id = entry_id
        self.slots: list[PhotoSlot] = []
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("写真を追加…"), self)
        self.add_button.setObjectName("addPhotoButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_and_add)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #52606d;")
        self.reload()

    def reload(self) -> None:
        for slot in self.slots:
            self.row.removeWidget(slot)
            slot.deleteLater()
        self.row.removeWidget(self.add_button)
        self.row.removeWidget(self.note)
        self.slots = [PhotoSlot(self, p) for p in photos.photos(self.shell.uow(), self.entry_id)] if self.entry_id else []
        for i, slot in enumerate(self.slots):
            slot.left.setEnabled(i > 0)
            slot.right.setEnabled(i < len(self.slots) - 1)
            self.row.addWidget(slot)
        full = len(self.slots) >= photos.MAX_PHOTOS
        self.add_button.setEnabled(self.entry_id is not None and not full)
        if self.entry_id is None:
            self.note.setText(self.tr("写真は、いちど保存してから追加できます。"))
        elif full:
            self.note.setText(self.tr("写真は{n}枚までです。追加するには、どれかを削除してください。").format(n=photos.MAX_PHOTOS))
        else:
            self.note.setText(self.tr("大きな写真は長い辺1600ピクセルに縮小し、撮影場所などの情報を除いて保存します。"))
        self.row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        self.row.addWidget(self.note, 1, Qt.AlignmentFlag.AlignTop)

    def texts(self) -> dict[str, PhotoTexts]:
        return {slot.info.id: slot.texts() for slot in self.slots}

    def changed_texts(self) -> dict[str, PhotoTexts]:
        """The photos whose 説明, 代替テキスト or consent was changed here since they were read."""
        return {s.info.id: t for s in self.slots
                if (t := s.texts()) != PhotoTexts(s.info.caption, s.info.alt_text, s.info.publish_consent)}

    def save_texts(self, changed: dict[str, PhotoTexts]) -> None:
        """Write ``changed_texts()`` as read on the GUI thread (this runs on the writing lane,
        which must not touch a widget)."""
        for photo_id, t in changed.items():
            photos.describe(self.shell.uow(), photo_id, caption=t.caption, alt_text=t.alt_text,
                            publish_consent=t.publish_consent)

    def choose_and_add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("写真を選ぶ"), "", self.tr("写真 (*.jpg *.jpeg *.png)"))
        self.add_files(files)

    def add_files(self, files: list[str]) -> None:
        entry_id = self.entry_id
        if entry_id is None:
            return
        typed = self.changed_texts()

        def add_all() -> None:
            self.save_texts(typed)  # what was typed into the others survives the reload
            for path in files:
                photos.add_photo(self.shell.uow(), entry_id, path)

        if files:
            self._write(self.tr("写真の追加"), add_all)

    def remove(self, photo_id: str) -> None:
        typed = self.changed_texts()

        def remove_one() -> None:
            self.save_texts(typed)
            photos.remove(self.shell.uow(), photo_id)

        self._write(self.tr("写真の削除"), remove_one)

    def move(self, photo_id: str, step: int) -> None:
        order = [s.info.id for s in self.slots]
        i = order.index(photo_id)
        j = i + step
        if not 0 <= j < len(order) or self.entry_id is None:
            return
        order[i], order[j] = order[j], order[i]
        entry_id = self.entry_id

        typed = self.changed_texts()

        def reorder() -> None:
            self.save_texts(typed)
            photos.reorder(self.shell.uow(), entry_id, order)

        self._write(self.tr("写真の並べ替え"), reorder)

    def _write(self, title: str, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the writing lane (a photo is written at once), then show what is stored
        (a file that was not a photo: said, and the ones before it stay added)."""
        try:
            write(self, title, fn)
        except UserError as exc:
            show_error(self, title, exc)
        self.reload()
