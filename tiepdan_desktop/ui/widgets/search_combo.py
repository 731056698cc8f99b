"""A combo box one can type into: "ho chi minh" finds "Thành phố Hồ Chí Minh".

Matching ignores diacritics (đ = d) and case, and looks anywhere in the name,
because officials type names the way they say them, without the prefix.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from tiepdan_desktop.domain.text import search_key

SEARCH_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole


class _FoldingCompleter(QCompleter):
    def splitPath(self, path: str) -> list[str]:
        return [search_key(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class SearchableComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        completer = _FoldingCompleter(self._items, self)
        completer.setCompletionRole(SEARCH_KEY_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._accept_typed_text)

    def _accept_typed_text(self) -> None:
        """Enter or Tab after typing: choose the item the text names, when it names one.

        "Bến Thành" or "ben thanh" selects "Phường Bến Thành" if no other item
        contains those words; an ambiguous or unknown text is left for the user.
        """
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 and text:
            key = search_key(text)
            matches = [
                row
                for row in range(self._items.rowCount())
                if key in str(self._items.item(row).data(SEARCH_KEY_ROLE))
            ]
            index = matches[0] if len(matches) == 1 else -1
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)

    def set_items(self, items: Iterable[tuple[str, object]]) -> None:
        self._items.clear()
        for text, value in items:
            item = QStandardItem(text)
            item.setData(value, VALUE_ROLE)
            item.setData(search_key(text), SEARCH_KEY_ROLE)
            self._items.appendRow(item)
        self.setCurrentIndex(-1)
        self.clearEditText()

    def current_value(self) -> object | None:
        """The value of the item whose text is in the box, or None if it matches none."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return None if index < 0 else self.itemData(index, VALUE_ROLE)

    def select_value(self, value: object) -> bool:
        index = self.findData(value, VALUE_ROLE)
        self.setCurrentIndex(index)
        return index >= 0
