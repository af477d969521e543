# Generated from ui/grant_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'grant_dialog.ui'
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
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

from sasaeai_desktop.gui.widgets.date_fields import DateField

class Ui_GrantDialog(object):
    def setupUi(self, GrantDialog):
        if not GrantDialog.objectName():
            GrantDialog.setObjectName(u"GrantDialog")
        self.mainLayout = QVBoxLayout(GrantDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fiscalYearLabel = QLabel(GrantDialog)
        self.fiscalYearLabel.setObjectName(u"fiscalYearLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fiscalYearLabel)

        self.yearLayout = QHBoxLayout()
        self.yearLayout.setObjectName(u"yearLayout")
        self.fiscalYearCombo = QComboBox(GrantDialog)
        self.fiscalYearCombo.setObjectName(u"fiscalYearCombo")

        self.yearLayout.addWidget(self.fiscalYearCombo)

        self.yearLayoutGap = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.yearLayout.addItem(self.yearLayoutGap)

        self.kindComboLabel = QLabel(GrantDialog)
        self.kindComboLabel.setObjectName(u"kindComboLabel")

        self.yearLayout.addWidget(self.kindComboLabel)

        self.kindCombo = QComboBox(GrantDialog)
        self.kindCombo.setObjectName(u"kindCombo")

        self.yearLayout.addWidget(self.kindCombo)

        self.yearLayoutStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.yearLayout.addItem(self.yearLayoutStretch)

        self.yearLayout.setStretch(4, 1)

        self.formLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.yearLayout)

        self.municipalityLabel = QLabel(GrantDialog)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.municipalityLabel)

        self.municipalityCombo = QComboBox(GrantDialog)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setEditable(True)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.municipalityCombo)

        self.programLabel = QLabel(GrantDialog)
        self.programLabel.setObjectName(u"programLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.programLabel)

        self.programEdit = QLineEdit(GrantDialog)
        self.programEdit.setObjectName(u"programEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.programEdit)

        self.amountDecidedLabel = QLabel(GrantDialog)
        self.amountDecidedLabel.setObjectName(u"amountDecidedLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.amountDecidedLabel)

        self.amountLayout = QHBoxLayout()
        self.amountLayout.setObjectName(u"amountLayout")
        self.amountDecidedEdit = QLineEdit(GrantDialog)
        self.amountDecidedEdit.setObjectName(u"amountDecidedEdit")

        self.amountLayout.addWidget(self.amountDecidedEdit)

        self.amountLayoutGap = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.amountLayout.addItem(self.amountLayoutGap)

        self.amountPaidEditLabel = QLabel(GrantDialog)
        self.amountPaidEditLabel.setObjectName(u"amountPaidEditLabel")

        self.amountLayout.addWidget(self.amountPaidEditLabel)

        self.amountPaidEdit = QLineEdit(GrantDialog)
        self.amountPaidEdit.setObjectName(u"amountPaidEdit")

        self.amountLayout.addWidget(self.amountPaidEdit)

        self.amountLayoutStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.amountLayout.addItem(self.amountLayoutStretch)

        self.amountLayout.setStretch(4, 1)

        self.formLayout.setLayout(3, QFormLayout.ItemRole.FieldRole, self.amountLayout)

        self.purposeLabel = QLabel(GrantDialog)
        self.purposeLabel.setObjectName(u"purposeLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.purposeLabel)

        self.purposeEdit = QPlainTextEdit(GrantDialog)
        self.purposeEdit.setObjectName(u"purposeEdit")
        self.purposeEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.purposeEdit)

        self.appliedLabel = QLabel(GrantDialog)
        self.appliedLabel.setObjectName(u"appliedLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.appliedLabel)

        self.applyLayout = QHBoxLayout()
        self.applyLayout.setObjectName(u"applyLayout")
        self.appliedDateEdit = DateField(GrantDialog)
        self.appliedDateEdit.setObjectName(u"appliedDateEdit")

        self.applyLayout.addWidget(self.appliedDateEdit)

        self.applyLayoutGap = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.applyLayout.addItem(self.applyLayoutGap)

        self.decidedDateEditLabel = QLabel(GrantDialog)
        self.decidedDateEditLabel.setObjectName(u"decidedDateEditLabel")

        self.applyLayout.addWidget(self.decidedDateEditLabel)

        self.decidedDateEdit = DateField(GrantDialog)
        self.decidedDateEdit.setObjectName(u"decidedDateEdit")

        self.applyLayout.addWidget(self.decidedDateEdit)

        self.applyLayoutStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.applyLayout.addItem(self.applyLayoutStretch)

        self.applyLayout.setStretch(4, 1)

        self.formLayout.setLayout(5, QFormLayout.ItemRole.FieldRole, self.applyLayout)

        self.reportDueLabel = QLabel(GrantDialog)
        self.reportDueLabel.setObjectName(u"reportDueLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.reportDueLabel)

        self.reportLayout = QHBoxLayout()
        self.reportLayout.setObjectName(u"reportLayout")
        self.reportDueEdit = DateField(GrantDialog)
        self.reportDueEdit.setObjectName(u"reportDueEdit")

        self.reportLayout.addWidget(self.reportDueEdit)

        self.reportLayoutGap = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.reportLayout.addItem(self.reportLayoutGap)

        self.reportReceivedEditLabel = QLabel(GrantDialog)
        self.reportReceivedEditLabel.setObjectName(u"reportReceivedEditLabel")

        self.reportLayout.addWidget(self.reportReceivedEditLabel)

        self.reportReceivedEdit = DateField(GrantDialog)
        self.reportReceivedEdit.setObjectName(u"reportReceivedEdit")

        self.reportLayout.addWidget(self.reportReceivedEdit)

        self.reportLayoutStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.reportLayout.addItem(self.reportLayoutStretch)

        self.reportLayout.setStretch(4, 1)

        self.formLayout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.reportLayout)

        self.statusTitleLabel = QLabel(GrantDialog)
        self.statusTitleLabel.setObjectName(u"statusTitleLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.statusTitleLabel)

        self.statusLabel = QLabel(GrantDialog)
        self.statusLabel.setObjectName(u"statusLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.statusLabel)

        self.linksLabel = QLabel(GrantDialog)
        self.linksLabel.setObjectName(u"linksLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.linksLabel)

        self.linksList = QListWidget(GrantDialog)
        self.linksList.setObjectName(u"linksList")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.linksList)

        self.notesLabel = QLabel(GrantDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(GrantDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(GrantDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #d32f2f;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(GrantDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.fiscalYearLabel.setBuddy(self.fiscalYearCombo)
        self.kindComboLabel.setBuddy(self.kindCombo)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.programLabel.setBuddy(self.programEdit)
        self.amountDecidedLabel.setBuddy(self.amountDecidedEdit)
        self.amountPaidEditLabel.setBuddy(self.amountPaidEdit)
        self.purposeLabel.setBuddy(self.purposeEdit)
        self.appliedLabel.setBuddy(self.appliedDateEdit)
        self.decidedDateEditLabel.setBuddy(self.decidedDateEdit)
        self.reportDueLabel.setBuddy(self.reportDueEdit)
        self.reportReceivedEditLabel.setBuddy(self.reportReceivedEdit)
        self.linksLabel.setBuddy(self.linksList)
        self.notesLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(GrantDialog)

        QMetaObject.connectSlotsByName(GrantDialog)
    # setupUi

    def retranslateUi(self, GrantDialog):
        self.fiscalYearLabel.setText(QCoreApplication.translate("GrantDialog", u"\u5e74\u5ea6 *", None))
        self.kindComboLabel.setText(QCoreApplication.translate("GrantDialog", u"\u7a2e\u5225 *", None))
        self.municipalityLabel.setText(QCoreApplication.translate("GrantDialog", u"\u5e02\u753a\u6751 *", None))
        self.programLabel.setText(QCoreApplication.translate("GrantDialog", u"\u4e8b\u696d\u540d *", None))
        self.programEdit.setPlaceholderText(QCoreApplication.translate("GrantDialog", u"\u4f8b: \u5730\u57df\u652f\u3048\u5408\u3044\u4f53\u5236\u3065\u304f\u308a\u30e2\u30c7\u30eb\u4e8b\u696d", None))
        self.amountDecidedLabel.setText(QCoreApplication.translate("GrantDialog", u"\u4ea4\u4ed8\u6c7a\u5b9a\u984d\uff08\u5186\uff09", None))
        self.amountDecidedEdit.setPlaceholderText(QCoreApplication.translate("GrantDialog", u"\u4f8b: 6000000\u3001600\u4e07\u5186", None))
        self.amountPaidEditLabel.setText(QCoreApplication.translate("GrantDialog", u"\u652f\u6255\u984d\uff08\u5186\uff09", None))
        self.purposeLabel.setText(QCoreApplication.translate("GrantDialog", u"\u4f7f\u9014", None))
        self.purposeEdit.setPlaceholderText(QCoreApplication.translate("GrantDialog", u"\u7814\u4fee\u3001\u4f1a\u8b70\u3001\u62e0\u70b9\u6574\u5099\u306a\u3069", None))
        self.appliedLabel.setText(QCoreApplication.translate("GrantDialog", u"\u7533\u8acb\u65e5", None))
        self.decidedDateEditLabel.setText(QCoreApplication.translate("GrantDialog", u"\u4ea4\u4ed8\u6c7a\u5b9a\u65e5", None))
        self.reportDueLabel.setText(QCoreApplication.translate("GrantDialog", u"\u5b9f\u7e3e\u5831\u544a\u671f\u9650", None))
        self.reportReceivedEditLabel.setText(QCoreApplication.translate("GrantDialog", u"\u5b9f\u7e3e\u5831\u544a\u53d7\u7406\u65e5", None))
        self.statusTitleLabel.setText(QCoreApplication.translate("GrantDialog", u"\u72b6\u6cc1", None))
#if QT_CONFIG(tooltip)
        self.statusLabel.setToolTip(QCoreApplication.translate("GrantDialog", u"\u72b6\u6cc1\u306f\u65e5\u4ed8\u304b\u3089\u6c7a\u307e\u308a\u307e\u3059\uff08\u53d7\u7406\u65e5\u304c\u3042\u308c\u3070\u5b8c\u4e86\u3001\u671f\u9650\u3092\u904e\u304e\u3066\u672a\u53d7\u7406\u306a\u3089\u5831\u544a\u671f\u9650\u8d85\u904e\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.linksLabel.setText(QCoreApplication.translate("GrantDialog", u"\u95a2\u9023\u3059\u308b\u8a2a\u554f\u30fb\u7814\u4fee", None))
#if QT_CONFIG(tooltip)
        self.linksList.setToolTip(QCoreApplication.translate("GrantDialog", u"\u3053\u306e\u5e02\u753a\u6751\u306e\u3053\u306e\u5e74\u5ea6\u306e\u8a2a\u554f\u8a18\u9332\u3068\u3001\u3053\u306e\u5e74\u5ea6\u306e\u7814\u4fee\u3002\u30c1\u30a7\u30c3\u30af\u3057\u305f\u3082\u306e\u3092\u95a2\u9023\u4ed8\u3051\u307e\u3059", None))
#endif // QT_CONFIG(tooltip)
        self.notesLabel.setText(QCoreApplication.translate("GrantDialog", u"\u5099\u8003", None))
        pass
    # retranslateUi

