"""Báo cáo: how the office counts its reporting periods (LEGAL.md §6.3).  The
15 → 14 cut-off of TT 01/2024 is the default; whether TT 06/2025 kept it is not
confirmed (✖), so the day — or plain calendar months — is the office's choice."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from tiepdan_desktop.domain.report_periods import CutoffMode, ReportSettings
from tiepdan_desktop.services import reports
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_form_failure
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.pages.settings.settings_form import lay_out_settings_form
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.form import ValidatedForm


class ReportSettingsTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("reportSettingsTab")
        self._app = app
        self.cutoff = QComboBox()
        self.cutoff.setObjectName("reportCutoff")
        for mode in CutoffMode:
            self.cutoff.addItem(self.tr(mode.label), mode.value)
        self.start_day = QSpinBox()
        self.start_day.setObjectName("reportStartDay")
        self.start_day.setRange(2, 28)
        self.form = ValidatedForm()
        self.form.add_field(
            "cutoff",
            self.tr("Cách tính kỳ báo cáo"),
            self.cutoff,
            self.tr(
                "Thông tư 01/2024/TT-TTCP: quý I tính từ 15/12 năm trước đến 14/3. Thông tư "
                "06/2025/TT-TTCP có giữ mốc này hay không chưa được xác nhận: chọn theo yêu "
                "cầu của tỉnh."
            ),
        )
        self.form.add_field(
            "start_day",
            self.tr("Kỳ báo cáo bắt đầu từ ngày"),
            self.start_day,
            self.tr("Ngày đầu kỳ trong tháng trước; kỳ kết thúc vào ngày liền trước trong tháng."),
        )
        self.save_button = action_button("primaryButton", self.tr("Lưu cài đặt"), self.save)
        lay_out_settings_form(self, app, self.tr("Kỳ báo cáo định kỳ"), self.form, self.save_button)
        self.cutoff.currentIndexChanged.connect(lambda _i: self._show_day())
        services, actor = app.services, app.actor
        app.tasks.read(
            lambda: reports.get_report_settings(services, actor), self.show_settings, owner=self
        )

    def _show_day(self) -> None:
        self.form.set_field_visible("start_day", self.settings().cutoff is CutoffMode.REPORTING)

    def show_settings(self, settings: ReportSettings) -> None:
        self.cutoff.setCurrentIndex(self.cutoff.findData(settings.cutoff.value))
        self.start_day.setValue(settings.start_day)
        self._show_day()

    def settings(self) -> ReportSettings:
        mode = CutoffMode(self.cutoff.currentData())
        return ReportSettings(cutoff=mode, start_day=self.start_day.value())

    def save(self) -> None:
        chosen = self.settings()
        services, actor = self._app.services, self._app.actor
        self._app.tasks.write(
            lambda: reports.update_report_settings(services, actor, chosen),
            lambda _saved: show_info(
                self, self.tr("Đã lưu"), self.tr("Kỳ báo cáo mới có hiệu lực cho các báo cáo.")
            ),
            lambda error: show_form_failure(self, self.form, error),
            changes={"reports"},
            owner=self,
        )
