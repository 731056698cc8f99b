"""Opening a matter when a letter is accepted (thụ lý) or assigned (giao xem xét):
the matter record, its first steps on the timeline and its resolution clock.
Support for the letter outcome (services/letter_processing.py), in its transaction.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Case, CaseEvent, Letter, Unit
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import CaseState, CaseType, LetterOutcome, LetterType
from tiepdan_desktop.domain.errors import ConflictError
from tiepdan_desktop.services.case_clock_keeping import start_resolution_clock
from tiepdan_desktop.services.case_support import case_label, next_case_number

# The letter outcomes that open a matter, with the step that opens it.
_OPENING = {
    LetterOutcome.ACCEPTED: ("thu_ly", CaseState.ACCEPTED),
    LetterOutcome.ASSIGNED: ("giao_xem_xet", CaseState.ASSIGNED),
    LetterOutcome.MEDIATION: ("hoa_giai", CaseState.ASSIGNED),
}
_CASE_TYPE = {
    LetterType.COMPLAINT: CaseType.COMPLAINT_FIRST,
    LetterType.DENUNCIATION: CaseType.DENUNCIATION,
    LetterType.PETITION: CaseType.PETITION,
    LetterType.LAND_DISPUTE: CaseType.LAND_DISPUTE,
    LetterType.MIXED: CaseType.MIXED,
}


def opens_case(outcome: LetterOutcome) -> bool:
    return outcome in _OPENING


def open_case_for_letter(
    session: Session, actor: Actor, letter: Letter, outcome: LetterOutcome, on: dt.date
) -> Case:
    """The matter a letter's acceptance or assignment opens, with its resolution clock.
    Later letters of the same matter (linked as repeats) join it.  A matter already
    being resolved is not opened twice: its new letter is a repeat to link."""
    kind, state = _OPENING[outcome]
    case = session.get(Case, letter.case_id) if letter.case_id else None
    if case is not None and case.accepted_on is not None and case.state.is_open:
        raise ConflictError(
            f"Vụ việc {case_label(case)} của đơn này đang được giải quyết; hãy liên kết "
            "đơn như đơn trùng của vụ việc đó thay vì thụ lý lần nữa."
        )
    if case is None or case.accepted_on is not None:
        # A new matter (or the earlier one is over: a new acceptance is a new matter).
        case = Case(
            unit_id=letter.unit_id,
            year=on.year,
            number=next_case_number(session, letter.unit_id, on.year),
            received_on=letter.received_on,
        )
        session.add(case)
        intake_missing = True
    else:
        intake_missing = not session.scalar(
            select(CaseEvent.id).where(CaseEvent.case_id == case.id).limit(1)
        )
    case.case_type = _CASE_TYPE[letter.letter_type]
    case.state = state
    case.summary = letter.content
    case.area_code = letter.area_code
    case.remote_area = _unit_remote(session, letter)
    case.accepted_on = on
    case.officer_id = letter.officer_id
    session.flush()
    letter.case_id = case.id
    for repeat in session.scalars(select(Letter).where(Letter.duplicate_of_id == letter.id)):
        repeat.case_id = repeat.case_id or case.id
    if intake_missing:
        session.add(
            CaseEvent(
                case_id=case.id,
                occurred_on=letter.received_on,
                kind="tiep_nhan",
                to_state=CaseState.NEW,
                note=f"Đơn số {letter.number}/{letter.year}",
                user_id=actor.user_id,
            )
        )
    session.add(
        CaseEvent(
            case_id=case.id,
            occurred_on=on,
            kind=kind,
            from_state=CaseState.NEW,
            to_state=state,
            note=letter.outcome_body or letter.outcome_note,
            user_id=actor.user_id,
        )
    )
    start_resolution_clock(session, case)
    return case


def _unit_remote(session: Session, letter: Letter) -> bool:
    unit = session.get(Unit, letter.unit_id)
    return bool(unit and unit.remote_area)
