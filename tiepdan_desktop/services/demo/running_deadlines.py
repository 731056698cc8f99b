"""Which legal clocks a demo matter has, computed from the same terms as the
resolution services (domain/case_clocks.py).

- accepted or assigned: resolution (K3, K8, KD4, T4, P2) from that day, with the
  complexity, extensions and suspensions the matter has had; it runs while the
  matter is under resolution (paused while suspended) and is closed, on time or
  late, by the step that ended it (decision, answer, withdrawal, termination).
Letters not yet handled carry their intake clocks (X1, K2, T1) themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tiepdan_desktop.domain.case_clocks import MatterTerms, closed_pause, resolution_request
from tiepdan_desktop.domain.case_workflow import workflow_of
from tiepdan_desktop.domain.deadlines import DeadlineRequest, Pause
from tiepdan_desktop.domain.enums import CaseType
from tiepdan_desktop.services.demo.trajectories import Trajectory

# The steps that stop the resolution clock.
_ENDING = frozenset({"ra_quyet_dinh", "tra_loi", "rut_don", "dinh_chi"})


@dataclass(frozen=True)
class DemoClock:
    request: DeadlineRequest
    paused_since: dt.date | None = None
    stopped_on: dt.date | None = None  # the day the step that ended it was taken


def resolution_clock(case_type: CaseType, now: Trajectory, remote: bool) -> DemoClock | None:
    """The matter's resolution clock as it stands today (None before acceptance)."""
    if now.accepted_on is None:
        return None
    pauses, paused_since = _pauses(now, now.accepted_on)
    terms = MatterTerms(
        workflow=workflow_of(case_type),
        start=now.accepted_on,
        complexity=now.complexity,
        remote=remote,
        extensions=sum(1 for step in now.steps if step.kind == "gia_han"),
        pauses=pauses,
    )
    stopped = next((step.on for step in now.steps if step.kind in _ENDING), None)
    return DemoClock(resolution_request(terms), paused_since, stopped)


def _pauses(now: Trajectory, start: dt.date) -> tuple[tuple[Pause, ...], dt.date | None]:
    """The suspensions already over, and the day the one still on began."""
    pauses = []
    suspended: dt.date | None = None
    for step in now.steps:
        if step.kind == "tam_dinh_chi":
            suspended = step.on
        elif step.kind == "tiep_tuc" and suspended is not None:
            if (pause := closed_pause(suspended, step.on, start)) is not None:
                pauses.append(pause)
            suspended = None
    return tuple(pauses), suspended
