"""Văn bản: how the office numbers its outgoing documents (số/ký hiệu, NĐ 30/2020
Đ15) — the pattern, one sequence per symbol or one for all, the place written
before the date, and the symbol each document template uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.exports.official_document import load_template, template_codes
from tiepdan_desktop.services import letter_processing
from tiepdan_desktop.services.letter_documents import (
    NumberingSettings,
    number_label,
    numbering_problems,
)
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_form_failure
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.form import ValidatedForm

SYMBOL_COLUMN = 3


class DocumentsTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("documentsTab")
        self._app = app
        self._codes = template_codes()
        self.pattern = QLineEdit()
        self.pattern.setObjectName("numberPatternEdit")
        self.per_symbol = QCheckBox(
            self.tr("Mỗi loại văn bản (ký hiệu) đánh số riêng từ 01 mỗi năm")
        )
        self.per_symbol.setObjectName("perSymbolCheck")
        self.place = QLineEdit()
        self.place.setObjectName("placeEdit")
        self.place.setPlaceholderText(self.tr("Để trống: tên xã, phường của đơn vị"))
        self.example = QLabel()
        self.example.setObjectName("hint")
        self.form = ValidatedForm()
        self.form.add_field(
            "pattern",
            self.tr("Mẫu số, ký hiệu *"),
            self.pattern,
            self.tr("{so} là số thứ tự, {ky_hieu} là ký hiệu của văn bản."),
        )
        self.form.addRow("", self.example)
        self.form.add_field("per_symbol", "", self.per_symbol)
        self.form.add_field("place", self.tr("Địa danh ghi trước ngày"), self.place)
        self.table = QTableWidget(len(self._codes), 4)
        self.table.setObjectName("templateSymbols")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Mẫu"),
                self.tr("Văn bản"),
                self.tr("Ký hiệu mặc định"),
                self.tr("Ký hiệu dùng"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, code in enumerate(self._codes):
            template = load_template(code)
            for column, text in enumerate((template.form, template.name, template.symbol)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
            self.table.setItem(row, SYMBOL_COLUMN, QTableWidgetItem(""))
        self.table.resizeColumnsToContents()
        self.save_button = action_button("primaryButton", self.tr("Lưu cài đặt"), self.save)
        numbering = QGroupBox(self.tr("Số, ký hiệu văn bản đi"))
        numbering.setLayout(self.form)
        symbols = QGroupBox(self.tr("Ký hiệu của từng mẫu văn bản (để trống: dùng mặc định)"))
        symbols_column = QVBoxLayout(symbols)
        symbols_column.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(numbering)
        column.addWidget(symbols, 1)
        column.addLayout(buttons)
        self.pattern.textChanged.connect(lambda _t: self._show_example())
        editable = app.can(Permission.MANAGE_UNIT)
        for widget in (numbering, symbols, self.save_button):
            widget.setEnabled(editable)
        services, actor = app.services, app.actor
        app.tasks.read(
            lambda: letter_processing.get_numbering(services, actor), self.show_settings, owner=self
        )

    def _show_example(self) -> None:
        settings = NumberingSettings(pattern=self.pattern.text())
        if numbering_problems(settings):
            self.example.setText(self.tr("Ví dụ: (mẫu chưa đúng)"))
        else:
            self.example.setText(
                self.tr("Ví dụ: {0}").format(number_label(settings, 15, "TB-UBND"))
            )

    def show_settings(self, settings: NumberingSettings) -> None:
        self.pattern.setText(settings.pattern)
        self.per_symbol.setChecked(settings.per_symbol)
        self.place.setText(settings.place)
        for row, code in enumerate(self._codes):
            self.table.item(row, SYMBOL_COLUMN).setText(settings.symbols.get(code, ""))

    def settings(self) -> NumberingSettings:
        symbols = {
            code: text
            for row, code in enumerate(self._codes)
            if (text := self.table.item(row, SYMBOL_COLUMN).text().strip())
        }
        return NumberingSettings(
            pattern=self.pattern.text().strip(),
            per_symbol=self.per_symbol.isChecked(),
            symbols=symbols,
            place=self.place.text().strip(),
        )

    def save(self) -> None:
        chosen = self.settings()
        if problems := numbering_problems(chosen):
            self.form.show_errors(problems)
            return
        self.form.clear_errors()
        services, actor = self._app.services, self._app.actor
        self._app.tasks.write(
            lambda: letter_processing.update_numbering(services, actor, chosen),
            lambda _saved: show_info(
                self,
                self.tr("Đã lưu"),
                self.tr("Văn bản ban hành từ nay theo cách đánh số mới."),
            ),
            lambda error: show_form_failure(self, self.form, error),
            owner=self,
        )
