# Generated from ui/survey_answer_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'survey_answer_dialog.ui'
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
    QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_SurveyAnswerDialog(object):
    def setupUi(self, SurveyAnswerDialog):
        if not SurveyAnswerDialog.objectName():
            SurveyAnswerDialog.setObjectName(u"SurveyAnswerDialog")
        self.mainLayout = QVBoxLayout(SurveyAnswerDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.respondentLabel = QLabel(SurveyAnswerDialog)
        self.respondentLabel.setObjectName(u"respondentLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.respondentLabel)

        self.respondentCombo = QComboBox(SurveyAnswerDialog)
        self.respondentCombo.setObjectName(u"respondentCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.respondentCombo)

        self.commentLabel = QLabel(SurveyAnswerDialog)
        self.commentLabel.setObjectName(u"commentLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.commentLabel)

        self.commentEdit = QPlainTextEdit(SurveyAnswerDialog)
        self.commentEdit.setObjectName(u"commentEdit")
        self.commentEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.commentEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(SurveyAnswerDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(SurveyAnswerDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

        self.mainLayout.setStretch(0, 1)
#if QT_CONFIG(shortcut)
        self.respondentLabel.setBuddy(self.respondentCombo)
        self.commentLabel.setBuddy(self.commentEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SurveyAnswerDialog)

        QMetaObject.connectSlotsByName(SurveyAnswerDialog)
    # setupUi

    def retranslateUi(self, SurveyAnswerDialog):
        self.respondentLabel.setText(QCoreApplication.translate("SurveyAnswerDialog", u"\u56de\u7b54\u8005", None))
        self.commentLabel.setText(QCoreApplication.translate("SurveyAnswerDialog", u"\u81ea\u7531\u8a18\u8ff0", None))
        self.commentEdit.setPlaceholderText(QCoreApplication.translate("SurveyAnswerDialog", u"\u611f\u60f3\u30fb\u610f\u898b\uff08\u81ea\u7531\u8a18\u8ff0\uff09", None))
        pass
    # retranslateUi

