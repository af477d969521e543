# Generated from ui/certificate_numbers_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'certificate_numbers_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_CertificateNumbersDialog(object):
    def setupUi(self, CertificateNumbersDialog):
        if not CertificateNumbersDialog.objectName():
            CertificateNumbersDialog.setObjectName(u"CertificateNumbersDialog")
        self.mainLayout = QVBoxLayout(CertificateNumbersDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.issuedLabel = QLabel(CertificateNumbersDialog)
        self.issuedLabel.setObjectName(u"issuedLabel")
        self.issuedLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.issuedLabel)

        self.numberTable = QTableWidget(CertificateNumbersDialog)
        if (self.numberTable.columnCount() < 5):
            self.numberTable.setColumnCount(5)
        __qtablewidgetitem = QTableWidgetItem()
        self.numberTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.numberTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.numberTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.numberTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.numberTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        self.numberTable.setObjectName(u"numberTable")
        self.numberTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.numberTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.numberTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.numberTable.setColumnCount(5)
        self.numberTable.horizontalHeader().setStretchLastSection(True)
        self.numberTable.verticalHeader().setVisible(False)

        self.mainLayout.addWidget(self.numberTable)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.reprintButton = QPushButton(CertificateNumbersDialog)
        self.reprintButton.setObjectName(u"reprintButton")

        self.buttonsLayout.addWidget(self.reprintButton)

        self.renumberButton = QPushButton(CertificateNumbersDialog)
        self.renumberButton.setObjectName(u"renumberButton")

        self.buttonsLayout.addWidget(self.renumberButton)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.buttonBox = QDialogButtonBox(CertificateNumbersDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.buttonsLayout.addWidget(self.buttonBox)

        self.buttonsLayout.setStretch(2, 1)

        self.mainLayout.addLayout(self.buttonsLayout)

        self.mainLayout.setStretch(1, 1)

        self.retranslateUi(CertificateNumbersDialog)

        QMetaObject.connectSlotsByName(CertificateNumbersDialog)
    # setupUi

    def retranslateUi(self, CertificateNumbersDialog):
        ___qtablewidgetitem = self.numberTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("CertificateNumbersDialog", u"\u756a\u53f7", None))
        ___qtablewidgetitem1 = self.numberTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("CertificateNumbersDialog", u"\u6c0f\u540d", None))
        ___qtablewidgetitem2 = self.numberTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("CertificateNumbersDialog", u"\u7a2e\u985e", None))
        ___qtablewidgetitem3 = self.numberTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("CertificateNumbersDialog", u"\u767a\u884c\u65e5", None))
        self.reprintButton.setText(QCoreApplication.translate("CertificateNumbersDialog", u"\u9078\u3093\u3060\u4eba\u306e\u8a3c\u66f8\u3092\u5370\u5237\u3057\u76f4\u3059\u2026", None))
        self.renumberButton.setText(QCoreApplication.translate("CertificateNumbersDialog", u"\u9078\u3093\u3060\u4eba\u306b\u65b0\u3057\u3044\u756a\u53f7\u3092\u632f\u308a\u76f4\u3059\u2026", None))
        pass
    # retranslateUi

