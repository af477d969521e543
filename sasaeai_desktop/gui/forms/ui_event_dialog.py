# Generated from ui/event_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'event_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListView, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

from sasaeai_desktop.gui.dialogs.dialog_frame import FormScrollArea

class Ui_EventDialog(object):
    def setupUi(self, EventDialog):
        if not EventDialog.objectName():
            EventDialog.setObjectName(u"EventDialog")
        self.mainLayout = QVBoxLayout(EventDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formScroll = FormScrollArea(EventDialog)
        self.formScroll.setObjectName(u"formScroll")
        self.formScroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.formScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.formScroll.setWidgetResizable(True)
        self.formBody = QWidget()
        self.formBody.setObjectName(u"formBody")
        self.formLayout = QFormLayout(self.formBody)
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setContentsMargins(0, 0, 6, 0)
        self.typeLabel = QLabel(self.formBody)
        self.typeLabel.setObjectName(u"typeLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.typeLabel)

        self.typeCombo = QComboBox(self.formBody)
        self.typeCombo.setObjectName(u"typeCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.typeCombo)

        self.titleLabel = QLabel(self.formBody)
        self.titleLabel.setObjectName(u"titleLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(self.formBody)
        self.titleEdit.setObjectName(u"titleEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.fiscalYearLabel = QLabel(self.formBody)
        self.fiscalYearLabel.setObjectName(u"fiscalYearLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.fiscalYearLabel)

        self.fiscalYearSpin = QSpinBox(self.formBody)
        self.fiscalYearSpin.setObjectName(u"fiscalYearSpin")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.fiscalYearSpin)

        self.coHostsLabel = QLabel(self.formBody)
        self.coHostsLabel.setObjectName(u"coHostsLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.coHostsLabel)

        self.coHostsEdit = QLineEdit(self.formBody)
        self.coHostsEdit.setObjectName(u"coHostsEdit")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.coHostsEdit)

        self.audienceLabel = QLabel(self.formBody)
        self.audienceLabel.setObjectName(u"audienceLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.audienceLabel)

        self.audienceList = QListWidget(self.formBody)
        self.audienceList.setObjectName(u"audienceList")
        self.audienceList.setMaximumSize(QSize(16777215, 64))
        self.audienceList.setResizeMode(QListView.ResizeMode.Adjust)
        self.audienceList.setFlow(QListView.Flow.LeftToRight)
        self.audienceList.setProperty(u"isWrapping", True)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.audienceList)

        self.staffLabel = QLabel(self.formBody)
        self.staffLabel.setObjectName(u"staffLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.staffLabel)

        self.staffLayout = QVBoxLayout()
        self.staffLayout.setObjectName(u"staffLayout")
        self.staffAddLayout = QHBoxLayout()
        self.staffAddLayout.setObjectName(u"staffAddLayout")
        self.staffEdit = QLineEdit(self.formBody)
        self.staffEdit.setObjectName(u"staffEdit")

        self.staffAddLayout.addWidget(self.staffEdit)

        self.staffFoundCombo = QComboBox(self.formBody)
        self.staffFoundCombo.setObjectName(u"staffFoundCombo")
        self.staffFoundCombo.setMinimumContentsLength(18)

        self.staffAddLayout.addWidget(self.staffFoundCombo)

        self.staffKindCombo = QComboBox(self.formBody)
        self.staffKindCombo.setObjectName(u"staffKindCombo")

        self.staffAddLayout.addWidget(self.staffKindCombo)

        self.addStaffButton = QPushButton(self.formBody)
        self.addStaffButton.setObjectName(u"addStaffButton")

        self.staffAddLayout.addWidget(self.addStaffButton)

        self.staffAddLayout.setStretch(0, 2)
        self.staffAddLayout.setStretch(1, 3)

        self.staffLayout.addLayout(self.staffAddLayout)

        self.staffList = QListWidget(self.formBody)
        self.staffList.setObjectName(u"staffList")
        self.staffList.setMaximumSize(QSize(16777215, 90))

        self.staffLayout.addWidget(self.staffList)

        self.removeStaffButton = QPushButton(self.formBody)
        self.removeStaffButton.setObjectName(u"removeStaffButton")

        self.staffLayout.addWidget(self.removeStaffButton, 0, Qt.AlignmentFlag.AlignLeft)


        self.formLayout.setLayout(5, QFormLayout.ItemRole.FieldRole, self.staffLayout)

        self.notesLabel = QLabel(self.formBody)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(self.formBody)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setMaximumSize(QSize(16777215, 90))
        self.notesEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.notesEdit)

        self.questionsLabel = QLabel(self.formBody)
        self.questionsLabel.setObjectName(u"questionsLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.questionsLabel)

        self.questionsEdit = QPlainTextEdit(self.formBody)
        self.questionsEdit.setObjectName(u"questionsEdit")
        self.questionsEdit.setMaximumSize(QSize(16777215, 70))
        self.questionsEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.questionsEdit)

        self.structureLabel = QLabel(self.formBody)
        self.structureLabel.setObjectName(u"structureLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.structureLabel)

        self.structureCombo = QComboBox(self.formBody)
        self.structureCombo.setObjectName(u"structureCombo")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.structureCombo)

        self.sessionsLabel = QLabel(self.formBody)
        self.sessionsLabel.setObjectName(u"sessionsLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.sessionsLabel)

        self.sessionsLayout = QVBoxLayout()
        self.sessionsLayout.setObjectName(u"sessionsLayout")
        self.sessionTable = QTableWidget(self.formBody)
        if (self.sessionTable.columnCount() < 7):
            self.sessionTable.setColumnCount(7)
        __qtablewidgetitem = QTableWidgetItem()
        self.sessionTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.sessionTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.sessionTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.sessionTable.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.sessionTable.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.sessionTable.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.sessionTable.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        self.sessionTable.setObjectName(u"sessionTable")
        self.sessionTable.setMinimumSize(QSize(0, 150))
        self.sessionTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessionTable.setColumnCount(7)
        self.sessionTable.verticalHeader().setVisible(False)

        self.sessionsLayout.addWidget(self.sessionTable)

        self.sessionButtonsLayout = QHBoxLayout()
        self.sessionButtonsLayout.setObjectName(u"sessionButtonsLayout")
        self.addSessionButton = QPushButton(self.formBody)
        self.addSessionButton.setObjectName(u"addSessionButton")

        self.sessionButtonsLayout.addWidget(self.addSessionButton)

        self.removeSessionButton = QPushButton(self.formBody)
        self.removeSessionButton.setObjectName(u"removeSessionButton")

        self.sessionButtonsLayout.addWidget(self.removeSessionButton)

        self.sessionsHintLabel = QLabel(self.formBody)
        self.sessionsHintLabel.setObjectName(u"sessionsHintLabel")

        self.sessionButtonsLayout.addWidget(self.sessionsHintLabel)

        self.sessionButtonsLayout.setStretch(2, 1)

        self.sessionsLayout.addLayout(self.sessionButtonsLayout)


        self.formLayout.setLayout(9, QFormLayout.ItemRole.FieldRole, self.sessionsLayout)

        self.formScroll.setWidget(self.formBody)

        self.mainLayout.addWidget(self.formScroll)

        self.errorLabel = QLabel(EventDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(EventDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.typeLabel.setBuddy(self.typeCombo)
        self.titleLabel.setBuddy(self.titleEdit)
        self.fiscalYearLabel.setBuddy(self.fiscalYearSpin)
        self.coHostsLabel.setBuddy(self.coHostsEdit)
        self.audienceLabel.setBuddy(self.audienceList)
        self.notesLabel.setBuddy(self.notesEdit)
        self.questionsLabel.setBuddy(self.questionsEdit)
        self.structureLabel.setBuddy(self.structureCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EventDialog)

        QMetaObject.connectSlotsByName(EventDialog)
    # setupUi

    def retranslateUi(self, EventDialog):
        self.typeLabel.setText(QCoreApplication.translate("EventDialog", u"\u7a2e\u5225", None))
        self.titleLabel.setText(QCoreApplication.translate("EventDialog", u"\u7814\u4fee\u540d", None))
        self.fiscalYearLabel.setText(QCoreApplication.translate("EventDialog", u"\u5e74\u5ea6", None))
        self.coHostsLabel.setText(QCoreApplication.translate("EventDialog", u"\u5171\u50ac", None))
        self.coHostsEdit.setPlaceholderText(QCoreApplication.translate("EventDialog", u"\u4f8b: \u9577\u91ce\u770c\u793e\u4f1a\u798f\u7949\u5354\u8b70\u4f1a", None))
        self.audienceLabel.setText(QCoreApplication.translate("EventDialog", u"\u5bfe\u8c61", None))
        self.staffLabel.setText(QCoreApplication.translate("EventDialog", u"\u8b1b\u5e2b\u30fb\u52a9\u8a00\u8005", None))
        self.staffEdit.setPlaceholderText(QCoreApplication.translate("EventDialog", u"\u8b1b\u5e2b\u30fb\u30a2\u30c9\u30d0\u30a4\u30b6\u30fc\u306e\u6c0f\u540d\u307e\u305f\u306f\u3075\u308a\u304c\u306a\u306e\u5148\u982d", None))
        self.addStaffButton.setText(QCoreApplication.translate("EventDialog", u"\u8ffd\u52a0", None))
        self.removeStaffButton.setText(QCoreApplication.translate("EventDialog", u"\u9078\u3093\u3060\u4eba\u3092\u5916\u3059", None))
        self.notesLabel.setText(QCoreApplication.translate("EventDialog", u"\u30d7\u30ed\u30b0\u30e9\u30e0", None))
        self.notesEdit.setPlaceholderText(QCoreApplication.translate("EventDialog", u"\u30d7\u30ed\u30b0\u30e9\u30e0\uff08\u6642\u9593\u5272\u30fb\u5185\u5bb9\uff09", None))
        self.questionsLabel.setText(QCoreApplication.translate("EventDialog", u"\u30a2\u30f3\u30b1\u30fc\u30c8\u9805\u76ee", None))
        self.questionsEdit.setPlaceholderText(QCoreApplication.translate("EventDialog", u"\u4e8b\u5f8c\u30a2\u30f3\u30b1\u30fc\u30c8\u3067\u8a55\u4fa1\u3057\u3066\u3082\u3089\u3046\u9805\u76ee\uff081\u884c\u306b1\u3064\u3001\u4f8b: \u8b1b\u7fa9\u300c\u5730\u57df\u3065\u304f\u308a\u300d\uff09", None))
        self.structureLabel.setText(QCoreApplication.translate("EventDialog", u"\u65e5\u7a0b\u306e\u95a2\u4fc2", None))
#if QT_CONFIG(tooltip)
        self.structureCombo.setToolTip(QCoreApplication.translate("EventDialog", u"\u5168\u65e5\u7a0b\u3067\u4e00\u3064\u306e\u8ab2\u7a0b: \u5fc5\u9808\u306e\u65e5\u7a0b\u3059\u3079\u3066\u306b\u51fa\u5e2d\u3057\u305f\u4eba\u306b\u4fee\u4e86\u8a3c\u66f8\n"
"\u540c\u3058\u5185\u5bb9\u306e\u65e5\u7a0b\u304b\u3089\u9078\u3076: \u3069\u308c\u304b\u4e00\u3064\u306e\u65e5\u7a0b\u306b\u51fa\u5e2d\u3057\u305f\u4eba\u306b\u4fee\u4e86\u8a3c\u66f8\n"
"\u5404\u56de\u304c\u72ec\u7acb\u3057\u305f\u8b1b\u5ea7: \u51fa\u5e2d\u3057\u305f\u56de\u3092\u8a18\u3057\u305f\u53d7\u8b1b\u8a3c\u660e\u66f8", None))
#endif // QT_CONFIG(tooltip)
        self.sessionsLabel.setText(QCoreApplication.translate("EventDialog", u"\u65e5\u7a0b", None))
        ___qtablewidgetitem = self.sessionTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("EventDialog", u"\u65e5\u4ed8", None))
        ___qtablewidgetitem1 = self.sessionTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("EventDialog", u"\u958b\u59cb", None))
        ___qtablewidgetitem2 = self.sessionTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("EventDialog", u"\u7d42\u4e86", None))
        ___qtablewidgetitem3 = self.sessionTable.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("EventDialog", u"\u540d\u79f0", None))
        ___qtablewidgetitem4 = self.sessionTable.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("EventDialog", u"\u4f1a\u5834", None))
        ___qtablewidgetitem5 = self.sessionTable.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("EventDialog", u"\u5b9a\u54e1", None))
        ___qtablewidgetitem6 = self.sessionTable.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("EventDialog", u"\u5fc5\u9808", None))
        self.addSessionButton.setText(QCoreApplication.translate("EventDialog", u"\u65e5\u7a0b\u3092\u8ffd\u52a0", None))
        self.removeSessionButton.setText(QCoreApplication.translate("EventDialog", u"\u9078\u3093\u3060\u65e5\u7a0b\u3092\u524a\u9664", None))
        self.sessionsHintLabel.setText(QCoreApplication.translate("EventDialog", u"\u65e5\u4ed8\u306f 2025-07-01 \u3084 R7.7.1\u3001\u6642\u523b\u306f 13:30\u3002\u6700\u5f8c\u306e\u884c\u3067 \u2193 \u3092\u62bc\u3059\u3068\u6b21\u306e\u65e5\u7a0b", None))
        pass
    # retranslateUi

