"""The home page's lists of what needs the office now, from letters and matters
alike: to process, due this week (or today), overdue, awaiting a reply, needing
an urging letter.  Counts are SQL counts; the items are read only for the list
the official opens.  A clock paused by a suspension is neither due nor overdue.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, extract, func, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Case, Deadline, IssuedDocument, Letter
from tiepdan_desktop.db.repositories import cases as case_repo
from tiepdan_desktop.db.repositories import letters as letter_repo
from tiepdan_desktop.domain.deadlines.rules import RULES_BY_ID
from tiepdan_desktop.domain.enums import DeadlineStatus, LetterState, LetterType
from tiepdan_desktop.domain.overview_records import WorkItem, WorkList

URGING_TEMPLATE = "don-doc"


@dataclass(frozen=True)
class Window:
    """Due dates in [first, last]; None: open on that side."""

    first: dt.date | None
    last: dt.date | None


def _due(window: Window) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [Deadline.status == DeadlineStatus.OPEN]
    if window.first is not None:
        found.append(Deadline.due_on >= window.first)
    if window.last is not None:
        found.append(Deadline.due_on <= window.last)
    return found


def _letters_due(window: Window) -> Select[Any]:
    return select(Deadline.letter_id).where(Deadline.letter_id.is_not(None), *_due(window))


def _cases_due(window: Window) -> Select[Any]:
    return select(Deadline.case_id).where(
        Deadline.case_id.is_not(None), Deadline.paused_since.is_(None), *_due(window)
    )


def _last_urged() -> Any:
    """The day the office last urged the body a letter went to (or None)."""
    return (
        select(func.max(IssuedDocument.issued_on))
        .where(IssuedDocument.letter_id == Letter.id, IssuedDocument.form_code == URGING_TEMPLATE)
        .correlate(Letter)
        .scalar_subquery()
    )


def needs_urging(urge_before: dt.date) -> ColumnElement[bool]:
    """Forwarded letters with no reply, forwarded (or last urged) on or before `urge_before`."""
    last = _last_urged()
    return (Letter.state == LetterState.AWAITING_REPLY) & (
        func.coalesce(last, Letter.outcome_on) <= urge_before
    )


DUE_LISTS = frozenset({WorkList.OVERDUE, WorkList.DUE_TODAY, WorkList.DUE_THIS_WEEK})


def _earliest_due(owner: ColumnElement[bool], window: Window, table: Any) -> Any:
    """The earliest due date of an owner's running clocks in the window."""
    return (
        select(func.min(Deadline.due_on))
        .where(owner, Deadline.paused_since.is_(None), *_due(window))
        .correlate(table)
        .scalar_subquery()
    )


def letter_condition(which: WorkList, window: Window, urge_before: dt.date) -> ColumnElement[bool]:
    """Which letters a list holds (every list holds letters)."""
    if which is WorkList.TO_PROCESS:
        return Letter.state.in_(letter_repo.UNDECIDED)
    if which is WorkList.AWAITING_REPLY:
        return Letter.state == LetterState.AWAITING_REPLY
    if which is WorkList.NEEDS_URGING:
        return needs_urging(urge_before)
    return Letter.id.in_(_letters_due(window))  # the lists of due dates


def case_condition(which: WorkList, window: Window) -> ColumnElement[bool] | None:
    """Which matters under resolution a list holds (None: no matters in it)."""
    if which in DUE_LISTS:
        return case_repo.in_register() & Case.id.in_(_cases_due(window))
    return None


def count(session: Session, which: WorkList, window: Window, urge_before: dt.date) -> int:
    letters = letter_condition(which, window, urge_before)
    total = session.scalar(select(func.count()).select_from(Letter).where(letters)) or 0
    if (matters := case_condition(which, window)) is not None:
        total += session.scalar(select(func.count()).select_from(Case).where(matters)) or 0
    return total


def _letter_clocks(
    session: Session, letter_ids: Sequence[uuid.UUID], window: Window
) -> dict[uuid.UUID, tuple[dt.date, str]]:
    rows = session.execute(
        select(Deadline.letter_id, Deadline.due_on, Deadline.rule_id)
        .where(Deadline.letter_id.in_(letter_ids), *_due(window))
        .order_by(Deadline.due_on.desc())
    )
    return {letter_id: (due, rule) for letter_id, due, rule in rows if letter_id}


