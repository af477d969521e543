# Generated from ui/consultation_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'consultation_dialog.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

from sasaeai_desktop.gui.widgets.date_fields import DateField

class Ui_ConsultationDialog(object):
    def setupUi(self, ConsultationDialog):
        if not ConsultationDialog.objectName():
            ConsultationDialog.setObjectName(u"ConsultationDialog")
        self.mainLayout = QVBoxLayout(ConsultationDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.receivedDateLabel = QLabel(ConsultationDialog)
        self.receivedDateLabel.setObjectName(u"receivedDateLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.receivedDateLabel)

        self.receivedLayout = QHBoxLayout()
        self.receivedLayout.setObjectName(u"receivedLayout")
        self.receivedDateEdit = DateField(ConsultationDialog)
        self.receivedDateEdit.setObjectName(u"receivedDateEdit")

        self.receivedLayout.addWidget(self.receivedDateEdit)

        self.channelGap = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.receivedLayout.addItem(self.channelGap)

        self.channelLabel = QLabel(ConsultationDialog)
        self.channelLabel.setObjectName(u"channelLabel")

        self.receivedLayout.addWidget(self.channelLabel)

        self.channelCombo = QComboBox(ConsultationDialog)
        self.channelCombo.setObjectName(u"channelCombo")

        self.receivedLayout.addWidget(self.channelCombo)

        self.receivedStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.receivedLayout.addItem(self.receivedStretch)

        self.receivedLayout.setStretch(4, 1)

        self.formLayout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.receivedLayout)

        self.municipalityLabel = QLabel(ConsultationDialog)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.municipalityLabel)

        self.municipalityCombo = QComboBox(ConsultationDialog)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setEditable(True)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.municipalityCombo)

        self.personLabel = QLabel(ConsultationDialog)
        self.personLabel.setObjectName(u"personLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.personLabel)

        self.personEdit = QLineEdit(ConsultationDialog)
        self.personEdit.setObjectName(u"personEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.personEdit)

        self.topicsLabel = QLabel(ConsultationDialog)
        self.topicsLabel.setObjectName(u"topicsLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.topicsLabel)

        self.topicsEdit = QLineEdit(ConsultationDialog)
        self.topicsEdit.setObjectName(u"topicsEdit")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.topicsEdit)

        self.questionLabel = QLabel(ConsultationDialog)
        self.questionLabel.setObjectName(u"questionLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.questionLabel)

        self.questionEdit = QPlainTextEdit(ConsultationDialog)
        self.questionEdit.setObjectName(u"questionEdit")
        self.questionEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.questionEdit)

        self.answerLabel = QLabel(ConsultationDialog)
        self.answerLabel.setObjectName(u"answerLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.answerLabel)

        self.answerEdit = QPlainTextEdit(ConsultationDialog)
        self.answerEdit.setObjectName(u"answerEdit")
        self.answerEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.answerEdit)

        self.advisorLabel = QLabel(ConsultationDialog)
        self.advisorLabel.setObjectName(u"advisorLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.advisorLabel)

        self.advisorCombo = QComboBox(ConsultationDialog)
        self.advisorCombo.setObjectName(u"advisorCombo")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.advisorCombo)

        self.closedLabel = QLabel(ConsultationDialog)
        self.closedLabel.setObjectName(u"closedLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.closedLabel)

        self.closedLayout = QHBoxLayout()
        self.closedLayout.setObjectName(u"closedLayout")
        self.closedCheck = QCheckBox(ConsultationDialog)
        self.closedCheck.setObjectName(u"closedCheck")

        self.closedLayout.addWidget(self.closedCheck)

        self.closedDateLabel = QLabel(ConsultationDialog)
        self.closedDateLabel.setObjectName(u"closedDateLabel")

        self.closedLayout.addWidget(self.closedDateLabel)

        self.closedDateEdit = DateField(ConsultationDialog)
        self.closedDateEdit.setObjectName(u"closedDateEdit")

        self.closedLayout.addWidget(self.closedDateEdit)

        self.closedStretch = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.closedLayout.addItem(self.closedStretch)

        self.closedLayout.setStretch(3, 1)

        self.formLayout.setLayout(7, QFormLayout.ItemRole.FieldRole, self.closedLayout)

        self.handledByLabel = QLabel(ConsultationDialog)
        self.handledByLabel.setObjectName(u"handledByLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.handledByLabel)

        self.handledByEdit = QLineEdit(ConsultationDialog)
        self.handledByEdit.setObjectName(u"handledByEdit")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.handledByEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(ConsultationDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #d32f2f;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ConsultationDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.personLabel.setBuddy(self.personEdit)
        self.topicsLabel.setBuddy(self.topicsEdit)
        self.questionLabel.setBuddy(self.questionEdit)
        self.answerLabel.setBuddy(self.answerEdit)
        self.advisorLabel.setBuddy(self.advisorCombo)
        self.handledByLabel.setBuddy(self.handledByEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ConsultationDialog)

        QMetaObject.connectSlotsByName(ConsultationDialog)
    # setupUi

    def retranslateUi(self, ConsultationDialog):
        self.receivedDateLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u53d7\u4ed8\u65e5 *", None))
        self.channelLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u65b9\u6cd5", None))
        self.municipalityLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u5e02\u753a\u6751", None))
        self.personLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u76f8\u8ac7\u8005", None))
        self.topicsLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u5206\u985e", None))
        self.topicsEdit.setPlaceholderText(QCoreApplication.translate("ConsultationDialog", u"\u4f8b: \u5354\u8b70\u4f53\u3001\u62c5\u3044\u624b\u990a\u6210\uff08\u300c\u3001\u300d\u3067\u533a\u5207\u308b\uff09", None))
        self.questionLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u76f8\u8ac7\u5185\u5bb9 *", None))
        self.questionEdit.setPlaceholderText(QCoreApplication.translate("ConsultationDialog", u"\u76f8\u8ac7\u306e\u5185\u5bb9", None))
        self.answerLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u56de\u7b54", None))
        self.answerEdit.setPlaceholderText(QCoreApplication.translate("ConsultationDialog", u"\u56de\u7b54\u30fb\u5bfe\u5fdc\u3057\u305f\u5185\u5bb9", None))
        self.advisorLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u7d39\u4ecb\u3057\u305f\u30a2\u30c9\u30d0\u30a4\u30b6\u30fc", None))
        self.closedLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u72b6\u6cc1", None))
        self.closedCheck.setText(QCoreApplication.translate("ConsultationDialog", u"\u5bfe\u5fdc\u5b8c\u4e86", None))
        self.closedDateLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u5b8c\u4e86\u65e5", None))
        self.handledByLabel.setText(QCoreApplication.translate("ConsultationDialog", u"\u5bfe\u5fdc\u8005", None))
        pass
    # retranslateUi

