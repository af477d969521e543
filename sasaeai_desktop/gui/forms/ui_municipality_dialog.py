# Generated from ui/municipality_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'municipality_dialog.ui'
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
    QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_MunicipalityDialog(object):
    def setupUi(self, MunicipalityDialog):
        if not MunicipalityDialog.objectName():
            MunicipalityDialog.setObjectName(u"MunicipalityDialog")
        MunicipalityDialog.resize(560, 560)
        MunicipalityDialog.setModal(True)
        self.mainLayout = QVBoxLayout(MunicipalityDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.formLayout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.formLayout.setHorizontalSpacing(12)
        self.formLayout.setVerticalSpacing(8)
        self.codeLabel = QLabel(MunicipalityDialog)
        self.codeLabel.setObjectName(u"codeLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.codeLabel)

        self.codeEdit = QLineEdit(MunicipalityDialog)
        self.codeEdit.setObjectName(u"codeEdit")
        self.codeEdit.setMaxLength(8)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.codeEdit)

        self.nameLabel = QLabel(MunicipalityDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(MunicipalityDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(40)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.kanaLabel = QLabel(MunicipalityDialog)
        self.kanaLabel.setObjectName(u"kanaLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.kanaLabel)

        self.kanaEdit = QLineEdit(MunicipalityDialog)
        self.kanaEdit.setObjectName(u"kanaEdit")
        self.kanaEdit.setMaxLength(80)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.kanaEdit)

        self.kindLabel = QLabel(MunicipalityDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kindCombo = QComboBox(MunicipalityDialog)
        self.kindCombo.setObjectName(u"kindCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.kindCombo.sizePolicy().hasHeightForWidth())
        self.kindCombo.setSizePolicy(sizePolicy)
        self.kindCombo.setMinimumSize(QSize(160, 0))
        self.kindCombo.setEditable(False)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.kindCombo)

        self.countyLabel = QLabel(MunicipalityDialog)
        self.countyLabel.setObjectName(u"countyLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.countyLabel)

        self.countyEdit = QLineEdit(MunicipalityDialog)
        self.countyEdit.setObjectName(u"countyEdit")
        self.countyEdit.setMaxLength(20)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.countyEdit)

        self.populationLabel = QLabel(MunicipalityDialog)
        self.populationLabel.setObjectName(u"populationLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.populationLabel)

        self.populationSpin = QSpinBox(MunicipalityDialog)
        self.populationSpin.setObjectName(u"populationSpin")
        self.populationSpin.setProperty(u"showGroupSeparator", True)
        self.populationSpin.setMinimum(-1)
        self.populationSpin.setMaximum(99999999)
        self.populationSpin.setSingleStep(100)
        self.populationSpin.setValue(-1)
        self.populationSpin.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        sizePolicy.setHeightForWidth(self.populationSpin.sizePolicy().hasHeightForWidth())
        self.populationSpin.setSizePolicy(sizePolicy)
        self.populationSpin.setMinimumSize(QSize(160, 0))

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.populationSpin)

        self.agingRateLabel = QLabel(MunicipalityDialog)
        self.agingRateLabel.setObjectName(u"agingRateLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.agingRateLabel)

        self.agingRateSpin = QDoubleSpinBox(MunicipalityDialog)
        self.agingRateSpin.setObjectName(u"agingRateSpin")
        self.agingRateSpin.setDecimals(1)
        self.agingRateSpin.setMinimum(-0.100000000000000)
        self.agingRateSpin.setMaximum(100.000000000000000)
        self.agingRateSpin.setSingleStep(0.100000000000000)
        self.agingRateSpin.setValue(-0.100000000000000)
        self.agingRateSpin.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        sizePolicy.setHeightForWidth(self.agingRateSpin.sizePolicy().hasHeightForWidth())
        self.agingRateSpin.setSizePolicy(sizePolicy)
        self.agingRateSpin.setMinimumSize(QSize(160, 0))

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.agingRateSpin)

        self.dailyLifeAreasLabel = QLabel(MunicipalityDialog)
        self.dailyLifeAreasLabel.setObjectName(u"dailyLifeAreasLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.dailyLifeAreasLabel)

        self.dailyLifeAreasSpin = QSpinBox(MunicipalityDialog)
        self.dailyLifeAreasSpin.setObjectName(u"dailyLifeAreasSpin")
        self.dailyLifeAreasSpin.setMinimum(-1)
        self.dailyLifeAreasSpin.setMaximum(999)
        self.dailyLifeAreasSpin.setValue(-1)
        self.dailyLifeAreasSpin.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        sizePolicy.setHeightForWidth(self.dailyLifeAreasSpin.sizePolicy().hasHeightForWidth())
        self.dailyLifeAreasSpin.setSizePolicy(sizePolicy)
        self.dailyLifeAreasSpin.setMinimumSize(QSize(160, 0))

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.dailyLifeAreasSpin)

        self.addressLabel = QLabel(MunicipalityDialog)
        self.addressLabel.setObjectName(u"addressLabel")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.addressEdit = QLineEdit(MunicipalityDialog)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setMaxLength(200)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.phoneLabel = QLabel(MunicipalityDialog)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.formLayout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(MunicipalityDialog)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(40)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.notesLabel = QLabel(MunicipalityDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(MunicipalityDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setMaximumSize(QSize(16777215, 120))
        self.notesEdit.setTabChangesFocus(True)
        self.notesEdit.setMinimumSize(QSize(0, 72))

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(MunicipalityDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(MunicipalityDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.codeLabel.setBuddy(self.codeEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.kanaLabel.setBuddy(self.kanaEdit)
        self.kindLabel.setBuddy(self.kindCombo)
        self.countyLabel.setBuddy(self.countyEdit)
        self.populationLabel.setBuddy(self.populationSpin)
        self.agingRateLabel.setBuddy(self.agingRateSpin)
        self.dailyLifeAreasLabel.setBuddy(self.dailyLifeAreasSpin)
        self.addressLabel.setBuddy(self.addressEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.notesLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MunicipalityDialog)
        self.buttonBox.accepted.connect(MunicipalityDialog.accept)
        self.buttonBox.rejected.connect(MunicipalityDialog.reject)

        QMetaObject.connectSlotsByName(MunicipalityDialog)
    # setupUi

    def retranslateUi(self, MunicipalityDialog):
        MunicipalityDialog.setWindowTitle(QCoreApplication.translate("MunicipalityDialog", u"\u5e02\u753a\u6751", None))
        self.codeLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u30b3\u30fc\u30c9", None))
        self.codeEdit.setPlaceholderText(QCoreApplication.translate("MunicipalityDialog", u"\u4f8b: 202011", None))
#if QT_CONFIG(tooltip)
        self.codeEdit.setToolTip(QCoreApplication.translate("MunicipalityDialog", u"\u5168\u56fd\u5730\u65b9\u516c\u5171\u56e3\u4f53\u30b3\u30fc\u30c9\uff086\u6841\uff09\u30025\u6841\u3067\u5165\u529b\u3059\u308b\u3068\u30c1\u30a7\u30c3\u30af\u30c7\u30a3\u30b8\u30c3\u30c8\u3092\u88dc\u3044\u307e\u3059\u3002", None))
#endif // QT_CONFIG(tooltip)
        self.nameLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u5e02\u753a\u6751\u540d", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("MunicipalityDialog", u"\u5fc5\u9808", None))
        self.kanaLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u3075\u308a\u304c\u306a", None))
        self.kanaEdit.setPlaceholderText(QCoreApplication.translate("MunicipalityDialog", u"\u3072\u3089\u304c\u306a\uff08\u30ab\u30bf\u30ab\u30ca\u3082\u53ef\uff09", None))
        self.kindLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u7a2e\u5225", None))
        self.countyLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u90e1", None))
        self.countyEdit.setPlaceholderText(QCoreApplication.translate("MunicipalityDialog", u"\u4f8b: \u5317\u5b89\u66c7\u90e1", None))
        self.populationLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u4eba\u53e3", None))
        self.populationSpin.setSpecialValueText(QCoreApplication.translate("MunicipalityDialog", u"\u672a\u5165\u529b", None))
        self.populationSpin.setSuffix(QCoreApplication.translate("MunicipalityDialog", u" \u4eba", None))
        self.agingRateLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u9ad8\u9f62\u5316\u7387", None))
        self.agingRateSpin.setSpecialValueText(QCoreApplication.translate("MunicipalityDialog", u"\u672a\u5165\u529b", None))
        self.agingRateSpin.setSuffix(QCoreApplication.translate("MunicipalityDialog", u" %", None))
        self.dailyLifeAreasLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u65e5\u5e38\u751f\u6d3b\u570f\u57df\u6570", None))
        self.dailyLifeAreasSpin.setSpecialValueText(QCoreApplication.translate("MunicipalityDialog", u"\u672a\u5165\u529b", None))
        self.addressLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u4f4f\u6240", None))
        self.phoneLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u96fb\u8a71", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("MunicipalityDialog", u"\u4f8b: 026-232-0111", None))
        self.notesLabel.setText(QCoreApplication.translate("MunicipalityDialog", u"\u5099\u8003", None))
        self.errorLabel.setText("")
    # retranslateUi

