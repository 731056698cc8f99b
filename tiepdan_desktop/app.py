"""Composition root of the GUI: application → fonts and language → storage →
first-run wizard or sign-in → main window.  The one place that wires layers."""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.exc import DatabaseError, OperationalError

from tiepdan_desktop import APP_NAME, __version__
from tiepdan_desktop.db.backup import sqlite_problems
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import DomainError
from tiepdan_desktop.domain.records import UserInfo
from tiepdan_desktop.instance_lock import InstanceLock
from tiepdan_desktop.logs import configure_logging
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.resources import resource_path
from tiepdan_desktop.services import accounts, backups, calendar, setup
from tiepdan_desktop.services.backups import BackupInfo, BackupKind
from tiepdan_desktop.storage import Storage, open_storage
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.change_password import ChangePasswordDialog
from tiepdan_desktop.ui.dialogs.lock_dialog import LockDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.fonts import apply_application_font
from tiepdan_desktop.ui.formatting import VIETNAMESE
from tiepdan_desktop.ui.garbage_collector import GuiThreadGarbageCollector
from tiepdan_desktop.ui.idle_lock import IdleWatcher
from tiepdan_desktop.ui.login_dialog import LoginDialog
from tiepdan_desktop.ui.messages import confirm, show_error, show_info
from tiepdan_desktop.ui.qt_vietnamese import install_qt_vietnamese
from tiepdan_desktop.ui.setup_wizard import SetupWizard
from tiepdan_desktop.ui.tasks import TaskRunner
from tiepdan_desktop.ui.theme import STYLE_SHEET
from tiepdan_desktop.ui.ui_state import UiState

if TYPE_CHECKING:
    from tiepdan_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _load_main_window() -> type[MainWindow]:
    """The main window's module (and its first screen's), imported when needed:
    the sign-in appears without waiting for them, and they load while the
    password is typed or checked (_preload_main_window)."""
    from tiepdan_desktop.ui.main_window import MainWindow

    return MainWindow


def _preload_main_window() -> None:
    _load_main_window()
    import tiepdan_desktop.ui.pages.overview_page  # noqa: F401  (the screen shown first)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TiepDan")
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
    QLocale.setDefault(VIETNAMESE)
    install_qt_vietnamese(app)
    apply_application_font(app)
    app.setStyleSheet(STYLE_SHEET)
    if app.findChild(GuiThreadGarbageCollector) is None:
        GuiThreadGarbageCollector(app)
    return app


@dataclass(frozen=True)
class Automation:
    """Test-only (the benchmark): sign in as `username` without the dialog, the
    password checked as any sign-in, then let `probe` watch the main window."""

    username: str
    password: str
    probe: str | None = None


