"""Starting the program: one instance per data folder, and a damaged database
that offers the newest good backup instead of a dead end."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD
from tiepdan_desktop import app as app_module
from tiepdan_desktop.db.backup import record_counts
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.instance_lock import InstanceLock
from tiepdan_desktop.services import backups
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.demo_data import generate_demo_data
from tiepdan_desktop.storage import Storage
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs import restore_dialog
from tiepdan_desktop.ui.dialogs.lock_dialog import LockDialog
from tiepdan_desktop.ui.dialogs.restore_dialog import RestoreDialog
from tiepdan_desktop.ui.login_dialog import LoginDialog


def test_a_second_instance_on_the_same_data_is_refused(
    gui: QApplication, tmp_path: Path, shown_messages: list[tuple[str, str]]
) -> None:
    from tiepdan_desktop.paths import DataPaths

    paths = DataPaths(tmp_path / "data").ensure()
    first = InstanceLock(paths.root)
    assert first.acquire()
    try:
        assert not InstanceLock(paths.root).acquire()
        assert app_module.run_gui(paths, None) == 1
        assert shown_messages[-1][0] == "Chương trình đang mở"
    finally:
        first.release()
    second = InstanceLock(paths.root)
    assert second.acquire()  # free again once the first let go
    second.release()


def _dispose(controller: app_module.SessionController) -> None:
    """What the application's end does, here and now: no window, watcher or
    dialog of this test is left to be destroyed in another test or at exit."""
    controller._stop_watching()
    for widget in (controller.window, controller.dialog):
        if isinstance(widget, QWidget):
            widget.close()
            widget.deleteLater()
    controller.window = controller.dialog = None
    controller.tasks.wait_until_idle()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    controller.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _damage(storage: Storage) -> None:
    storage.close()
    for leftover in storage.paths.root.glob("tiepdan.sqlite-*"):
        leftover.unlink()
    storage.paths.database.write_bytes(b"SQLite format 3\x00" + b"\x00\xff" * 3000)


def test_a_damaged_database_offers_the_newest_good_backup(
    gui: QApplication,
    storage: Storage,
    services: ServiceContext,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
) -> None:
    generate_demo_data(services, admin, visits=120, letters=30, seed=5)
    good = backups.make_backup(storage.paths)
    expected = record_counts(storage.paths.database)
    _damage(storage)
    asked: list[str] = []
    monkeypatch.setattr(
        app_module, "confirm", lambda _parent, _title, text, yes: asked.append(text) or True
    )
    reopened = app_module._open_or_offer_restore(storage.paths, None)
    assert reopened is not None
    reopened.close()
    assert good.describe() in asked[0]
    assert record_counts(storage.paths.database) == expected
    kept = list(storage.paths.backups.glob("tiepdan-hong-*.sqlite"))
    assert len(kept) == 1  # the damaged file, for whoever wants to look at it


def test_without_a_backup_the_damage_is_told_plainly(
    gui: QApplication,
    storage: Storage,
    services: ServiceContext,
    admin: Actor,
    shown_messages: list[tuple[str, str]],
) -> None:
    _damage(storage)
    assert app_module._open_or_offer_restore(storage.paths, None) is None
    assert shown_messages[-1][0] == "Không mở được dữ liệu"


def test_the_restore_window_lists_checks_and_hands_over_the_chosen_backup(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    storage: Storage,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = backups.make_backup(storage.paths)
    dialog = RestoreDialog(app_context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: dialog.table.item(0, 7).text() == "Tốt", timeout=5000)
    assert dialog.table.item(0, 1).text() == "Sao lưu bằng tay"
    assert dialog.restore_button.isEnabled()
    monkeypatch.setattr(restore_dialog, "confirm", lambda *_a, **_k: True)
    with qtbot.waitSignal(dialog.restore_chosen) as chosen:
        dialog.restore_button.click()
    assert chosen.args == [first.folder]


def test_the_session_controller_restores_and_asks_to_sign_in_again(
    gui: QApplication,
    storage: Storage,
    services: ServiceContext,
    admin: Actor,
    shown_messages: list[tuple[str, str]],
) -> None:
    generate_demo_data(services, admin, visits=80, letters=20, seed=6)
    before = backups.make_backup(storage.paths)
    generate_demo_data(services, admin, visits=40, letters=0, seed=7)
    controller = app_module.SessionController(storage, finish=lambda: None)
    controller.open_main_window(admin)
    controller.restore(before.folder)
    assert shown_messages[-1][0] == "Đã khôi phục"
    assert controller.window is None and isinstance(controller.dialog, LoginDialog)
    assert record_counts(controller.storage.paths.database)["visit"] == 80
    previous = [i for i in backups.list_backups(storage.paths) if i.kind == "truoc-khoi-phuc"]
    assert previous and previous[0].counts["visit"] == 120
    storage_now = controller.storage
    _dispose(controller)
    storage_now.close()


def test_an_idle_program_hides_the_registers_until_the_password_is_typed(
    gui: QApplication,
    qtbot: QtBot,
    storage: Storage,
    services: ServiceContext,
    admin: Actor,
) -> None:
    controller = app_module.SessionController(storage, finish=lambda: None)
    controller.open_main_window(admin)
    window = controller.window
    assert window is not None and controller.idle is not None
    assert controller.idle.timer.interval() == 10 * 60_000
    half_typed = QDialog(window)  # a form left open over the register
    half_typed.show()
    controller.idle.idle.emit()  # ten minutes without a key or a click
    lock = controller.dialog
    assert isinstance(lock, LockDialog) and not window.isVisible()
    assert not half_typed.isVisible()
    lock.password.setText("doan-mo")
    lock.unlock_button.click()
    qtbot.waitUntil(lambda: lock.error.text() != "", timeout=5000)
    assert "Sai tên đăng nhập hoặc mật khẩu" in lock.error.text() and not window.isVisible()
    lock.password.setText(PASSWORD)
    lock.unlock_button.click()
    qtbot.waitUntil(window.isVisible, timeout=5000)
    assert half_typed.isVisible() and controller.idle.timer.isActive()
    half_typed.close()
    controller.idle.idle.emit()
    second = controller.dialog
    assert isinstance(second, LockDialog)
    second.findChild(QPushButton, "lockLogoutButton").click()
    assert controller.window is None and isinstance(controller.dialog, LoginDialog)
    _dispose(controller)


def test_the_users_list_shows_a_temporary_lock(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, officer: Actor
) -> None:
    from tiepdan_desktop.domain.errors import AuthenticationError
    from tiepdan_desktop.services import accounts
    from tiepdan_desktop.ui.pages.settings.users_tab import UsersTab

    for _attempt in range(accounts.MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            accounts.authenticate(app_context.services, officer.username, "doan-mo")
    tab = UsersTab(app_context)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 1, timeout=5000)
    statuses = [tab.model.index(row, 3).data() for row in range(tab.model.rowCount())]
    assert any(str(status).startswith("Tạm khóa đến") for status in statuses)


def _office_backup(tmp_path: Path) -> backups.BackupInfo:
    """A backup (on a USB drive) of an office that used the program on another PC."""
    from tests.conftest import setup_request
    from tiepdan_desktop.paths import DataPaths
    from tiepdan_desktop.services import accounts, setup
    from tiepdan_desktop.storage import open_storage

    old_pc = open_storage(DataPaths(tmp_path / "may-cu").ensure())
    try:
        context = old_pc.context()
        setup.initialize(context, setup_request())
        admin = accounts.authenticate(context, "quantri", PASSWORD)
        generate_demo_data(context, admin, visits=30, letters=5, seed=3)
        return backups.make_backup(old_pc.paths, also_to=tmp_path / "usb")
    finally:
        old_pc.close()


def test_a_new_pc_restores_the_offices_backup_from_the_first_run_wizard(
    gui: QApplication,
    qtbot: QtBot,
    storage: Storage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
) -> None:
    from tiepdan_desktop.services import setup
    from tiepdan_desktop.ui import setup_wizard
    from tiepdan_desktop.ui.setup_wizard import SetupWizard

    office = _office_backup(tmp_path)
    on_usb = tmp_path / "usb" / office.folder.name
    finished: list[bool] = []
    controller = app_module.SessionController(storage, finish=lambda: finished.append(True))
    controller.start()
    wizard = controller.dialog
    assert isinstance(wizard, SetupWizard)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(on_usb))
    monkeypatch.setattr(setup_wizard, "confirm", lambda *_a, **_k: True)
    wizard.findChild(QPushButton, "restoreFromBackupButton").click()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=10_000)
    assert not finished  # the program goes on: to the sign-in
    assert shown_messages[-1][0] == "Đã khôi phục"
    assert setup.is_initialized(controller.services)
    assert record_counts(controller.storage.paths.database)["visit"] == 30
    storage_now = controller.storage
    _dispose(controller)
    storage_now.close()


def test_the_first_run_wizard_refuses_a_folder_that_is_no_backup(
    gui: QApplication,
    qtbot: QtBot,
    services: ServiceContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
) -> None:
    from tiepdan_desktop.ui.setup_wizard import SetupWizard
    from tiepdan_desktop.ui.tasks import TaskRunner

    tasks = TaskRunner(lambda error: None)
    wizard = SetupWizard(services, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    (tmp_path / "tai-lieu").mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        lambda *_a, **_k: str(tmp_path / "tai-lieu"),
    )
    with qtbot.assertNotEmitted(wizard.restore_requested):
        wizard.findChild(QPushButton, "restoreFromBackupButton").click()
        qtbot.waitUntil(lambda: bool(shown_messages), timeout=10_000)
    assert shown_messages[-1][0] in {
        "Không đọc được bản sao lưu",
        "Không dùng được bản sao lưu này",
    }
    assert wizard.isVisible()
    tasks.wait_until_idle()


def test_a_failed_restore_on_a_new_pc_returns_to_the_first_run_wizard(
    gui: QApplication,
    storage: Storage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
) -> None:
    """Nothing restored into empty data: not a sign-in with no account to use."""
    from tiepdan_desktop.ui.setup_wizard import SetupWizard

    def unplugged(_paths: object, _folder: object) -> None:
        raise backups.UnusableBackupError("Ổ USB đã bị rút ra.")

    monkeypatch.setattr(app_module.backups, "restore_backup", unplugged)
    controller = app_module.SessionController(storage, finish=lambda: None)
    controller.start()
    first = controller.dialog
    assert isinstance(first, SetupWizard)
    first.done(QDialog.DialogCode.Accepted)  # as when a backup was chosen in it
    first.deleteLater()
    controller.restore(tmp_path / "usb" / "tiepdan-20261201-080000-thu-cong")
    assert shown_messages[-1][0] == "Không khôi phục được"
    again = controller.dialog
    assert isinstance(again, SetupWizard) and again is not first and again.isVisible()
    storage_now = controller.storage
    _dispose(controller)
    storage_now.close()


def test_the_restore_window_takes_a_backup_from_another_folder(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    storage: Storage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = backups.make_backup(storage.paths, also_to=tmp_path / "usb")
    on_usb = tmp_path / "usb" / taken.folder.name
    dialog = RestoreDialog(app_context)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(on_usb))
    monkeypatch.setattr(restore_dialog, "confirm", lambda *_a, **_k: True)
    with qtbot.waitSignal(dialog.restore_chosen, timeout=10_000) as chosen:
        dialog.findChild(QPushButton, "otherBackupButton").click()
    assert chosen.args == [on_usb]
    app_context.tasks.wait_until_idle()
