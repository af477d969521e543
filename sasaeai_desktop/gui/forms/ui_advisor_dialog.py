# Generated from ui/advisor_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'advisor_dialog.ui'
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
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from sasaeai_desktop.gui.dialogs.dialog_frame import FormScrollArea

class Ui_AdvisorDialog(object):
    def setupUi(self, AdvisorDialog):
        if not AdvisorDialog.objectName():
            AdvisorDialog.setObjectName(u"AdvisorDialog")
        self.mainLayout = QVBoxLayout(AdvisorDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formScroll = FormScrollArea(AdvisorDialog)
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
        self.nameLabel = QLabel(self.formBody)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.namesLayout = QHBoxLayout()
        self.namesLayout.setObjectName(u"namesLayout")
        self.nameEdit = QLineEdit(self.formBody)
        self.nameEdit.setObjectName(u"nameEdit")

        self.namesLayout.addWidget(self.nameEdit)

        self.kanaLabel = QLabel(self.formBody)
        self.kanaLabel.setObjectName(u"kanaLabel")

        self.namesLayout.addWidget(self.kanaLabel)

        self.kanaEdit = QLineEdit(self.formBody)
        self.kanaEdit.setObjectName(u"kanaEdit")

        self.namesLayout.addWidget(self.kanaEdit)

        self.namesLayout.setStretch(0, 1)
        self.namesLayout.setStretch(2, 1)

        self.formLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.namesLayout)

        self.categoryLabel = QLabel(self.formBody)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.categoryLabel)

        self.organisationLayout = QHBoxLayout()
        self.organisationLayout.setObjectName(u"organisationLayout")
        self.categoryCombo = QComboBox(self.formBody)
        self.categoryCombo.setObjectName(u"categoryCombo")

        self.organisationLayout.addWidget(self.categoryCombo)

        self.affiliationLabel = QLabel(self.formBody)
        self.affiliationLabel.setObjectName(u"affiliationLabel")

        self.organisationLayout.addWidget(self.affiliationLabel)

        self.affiliationEdit = QLineEdit(self.formBody)
        self.affiliationEdit.setObjectName(u"affiliationEdit")

        self.organisationLayout.addWidget(self.affiliationEdit)

        self.titleLabel = QLabel(self.formBody)
        self.titleLabel.setObjectName(u"titleLabel")

        self.organisationLayout.addWidget(self.titleLabel)

        self.titleEdit = QLineEdit(self.formBody)
        self.titleEdit.setObjectName(u"titleEdit")

        self.organisationLayout.addWidget(self.titleEdit)

        self.organisationLayout.setStretch(2, 2)
        self.organisationLayout.setStretch(4, 1)

        self.formLayout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.organisationLayout)

        self.phoneLabel = QLabel(self.formBody)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneLayout = QHBoxLayout()
        self.phoneLayout.setObjectName(u"phoneLayout")
        self.phoneEdit = QLineEdit(self.formBody)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.phoneLayout.addWidget(self.phoneEdit)

        self.phoneConsentLabel = QLabel(self.formBody)
        self.phoneConsentLabel.setObjectName(u"phoneConsentLabel")

        self.phoneLayout.addWidget(self.phoneConsentLabel)

        self.phoneConsentCombo = QComboBox(self.formBody)
        self.phoneConsentCombo.setObjectName(u"phoneConsentCombo")

        self.phoneLayout.addWidget(self.phoneConsentCombo)

        self.phoneLayout.setStretch(0, 1)

        self.formLayout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.phoneLayout)

        self.emailLabel = QLabel(self.formBody)
        self.emailLabel.setObjectName(u"emailLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailLayout = QHBoxLayout()
        self.emailLayout.setObjectName(u"emailLayout")
        self.emailEdit = QLineEdit(self.formBody)
        self.emailEdit.setObjectName(u"emailEdit")

        self.emailLayout.addWidget(self.emailEdit)

        self.emailConsentLabel = QLabel(self.formBody)
        self.emailConsentLabel.setObjectName(u"emailConsentLabel")

        self.emailLayout.addWidget(self.emailConsentLabel)

        self.emailConsentCombo = QComboBox(self.formBody)
        self.emailConsentCombo.setObjectName(u"emailConsentCombo")

        self.emailLayout.addWidget(self.emailConsentCombo)

        self.emailLayout.setStretch(0, 1)

        self.formLayout.setLayout(3, QFormLayout.ItemRole.FieldRole, self.emailLayout)

        self.fieldsLabel = QLabel(self.formBody)
        self.fieldsLabel.setObjectName(u"fieldsLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.fieldsLabel)

        self.fieldsLayout = QVBoxLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsList = QListWidget(self.formBody)
        self.fieldsList.setObjectName(u"fieldsList")
        self.fieldsList.setResizeMode(QListView.ResizeMode.Adjust)
        self.fieldsList.setSpacing(2)
        self.fieldsList.setFlow(QListView.Flow.LeftToRight)
        self.fieldsList.setProperty(u"isWrapping", True)

        self.fieldsLayout.addWidget(self.fieldsList)

        self.fieldsHintLayout = QHBoxLayout()
        self.fieldsHintLayout.setObjectName(u"fieldsHintLayout")
        self.fieldsHintLabel = QLabel(self.formBody)
        self.fieldsHintLabel.setObjectName(u"fieldsHintLabel")

        self.fieldsHintLayout.addWidget(self.fieldsHintLabel)

        self.addFieldButton = QPushButton(self.formBody)
        self.addFieldButton.setObjectName(u"addFieldButton")

        self.fieldsHintLayout.addWidget(self.addFieldButton)

        self.fieldsHintLayout.setStretch(0, 1)

        self.fieldsLayout.addLayout(self.fieldsHintLayout)

        self.activityEdit = QPlainTextEdit(self.formBody)
        self.activityEdit.setObjectName(u"activityEdit")
        self.activityEdit.setTabChangesFocus(True)

        self.fieldsLayout.addWidget(self.activityEdit)


        self.formLayout.setLayout(4, QFormLayout.ItemRole.FieldRole, self.fieldsLayout)

        self.yearsLabel = QLabel(self.formBody)
        self.yearsLabel.setObjectName(u"yearsLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.yearsLabel)

        self.yearsLayout = QHBoxLayout()
        self.yearsLayout.setObjectName(u"yearsLayout")
        self.fromYearSpin = QSpinBox(self.formBody)
        self.fromYearSpin.setObjectName(u"fromYearSpin")

        self.yearsLayout.addWidget(self.fromYearSpin)

        self.yearsDash = QLabel(self.formBody)
        self.yearsDash.setObjectName(u"yearsDash")
        self.yearsDash.setText(u"\u301c")

        self.yearsLayout.addWidget(self.yearsDash)

        self.toYearSpin = QSpinBox(self.formBody)
        self.toYearSpin.setObjectName(u"toYearSpin")

        self.yearsLayout.addWidget(self.toYearSpin)

        self.yearsStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.yearsLayout.addItem(self.yearsStretch)

        self.yearsLayout.setStretch(3, 1)

        self.formLayout.setLayout(5, QFormLayout.ItemRole.FieldRole, self.yearsLayout)

        self.assignLabel = QLabel(self.formBody)
        self.assignLabel.setObjectName(u"assignLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.assignLabel)

        self.assignLayout = QVBoxLayout()
        self.assignLayout.setObjectName(u"assignLayout")
        self.assignTable = QTableWidget(self.formBody)
        if (self.assignTable.columnCount() < 2):
            self.assignTable.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.assignTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.assignTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.assignTable.setObjectName(u"assignTable")
        self.assignTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assignTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.assignTable.setColumnCount(2)
        self.assignTable.verticalHeader().setVisible(False)

        self.assignLayout.addWidget(self.assignTable)

        self.assignAddLayout = QHBoxLayout()
        self.assignAddLayout.setObjectName(u"assignAddLayout")
        self.municipalityCombo = QComboBox(self.formBody)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setEditable(True)

        self.assignAddLayout.addWidget(self.municipalityCombo)

        self.roleCombo = QComboBox(self.formBody)
        self.roleCombo.setObjectName(u"roleCombo")

        self.assignAddLayout.addWidget(self.roleCombo)

        self.addAssignButton = QPushButton(self.formBody)
        self.addAssignButton.setObjectName(u"addAssignButton")

        self.assignAddLayout.addWidget(self.addAssignButton)

        self.assignStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.assignAddLayout.addItem(self.assignStretch)

        self.removeAssignButton = QPushButton(self.formBody)
        self.removeAssignButton.setObjectName(u"removeAssignButton")

        self.assignAddLayout.addWidget(self.removeAssignButton)

        self.assignAddLayout.setStretch(0, 2)
        self.assignAddLayout.setStretch(3, 1)

        self.assignLayout.addLayout(self.assignAddLayout)


        self.formLayout.setLayout(6, QFormLayout.ItemRole.FieldRole, self.assignLayout)

        self.notesLabel = QLabel(self.formBody)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(self.formBody)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setMaximumSize(QSize(16777215, 70))
        self.notesEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.notesEdit)

        self.formScroll.setWidget(self.formBody)

        self.mainLayout.addWidget(self.formScroll)

        self.errorLabel = QLabel(AdvisorDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(AdvisorDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.notesLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AdvisorDialog)

        QMetaObject.connectSlotsByName(AdvisorDialog)
    # setupUi

    def retranslateUi(self, AdvisorDialog):
        self.nameLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u6c0f\u540d", None))
        self.kanaLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u3075\u308a\u304c\u306a", None))
        self.kanaEdit.setPlaceholderText(QCoreApplication.translate("AdvisorDialog", u"\u3072\u3089\u304c\u306a\uff08\u540d\u7c3f\u306f\u3053\u306e\u9806\u306b\u4e26\u3073\u307e\u3059\uff09", None))
        self.categoryLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u533a\u5206", None))
        self.affiliationLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u6240\u5c5e", None))
        self.affiliationEdit.setPlaceholderText(QCoreApplication.translate("AdvisorDialog", u"\u6240\u5c5e\u6cd5\u4eba\u7b49\u306e\u540d\u79f0\uff08\u540d\u7c3f\u306b\u8f09\u308a\u307e\u3059\uff09", None))
        self.titleLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u8077\u540d", None))
        self.phoneLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u96fb\u8a71", None))
        self.phoneConsentLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u540d\u7c3f\u3078\u306e\u63b2\u8f09", None))
#if QT_CONFIG(tooltip)
        self.phoneConsentCombo.setToolTip(QCoreApplication.translate("AdvisorDialog", u"\u540d\u7c3f\uff08\u914d\u5e03\u7528\uff09\u306b\u8f09\u305b\u3066\u3088\u3044\u304b\u3002\u672a\u78ba\u8a8d\u306e\u3068\u304d\u306f\u8f09\u305b\u307e\u305b\u3093\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.emailLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u30e1\u30fc\u30eb", None))
        self.emailConsentLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u540d\u7c3f\u3078\u306e\u63b2\u8f09", None))
#if QT_CONFIG(tooltip)
        self.emailConsentCombo.setToolTip(QCoreApplication.translate("AdvisorDialog", u"\u540d\u7c3f\uff08\u914d\u5e03\u7528\uff09\u306b\u8f09\u305b\u3066\u3088\u3044\u304b\u3002\u672a\u78ba\u8a8d\u306e\u3068\u304d\u306f\u8f09\u305b\u307e\u305b\u3093\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.fieldsLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u6d3b\u52d5\u5206\u91ce", None))
        self.fieldsHintLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u5f53\u3066\u306f\u307e\u308b\u5206\u91ce\u306b\u30c1\u30a7\u30c3\u30af\u3002\u4e00\u89a7\u306b\u306a\u3044\u5206\u91ce\u306f\u8ffd\u52a0\u3067\u304d\u307e\u3059\u3002", None))
        self.addFieldButton.setText(QCoreApplication.translate("AdvisorDialog", u"\u5206\u91ce\u3092\u8ffd\u52a0\u2026", None))
        self.activityEdit.setPlaceholderText(QCoreApplication.translate("AdvisorDialog", u"\u65e5\u9803\u306e\u6d3b\u52d5\u5206\u91ce\uff08\u81ea\u7531\u8a18\u8ff0\uff09: \u540d\u7c3f\u306b\u305d\u306e\u307e\u307e\u8f09\u308a\u307e\u3059", None))
        self.yearsLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u6d3b\u52d5\u5e74\u5ea6", None))
        self.fromYearSpin.setSuffix(QCoreApplication.translate("AdvisorDialog", u" \u5e74\u5ea6", None))
        self.fromYearSpin.setSpecialValueText(QCoreApplication.translate("AdvisorDialog", u"\u6307\u5b9a\u306a\u3057", None))
        self.toYearSpin.setSuffix(QCoreApplication.translate("AdvisorDialog", u" \u5e74\u5ea6", None))
        self.toYearSpin.setSpecialValueText(QCoreApplication.translate("AdvisorDialog", u"\u6307\u5b9a\u306a\u3057", None))
        self.assignLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u62c5\u5f53\u5e02\u753a\u6751\n"
"\uff08\u4eca\u5e74\u5ea6\uff09", None))
        ___qtablewidgetitem = self.assignTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("AdvisorDialog", u"\u62c5\u5f53\u5e02\u753a\u6751", None))
        ___qtablewidgetitem1 = self.assignTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("AdvisorDialog", u"\u5f79\u5272", None))
        self.addAssignButton.setText(QCoreApplication.translate("AdvisorDialog", u"\u8ffd\u52a0", None))
        self.removeAssignButton.setText(QCoreApplication.translate("AdvisorDialog", u"\u5916\u3059", None))
        self.notesLabel.setText(QCoreApplication.translate("AdvisorDialog", u"\u5099\u8003", None))
        pass
    # retranslateUi

