"""How a demo matter moves through its workflow over time.

A trajectory is the list of dated steps a matter would take; the demo database
shows each matter as it stands today (the steps up to today), so recent
matters are still new, old ones are closed, and stalled ones (decided months
late) are overdue for a while, as in a real office.
Timings follow LEGAL.md §3.1 with realistic spread, including late decisions.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from dataclasses import dataclass, field

from tiepdan_desktop.domain.enums import CaseState as S
from tiepdan_desktop.domain.enums import CaseType, Complexity, ResolutionVerdict


class WorkingDays:
    """Monday–Friday minus the public holidays of `holidays.VN` (demo accuracy only;
    the deadline engine has its own editable calendar)."""

    def __init__(self, days: list[dt.date]) -> None:
        self.days = days

    def after(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (start itself not counted)."""
        index = bisect_right(self.days, start) + count - 1
        if index < len(self.days):
            return self.days[index]
        return start + dt.timedelta(days=round(count * 7 / 5))


@dataclass
class Step:
    on: dt.date
    kind: str
    state: S


@dataclass
class Trajectory:
    steps: list[Step]
    complexity: Complexity = Complexity.NORMAL
    accepted_on: dt.date | None = None
    decided_on: dt.date | None = None
    closed_on: dt.date | None = None
    verdict: ResolutionVerdict | None = None
    extra: dict[str, object] = field(default_factory=dict)


_VERDICTS = (
    (ResolutionVerdict.CORRECT, 0.2),
    (ResolutionVerdict.PARTLY_CORRECT, 0.3),
    (ResolutionVerdict.WRONG, 0.5),
)


def _days(start: dt.date, count: int) -> dt.date:
    return start + dt.timedelta(days=count)


def _verdict(rng: random.Random) -> ResolutionVerdict:
    return rng.choices([v for v, _ in _VERDICTS], [w for _, w in _VERDICTS])[0]


def complaint(rng: random.Random, received: dt.date, wd: WorkingDays) -> Trajectory:
    steps = [Step(received, "tiep_nhan", S.NEW)]
    draw = rng.random()
    if draw < 0.30:
        steps.append(Step(wd.after(received, rng.randint(1, 8)), "huong_dan", S.GUIDED))
        return Trajectory(steps)
    if draw < 0.40:
        steps.append(Step(wd.after(received, rng.randint(3, 10)), "khong_thu_ly", S.NOT_ACCEPTED))
        return Trajectory(steps)
    steps.append(Step(wd.after(received, rng.randint(1, 3)), "de_xuat_thu_ly", S.PROPOSED))
    accepted = wd.after(received, rng.randint(4, 11))
    steps.append(Step(accepted, "thu_ly", S.ACCEPTED))
    verifying = _days(accepted, rng.randint(1, 5))
    steps.append(Step(verifying, "giao_xac_minh", S.VERIFYING))
    trajectory = Trajectory(steps, accepted_on=accepted)
    if rng.random() < 0.04:
        withdrawn = _days(verifying, rng.randint(3, 20))
        steps.append(Step(withdrawn, "rut_don", S.WITHDRAWN))
        trajectory.closed_on = withdrawn
        return trajectory
    stalled = rng.random() < 0.06
    if not stalled:
        reported = _days(verifying, rng.randint(5, 12))
        steps.append(Step(reported, "bao_cao_xac_minh", S.VERIFIED))
        if rng.random() < 0.5:
            steps.append(Step(_days(reported, rng.randint(2, 7)), "doi_thoai", S.DIALOGUE))
    late = rng.random() < 0.12
    if stalled:
        decided = _days(accepted, rng.randint(90, 400))
    else:
        decided = _days(accepted, rng.randint(46, 80) if late else rng.randint(15, 30))
    decided = max(decided, steps[-1].on + dt.timedelta(days=1))
    steps.append(Step(decided, "ra_quyet_dinh", S.DECIDED))
    trajectory.decided_on, trajectory.verdict = decided, _verdict(rng)
    sent = wd.after(decided, rng.randint(1, 4) if rng.random() < 0.9 else rng.randint(5, 9))
    steps.append(Step(sent, "gui_quyet_dinh", S.DECIDED))
    if rng.random() < 0.15:
        escalated = max(_days(decided, rng.randint(10, 30)), _days(sent, 1))
        steps.append(Step(escalated, "khieu_nai_tiep", S.ESCALATED))
        return trajectory
    steps.append(Step(_days(decided, 31), "thi_hanh", S.ENFORCING))
    closed = _days(decided, rng.randint(40, 120))
    steps.append(Step(closed, "ket_thuc", S.CLOSED))
    trajectory.closed_on = closed
    return trajectory


