"""Figures for the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Case, Letter, Person, Visit
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import CaseState
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.context import ServiceContext

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
