from __future__ import annotations

import datetime as dt

import pytest

from tiepdan_desktop.domain.calendar import WorkCalendar
from tiepdan_desktop.domain.calendar_file import apply_entries, parse_calendar_json
from tiepdan_desktop.domain.calendar_seed import seed_days
from tiepdan_desktop.resources import resource_path

TODAY = dt.date(2026, 11, 25)
SHIPPED = resource_path("calendar", "lich-nghi-2025-2026.json")


@pytest.fixture(scope="session")
def calendar() -> WorkCalendar:
    """The calendar as a new database gets it on 25/11/2026: holidays.VN for
    2025–2027 with the corrections the program ships (LEGAL.md §7.3)."""
    seeded = seed_days(range(2025, 2028), TODAY)
    shipped = parse_calendar_json(SHIPPED.read_text(encoding="utf-8"))
    return WorkCalendar(apply_entries(seeded, shipped))
