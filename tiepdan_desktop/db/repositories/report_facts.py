"""The records behind the periodic reports, read from the registers.

Each record set of domain/report_vocabulary.py is read with one query over
indexed dates and turned into `Fact`s carrying exactly the attributes a spec
may filter by.  Each set also gets the count a plain COUNT of the register
gives for the same period, which the cross-checks compare with the records
read (a join that doubles or drops rows shows up there).

No names, addresses or contents: only register numbers, so a report and its
frozen snapshot can never carry a denouncer's identity.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import (
    Case,
    CaseEvent,
    Letter,
    ReceptionSession,
    SubjectAreaRow,
    Visit,
)
from tiepdan_desktop.domain.case_workflow import StepKind
from tiepdan_desktop.domain.enums import (
    CaseState,
    CaseType,
    LetterOutcome,
    ReceptionType,
    ResolutionVerdict,
)
from tiepdan_desktop.domain.report_figures import Fact, FactSet, RegisterCount
from tiepdan_desktop.domain.report_periods import ReportPeriod
from tiepdan_desktop.domain.report_vocabulary import (
    CARRIED_OUT,
    DECISION_FIGURES,
    NONE,
    TO_CARRY_OUT,
)


def _yes(flag: bool | None) -> str:
    return NONE if flag is None else ("co" if flag else "khong")


def _count(session: Session, condition: ColumnElement[bool], table: Any) -> int:
    return session.scalar(select(func.count()).select_from(table).where(condition)) or 0


def _day_range(period: ReportPeriod) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(period.first, dt.time())
    return start, dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time())


def visit_facts(session: Session, period: ReportPeriod) -> FactSet:
    start, end = _day_range(period)
    condition = and_(Visit.visited_at >= start, Visit.visited_at < end)
    rows = session.execute(
        select(
            Visit.id,
            Visit.year,
            Visit.number,
            Visit.reception_type,
            Visit.chair_in_person,
            Visit.is_group,
            Visit.head_count,
            Visit.is_repeat,
            Visit.case_id,
            Visit.letter_type,
            Visit.handling,
        ).where(condition)
    ).all()

    def reception(row: Any) -> str:
        if row.reception_type is ReceptionType.REGULAR:
            return "thuong_xuyen"
        return "thu_truong" if row.chair_in_person is not False else "uy_quyen"

    # A matter is counted once in each kind of reception; it was received
    # "nhiều lần" if a visit says so or it came more than once in the period.
    matters = {row.id: f"{reception(row)}:{(row.case_id or row.id).hex}" for row in rows}
    visits_per_matter = Counter(matters.values())
    repeated = {matters[row.id] for row in rows if row.is_repeat}
    facts = tuple(
        Fact(
            source="visit",
            key=row.id.hex,
            label=f"lượt tiếp số {row.number}/{row.year}",
            values={
                "reception": reception(row),
                "group": _yes(row.is_group),
                "matter_visits": "nhieu_lan"
                if matters[row.id] in repeated or visits_per_matter[matters[row.id]] > 1
                else "lan_dau",
                "letter_type": row.letter_type.value if row.letter_type else NONE,
                "handling": row.handling.value,
            },
            numbers={"persons": float(row.head_count)},
            matter=matters[row.id],
        )
        for row in rows
    )
    return FactSet(facts, (RegisterCount("trong kỳ", _count(session, condition, Visit)),))


def session_facts(session: Session, period: ReportPeriod) -> FactSet:
    condition = and_(
        ReceptionSession.held_on >= period.first, ReceptionSession.held_on <= period.last
    )
    rows = session.execute(
        select(
            ReceptionSession.id,
            ReceptionSession.held_on,
            ReceptionSession.reception_type,
            ReceptionSession.chair_in_person,
        ).where(condition)
    ).all()
    facts = tuple(
        Fact(
            source="session",
            key=row.id.hex,
            label=f"kỳ tiếp ngày {row.held_on:%d/%m/%Y}",
            values={
                "reception": "thu_truong" if row.chair_in_person else "uy_quyen",
                "session_type": "dot_xuat"
                if row.reception_type is ReceptionType.AD_HOC
                else "dinh_ky",
            },
        )
        for row in rows
    )
    held = _count(session, condition, ReceptionSession)
    return FactSet(facts, (RegisterCount("trong kỳ", held),))


_STANDARD_AREAS = frozenset({"HC.CDCS", "HC.DDNC", "HC.CCCV", "HC.KHAC", "TN", "TP", "DDT"})


def _area_grouper(session: Session) -> Callable[[str | None], str]:
    """The report column of an area: an office's own sub-area of «hành chính»
    counts as «khác (hành chính)», any other area of its own as «khác»."""
    parents = dict(session.execute(select(SubjectAreaRow.code, SubjectAreaRow.parent_code)).all())

    def group(code: str | None) -> str:
        if code is None:
            return NONE
        seen = code
        while seen not in _STANDARD_AREAS and (parent := parents.get(seen)):
            if parent == "HC":
                return "HC.KHAC"
            seen = parent
        if seen in _STANDARD_AREAS:
            return seen
        return "HC.KHAC" if seen == "HC" else "KHAC"

    return group


_GUIDED = frozenset({LetterOutcome.GUIDED, LetterOutcome.RETURNED})
_FORWARDED = frozenset({LetterOutcome.FORWARDED, LetterOutcome.INSPECTION})
# Kept without processing (TT 05/2021): not a letter "đủ điều kiện xử lý",
# whatever its classification said.
_SET_ASIDE = frozenset({LetterOutcome.ARCHIVED, LetterOutcome.NOT_PROCESSED})


def _letter_result(outcome: LetterOutcome) -> str:
    """The report's result column, from the outcome: guided, forwarded, urged, or
    handled here (accepted or not, assigned, mediated)."""
    if outcome in _GUIDED:
        return "huong_dan"
    if outcome in _FORWARDED:
        return "chuyen_don"
    return "don_doc" if outcome is LetterOutcome.URGED else "tham_quyen"


def letter_facts(session: Session, period: ReportPeriod) -> FactSet:
    received = and_(Letter.received_on >= period.first, Letter.received_on <= period.last)
    carried = and_(
        Letter.received_on < period.first,
        or_(Letter.outcome_on.is_(None), Letter.outcome_on >= period.first),
    )
    replied = and_(Letter.reply_on >= period.first, Letter.reply_on <= period.last)
    condition = or_(received, carried, replied)
    rows = session.execute(
        select(
            Letter.id,
            Letter.year,
            Letter.number,
            Letter.received_on,
            Letter.letter_type,
            Letter.area_code,
            Letter.eligible,
            Letter.status_elsewhere,
            Letter.outcome,
            Letter.outcome_on,
            Letter.reply_on,
            Letter.case_id,
            Letter.duplicate_of_id,
            func.coalesce(Case.decided_on, Case.closed_on).label("matter_done_on"),
        )
        .outerjoin(Case, Case.id == Letter.case_id)
        .where(condition)
    ).all()
    area_of = _area_grouper(session)

    def fact(row: Any) -> Fact:
        if period.contains(row.received_on):
            intake = "trong_ky"
        elif row.received_on < period.first and (
            row.outcome_on is None or row.outcome_on >= period.first
        ):
            intake = "ky_truoc"
        else:
            intake = NONE  # processed before the period; its reply came in it
        done = row.outcome_on is not None and row.outcome_on <= period.last
        eligible = row.eligible and row.outcome not in _SET_ASIDE
        matter = row.case_id or row.duplicate_of_id or row.id
        return Fact(
            source="letter",
            key=row.id.hex,
            label=f"đơn số {row.number}/{row.year}",
            values={
                "intake": intake,
                "processed": NONE if intake == NONE else _yes(done),
                "eligible": NONE if row.eligible is None else _yes(eligible),
                "letter_type": row.letter_type.value,
                "area": area_of(row.area_code),
                "prior_status": row.status_elsewhere or NONE,
                "result": _letter_result(row.outcome) if done and row.outcome else NONE,
                "outcome": row.outcome.value if row.outcome else NONE,
                "reply": _yes(row.reply_on is not None and period.contains(row.reply_on)),
                "matter_resolved": NONE
                if row.case_id is None
                else _yes(row.matter_done_on is not None and row.matter_done_on <= period.last),
            },
            matter=matter.hex,
        )

    counts = (
        RegisterCount(
            "tiếp nhận trong kỳ", _count(session, received, Letter), "intake", "trong_ky"
        ),
        RegisterCount(
            "kỳ trước chuyển sang", _count(session, carried, Letter), "intake", "ky_truoc"
        ),
        RegisterCount("phải xử lý hoặc có phúc đáp trong kỳ", _count(session, condition, Letter)),
    )
    return FactSet(tuple(fact(row) for row in rows), counts)


_KINDS = {
    CaseType.COMPLAINT_FIRST: ("khieu_nai", "lan_dau"),
    CaseType.COMPLAINT_SECOND: ("khieu_nai", "lan_hai"),
    CaseType.DISCIPLINARY_COMPLAINT: ("khieu_nai", "ky_luat"),
    CaseType.DENUNCIATION: ("to_cao", NONE),
    CaseType.PETITION: ("kien_nghi_phan_anh", NONE),
}
_VERDICTS = {
    ResolutionVerdict.CORRECT: "dung",
    ResolutionVerdict.PARTLY_CORRECT: "dung_mot_phan",
    ResolutionVerdict.WRONG: "sai",
}


def _letters_per_case(
    session: Session, case_ids: list[uuid.UUID], until: dt.date
) -> dict[uuid.UUID, int]:
    """How many letters each matter had received by `until`."""
    counts: dict[uuid.UUID, int] = {}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        for case_id, count in session.execute(
            select(Letter.case_id, func.count())
            .where(Letter.case_id.in_(chunk), Letter.received_on <= until)
            .group_by(Letter.case_id)
        ):
            if case_id is not None:
                counts[case_id] = count
    return counts


def _resolution(case: Case, period: ReportPeriod) -> str:
    if case.decided_on is not None and period.contains(case.decided_on):
        return "quyet_dinh"
    if case.closed_on is not None and period.contains(case.closed_on):
        if case.state is CaseState.WITHDRAWN:
            return "rut_don"
        if case.state is CaseState.TERMINATED:
            return "dinh_chi"
    return "chua"


def case_facts(session: Session, period: ReportPeriod) -> FactSet:
    """Matters accepted by the end of the period and not resolved before it."""
    finished = func.coalesce(Case.decided_on, Case.closed_on)
    condition = and_(
        Case.accepted_on.is_not(None),
        Case.accepted_on <= period.last,
        or_(finished.is_(None), finished >= period.first),
    )
    cases = session.scalars(select(Case).where(condition)).all()
    letters = _letters_per_case(session, [case.id for case in cases], period.last)

    def fact(case: Case) -> Fact:
        kind, instance = _KINDS.get(case.case_type, ("khac", NONE))
        resolution = _resolution(case, period)
        verdict = _VERDICTS.get(case.verdict, NONE) if case.verdict else NONE
        second = NONE
        if instance == "lan_hai" and resolution == "quyet_dinh" and verdict:
            second = "cong_nhan" if verdict == "sai" else "huy_sua"
        decided = resolution == "quyet_dinh"
        numbers = {
            name: float(getattr(case, name)) if decided else 0.0 for name in DECISION_FIGURES
        }
        numbers["letters"] = float(letters.get(case.id, 0))
        return Fact(
            source="case",
            key=case.id.hex,
            label=f"vụ việc số {case.number}/{case.year}",
            values={
                "kind": kind,
                "instance": instance,
                "intake": "ky_truoc"
                if case.accepted_on is not None and case.accepted_on < period.first
                else "trong_ky",
                "resolution": resolution,
                "verdict": verdict,
                "second_instance": second,
                "on_time": NONE
                if resolution == "chua" or case.on_time is None
                else ("dung_han" if case.on_time else "tre_han"),
            },
            numbers=numbers,
        )

    accepted = and_(Case.accepted_on >= period.first, Case.accepted_on <= period.last)
    counts = (
        RegisterCount("thụ lý trong kỳ", _count(session, accepted, Case), "intake", "trong_ky"),
        RegisterCount("phải giải quyết trong kỳ", _count(session, condition, Case)),
    )
    return FactSet(tuple(fact(case) for case in cases), counts)


@dataclass(frozen=True)
class _EnforcementAsOf:
    """Where the carrying out of a decision stood at the end of a period."""

    done: bool
    figures: dict[str, float]


def _enforcement_reports(
    session: Session, case_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[dt.date, str]]]:
    """Each matter's enforcement reports (date, data), oldest first."""
    found: dict[uuid.UUID, list[tuple[dt.date, str]]] = {}
    for start in range(0, len(case_ids), 500):
        for case_id, on, data in session.execute(
            select(CaseEvent.case_id, CaseEvent.occurred_on, CaseEvent.data_json)
            .where(
                CaseEvent.case_id.in_(case_ids[start : start + 500]),
                CaseEvent.kind == StepKind.ENFORCEMENT_RESULT.value,
            )
            .order_by(CaseEvent.occurred_on, CaseEvent.created_at)
        ):
            found.setdefault(case_id, []).append((on, data))
    return found


