"""Lịch làm việc: the days off, swaps and make-up Saturdays of each year, from
which every deadline is counted.  Administrators add, change, confirm and
import days; every change moves the running deadlines it affects."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.calendar import SpecialDay, WorkCalendar
from tiepdan_desktop.domain.enums import CalendarDayKind
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import CalendarChangeReport, CalendarDayRecord
from tiepdan_desktop.services import calendar
from tiepdan_desktop.services.calendar import MAX_FILE_BYTES
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.change_reports import describe_calendar_change
from tiepdan_desktop.ui.dialogs.calendar_day_dialog import CalendarDayDialog
from tiepdan_desktop.ui.dialogs.confirm_days_dialog import ConfirmDaysDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.files import read_chosen_file, write_chosen_file
from tiepdan_desktop.ui.messages import confirm, show_info
from tiepdan_desktop.ui.models.calendar_days_model import (
    PROVISIONAL_BACKGROUND,
    CalendarDaysModel,
)
from tiepdan_desktop.ui.models.record_table import SORT_ROLE
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.dates import to_date, to_qdate
from tiepdan_desktop.ui.widgets.tables import record_table

HEADER_STATE_KEY = "calendar_tab/header"
DAY_OFF_COLOUR = QColor("#c1121f")
MAKEUP_COLOUR = QColor("#1d5fa8")


def year_summary(year: int, records: list[CalendarDayRecord]) -> str:
    """How the year's working days come out: what an official checks first."""
    specials = [record.special for record in records]
    days = WorkCalendar(specials)
    weekday_off = sum(1 for s in specials if s.is_day_off and s.day.weekday() < 5)
    makeup = sum(1 for s in specials if s.kind is CalendarDayKind.MAKEUP_WORKDAY)
    provisional = sum(1 for s in specials if s.provisional)
    working = days.count_working_days(dt.date(year, 1, 1), dt.date(year, 12, 31))
    text = (
        f"Năm {year}: {working} ngày làm việc; {weekday_off} ngày nghỉ lễ, Tết, nghỉ bù "
        f"trong tuần; {makeup} ngày làm bù."
    )
    if provisional:
        text += f" {provisional} ngày chưa được xác nhận chính thức."
    return text


class CalendarTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("calendarTab")
        self._app = app
        self._can_edit = app.can(Permission.MANAGE_UNIT)
        self.records: list[CalendarDayRecord] = []

        self.warning = QLabel()
        self.warning.setObjectName("calendarWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.missing_year = QLabel()
        self.missing_year.setObjectName("calendarWarning")
        self.missing_year.setWordWrap(True)
        self.missing_year.hide()
        self.known_years: list[int] = []
        self.year = QSpinBox()
        self.year.setObjectName("yearSpin")
        self.year.setAccessibleName(self.tr("Năm"))
        self.year.setRange(2000, 2100)
        self.year.setValue(app.services.today().year)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)

        self.model = CalendarDaysModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = record_table(
            "calendarTable", self.tr("Các ngày đặc biệt trong năm"), self.proxy
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column, width in enumerate((155, 130, 250, 95, 260)):
            self.table.setColumnWidth(column, width)
        if (state := app.ui_state.load_bytes(HEADER_STATE_KEY)) is not None:
            self.table.horizontalHeader().restoreState(state)
        self.month = QCalendarWidget()
        self.month.setObjectName("monthView")
        self.month.setAccessibleName(self.tr("Lịch tháng"))
        self.month.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.month.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.month.setGridVisible(True)
        self.month.setMinimumWidth(330)

        self.add_button = action_button("addDayButton", self.tr("Thêm ngày…"), self.add_day)
        self.edit_button = action_button("editDayButton", self.tr("Sửa…"), self.edit_selected)
        self.remove_button = action_button(
            "removeDayButton", self.tr("Bỏ ngày"), self.remove_selected
        )
        self.confirm_button = action_button(
            "confirmDaysButton", self.tr("Xác nhận chính thức…"), self.confirm_selected
        )
        self.import_button = action_button(
            "importCalendarButton", self.tr("Nhập tệp lịch…"), self.import_file
        )
        self.default_year_button = action_button(
            "addDefaultYearButton",
            self.tr("Tạo lịch nghỉ mặc định cho năm này"),
            self.add_default_year,
        )
        self.default_year_button.hide()
        self.export_button = action_button(
            "exportCalendarButton", self.tr("Xuất tệp lịch…"), self.export_file
        )
        self.setLayout(self._layout())

        self.year.valueChanged.connect(self._year_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.month.clicked.connect(self._day_clicked)
        self.month.activated.connect(self._day_activated)
        app.tasks.changed.connect(self._on_changed)
        self._update_buttons()
        self.refresh()

    # --- construction ----------------------------------------------------------------

    def _layout(self) -> QVBoxLayout:
        year_row = QHBoxLayout()
        year_row.addWidget(QLabel(self.tr("Năm")))
        year_row.addWidget(self.year)
        year_row.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.confirm_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        legend = QLabel(
            self.tr(
                "Trên lịch tháng: chữ đỏ – ngày nghỉ; chữ xanh – ngày làm bù; nền vàng – chưa "
                "xác nhận. Nhấn đúp vào một ngày để thêm hoặc sửa."
            )
        )
        legend.setObjectName("hint")
        legend.setWordWrap(True)
        side = QWidget()
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side_column.addWidget(self.month)
        side_column.addWidget(legend)
        side_column.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        missing_row = QHBoxLayout()
        missing_row.addWidget(self.missing_year, 1)
        missing_row.addWidget(self.default_year_button)
        column = QVBoxLayout()
        column.addWidget(self.warning)
        column.addLayout(missing_row)
        column.addLayout(year_row)
        column.addLayout(buttons)
        column.addWidget(splitter, 1)
        return column

    # --- data ------------------------------------------------------------------------

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if "calendar" in kinds:
            self.refresh()

    def refresh(self) -> None:
        services, actor, year = self._app.services, self._app.actor, self.year.value()
        self._app.tasks.read(
            lambda: calendar.list_calendar_days(services, actor, year),
            lambda records: self._show(year, records),
            lambda error: show_failure(self, error),
            owner=self,
        )
        self._app.tasks.read(
            lambda: calendar.known_years(services, actor),
            self._show_known_years,
            lambda error: show_failure(self, error),
            owner=self,
        )
        self._app.tasks.read(
            lambda: calendar.calendar_warnings(services, actor),
            self._show_warnings,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def _show(self, year: int, records: list[CalendarDayRecord]) -> None:
        if year != self.year.value():
            return  # the official has moved on to another year meanwhile
        self._paint_month(self.records, clear=True)
        self.records = records
        self.model.set_records(records)
        self._update_summary()
        self._paint_month(records)
        self._update_buttons()

    def _update_summary(self) -> None:
        year = self.year.value()
        if year in self.known_years:
            self.summary.setText(year_summary(year, self.records))
        else:  # counting working days would pretend the year has no holidays
            self.summary.setText(self.tr("Năm {0}: chưa có lịch nghỉ lễ, Tết.").format(year))

    def _show_known_years(self, years: list[int]) -> None:
        self.known_years = years
        self._update_summary()
        year = self.year.value()
        missing = year not in years
        self.missing_year.setText(
            self.tr(
                "Năm {0} chưa có lịch nghỉ lễ, Tết đầy đủ trong phần mềm: thời hạn tính qua năm "
                "này chỉ trừ thứ Bảy, Chủ nhật và được ghi là dự kiến."
            ).format(year)
        )
        self.missing_year.setVisible(missing)
        self.default_year_button.setVisible(missing and self._can_edit)

    def _show_warnings(self, warnings: list[str]) -> None:
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    def _paint_month(self, records: list[CalendarDayRecord], clear: bool = False) -> None:
        for record in records:
            special = record.special
            text_format = QTextCharFormat()
            if not clear:
                colour = (
                    MAKEUP_COLOUR
                    if special.kind is CalendarDayKind.MAKEUP_WORKDAY
                    else DAY_OFF_COLOUR
                )
                text_format.setForeground(QBrush(colour))
                text_format.setFontWeight(QFont.Weight.Bold)
                text_format.setToolTip(f"{special.name} ({special.kind.label})")
                if special.provisional:
                    text_format.setBackground(QBrush(PROVISIONAL_BACKGROUND))
            self.month.setDateTextFormat(to_qdate(special.day), text_format)

    def _year_changed(self, year: int) -> None:
        """The month view follows to the same day of the other year (29/02 → 28/02)."""
        shown = to_date(self.month.selectedDate())
        last_day = monthrange(year, shown.month)[1]
        self.month.setSelectedDate(to_qdate(shown.replace(year=year, day=min(shown.day, last_day))))
        self.refresh()

    # --- selection -------------------------------------------------------------------

    def selected_days(self) -> list[SpecialDay]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.record(self.proxy.mapToSource(index).row()).special for index in rows]

    def _selection_changed(self) -> None:
        selected = self.selected_days()
        if len(selected) == 1:
            self.month.setSelectedDate(to_qdate(selected[0].day))
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected_days()
        editable = self._can_edit
        self.add_button.setEnabled(editable)
        self.import_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and len(selected) == 1)
        self.remove_button.setEnabled(editable and len(selected) == 1)
        self.confirm_button.setEnabled(editable and any(s.provisional for s in selected))

    def _row_of(self, day: dt.date) -> int | None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.record(self.proxy.mapToSource(index).row()).special.day == day:
                return row
        return None

    def _day_clicked(self, value: object) -> None:
        row = self._row_of(to_date(self.month.selectedDate()))
        if row is None:
            self.table.clearSelection()
            return
        self.table.selectionModel().select(
            self.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.proxy.index(row, 0))

    def _day_activated(self, value: object) -> None:
        """Double-click or Enter on the month view: edit that day, or add it."""
        if not self._can_edit:
            return
        day = to_date(self.month.selectedDate())
        if self._row_of(day) is not None:
            self._day_clicked(value)
            self.edit_selected()
        else:
            self._open_day_dialog(CalendarDayDialog(self._app, None, day, self))

    # --- actions ---------------------------------------------------------------------

    def _report(self, report: CalendarChangeReport | None) -> None:
        if report is not None:
            show_info(self, self.tr("Lịch làm việc"), describe_calendar_change(report))

    def _open_day_dialog(self, dialog: CalendarDayDialog) -> None:
        if dialog.exec():
            self._report(dialog.saved)

    def add_day(self) -> None:
        day = to_date(self.month.selectedDate())
        self._open_day_dialog(CalendarDayDialog(self._app, None, day, self))

    def edit_selected(self) -> None:
        selected = self.selected_days()
        if self._can_edit and len(selected) == 1:
            self._open_day_dialog(CalendarDayDialog(self._app, selected[0], None, self))

    def remove_selected(self) -> None:
        selected = self.selected_days()
        if len(selected) != 1:
            return
        special = selected[0]
        question = self.tr(
            "Bỏ ngày {0} ({1}) khỏi lịch? Ngày này sẽ tính như ngày thường; các thời hạn "
            "đang chạy được tính lại."
        ).format(f"{special.day:%d/%m/%Y}", special.name)
        if not confirm(self, self.tr("Bỏ ngày khỏi lịch"), question, self.tr("Bỏ ngày")):
            return
        services, actor = self._app.services, self._app.actor
        self._app.tasks.write(
            lambda: calendar.remove_calendar_day(services, actor, special.day),
            self._report,
            lambda error: show_failure(self, error),
            changes={"calendar"},
            owner=self,
        )

    def confirm_selected(self) -> None:
        days = [s for s in self.selected_days() if s.provisional]
        if days:
            dialog = ConfirmDaysDialog(self._app, days, self)
            if dialog.exec():
                self._report(dialog.saved)

    def add_default_year(self) -> None:
        services, actor, year = self._app.services, self._app.actor, self.year.value()
        self._app.tasks.write(
            lambda: calendar.add_default_year(services, actor, year),
            self._report,
            lambda error: show_failure(self, error),
            changes={"calendar"},
            owner=self,
        )

    def import_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Nhập tệp lịch"), "", self.tr("Tệp lịch (*.csv *.json)")
        )
        if not name:
            return
        path = Path(name)
        services, actor = self._app.services, self._app.actor
        self._app.tasks.write(
            lambda: calendar.import_calendar(
                services, actor, path.name, read_chosen_file(path, MAX_FILE_BYTES)
            ),
            self._report,
            lambda error: show_failure(self, error, self.tr("Không nhập được tệp lịch")),
            changes={"calendar"},
            owner=self,
        )

    def export_file(self) -> None:
        year = self.year.value()
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Xuất tệp lịch"), f"lich-nghi-{year}.json", self.tr("Tệp lịch (*.json)")
        )
        if not name:
            return
        path = Path(name)
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: write_chosen_file(path, calendar.export_calendar(services, actor, [year])),
            lambda written: show_info(
                self,
                self.tr("Xuất tệp lịch"),
                self.tr("Đã ghi lịch năm {0} vào {1}.").format(year, str(written)),
            ),
            lambda error: show_failure(self, error, self.tr("Không xuất được tệp lịch")),
            owner=self,
        )

    def save_state(self) -> None:
        self._app.ui_state.save_bytes(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())
