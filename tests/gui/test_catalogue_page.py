"""The 地域資源 page through the window: a new entry typed in the form, found by search and the
filters, photos added, described, reordered and removed, the limit of three said, offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.gui.dialogs.catalogue_dialog import CatalogueDialog
from sasaeai_desktop.gui.dialogs.field_errors import is_invalid
from sasaeai_desktop.services.progress import regions

from .helpers import open_page
from .helpers import sql
from .helpers import when_modal


def _pictures(folder: Path, n: int) -> list[str]:
    out = []
    for i in range(n):
        path = folder / f"p{i}.jpg"
        Image.new("RGB", (800, 600), (40 * i, 120, 200)).save(path, "JPEG")
        out.append(str(path))
    return out


def test_new_entry_search_filters_and_photos(qtbot: Any, shell: Any, db_path: Path, tmp_path: Path,
                                             message_boxes: Any) -> None:
    ueda = sql(db_path, "SELECT id FROM municipality WHERE name = '上田市'")[0][0]
    kind_id = regions.create_kind(shell.uow(), "テスト圏域").id
    region_id = regions.create_region(shell.uow(), kind_id, "上小").id
    regions.assign(shell.uow(), kind_id, region_id, [ueda])
    message_boxes.answer = QMessageBox.StandardButton.Yes  # a failing step closes its form instead of hanging
    page = open_page(qtbot, shell, "catalogue")
    assert page.model.total == 0

    def refused_then_filled(dialog: QDialog) -> None:
        assert isinstance(dialog, CatalogueDialog)
        assert not dialog.photos.add_button.isEnabled()  # photos after the first save
        dialog.ui.kindCombo.setCurrentText("サロン")
        dialog.accept()
        assert dialog.isVisible() and is_invalid(dialog.ui.nameEdit) and is_invalid(dialog.ui.municipalityCombo)
        dialog.ui.nameEdit.setText("ふれあいサロン上田")
        dialog.ui.municipalityCombo.setCurrentText("上田市")
        dialog.ui.contentEdit.setPlainText("体操と茶話会")
        dialog.ui.participantsSpin.setValue(18)
        dialog.ui.contactEdit.setText("代表 山田（0268-00-0000）")
        dialog.ui.contactConsentCombo.setCurrentIndex(1)  # 可
        dialog.ui.publishableCheck.setChecked(True)
        dialog.accept()

    when_modal(refused_then_filled)
    page.create_new()
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=3000)
    row = sql(db_path, "SELECT id, kind, participants, contact_consent, publishable FROM catalogue_entry")[0]
    assert row[1:] == ("サロン", 18, 1, 1)
    entry_id = row[0]

    page.search_edit.setText("茶話会")
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=3000)
    page.search_edit.setText("")
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("配食"))
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=3000)
    page.kind_combo.setCurrentIndex(0)
    page.region_combo.setCurrentIndex(page.region_combo.findData(region_id))
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=3000)
    page.municipality_combo.setCurrentIndex(page.municipality_combo.findText("松本市"))
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=3000)
    page.municipality_combo.setCurrentIndex(0)
    page.region_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=3000)

    files = _pictures(tmp_path, 4)

    def photos(dialog: QDialog) -> None:
        assert isinstance(dialog, CatalogueDialog)
        strip = dialog.photos
        strip.add_files(files[:2])
        assert [s.info.width for s in strip.slots] == [800, 800]
        strip.slots[0].caption.setText("体操の様子")  # typed, kept through the next write
        strip.slots[1].consent.setChecked(True)
        strip.move(strip.slots[1].info.id, -1)
        assert strip.slots[0].consent.isChecked() and strip.slots[1].caption.text() == "体操の様子"
        strip.add_files(files[2:])  # the third is added, the fourth refused with the reason
        assert len(strip.slots) == 3 and not strip.add_button.isEnabled()
        assert any("3枚まで" in text for text in message_boxes.texts())
        strip.remove(strip.slots[2].info.id)
        strip.slots[0].alt_text.setText("集会所の前に並ぶ参加者")
        dialog.accept()

    when_modal(photos)
    page.select_row(0)
    page.open_selected()
    stored = sql(db_path, "SELECT position, caption, alt_text, publish_consent FROM catalogue_photo"
                          " WHERE entry_id = ? AND deleted = 0 ORDER BY position", entry_id)
    assert stored == [(0, "", "集会所の前に並ぶ参加者", 1), (1, "体操の様子", "", 0)]


def test_booklet_button_prints_the_filtered_published_entries(qtbot: Any, shell: Any, db_path: Path, tmp_path: Path,
                                                              message_boxes: Any) -> None:
    import re

    from pypdf import PdfReader

    from sasaeai_desktop.services.catalogue import entries

    ueda, matsumoto = (sql(db_path, "SELECT id FROM municipality WHERE name = ?", n)[0][0] for n in ("上田市", "松本市"))
    kind_id = regions.create_kind(shell.uow(), "テスト圏域").id
    region_id = regions.create_region(shell.uow(), kind_id, "上小").id
    regions.assign(shell.uow(), kind_id, region_id, [ueda])
    for name, mid, publishable in (("上田の集い", ueda, True), ("上田の内緒", ueda, False), ("松本の集い", matsumoto, True)):
        entries.save(shell.uow(), entries.EntryData(None, name, "サロン", mid, publishable=publishable))
    page = open_page(qtbot, shell, "catalogue")
    page.region_combo.setCurrentIndex(page.region_combo.findData(region_id))
    qtbot.waitUntil(lambda: page.model.total == 2, timeout=3000)
    assert page.booklet_button.isEnabled()
    out = tmp_path / "事例集"
    task = page.make_booklet(str(out))
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(tmp_path / "事例集.pdf").pages))
    assert "上田の集い" in text and "圏域:上小" in text
    assert "上田の内緒" not in text and "松本の集い" not in text
    assert "事例集PDF（1件、" in page.note_label.text()

    page.kind_combo.setCurrentIndex(page.kind_combo.findData("配食"))  # nothing to print: said, no file
    task = page.make_booklet(str(tmp_path / "なし.pdf"))
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert any("条件に合う掲載可の地域資源がありません" in t for t in message_boxes.texts())
    assert not (tmp_path / "なし.pdf").exists()
