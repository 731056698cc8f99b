"""What a report adds to its table: the summary charts and the letter list annex."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Case, Letter, Visit
from tiepdan_desktop.db.repositories import letters as letter_repo
from tiepdan_desktop.domain.enums import CaseState, LetterType
from tiepdan_desktop.domain.letter_records import LetterFilter
from tiepdan_desktop.domain.report_periods import ReportPeriod
from tiepdan_desktop.domain.report_records import AnnexRow, ReportCharts

_SERIES = (
    ("Khiếu nại", (LetterType.COMPLAINT,)),
    ("Tố cáo", (LetterType.DENUNCIATION,)),
    ("Kiến nghị, phản ánh", (LetterType.PETITION,)),
)
OTHER_SERIES = "Khác"


def _chart_months(period: ReportPeriod) -> list[dt.date]:
    """The calendar months the chart shows: the period's, or at least the last 12."""
    last = period.last.replace(day=1)
    first = period.first.replace(day=1)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    count = max(count, 12) if count < 3 else count
    months = []
    year, month = last.year, last.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def report_charts(session: Session, period: ReportPeriod) -> ReportCharts:
    months = []
    for month in _chart_months(period):
        start = dt.datetime.combine(month, dt.time())
        end = dt.datetime.combine(_next_month(month), dt.time())
        counts = dict(
            session.execute(
                select(Visit.letter_type, func.count())
                .where(Visit.visited_at >= start, Visit.visited_at < end)
                .group_by(Visit.letter_type)
            ).all()
        )
        series = [(label, sum(counts.pop(kind, 0) for kind in kinds)) for label, kinds in _SERIES]
        series.append((OTHER_SERIES, sum(counts.values())))
        months.append((f"{month.month:02d}/{month.year}", tuple(series)))
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


def letter_annex(session: Session, period: ReportPeriod, today: dt.date) -> tuple[AnnexRow, ...]:
    """The letters received in the period, identities of denouncers always masked:
    the list goes to the province, whoever prints it (Luật Tố cáo Đ8.3)."""
    filter_ = LetterFilter(date_from=period.first, date_to=period.last, descending=False)
    keys = letter_repo.register_keys(session, filter_, today, today)
    rows = []
    for start in range(0, len(keys), 500):
        rows += letter_repo.register_rows(session, keys[start : start + 500], False)
    case_of: dict[uuid.UUID, uuid.UUID] = {}
    letter_ids = [row.letter_id for row in rows]
    for start in range(0, len(letter_ids), 500):
        for letter_id, case_id in session.execute(
            select(Letter.id, Letter.case_id).where(
                Letter.id.in_(letter_ids[start : start + 500]), Letter.case_id.is_not(None)
            )
        ):
            if case_id is not None:
                case_of[letter_id] = case_id
    states = _case_states(session, set(case_of.values()))
    annex = []
    for row in rows:
        case_id = case_of.get(row.letter_id)
        # One filer's "name – address" goes in two columns; several stay together.
        filer, address = row.filer, ""
        if ";" not in filer and not row.identity_hidden:
            filer, _, address = filer.partition(" – ")
        annex.append(
            AnnexRow(
                number=f"{row.number}/{row.year}",
                received_on=row.received_on,
                filer=filer,
                address=address,
                content=row.content,
                letter_type=row.letter_type.label,
                processing=row.outcome.label if row.outcome else row.state.label,
                resolution=states[case_id].label if case_id in states else "",
            )
        )
    return tuple(annex)