class SessionController(QObject):
    """Walks the official through setup or sign-in to the main window, and back on logout."""

    def __init__(
        self,
        storage: Storage,
        finish: Callable[[], None] = lambda: QApplication.exit(0),
        parent: QObject | None = None,
        automation: Automation | None = None,
    ) -> None:
        """`finish` ends the application once the official is done (the event loop
        is left; windows are already closed, as quit() would do again)."""
        super().__init__(parent)
        self.storage = storage
        self._finish = finish
        self._automation = automation
        self.services = storage.context()
        self.tasks = TaskRunner(lambda error: show_failure(None, error), self)
        self.ui_state = UiState(storage.paths.ui_state)
        self.window: MainWindow | None = None
        # The wizard or login dialog on screen, if any (kept so it stays alive).
        self.dialog: QObject | None = None
        self.idle: IdleWatcher | None = None
        # The windows a screen lock hid (the main window, any dialog open on it).
        self._hidden: list[QWidget] = []

    def start(self) -> None:
        # Windows come and go between sign-in and the main window; the application
        # ends when the official says so, not when no window happens to be open.
        QApplication.setQuitOnLastWindowClosed(False)
        if setup.is_initialized(self.services):
            # Offices set up before the calendar existed, or opening in a new year,
            # get the default holidays of the years around today (never overwriting
            # their own entries) while the official signs in.
            self.tasks.write(
                lambda: calendar.ensure_calendar(self.services),
                lambda _added: None,
                # Not worth a box over the sign-in: the calendar tab and the
                # provisional marks on deadlines say what is missing.
                lambda error: log.warning("Could not add the default calendar", exc_info=error),
                changes={"calendar"},
            )
            if self._automation is not None:
                self._sign_in_automatically(self._automation)
                return
            self.show_login()
            # The main window's modules load once the sign-in is on screen.
            QTimer.singleShot(0, _preload_main_window)
        else:
            wizard = SetupWizard(self.services, self.tasks)
            wizard.completed.connect(self.open_main_window)
            wizard.saved_without_sign_in.connect(self.show_login)
            wizard.restore_requested.connect(self.restore)
            wizard.rejected.connect(lambda: self._finish())
            self.dialog = wizard
            wizard.show()

    def _sign_in_automatically(self, automation: Automation) -> None:
        """The password is checked in a worker (argon2 leaves the interpreter free)
        while this thread loads the main window's modules."""

        def refused(error: BaseException) -> None:
            message = error.message if isinstance(error, DomainError) else str(error)
            print(f"Lỗi: {message}", file=sys.stderr)
            QApplication.exit(1)

        services = self.services
        self.tasks.read(
            lambda: accounts.authenticate(services, automation.username, automation.password),
            self._signed_in,
            refused,
        )
        _preload_main_window()

    def show_login(self, username: str = "") -> None:
        unit = setup.get_unit(self.services)
        dialog = LoginDialog(
            self.services, self.tasks, unit, username=username or self._last_user()
        )
        dialog.signed_in.connect(self._signed_in)
        dialog.rejected.connect(lambda: self._finish())
        self.dialog = dialog
        dialog.show()

    def _last_user(self) -> str:
        return self.ui_state.load_text("login/last_username")

    def _signed_in(self, actor: Actor) -> None:
        self.ui_state.save_text("login/last_username", actor.username)
        self.tasks.read(
            lambda: accounts.my_account(self.services, actor),
            lambda account: self._require_own_password(actor, account),
        )

    def _require_own_password(self, actor: Actor, account: UserInfo) -> None:
        if account.must_change_password:
            dialog = ChangePasswordDialog(self.services, actor, self.tasks, forced=True)
            if not dialog.exec():
                self.show_login(actor.username)
                return
        self.open_main_window(actor)

    def open_main_window(self, actor: Actor) -> None:
        context = AppContext(
            self.services, actor, self.tasks, self.ui_state, self.storage.describe()
        )
        self.window = _load_main_window()(
            context, setup.get_unit(self.services), str(self.storage.paths.root)
        )
        self.window.logout_requested.connect(self.logout)
        self.window.restore_requested.connect(self.restore)
        self.window.closed.connect(self._window_closed)
        self.dialog = None
        self.window.show()
        self.window.show_start_summary()
        self._watch_idle(context)
        if self._automation is not None and self._automation.probe:
            from tiepdan_desktop.bench.probe import attach

            attach(self._automation.probe, self.window, self.tasks)

    def _watch_idle(self, context: AppContext) -> None:
        self._stop_watching()
        try:
            minutes = accounts.idle_lock_minutes(self.services, context.actor)
        except DomainError:
            minutes = accounts.IDLE_LOCK_DEFAULT
        if minutes <= 0:
            return
        self.idle = IdleWatcher(minutes * 60_000, self)
        self.idle.idle.connect(lambda: self.lock_screen(context, minutes))
        self.idle.start()

    def _stop_watching(self) -> None:
        if self.idle is not None:
            self.idle.dispose()
            self.idle = None

    def lock_screen(self, context: AppContext, minutes: int) -> None:
        """Hide the registers until the official's password is typed again."""
        if self.window is None or self.idle is None:
            return
        self.idle.stop()
        # Every window goes, the dialogs open over the main one too: they show
        # records, and a modal one left visible would keep the lock from input.
        self._hidden = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
        for widget in self._hidden:
            widget.hide()
        dialog = LockDialog(context, minutes)
        dialog.unlocked.connect(self._unlocked)
        dialog.logout_requested.connect(self.logout)
        self.dialog = dialog
        dialog.show()

    def _unlocked(self) -> None:
        self.dialog = None
        hidden, self._hidden = self._hidden, []
        for widget in hidden:  # as they were, what was typed in them included
            try:
                widget.show()
            except RuntimeError:  # closed meanwhile by its own code
                continue
        if self.window is not None:
            self.window.activateWindow()
        if self.idle is not None:
            self.idle.start()

    def _window_closed(self) -> None:
        if self.window is not None:  # closed by the official, not by logging out
            self._finish()

    def restore(self, folder: Path) -> None:
        """Put a backup in place of the database: the window and the database are
        closed, the backup restored (the current data kept as a backup first), the
        database opened again, and the official signs in anew."""
        self._stop_watching()
        window, self.window = self.window, None
        if window is not None:
            window.close()
            window.deleteLater()
        self.tasks.wait_until_idle()
        paths = self.storage.paths
        self.storage.close()
        try:
            result = backups.restore_backup(paths, folder)
        except (DomainError, OSError) as error:
            log.exception("Restore failed")
            show_failure(None, error, "Không khôi phục được")
        else:
            kept = f"\nDữ liệu trước đó được giữ tại: {result.previous}" if result.previous else ""
            show_info(
                None,
                "Đã khôi phục",
                f"Đã khôi phục bản sao lưu {result.restored.describe()}.{kept}",
            )
        try:
            self.storage = open_storage(paths)
        except (DomainError, OperationalError, DatabaseError, OSError) as error:
            log.exception("Could not reopen the database after a restore")
            show_failure(None, error, "Không mở lại được dữ liệu")
            self._finish()
            return
        self.services = self.storage.context()
        # Signing in, or the first-run wizard again if nothing was restored
        # into a new PC's empty data.
        self.start()

    def logout(self) -> None:
        self._stop_watching()
        window, self.window = self.window, None
        self.show_login(window.actor.username if window else "")
        if window is not None:
            window.close()
            window.deleteLater()


