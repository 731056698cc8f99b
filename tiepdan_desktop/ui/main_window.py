"""The main window: navigation on the left, one page at a time on the right.

A page is built (and its module imported) the first time it is shown: the
window opens with the one screen the official sees, and each other screen
reads its register when it is first asked for."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.overview_records import TodaySummary, WorkList
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import IntegrityReport, UnitInfo
from tiepdan_desktop.resources import resource_path
from tiepdan_desktop.services import backups, maintenance, overview, vault
from tiepdan_desktop.services.vault import VaultStatus
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.about import AboutDialog
from tiepdan_desktop.ui.dialogs.change_password import ChangePasswordDialog
from tiepdan_desktop.ui.dialogs.deadline_calculator import DeadlineCalculatorDialog
from tiepdan_desktop.ui.dialogs.restore_dialog import RestoreDialog
from tiepdan_desktop.ui.dialogs.start_summary import StartSummaryDialog
from tiepdan_desktop.ui.dialogs.vault_dialog import VaultDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.messages import show_info, show_warning
from tiepdan_desktop.ui.pages.catalogue import SCREENS, Screen

if TYPE_CHECKING:
    from tiepdan_desktop.ui.pages.letters_page import LettersPage
    from tiepdan_desktop.ui.pages.overview_page import OverviewPage
    from tiepdan_desktop.ui.pages.reception_page import ReceptionPage
    from tiepdan_desktop.ui.pages.reports_page import ReportsPage
    from tiepdan_desktop.ui.pages.resolution_page import ResolutionPage
    from tiepdan_desktop.ui.pages.settings.settings_page import SettingsPage

GEOMETRY_KEY = "main_window/geometry"
WINDOW_STATE_KEY = "main_window/state"
SCREEN_KEY = "main_window/screen"
# Every kind of record, for "refresh everything" (F5).
ALL_KINDS = frozenset(
    {"unit", "users", "visits", "letters", "cases", "calendar", "deadline_settings"}
)


class MainWindow(QMainWindow):
    logout_requested = Signal()
    closed = Signal()
    # A backup folder to put in place of the database (the controller does it).
    restore_requested = Signal(Path)

    def __init__(self, app: AppContext, unit: UnitInfo | None, data_root: str) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._app, self._unit, self._data_root = app, unit, data_root
        self.setWindowTitle(f"Tiếp công dân – {unit.name}" if unit else "Tiếp công dân")
        self.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
        self.setMinimumSize(980, 620)
        self.resize(1280, 800)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Các màn hình"))
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setSpacing(2)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.settings_page: SettingsPage | None = None
        self.reception_page: ReceptionPage | None = None
        self.letters_page: LettersPage | None = None
        self.overview_page: OverviewPage | None = None
        self.resolution_page: ResolutionPage | None = None
        self.reports_page: ReportsPage | None = None
        self.calculator: DeadlineCalculatorDialog | None = None
        self.start_summary: StartSummaryDialog | None = None
        self._screen_keys: list[str] = []
        self._built: set[str] = set()
        for screen in SCREENS:
            self._add_screen(screen)
        self.navigation.currentRowChanged.connect(self._show_page)

        self.setCentralWidget(self._layout())
        self._build_menus()
        self._build_status_bar()
        self._restore_state()

    # --- construction ----------------------------------------------------------------

    def _page_for(self, screen: Screen) -> QWidget:
        # Imported here: each screen's module loads when the screen is first shown.
        from tiepdan_desktop.ui.pages.letters_page import LettersPage
        from tiepdan_desktop.ui.pages.overview_page import OverviewPage
        from tiepdan_desktop.ui.pages.reception_page import ReceptionPage
        from tiepdan_desktop.ui.pages.reports_page import ReportsPage
        from tiepdan_desktop.ui.pages.resolution_page import ResolutionPage
        from tiepdan_desktop.ui.pages.settings.settings_page import SettingsPage

        if screen.key == "overview":
            self.overview_page = OverviewPage(self._app, screen)
            self.overview_page.open_record.connect(self.open_record)
            return self.overview_page
        if screen.key == "resolution":
            self.resolution_page = ResolutionPage(self._app, screen)
            return self.resolution_page
        if screen.key == "reception":
            self.reception_page = ReceptionPage(self._app, screen)
            return self.reception_page
        if screen.key == "letters":
            self.letters_page = LettersPage(self._app, screen)
            self.letters_page.open_case.connect(lambda case_id: self.open_record("case", case_id))
            return self.letters_page
        if screen.key == "reports":
            self.reports_page = ReportsPage(self._app, screen)
            return self.reports_page
        if screen.key == "settings":
            self.settings_page = SettingsPage(self._app, screen)
            return self.settings_page
        raise ValueError(f"No page for screen {screen.key!r}")

    def _add_screen(self, screen: Screen) -> None:
        item = QListWidgetItem(QIcon(str(resource_path("icons", screen.icon))), screen.title)
        item.setData(Qt.ItemDataRole.UserRole, screen.key)
        item.setSizeHint(QSize(0, 42))
        self.navigation.addItem(item)
        self.pages.addWidget(QWidget())  # stands in until the screen is first shown
        self._screen_keys.append(screen.key)

    def _show_page(self, row: int) -> None:
        key = self._screen_keys[row]
        if key not in self._built:
            page = self._page_for(SCREENS[row])  # built again next time if this fails
            self._built.add(key)
            stand_in = self.pages.widget(row)
            self.pages.insertWidget(row, page)
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
        self.pages.setCurrentIndex(row)

    def _layout(self) -> QWidget:
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(236)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        brand = QLabel(self.tr("TIẾP CÔNG DÂN"))
        brand.setObjectName("brandTitle")
        unit_label = QLabel(self._unit.name if self._unit else "")
        unit_label.setObjectName("brandUnit")
        unit_label.setWordWrap(True)
        side.addWidget(brand)
        side.addWidget(unit_label)
        side.addWidget(self.navigation, 1)
        area = QWidget()
        area.setObjectName("pageArea")
        area_layout = QVBoxLayout(area)
        area_layout.setContentsMargins(0, 0, 0, 0)
        area_layout.addWidget(self.pages)
        root = QWidget()
        row = QHBoxLayout(root)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(area, 1)
        return root

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Tệp"))
        new_visit = self._action(self.tr("Ghi lượt tiếp công dân…"), self.new_visit, "Ctrl+N")
        new_visit.setEnabled(self._app.can(Permission.EDIT_REGISTERS))
        file_menu.addAction(new_visit)
        new_letter = self._action(self.tr("Vào sổ đơn…"), self.new_letter, "Ctrl+Shift+N")
        new_letter.setEnabled(self._app.can(Permission.EDIT_REGISTERS))
        file_menu.addAction(new_letter)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Đổi &mật khẩu…"), self.change_password))
        file_menu.addAction(self._action(self.tr("Đăng &xuất"), self.logout, "Ctrl+L"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("T&hoát"), self.close, "Ctrl+Q"))

        view_menu = bar.addMenu(self.tr("&Xem"))
        for row, screen in enumerate(SCREENS):
            view_menu.addAction(
                self._action(
                    screen.title, lambda _=False, r=row: self.show_row(r), f"Ctrl+{row + 1}"
                )
            )
        view_menu.addSeparator()
        view_menu.addAction(self._action(self.tr("&Làm mới"), self.refresh_all, "F5"))

        tools_menu = bar.addMenu(self.tr("&Công cụ"))
        calculator = self._action(
            self.tr("Tính &thời hạn…"), self.show_deadline_calculator, "Ctrl+T"
        )
        calculator.setEnabled(self._app.can(Permission.VIEW_REGISTERS))
        tools_menu.addAction(calculator)
        tools_menu.addSeparator()
        check = self._action(self.tr("&Kiểm tra cơ sở dữ liệu"), self.check_database)
        check.setEnabled(self._app.can(Permission.MAINTAIN))
        tools_menu.addAction(check)
        for text, slot in (
            (self.tr("&Sao lưu ngay"), self.backup_now),
            (self.tr("Sao lưu ra thư mục khác (ổ &USB)…"), self.backup_elsewhere),
            (self.tr("&Khôi phục từ bản sao lưu…"), self.restore_from_backup),
        ):
            action = self._action(text, slot)
            action.setEnabled(self._app.can(Permission.MAINTAIN))
            tools_menu.addAction(action)
        tools_menu.addAction(self._action(self.tr("Mở &thư mục dữ liệu"), self.open_data_folder))
        tools_menu.addSeparator()
        vault_action = self._action(self.tr("Két &bảo mật người tố cáo…"), self.open_vault)
        vault_action.setEnabled(self._app.can(Permission.VIEW_REGISTERS))
        tools_menu.addAction(vault_action)

        help_menu = bar.addMenu(self.tr("Trợ &giúp"))
        help_menu.addAction(self._action(self.tr("&Giới thiệu"), self.show_about, "F1"))

    def _build_status_bar(self) -> None:
        actor = self._app.actor
        status = self.statusBar()
        self.unit_status = QLabel(self._unit.name if self._unit else "")
        self.user_status = QLabel(f"{actor.full_name} ({actor.role.label})")
        self.database_status = QLabel(self.tr("CSDL: {0}").format(self._app.database_description))
        for name, label in (
            ("unitStatus", self.unit_status),
            ("userStatus", self.user_status),
            ("databaseStatus", self.database_status),
        ):
            label.setObjectName(name)
            status.addPermanentWidget(label)

    # --- actions ---------------------------------------------------------------------

    def show_row(self, row: int) -> None:
        if self.navigation.currentRow() == row:  # no change signalled: show it all the same
            self._show_page(row)
        self.navigation.setCurrentRow(row)

    def show_screen(self, key: str) -> None:
        self.show_row(self._screen_keys.index(key))

    def current_screen(self) -> str:
        return self._screen_keys[self.navigation.currentRow()]

    def refresh_all(self) -> None:
        self._app.tasks.notify_changed(ALL_KINDS)

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self._app.services, self._app.actor, self._app.tasks, self)
        if dialog.exec():
            show_info(self, self.tr("Đã đổi mật khẩu"), self.tr("Mật khẩu mới đã có hiệu lực."))

    def logout(self) -> None:
        self.logout_requested.emit()

    # --- backups -------------------------------------------------------------------------

    def backup_now(self, also_to: Path | None = None) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: backups.backup_now(services, actor, also_to),
            lambda info: show_info(
                self,
                self.tr("Đã sao lưu"),
                self.tr("Đã sao lưu và kiểm tra lại bản sao: {0}\n{1}").format(
                    info.folder, info.describe()
                )
                + (self.tr("\nĐã chép thêm vào {0}.").format(also_to) if also_to else ""),
            ),
            lambda error: show_failure(self, error, self.tr("Không sao lưu được")),
            owner=self,
        )

    def backup_elsewhere(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Chép bản sao lưu vào thư mục"))
        if name:
            self.backup_now(Path(name))

    def open_vault(self) -> None:
        VaultDialog(self._app, self._unit.name if self._unit else "", self).exec()

    def restore_from_backup(self) -> None:
        dialog = RestoreDialog(self._app, self)
        dialog.restore_chosen.connect(self.restore_requested.emit)
        dialog.exec()

    def new_visit(self) -> None:
        """Ctrl+N from anywhere: the reception register, and a new visit in it."""
        self.show_screen("reception")
        if self.reception_page is not None:
            self.reception_page.new_visit()

    def new_letter(self) -> None:
        """Ctrl+Shift+N from anywhere: the letter register, and a new letter in it."""
        self.show_screen("letters")
        if self.letters_page is not None:
            self.letters_page.new_letter()

    def open_record(self, kind: str, record_id: uuid.UUID) -> None:
        """A letter or a matter chosen on the home page, opened on its own screen."""
        if kind == "case":
            self.show_screen("resolution")
            if self.resolution_page is not None:
                self.resolution_page.open_case(record_id)
        elif kind == "letter":
            self.show_screen("letters")
            if self.letters_page is not None:
                self.letters_page.open_letter(record_id)

    def show_start_summary(self) -> None:
        """At start-up: what is overdue or due today, if anything (not modal); for
        the chairman of a register without its vault, the vault first."""
        if not self._app.can(Permission.VIEW_REGISTERS):
            return
        services, actor = self._app.services, self._app.actor
        if self._app.can(Permission.DECIDE):  # the chairman sets the vault up
            self._app.tasks.read(
                lambda: vault.vault_status(services, actor), self._vault_checked, owner=self
            )
        overview_page = self.overview_page
        if overview_page is not None:  # shown first: its own reading of today's work serves
            if overview_page.loaded is not None:
                self._summary_arrived(overview_page.loaded)
            else:
                overview_page.summary_loaded.connect(self._first_summary)
            return
        self._app.tasks.read(
            lambda: overview.today_summary(services, actor), self._summary_arrived, owner=self
        )

    def _first_summary(self, summary: TodaySummary) -> None:
        if self.overview_page is not None:
            self.overview_page.summary_loaded.disconnect(self._first_summary)
        self._summary_arrived(summary)

    def _vault_checked(self, status: VaultStatus) -> None:
        if not status.exists:  # window-modal, not blocking: the register loads meanwhile
            self.vault_dialog = VaultDialog(self._app, self._unit.name if self._unit else "", self)
            self.vault_dialog.open()

    def _summary_arrived(self, summary: TodaySummary) -> None:
        if summary.count(WorkList.OVERDUE) or summary.count(WorkList.DUE_TODAY):
            self.start_summary = StartSummaryDialog(summary, self)
            self.start_summary.show_list.connect(self._show_work_list)
            self.start_summary.show()

    def _show_work_list(self, which: WorkList) -> None:
        self.show_screen("overview")
        if self.overview_page is not None:
            self.overview_page.choose(which)

    def show_deadline_calculator(self) -> None:
        """One calculator, left open beside the registers while the official works."""
        if self.calculator is None:
            self.calculator = DeadlineCalculatorDialog(self._app, self)
        self.calculator.show()
        self.calculator.raise_()
        self.calculator.activateWindow()

    def check_database(self) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: maintenance.check_integrity(services, actor),
            self._show_integrity,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def _show_integrity(self, report: IntegrityReport) -> None:
        if report.ok:
            show_info(
                self,
                self.tr("Kiểm tra cơ sở dữ liệu"),
                self.tr("Cơ sở dữ liệu toàn vẹn. Đã kiểm tra: {0}.").format(
                    ", ".join(report.checks)
                ),
            )
        else:
            show_warning(self, self.tr("Kiểm tra cơ sở dữ liệu"), "\n".join(report.problems))

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self._data_root))

    def show_about(self) -> None:
        AboutDialog(self._unit, self._data_root, self._app.database_description, self).exec()

    # --- state -----------------------------------------------------------------------

    def _restore_state(self) -> None:
        state = self._app.ui_state
        if (geometry := state.load_bytes(GEOMETRY_KEY)) is not None:
            self.restoreGeometry(geometry)
        if (window_state := state.load_bytes(WINDOW_STATE_KEY)) is not None:
            self.restoreState(window_state)
        key = state.load_text(SCREEN_KEY, "overview")
        self.show_screen(key if key in self._screen_keys else "overview")

    def save_state(self) -> None:
        state = self._app.ui_state
        state.save_bytes(GEOMETRY_KEY, self.saveGeometry())
        state.save_bytes(WINDOW_STATE_KEY, self.saveState())
        state.save_text(SCREEN_KEY, self.current_screen())
        if self.settings_page is not None:
            self.settings_page.save_state()
        if self.reception_page is not None:
            self.reception_page.save_state()
        state.sync()

    @property
    def actor(self) -> Actor:
        return self._app.actor

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self._app.tasks.wait_until_idle()
        super().closeEvent(event)
        self.closed.emit()
