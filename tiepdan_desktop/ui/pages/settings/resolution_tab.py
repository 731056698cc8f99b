"""Giải quyết: what the law leaves the office to set for resolving matters —
whether it resolves second-instance complaints (unsettled after 1/7/2025,
LEGAL.md §1.4), how long a forwarded letter may wait before an urging letter,
and the chairman's periodic reception days (Luật Tiếp công dân Điều 15; the
twice-monthly rule of Luật 136/2025 is not confirmed, so its date is a setting).
The warning days before a due date are under Thời hạn."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from tiepdan_desktop.domain.calendar import WEEKDAY_NAMES
from tiepdan_desktop.domain.case_records import CaseSettings
from tiepdan_desktop.services import cases
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_form_failure
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.pages.settings.settings_form import lay_out_settings_form
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date, to_qdate
from tiepdan_desktop.ui.widgets.form import ValidatedForm


def _day_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(1, 28)
    return box


class ResolutionSettingsTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("resolutionSettingsTab")
        self._app = app
        defaults = CaseSettings()
        self.second_instance = QCheckBox(
            self.tr("Đơn vị giải quyết khiếu nại lần hai (theo phân cấp của tỉnh)")
        )
        self.second_instance.setObjectName("secondInstanceCheck")
        self.urge_after = QSpinBox()
        self.urge_after.setObjectName("urgeAfterDays")
        self.urge_after.setRange(1, 365)
        self.urge_after.setSuffix(self.tr(" ngày"))
        self.weekday = QComboBox()
        self.weekday.setObjectName("receptionWeekday")
        for index, name in enumerate(WEEKDAY_NAMES[:5]):
            self.weekday.addItem(name, index)
        self.first_day, self.second_day = _day_box("receptionDay1"), _day_box("receptionDay2")
        days = QWidget()
        days_row = QHBoxLayout(days)
        days_row.setContentsMargins(0, 0, 0, 0)
        days_row.addWidget(QLabel(self.tr("ngày")))
        days_row.addWidget(self.first_day)
        days_row.addWidget(QLabel(self.tr("và ngày")))
        days_row.addWidget(self.second_day)
        days_row.addWidget(QLabel(self.tr("hằng tháng")))
        days_row.addStretch(1)
        self.switch_day = date_edit("twiceMonthlyFrom", defaults.twice_monthly_from)
        self.form = ValidatedForm()
        self.form.add_field(
            "second_instance_at_commune",
            "",
            self.second_instance,
            self.tr(
                "Từ 01/7/2025 khiếu nại lần hai thường do Chủ tịch UBND tỉnh giải quyết; "
                "chỉ bật khi tỉnh giao cho xã (ví dụ quyết định của trưởng phòng chuyên môn)."
            ),
        )
        self.form.add_field(
            "urge_after_days",
            self.tr("Đôn đốc khi đơn đã chuyển chờ quá"),
            self.urge_after,
            self.tr("Đơn chuyển đi chưa có văn bản phúc đáp sau số ngày này hiện ở «Cần đôn đốc»."),
        )
        self.form.add_field(
            "reception_weekday",
            self.tr("Ngày tiếp định kỳ hằng tuần"),
            self.weekday,
            self.tr("Luật Tiếp công dân Điều 15: ít nhất 01 ngày mỗi tuần."),
        )
        self.form.add_field(
            "twice_monthly_from",
            self.tr("Chuyển sang 02 ngày mỗi tháng từ"),
            self.switch_day,
            self.tr("Luật 136/2025/QH15 (chưa xác nhận văn bản hợp nhất): từ 01/7/2026."),
        )
        self.form.add_field("reception_month_days", self.tr("Hai ngày tiếp trong tháng"), days)
        self.save_button = action_button("primaryButton", self.tr("Lưu cài đặt"), self.save)
        lay_out_settings_form(
            self,
            app,
            self.tr("Giải quyết khiếu nại, tố cáo và lịch tiếp công dân"),
            self.form,
            self.save_button,
        )
        services, actor = app.services, app.actor
        app.tasks.read(
            lambda: cases.get_case_settings(services, actor), self.show_settings, owner=self
        )

    def show_settings(self, settings: CaseSettings) -> None:
        self.second_instance.setChecked(settings.second_instance_at_commune)
        self.urge_after.setValue(settings.urge_after_days)
        self.weekday.setCurrentIndex(max(self.weekday.findData(settings.reception_weekday), 0))
        self.first_day.setValue(settings.reception_month_days[0])
        self.second_day.setValue(settings.reception_month_days[1])
        self.switch_day.setDate(to_qdate(settings.twice_monthly_from))

    def settings(self) -> CaseSettings:
        return CaseSettings(
            second_instance_at_commune=self.second_instance.isChecked(),
            urge_after_days=self.urge_after.value(),
            reception_weekday=int(self.weekday.currentData()),
            reception_month_days=(self.first_day.value(), self.second_day.value()),
            twice_monthly_from=to_date(self.switch_day.date()),
        )

    def save(self) -> None:
        chosen = self.settings()
        if problems := chosen.problems():
            self.form.show_errors(problems)
            return
        self.form.clear_errors()
        services, actor = self._app.services, self._app.actor
        self._app.tasks.write(
            lambda: cases.update_case_settings(services, actor, chosen),
            lambda _saved: show_info(
                self, self.tr("Đã lưu"), self.tr("Cài đặt giải quyết đã có hiệu lực.")
            ),
            lambda error: show_form_failure(self, self.form, error),
            changes={"cases"},
            owner=self,
        )
