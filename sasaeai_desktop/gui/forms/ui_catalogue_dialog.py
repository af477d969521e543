# Generated from ui/catalogue_dialog.ui by packaging/build_ui.py — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'catalogue_dialog.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpinBox, QVBoxLayout,
    QWidget)

from sasaeai_desktop.gui.widgets.date_fields import DateField

class Ui_CatalogueDialog(object):
    def setupUi(self, CatalogueDialog):
        if not CatalogueDialog.objectName():
            CatalogueDialog.setObjectName(u"CatalogueDialog")
        CatalogueDialog.resize(1040, 640)
        CatalogueDialog.setModal(True)
        self.mainLayout = QVBoxLayout(CatalogueDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setSpacing(18)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftForm = QFormLayout()
        self.leftForm.setObjectName(u"leftForm")
        self.leftForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.leftForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.leftForm.setHorizontalSpacing(10)
        self.leftForm.setVerticalSpacing(6)
        self.nameLabel = QLabel(CatalogueDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.leftForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(CatalogueDialog)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(120)

        self.leftForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.kindLabel = QLabel(CatalogueDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.leftForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kindRow = QHBoxLayout()
        self.kindRow.setObjectName(u"kindRow")
        self.kindCombo = QComboBox(CatalogueDialog)
        self.kindCombo.setObjectName(u"kindCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.kindCombo.sizePolicy().hasHeightForWidth())
        self.kindCombo.setSizePolicy(sizePolicy)

        self.kindRow.addWidget(self.kindCombo)

        self.addKindButton = QPushButton(CatalogueDialog)
        self.addKindButton.setObjectName(u"addKindButton")
        self.addKindButton.setAutoDefault(False)

        self.kindRow.addWidget(self.addKindButton)


        self.leftForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.kindRow)

        self.municipalityLabel = QLabel(CatalogueDialog)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.leftForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.municipalityLabel)

        self.municipalityCombo = QComboBox(CatalogueDialog)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setEditable(True)

        self.leftForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.municipalityCombo)

        self.areaLabel = QLabel(CatalogueDialog)
        self.areaLabel.setObjectName(u"areaLabel")

        self.leftForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.areaLabel)

        self.areaEdit = QLineEdit(CatalogueDialog)
        self.areaEdit.setObjectName(u"areaEdit")
        self.areaEdit.setMaxLength(80)

        self.leftForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.areaEdit)

        self.organiserLabel = QLabel(CatalogueDialog)
        self.organiserLabel.setObjectName(u"organiserLabel")

        self.leftForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.organiserLabel)

        self.organiserEdit = QLineEdit(CatalogueDialog)
        self.organiserEdit.setObjectName(u"organiserEdit")
        self.organiserEdit.setMaxLength(120)

        self.leftForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.organiserEdit)

        self.scheduleLabel = QLabel(CatalogueDialog)
        self.scheduleLabel.setObjectName(u"scheduleLabel")

        self.leftForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.scheduleLabel)

        self.scheduleEdit = QLineEdit(CatalogueDialog)
        self.scheduleEdit.setObjectName(u"scheduleEdit")
        self.scheduleEdit.setMaxLength(120)

        self.leftForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.scheduleEdit)

        self.frequencyLabel = QLabel(CatalogueDialog)
        self.frequencyLabel.setObjectName(u"frequencyLabel")

        self.leftForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.frequencyLabel)

        self.frequencyEdit = QLineEdit(CatalogueDialog)
        self.frequencyEdit.setObjectName(u"frequencyEdit")
        self.frequencyEdit.setMaxLength(60)

        self.leftForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.frequencyEdit)

        self.participantsLabel = QLabel(CatalogueDialog)
        self.participantsLabel.setObjectName(u"participantsLabel")

        self.leftForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.participantsLabel)

        self.participantsSpin = QSpinBox(CatalogueDialog)
        self.participantsSpin.setObjectName(u"participantsSpin")
        self.participantsSpin.setMinimum(-1)
        self.participantsSpin.setMaximum(100000)
        self.participantsSpin.setValue(-1)

        self.leftForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.participantsSpin)

        self.costLabel = QLabel(CatalogueDialog)
        self.costLabel.setObjectName(u"costLabel")

        self.leftForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.costLabel)

        self.costEdit = QLineEdit(CatalogueDialog)
        self.costEdit.setObjectName(u"costEdit")
        self.costEdit.setMaxLength(80)

        self.leftForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.costEdit)

        self.contactLabel = QLabel(CatalogueDialog)
        self.contactLabel.setObjectName(u"contactLabel")

        self.leftForm.setWidget(9, QFormLayout.ItemRole.LabelRole, self.contactLabel)

        self.contactRow = QHBoxLayout()
        self.contactRow.setObjectName(u"contactRow")
        self.contactEdit = QLineEdit(CatalogueDialog)
        self.contactEdit.setObjectName(u"contactEdit")
        self.contactEdit.setMaxLength(200)

        self.contactRow.addWidget(self.contactEdit)

        self.contactConsentCombo = QComboBox(CatalogueDialog)
        self.contactConsentCombo.setObjectName(u"contactConsentCombo")

        self.contactRow.addWidget(self.contactConsentCombo)


        self.leftForm.setLayout(9, QFormLayout.ItemRole.FieldRole, self.contactRow)


        self.columnsLayout.addLayout(self.leftForm)

        self.rightForm = QFormLayout()
        self.rightForm.setObjectName(u"rightForm")
        self.rightForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rightForm.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.rightForm.setHorizontalSpacing(10)
        self.rightForm.setVerticalSpacing(6)
        self.contentLabel = QLabel(CatalogueDialog)
        self.contentLabel.setObjectName(u"contentLabel")

        self.rightForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.contentLabel)

        self.contentEdit = QPlainTextEdit(CatalogueDialog)
        self.contentEdit.setObjectName(u"contentEdit")
        self.contentEdit.setMinimumSize(QSize(0, 52))
        self.contentEdit.setMaximumSize(QSize(16777215, 68))
        self.contentEdit.setTabChangesFocus(True)

        self.rightForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.contentEdit)

        self.descriptionLabel = QLabel(CatalogueDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.rightForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.descriptionEdit = QPlainTextEdit(CatalogueDialog)
        self.descriptionEdit.setObjectName(u"descriptionEdit")
        self.descriptionEdit.setMinimumSize(QSize(0, 56))
        self.descriptionEdit.setMaximumSize(QSize(16777215, 72))
        self.descriptionEdit.setTabChangesFocus(True)

        self.rightForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.descriptionEdit)

        self.tagsLabel = QLabel(CatalogueDialog)
        self.tagsLabel.setObjectName(u"tagsLabel")

        self.rightForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.tagsLabel)

        self.tagsEdit = QLineEdit(CatalogueDialog)
        self.tagsEdit.setObjectName(u"tagsEdit")
        self.tagsEdit.setMaxLength(200)

        self.rightForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.tagsEdit)

        self.notesLabel = QLabel(CatalogueDialog)
        self.notesLabel.setObjectName(u"notesLabel")

        self.rightForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(CatalogueDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setMinimumSize(QSize(0, 48))
        self.notesEdit.setMaximumSize(QSize(16777215, 64))
        self.notesEdit.setTabChangesFocus(True)

        self.rightForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notesEdit)

        self.infoDateLabel = QLabel(CatalogueDialog)
        self.infoDateLabel.setObjectName(u"infoDateLabel")

        self.rightForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.infoDateLabel)

        self.infoDateEdit = DateField(CatalogueDialog)
        self.infoDateEdit.setObjectName(u"infoDateEdit")

        self.rightForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.infoDateEdit)

        self.publishableLabel = QLabel(CatalogueDialog)
        self.publishableLabel.setObjectName(u"publishableLabel")

        self.rightForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.publishableLabel)

        self.publishableCheck = QCheckBox(CatalogueDialog)
        self.publishableCheck.setObjectName(u"publishableCheck")

        self.rightForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.publishableCheck)

        self.sourceTitleLabel = QLabel(CatalogueDialog)
        self.sourceTitleLabel.setObjectName(u"sourceTitleLabel")

        self.rightForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.sourceTitleLabel)

        self.sourceCombo = QComboBox(CatalogueDialog)
        self.sourceCombo.setObjectName(u"sourceCombo")
        self.sourceCombo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.sourceCombo.setMinimumContentsLength(24)

        self.rightForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.sourceCombo)


        self.columnsLayout.addLayout(self.rightForm)


        self.mainLayout.addLayout(self.columnsLayout)

        self.photosBox = QGroupBox(CatalogueDialog)
        self.photosBox.setObjectName(u"photosBox")
        self.photosLayout = QHBoxLayout(self.photosBox)
        self.photosLayout.setSpacing(10)
        self.photosLayout.setObjectName(u"photosLayout")

        self.mainLayout.addWidget(self.photosBox)

        self.errorLabel = QLabel(CatalogueDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(CatalogueDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.kindLabel.setBuddy(self.kindCombo)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.areaLabel.setBuddy(self.areaEdit)
        self.organiserLabel.setBuddy(self.organiserEdit)
        self.scheduleLabel.setBuddy(self.scheduleEdit)
        self.frequencyLabel.setBuddy(self.frequencyEdit)
        self.participantsLabel.setBuddy(self.participantsSpin)
        self.costLabel.setBuddy(self.costEdit)
        self.contactLabel.setBuddy(self.contactEdit)
        self.contentLabel.setBuddy(self.contentEdit)
        self.descriptionLabel.setBuddy(self.descriptionEdit)
        self.tagsLabel.setBuddy(self.tagsEdit)
        self.notesLabel.setBuddy(self.notesEdit)
        self.infoDateLabel.setBuddy(self.infoDateEdit)
        self.publishableLabel.setBuddy(self.publishableCheck)
        self.sourceTitleLabel.setBuddy(self.sourceCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(CatalogueDialog)
        self.buttonBox.accepted.connect(CatalogueDialog.accept)
        self.buttonBox.rejected.connect(CatalogueDialog.reject)

        QMetaObject.connectSlotsByName(CatalogueDialog)
    # setupUi

    def retranslateUi(self, CatalogueDialog):
        CatalogueDialog.setWindowTitle(QCoreApplication.translate("CatalogueDialog", u"\u5730\u57df\u8cc7\u6e90", None))
        self.nameLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u540d\u79f0", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u5fc5\u9808\uff08\u4f8b: \u25cb\u25cb\u5730\u533a\u3075\u308c\u3042\u3044\u30b5\u30ed\u30f3\uff09", None))
        self.kindLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u7a2e\u985e", None))
        self.addKindButton.setText(QCoreApplication.translate("CatalogueDialog", u"\u7a2e\u985e\u3092\u8ffd\u52a0\u2026", None))
#if QT_CONFIG(tooltip)
        self.addKindButton.setToolTip(QCoreApplication.translate("CatalogueDialog", u"\u4e00\u89a7\u306b\u306a\u3044\u7a2e\u985e\uff08\u4f53\u64cd\u6559\u5ba4\u3001\u8a8d\u77e5\u75c7\u30ab\u30d5\u30a7 \u2026\uff09\u3092\u7a2e\u985e\u306e\u4e00\u89a7\u306b\u52a0\u3048\u307e\u3059", None))
#endif // QT_CONFIG(tooltip)
        self.municipalityLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u5e02\u753a\u6751", None))
        self.areaLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u5730\u533a", None))
        self.areaEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u65e5\u5e38\u751f\u6d3b\u570f\u57df\u30fb\u5730\u533a", None))
        self.organiserLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u5b9f\u65bd\u4e3b\u4f53", None))
        self.scheduleLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u66dc\u65e5\u30fb\u6642\u9593", None))
        self.scheduleEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u4f8b: \u6bce\u9031\u706b\u66dc 10:00\u301c11:30", None))
        self.frequencyLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u983b\u5ea6", None))
        self.frequencyEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u4f8b: \u90311\u56de", None))
        self.participantsLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u53c2\u52a0\u4eba\u6570", None))
        self.participantsSpin.setSpecialValueText(QCoreApplication.translate("CatalogueDialog", u"\u672a\u5165\u529b", None))
        self.participantsSpin.setSuffix(QCoreApplication.translate("CatalogueDialog", u" \u4eba", None))
        self.costLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u8cbb\u7528", None))
        self.costEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u4f8b: 1\u56de100\u5186", None))
        self.contactLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u9023\u7d61\u5148", None))
        self.contactEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u4f8b: \u4ee3\u8868 \u5c71\u7530\uff080263-00-0000\uff09", None))
#if QT_CONFIG(tooltip)
        self.contactConsentCombo.setToolTip(QCoreApplication.translate("CatalogueDialog", u"\u9023\u7d61\u5148\u3092\u518a\u5b50\u30fb\u30a6\u30a7\u30d6\u30b5\u30a4\u30c8\u306b\u8f09\u305b\u308b\u3053\u3068\u3078\u306e\u540c\u610f\uff08\u672a\u78ba\u8a8d\u306f\u8f09\u305b\u307e\u305b\u3093\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.contentLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u5185\u5bb9", None))
        self.contentEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u3069\u3093\u306a\u6d3b\u52d5\u304b\uff08\u4f53\u64cd\u3001\u8336\u8a71\u4f1a\u3001\u9001\u8fce \u2026\uff09", None))
        self.descriptionLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u7d39\u4ecb\u6587", None))
        self.descriptionEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u4e8b\u4f8b\u96c6\u30fb\u30a6\u30a7\u30d6\u30b5\u30a4\u30c8\u306b\u8f09\u305b\u308b\u7d39\u4ecb", None))
        self.tagsLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u30bf\u30b0", None))
        self.tagsEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u3001\u3067\u533a\u5207\u308b\uff08\u4f8b: \u4f53\u64cd\u3001\u7537\u6027\u3001\u7a7a\u304d\u5bb6\u6d3b\u7528\uff09", None))
        self.notesLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u5099\u8003", None))
        self.notesEdit.setPlaceholderText(QCoreApplication.translate("CatalogueDialog", u"\u4e8b\u52d9\u5c40\u3060\u3051\u306e\u30e1\u30e2\uff08\u516c\u958b\u3057\u307e\u305b\u3093\uff09", None))
        self.infoDateLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u66f4\u65b0\u65e5", None))
#if QT_CONFIG(tooltip)
        self.infoDateEdit.setToolTip(QCoreApplication.translate("CatalogueDialog", u"\u60c5\u5831\u3092\u6700\u5f8c\u306b\u78ba\u8a8d\u3057\u305f\u65e5", None))
#endif // QT_CONFIG(tooltip)
        self.publishableLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u63b2\u8f09", None))
        self.publishableCheck.setText(QCoreApplication.translate("CatalogueDialog", u"\u63b2\u8f09\u53ef\uff08\u4e8b\u4f8b\u96c6\u30fb\u30a6\u30a7\u30d6\u30b5\u30a4\u30c8\u306b\u8f09\u305b\u3066\u3088\u3044\uff09", None))
        self.sourceTitleLabel.setText(QCoreApplication.translate("CatalogueDialog", u"\u628a\u63e1\u306e\u304d\u3063\u304b\u3051", None))
#if QT_CONFIG(tooltip)
        self.sourceCombo.setToolTip(QCoreApplication.translate("CatalogueDialog", u"\u3053\u306e\u6d3b\u52d5\u3092\u77e5\u3063\u305f\u304d\u3063\u304b\u3051\u306e\u8a2a\u554f\u30fb\u76f8\u8ac7\u30fb\u7814\u4fee\uff08\u5e02\u753a\u6751\u3092\u9078\u3076\u3068\u3001\u305d\u306e\u5e02\u753a\u6751\u306e\u8a2a\u554f\u3068\u76f8\u8ac7\u304c\u4e26\u3073\u307e\u3059\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.photosBox.setTitle(QCoreApplication.translate("CatalogueDialog", u"\u5199\u771f\uff083\u679a\u307e\u3067\u30fbJPEG\u304bPNG\uff09", None))
    # retranslateUi

