"""What a report adds to its table: the summary charts and the letter list annex."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Case, Letter, Person, Visit
from tiepdan_desktop.db.repositories import letters as letter_repo
from tiepdan_desktop.domain.confidentiality import IDENTITY_PROTECTED_TYPES
from tiepdan_desktop.domain.enums import CaseState, CaseType, LetterType
from tiepdan_desktop.domain.report_periods import (
    PeriodKind,
    ReportPeriod,
    ReportSettings,
    month_spans,
)
from tiepdan_desktop.domain.report_records import AnnexRow, ReportCharts

_SERIES = (
    ("Khiếu nại", (LetterType.COMPLAINT,)),
    ("Tố cáo", (LetterType.DENUNCIATION,)),
    ("Kiến nghị, phản ánh", (LetterType.PETITION,)),
)
OTHER_SERIES = "Khác"


def _span_label(span: ReportPeriod) -> str:
    if span.kind is PeriodKind.MONTH:
        return f"T{span.index}/{span.year}"
    return f"{span.first:%m/%Y}"


def report_charts(session: Session, period: ReportPeriod, settings: ReportSettings) -> ReportCharts:
    """Visits by month and type (the months counted as the report counts them),
    letters by outcome and resolved matters on time or late, in the period."""
    months = []
    for span in month_spans(period, settings):
        start = dt.datetime.combine(span.first, dt.time())
        end = dt.datetime.combine(span.last + dt.timedelta(days=1), dt.time())
        counts = dict(
            session.execute(
                select(Visit.letter_type, func.count())
                .where(Visit.visited_at >= start, Visit.visited_at < end)
                .group_by(Visit.letter_type)
            ).all()
        )
        series = [(label, sum(counts.pop(kind, 0) for kind in kinds)) for label, kinds in _SERIES]
        series.append((OTHER_SERIES, sum(counts.values())))
        months.append((_span_label(span), tuple(series)))
    outcomes = session.execute(
        select(Letter.outcome, func.count())
        .where(Letter.outcome_on >= period.first, Letter.outcome_on <= period.last)
        .group_by(Letter.outcome)
        .order_by(func.count().desc())
    ).all()
    resolved = or_(
        and_(Case.decided_on >= period.first, Case.decided_on <= period.last),
        and_(
            Case.decided_on.is_(None),
            Case.state.in_([CaseState.WITHDRAWN, CaseState.TERMINATED]),
            Case.closed_on >= period.first,
            Case.closed_on <= period.last,
        ),
    )
    on_time = dict(
        session.execute(
            select(Case.on_time, func.count()).where(resolved).group_by(Case.on_time)
        ).all()
    )
    return ReportCharts(
        visits_by_month=tuple(months),
        letters_by_outcome=tuple(
            (outcome.label if outcome else "Chưa có hướng xử lý", count)
            for outcome, count in outcomes
        ),
        on_time=(
            ("Đúng hạn", on_time.get(True, 0)),
            ("Trễ hạn", on_time.get(False, 0)),
            ("Chưa ghi nhận", on_time.get(None, 0)),
        ),
    )


# What the annex says instead of a denouncer's letter: the list goes to the
# province whoever prints it, and its words could point at who wrote it.
PROTECTED_FILER = "Người tố cáo (được giữ bí mật)"
PROTECTED_CONTENT = "Nội dung đơn tố cáo không đưa vào danh sách (giữ bí mật người tố cáo)."


def _protected_letters(session: Session, letters: list[Letter]) -> set[uuid.UUID]:
    """Letters whose writer the law protects: denunciations, and any letter linked to
    one — as a repeat of a denunciation, or in a matter that is a denunciation."""
    originals = {letter.duplicate_of_id for letter in letters if letter.duplicate_of_id}
    cases = {letter.case_id for letter in letters if letter.case_id}
    protected_originals = set(
        session.scalars(
            select(Letter.id).where(
                Letter.id.in_(originals), Letter.letter_type.in_(IDENTITY_PROTECTED_TYPES)
            )
        )
    )
    denounced_cases = set(
        session.scalars(
            select(Case.id).where(Case.id.in_(cases), Case.case_type == CaseType.DENUNCIATION)
        )
    )
    return {
        letter.id
        for letter in letters
        if letter.letter_type in IDENTITY_PROTECTED_TYPES
        or letter.duplicate_of_id in protected_originals
        or letter.case_id in denounced_cases
    }


def letter_annex(session: Session, letter_keys: list[str]) -> tuple[AnnexRow, ...]:
    """The letters behind a form's count (oldest first), denouncers never named."""
    letters: list[Letter] = []
    ids = [uuid.UUID(hex=key) for key in letter_keys]
    for start in range(0, len(ids), 500):
        letters += session.scalars(select(Letter).where(Letter.id.in_(ids[start : start + 500])))
    letters.sort(key=lambda letter: (letter.received_on, letter.year, letter.number))
    protected = set()
    people: dict[uuid.UUID, list[tuple[Any, Person]]] = {}
    states: dict[uuid.UUID, CaseState] = {}
    for start in range(0, len(letters), 500):
        chunk = letters[start : start + 500]
        protected |= _protected_letters(session, chunk)
        people |= letter_repo.people_of(session, [letter.id for letter in chunk])
        states |= _case_states(session, {letter.case_id for letter in chunk if letter.case_id})
    rows = []
    for letter in letters:
        persons = [person for _role, person in people.get(letter.id, [])]
        hidden = letter.id in protected
        names = letter.filer_org or "; ".join(person.full_name for person in persons)
        rows.append(
            AnnexRow(
                number=f"{letter.number}/{letter.year}",
                received_on=letter.received_on,
                filer=PROTECTED_FILER if hidden else names,
                address="" if hidden or not persons else persons[0].address or "",
                content=PROTECTED_CONTENT if hidden else letter.content,
                letter_type=letter.letter_type.label,
                processing=letter.outcome.label if letter.outcome else letter.state.label,
                resolution=states[letter.case_id].label if letter.case_id in states else "",
            )
        )
    return tuple(rows)


def _case_states(session: Session, case_ids: set[uuid.UUID]) -> dict[uuid.UUID, CaseState]:
    states: dict[uuid.UUID, CaseState] = {}
    ids = list(case_ids)
    for start in range(0, len(ids), 500):
        states.update(
            session.execute(
                select(Case.id, Case.state).where(Case.id.in_(ids[start : start + 500]))
            ).all()
        )
    return states
