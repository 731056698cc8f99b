"""The Lịch làm việc and Thời hạn tabs, used as an administrator would on 25/11/2026."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.deadline_rows import add_running_deadline
from tests.ui.conftest import settle
from tests.ui.typing import type_text
from tiepdan_desktop.db.models import Deadline
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.deadlines import DeadlineRequest, PeriodUnit
from tiepdan_desktop.domain.enums import CalendarDayKind, Role
from tiepdan_desktop.services import calendar, deadlines
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.calendar_day_dialog import CalendarDayDialog
from tiepdan_desktop.ui.dialogs.confirm_days_dialog import ConfirmDaysDialog
from tiepdan_desktop.ui.models.calendar_days_model import PROVISIONAL_BACKGROUND
from tiepdan_desktop.ui.pages.settings import calendar_tab as calendar_tab_module
from tiepdan_desktop.ui.pages.settings.calendar_tab import DAY_OFF_COLOUR, CalendarTab
from tiepdan_desktop.ui.pages.settings.deadline_settings_tab import DeadlineSettingsTab
from tiepdan_desktop.ui.widgets.dates import to_qdate

TODAY = dt.datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def tab(gui: QApplication, qtbot: QtBot, app_context: AppContext) -> CalendarTab:
    app_context.services.clock = lambda: TODAY
    shown = CalendarTab(app_context)
    qtbot.addWidget(shown)
    shown.resize(1100, 600)
    shown.show()
    settle(qtbot, app_context.tasks)
    return shown


def _days(tab: CalendarTab) -> list[dt.date]:
    return [tab.model.record(row).special.day for row in range(tab.model.rowCount())]


def _select(tab: CalendarTab, *days: dt.date) -> None:
    tab.table.clearSelection()
    for day in days:
        row = tab._row_of(day)
        assert row is not None, day
        tab.table.selectionModel().select(
            tab.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_the_year_is_listed_summed_up_and_painted_on_the_month_view(
    qtbot: QtBot, tab: CalendarTab
) -> None:
    days = _days(tab)
    assert dt.date(2026, 2, 17) in days and dt.date(2026, 1, 10) in days
    assert {day.year for day in days} == {2026}
    assert tab.summary.text().startswith("Năm 2026: 249 ngày làm việc; 14 ngày nghỉ lễ")
    tet = tab.month.dateTextFormat(to_qdate(dt.date(2026, 2, 17)))
    assert tet.foreground().color() == DAY_OFF_COLOUR
    culture_day = tab.month.dateTextFormat(to_qdate(dt.date(2026, 11, 24)))
    assert culture_day.background().color() == PROVISIONAL_BACKGROUND
    tab.year.setValue(2027)
    qtbot.waitUntil(lambda: {d.year for d in _days(tab)} == {2027})
    assert tab.month.selectedDate().year() == 2027
    # Last year's marks are gone from the month view; the new year's are there.
    old_tet = tab.month.dateTextFormat(to_qdate(dt.date(2026, 2, 17)))
    assert old_tet.foreground().style() == Qt.BrushStyle.NoBrush
    assert tab.summary.text().startswith("Năm 2027:")


def test_clicking_a_day_on_the_month_view_selects_it_in_the_list(tab: CalendarTab) -> None:
    tab.month.setSelectedDate(to_qdate(dt.date(2026, 4, 27)))
    tab.month.clicked.emit(to_qdate(dt.date(2026, 4, 27)))
    assert [s.name for s in tab.selected_days()] == [
        "Nghỉ bù Giỗ Tổ Hùng Vương (26/04 là Chủ nhật)"
    ]
    assert tab.edit_button.isEnabled() and not tab.confirm_button.isEnabled()
    tab.month.setSelectedDate(to_qdate(dt.date(2026, 4, 28)))
    tab.month.clicked.emit(to_qdate(dt.date(2026, 4, 28)))
    assert tab.selected_days() == []


def test_adding_a_local_day_off_moves_the_deadlines_it_touches(
    qtbot: QtBot,
    tab: CalendarTab,
    app_context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
) -> None:
    running = add_running_deadline(
        app_context.services, DeadlineRequest("T1", dt.date(2026, 12, 1))
    )
    assert running.due_on == dt.date(2026, 12, 10)

    def fill(dialog: CalendarDayDialog) -> int:
        dialog.day.setDate(to_qdate(dt.date(2026, 12, 4)))
        dialog.kind.setCurrentIndex(list(CalendarDayKind).index(CalendarDayKind.LOCAL_OFF))
        type_text(dialog.name, "Lễ hội đình làng")
        type_text(dialog.legal_basis, "QĐ 15/QĐ-UBND ngày 20/11/2026")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10_000)
        return 1

    monkeypatch.setattr(CalendarDayDialog, "exec", fill)
    tab.add_button.click()
    settle(qtbot, app_context.tasks)
    assert dt.date(2026, 12, 4) in _days(tab)
    title, text = shown_messages[-1]
    assert title == "Lịch làm việc"
    assert text.startswith("Đã thêm 1 ngày.\n1 thời hạn đang chạy được tính lại")
    assert "• T1: 10/12/2026 → 11/12/2026" in text


def test_a_confirmed_day_needs_its_basis_and_nothing_is_saved_without(
    qtbot: QtBot, tab: CalendarTab, app_context: AppContext
) -> None:
    dialog = CalendarDayDialog(app_context, None, dt.date(2026, 12, 7), tab)
    qtbot.addWidget(dialog)
    assert dialog.kind_hint.text().startswith("Thứ Hai – ")
    type_text(dialog.name, "Nghỉ")
    dialog.buttons.accepted.emit()
    settle(qtbot, app_context.tasks)
    assert dialog.form.error_text("legal_basis").startswith("Ngày đã chính thức phải ghi căn cứ")
    assert dialog.result() == 0 and dt.date(2026, 12, 7) not in _days(tab)
    dialog.kind.setCurrentIndex(list(CalendarDayKind).index(CalendarDayKind.MAKEUP_WORKDAY))
    dialog.provisional.setChecked(True)
    dialog.buttons.accepted.emit()
    settle(qtbot, app_context.tasks)
    assert dialog.form.error_text("kind") == "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."


def test_an_edited_day_keeps_its_place(
    qtbot: QtBot,
    tab: CalendarTab,
    app_context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _select(tab, dt.date(2026, 9, 1))

    def rename(dialog: CalendarDayDialog) -> int:
        assert dialog.name.text() == "Quốc khánh (ngày liền kề)"
        dialog.name.clear()
        type_text(dialog.name, "Nghỉ Quốc khánh (liền kề)")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10_000)
        return 1

    monkeypatch.setattr(CalendarDayDialog, "exec", rename)
    tab.edit_button.click()
    settle(qtbot, app_context.tasks)
    row = tab.model.record(tab._row_of(dt.date(2026, 9, 1)) or 0)
    assert row.special.name == "Nghỉ Quốc khánh (liền kề)" and row.source == "admin"


def test_unconfirmed_days_are_confirmed_together(
    qtbot: QtBot,
    tab: CalendarTab,
    app_context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _select(tab, dt.date(2026, 8, 22), dt.date(2026, 8, 31))
    assert tab.confirm_button.isEnabled()

    def confirm(dialog: ConfirmDaysDialog) -> int:
        type_text(dialog.legal_basis, "Thông báo 340/TB-VPCP ngày 10/8/2026")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10_000)
        return 1

    monkeypatch.setattr(ConfirmDaysDialog, "exec", confirm)
    tab.confirm_button.click()
    settle(qtbot, app_context.tasks)
    confirmed = {
        r.special.day: r.special
        for r in calendar.list_calendar_days(app_context.services, app_context.actor, 2026)
    }
    for day in (dt.date(2026, 8, 22), dt.date(2026, 8, 31)):
        assert not confirmed[day].provisional
        assert confirmed[day].legal_basis == "Thông báo 340/TB-VPCP ngày 10/8/2026"
    assert "2 ngày chưa được xác nhận" in tab.summary.text()  # of 4: 01/09 and 24/11 left


def test_removing_a_day_asks_first(
    qtbot: QtBot, tab: CalendarTab, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([False, True])
    monkeypatch.setattr(calendar_tab_module, "confirm", lambda *_args: next(answers))
    _select(tab, dt.date(2026, 11, 24))
    tab.remove_button.click()
    settle(qtbot, app_context.tasks)
    assert dt.date(2026, 11, 24) in _days(tab)
    tab.remove_button.click()
    settle(qtbot, app_context.tasks)
    assert dt.date(2026, 11, 24) not in _days(tab)


def test_a_calendar_file_is_imported_and_a_bad_one_explained(
    qtbot: QtBot,
    tab: CalendarTab,
    app_context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    good = tmp_path / "lich-tinh.csv"
    good.write_text(
        "ngay;loai;ten;can_cu;tam_tinh\n"
        "07/12/2026;Nghỉ theo quyết định địa phương;Bão số 9;QĐ 77/QĐ-UBND;không\n",
        encoding="utf-8",
    )
    bad = tmp_path / "lich.xlsx"
    bad.write_bytes(b"PK\x03\x04")
    chosen = iter([str(good), str(bad), str(tmp_path / "khong-co.csv"), ""])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (next(chosen), ""))
    tab.import_button.click()
    settle(qtbot, app_context.tasks)
    assert dt.date(2026, 12, 7) in _days(tab)
    assert shown_messages[-1][1].startswith("Đã thêm 1 ngày.")
    tab.import_button.click()
    settle(qtbot, app_context.tasks)
    assert shown_messages[-1] == ("Không nhập được tệp lịch", "Chỉ nhận tệp lịch .csv hoặc .json.")
    tab.import_button.click()
    settle(qtbot, app_context.tasks)
    assert shown_messages[-1][1].startswith("Không đọc được tệp khong-co.csv")
    count = len(shown_messages)
    tab.import_button.click()  # the official cancels the file dialog
    settle(qtbot, app_context.tasks)
    assert len(shown_messages) == count


def test_the_year_can_be_exported_for_another_office(
    qtbot: QtBot,
    tab: CalendarTab,
    app_context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    target = tmp_path / "lich-nghi-2026.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    tab.export_button.click()
    settle(qtbot, app_context.tasks)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [d["date"] for d in exported["days"]] == [d.isoformat() for d in sorted(_days(tab))]
    assert shown_messages[-1] == ("Xuất tệp lịch", f"Đã ghi lịch năm 2026 vào {target}.")


def test_next_years_unconfirmed_days_are_pointed_out_in_december(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> None:
    app_context.services.clock = lambda: dt.datetime(2026, 12, 2, 9, 0)
    tab = CalendarTab(app_context)
    qtbot.addWidget(tab)
    tab.show()
    settle(qtbot, app_context.tasks)
    assert tab.warning.isVisible()
    assert tab.warning.text().startswith("Lịch nghỉ năm 2027 còn")


@pytest.fixture
def settings_tab(gui: QApplication, qtbot: QtBot, app_context: AppContext) -> DeadlineSettingsTab:
    shown = DeadlineSettingsTab(app_context)
    qtbot.addWidget(shown)
    settle(qtbot, app_context.tasks)
    return shown


def test_the_settings_start_as_legal_md_says(settings_tab: DeadlineSettingsTab) -> None:
    assert list(settings_tab.lengths) == ["X1", "K2", "K7", "K13", "P2"]
    assert settings_tab.lengths["K2"].value().unit is PeriodUnit.DAYS
    assert settings_tab.lengths["X1"].value().unit is PeriodUnit.WORKING_DAYS
    assert settings_tab.roll_forward.isChecked() and settings_tab.warning_days.value() == 3


def test_counting_k2_in_working_days_moves_its_running_deadlines(
    qtbot: QtBot,
    settings_tab: DeadlineSettingsTab,
    app_context: AppContext,
    shown_messages: list[tuple[str, str]],
) -> None:
    add_running_deadline(app_context.services, DeadlineRequest("K2", dt.date(2026, 2, 13)))
    k2 = settings_tab.lengths["K2"]
    assert [k2.unit.itemText(i) for i in range(k2.unit.count())] == ["ngày", "ngày làm việc"]
    assert settings_tab.lengths["K13"].unit.count() == 1  # a period in years stays in years
    k2.unit.setCurrentIndex(1)
    assert k2.days.maximum() == 250
    settings_tab.warning_days.setValue(5)
    settings_tab.save_button.click()
    settle(qtbot, app_context.tasks)
    assert shown_messages[-1] == (
        "Đã lưu cài đặt thời hạn",
        "1 thời hạn đang chạy được tính lại (đã ghi vào nhật ký):\n• K2: 23/02/2026 → 06/03/2026",
    )
    stored = deadlines.get_deadline_settings(app_context.services, app_context.actor)
    assert stored.lengths["K2"].unit is PeriodUnit.WORKING_DAYS
    assert stored.warning_working_days == 5
    with app_context.services.sessions.reading() as session:
        assert session.scalars(select(Deadline.due_on)).all() == [dt.date(2026, 3, 6)]
    settings_tab.defaults_button.click()
    assert settings_tab.lengths["K2"].value().unit is PeriodUnit.DAYS  # shown, not yet saved


def test_only_administrators_change_the_settings(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, actors: dict[Role, Actor]
) -> None:
    app_context.actor = actors[Role.LEADER]
    shown = DeadlineSettingsTab(app_context)
    qtbot.addWidget(shown)
    settle(qtbot, app_context.tasks)
    assert not shown.save_button.isEnabled() and not shown.lengths["K2"].isEnabled()
    assert shown.note.text() == "Chỉ quản trị viên được đổi các cài đặt này."
    assert shown.lengths["P2"].value().days == 30  # still shown


def test_a_year_without_holidays_says_so_and_gets_its_default_days(
    qtbot: QtBot, tab: CalendarTab, shown_messages: list[tuple[str, str]]
) -> None:
    assert tab.missing_year.isHidden()
    tab.year.setValue(2031)
    settle(qtbot, tab._app.tasks)
    assert tab.model.rowCount() == 0
    assert tab.missing_year.isVisible() and tab.default_year_button.isVisible()
    assert tab.missing_year.text().startswith("Năm 2031 chưa có lịch nghỉ lễ, Tết đầy đủ")
    assert tab.summary.text() == "Năm 2031: chưa có lịch nghỉ lễ, Tết."

    tab.default_year_button.click()
    settle(qtbot, tab._app.tasks)
    assert dt.date(2031, 4, 30) in _days(tab)  # Ngày Chiến thắng
    assert tab.missing_year.isHidden() and tab.default_year_button.isHidden()
    assert tab.summary.text().startswith("Năm 2031: ")
    assert "ngày làm việc" in tab.summary.text()
    assert shown_messages[-1][1].startswith("Đã thêm ")
