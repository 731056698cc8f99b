from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.typing import type_text
from tiepdan_desktop.ui.widgets.search_combo import SearchableComboBox

PLACES = [("Thành phố Hồ Chí Minh", 79), ("Thành phố Hà Nội", 1), ("Đắk Lắk", 66), ("Hà Tĩnh", 42)]


def _combo(qtbot: QtBot) -> SearchableComboBox:
    combo = SearchableComboBox()
    qtbot.addWidget(combo)
    combo.set_items(PLACES)
    combo.show()
    return combo


def test_typing_without_diacritics_offers_the_matching_names(
    gui: QApplication, qtbot: QtBot
) -> None:
    combo = _combo(qtbot)
    type_text(combo.lineEdit(), "ho chi")
    completer = combo.completer()
    completer.setCompletionPrefix(combo.lineEdit().text())
    offered = [
        completer.completionModel().index(row, 0).data()
        for row in range(completer.completionModel().rowCount())
    ]
    assert offered == ["Thành phố Hồ Chí Minh"]


def test_enter_selects_the_only_item_the_words_name(gui: QApplication, qtbot: QtBot) -> None:
    combo = _combo(qtbot)
    type_text(combo.lineEdit(), "dak lak")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.current_value() == 66 and combo.currentText() == "Đắk Lắk"


def test_ambiguous_or_unknown_text_selects_nothing(gui: QApplication, qtbot: QtBot) -> None:
    combo = _combo(qtbot)
    type_text(combo.lineEdit(), "ha")  # Hà Nội, Hà Tĩnh, Thành phố …
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.current_value() is None
    combo.lineEdit().clear()
    type_text(combo.lineEdit(), "Sài Gòn")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.current_value() is None


def test_select_value(gui: QApplication, qtbot: QtBot) -> None:
    combo = _combo(qtbot)
    assert combo.select_value(42) and combo.currentText() == "Hà Tĩnh"
    assert not combo.select_value(999)
