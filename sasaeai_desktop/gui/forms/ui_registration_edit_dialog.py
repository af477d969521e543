# Generated from ui/registration_edit_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'registration_edit_dialog.ui'
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
    QDialogButtonBox, QFormLayout, QLabel, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_RegistrationEditDialog(object):
    def setupUi(self, RegistrationEditDialog):
        if not RegistrationEditDialog.objectName():
            RegistrationEditDialog.setObjectName(u"RegistrationEditDialog")
        RegistrationEditDialog.setMinimumSize(QSize(420, 0))
        self.mainLayout = QVBoxLayout(RegistrationEditDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.whoCaption = QLabel(RegistrationEditDialog)
        self.whoCaption.setObjectName(u"whoCaption")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.whoCaption)

        self.whoLabel = QLabel(RegistrationEditDialog)
        self.whoLabel.setObjectName(u"whoLabel")
        self.whoLabel.setText(u"")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.whoLabel)

        self.sessionLabel = QLabel(RegistrationEditDialog)
        self.sessionLabel.setObjectName(u"sessionLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.sessionLabel)

        self.registrationSessionCombo = QComboBox(RegistrationEditDialog)
        self.registrationSessionCombo.setObjectName(u"registrationSessionCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.registrationSessionCombo)

        self.statusLabel = QLabel(RegistrationEditDialog)
        self.statusLabel.setObjectName(u"statusLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.registrationStatusCombo = QComboBox(RegistrationEditDialog)
        self.registrationStatusCombo.setObjectName(u"registrationStatusCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.registrationStatusCombo)


        self.mainLayout.addLayout(self.formLayout)

        self.buttonBox = QDialogButtonBox(RegistrationEditDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.whoCaption.setBuddy(self.whoLabel)
        self.sessionLabel.setBuddy(self.registrationSessionCombo)
        self.statusLabel.setBuddy(self.registrationStatusCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RegistrationEditDialog)

        QMetaObject.connectSlotsByName(RegistrationEditDialog)
    # setupUi

    def retranslateUi(self, RegistrationEditDialog):
        self.whoCaption.setText(QCoreApplication.translate("RegistrationEditDialog", u"\u7533\u8fbc\u8005", None))
        self.sessionLabel.setText(QCoreApplication.translate("RegistrationEditDialog", u"\u65e5\u7a0b", None))
        self.statusLabel.setText(QCoreApplication.translate("RegistrationEditDialog", u"\u72b6\u614b", None))
        pass
    # retranslateUi

