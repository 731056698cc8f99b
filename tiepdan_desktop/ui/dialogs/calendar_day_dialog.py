"""Add or change one day of the working-day calendar (administrators)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.calendar import SpecialDay, weekday_name
from tiepdan_desktop.domain.enums import CalendarDayKind
from tiepdan_desktop.domain.records import CalendarChangeReport
from tiepdan_desktop.services import calendar
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.service_dialog import ServiceFormDialog
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date

KIND_HINTS = {
    CalendarDayKind.PUBLIC_HOLIDAY: "Ngày lễ, Tết theo Bộ luật Lao động (Điều 112).",
    CalendarDayKind.COMPENSATORY_OFF: "Ngày lễ trùng ngày nghỉ hằng tuần thì được nghỉ bù.",
    CalendarDayKind.SWAP_OFF: "Ngày làm việc được nghỉ do hoán đổi (Thủ tướng cho phép).",
    CalendarDayKind.MAKEUP_WORKDAY: "Thứ Bảy hoặc Chủ nhật phải đi làm bù cho ngày hoán đổi.",
    CalendarDayKind.LOCAL_OFF: "Ngày nghỉ do địa phương quyết định (lễ hội, thiên tai …).",
}


class CalendarDayDialog(ServiceFormDialog):
    def __init__(
        self,
        app: AppContext,
        special: SpecialDay | None = None,
        day: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`special`: the day to change; otherwise a new day, on `day` if given."""
        super().__init__(app, parent)
        self.setObjectName("calendarDayDialog")
        self.setWindowTitle(self.tr("Sửa ngày trong lịch") if special else self.tr("Thêm ngày"))
        self.setMinimumWidth(560)
        self._original = special
        start = special.day if special else (day or app.services.today())
        self.day = date_edit("dayEdit", start)
        self.form.add_field("day", self.tr("Ngày *"), self.day)
        self.kind = QComboBox()
        self.kind.setObjectName("kindCombo")
        for kind in CalendarDayKind:
            self.kind.addItem(kind.label, kind)
        self.form.add_field("kind", self.tr("Loại *"), self.kind)
        self.kind_hint = QLabel()
        self.kind_hint.setObjectName("hint")
        self.kind_hint.setWordWrap(True)
        self.form.addRow("", self.kind_hint)
        self.name = QLineEdit(special.name if special else "")
        self.name.setObjectName("nameEdit")
        self.name.setPlaceholderText(self.tr("Ví dụ: Nghỉ bù Quốc khánh"))
        self.form.add_field("name", self.tr("Tên ngày *"), self.name)
        self.legal_basis = QLineEdit((special.legal_basis or "") if special else "")
        self.legal_basis.setObjectName("legalBasisEdit")
        self.legal_basis.setPlaceholderText(self.tr("Số, ngày văn bản, ví dụ: TB 12/TB-VPCP …"))
        self.form.add_field(
            "legal_basis",
            self.tr("Căn cứ"),
            self.legal_basis,
            self.tr("Bắt buộc với ngày đã chính thức."),
        )
        self.provisional = QCheckBox(self.tr("Dự kiến – chưa có thông báo chính thức"))
        self.provisional.setObjectName("provisionalCheck")
        self.provisional.setChecked(special.provisional if special else False)
        self.form.add_field("provisional", "", self.provisional)
        if special is not None:
            self.kind.setCurrentIndex(list(CalendarDayKind).index(special.kind))
        self.kind.currentIndexChanged.connect(self._show_kind_hint)
        self.day.dateChanged.connect(self._show_kind_hint)
        self._show_kind_hint()
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.buttons)
        self.saved: CalendarChangeReport | None = None

    def selected_kind(self) -> CalendarDayKind:
        return CalendarDayKind(self.kind.currentData())

    def _show_kind_hint(self) -> None:
        day = to_date(self.day.date())
        self.kind_hint.setText(f"{weekday_name(day)} – {self.tr(KIND_HINTS[self.selected_kind()])}")

    def special_day(self) -> SpecialDay:
        return SpecialDay(
            to_date(self.day.date()),
            self.selected_kind(),
            self.name.text(),
            self.legal_basis.text() or None,
            self.provisional.isChecked(),
        )

    def _submit(self) -> None:
        services, actor = self._app.services, self._app.actor
        special = self.special_day()
        replacing = self._original.day if self._original else None
        self.run_write(
            lambda: calendar.save_calendar_day(services, actor, special, replacing),
            changes={"calendar"},
        )
