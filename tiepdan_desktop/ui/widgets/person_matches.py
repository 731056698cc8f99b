"""People already in the database who may be the one being typed: the same ID
number first, then namesakes (same birth year and place ranked higher), each
with their visits and open matters, and a button to use them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.visit_records import PersonMatch
from tiepdan_desktop.ui.widgets.person_history_panel import person_record, person_summary

MATCH_ROLE = Qt.ItemDataRole.UserRole


class PersonMatchesPanel(QFrame):
    chosen = Signal(object)  # PersonMatch

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 8)
        title = QLabel(self.tr("Người đã có trong sổ"))
        title.setObjectName("cardTitle")
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("personMatches")
        self.list.setAccessibleName(self.tr("Người đã có trong sổ"))
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(170)
        self.list.itemActivated.connect(lambda _item: self.use_selected())
        self.list.currentItemChanged.connect(lambda *_a: self._update_button())
        self.use_button = QPushButton(self.tr("Dùng người này"))
        self.use_button.setObjectName("useMatchButton")
        self.use_button.clicked.connect(self.use_selected)
        for widget in (title, self.status, self.list, self.use_button):
            column.addWidget(widget)
        column.addStretch(1)  # spare height (a group form is taller) goes below, not between
        self.show_matches([], typed=False)

    def show_matches(self, matches: list[PersonMatch], typed: bool = True) -> None:
        self.list.clear()
        for match in matches:
            lines = [f"<b>{escape(match.full_name)}</b>"]
            for line in (person_summary(match), match.address or "", person_record(match)):
                if line:
                    lines.append(escape(line))
            if match.same_id_number:
                lines.insert(1, "<span style='color:#1e6b33'>Cùng số giấy tờ</span>")
            item = QListWidgetItem()
            item.setData(MATCH_ROLE, match)
            label = QLabel("<br>".join(lines))
            label.setWordWrap(True)
            label.setContentsMargins(4, 3, 4, 3)
            item.setSizeHint(label.sizeHint())
            self.list.addItem(item)
            self.list.setItemWidget(item, label)
        if matches:
            self.list.setCurrentRow(0)
            self.status.setText(self.tr("Nếu là một trong những người này, chọn để gắn với họ."))
        elif typed:
            self.status.setText(self.tr("Chưa có ai trùng: sẽ ghi là người mới."))
        else:
            self.status.setText(self.tr("Gõ họ tên hoặc số giấy tờ để tìm người đã đến trước đây."))
        self._update_button()

    def selected(self) -> PersonMatch | None:
        item = self.list.currentItem()
        value = item.data(MATCH_ROLE) if item is not None else None
        return value if isinstance(value, PersonMatch) else None

    def _update_button(self) -> None:
        self.use_button.setEnabled(self.selected() is not None)

    def use_selected(self) -> None:
        match = self.selected()
        if match is not None:
            self.chosen.emit(match)
