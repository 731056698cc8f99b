"""Where a due date stands on 25/11/2026 (a Wednesday; 24/11 is Ngày Văn hóa Việt Nam)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.domain.conftest import TODAY
from tiepdan_desktop.domain.calendar import WorkCalendar
from tiepdan_desktop.domain.deadlines.status import DueState, due_status, last_due_soon_day


@pytest.mark.parametrize(
    ("due", "warning", "state", "days", "working_days", "text"),
    [
        (dt.date(2026, 11, 25), 3, DueState.DUE_TODAY, 0, 0, "Đến hạn hôm nay"),
        # Thu 26, Fri 27, Mon 30: three working days left.
        (dt.date(2026, 11, 30), 3, DueState.DUE_SOON, 5, 3, "Còn 5 ngày (3 ngày làm việc)"),
        (dt.date(2026, 11, 30), 2, DueState.ON_TIME, 5, 3, "Còn 5 ngày (3 ngày làm việc)"),
        (dt.date(2026, 12, 31), 3, DueState.ON_TIME, 36, 26, "Còn 36 ngày (26 ngày làm việc)"),
        # Past Fri 20/11: Mon 23 and Wed 25 count, Tue 24 is a holiday.
        (dt.date(2026, 11, 20), 3, DueState.OVERDUE, -5, 2, "Quá hạn 5 ngày (2 ngày làm việc)"),
        (dt.date(2026, 11, 24), 3, DueState.OVERDUE, -1, 1, "Quá hạn 1 ngày (1 ngày làm việc)"),
    ],
)
def test_due_status(
    calendar: WorkCalendar,
    due: dt.date,
    warning: int,
    state: DueState,
    days: int,
    working_days: int,
    text: str,
) -> None:
    status = due_status(due, TODAY, calendar, warning)
    assert (status.state, status.days, status.working_days) == (state, days, working_days)
    assert status.describe() == text


def test_every_state_has_a_vietnamese_label() -> None:
    assert [state.label for state in DueState] == [
        "Còn hạn",
        "Sắp đến hạn",
        "Đến hạn hôm nay",
        "Quá hạn",
    ]


@pytest.mark.parametrize(
    ("warning", "last"),
    [(3, dt.date(2026, 11, 30)), (2, dt.date(2026, 11, 29)), (0, dt.date(2026, 11, 25))],
)
def test_the_due_soon_window_ends_where_due_status_stops_saying_so(
    calendar: WorkCalendar, warning: int, last: dt.date
) -> None:
    # Fri 27 is the 2nd working day: the weekend after it still has 2 to go.
    assert last_due_soon_day(TODAY, calendar, warning) == last
    for offset in range(40):
        due = TODAY + dt.timedelta(days=offset)
        soon = due_status(due, TODAY, calendar, warning).state is not DueState.ON_TIME
        assert soon is (due <= last), due