def _case_clocks(
    session: Session, case_ids: Sequence[uuid.UUID], window: Window
) -> dict[uuid.UUID, tuple[dt.date, str]]:
    rows = session.execute(
        select(Deadline.case_id, Deadline.due_on, Deadline.rule_id)
        .where(Deadline.case_id.in_(case_ids), Deadline.paused_since.is_(None), *_due(window))
        .order_by(Deadline.due_on.desc())
    )
    return {case_id: (due, rule) for case_id, due, rule in rows if case_id}


def _rule_text(rule: str) -> str:
    found = RULES_BY_ID.get(rule)
    return f"{rule} – {found.title}" if found else rule


def letter_items(
    session: Session,
    which: WorkList,
    window: Window,
    urge_before: dt.date,
    may_see_denouncers: bool,
    limit: int,
) -> list[WorkItem]:
    condition = letter_condition(which, window, urge_before)
    order: list[Any] = [Letter.received_on, Letter.number]  # the oldest first
    if which in DUE_LISTS:  # the earliest due first, so a capped list keeps the urgent
        order.insert(0, _earliest_due(Deadline.letter_id == Letter.id, window, Letter))
    found = list(session.scalars(select(Letter).where(condition).order_by(*order).limit(limit)))
    keys = [
        key
        for (key,) in session.execute(
            select(letter_repo.ROWID).where(Letter.id.in_([letter.id for letter in found]))
        )
    ]
    rows = {
        row.letter_id: row for row in letter_repo.register_rows(session, keys, may_see_denouncers)
    }
    clocks = _letter_clocks(session, [letter.id for letter in found], window)
    items = []
    for letter in found:
        row = rows[letter.id]
        due, rule = clocks.get(letter.id, (row.next_due, row.next_rule))
        if which in (WorkList.AWAITING_REPLY, WorkList.NEEDS_URGING):
            what = f"Chờ phúc đáp của {letter.outcome_body or 'cơ quan nhận đơn'}"
            if letter.outcome_on:
                what += f" (chuyển ngày {letter.outcome_on:%d/%m/%Y})"
        elif which is WorkList.TO_PROCESS:
            what = row.state.label
        else:
            what = _rule_text(rule) if rule else ""
        items.append(
            WorkItem(
                kind="letter",
                record_id=letter.id,
                label=f"Đơn {letter.number}/{letter.year}",
                type_label=letter.letter_type.label,
                people=row.filer,
                summary=row.content,
                what=what,
                due_on=due,
                identity_hidden=row.identity_hidden,
            )
        )
    return items


def case_items(
    session: Session, which: WorkList, window: Window, may_see_denouncers: bool, limit: int
) -> list[WorkItem]:
    condition = case_condition(which, window)
    if condition is None:
        return []
    keys = [
        key
        for (key,) in session.execute(
            select(case_repo.ROWID)
            .select_from(Case)
            .where(condition)
            .order_by(
                _earliest_due(Deadline.case_id == Case.id, window, Case),
                Case.received_on,
                Case.number,
            )
            .limit(limit)
        )
    ]
    rows = case_repo.register_rows(session, keys, may_see_denouncers)
    clocks = _case_clocks(session, [row.case_id for row in rows], window)
    items = []
    for row in rows:
        due, rule = clocks[row.case_id]
        items.append(
            WorkItem(
                kind="case",
                record_id=row.case_id,
                label=f"Vụ việc {row.label}",
                type_label=row.case_type.label,
                people=row.people,
                summary=row.summary,
                what=_rule_text(rule),
                due_on=due,
                identity_hidden=row.identity_hidden,
            )
        )
    return items


def letters_by_month(
    session: Session, first: dt.date, last: dt.date
) -> list[tuple[int, int, LetterType, int]]:
    """(year, month, type, letters received) for the months from first to last."""
    year = extract("year", Letter.received_on)
    month = extract("month", Letter.received_on)
    rows = session.execute(
        select(year, month, Letter.letter_type, func.count())
        .where(Letter.received_on >= first, Letter.received_on <= last)
        .group_by(year, month, Letter.letter_type)
    )
    return [(int(y), int(m), kind, int(n)) for y, m, kind, n in rows]
