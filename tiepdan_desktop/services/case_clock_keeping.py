"""Applying a step's clock plan (domain/case_clocks.py) to a matter's deadlines.

Every move of a due date happens inside the step's transaction, so the audit
trail records it (old → new) with the step as its reason.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import Case, Deadline
from tiepdan_desktop.db.repositories.calendar import work_calendar
from tiepdan_desktop.db.repositories.cases import refresh_next_due
from tiepdan_desktop.domain.case_clocks import (
    RESOLUTION_RULES,
    ClockPlan,
    MatterTerms,
    closed_pause,
    resolution_request,
)
from tiepdan_desktop.domain.case_workflow import workflow_of
from tiepdan_desktop.domain.deadlines import DeadlineRequest, compute_deadline
from tiepdan_desktop.domain.enums import DeadlineStatus
from tiepdan_desktop.services.due_dates import deadline_settings, open_deadline


def running_clocks(session: Session, case: Case) -> list[Deadline]:
    return list(
        session.scalars(
            select(Deadline).where(
                Deadline.case_id == case.id, Deadline.status == DeadlineStatus.OPEN
            )
        )
    )


def resolution_clock(session: Session, case: Case) -> Deadline | None:
    """The matter's running resolution clock (K3, K8, KD4, T4 or P2)."""
    rules = set(RESOLUTION_RULES.values())
    return next((d for d in running_clocks(session, case) if d.rule_id in rules), None)


def terms_of(case: Case, pauses_from: Deadline | None) -> MatterTerms:
    pauses = DeadlineRequest.from_json(pauses_from.request_json).pauses if pauses_from else ()
    assert case.accepted_on is not None, "a matter under resolution has been accepted"
    return MatterTerms(
        workflow=workflow_of(case.case_type),
        start=case.accepted_on,
        complexity=case.complexity,
        remote=case.remote_area,
        extensions=case.extensions,
        pauses=pauses,
    )


def start_resolution_clock(session: Session, case: Case) -> Deadline:
    clock = open_deadline(session, resolution_request(terms_of(case, None)), case_id=case.id)
    refresh_next_due(session, [case.id])
    return clock


def _recompute(session: Session, deadline: Deadline, request: DeadlineRequest) -> None:
    result = compute_deadline(request, work_calendar(session), deadline_settings(session))
    deadline.rule_id = result.rule.id
    deadline.request_json = request.to_json()
    deadline.due_on = result.due
    deadline.unit = result.unit.value
    deadline.provisional = result.provisional
    deadline.explanation_json = json.dumps(result.as_json(), ensure_ascii=False)
    deadline.computed_at = utc_now()


def _stop(deadline: Deadline, on: dt.date) -> bool:
    """Met or late, by the due date in force: a fact kept after the matter ends.
    True when met."""
    met = on <= deadline.due_on
    deadline.status = DeadlineStatus.MET if met else DeadlineStatus.MISSED
    deadline.met_on = on
    return met


def _fold_pause(session: Session, case: Case, deadline: Deadline, on: dt.date) -> None:
    """End a running pause on `on` and move the due date by the days it excluded."""
    if deadline.paused_since is None:
        return
    request = DeadlineRequest.from_json(deadline.request_json)
    pause = closed_pause(deadline.paused_since, on, request.start)
    terms = terms_of(case, deadline)
    pauses = (*request.pauses, pause) if pause is not None else request.pauses
    terms = MatterTerms(
        terms.workflow, terms.start, terms.complexity, terms.remote, terms.extensions, pauses
    )
    deadline.paused_since = None
    _recompute(session, deadline, resolution_request(terms))


def apply_plan(session: Session, case: Case, plan: ClockPlan, on: dt.date) -> list[str]:
    """Carry out `plan` for a step dated `on`; the lines say which due dates moved."""
    moved: list[str] = []
    clock = resolution_clock(session, case)
    if clock is not None:
        before = clock.due_on
        if plan.resume_resolution or plan.close_resolution:
            _fold_pause(session, case, clock, on)
        if plan.recompute_resolution:
            if clock.paused_since is None:
                _recompute(session, clock, resolution_request(terms_of(case, clock)))
            else:  # recomputed when the matter resumes, with the pause folded in
                clock.request_json = resolution_request(terms_of(case, clock)).to_json()
        if plan.pause_resolution:
            clock.paused_since = on
        if clock.due_on != before:
            moved.append(f"hạn {clock.rule_id} từ {before:%d/%m/%Y} thành {clock.due_on:%d/%m/%Y}")
        if plan.close_resolution:
            case.on_time = _stop(clock, on)
    for deadline in running_clocks(session, case):
        if deadline.rule_id in plan.meet:
            _stop(deadline, on)
        elif plan.cancel_rest and deadline is not clock:
            deadline.status = DeadlineStatus.CANCELLED
            deadline.met_on = on
    if plan.cancel_rest and clock is not None and clock.status is DeadlineStatus.OPEN:
        case.on_time = _stop(clock, on)
    for rule_id in plan.start:
        open_deadline(session, DeadlineRequest(rule_id, on), case_id=case.id)
    refresh_next_due(session, [case.id])
    return moved
