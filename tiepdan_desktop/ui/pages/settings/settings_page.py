"""Danh mục & Cài đặt: the unit, accounts, catalogues, the working-day calendar,
deadline settings and the audit trail.
Tabs appear according to what the signed-in role may do."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.pages.catalogue import Screen
from tiepdan_desktop.ui.pages.settings.areas_tab import AreasTab
from tiepdan_desktop.ui.pages.settings.audit_tab import AuditTab
from tiepdan_desktop.ui.pages.settings.calendar_tab import CalendarTab
from tiepdan_desktop.ui.pages.settings.deadline_settings_tab import DeadlineSettingsTab
from tiepdan_desktop.ui.pages.settings.documents_tab import DocumentsTab
from tiepdan_desktop.ui.pages.settings.reports_tab import ReportSettingsTab
from tiepdan_desktop.ui.pages.settings.resolution_tab import ResolutionSettingsTab
from tiepdan_desktop.ui.pages.settings.unit_tab import UnitTab
from tiepdan_desktop.ui.pages.settings.users_tab import UsersTab
from tiepdan_desktop.ui.widgets.page_header import page_header


class SettingsPage(QWidget):
    def __init__(self, app: AppContext, screen: Screen) -> None:
        super().__init__()
        self.setObjectName("settingsPage")
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 22, 28, 22)
        column.addWidget(page_header(screen.title, screen.subtitle))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setAccessibleName(self.tr("Các mục cài đặt"))
        self.unit_tab = UnitTab(app)
        self.tabs.addTab(self.unit_tab, self.tr("Đơn vị"))
        self.users_tab: UsersTab | None = None
        self.audit_tab: AuditTab | None = None
        if app.can(Permission.MANAGE_USERS):
            self.users_tab = UsersTab(app)
            self.tabs.addTab(self.users_tab, self.tr("Người dùng"))
        self.calendar_tab: CalendarTab | None = None
        if app.can(Permission.VIEW_REGISTERS):
            self.tabs.addTab(AreasTab(app), self.tr("Lĩnh vực"))
            self.calendar_tab = CalendarTab(app)
            self.tabs.addTab(self.calendar_tab, self.tr("Lịch làm việc"))
            self.tabs.addTab(DeadlineSettingsTab(app), self.tr("Thời hạn"))
            self.tabs.addTab(DocumentsTab(app), self.tr("Văn bản"))
            self.tabs.addTab(ResolutionSettingsTab(app), self.tr("Giải quyết"))
            self.tabs.addTab(ReportSettingsTab(app), self.tr("Báo cáo"))
        if app.can(Permission.VIEW_AUDIT):
            self.audit_tab = AuditTab(app)
            self.tabs.addTab(self.audit_tab, self.tr("Nhật ký thao tác"))
        column.addWidget(self.tabs)

    def save_state(self) -> None:
        for tab in (self.users_tab, self.audit_tab, self.calendar_tab):
            if tab is not None:
                tab.save_state()
