"""Hướng xử lý đơn (LEGAL.md §2.4): the outcomes open to a classified letter,
the recommended one first, each with its legal basis and the documents it
issues; those the law forbids here stay in the list, greyed, with the reason
(«hướng dẫn một lần», «chuyển đơn một lần»)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.letter_outcomes import ComplaintRejectionGround, OutcomeOption
from tiepdan_desktop.domain.letter_records import LetterOptions, OutcomeChoice
from tiepdan_desktop.exports.official_document import load_template
from tiepdan_desktop.ui.widgets.choices import enum_combo, enum_value
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date
from tiepdan_desktop.ui.widgets.duplicates_panel import matter_warning
from tiepdan_desktop.ui.widgets.form import ValidatedForm

OPTION_ROLE = Qt.ItemDataRole.UserRole


def option_text(option: OutcomeOption, recommended: bool) -> str:
    text = option.outcome.label
    if recommended and not option.blocked:
        text += " (đề xuất)"
    if option.leader_only:
        text += " – Chủ tịch quyết định"
    text += f"\n    Căn cứ: {option.basis}"
    if option.blocked:
        text += f"\n    Không chọn được: {option.blocked}"
    return text


class OutcomeForm(QWidget):
    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeForm")
        self.options = QListWidget()
        self.options.setObjectName("outcomeList")
        self.options.setAccessibleName(self.tr("Hướng xử lý có thể chọn"))
        self.options.setWordWrap(True)
        self.options.setMinimumHeight(150)
        self.options.setSpacing(3)
        self.warning = QLabel()
        self.warning.setObjectName("calendarWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.decided_on = date_edit("decidedOnEdit", today)
        self.body = QLineEdit()
        self.body.setObjectName("outcomeBodyEdit")
        self.body.setPlaceholderText(self.tr("Cơ quan, tổ chức, cá nhân có thẩm quyền"))
        self.ground = enum_combo("groundCombo", ComplaintRejectionGround, self.tr("— Chọn lý do —"))
        self.note = QLineEdit()
        self.note.setObjectName("outcomeNoteEdit")
        self.signer = QLineEdit()
        self.signer.setObjectName("signerEdit")
        self.signer.setPlaceholderText(
            self.tr("Để trống: người ký theo mẫu (Chủ tịch, hoặc cán bộ lập phiếu)")
        )
        self.documents = QLabel()
        self.documents.setObjectName("hint")
        self.documents.setWordWrap(True)
        self.form = ValidatedForm()
        self.form.add_field("outcome", self.tr("Hướng xử lý *"), self.options)
        self.form.add_field("decided_on", self.tr("Ngày xử lý *"), self.decided_on)
        self.form.add_field("body", self.tr("Nơi nhận đơn, nơi hướng dẫn đến *"), self.body)
        self.form.add_field("ground", self.tr("Lý do không thụ lý *"), self.ground)
        self.form.add_field("note", self.tr("Ghi chú, nội dung thêm"), self.note)
        self.form.add_field("signer_name", self.tr("Người ký văn bản"), self.signer)
        self.form.addRow(self.tr("Văn bản sẽ ban hành"), self.documents)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.warning)
        column.addLayout(self.form)
        self.options.currentItemChanged.connect(lambda *_a: self._option_changed())
        self._option_changed()

    def show_options(self, offered: LetterOptions) -> None:
        """The outcomes open now; the one the officer had chosen stays chosen."""
        before = self.chosen()
        self.options.clear()
        first_open: QListWidgetItem | None = None
        for index, option in enumerate(offered.options):
            item = QListWidgetItem(option_text(option, index == 0))
            item.setData(OPTION_ROLE, option)
            if option.blocked:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            elif first_open is None or (before and option.outcome is before.outcome):
                first_open = item
            self.options.addItem(item)
        if first_open is not None:
            self.options.setCurrentItem(first_open)
        text = matter_warning(offered.guided, offered.forwarded, 1)
        self.warning.setText(text)
        self.warning.setVisible(bool(text))
        self._option_changed()

    def chosen(self) -> OutcomeOption | None:
        item = self.options.currentItem()
        option = item.data(OPTION_ROLE) if item is not None else None
        return option if isinstance(option, OutcomeOption) and not option.blocked else None

    def _option_changed(self) -> None:
        option = self.chosen()
        self.form.set_field_visible("body", bool(option and option.needs_body))
        self.form.set_field_visible("ground", bool(option and option.needs_ground))
        names = [load_template(code).name for code in option.documents] if option else []
        self.documents.setText("\n".join(names) or self.tr("Không có văn bản"))
        self.changed.emit()

    def choice(self) -> OutcomeChoice | None:
        option = self.chosen()
        if option is None:
            return None
        return OutcomeChoice(
            outcome=option.outcome,
            decided_on=to_date(self.decided_on.date()),
            body=self.body.text() if option.needs_body else None,
            ground=enum_value(self.ground, ComplaintRejectionGround)
            if option.needs_ground
            else None,
            note=self.note.text(),
            signer_name=self.signer.text().strip() or None,
        )

    def show_errors(self, errors: Mapping[str, str]) -> list[str]:
        """Each message under its field; those no field takes are returned."""
        return self.form.show_errors(errors)
