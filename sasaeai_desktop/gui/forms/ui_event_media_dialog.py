# Generated from ui/event_media_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'event_media_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_EventMediaDialog(object):
    def setupUi(self, EventMediaDialog):
        if not EventMediaDialog.objectName():
            EventMediaDialog.setObjectName(u"EventMediaDialog")
        EventMediaDialog.setMinimumSize(QSize(520, 0))
        self.mainLayout = QVBoxLayout(EventMediaDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.kindLabel = QLabel(EventMediaDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.mediaKindCombo = QComboBox(EventMediaDialog)
        self.mediaKindCombo.setObjectName(u"mediaKindCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.mediaKindCombo)

        self.titleLabel = QLabel(EventMediaDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.mediaTitleEdit = QLineEdit(EventMediaDialog)
        self.mediaTitleEdit.setObjectName(u"mediaTitleEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.mediaTitleEdit)

        self.linkLabel = QLabel(EventMediaDialog)
        self.linkLabel.setObjectName(u"linkLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.linkLabel)

        self.linkRow = QHBoxLayout()
        self.linkRow.setObjectName(u"linkRow")
        self.mediaLinkEdit = QLineEdit(EventMediaDialog)
        self.mediaLinkEdit.setObjectName(u"mediaLinkEdit")

        self.linkRow.addWidget(self.mediaLinkEdit)

        self.browseButton = QPushButton(EventMediaDialog)
        self.browseButton.setObjectName(u"browseButton")

        self.linkRow.addWidget(self.browseButton)


        self.formLayout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.linkRow)

        self.notesLabel = QLabel(EventMediaDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.mediaNotesEdit = QPlainTextEdit(EventMediaDialog)
        self.mediaNotesEdit.setObjectName(u"mediaNotesEdit")
        self.mediaNotesEdit.setMaximumSize(QSize(16777215, 80))
        self.mediaNotesEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.mediaNotesEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(EventMediaDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #d32f2f;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(EventMediaDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.kindLabel.setBuddy(self.mediaKindCombo)
        self.titleLabel.setBuddy(self.mediaTitleEdit)
        self.linkLabel.setBuddy(self.mediaLinkEdit)
        self.notesLabel.setBuddy(self.mediaNotesEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.mediaKindCombo, self.mediaTitleEdit)
        QWidget.setTabOrder(self.mediaTitleEdit, self.mediaLinkEdit)
        QWidget.setTabOrder(self.mediaLinkEdit, self.browseButton)
        QWidget.setTabOrder(self.browseButton, self.mediaNotesEdit)

        self.retranslateUi(EventMediaDialog)

        QMetaObject.connectSlotsByName(EventMediaDialog)
    # setupUi

    def retranslateUi(self, EventMediaDialog):
        self.kindLabel.setText(QCoreApplication.translate("EventMediaDialog", u"\u7a2e\u985e", None))
        self.titleLabel.setText(QCoreApplication.translate("EventMediaDialog", u"\u984c\u540d", None))
        self.mediaTitleEdit.setPlaceholderText(QCoreApplication.translate("EventMediaDialog", u"\u4f8b: \u30d5\u30a9\u30fc\u30e9\u30e0\u958b\u50ac\u6848\u5185\u30c1\u30e9\u30b7\u3001\u8a18\u9332DVD", None))
        self.linkLabel.setText(QCoreApplication.translate("EventMediaDialog", u"\u30ea\u30f3\u30af", None))
        self.mediaLinkEdit.setPlaceholderText(QCoreApplication.translate("EventMediaDialog", u"URL \u307e\u305f\u306f\u30d5\u30a1\u30a4\u30eb\u306e\u5834\u6240", None))
        self.browseButton.setText(QCoreApplication.translate("EventMediaDialog", u"\u30d5\u30a1\u30a4\u30eb\u3092\u9078\u3076\u2026", None))
        self.notesLabel.setText(QCoreApplication.translate("EventMediaDialog", u"\u5099\u8003", None))
        pass
    # retranslateUi

