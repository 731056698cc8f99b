"""The filters above the reception register: period (with the quick picks
officials use), reception type, classification, officer, handling, groups only,
and the search box (names, ID numbers, addresses, content; diacritics optional).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tiepdan_desktop.domain.enums import LetterType, ReceptionType, VisitHandling
from tiepdan_desktop.domain.periods import PeriodChoice, period_of
from tiepdan_desktop.domain.visit_records import RegisterFilter
from tiepdan_desktop.ui.widgets.choices import enum_combo, enum_value
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date, to_qdate


class RegisterFilterBar(QWidget):
    # Any choice changed, or a keystroke in the search box (each asks at once).
    changed = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today  # asked each time: "this month" moves on at midnight
        self.period = QComboBox()
        self.period.setObjectName("periodCombo")
        self.period.setAccessibleName(self.tr("Kỳ"))
        for choice in PeriodChoice:
            self.period.addItem(choice.label, choice)
        self.date_from = date_edit("dateFromEdit", today().replace(day=1))
        self.date_to = date_edit("dateToEdit", today())
        self.date_from.setAccessibleName(self.tr("Từ ngày"))
        self.date_to.setAccessibleName(self.tr("Đến ngày"))
        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setAccessibleName(self.tr("Tìm trong sổ"))
        self.search.setPlaceholderText(
            self.tr("Tìm họ tên, số giấy tờ, địa chỉ, nội dung… (gõ không dấu cũng được)")
        )
        self.search.setClearButtonEnabled(True)
        self.reception_type = enum_combo(
            "receptionTypeFilter", ReceptionType, self.tr("Mọi hình thức tiếp")
        )
        self.letter_type = enum_combo("letterTypeFilter", LetterType, self.tr("Mọi phân loại"))
        self.handling = enum_combo("handlingFilter", VisitHandling, self.tr("Mọi hướng xử lý"))
        self.officer = QComboBox()
        self.officer.setObjectName("officerFilter")
        self.officer.addItem(self.tr("Mọi cán bộ tiếp"), None)
        self.groups_only = QCheckBox(self.tr("Chỉ đoàn đông người"))
        self.groups_only.setObjectName("groupsOnlyCheck")
        self.clear_button = QPushButton(self.tr("Bỏ lọc"))
        self.clear_button.setObjectName("clearFiltersButton")
        self.clear_button.clicked.connect(self.clear)
        for combo in (self.reception_type, self.letter_type, self.handling, self.officer):
            combo.setAccessibleName(combo.itemText(0))
            combo.setMaximumWidth(230)  # long labels stay in the list, not in the bar
        self._layout()
        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(lambda _d: self.changed.emit())
        self.date_to.dateChanged.connect(lambda _d: self.changed.emit())
        self.search.textChanged.connect(lambda _t: self.changed.emit())
        for combo in (self.reception_type, self.letter_type, self.handling, self.officer):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.groups_only.toggled.connect(lambda _on: self.changed.emit())
        self.period.setCurrentIndex(list(PeriodChoice).index(PeriodChoice.ALL))
        self._period_changed()

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        dates = QHBoxLayout()
        self._from_label, self._to_label = QLabel(self.tr("từ")), QLabel(self.tr("đến"))
        for widget in (
            QLabel(self.tr("Kỳ")),
            self.period,
            self._from_label,
            self.date_from,
            self._to_label,
            self.date_to,
        ):
            dates.addWidget(widget)
        grid.addLayout(dates, 0, 0)
        grid.addWidget(self.search, 0, 1, 1, 2)
        choices = QHBoxLayout()
        for widget in (
            self.reception_type,
            self.letter_type,
            self.handling,
            self.officer,
            self.groups_only,
            self.clear_button,
        ):
            choices.addWidget(widget)
        choices.addStretch(1)
        grid.addLayout(choices, 1, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    def set_officers(self, officers: list[tuple[uuid.UUID, str]]) -> None:
        current = self.officer.currentData()
        self.officer.blockSignals(True)
        while self.officer.count() > 1:
            self.officer.removeItem(1)
        for officer_id, name in officers:
            self.officer.addItem(name, officer_id)
        index = self.officer.findData(current)
        self.officer.setCurrentIndex(max(index, 0))
        self.officer.blockSignals(False)

    def _period_changed(self) -> None:
        choice = PeriodChoice(self.period.currentData())
        custom = choice is PeriodChoice.CUSTOM
        chosen = period_of(choice, self._today())
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(custom)
            edit.blockSignals(True)
        if chosen is not None:
            self.date_from.setDate(to_qdate(chosen.first))
            self.date_to.setDate(to_qdate(chosen.last))
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(False)
        for widget in (self.date_from, self.date_to, self._from_label, self._to_label):
            widget.setVisible(choice is not PeriodChoice.ALL)
        self.changed.emit()

    def choose_period(self, choice: PeriodChoice) -> None:
        self.period.setCurrentIndex(list(PeriodChoice).index(choice))

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        if PeriodChoice(self.period.currentData()) is PeriodChoice.ALL:
            return None, None
        return to_date(self.date_from.date()), to_date(self.date_to.date())

    def current(self) -> RegisterFilter:
        date_from, date_to = self.dates()
        return RegisterFilter(
            date_from=date_from,
            date_to=date_to,
            reception_type=enum_value(self.reception_type, ReceptionType),
            letter_type=enum_value(self.letter_type, LetterType),
            officer_id=self.officer.currentData(),
            handling=enum_value(self.handling, VisitHandling),
            groups_only=self.groups_only.isChecked(),
            search=self.search.text(),
        )

    def clear(self) -> None:
        widgets = (self.period, self.reception_type, self.letter_type, self.handling, self.officer)
        for widget in (*widgets, self.groups_only, self.search):
            widget.blockSignals(True)
        self.period.setCurrentIndex(list(PeriodChoice).index(PeriodChoice.ALL))
        for combo in widgets[1:]:
            combo.setCurrentIndex(0)
        self.groups_only.setChecked(False)
        self.search.clear()
        for widget in (*widgets, self.groups_only, self.search):
            widget.blockSignals(False)
        self._period_changed()
