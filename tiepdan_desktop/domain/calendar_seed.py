"""The default calendar, seeded from the `holidays` package (holidays.VN).

The package knows the lunar dates, compensatory days and the yearly swaps
decided so far.  Fixed-date holidays of the Labour Code are certain; every
other day of a year still to come is provisional until an official notice
confirms it (LEGAL.md §7.4).  Corrections and confirmations arrive as calendar
files (see calendar_file.py), one of which ships with the program.
"""

from __future__ import annotations

import datetime as dt
import re

from tiepdan_desktop.domain.calendar import SpecialDay
from tiepdan_desktop.domain.enums import CalendarDayKind

LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"
# Fixed solar dates of Đ112: certain every year.
FIXED_HOLIDAYS = frozenset({(1, 1), (4, 30), (5, 1), (9, 2)})
_SWAP = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")


def _classify(name: str) -> CalendarDayKind:
    if "nghỉ bù" in name:
        return CalendarDayKind.COMPENSATORY_OFF
    if name.startswith("Ngày nghỉ (thay cho"):
        return CalendarDayKind.SWAP_OFF
    return CalendarDayKind.PUBLIC_HOLIDAY


def _basis(day: dt.date, kind: CalendarDayKind) -> str:
    if kind is CalendarDayKind.PUBLIC_HOLIDAY and (day.month, day.day) in FIXED_HOLIDAYS:
        return LABOUR_CODE
    return (
        f"{LABOUR_CODE}; lịch nghỉ năm {day.year} theo thư viện holidays (cần đối chiếu thông báo)"
    )


def seed_days(years: range, today: dt.date) -> list[SpecialDay]:
    """Special days of `years` as the holidays package knows them."""
    import holidays  # loaded when the calendar is seeded, not at every start

    calendar = holidays.country_holidays("VN", years=years, language="vi")
    days: list[SpecialDay] = []
    swapped_for: dict[dt.date, dt.date] = {}
    for day, name in sorted(calendar.items()):
        kind = _classify(name)
        fixed = kind is CalendarDayKind.PUBLIC_HOLIDAY and (day.month, day.day) in FIXED_HOLIDAYS
        days.append(
            SpecialDay(day, kind, name, _basis(day, kind), day.year > today.year and not fixed)
        )
        if match := _SWAP.search(name):
            workday = dt.date(int(match[3]), int(match[2]), int(match[1]))
            swapped_for[workday] = day
    for workday in sorted(calendar.weekend_workdays):
        if workday.year not in years:
            continue
        day_off = swapped_for.get(workday)
        name = f"Làm bù cho ngày nghỉ {day_off:%d/%m/%Y}" if day_off else "Làm bù"
        days.append(
            SpecialDay(
                workday,
                CalendarDayKind.MAKEUP_WORKDAY,
                name,
                _basis(workday, CalendarDayKind.MAKEUP_WORKDAY),
                workday.year > today.year,
            )
        )
    return days
