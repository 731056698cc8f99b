"""Reading the working-day calendar and the settings kept as JSON."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import CalendarDay, Setting
from tiepdan_desktop.domain.calendar import SpecialDay, WorkCalendar
from tiepdan_desktop.domain.records import CalendarDayRecord

# The years whose default days off were added (a JSON list in the settings):
# the years the calendar holds in full.
SEEDED_YEARS_KEY = "lich.nam_da_tao"


def special_of(row: CalendarDay) -> SpecialDay:
    return SpecialDay(row.day, row.kind, row.name, row.legal_basis, row.provisional)


def seeded_years(session: Session) -> set[int]:
    text = setting_text(session, SEEDED_YEARS_KEY)
    return set(json.loads(text)) if text else set()


def work_calendar(session: Session) -> WorkCalendar:
    days = (special_of(row) for row in session.scalars(select(CalendarDay)))
    # Only whole years count as known: a single holiday entered for a far year
    # says nothing about that year's Tết.
    return WorkCalendar(days, seeded_years(session))


def days_of_year(session: Session, year: int) -> list[CalendarDayRecord]:
    first, after = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    rows = session.scalars(
        select(CalendarDay)
        .where(CalendarDay.day >= first, CalendarDay.day < after)
        .order_by(CalendarDay.day)
    )
    return [CalendarDayRecord(special_of(row), row.source) for row in rows]


def calendar_day(session: Session, day: dt.date) -> CalendarDay | None:
    return session.get(CalendarDay, day)


def setting_text(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return None if row is None else row.value_json
