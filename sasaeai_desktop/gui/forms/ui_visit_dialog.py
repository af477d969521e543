# Generated from ui/visit_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'visit_dialog.ui'
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
    QDialogButtonBox, QFormLayout, QFrame, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QScrollArea, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

from sasaeai_desktop.gui.widgets.date_fields import (DateField, TimeField)

class Ui_VisitDialog(object):
    def setupUi(self, VisitDialog):
        if not VisitDialog.objectName():
            VisitDialog.setObjectName(u"VisitDialog")
        self.mainLayout = QVBoxLayout(VisitDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(12, 12, 12, 12)
        self.scroll = QScrollArea(VisitDialog)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body.setObjectName(u"body")
        self.columnsLayout = QHBoxLayout(self.body)
        self.columnsLayout.setSpacing(16)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.columnsLayout.setContentsMargins(0, 0, 4, 0)
        self.leftLayout = QVBoxLayout()
        self.leftLayout.setObjectName(u"leftLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.municipalityLabel = QLabel(self.body)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.municipalityLabel)

        self.municipalityCombo = QComboBox(self.body)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setEditable(True)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.municipalityCombo)

        self.visitDateLabel = QLabel(self.body)
        self.visitDateLabel.setObjectName(u"visitDateLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.visitDateLabel)

        self.whenLayout = QHBoxLayout()
        self.whenLayout.setObjectName(u"whenLayout")
        self.visitDateEdit = DateField(self.body)
        self.visitDateEdit.setObjectName(u"visitDateEdit")

        self.whenLayout.addWidget(self.visitDateEdit)

        self.timeGap = QSpacerItem(8, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.whenLayout.addItem(self.timeGap)

        self.startTimeEdit = TimeField(self.body)
        self.startTimeEdit.setObjectName(u"startTimeEdit")

        self.whenLayout.addWidget(self.startTimeEdit)

        self.timeDash = QLabel(self.body)
        self.timeDash.setObjectName(u"timeDash")
        self.timeDash.setText(u"\u301c")

        self.whenLayout.addWidget(self.timeDash)

        self.endTimeEdit = TimeField(self.body)
        self.endTimeEdit.setObjectName(u"endTimeEdit")

        self.whenLayout.addWidget(self.endTimeEdit)

        self.whenStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.whenLayout.addItem(self.whenStretch)

        self.whenLayout.setStretch(5, 1)

        self.formLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.whenLayout)

        self.placeLabel = QLabel(self.body)
        self.placeLabel.setObjectName(u"placeLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.placeEdit = QLineEdit(self.body)
        self.placeEdit.setObjectName(u"placeEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.placeEdit)

        self.purposeCategoryLabel = QLabel(self.body)
        self.purposeCategoryLabel.setObjectName(u"purposeCategoryLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.purposeCategoryLabel)

        self.purposeCategoryCombo = QComboBox(self.body)
        self.purposeCategoryCombo.setObjectName(u"purposeCategoryCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.purposeCategoryCombo)

        self.purposeLabel = QLabel(self.body)
        self.purposeLabel.setObjectName(u"purposeLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.purposeLabel)

        self.purposeEdit = QPlainTextEdit(self.body)
        self.purposeEdit.setObjectName(u"purposeEdit")
        self.purposeEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.purposeEdit)


        self.leftLayout.addLayout(self.formLayout)

        self.participantsBox = QGroupBox(self.body)
        self.participantsBox.setObjectName(u"participantsBox")
        self.participantsBoxLayout = QVBoxLayout(self.participantsBox)
        self.participantsBoxLayout.setObjectName(u"participantsBoxLayout")
        self.participantsHost = QVBoxLayout()
        self.participantsHost.setObjectName(u"participantsHost")

        self.participantsBoxLayout.addLayout(self.participantsHost)


        self.leftLayout.addWidget(self.participantsBox)

        self.nextVisitForm = QFormLayout()
        self.nextVisitForm.setObjectName(u"nextVisitForm")
        self.nextVisitLabel = QLabel(self.body)
        self.nextVisitLabel.setObjectName(u"nextVisitLabel")

        self.nextVisitForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nextVisitLabel)

        self.nextVisitLayout = QHBoxLayout()
        self.nextVisitLayout.setObjectName(u"nextVisitLayout")
        self.nextVisitDateEdit = DateField(self.body)
        self.nextVisitDateEdit.setObjectName(u"nextVisitDateEdit")

        self.nextVisitLayout.addWidget(self.nextVisitDateEdit)

        self.nextVisitNoteEdit = QLineEdit(self.body)
        self.nextVisitNoteEdit.setObjectName(u"nextVisitNoteEdit")

        self.nextVisitLayout.addWidget(self.nextVisitNoteEdit)

        self.nextVisitLayout.setStretch(1, 1)

        self.nextVisitForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.nextVisitLayout)


        self.leftLayout.addLayout(self.nextVisitForm)

        self.leftStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftLayout.addItem(self.leftStretch)

        self.leftLayout.setStretch(3, 1)

        self.columnsLayout.addLayout(self.leftLayout)

        self.rightLayout = QVBoxLayout()
        self.rightLayout.setObjectName(u"rightLayout")
        self.observationsLabel = QLabel(self.body)
        self.observationsLabel.setObjectName(u"observationsLabel")

        self.rightLayout.addWidget(self.observationsLabel)

        self.observationsEdit = QPlainTextEdit(self.body)
        self.observationsEdit.setObjectName(u"observationsEdit")
        self.observationsEdit.setTabChangesFocus(True)

        self.rightLayout.addWidget(self.observationsEdit)

        self.issuesLabel = QLabel(self.body)
        self.issuesLabel.setObjectName(u"issuesLabel")

        self.rightLayout.addWidget(self.issuesLabel)

        self.issuesEdit = QPlainTextEdit(self.body)
        self.issuesEdit.setObjectName(u"issuesEdit")
        self.issuesEdit.setTabChangesFocus(True)

        self.rightLayout.addWidget(self.issuesEdit)

        self.adviceLabel = QLabel(self.body)
        self.adviceLabel.setObjectName(u"adviceLabel")

        self.rightLayout.addWidget(self.adviceLabel)

        self.adviceEdit = QPlainTextEdit(self.body)
        self.adviceEdit.setObjectName(u"adviceEdit")
        self.adviceEdit.setTabChangesFocus(True)

        self.rightLayout.addWidget(self.adviceEdit)

        self.followUpsBox = QGroupBox(self.body)
        self.followUpsBox.setObjectName(u"followUpsBox")
        self.followUpsBoxLayout = QVBoxLayout(self.followUpsBox)
        self.followUpsBoxLayout.setObjectName(u"followUpsBoxLayout")
        self.followUpsHost = QVBoxLayout()
        self.followUpsHost.setObjectName(u"followUpsHost")

        self.followUpsBoxLayout.addLayout(self.followUpsHost)


        self.rightLayout.addWidget(self.followUpsBox)

        self.rightLayout.setStretch(1, 1)
        self.rightLayout.setStretch(3, 1)
        self.rightLayout.setStretch(5, 1)

        self.columnsLayout.addLayout(self.rightLayout)

        self.columnsLayout.setStretch(0, 5)
        self.columnsLayout.setStretch(1, 6)
        self.scroll.setWidget(self.body)

        self.mainLayout.addWidget(self.scroll)

        self.errorLabel = QLabel(VisitDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #d32f2f;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.warningLabel = QLabel(VisitDialog)
        self.warningLabel.setObjectName(u"warningLabel")
        self.warningLabel.setStyleSheet(u"color: #8a5a00;")
        self.warningLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.warningLabel)

        self.bottomLayout = QHBoxLayout()
        self.bottomLayout.setObjectName(u"bottomLayout")
        self.draftLabel = QLabel(VisitDialog)
        self.draftLabel.setObjectName(u"draftLabel")
        self.draftLabel.setStyleSheet(u"color: #52606d;")

        self.bottomLayout.addWidget(self.draftLabel)

        self.buttonBox = QDialogButtonBox(VisitDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.bottomLayout.addWidget(self.buttonBox)

        self.bottomLayout.setStretch(0, 1)

        self.mainLayout.addLayout(self.bottomLayout)

        self.mainLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.placeLabel.setBuddy(self.placeEdit)
        self.purposeCategoryLabel.setBuddy(self.purposeCategoryCombo)
        self.purposeLabel.setBuddy(self.purposeEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(VisitDialog)

        QMetaObject.connectSlotsByName(VisitDialog)
    # setupUi

    def retranslateUi(self, VisitDialog):
        self.municipalityLabel.setText(QCoreApplication.translate("VisitDialog", u"\u5e02\u753a\u6751 *", None))
        self.visitDateLabel.setText(QCoreApplication.translate("VisitDialog", u"\u8a2a\u554f\u65e5 *", None))
        self.placeLabel.setText(QCoreApplication.translate("VisitDialog", u"\u5834\u6240", None))
        self.placeEdit.setPlaceholderText(QCoreApplication.translate("VisitDialog", u"\u4f8b: \u5f79\u5834 2\u968e \u4f1a\u8b70\u5ba4", None))
        self.purposeCategoryLabel.setText(QCoreApplication.translate("VisitDialog", u"\u76ee\u7684\u533a\u5206", None))
        self.purposeLabel.setText(QCoreApplication.translate("VisitDialog", u"\u76ee\u7684", None))
        self.purposeEdit.setPlaceholderText(QCoreApplication.translate("VisitDialog", u"\u8a2a\u554f\u306e\u76ee\u7684\uff08\u81ea\u7531\u8a18\u8ff0\uff09", None))
        self.participantsBox.setTitle(QCoreApplication.translate("VisitDialog", u"\u53c2\u52a0\u8005\uff08\u770c\u30fb\u30a2\u30c9\u30d0\u30a4\u30b6\u30fc\u30fb\u5e02\u753a\u6751\u5074\uff09", None))
        self.nextVisitLabel.setText(QCoreApplication.translate("VisitDialog", u"\u6b21\u56de\u8a2a\u554f", None))
        self.nextVisitNoteEdit.setPlaceholderText(QCoreApplication.translate("VisitDialog", u"\u6b21\u56de\u306e\u5185\u5bb9\u30fb\u4e88\u5b9a\uff08\u4efb\u610f\uff09", None))
        self.observationsLabel.setText(QCoreApplication.translate("VisitDialog", u"\u628a\u63e1\u3057\u305f\u72b6\u6cc1", None))
        self.observationsEdit.setPlaceholderText(QCoreApplication.translate("VisitDialog", u"\u628a\u63e1\u3057\u305f\u72b6\u6cc1\uff08\u5730\u57df\u306e\u69d8\u5b50\u3001\u53d6\u7d44\u306e\u9032\u307f\u5177\u5408\u2026\uff09", None))
        self.issuesLabel.setText(QCoreApplication.translate("VisitDialog", u"\u8ab2\u984c", None))
        self.issuesEdit.setPlaceholderText(QCoreApplication.translate("VisitDialog", u"\u8ab2\u984c\u3068\u3057\u3066\u6319\u304c\u3063\u305f\u3053\u3068", None))
        self.adviceLabel.setText(QCoreApplication.translate("VisitDialog", u"\u52a9\u8a00\u5185\u5bb9", None))
        self.adviceEdit.setPlaceholderText(QCoreApplication.translate("VisitDialog", u"\u52a9\u8a00\u3057\u305f\u5185\u5bb9", None))
        self.followUpsBox.setTitle(QCoreApplication.translate("VisitDialog", u"\u30d5\u30a9\u30ed\u30fc\u30a2\u30c3\u30d7\uff08\u6b21\u306b\u3084\u308b\u3053\u3068\uff09", None))
        pass
    # retranslateUi

