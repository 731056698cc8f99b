"""The Tính thời hạn calculator, used as an official would, on 25/11/2026."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tests.ui.typing import type_text
from tiepdan_desktop.domain.calendar import SpecialDay
from tiepdan_desktop.domain.deadlines import DeadlineRequest, Pause
from tiepdan_desktop.domain.enums import CalendarDayKind, Complexity
from tiepdan_desktop.services import calendar
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.deadline_calculator import DeadlineCalculatorDialog
from tiepdan_desktop.ui.widgets.dates import to_qdate

TODAY = dt.datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def calculator(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> DeadlineCalculatorDialog:
    app_context.services.clock = lambda: TODAY
    dialog = DeadlineCalculatorDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, app_context.tasks)
    return dialog


def _reasons(dialog: DeadlineCalculatorDialog) -> str:
    return dialog.view.reasons.toPlainText()


def test_it_opens_on_k3_from_today_with_the_reasons(calculator: DeadlineCalculatorDialog) -> None:
    assert calculator.rule.currentText() == "K3 – Giải quyết khiếu nại lần đầu"
    # 30 days from 25/11/2026 end on Friday 25/12/2026.
    assert calculator.view.due.text() == "25/12/2026 (Thứ Sáu)"
    assert calculator.view.status.text() == "Còn 30 ngày (22 ngày làm việc)"
    assert "Luật Khiếu nại 2011, Điều 28" in calculator.rule_info.text()
    assert "Ngày thụ lý. Ngày này không tính" in calculator.start_hint.text()
    assert "Cộng 30 ngày: ngày cuối cùng 25/12/2026 (Thứ Sáu)." in _reasons(calculator)


def test_a_denunciation_with_two_extensions_and_a_suspension(
    calculator: DeadlineCalculatorDialog,
) -> None:
    calculator.rule.select_value("T4")
    calculator.start.setDate(to_qdate(dt.date(2026, 1, 20)))
    calculator._complexity_buttons[Complexity.ESPECIALLY_COMPLEX].click()
    assert calculator.extensions.isEnabled() and calculator.extensions.maximum() == 2
    calculator.extensions.setValue(2)
    calculator.pause_from.setDate(to_qdate(dt.date(2026, 3, 2)))
    calculator.pause_to.setDate(to_qdate(dt.date(2026, 3, 11)))
    calculator.add_pause_button.click()
    assert calculator.pauses.item(0).text() == "02/03/2026 – 11/03/2026 (10 ngày)"
    # 30 + 2 × 30 + 10 paused days = 100 days from 20/01/2026: Thursday 30/04,
    # a holiday like Friday 01/05, so the next working day.
    assert calculator.view.due.text() == "04/05/2026 (Thứ Hai)"
    assert calculator.view.status.property("state") == "qua_han"
    assert "Tạm dừng từ 02/03/2026 đến 11/03/2026: không tính 10 ngày." in _reasons(calculator)
    assert calculator.current_request() == DeadlineRequest(
        "T4",
        dt.date(2026, 1, 20),
        complexity=Complexity.ESPECIALLY_COMPLEX,
        extensions=2,
        pauses=(Pause(dt.date(2026, 3, 2), dt.date(2026, 3, 11)),),
    )
    calculator.pauses.setCurrentRow(0)
    calculator.remove_pause_button.click()
    assert calculator.view.due.text() == "20/04/2026 (Thứ Hai)"


def test_only_the_variants_a_rule_has_are_offered(calculator: DeadlineCalculatorDialog) -> None:
    calculator.remote.setChecked(True)
    # 45 days from 25/11/2026 end on Saturday 09/01/2027.
    assert calculator.view.due.text() == "11/01/2027 (Thứ Hai)"
    assert "Vùng sâu, vùng xa: 45 ngày." in _reasons(calculator)
    calculator.rule.select_value("R1")
    assert not calculator.remote.isEnabled() and not calculator.remote.isChecked()
    assert not calculator._complexity_buttons[Complexity.COMPLEX].isEnabled()
    assert not calculator.extensions.isEnabled()
    calculator.rule.select_value("KD2")
    assert calculator.dismissal.isEnabled()
    calculator.dismissal.setChecked(True)
    assert "Kỷ luật buộc thôi việc: 30 ngày." in _reasons(calculator)


def test_a_working_day_rule_over_a_provisional_holiday_says_so(
    calculator: DeadlineCalculatorDialog,
) -> None:
    calculator.rule.select_value("R1")
    calculator.start.setDate(to_qdate(dt.date(2026, 11, 18)))
    assert calculator.view.due.text() == "03/12/2026 (Thứ Năm)"
    assert calculator.view.provisional.isVisibleTo(calculator)
    assert "24/11/2026 (Ngày Văn hóa Việt Nam)" in calculator.view.provisional.text()


def test_mistakes_are_explained_not_computed(calculator: DeadlineCalculatorDialog) -> None:
    calculator.pause_from.setDate(to_qdate(dt.date(2026, 12, 10)))
    calculator.pause_to.setDate(to_qdate(dt.date(2026, 12, 1)))
    calculator.add_pause_button.click()
    assert calculator.pauses.count() == 0
    assert calculator.pause_error.text() == "Ngày kết thúc tạm dừng phải từ ngày bắt đầu trở đi."
    calculator.pause_from.setDate(to_qdate(dt.date(2026, 11, 1)))
    calculator.pause_to.setDate(to_qdate(dt.date(2026, 11, 3)))
    calculator.add_pause_button.click()
    assert calculator.pause_error.isHidden()
    assert calculator.view.result is None and calculator.view.due.text() == "—"
    assert "phải bắt đầu sau ngày 25/11/2026" in calculator.view.error.text()
    assert not calculator.copy_button.isEnabled()
    calculator.rule.select_value("K3")
    calculator.pauses.clear()
    calculator.recompute()
    assert calculator.view.result is not None
    calculator.rule.lineEdit().selectAll()
    type_text(calculator.rule.lineEdit(), "tố cáo")  # typing, nothing chosen yet
    assert calculator.view.result is None and calculator.rule_info.text() == ""
    assert calculator.view.error.text() == "Hãy chọn một quy tắc thời hạn trong danh sách."


def test_the_explanation_can_be_copied(
    gui: QApplication, calculator: DeadlineCalculatorDialog
) -> None:
    calculator.copy_button.click()
    copied = QApplication.clipboard().text().splitlines()
    assert copied[:2] == ["Hạn cuối: 25/12/2026 (Thứ Sáu)", "K3 – Giải quyết khiếu nại lần đầu"]
    assert copied[2].startswith("1. K3 – Giải quyết khiếu nại lần đầu: 30 ngày")


def test_a_calendar_change_is_taken_into_account_at_once(
    qtbot: QtBot, app_context: AppContext, calculator: DeadlineCalculatorDialog
) -> None:
    calculator.rule.select_value("T1")
    calculator.start.setDate(to_qdate(dt.date(2026, 12, 1)))
    assert calculator.view.due.text() == "10/12/2026 (Thứ Năm)"
    services, actor = app_context.services, app_context.actor
    day_off = SpecialDay(dt.date(2026, 12, 4), CalendarDayKind.LOCAL_OFF, "Lễ hội", "QĐ 7", False)
    app_context.tasks.write(
        lambda: calendar.save_calendar_day(services, actor, day_off),
        lambda _report: None,
        changes={"calendar"},
    )
    settle(qtbot, app_context.tasks)
    assert calculator.view.due.text() == "11/12/2026 (Thứ Sáu)"
    assert "04/12/2026 (Lễ hội)" in _reasons(calculator)


def test_a_request_can_be_shown_again(calculator: DeadlineCalculatorDialog) -> None:
    request = DeadlineRequest(
        "T4",
        dt.date(2026, 3, 2),
        complexity=Complexity.COMPLEX,
        extensions=1,
        pauses=(Pause(dt.date(2026, 3, 10), dt.date(2026, 3, 19)),),
    )
    calculator.set_request(request)
    assert calculator.current_request() == request
    assert calculator.view.result is not None and calculator.view.result.request == request


def test_a_rule_typed_back_in_full_is_shown_again(calculator: DeadlineCalculatorDialog) -> None:
    line = calculator.rule.lineEdit()
    line.end(False)
    QApplication.sendEvent(
        line,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
    )
    assert calculator.view.result is None
    type_text(line, "u")  # "… lần đầu" again
    assert calculator.rule.currentText() == "K3 – Giải quyết khiếu nại lần đầu"
    assert calculator.view.result is not None and calculator.rule_info.text() != ""


def test_a_request_beyond_the_law_is_shown_with_the_reason_not_changed(
    calculator: DeadlineCalculatorDialog,
) -> None:
    request = DeadlineRequest(
        "T4", dt.date(2026, 3, 2), complexity=Complexity.COMPLEX, extensions=2
    )
    calculator.set_request(request)
    assert calculator.current_request() == request
    assert "được gia hạn tối đa 1 lần" in calculator.view.error.text()


def test_the_status_counts_from_the_new_day_after_midnight(
    app_context: AppContext, calculator: DeadlineCalculatorDialog
) -> None:
    assert calculator._midnight.isActive()
    # From 9:00 to five seconds past midnight.
    assert abs(calculator._midnight.remainingTime() - (15 * 3600 + 5) * 1000) < 5_000
    assert calculator.view.status.text() == "Còn 30 ngày (22 ngày làm việc)"
    app_context.services.clock = lambda: dt.datetime(2026, 11, 26, 0, 0, 5)
    calculator._midnight.timeout.emit()
    assert calculator.view.status.text() == "Còn 29 ngày (21 ngày làm việc)"
