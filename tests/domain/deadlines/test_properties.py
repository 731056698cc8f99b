"""Properties that must hold for any start date and any rule."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.conftest import SHIPPED, TODAY
from tiepdan_desktop.domain.calendar import WorkCalendar
from tiepdan_desktop.domain.calendar_file import apply_entries, parse_calendar_json
from tiepdan_desktop.domain.calendar_seed import seed_days
from tiepdan_desktop.domain.deadlines import (
    RULES,
    DeadlineRequest,
    DeadlineSettings,
    Pause,
    PeriodUnit,
    compute_deadline,
)

CALENDAR = WorkCalendar(
    apply_entries(
        seed_days(range(2024, 2030), TODAY),
        parse_calendar_json(SHIPPED.read_text(encoding="utf-8")),
    )
)
starts = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
working_day_rules = [rule.id for rule in RULES if rule.unit is PeriodUnit.WORKING_DAYS]
calendar_rules = [rule.id for rule in RULES if rule.unit is PeriodUnit.DAYS]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(working_day_rules), starts)
def test_a_working_day_rule_never_ends_on_a_day_off_or_before_it_starts(
    rule_id: str, start: dt.date
) -> None:
    result = compute_deadline(DeadlineRequest(rule_id, start), CALENDAR)
    assert CALENDAR.is_working_day(result.due)
    assert result.due > start
    assert CALENDAR.count_working_days(start + dt.timedelta(days=1), result.due) == result.total


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(calendar_rules), starts)
def test_a_calendar_day_rule_ends_on_a_working_day_no_earlier_than_n_days(
    rule_id: str, start: dt.date
) -> None:
    result = compute_deadline(DeadlineRequest(rule_id, start), CALENDAR)
    assert CALENDAR.is_working_day(result.due)
    assert result.due >= start + dt.timedelta(days=result.total)
    unrolled = compute_deadline(
        DeadlineRequest(rule_id, start), CALENDAR, DeadlineSettings(roll_forward=False)
    )
    assert unrolled.due == start + dt.timedelta(days=result.total)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(working_day_rules + calendar_rules),
    starts,
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=30),
)
def test_a_pause_never_brings_a_due_date_forward(
    rule_id: str, start: dt.date, offset: int, length: int
) -> None:
    first = start + dt.timedelta(days=offset)
    pause = Pause(first, first + dt.timedelta(days=length))
    plain = compute_deadline(DeadlineRequest(rule_id, start), CALENDAR)
    paused = compute_deadline(DeadlineRequest(rule_id, start, pauses=(pause,)), CALENDAR)
    assert paused.due >= plain.due
