"""Choosing a reporting period: kind (month, quarter, 6 or 9 months, year,
custom), year and month or quarter, or two dates; the dates it stands for are
shown under it, computed with the office's cut-off setting."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.report_periods import (
    ROMAN,
    PeriodKind,
    ReportPeriod,
    ReportSettings,
    custom_period,
    make_period,
    period_containing,
)
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date


class ReportPeriodPicker(QWidget):
    changed = Signal()

    def __init__(self, today: dt.date, settings: ReportSettings) -> None:
        super().__init__()
        self.settings = settings
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        self.kind.setAccessibleName(self.tr("Loại kỳ báo cáo"))
        for kind in PeriodKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        self.year = QSpinBox()
        self.year.setObjectName("periodYear")
        self.year.setAccessibleName(self.tr("Năm"))
        self.year.setRange(2000, 2100)
        self.index = QComboBox()
        self.index.setObjectName("periodIndex")
        self.index.setAccessibleName(self.tr("Tháng hoặc quý"))
        self.first = date_edit("periodFirst", today.replace(day=1))
        self.last = date_edit("periodLast", today)
        self.range_label = QLabel()
        self.range_label.setObjectName("periodRange")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind)
        row.addWidget(self.index)
        row.addWidget(self.year)
        row.addWidget(self.first)
        row.addWidget(self.last)
        row.addWidget(self.range_label, 1)
        current = period_containing(PeriodKind.MONTH, today, settings)
        self._fill_index(PeriodKind.MONTH)
        self.year.setValue(current.year)
        self.index.setCurrentIndex(current.index - 1)
        self._show_fields()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (
            self.year.valueChanged,
            self.index.currentIndexChanged,
            self.first.dateChanged,
            self.last.dateChanged,
        ):
            signal.connect(lambda *_args: self._moved())
        self._update_label()

    def _fill_index(self, kind: PeriodKind) -> None:
        self.index.blockSignals(True)
        self.index.clear()
        if kind is PeriodKind.MONTH:
            for month in range(1, 13):
                self.index.addItem(self.tr("Tháng {0}").format(month), month)
        elif kind is PeriodKind.QUARTER:
            for quarter in range(1, 5):
                self.index.addItem(self.tr("Quý {0}").format(ROMAN[quarter - 1]), quarter)
        self.index.blockSignals(False)

    def current_kind(self) -> PeriodKind:
        return PeriodKind(self.kind.currentData())

    def _show_fields(self) -> None:
        kind = self.current_kind()
        custom = kind is PeriodKind.CUSTOM
        self.index.setVisible(kind in (PeriodKind.MONTH, PeriodKind.QUARTER))
        self.year.setVisible(not custom)
        self.first.setVisible(custom)
        self.last.setVisible(custom)

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self._fill_index(kind)
        if kind is PeriodKind.QUARTER:
            self.index.setCurrentIndex(0)
        self._show_fields()
        self._moved()

    def _moved(self) -> None:
        self._update_label()
        self.changed.emit()

    def period(self) -> ReportPeriod:
        """The chosen period (ValidationError for a custom range backwards)."""
        kind = self.current_kind()
        if kind is PeriodKind.CUSTOM:
            return custom_period(to_date(self.first.date()), to_date(self.last.date()))
        index = self.index.currentData() if kind in (PeriodKind.MONTH, PeriodKind.QUARTER) else 0
        return make_period(kind, self.year.value(), int(index or 0), self.settings)

    def set_period(self, kind: PeriodKind, year: int, index: int = 0) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.year.setValue(year)
        if index:
            self.index.setCurrentIndex(self.index.findData(index))

    def set_settings(self, settings: ReportSettings) -> None:
        self.settings = settings
        self._moved()

    def _update_label(self) -> None:
        try:
            period = self.period()
        except ValidationError as error:
            self.range_label.setText(" ".join(error.fields.values()))
            self.range_label.setStyleSheet("color: #b3261e;")
            return
        self.range_label.setStyleSheet("")
        self.range_label.setText(period.data_range)
