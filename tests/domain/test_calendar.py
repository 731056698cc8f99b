from __future__ import annotations

import datetime as dt

from tiepdan_desktop.domain.calendar import SpecialDay, WorkCalendar, format_day, weekday_name
from tiepdan_desktop.domain.enums import CalendarDayKind

K = CalendarDayKind


def test_weekends_are_off_and_weekdays_on_by_default() -> None:
    calendar = WorkCalendar()
    assert calendar.is_working_day(dt.date(2026, 11, 25))  # Wednesday
    assert not calendar.is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert calendar.why_not_working(dt.date(2026, 11, 29)) == "Chủ nhật"
    assert calendar.special(dt.date(2026, 11, 25)) is None


def test_days_off_make_up_saturdays_and_local_days() -> None:
    calendar = WorkCalendar(
        [
            SpecialDay(dt.date(2026, 1, 2), K.SWAP_OFF, "Nghỉ hoán đổi"),
            SpecialDay(dt.date(2026, 1, 10), K.MAKEUP_WORKDAY, "Làm bù"),
            SpecialDay(dt.date(2026, 3, 9), K.LOCAL_OFF, "Lễ hội địa phương", "QĐ 5/QĐ-UBND", True),
            SpecialDay(dt.date(2026, 2, 21), K.PUBLIC_HOLIDAY, "Tết rơi vào Thứ Bảy"),
        ]
    )
    assert not calendar.is_working_day(dt.date(2026, 1, 2))
    assert calendar.why_not_working(dt.date(2026, 1, 2)) == "Nghỉ hoán đổi"
    assert calendar.is_working_day(dt.date(2026, 1, 10))  # a Saturday worked
    assert not calendar.is_working_day(dt.date(2026, 3, 9))
    assert calendar.is_provisional(dt.date(2026, 3, 9))
    assert not calendar.is_provisional(dt.date(2026, 1, 2))
    assert not calendar.is_provisional(dt.date(2026, 4, 1))
    assert calendar.why_not_working(dt.date(2026, 2, 21)) == "Tết rơi vào Thứ Bảy"
    assert calendar.next_working_day(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert calendar.next_working_day(dt.date(2026, 1, 2)) == dt.date(2026, 1, 5)
    assert calendar.count_working_days(dt.date(2026, 1, 2), dt.date(2026, 1, 11)) == 6
    assert [s.day.day for s in calendar.special_days()] == [2, 10, 21, 9]


def test_dates_are_written_the_vietnamese_way() -> None:
    assert format_day(dt.date(2026, 11, 25)) == "25/11/2026 (Thứ Tư)"
    assert weekday_name(dt.date(2026, 11, 23)) == "Thứ Hai"


def test_a_calendar_says_which_years_it_does_not_know() -> None:
    everything = WorkCalendar()
    assert everything.missing_years(dt.date(2020, 5, 1), dt.date(2040, 1, 1)) == ()
    known = WorkCalendar(known_years=range(2025, 2028))
    assert known.missing_years(dt.date(2026, 12, 1), dt.date(2027, 2, 1)) == ()
    assert known.missing_years(dt.date(2027, 12, 1), dt.date(2029, 2, 1)) == (2028, 2029)
    assert known.missing_years(dt.date(2029, 3, 2), dt.date(2029, 3, 1)) == ()  # empty range
