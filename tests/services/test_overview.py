from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from tiepdan_desktop.db.models import Case, Visit
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import CaseState
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.demo_data import generate_demo_data
from tiepdan_desktop.services.overview import register_summary


def test_figures_agree_with_direct_counts(services: ServiceContext, admin: Actor) -> None:
    services.clock = lambda: dt.datetime(2026, 11, 25, 10, 0)
    empty = register_summary(services, admin)
    assert (empty.visits, empty.letters, empty.cases) == (0, 0, 0)
    generate_demo_data(services, admin, visits=500, letters=200, seed=5)
    summary = register_summary(services, admin)
    with services.sessions.reading() as session:
        this_year = session.scalar(
            select(func.count())
            .select_from(Visit)
            .where(Visit.visited_at >= dt.datetime(2026, 1, 1))
        )
        open_cases = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(Case.state.notin_([s for s in CaseState if not s.is_open]))
        )
    assert (summary.visits, summary.letters, summary.year) == (500, 200, 2026)
    assert summary.visits_this_year == this_year and 0 < this_year < 500
    assert summary.cases_open == open_cases and 0 < open_cases < summary.cases
