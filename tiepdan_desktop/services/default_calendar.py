"""The calendar a new database starts with: holidays.VN, corrected by the
calendar file that ships with the program (LEGAL.md §7.3)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from tiepdan_desktop.domain.calendar import SpecialDay, WorkCalendar
from tiepdan_desktop.domain.calendar_file import CalendarEntry, apply_entries, parse_calendar_json
from tiepdan_desktop.domain.calendar_seed import seed_days
from tiepdan_desktop.resources import resource_path

SHIPPED_CALENDAR = "lich-nghi-2025-2026.json"


@cache
def shipped_entries() -> tuple[CalendarEntry, ...]:
    path = resource_path("calendar", SHIPPED_CALENDAR)
    return tuple(parse_calendar_json(path.read_text(encoding="utf-8")))


def default_days(years: range, today: dt.date) -> list[SpecialDay]:
    shipped = [entry for entry in shipped_entries() if entry.day.year in years]
    return apply_entries(seed_days(years, today), shipped)


def default_calendar(years: range, today: dt.date) -> WorkCalendar:
    return WorkCalendar(default_days(years, today), years)
