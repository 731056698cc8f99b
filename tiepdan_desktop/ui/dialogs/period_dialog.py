"""Which period to print or export: the quick picks, or any two dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from tiepdan_desktop.domain.periods import Period, PeriodChoice, period_of
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date, to_qdate
from tiepdan_desktop.ui.widgets.form import ValidatedForm


class PeriodDialog(QDialog):
    def __init__(
        self,
        title: str,
        action: str,
        today: dt.date,
        current: Period | None,
        parent: QWidget | None = None,
    ) -> None:
        """`current`: the period on screen, offered first; otherwise the reporting month."""
        super().__init__(parent)
        self.setObjectName("periodDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._today = today
        self.choice = QComboBox()
        self.choice.setObjectName("periodChoice")
        for choice in PeriodChoice:
            if choice is not PeriodChoice.ALL:
                self.choice.addItem(choice.label, choice)
        start = current or period_of(PeriodChoice.REPORT_MONTH, today)
        assert start is not None
        self.date_from = date_edit("periodFrom", start.first)
        self.date_to = date_edit("periodTo", start.last)
        self.form = ValidatedForm()
        self.form.add_field("choice", self.tr("Kỳ"), self.choice)
        self.form.add_field("date_from", self.tr("Từ ngày"), self.date_from)
        self.form.add_field("date_to", self.tr("Đến ngày"), self.date_to)
        self.buttons = QDialogButtonBox()
        ok = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("periodOkButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.buttons)
        self.choice.setCurrentIndex(
            self.choice.findData(PeriodChoice.CUSTOM if current else PeriodChoice.REPORT_MONTH)
        )
        self.choice.currentIndexChanged.connect(self._chosen)
        self._chosen()

    def _chosen(self) -> None:
        choice = PeriodChoice(self.choice.currentData())
        dates = period_of(choice, self._today)
        if dates is not None:
            self.date_from.setDate(to_qdate(dates.first))
            self.date_to.setDate(to_qdate(dates.last))
        custom = choice is PeriodChoice.CUSTOM
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)

    def period(self) -> Period:
        return Period(to_date(self.date_from.date()), to_date(self.date_to.date()))

    def _accept(self) -> None:
        chosen = self.period()
        if chosen.last < chosen.first:
            self.form.show_errors(
                {"date_to": self.tr("Ngày kết thúc phải từ ngày bắt đầu trở đi.")}
            )
            return
        self.accept()
