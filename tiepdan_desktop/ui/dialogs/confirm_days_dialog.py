"""Mark provisional days as official once the Government's notice is out."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from tiepdan_desktop.domain.calendar import SpecialDay, format_day
from tiepdan_desktop.domain.records import CalendarChangeReport
from tiepdan_desktop.services import calendar
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.service_dialog import ServiceFormDialog


class ConfirmDaysDialog(ServiceFormDialog):
    def __init__(
        self, app: AppContext, days: list[SpecialDay], parent: QWidget | None = None
    ) -> None:
        super().__init__(app, parent)
        self.setObjectName("confirmDaysDialog")
        self.setWindowTitle(self.tr("Xác nhận ngày chính thức"))
        self.setMinimumWidth(560)
        self._days = days
        listed = QLabel("\n".join(f"• {format_day(d.day)} – {d.name}" for d in days))
        listed.setObjectName("daysToConfirm")
        listed.setWordWrap(True)
        self.legal_basis = QLineEdit()
        self.legal_basis.setObjectName("legalBasisEdit")
        self.legal_basis.setPlaceholderText(self.tr("Ví dụ: Thông báo 5/TB-VPCP ngày 10/12/2026"))
        self.form.add_field(
            "legal_basis",
            self.tr("Căn cứ xác nhận *"),
            self.legal_basis,
            self.tr("Văn bản chính thức công bố các ngày trên; ghi vào lịch và nhật ký."),
        )
        self.buttons.addButton(self.tr("Xác nhận"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("Các ngày sẽ được ghi là chính thức:")))
        column.addWidget(listed)
        column.addLayout(self.form)
        column.addWidget(self.buttons)
        self.saved: CalendarChangeReport | None = None

    def _submit(self) -> None:
        services, actor = self._app.services, self._app.actor
        days, basis = [d.day for d in self._days], self.legal_basis.text()
        self.run_write(
            lambda: calendar.confirm_calendar_days(services, actor, days, basis),
            changes={"calendar"},
        )
