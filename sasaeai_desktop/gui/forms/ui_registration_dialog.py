# Generated from ui/registration_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'registration_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_RegistrationDialog(object):
    def setupUi(self, RegistrationDialog):
        if not RegistrationDialog.objectName():
            RegistrationDialog.setObjectName(u"RegistrationDialog")
        self.mainLayout = QVBoxLayout(RegistrationDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.nameLabel = QLabel(RegistrationDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(RegistrationDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.kanaLabel = QLabel(RegistrationDialog)
        self.kanaLabel.setObjectName(u"kanaLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kanaLabel)

        self.kanaEdit = QLineEdit(RegistrationDialog)
        self.kanaEdit.setObjectName(u"kanaEdit")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.kanaEdit)

        self.municipalityLabel = QLabel(RegistrationDialog)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.municipalityLabel)

        self.municipalityCombo = QComboBox(RegistrationDialog)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setEditable(True)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.municipalityCombo)

        self.roleLabel = QLabel(RegistrationDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(RegistrationDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.affiliationLabel = QLabel(RegistrationDialog)
        self.affiliationLabel.setObjectName(u"affiliationLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.affiliationLabel)

        self.affiliationEdit = QLineEdit(RegistrationDialog)
        self.affiliationEdit.setObjectName(u"affiliationEdit")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.affiliationEdit)

        self.sessionLabel = QLabel(RegistrationDialog)
        self.sessionLabel.setObjectName(u"sessionLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.sessionLabel)

        self.sessionCombo = QComboBox(RegistrationDialog)
        self.sessionCombo.setObjectName(u"sessionCombo")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.sessionCombo)


        self.mainLayout.addLayout(self.formLayout)

        self.matchLabel = QLabel(RegistrationDialog)
        self.matchLabel.setObjectName(u"matchLabel")

        self.mainLayout.addWidget(self.matchLabel)

        self.matchList = QListWidget(RegistrationDialog)
        self.matchList.setObjectName(u"matchList")
        self.matchList.setMinimumSize(QSize(0, 120))

        self.mainLayout.addWidget(self.matchList)

        self.chosenLabel = QLabel(RegistrationDialog)
        self.chosenLabel.setObjectName(u"chosenLabel")
        self.chosenLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.chosenLabel)

        self.newPersonCheck = QCheckBox(RegistrationDialog)
        self.newPersonCheck.setObjectName(u"newPersonCheck")

        self.mainLayout.addWidget(self.newPersonCheck)

        self.errorLabel = QLabel(RegistrationDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(RegistrationDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.kanaLabel.setBuddy(self.kanaEdit)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.roleLabel.setBuddy(self.roleCombo)
        self.affiliationLabel.setBuddy(self.affiliationEdit)
        self.sessionLabel.setBuddy(self.sessionCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RegistrationDialog)

        QMetaObject.connectSlotsByName(RegistrationDialog)
    # setupUi

    def retranslateUi(self, RegistrationDialog):
        self.nameLabel.setText(QCoreApplication.translate("RegistrationDialog", u"\u6c0f\u540d", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("RegistrationDialog", u"\u6c0f\u540d\uff08\u5165\u529b\u3059\u308b\u3068\u767b\u9332\u6e08\u307f\u306e\u4eba\u304c\u4e0b\u306b\u51fa\u307e\u3059\uff09", None))
        self.kanaLabel.setText(QCoreApplication.translate("RegistrationDialog", u"\u3075\u308a\u304c\u306a", None))
        self.municipalityLabel.setText(QCoreApplication.translate("RegistrationDialog", u"\u5e02\u753a\u6751", None))
        self.roleLabel.setText(QCoreApplication.translate("RegistrationDialog", u"\u5f79\u5272", None))
        self.affiliationLabel.setText(QCoreApplication.translate("RegistrationDialog", u"\u6240\u5c5e", None))
        self.sessionLabel.setText(QCoreApplication.translate("RegistrationDialog", u"\u65e5\u7a0b", None))
        self.matchLabel.setText(QCoreApplication.translate("RegistrationDialog", u"\u767b\u9332\u6e08\u307f\u306e\u4eba", None))
        self.newPersonCheck.setText(QCoreApplication.translate("RegistrationDialog", u"\u5225\u4eba\u3068\u3057\u3066\u65b0\u3057\u304f\u767b\u9332\u3059\u308b\uff08\u5019\u88dc\u306e\u3069\u306e\u4eba\u3067\u3082\u306a\u3044\uff09", None))
        pass
    # retranslateUi