def denunciation(rng: random.Random, received: dt.date, wd: WorkingDays) -> Trajectory:
    steps = [Step(received, "tiep_nhan", S.NEW)]
    draw = rng.random()
    if draw < 0.35:
        steps.append(Step(wd.after(received, rng.randint(2, 5)), "chuyen_don", S.TRANSFERRED))
        return Trajectory(steps)
    if draw < 0.45:
        steps.append(Step(wd.after(received, rng.randint(3, 7)), "khong_thu_ly", S.NOT_ACCEPTED))
        return Trajectory(steps)
    if draw < 0.50:
        steps.append(Step(wd.after(received, rng.randint(2, 7)), "luu_don", S.ARCHIVED))
        return Trajectory(steps)
    accepted = wd.after(received, rng.randint(3, 9))
    steps.append(Step(accepted, "thu_ly", S.ACCEPTED))
    verifying = _days(accepted, rng.randint(1, 4))
    steps.append(Step(verifying, "giao_xac_minh", S.VERIFYING))
    complexity = rng.choices(
        [Complexity.NORMAL, Complexity.COMPLEX, Complexity.ESPECIALLY_COMPLEX], [70, 20, 10]
    )[0]
    trajectory = Trajectory(steps, complexity=complexity, accepted_on=accepted)
    paused = 0
    if rng.random() < 0.08:
        suspended = _days(verifying, rng.randint(8, 18))
        paused = rng.randint(20, 60)
        steps.append(Step(suspended, "tam_dinh_chi", S.SUSPENDED))
        steps.append(Step(_days(suspended, paused), "tiep_tuc", S.VERIFYING))
    extensions = {Complexity.NORMAL: 0, Complexity.COMPLEX: 1, Complexity.ESPECIALLY_COMPLEX: 2}
    for number in range(extensions[complexity]):
        steps.append(Step(_days(accepted, 25 + 30 * number + paused), "gia_han", S.VERIFYING))
    if rng.random() < 0.03:
        terminated = _days(steps[-1].on, rng.randint(5, 15))
        steps.append(Step(terminated, "dinh_chi", S.TERMINATED))
        trajectory.closed_on = terminated
        return trajectory
    stalled = rng.random() < 0.06
    allowed = 30 + 30 * extensions[complexity] + paused
    late = rng.random() < 0.10
    if stalled:
        concluded = _days(accepted, allowed + rng.randint(60, 360))
    else:
        concluded = _days(
            accepted, allowed + rng.randint(5, 30) if late else allowed - rng.randint(1, 12)
        )
    concluded = max(concluded, steps[-1].on + dt.timedelta(days=2))
    if not stalled:
        steps.append(Step(concluded - dt.timedelta(days=1), "bao_cao_xac_minh", S.VERIFIED))
    steps.append(Step(concluded, "ra_quyet_dinh", S.DECIDED))
    trajectory.decided_on, trajectory.verdict = concluded, _verdict(rng)
    steps.append(Step(wd.after(concluded, rng.randint(1, 5)), "gui_quyet_dinh", S.DECIDED))
    steps.append(Step(wd.after(concluded, rng.randint(3, 7)), "cong_khai", S.DECIDED))
    closed = _days(concluded, rng.randint(15, 60))
    steps.append(Step(closed, "ket_thuc", S.CLOSED))
    trajectory.closed_on = closed
    return trajectory


def petition(rng: random.Random, received: dt.date, wd: WorkingDays) -> Trajectory:
    steps = [Step(received, "tiep_nhan", S.NEW)]
    draw = rng.random()
    if draw < 0.45:
        assigned = wd.after(received, rng.randint(1, 5))
        steps.append(Step(assigned, "giao_xem_xet", S.ASSIGNED))
        stalled = rng.random() < 0.08
        closed = _days(assigned, rng.randint(60, 300) if stalled else rng.randint(5, 40))
        steps.append(Step(closed, "tra_loi", S.CLOSED))
        return Trajectory(steps, accepted_on=assigned, closed_on=closed)
    if draw < 0.85:
        forwarded = wd.after(received, rng.randint(2, 8))
        steps.append(Step(forwarded, "chuyen_don", S.AWAITING_REPLY))
        if rng.random() < 0.6:
            closed = _days(forwarded, rng.randint(10, 60))
            steps.append(Step(closed, "nhan_phuc_dap", S.CLOSED))
            return Trajectory(steps, closed_on=closed)
        return Trajectory(steps)
    steps.append(Step(wd.after(received, rng.randint(1, 6)), "luu_don", S.ARCHIVED))
    return Trajectory(steps)


def mixed(rng: random.Random, received: dt.date, wd: WorkingDays) -> Trajectory:
    guided = wd.after(received, rng.randint(1, 5))
    return Trajectory([Step(received, "tiep_nhan", S.NEW), Step(guided, "huong_dan", S.GUIDED)])


def land_dispute(rng: random.Random, received: dt.date, wd: WorkingDays) -> Trajectory:
    steps = [Step(received, "tiep_nhan", S.NEW)]
    if rng.random() < 0.4:
        steps.append(Step(wd.after(received, rng.randint(1, 5)), "huong_dan", S.GUIDED))
        return Trajectory(steps)
    assigned = wd.after(received, rng.randint(2, 8))
    steps.append(Step(assigned, "hoa_giai", S.ASSIGNED))
    closed = _days(assigned, rng.randint(10, 45))
    steps.append(Step(closed, "tra_loi", S.CLOSED))
    return Trajectory(steps, accepted_on=assigned, closed_on=closed)


TRAJECTORIES = {
    CaseType.COMPLAINT_FIRST: complaint,
    CaseType.COMPLAINT_SECOND: complaint,
    CaseType.DISCIPLINARY_COMPLAINT: complaint,
    CaseType.DENUNCIATION: denunciation,
    CaseType.PETITION: petition,
    CaseType.MIXED: mixed,
    CaseType.LAND_DISPUTE: land_dispute,
}


def as_of(trajectory: Trajectory, today: dt.date) -> Trajectory:
    """The trajectory cut at today: later steps and dates have not happened yet."""

    def seen(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= today else None

    steps = [step for step in trajectory.steps if step.on <= today]
    return Trajectory(
        steps,
        complexity=trajectory.complexity,
        accepted_on=seen(trajectory.accepted_on),
        decided_on=seen(trajectory.decided_on),
        closed_on=seen(trajectory.closed_on),
        verdict=trajectory.verdict if seen(trajectory.decided_on) else None,
    )
