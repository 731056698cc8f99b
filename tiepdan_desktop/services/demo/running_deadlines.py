"""Which legal clock runs for an open demo matter, and from when.

- not yet processed: acceptance of a complaint (K2), initial processing of a
  denunciation (T1), otherwise letter processing (X1), from the day received;
- accepted: resolution (K3, K8, KD4, T4) from acceptance, with the extensions
  and the suspension the matter has had so far (T4);
- a petition assigned to a unit: its resolution (P2) from the assignment.
Matters waiting on others (forwarded, escalated) or already decided have no
clock of their own here.
"""

from __future__ import annotations

import datetime as dt

from tiepdan_desktop.domain.deadlines import DeadlineRequest, Pause
from tiepdan_desktop.domain.enums import CaseState, CaseType, Complexity
from tiepdan_desktop.services.demo.trajectories import Trajectory

_INTAKE_RULES = {
    CaseType.COMPLAINT_FIRST: "K2",
    CaseType.COMPLAINT_SECOND: "K7",
    CaseType.DISCIPLINARY_COMPLAINT: "KD3",
    CaseType.DENUNCIATION: "T1",
}
_RESOLUTION_RULES = {
    CaseType.COMPLAINT_FIRST: "K3",
    CaseType.COMPLAINT_SECOND: "K8",
    CaseType.DISCIPLINARY_COMPLAINT: "KD4",
    CaseType.DENUNCIATION: "T4",
}
_UNDER_RESOLUTION = frozenset(
    {CaseState.ACCEPTED, CaseState.VERIFYING, CaseState.DIALOGUE, CaseState.SUSPENDED}
)
_REMOTE_VARIANT = frozenset({"K3", "K8"})


def running_request(
    case_type: CaseType, now: Trajectory, received: dt.date, remote: bool, today: dt.date
) -> DeadlineRequest | None:
    state = now.steps[-1].state
    if state in (CaseState.NEW, CaseState.PROPOSED):
        return DeadlineRequest(_INTAKE_RULES.get(case_type, "X1"), received)
    if state in _UNDER_RESOLUTION and now.accepted_on and case_type in _RESOLUTION_RULES:
        rule = _RESOLUTION_RULES[case_type]
        is_t4 = rule == "T4"
        return DeadlineRequest(
            rule,
            now.accepted_on,
            complexity=now.complexity if is_t4 else Complexity.NORMAL,
            remote=remote and rule in _REMOTE_VARIANT,
            extensions=sum(1 for step in now.steps if step.kind == "gia_han") if is_t4 else 0,
            pauses=_pauses(now, today) if is_t4 else (),
        )
    if state is CaseState.ASSIGNED and case_type is CaseType.PETITION:
        return DeadlineRequest("P2", now.steps[-1].on)
    return None


def _pauses(now: Trajectory, today: dt.date) -> tuple[Pause, ...]:
    """Suspension to resumption (the day before); a suspension still on runs to today."""
    pauses = []
    suspended: dt.date | None = None
    for step in now.steps:
        if step.kind == "tam_dinh_chi":
            suspended = step.on
        elif step.kind == "tiep_tuc" and suspended is not None:
            pauses.append(Pause(suspended, step.on - dt.timedelta(days=1)))
            suspended = None
    if suspended is not None:
        pauses.append(Pause(suspended, today))
    return tuple(pauses)
