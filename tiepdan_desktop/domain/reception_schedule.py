"""The chairman's periodic reception days (Luật Tiếp công dân Điều 15.2d).

Until the day the office sets (default 01/7/2026, Luật 136/2025/QH15 ◐) the
chairman receives citizens at least one day every week, on the weekday the
office chose; from then on at least two days every month, on two days of the
month the office chose.  A chosen day that is not a working day moves to the
next working day.  The frequency is a setting: the amended text is not
confirmed (LEGAL.md §1.3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tiepdan_desktop.domain.calendar import ONE_DAY, WEEKDAY_NAMES, WorkCalendar
from tiepdan_desktop.domain.case_records import CaseSettings


@dataclass(frozen=True)
class ReceptionPeriod:
    """The week or month the law counts the chairman's reception days in."""

    first: dt.date
    last: dt.date
    required: int
    rule: str  # "ít nhất 01 ngày mỗi tuần (Thứ Năm)"


def _weekly(settings: CaseSettings, day: dt.date) -> bool:
    return day < settings.twice_monthly_from


def reception_period(settings: CaseSettings, today: dt.date) -> ReceptionPeriod:
    if _weekly(settings, today):
        first = today - dt.timedelta(days=today.weekday())
        name = WEEKDAY_NAMES[settings.reception_weekday]
        return ReceptionPeriod(
            first, first + dt.timedelta(days=6), 1, f"ít nhất 01 ngày mỗi tuần ({name})"
        )
    first = today.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    one, two = settings.reception_month_days
    rule = f"ít nhất 02 ngày mỗi tháng (ngày {one} và ngày {two})"
    return ReceptionPeriod(first, following - ONE_DAY, 2, rule)


def _planned(settings: CaseSettings, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days the rule names between start and end (before moving off days off)."""
    days = []
    day = start
    while day <= end:
        if _weekly(settings, day):
            if day.weekday() == settings.reception_weekday:
                days.append(day)
        elif day.day in settings.reception_month_days:
            days.append(day)
        day += ONE_DAY
    return days


def next_reception_days(
    settings: CaseSettings, today: dt.date, calendar: WorkCalendar, count: int = 4
) -> list[dt.date]:
    """The chairman's next `count` reception days from today on, each on a working day."""
    found: list[dt.date] = []
    start = today
    while len(found) < count:
        end = start + dt.timedelta(days=62)
        for planned in _planned(settings, start, end):
            day = calendar.next_working_day(planned)
            if day not in found:  # two chosen days off may move to the same one
                found.append(day)
        start = end + ONE_DAY
    return found[:count]
