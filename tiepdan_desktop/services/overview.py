"""The home page: the registers' figures and what needs the office today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Case, Letter, Person, ReceptionSession, Visit
from tiepdan_desktop.db.repositories import worklists
from tiepdan_desktop.db.repositories.calendar import work_calendar
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import CaseState, LetterType, ReceptionType
from tiepdan_desktop.domain.overview_records import (
    MonthLetters,
    TodaySummary,
    WorkList,
    WorkListPage,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.reception_schedule import next_reception_days, reception_period
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.case_support import case_settings
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.letter_support import may_see_denouncers

_OPEN_STATES = [state for state in CaseState if state.is_open]


@dataclass(frozen=True)
class RegisterSummary:
    year: int
    visits: int
    visits_this_year: int
    letters: int
    letters_this_year: int
    cases_open: int
    cases: int
    persons: int


def _count(session: Session, query: Select[int]) -> int:
    return session.scalar(query) or 0


@requires(Permission.VIEW_REGISTERS)
def register_summary(context: ServiceContext, actor: Actor) -> RegisterSummary:
    year = context.today().year
    start = dt.datetime(year, 1, 1)
    with context.sessions.reading() as session:
        return RegisterSummary(
            year=year,
            visits=_count(session, select(func.count()).select_from(Visit)),
            visits_this_year=_count(
                session, select(func.count()).select_from(Visit).where(Visit.visited_at >= start)
            ),
            letters=_count(session, select(func.count()).select_from(Letter)),
            letters_this_year=_count(
                session,
                select(func.count()).select_from(Letter).where(Letter.received_on >= start.date()),
            ),
            cases_open=_count(
                session, select(func.count()).select_from(Case).where(Case.state.in_(_OPEN_STATES))
            ),
            cases=_count(session, select(func.count()).select_from(Case)),
            persons=_count(session, select(func.count()).select_from(Person)),
        )


# --- what needs the office today ---------------------------------------------------------

WORK_LIST_LIMIT = 500


def _window(which: WorkList, today: dt.date) -> worklists.Window:
    if which is WorkList.OVERDUE:
        return worklists.Window(None, today - dt.timedelta(days=1))
    if which is WorkList.DUE_TODAY:
        return worklists.Window(today, today)
    if which is WorkList.DUE_THIS_WEEK:
        return worklists.Window(today, _week_end(today))
    return worklists.Window(None, None)


def _week_end(today: dt.date) -> dt.date:
    """The Sunday that ends today's week."""
    return today + dt.timedelta(days=6 - today.weekday())


def _urge_before(session: Session, today: dt.date) -> dt.date:
    return today - dt.timedelta(days=case_settings(session).urge_after_days)


def _months(session: Session, today: dt.date) -> tuple[MonthLetters, ...]:
    """The letters received in each of the last 12 months (this one included), by type."""
    first = today.replace(day=1)
    months = [first]
    for _ in range(11):
        months.insert(0, (months[0] - dt.timedelta(days=1)).replace(day=1))
    counted: dict[tuple[int, int], dict[LetterType, int]] = {}
    for year, month, kind, number in worklists.letters_by_month(session, months[0], today):
        counted.setdefault((year, month), {})[kind] = number
    return tuple(
        MonthLetters(
            month,
            tuple(
                (kind, counted.get((month.year, month.month), {}).get(kind, 0))
                for kind in LetterType
            ),
        )
        for month in months
    )


def _receptions_held(session: Session, first: dt.date, last: dt.date) -> int:
    return (
        session.scalar(
            select(func.count(func.distinct(ReceptionSession.held_on))).where(
                ReceptionSession.reception_type == ReceptionType.PERIODIC,
                ReceptionSession.held_on >= first,
                ReceptionSession.held_on <= last,
            )
        )
        or 0
    )


@requires(Permission.VIEW_REGISTERS)
def today_summary(context: ServiceContext, actor: Actor) -> TodaySummary:
    """The home page: how many letters and matters are in each work list, the
    chairman's next reception days and the last 12 months of letters."""
    today = context.today()
    with context.sessions.reading() as session:
        urge_before = _urge_before(session, today)
        counts = tuple(
            (which, worklists.count(session, which, _window(which, today), urge_before))
            for which in WorkList
        )
        settings = case_settings(session)
        period = reception_period(settings, today)
        return TodaySummary(
            today=today,
            week_ends=_week_end(today),
            counts=counts,
            reception_rule=period.rule,
            reception_days=tuple(next_reception_days(settings, today, work_calendar(session))),
            receptions_held=_receptions_held(session, period.first, period.last),
            receptions_required=period.required,
            months=_months(session, today),
        )


@requires(Permission.VIEW_REGISTERS)
def work_list(
    context: ServiceContext, actor: Actor, which: WorkList, limit: int = WORK_LIST_LIMIT
) -> WorkListPage:
    """The letters and matters of one work list, the most pressing first (earliest
    due date, then the oldest), at most `limit` of them, with the exact total."""
    today = context.today()
    may_see = may_see_denouncers(context, actor)
    window = _window(which, today)
    with context.sessions.reading() as session:
        urge_before = _urge_before(session, today)
        items = worklists.letter_items(session, which, window, urge_before, may_see, limit)
        items += worklists.case_items(session, which, window, may_see, limit)
        total = worklists.count(session, which, window, urge_before)
    items.sort(key=lambda item: (item.due_on or dt.date.max, item.label))
    return WorkListPage(which, total, tuple(items[:limit]))
