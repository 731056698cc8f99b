from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tests.ui.typing import type_text
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.services import setup
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.ui.setup_wizard import SetupWizard
from tiepdan_desktop.ui.tasks import TaskRunner


def _wizard(qtbot: QtBot, services: ServiceContext, tasks: TaskRunner) -> SetupWizard:
    wizard = SetupWizard(services, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _choose(combo_line_edit: object, qtbot: QtBot, words: str) -> None:
    type_text(combo_line_edit, words)  # type: ignore[arg-type]
    qtbot.keyClick(combo_line_edit, Qt.Key.Key_Return)  # type: ignore[arg-type]


def test_a_first_run_from_start_to_signed_in(
    gui: QApplication, qtbot: QtBot, services: ServiceContext, tasks: TaskRunner
) -> None:
    wizard = _wizard(qtbot, services, tasks)
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Tiếp theo >"
    wizard.next()
    unit_page = wizard.unit_page
    _choose(unit_page.province.lineEdit(), qtbot, "ho chi minh")
    assert unit_page.province.currentText() == "Thành phố Hồ Chí Minh"
    _choose(unit_page.ward.lineEdit(), qtbot, "ben thanh")
    assert unit_page.ward.currentText() == "Phường Bến Thành"
    assert unit_page.unit_name.text() == "UBND phường Bến Thành"  # suggested from the ward
    type_text(unit_page.chairman, "Nguyễn Văn Thành")
    wizard.next()
    admin_page = wizard.admin_page
    assert wizard.currentPage() is admin_page
    type_text(admin_page.full_name, "Trần Thị Quản Trị")
    type_text(admin_page.username, "quantri")
    type_text(admin_page.password, "Mùa-thu-2026")
    type_text(admin_page.confirm, "Mùa-thu-2026")
    wizard.next()
    summary = wizard.currentPage().findChild(object, "setupSummary")
    assert "Phường Bến Thành, Thành phố Hồ Chí Minh" in summary.text()  # type: ignore[union-attr]

    with qtbot.waitSignal(wizard.completed, timeout=10_000) as signed_in:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    actor = signed_in.args[0]
    assert isinstance(actor, Actor) and actor.role is Role.ADMIN
    unit = setup.get_unit(services)
    assert unit is not None and unit.chairman_name == "Nguyễn Văn Thành"


def test_the_unit_page_says_what_is_missing(
    gui: QApplication, qtbot: QtBot, services: ServiceContext, tasks: TaskRunner
) -> None:
    wizard = _wizard(qtbot, services, tasks)
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.unit_page
    form = wizard.unit_page.form
    assert form.error_text("province_code") == "Hãy chọn tỉnh/thành phố trong danh sách."
    assert form.error_text("chairman_name") == "Hãy nhập họ tên Chủ tịch UBND."


def test_passwords_must_match_and_be_strong(
    gui: QApplication, qtbot: QtBot, services: ServiceContext, tasks: TaskRunner
) -> None:
    wizard = _wizard(qtbot, services, tasks)
    page = wizard.admin_page
    type_text(page.full_name, "Lê Văn Quản")
    type_text(page.username, "quantri")
    type_text(page.password, "12345678")
    assert not page.validatePage()
    assert "dễ đoán" in page.form.error_text("admin_password")
    page.password.clear()
    type_text(page.password, "Mùa-thu-2026")
    type_text(page.confirm, "Mùa-thu-2025")
    assert not page.validatePage()
    assert page.form.error_text("confirm") == "Hai lần nhập mật khẩu không khớp."


def test_a_service_refusal_is_explained_and_nothing_is_lost(
    gui: QApplication,
    qtbot: QtBot,
    services: ServiceContext,
    tasks: TaskRunner,
    shown_messages: list[tuple[str, str]],
) -> None:
    """If the database was set up meanwhile (another PC, the command line), say so."""
    from tests.conftest import setup_request

    wizard = _wizard(qtbot, services, tasks)
    wizard.unit_page.province.select_value(79)
    wizard.unit_page.ward.select_value(26743)
    for field, text in ((wizard.unit_page.chairman, "A"), (wizard.admin_page.full_name, "B")):
        type_text(field, text)
    type_text(wizard.admin_page.username, "quantri")
    type_text(wizard.admin_page.password, "Mùa-thu-2026")
    setup.initialize(services, setup_request())
    wizard.accept()
    settle(qtbot, tasks)
    assert wizard.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert wizard.admin_page.username.text() == "quantri"  # what was typed is kept
    assert shown_messages == [
        ("Chưa cài đặt được", "Cơ sở dữ liệu này đã được cài đặt đơn vị; không thể cài đặt lại.")
    ]


def test_saved_but_not_signed_in_hands_over_to_the_login(
    gui: QApplication,
    qtbot: QtBot,
    services: ServiceContext,
    tasks: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tiepdan_desktop.domain.errors import StorageError
    from tiepdan_desktop.services import accounts

    def database_busy(*_args: object) -> Actor:
        raise StorageError("Không đọc/ghi được cơ sở dữ liệu")

    wizard = _wizard(qtbot, services, tasks)
    wizard.unit_page.province.select_value(79)
    wizard.unit_page.ward.select_value(26743)
    type_text(wizard.unit_page.chairman, "Nguyễn Văn Thành")
    type_text(wizard.admin_page.full_name, "Trần Thị Quản Trị")
    type_text(wizard.admin_page.username, "QuanTri")
    type_text(wizard.admin_page.password, "Mùa-thu-2026")
    monkeypatch.setattr(accounts, "authenticate", database_busy)
    with qtbot.waitSignal(wizard.saved_without_sign_in, timeout=10_000) as handed_over:
        wizard.accept()
    assert handed_over.args == ["quantri"]
    assert setup.is_initialized(services) and not wizard.isVisible()
