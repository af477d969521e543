"""証書番号: the certificate numbers issued for an event, with clashes (the same 第N号 issued on two
laptops offline) marked, 「選んだ人に新しい番号を振り直す…」 to settle one on purpose
(services.trainings.certificates; nothing is renumbered without the officer choosing who), and
「選んだ人の証書を印刷し直す…」 for one spoilt certificate: the same number, one page, not the
whole batch again."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.forms.ui_certificate_numbers_dialog import Ui_CertificateNumbersDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.trainings import certificates

CLASH_FILL = QColor("#fde2e1")


class CertificateNumbersDialog(QDialog):
    """Layout: ui/certificate_numbers_dialog.ui; the rows come from services.trainings.certificates."""

    def __init__(self, shell: ShellContext, event_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.event_id = event_id
        self.setWindowTitle(self.tr("証書番号 — {title}").format(title=title))
        self.resize(620, 420)
        ui = self.ui = Ui_CertificateNumbersDialog()
        ui.setupUi(self)
        ui.numberTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ui.renumberButton.clicked.connect(self.renumber_selected)
        ui.reprintButton.clicked.connect(self.reprint_selected)
        ui.buttonBox.rejected.connect(self.reject)
        self.load()

    def load(self) -> None:
        rows = certificates.issued(self.shell.uow(), self.event_id)
        clashes = certificates.clashes(self.shell.uow(), self.event_id)
        clashing = {c.number for c in clashes if c.number is not None}
        self.ui.numberTable.setRowCount(0)
        for r in rows:
            i = self.ui.numberTable.rowCount()
            self.ui.numberTable.insertRow(i)
            mark = self.tr("番号が重複") if r.number in clashing else ""
            for j, text in enumerate((f"第{r.number}号", r.name, r.kind, r.issued_on.isoformat(), mark)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.person_id)
                if mark:
                    item.setBackground(CLASH_FILL)
                self.ui.numberTable.setItem(i, j, item)
        if not rows:
            self.ui.issuedLabel.setText(self.tr("まだ証書を発行していません（証書を印刷すると番号が付きます）。"))
        elif clashes:
            self.ui.issuedLabel.setText("\n".join(c.message() for c in clashes))
        else:
            self.ui.issuedLabel.setText(self.tr("{n} 件発行済み。番号の重複はありません。").format(n=len(rows)))
        self.ui.renumberButton.setEnabled(bool(rows))
        self.ui.reprintButton.setEnabled(bool(rows))
        if rows and self.ui.numberTable.currentRow() < 0:
            self.ui.numberTable.setCurrentCell(0, 0)
        self.ui.numberTable.setFocus()  # ↓ to the person, then the button

    def _chosen(self, ask: str) -> tuple[str, str, str] | None:
        """The selected row's person id, name and certificate number; None (after ``ask``) when none is."""
        row = self.ui.numberTable.currentRow()
        if row < 0:
            QMessageBox.information(self, self.tr("証書番号"), ask)
            return None
        number = self.ui.numberTable.item(row, 0)
        return number.data(Qt.ItemDataRole.UserRole), self.ui.numberTable.item(row, 1).text(), number.text()

    def reprint_selected(self) -> None:
        """One certificate printed again with the number it already has (services.trainings.prints)."""
        from sasaeai_desktop.gui.tasks import run_task
        from sasaeai_desktop.services.trainings.prints import PrintResult
        from sasaeai_desktop.services.trainings.prints import certificates as print_certificates

        chosen = self._chosen(self.tr("印刷し直す人を一覧から選んでください。"))
        if chosen is None:
            return
        person_id, name, number = chosen
        path, _ = QFileDialog.getSaveFileName(self, self.tr("証書を印刷し直す"), f"証書_{number}_{name}.pdf", "PDF (*.pdf)")
        if not path:
            return
        uow, event_id = self.shell.uow, self.event_id

        def done(res: PrintResult) -> None:
            text = self.tr("{name} さんの証書（{number}）を出力しました。").format(name=name, number=number)
            QMessageBox.information(self, self.tr("証書の印刷し直し"), "\n".join([text, *res.messages]))

        self._task = run_task(self, lambda _p, _a: print_certificates(uow(), event_id, path, person_ids=[person_id]),
                              title=self.tr("証書を作成しています"), on_success=done)

    def renumber_selected(self) -> None:
        chosen = self._chosen(self.tr("振り直す人を一覧から選んでください。"))
        if chosen is None:
            return
        person_id, name, old = chosen
        answer = QMessageBox.question(
            self, self.tr("証書番号"),
            self.tr("{name} さんの{old}を使わなくして、次の空き番号を発行しますか？\n"
                    "（すでに渡した証書があれば、新しい番号で印刷し直して差し替えてください）").format(name=name, old=old))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            number = write(self, self.tr("証書番号"), partial(certificates.renumber, self.shell.uow(), self.event_id, person_id))
        except WriteWithdrawn as exc:
            show_error(self, self.tr("証書番号"), exc)
            return
        self.load()
        self.ui.issuedLabel.setText(self.tr("{name} さんに第{n}号を発行しました。").format(name=name, n=number) + "\n" + self.ui.issuedLabel.text())


__all__ = ["CertificateNumbersDialog"]