def _install_exception_hooks(log_file: Path | None) -> None:
    """Never a traceback in front of an official: log it, show a plain message."""

    def on_gui_error(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        log.critical("Unhandled error", exc_info=(kind, error, trace))
        details = "".join(traceback.format_exception(kind, error, trace))
        where = f" Nhật ký: {log_file}" if log_file else ""
        show_error(
            None,
            "Lỗi không mong đợi",
            "Chương trình gặp lỗi nhưng vẫn chạy tiếp. Dữ liệu đã lưu không bị ảnh hưởng." + where,
            details,
        )

    def on_thread_error(hook: threading.ExceptHookArgs) -> None:
        log.critical(
            "Unhandled error in a thread",
            exc_info=(hook.exc_type, hook.exc_value, hook.exc_traceback),
        )

    sys.excepthook = on_gui_error
    threading.excepthook = on_thread_error


def run_gui(paths: DataPaths, db_url: str | None, automation: Automation | None = None) -> int:
    app = create_application()
    log_file = configure_logging(paths)
    _install_exception_hooks(log_file)
    log.info("Starting %s %s with data in %s", APP_NAME, __version__, paths.root)
    lock = InstanceLock(paths.root)
    if not lock.acquire():
        show_error(
            None,
            "Chương trình đang mở",
            "Chương trình đang mở với thư mục dữ liệu này (ở một cửa sổ khác hoặc do người "
            f"dùng khác trên máy này): {paths.root}. Hãy dùng cửa sổ đang mở.",
        )
        return 1
    try:
        return _run_signed_in(app, paths, db_url, automation)
    finally:
        lock.release()


def _open_or_offer_restore(paths: DataPaths, db_url: str | None) -> Storage | None:
    """The storage; when the database file is damaged, the newest good backup is
    offered, restored (the damaged file kept aside) and opened instead."""
    try:
        return open_storage(paths, db_url)
    except (DomainError, OperationalError, DatabaseError, OSError) as error:
        log.exception("Could not open the database")
        message = error.message if isinstance(error, DomainError) else str(error)
    damaged = db_url is None and paths.database.exists() and bool(sqlite_problems(paths.database))
    good = backups.newest_good_backup(paths) if damaged else None
    if good is None:
        show_error(None, "Không mở được dữ liệu", message)
        return None
    question = (
        "Tệp dữ liệu bị hỏng, chương trình không mở được.\n\n"
        f"Bản sao lưu mới nhất còn tốt: {good.describe()}.\n\n"
        "Khôi phục từ bản sao lưu này? Tệp bị hỏng được giữ lại trong thư mục sao lưu; "
        "những gì ghi sau thời điểm sao lưu sẽ cần nhập lại."
    )
    if not confirm(None, "Dữ liệu bị hỏng", question, yes="Khôi phục"):
        return None
    try:
        result = backups.restore_backup(paths, good.folder)
        log.info("Restored %s after a damaged database", result.restored.folder)
        return open_storage(paths, db_url)
    except (DomainError, OperationalError, DatabaseError, OSError) as error:
        log.exception("Restore failed")
        show_error(None, "Không khôi phục được", str(error))
        return None


def _run_signed_in(
    app: QApplication, paths: DataPaths, db_url: str | None, automation: Automation | None
) -> int:
    storage = _open_or_offer_restore(paths, db_url)
    if storage is None:
        return 1
    controller = SessionController(storage, automation=automation)
    controller.start()
    if db_url is None:
        _daily_backup(paths, controller)
    code = app.exec()
    controller.tasks.wait_until_idle()
    controller.storage.close()  # the one open now (a restore replaces it)
    if db_url is None:
        _backup_on_exit(paths)
    collector = app.findChild(GuiThreadGarbageCollector)
    if collector is not None:
        collector.stop()  # no worker threads any more: Python may collect as usual
    return code


def _daily_backup(paths: DataPaths, controller: SessionController) -> None:
    """Once a day, in the background, a verified backup (rotated 7/4/12)."""

    def done(info: BackupInfo | None) -> None:
        if info is not None:
            log.info("Daily backup written and verified: %s", info.folder)

    controller.tasks.read(
        lambda: backups.automatic_backup(paths, BackupKind.DAILY),
        done,
        lambda error: log.error("Daily backup failed", exc_info=error),
    )


def _backup_on_exit(paths: DataPaths) -> None:
    """A backup each time the program closes (the database is no longer in use)."""
    try:
        info = backups.automatic_backup(paths, BackupKind.ON_EXIT)
    except Exception:
        log.exception("Backup on exit failed")
        show_error(
            None,
            "Chưa sao lưu được",
            "Chương trình chưa sao lưu được dữ liệu khi đóng (ổ đĩa đầy hoặc không ghi được). "
            "Dữ liệu đã lưu không bị ảnh hưởng; hãy sao lưu bằng tay khi có thể.",
        )
        return
    if info is not None:
        log.info("Backup on exit written and verified: %s", info.folder)


def build_window_offscreen(storage: Storage, actor: Actor) -> None:
    """Self-test: build the real main window without showing it to anyone."""
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_application()
    controller = SessionController(storage)
    controller.open_main_window(actor)
    window = controller.window
    assert window is not None
    seen: list[bool] = []

    def inspect_and_leave() -> None:
        controller.tasks.wait_until_idle()
        seen.append(window.isVisible() and window.width() > 0)
        app.exit(0)  # leaves the loop; quit() would close the window first

    QTimer.singleShot(300, inspect_and_leave)
    app.exec()
    app.processEvents()
    window.close()
    window.deleteLater()
    app.processEvents()
    if seen != [True]:
        raise RuntimeError("Cửa sổ chính không hiển thị được.")
