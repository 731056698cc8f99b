"""Running deadlines written straight into the database, as the letter and case
screens will keep them, for tests of what moves them."""

from __future__ import annotations

import json

from tiepdan_desktop.db.models import Deadline
from tiepdan_desktop.db.repositories.calendar import work_calendar
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.deadlines import DeadlineRequest, compute_deadline
from tiepdan_desktop.domain.enums import DeadlineStatus
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.due_dates import deadline_settings


def add_running_deadline(
    services: ServiceContext, request: DeadlineRequest, status: DeadlineStatus = DeadlineStatus.OPEN
) -> Deadline:
    with services.sessions.reading() as session:
        result = compute_deadline(request, work_calendar(session), deadline_settings(session))
    row = Deadline(
        rule_id=request.rule_id,
        start_on=request.start,
        due_on=result.due,
        unit=result.unit.value,
        status=status,
        provisional=result.provisional,
        request_json=request.to_json(),
        explanation_json=json.dumps(result.as_json(), ensure_ascii=False),
    )
    with services.sessions.writing(Actor.command_line(), "thu_nghiem") as session:
        session.add(row)
    return row
