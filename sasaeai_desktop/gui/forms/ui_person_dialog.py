# Generated from ui/person_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'person_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
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
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_PersonDialog(object):
    def setupUi(self, PersonDialog):
        if not PersonDialog.objectName():
            PersonDialog.setObjectName(u"PersonDialog")
        PersonDialog.resize(560, 500)
        PersonDialog.setModal(True)
        self.mainLayout = QVBoxLayout(PersonDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.formLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.formLayout.setHorizontalSpacing(12)
        self.formLayout.setVerticalSpacing(8)
        self.nameLabel = QLabel(PersonDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(PersonDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(80)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.kanaLabel = QLabel(PersonDialog)
        self.kanaLabel.setObjectName(u"kanaLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kanaLabel)

        self.kanaEdit = QLineEdit(PersonDialog)
        self.kanaEdit.setObjectName(u"kanaEdit")
        self.kanaEdit.setMaxLength(160)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.kanaEdit)

        self.roleLabel = QLabel(PersonDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(PersonDialog)
        self.roleCombo.setObjectName(u"roleCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.roleCombo.sizePolicy().hasHeightForWidth())
        self.roleCombo.setSizePolicy(sizePolicy)
        self.roleCombo.setMinimumSize(QSize(160, 0))
        self.roleCombo.setEditable(False)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.municipalityLabel = QLabel(PersonDialog)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.municipalityLabel)

        self.municipalityCombo = QComboBox(PersonDialog)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setEditable(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.municipalityCombo)

        self.affiliationLabel = QLabel(PersonDialog)
        self.affiliationLabel.setObjectName(u"affiliationLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.affiliationLabel)

        self.affiliationEdit = QLineEdit(PersonDialog)
        self.affiliationEdit.setObjectName(u"affiliationEdit")
        self.affiliationEdit.setMaxLength(200)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.affiliationEdit)

        self.titleLabel = QLabel(PersonDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(PersonDialog)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(80)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.phoneLabel = QLabel(PersonDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(PersonDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(40)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.emailLabel = QLabel(PersonDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(PersonDialog)
        self.emailEdit.setObjectName(u"emailEdit")
        self.emailEdit.setMaxLength(200)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.notesLabel = QLabel(PersonDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(PersonDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setMaximumSize(QSize(16777215, 120))
        self.notesEdit.setTabChangesFocus(True)
        self.notesEdit.setMinimumSize(QSize(0, 72))

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.matchWarningLabel = QLabel(PersonDialog)
        self.matchWarningLabel.setObjectName(u"matchWarningLabel")
        self.matchWarningLabel.setWordWrap(True)
        self.matchWarningLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.matchWarningLabel)

        self.errorLabel = QLabel(PersonDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(PersonDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.kanaLabel.setBuddy(self.kanaEdit)
        self.roleLabel.setBuddy(self.roleCombo)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.affiliationLabel.setBuddy(self.affiliationEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.notesLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PersonDialog)
        self.buttonBox.accepted.connect(PersonDialog.accept)
        self.buttonBox.rejected.connect(PersonDialog.reject)

        QMetaObject.connectSlotsByName(PersonDialog)
    # setupUi

    def retranslateUi(self, PersonDialog):
        PersonDialog.setWindowTitle(QCoreApplication.translate("PersonDialog", u"\u4eba", None))
        self.nameLabel.setText(QCoreApplication.translate("PersonDialog", u"\u6c0f\u540d", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"\u5fc5\u9808", None))
        self.kanaLabel.setText(QCoreApplication.translate("PersonDialog", u"\u3075\u308a\u304c\u306a", None))
        self.kanaEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"\u3072\u3089\u304c\u306a\uff08\u30ab\u30bf\u30ab\u30ca\u3082\u53ef\uff09", None))
        self.roleLabel.setText(QCoreApplication.translate("PersonDialog", u"\u5f79\u5272", None))
        self.municipalityLabel.setText(QCoreApplication.translate("PersonDialog", u"\u5e02\u753a\u6751", None))
        self.affiliationLabel.setText(QCoreApplication.translate("PersonDialog", u"\u6240\u5c5e", None))
        self.affiliationEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"\u4f8b: \u677e\u672c\u5e02\u793e\u4f1a\u798f\u7949\u5354\u8b70\u4f1a", None))
        self.titleLabel.setText(QCoreApplication.translate("PersonDialog", u"\u8077\u540d", None))
        self.phoneLabel.setText(QCoreApplication.translate("PersonDialog", u"\u96fb\u8a71", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"\u4f8b: 0263-34-3000", None))
        self.emailLabel.setText(QCoreApplication.translate("PersonDialog", u"\u30e1\u30fc\u30eb", None))
        self.notesLabel.setText(QCoreApplication.translate("PersonDialog", u"\u5099\u8003", None))
        self.matchWarningLabel.setText("")
        self.errorLabel.setText("")
    # retranslateUi

