"""Where a due date stands today: on time, due soon, due today or overdue.

"Due soon" starts when no more than the office's warning number of working
days remain (DeadlineSettings.warning_working_days).  Days are counted after
today up to the due date included; an overdue date counts the days after it
up to today included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from tiepdan_desktop.domain.calendar import ONE_DAY, WorkCalendar


class DueState(StrEnum):
    ON_TIME = "con_han"
    DUE_SOON = "sap_den_han"
    DUE_TODAY = "den_han_hom_nay"
    OVERDUE = "qua_han"

    @property
    def label(self) -> str:
        return {
            "con_han": "Còn hạn",
            "sap_den_han": "Sắp đến hạn",
            "den_han_hom_nay": "Đến hạn hôm nay",
            "qua_han": "Quá hạn",
        }[self.value]


@dataclass(frozen=True)
class DueStatus:
    state: DueState
    # Calendar days from today to the due date (negative once overdue).
    days: int
    # Working days left after today up to the due date, or, once overdue,
    # working days past the due date up to today.
    working_days: int

    def describe(self) -> str:
        if self.state is DueState.DUE_TODAY:
            return "Đến hạn hôm nay"
        if self.state is DueState.OVERDUE:
            return f"Quá hạn {-self.days} ngày ({self.working_days} ngày làm việc)"
        return f"Còn {self.days} ngày ({self.working_days} ngày làm việc)"


def due_status(
    due: dt.date, today: dt.date, calendar: WorkCalendar, warning_working_days: int
) -> DueStatus:
    days = (due - today).days
    if days == 0:
        return DueStatus(DueState.DUE_TODAY, 0, 0)
    if days < 0:
        return DueStatus(DueState.OVERDUE, days, calendar.count_working_days(due + ONE_DAY, today))
    left = calendar.count_working_days(today + ONE_DAY, due)
    state = DueState.DUE_SOON if left <= warning_working_days else DueState.ON_TIME
    return DueStatus(state, days, left)


def last_due_soon_day(today: dt.date, calendar: WorkCalendar, warning_working_days: int) -> dt.date:
    """The last due date `due_status` calls due today or due soon on `today`: the
    day before the (warning + 1)-th working day after today (the days off just
    before that working day still leave only `warning_working_days` to go)."""
    day, counted = today, 0
    while True:
        day += ONE_DAY
        counted += calendar.is_working_day(day)
        if counted > warning_working_days:
            return day - ONE_DAY
