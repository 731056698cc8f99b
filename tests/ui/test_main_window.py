from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.services.demo_data import generate_demo_data
from tiepdan_desktop.services.overview import register_summary
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.main_window import MainWindow
from tiepdan_desktop.ui.pages.catalogue import SCREENS, Screen


def _window(qtbot: QtBot, app: AppContext, unit: UnitInfo) -> MainWindow:
    window = MainWindow(app, unit, "/du-lieu")
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, app.tasks)
    return window


def _shortcut_action(window: MainWindow, keys: str) -> object:
    wanted = QKeySequence(keys)
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.shortcut() == wanted:
                return action
    raise AssertionError(f"no action for {keys}")


def test_all_screens_are_in_the_navigation_in_order(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, unit: UnitInfo
) -> None:
    window = _window(qtbot, app_context, unit)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == [
        "Tổng quan",
        "Tiếp công dân",
        "Xử lý đơn",
        "Giải quyết",
        "Báo cáo",
        "Danh mục & Cài đặt",
    ]
    assert window.windowTitle() == "Tiếp công dân – UBND phường Bến Thành"


def test_ctrl_number_opens_each_screen(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, unit: UnitInfo
) -> None:
    window = _window(qtbot, app_context, unit)
    for number, screen in enumerate(SCREENS, start=1):
        _shortcut_action(window, f"Ctrl+{number}").trigger()  # type: ignore[attr-defined]
        assert window.current_screen() == screen.key
        assert window.pages.currentWidget().objectName() == f"{screen.key}Page"


def test_screens_are_built_when_first_shown(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, unit: UnitInfo
) -> None:
    """The window opens with its one screen: the others (their modules and their
    registers' first reads) wait until they are asked for."""
    window = _window(qtbot, app_context, unit)
    assert window.current_screen() == "overview" and window.overview_page is not None
    assert window.reception_page is None and window.letters_page is None
    assert window.settings_page is None
    _shortcut_action(window, "Ctrl+2").trigger()  # type: ignore[attr-defined]
    assert window.current_screen() == "reception"
    page = window.reception_page
    assert page is not None and window.pages.currentWidget() is page
    window.show_screen("overview")
    window.show_screen("reception")
    assert window.reception_page is page  # built once
    assert window.pages.count() == len(SCREENS)


def test_a_screen_that_failed_to_build_is_built_when_asked_again(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    unit: UnitInfo,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(qtbot, app_context, unit)
    build = MainWindow._page_for
    failures = [RuntimeError("không dựng được")]

    def fails_once(self: MainWindow, screen: Screen) -> QWidget:
        if failures:
            raise failures.pop()
        return build(self, screen)

    monkeypatch.setattr(MainWindow, "_page_for", fails_once)
    with qtbot.capture_exceptions() as raised:
        window.show_screen("reports")
    assert len(raised) == 1 and window.reports_page is None
    window.show_screen("overview")
    window.show_screen("reports")
    assert window.reports_page is not None
    assert window.pages.currentWidget() is window.reports_page


def test_status_bar_says_unit_user_and_database(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, unit: UnitInfo
) -> None:
    window = _window(qtbot, app_context, unit)
    assert window.unit_status.text() == "UBND phường Bến Thành"
    assert window.user_status.text() == "Trần Thị Quản Trị (Quản trị)"
    assert window.database_status.text() == "CSDL: du-lieu/tiepdan.sqlite"


def test_home_figures_are_the_databases_own(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, unit: UnitInfo, admin: Actor
) -> None:
    generate_demo_data(app_context.services, admin, visits=300, letters=120, seed=9)
    window = _window(qtbot, app_context, unit)
    page = window.overview_page
    assert page is not None
    summary = register_summary(app_context.services, admin)
    assert page.registers == summary
    assert page.figures.text() == (
        f"Trong sổ: 300 lượt tiếp công dân, 120 đơn, {summary.cases_open} vụ việc đang mở, "
        f"{summary.persons} công dân."
    )


def test_a_read_only_user_sees_no_account_or_audit_tabs(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    unit: UnitInfo,
    actors: dict[Role, Actor],
) -> None:
    app_context.actor = actors[Role.READ_ONLY]
    window = _window(qtbot, app_context, unit)
    window.show_screen("settings")
    tabs = window.settings_page.tabs  # type: ignore[union-attr]
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Đơn vị",
        "Lĩnh vực",
        "Lịch làm việc",
        "Thời hạn",
        "Văn bản",
        "Giải quyết",
        "Báo cáo",
    ]
    documents = tabs.widget(4)
    assert not documents.save_button.isEnabled() and not documents.pattern.isEnabled()
    resolution = tabs.widget(5)
    assert not resolution.save_button.isEnabled() and not resolution.urge_after.isEnabled()
    assert window.settings_page.unit_tab.name.isReadOnly()  # type: ignore[union-attr]
    calendar_tab = window.settings_page.calendar_tab  # type: ignore[union-attr]
    assert calendar_tab is not None
    qtbot.waitUntil(lambda: calendar_tab.model.rowCount() > 10)  # can read it …
    assert not calendar_tab.add_button.isEnabled()  # … not change it
    assert not calendar_tab.import_button.isEnabled()
    assert calendar_tab.export_button.isEnabled()
    check = next(
        a
        for m in window.menuBar().actions()
        for a in m.menu().actions()
        if a.text() == "&Kiểm tra cơ sở dữ liệu"
    )
    assert not check.isEnabled()


def test_the_window_comes_back_as_it_was_left(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, unit: UnitInfo
) -> None:
    window = _window(qtbot, app_context, unit)
    window.resize(1111, 666)
    window.show_screen("settings")
    window.close()
    again = _window(qtbot, app_context, unit)
    assert again.current_screen() == "settings"
    assert (again.width(), again.height()) == (1111, 666)


def test_integrity_check_from_the_tools_menu(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    unit: UnitInfo,
    shown_messages: list[tuple[str, str]],
) -> None:
    window = _window(qtbot, app_context, unit)
    window.check_database()
    settle(qtbot, app_context.tasks)
    assert shown_messages[-1][0] == "Kiểm tra cơ sở dữ liệu"
    assert shown_messages[-1][1].startswith("Cơ sở dữ liệu toàn vẹn.")