def _escalated_on(session: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, dt.date]:
    """When each matter was complained about further or taken to court, if it was."""
    found: dict[uuid.UUID, dt.date] = {}
    for start in range(0, len(case_ids), 500):
        for case_id, on in session.execute(
            select(CaseEvent.case_id, func.max(CaseEvent.occurred_on))
            .where(
                CaseEvent.case_id.in_(case_ids[start : start + 500]),
                CaseEvent.kind == StepKind.ESCALATE.value,
            )
            .group_by(CaseEvent.case_id)
        ):
            found[case_id] = on
    return found


def _as_of(case: Case, reports: list[tuple[dt.date, str]], end: dt.date) -> _EnforcementAsOf:
    """The last enforcement report made by `end`; without reports, a matter closed
    by then was carried out as its columns say, one still open had nothing yet."""
    current = {name: float(getattr(case, name)) for name in CARRIED_OUT}
    if not reports:
        closed = case.closed_on is not None and case.closed_on <= end
        return _EnforcementAsOf(
            closed and case.fully_enforced, current if closed else dict.fromkeys(current, 0.0)
        )
    made = [(on, data) for on, data in reports if on <= end]
    if not made:
        return _EnforcementAsOf(False, dict.fromkeys(current, 0.0))
    stored = json.loads(made[-1][1]).get("enforcement")
    if stored is None:  # a report from before the figures were kept with it
        return _EnforcementAsOf(case.fully_enforced, current)
    figures = {name: float(stored.get(name, 0.0)) for name in CARRIED_OUT}
    return _EnforcementAsOf(bool(stored.get("fully_enforced")), figures)


