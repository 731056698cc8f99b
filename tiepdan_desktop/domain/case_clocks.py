"""Which legal clocks (LEGAL.md §3.1) a matter's steps start, move and stop.

- Resolution: from acceptance (K3, K8, KD4, T4) or assignment (P2); complexity,
  the remote-area flag and the denunciation's extensions lengthen it; a
  suspension pauses it; a decision, a termination or a withdrawal ends it, on
  time or late, and that stays a fact.
- Sending the decision or conclusion (K4, K9, T6) and the termination (T5), and
  publishing (T7, K10): from the decision's date, ended by the step that does it.
When the matter ends every clock still running stops as "no longer applies".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from tiepdan_desktop.domain.case_workflow import StepKind, Workflow
from tiepdan_desktop.domain.deadlines import DeadlineRequest, Pause
from tiepdan_desktop.domain.enums import Complexity

RESOLUTION_RULES = {
    Workflow.COMPLAINT: "K3",
    Workflow.COMPLAINT_SECOND: "K8",
    Workflow.DISCIPLINARY: "KD4",
    Workflow.DENUNCIATION: "T4",
    Workflow.PETITION: "P2",
}
SEND_RULES = {
    Workflow.COMPLAINT: "K4",
    Workflow.COMPLAINT_SECOND: "K9",
    Workflow.DENUNCIATION: "T6",
}
PUBLISH_RULES = {Workflow.COMPLAINT_SECOND: "K10", Workflow.DENUNCIATION: "T7"}
TERMINATION_SEND_RULES = {Workflow.DENUNCIATION: "T5"}
# Rules that have a remote-area variant (the others ignore the flag).
_REMOTE_RULES = frozenset({"K3", "K8"})
SENDING = frozenset({*SEND_RULES.values(), *TERMINATION_SEND_RULES.values()})
PUBLISHING = frozenset(PUBLISH_RULES.values())


@dataclass(frozen=True)
class MatterTerms:
    """What a matter's resolution clock is computed from."""

    workflow: Workflow
    start: dt.date  # acceptance (or assignment) day, itself not counted
    complexity: Complexity = Complexity.NORMAL
    remote: bool = False
    extensions: int = 0
    pauses: tuple[Pause, ...] = ()


def resolution_request(terms: MatterTerms) -> DeadlineRequest:
    rule = RESOLUTION_RULES[terms.workflow]
    denunciation = rule == "T4"
    complexity = terms.complexity
    if rule == "P2":
        complexity = Complexity.NORMAL
    elif not denunciation and complexity is Complexity.ESPECIALLY_COMPLEX:
        complexity = Complexity.COMPLEX  # complaints know one level of complexity
    return DeadlineRequest(
        rule,
        terms.start,
        complexity=complexity,
        remote=terms.remote and rule in _REMOTE_RULES,
        extensions=terms.extensions if denunciation else 0,
        pauses=terms.pauses if rule != "P2" else (),
    )


@dataclass(frozen=True)
class ClockPlan:
    """What a step does to the matter's clocks."""

    close_resolution: bool = False
    recompute_resolution: bool = False
    pause_resolution: bool = False
    resume_resolution: bool = False
    # Rules started from the step's day.
    start: tuple[str, ...] = ()
    # Rules ended (met or late) on the step's day.
    meet: frozenset[str] = frozenset()
    # The matter ends: every other running clock stops.
    cancel_rest: bool = False


def clock_plan(kind: StepKind, workflow: Workflow, ends_matter: bool) -> ClockPlan:
    """The clock changes of a step; `ends_matter`: the step leaves the matter in a
    final state (a whole withdrawal, a termination, a closing).  The service stops
    the clocks first, then starts the new ones (a terminated denunciation's T5)."""
    plan = _PLANS.get(kind, ClockPlan())
    if kind is StepKind.DECIDE:
        rules = (SEND_RULES.get(workflow), PUBLISH_RULES.get(workflow))
        plan = replace(plan, start=tuple(rule for rule in rules if rule is not None))
    if kind in (StepKind.TERMINATE, StepKind.WITHDRAW) and ends_matter:
        send = TERMINATION_SEND_RULES.get(workflow)
        plan = replace(plan, close_resolution=True, start=(send,) if send else ())
    if ends_matter:
        plan = replace(plan, cancel_rest=True)
    return plan


_PLANS = {
    StepKind.RECLASSIFY: ClockPlan(recompute_resolution=True),
    StepKind.MARK_COMPLEX: ClockPlan(recompute_resolution=True),
    StepKind.EXTEND: ClockPlan(recompute_resolution=True),
    StepKind.REMOTE_AREA: ClockPlan(recompute_resolution=True),
    StepKind.SUSPEND: ClockPlan(pause_resolution=True),
    StepKind.RESUME: ClockPlan(resume_resolution=True),
    StepKind.DECIDE: ClockPlan(close_resolution=True),
    StepKind.ANSWER: ClockPlan(close_resolution=True),
    StepKind.SEND: ClockPlan(meet=SENDING),
    StepKind.PUBLISH: ClockPlan(meet=PUBLISHING),
}


def closed_pause(suspended_on: dt.date, resumed_on: dt.date, start: dt.date) -> Pause | None:
    """The days a suspension excluded: from its day to the day before resumption (a
    matter resumed the day it was suspended pauses that one day).  The clock's own
    start day is never counted anyway, so a pause begins after it at the earliest;
    suspended on the start day and resumed the next, nothing was excluded."""
    first = max(suspended_on, start + dt.timedelta(days=1))
    last = max(suspended_on, resumed_on - dt.timedelta(days=1))
    return Pause(first, last) if first <= last else None
