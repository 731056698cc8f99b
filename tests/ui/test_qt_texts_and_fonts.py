"""Qt's own texts in Vietnamese, the bundled font, and Vietnamese order in Qt."""

from __future__ import annotations

from functools import cmp_to_key

from PySide6.QtCore import QCollator, QCoreApplication, QLocale
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QWizard

from tiepdan_desktop.domain.text import sort_key
from tiepdan_desktop.ui.fonts import BASE_POINT_SIZE
from tiepdan_desktop.ui.qt_vietnamese import QtVietnameseTranslator, install_qt_vietnamese


def test_standard_buttons_speak_vietnamese(gui: QApplication) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
    )
    assert sorted(b.text() for b in buttons.buttons()) == ["Hủy", "Lưu", "Đóng"]


def test_wizard_buttons_speak_vietnamese(gui: QApplication) -> None:
    wizard = QWizard()
    assert wizard.buttonText(QWizard.WizardButton.BackButton) == "< &Quay lại"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "&Hoàn tất"


def test_text_field_menu_speaks_vietnamese(gui: QApplication) -> None:
    field = QLineEdit("Nguyễn Văn An")
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert "&Sao chép" in texts and "Chọn tất cả" in texts


def test_texts_it_does_not_know_pass_through_unchanged(gui: QApplication) -> None:
    assert QCoreApplication.translate("MainWindow", "Tiếp công dân") == "Tiếp công dân"
    assert QCoreApplication.translate("QPlatformTheme", "No such text") == "No such text"


def test_the_translator_is_installed_once(gui: QApplication) -> None:
    install_qt_vietnamese(gui)
    assert len(gui.findChildren(QtVietnameseTranslator)) == 1


def test_the_bundled_font_is_the_application_font(gui: QApplication) -> None:
    assert gui.font().family() == "Noto Sans"
    assert gui.font().pointSizeF() == BASE_POINT_SIZE
    assert "Noto Sans" in QFontDatabase.families()


def test_qt_vietnamese_collation_agrees_with_our_sort_key(gui: QApplication) -> None:
    collator = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    words = [
        "Ưng",
        "Đào",
        "Dương",
        "Ân",
        "Ăn",
        "Anh",
        "Án",
        "An",
        "Yến",
        "Ơn",
        "Ôn",
        "On",
        "Nguyện",
        "Nguyễn",
        "Nguyên",
        "Lệ",
        "Lế",
        "Lê",
        "ạ",
        "ã",
        "á",
        "ả",
        "à",
        "a",
    ]
    assert sorted(words, key=cmp_to_key(collator.compare)) == sorted(words, key=sort_key)
