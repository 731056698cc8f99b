"""Keeping running deadlines right when the calendar or the settings change.

Only open deadlines move; a closed one keeps the due date it had.  Each move
goes through the audit trail with the reason of the transaction (old → new).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import Deadline, Setting
from tiepdan_desktop.db.repositories.calendar import setting_text, work_calendar
from tiepdan_desktop.db.repositories.cases import refresh_next_due
from tiepdan_desktop.domain.deadlines import DeadlineRequest, DeadlineSettings, compute_deadline
from tiepdan_desktop.domain.enums import DeadlineStatus
from tiepdan_desktop.domain.records import DueDateChange

SETTINGS_KEY = "thoi_han"


def deadline_settings(session: Session) -> DeadlineSettings:
    text = setting_text(session, SETTINGS_KEY)
    return DeadlineSettings() if text is None else DeadlineSettings.from_json(text)


def store_deadline_settings(session: Session, settings: DeadlineSettings) -> None:
    row = session.get(Setting, SETTINGS_KEY)
    if row is None:
        session.add(Setting(key=SETTINGS_KEY, value_json=settings.to_json(), updated_at=utc_now()))
    else:
        row.value_json = settings.to_json()
        row.updated_at = utc_now()


def open_deadline(session: Session, request: DeadlineRequest, **owner: uuid.UUID) -> Deadline:
    """Start a legal clock for a case, letter or visit (`case_id=`, `letter_id=`,
    `visit_id=`), computed on the office's calendar and settings."""
    result = compute_deadline(request, work_calendar(session), deadline_settings(session))
    deadline = Deadline(
        rule_id=result.rule.id,
        start_on=request.start,
        due_on=result.due,
        unit=result.unit.value,
        status=DeadlineStatus.OPEN,
        provisional=result.provisional,
        request_json=request.to_json(),
        explanation_json=json.dumps(result.as_json(), ensure_ascii=False),
        **owner,
    )
    session.add(deadline)
    return deadline


def recompute_open_deadlines(
    session: Session, touching: tuple[dt.date, dt.date] | None = None
) -> list[DueDateChange]:
    """Recompute the open deadlines, all of them or only those whose counting
    window (start, due] reaches the changed days `touching` (first, last)."""
    session.flush()  # the calendar rows just changed must be visible below
    calendar = work_calendar(session)
    settings = deadline_settings(session)
    query = select(Deadline).where(
        Deadline.status == DeadlineStatus.OPEN, Deadline.request_json != "{}"
    )
    if touching is not None:
        first, last = touching
        query = query.where(Deadline.start_on < last, Deadline.due_on >= first)
    changes = []
    moved_cases: set[uuid.UUID] = set()
    for deadline in session.scalars(query):
        result = compute_deadline(
            DeadlineRequest.from_json(deadline.request_json), calendar, settings
        )
        if result.due == deadline.due_on and result.provisional == deadline.provisional:
            continue
        changes.append(DueDateChange(deadline.id, deadline.rule_id, deadline.due_on, result.due))
        deadline.due_on = result.due
        deadline.provisional = result.provisional
        deadline.explanation_json = json.dumps(result.as_json(), ensure_ascii=False)
        deadline.computed_at = utc_now()
        if deadline.case_id is not None:
            moved_cases.add(deadline.case_id)
    refresh_next_due(session, moved_cases)
    return changes
