# Generated from ui/status_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'status_dialog.ui'
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
    QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
    QLabel, QScrollArea, QSizePolicy, QTabWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_StatusDialog(object):
    def setupUi(self, StatusDialog):
        if not StatusDialog.objectName():
            StatusDialog.setObjectName(u"StatusDialog")
        StatusDialog.resize(860, 680)
        StatusDialog.setModal(True)
        self.mainLayout = QVBoxLayout(StatusDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.topLayout = QHBoxLayout()
        self.topLayout.setObjectName(u"topLayout")
        self.pageTitle = QLabel(StatusDialog)
        self.pageTitle.setObjectName(u"pageTitle")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.pageTitle.sizePolicy().hasHeightForWidth())
        self.pageTitle.setSizePolicy(sizePolicy)
        self.pageTitle.setText(u"\u5e02\u753a\u6751\uff08\u30b3\u30fc\u30c9\uff09")

        self.topLayout.addWidget(self.pageTitle)

        self.yearLabel = QLabel(StatusDialog)
        self.yearLabel.setObjectName(u"yearLabel")

        self.topLayout.addWidget(self.yearLabel)

        self.yearCombo = QComboBox(StatusDialog)
        self.yearCombo.setObjectName(u"yearCombo")

        self.topLayout.addWidget(self.yearCombo)


        self.mainLayout.addLayout(self.topLayout)

        self.noteLabel = QLabel(StatusDialog)
        self.noteLabel.setObjectName(u"noteLabel")
        self.noteLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.noteLabel)

        self.tabs = QTabWidget(StatusDialog)
        self.tabs.setObjectName(u"tabs")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.tabs.sizePolicy().hasHeightForWidth())
        self.tabs.setSizePolicy(sizePolicy1)
        self.inputTab = QWidget()
        self.inputTab.setObjectName(u"inputTab")
        self.inputTabLayout = QVBoxLayout(self.inputTab)
        self.inputTabLayout.setObjectName(u"inputTabLayout")
        self.inputTabLayout.setContentsMargins(0, 0, 0, 0)
        self.formScroll = QScrollArea(self.inputTab)
        self.formScroll.setObjectName(u"formScroll")
        self.formScroll.setWidgetResizable(True)
        self.formHost = QWidget()
        self.formHost.setObjectName(u"formHost")
        self.formHost.setGeometry(QRect(0, 0, 820, 600))
        self.formLayout = QVBoxLayout(self.formHost)
        self.formLayout.setObjectName(u"formLayout")
        self.formScroll.setWidget(self.formHost)

        self.inputTabLayout.addWidget(self.formScroll)

        self.tabs.addTab(self.inputTab, "")
        self.historyTab = QWidget()
        self.historyTab.setObjectName(u"historyTab")
        self.historyTabLayout = QVBoxLayout(self.historyTab)
        self.historyTabLayout.setObjectName(u"historyTabLayout")
        self.historyNote = QLabel(self.historyTab)
        self.historyNote.setObjectName(u"historyNote")
        self.historyNote.setWordWrap(True)

        self.historyTabLayout.addWidget(self.historyNote)

        self.historyTable = QTableWidget(self.historyTab)
        self.historyTable.setObjectName(u"historyTable")
        self.historyTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.historyTable.setAlternatingRowColors(False)

        self.historyTabLayout.addWidget(self.historyTable)

        self.tabs.addTab(self.historyTab, "")

        self.mainLayout.addWidget(self.tabs)

        self.errorLabel = QLabel(StatusDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(StatusDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.yearLabel.setBuddy(self.yearCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.yearCombo, self.tabs)
        QWidget.setTabOrder(self.tabs, self.formScroll)
        QWidget.setTabOrder(self.formScroll, self.historyTable)

        self.retranslateUi(StatusDialog)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(StatusDialog)
    # setupUi

    def retranslateUi(self, StatusDialog):
        StatusDialog.setWindowTitle(QCoreApplication.translate("StatusDialog", u"\u53d6\u7d44\u72b6\u6cc1", None))
        self.yearLabel.setText(QCoreApplication.translate("StatusDialog", u"\u5e74\u5ea6", None))
#if QT_CONFIG(tooltip)
        self.yearCombo.setToolTip(QCoreApplication.translate("StatusDialog", u"\u8a18\u9332\u306e\u306a\u3044\u5e74\u5ea6\u306f\u3001\u524d\u306e\u5e74\u5ea6\u306e\u5185\u5bb9\u3092\u5199\u3057\u3066\u59cb\u307e\u308a\u307e\u3059", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.inputTab), QCoreApplication.translate("StatusDialog", u"\u5165\u529b", None))
        self.historyNote.setText(QCoreApplication.translate("StatusDialog", u"\u524d\u306e\u5e74\u5ea6\u304b\u3089\u5909\u308f\u3063\u305f\u5024\u3092\u9ec4\u8272\u3067\u793a\u3057\u307e\u3059\u3002", None))
        self.tabs.setTabText(self.tabs.indexOf(self.historyTab), QCoreApplication.translate("StatusDialog", u"\u5e74\u5ea6\u3054\u3068\u306e\u63a8\u79fb", None))
    # retranslateUi

