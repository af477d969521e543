# Generated from ui/dispatch_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'dispatch_dialog.ui'
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
    QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

from sasaeai_desktop.gui.dialogs.dialog_frame import FormScrollArea
from sasaeai_desktop.gui.widgets.date_fields import DateField

class Ui_DispatchDialog(object):
    def setupUi(self, DispatchDialog):
        if not DispatchDialog.objectName():
            DispatchDialog.setObjectName(u"DispatchDialog")
        self.mainLayout = QVBoxLayout(DispatchDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.formScroll = FormScrollArea(DispatchDialog)
        self.formScroll.setObjectName(u"formScroll")
        self.formScroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.formScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.formScroll.setWidgetResizable(True)
        self.formBody = QWidget()
        self.formBody.setObjectName(u"formBody")
        self.formLayout = QFormLayout(self.formBody)
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.formLayout.setContentsMargins(0, 0, 6, 0)
        self.municipalityLabel = QLabel(self.formBody)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.municipalityLabel)

        self.municipalityCombo = QComboBox(self.formBody)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setEditable(True)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.municipalityCombo)

        self.requestedByLabel = QLabel(self.formBody)
        self.requestedByLabel.setObjectName(u"requestedByLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.requestedByLabel)

        self.requestedByCombo = QComboBox(self.formBody)
        self.requestedByCombo.setObjectName(u"requestedByCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.requestedByCombo)

        self.requestDateLabel = QLabel(self.formBody)
        self.requestDateLabel.setObjectName(u"requestDateLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.requestDateLabel)

        self.requestDateEdit = DateField(self.formBody)
        self.requestDateEdit.setObjectName(u"requestDateEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.requestDateEdit)

        self.purposeCategoryLabel = QLabel(self.formBody)
        self.purposeCategoryLabel.setObjectName(u"purposeCategoryLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.purposeCategoryLabel)

        self.purposeCategoryCombo = QComboBox(self.formBody)
        self.purposeCategoryCombo.setObjectName(u"purposeCategoryCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.purposeCategoryCombo)

        self.purposeLabel = QLabel(self.formBody)
        self.purposeLabel.setObjectName(u"purposeLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.purposeLabel)

        self.purposeEdit = QPlainTextEdit(self.formBody)
        self.purposeEdit.setObjectName(u"purposeEdit")
        self.purposeEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.purposeEdit)

        self.payerLabel = QLabel(self.formBody)
        self.payerLabel.setObjectName(u"payerLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.payerLabel)

        self.payLayout = QHBoxLayout()
        self.payLayout.setObjectName(u"payLayout")
        self.payerCombo = QComboBox(self.formBody)
        self.payerCombo.setObjectName(u"payerCombo")

        self.payLayout.addWidget(self.payerCombo)

        self.statusGap = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.payLayout.addItem(self.statusGap)

        self.statusLabel = QLabel(self.formBody)
        self.statusLabel.setObjectName(u"statusLabel")

        self.payLayout.addWidget(self.statusLabel)

        self.statusCombo = QComboBox(self.formBody)
        self.statusCombo.setObjectName(u"statusCombo")

        self.payLayout.addWidget(self.statusCombo)

        self.payStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.payLayout.addItem(self.payStretch)

        self.payLayout.setStretch(4, 1)

        self.formLayout.setLayout(5, QFormLayout.ItemRole.FieldRole, self.payLayout)

        self.daysLabel = QLabel(self.formBody)
        self.daysLabel.setObjectName(u"daysLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.daysLabel)

        self.daysHost = QVBoxLayout()
        self.daysHost.setObjectName(u"daysHost")

        self.formLayout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.daysHost)

        self.outcomeLabel = QLabel(self.formBody)
        self.outcomeLabel.setObjectName(u"outcomeLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.outcomeLabel)

        self.outcomeEdit = QPlainTextEdit(self.formBody)
        self.outcomeEdit.setObjectName(u"outcomeEdit")
        self.outcomeEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.outcomeEdit)

        self.formScroll.setWidget(self.formBody)

        self.columnsLayout.addWidget(self.formScroll)

        self.advisorsLayout = QVBoxLayout()
        self.advisorsLayout.setObjectName(u"advisorsLayout")
        self.advisorsLabel = QLabel(DispatchDialog)
        self.advisorsLabel.setObjectName(u"advisorsLabel")

        self.advisorsLayout.addWidget(self.advisorsLabel)

        self.advisorFilterEdit = QLineEdit(DispatchDialog)
        self.advisorFilterEdit.setObjectName(u"advisorFilterEdit")
        self.advisorFilterEdit.setClearButtonEnabled(True)

        self.advisorsLayout.addWidget(self.advisorFilterEdit)

        self.advisorList = QListWidget(DispatchDialog)
        self.advisorList.setObjectName(u"advisorList")

        self.advisorsLayout.addWidget(self.advisorList)

        self.advisorsLayout.setStretch(2, 1)

        self.columnsLayout.addLayout(self.advisorsLayout)

        self.columnsLayout.setStretch(0, 3)
        self.columnsLayout.setStretch(1, 2)

        self.mainLayout.addLayout(self.columnsLayout)

        self.errorLabel = QLabel(DispatchDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #d32f2f;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(DispatchDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.requestedByLabel.setBuddy(self.requestedByCombo)
        self.requestDateLabel.setBuddy(self.requestDateEdit)
        self.purposeCategoryLabel.setBuddy(self.purposeCategoryCombo)
        self.purposeLabel.setBuddy(self.purposeEdit)
        self.outcomeLabel.setBuddy(self.outcomeEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DispatchDialog)

        QMetaObject.connectSlotsByName(DispatchDialog)
    # setupUi

    def retranslateUi(self, DispatchDialog):
        self.municipalityLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u5e02\u753a\u6751 *", None))
        self.requestedByLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u4f9d\u983c\u5143", None))
        self.requestDateLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u4f9d\u983c\u65e5", None))
        self.purposeCategoryLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u76ee\u7684", None))
        self.purposeLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u5185\u5bb9", None))
        self.purposeEdit.setPlaceholderText(QCoreApplication.translate("DispatchDialog", u"\u6d3e\u9063\u306e\u76ee\u7684\u30fb\u5185\u5bb9", None))
        self.payerLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u8cbb\u7528\u8ca0\u62c5", None))
        self.statusLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u72b6\u6cc1", None))
        self.daysLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u6d3e\u9063\u65e5", None))
        self.outcomeLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u5b9f\u65bd\u5831\u544a", None))
        self.outcomeEdit.setPlaceholderText(QCoreApplication.translate("DispatchDialog", u"\u5b9f\u65bd\u5831\u544a\uff08\u53c2\u52a0\u8005\u6570\u3001\u8a71\u3057\u5408\u308f\u308c\u305f\u3053\u3068\u3001\u6b21\u306e\u4e88\u5b9a\u2026\uff09", None))
        self.advisorsLabel.setText(QCoreApplication.translate("DispatchDialog", u"\u30a2\u30c9\u30d0\u30a4\u30b6\u30fc *\uff08\u30c1\u30a7\u30c3\u30af\u3067\u9078\u629e\uff09", None))
        self.advisorFilterEdit.setPlaceholderText(QCoreApplication.translate("DispatchDialog", u"\u540d\u524d\u30fb\u6240\u5c5e\u3067\u7d5e\u308a\u8fbc\u307f", None))
        pass
    # retranslateUi