def decision_facts(session: Session, period: ReportPeriod) -> FactSet:
    """Decisions and conclusions issued by the end of the period and not finished
    before its start.  One complained about further (or taken to court) by the end
    of the period is not in force: it is read, and marked so."""
    condition = and_(
        Case.decided_on.is_not(None),
        Case.decided_on <= period.last,
        Case.state.not_in([CaseState.WITHDRAWN, CaseState.TERMINATED]),
        or_(Case.closed_on.is_(None), Case.closed_on >= period.first),
    )
    cases = session.scalars(select(Case).where(condition)).all()
    ids = [case.id for case in cases]
    reports, escalated = _enforcement_reports(session, ids), _escalated_on(session, ids)

    def fact(case: Case) -> Fact:
        in_force = not (case.id in escalated and escalated[case.id] <= period.last)
        enforcement = _as_of(case, reports.get(case.id, []), period.last)
        numbers = {name: float(getattr(case, name)) for name in TO_CARRY_OUT}
        numbers |= enforcement.figures
        return Fact(
            source="decision",
            key=case.id.hex,
            label=f"vụ việc số {case.number}/{case.year}",
            values={
                "kind": _KINDS.get(case.case_type, ("khac", NONE))[0],
                "in_force": _yes(in_force),
                "enforced": _yes(enforcement.done),
            },
            numbers=numbers,
        )

    to_carry_out = RegisterCount("phải thực hiện", _count(session, condition, Case))
    return FactSet(tuple(fact(case) for case in cases), (to_carry_out,))


READERS: dict[str, Callable[[Session, ReportPeriod], FactSet]] = {
    "visit": visit_facts,
    "session": session_facts,
    "letter": letter_facts,
    "case": case_facts,
    "decision": decision_facts,
}
