"""Signing in, the forced password change, logging out and back in."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.conftest import FAST_HASHER, PASSWORD
from tests.db.test_migrations import FIXTURES
from tests.ui.conftest import settle
from tests.ui.typing import type_text
from tiepdan_desktop.app import SessionController
from tiepdan_desktop.db.models import CalendarDay
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import CalendarDayKind, Role
from tiepdan_desktop.domain.records import NewUser, UnitInfo
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services import accounts
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.storage import Storage, open_storage
from tiepdan_desktop.ui.dialogs.change_password import ChangePasswordDialog
from tiepdan_desktop.ui.login_dialog import LoginDialog
from tiepdan_desktop.ui.setup_wizard import SetupWizard
from tiepdan_desktop.ui.tasks import TaskRunner


def _login(
    qtbot: QtBot, services: ServiceContext, tasks: TaskRunner, unit: UnitInfo
) -> LoginDialog:
    dialog = LoginDialog(services, tasks, unit)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_password_is_said_next_to_the_form(
    gui: QApplication, qtbot: QtBot, services: ServiceContext, tasks: TaskRunner, unit: UnitInfo
) -> None:
    dialog = _login(qtbot, services, tasks, unit)
    type_text(dialog.username, "quantri")
    type_text(dialog.password, "sai-mật-khẩu")
    dialog.sign_in_button.click()
    settle(qtbot, tasks)
    assert dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert dialog.password.text() == "" and dialog.sign_in_button.isEnabled()


def test_empty_fields_are_caught_before_asking(
    gui: QApplication, qtbot: QtBot, services: ServiceContext, tasks: TaskRunner, unit: UnitInfo
) -> None:
    dialog = _login(qtbot, services, tasks, unit)
    dialog.sign_in_button.click()
    assert dialog.error.text() == "Hãy nhập tên đăng nhập và mật khẩu." and not tasks.busy


def test_right_password_signs_in(
    gui: QApplication, qtbot: QtBot, services: ServiceContext, tasks: TaskRunner, unit: UnitInfo
) -> None:
    dialog = _login(qtbot, services, tasks, unit)
    type_text(dialog.username, "QuanTri")
    type_text(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed_in:
        dialog.sign_in_button.click()
    assert signed_in.args[0].full_name == "Trần Thị Quản Trị"


def _controller(storage: Storage, finished: list[bool] | None = None) -> SessionController:
    record = finished if finished is not None else []
    controller = SessionController(storage, finish=lambda: record.append(True))
    controller.services.password_hasher = FAST_HASHER
    return controller


def test_first_run_starts_with_the_wizard_and_cancelling_ends_the_program(
    gui: QApplication, qtbot: QtBot, storage: Storage
) -> None:
    finished: list[bool] = []
    controller = _controller(storage, finished)
    controller.start()
    assert isinstance(controller.dialog, SetupWizard) and controller.dialog.isVisible()
    controller.dialog.close()
    assert finished == [True]


def test_closing_the_login_ends_the_program(
    gui: QApplication, qtbot: QtBot, storage: Storage, unit: UnitInfo
) -> None:
    finished: list[bool] = []
    controller = _controller(storage, finished)
    controller.start()
    assert isinstance(controller.dialog, LoginDialog)
    controller.dialog.reject()
    assert finished == [True]


def test_sign_in_open_main_window_log_out_and_back(
    gui: QApplication, qtbot: QtBot, storage: Storage, unit: UnitInfo
) -> None:
    controller = _controller(storage)
    controller.start()
    login = controller.dialog
    assert isinstance(login, LoginDialog)
    type_text(login.username, "quantri")
    type_text(login.password, PASSWORD)
    login.sign_in_button.click()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible())
    window = controller.window
    assert window is not None
    assert window.user_status.text() == "Trần Thị Quản Trị (Quản trị)"

    finished: list[bool] = []
    controller._finish = lambda: finished.append(True)
    window.logout()
    assert controller.window is None and not window.isVisible()
    assert finished == []  # logging out is not leaving
    again = controller.dialog
    assert isinstance(again, LoginDialog) and again.isVisible()
    assert again.username.text() == "quantri"  # remembered, only the password is asked
    again.close()
    controller.tasks.wait_until_idle()


def test_a_temporary_password_must_be_replaced_first(
    gui: QApplication, qtbot: QtBot, storage: Storage, admin: Actor, monkeypatch: object
) -> None:
    controller = _controller(storage)
    accounts.create_user(
        controller.services, admin, NewUser("canbo.moi", "Lê Thị Mới", Role.OFFICER, PASSWORD)
    )
    asked: list[bool] = []

    def answer(dialog: ChangePasswordDialog) -> int:
        asked.append(True)
        type_text(dialog.current, PASSWORD)
        type_text(dialog.new, "Mua-xuan-2027")
        type_text(dialog.confirm, "Mua-xuan-2027")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10_000)
        return 1

    monkeypatch.setattr(ChangePasswordDialog, "exec", answer)  # type: ignore[attr-defined]
    officer = accounts.authenticate(controller.services, "canbo.moi", PASSWORD)
    controller._signed_in(officer)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    assert asked == [True]
    assert not accounts.my_account(controller.services, officer).must_change_password
    assert controller.window is not None
    controller.window.close()
    controller.tasks.wait_until_idle()


def test_an_office_set_up_before_the_calendar_gets_one_at_start(
    gui: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    paths = DataPaths(tmp_path / "office").ensure()
    shutil.copy(FIXTURES / "schema-0001.sqlite", paths.database)
    storage = open_storage(paths)
    try:
        count_days = select(func.count()).select_from(CalendarDay)
        with storage.context().sessions.reading() as session:
            assert session.scalar(count_days) == 0
        controller = _controller(storage)
        controller.services.clock = lambda: dt.datetime(2026, 11, 25, 9, 0)
        controller.start()
        assert isinstance(controller.dialog, LoginDialog)  # nobody waits for the seeding
        controller.tasks.wait_until_idle()
        qtbot.waitUntil(lambda: not controller.tasks.busy)
        with controller.services.sessions.reading() as session:
            tet_2026 = session.get(CalendarDay, dt.date(2026, 2, 17))
            assert session.scalar(count_days) > 40
        assert tet_2026 is not None and tet_2026.kind is CalendarDayKind.PUBLIC_HOLIDAY
        controller.dialog.close()
    finally:
        storage.close()
