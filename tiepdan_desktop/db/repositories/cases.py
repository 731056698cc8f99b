"""Reading the matters under resolution (the Giải quyết register) for screens.

The large-register pattern of the letter register: keys (rowids) for a list and
an order, then rows for a block of keys.  A matter is in this register once a
letter's acceptance or assignment opened it (`accepted_on` is set); the letters
that were guided, forwarded or archived stay in the letter register only.  Who
filed a denunciation is masked here, once, for every reader that may not know it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, func, literal_column, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db import fulltext
from tiepdan_desktop.db.models import Case, Deadline, Letter, Person, Visit
from tiepdan_desktop.db.repositories import visits as visit_repo
from tiepdan_desktop.db.repositories.letters import filer_label, identity_of, people_of
from tiepdan_desktop.db.repositories.sealed_people import tag_cleaners
from tiepdan_desktop.domain.case_records import CaseFilter, CaseRow, CaseView
from tiepdan_desktop.domain.case_workflow import AFTER_DECISION, UNDER_RESOLUTION
from tiepdan_desktop.domain.confidentiality import (
    IDENTITY_PROTECTED_TYPES,
    redact_identity,
)
from tiepdan_desktop.domain.enums import CaseState, DeadlineStatus, LetterPartyRole
from tiepdan_desktop.domain.identity_vault import TextCleaner
from tiepdan_desktop.domain.reception import identity_hidden, protected_visitor_label

ROWID: ColumnElement[int] = literal_column("legal_case.rowid", Integer)
# «Đang giải quyết»: before the decision, suspended ones and assigned petitions too.
OPEN_STATES = UNDER_RESOLUTION | {CaseState.SUSPENDED, CaseState.ASSIGNED}
FINISHED = tuple(state for state in CaseState if not state.is_open)


def refresh_next_due(session: Session, case_ids: Iterable[uuid.UUID]) -> None:
    """Keep each matter's next due date (its earliest running, not paused clock)
    equal to its clocks: called by everything that starts, moves or stops them."""
    for case_id in set(case_ids):
        case = session.get(Case, case_id)
        if case is None:
            continue
        case.next_due_on = session.scalar(
            select(func.min(Deadline.due_on)).where(
                Deadline.case_id == case_id,
                Deadline.status == DeadlineStatus.OPEN,
                Deadline.paused_since.is_(None),
            )
        )


def in_register() -> ColumnElement[bool]:
    return Case.accepted_on.is_not(None)


def view_condition(
    view: CaseView, today: dt.date, due_soon_until: dt.date
) -> ColumnElement[bool] | None:
    """The matters of one list of the Giải quyết screen (None: all of them)."""
    if view is CaseView.OPEN:
        return Case.state.in_(OPEN_STATES)
    if view is CaseView.DUE_SOON:
        return Case.next_due_on.between(today, due_soon_until)
    if view is CaseView.OVERDUE:
        return Case.next_due_on < today
    if view is CaseView.SUSPENDED:
        return Case.state == CaseState.SUSPENDED
    if view is CaseView.AFTER_DECISION:
        return Case.state.in_(AFTER_DECISION)
    if view is CaseView.ESCALATED:
        return Case.state == CaseState.ESCALATED
    if view is CaseView.LATE:
        return Case.on_time.is_(False)
    if view is CaseView.FINISHED:
        return Case.state.in_(FINISHED)
    return None


def _query(
    session: Session,
    filter_: CaseFilter,
    today: dt.date,
    due_soon_until: dt.date,
    may_see_denouncers: bool,
) -> Select[Any]:
    conditions = [in_register()]
    if (condition := view_condition(filter_.view, today, due_soon_until)) is not None:
        conditions.append(condition)
    if filter_.case_type is not None:
        conditions.append(Case.case_type == filter_.case_type)
    matches = fulltext.letter_search(session.connection(), filter_.search)
    if matches is not None:
        found = select(Letter.case_id).where(matches)
        if not may_see_denouncers:
            # A protected matter is not found by the words of its other letters (a
            # repeat of a denunciation may name its filer); its own are indexed
            # without the filer already.
            protected = select(Letter.case_id).where(
                Letter.letter_type.in_(IDENTITY_PROTECTED_TYPES), Letter.case_id.is_not(None)
            )
            found = found.where(
                Letter.letter_type.in_(IDENTITY_PROTECTED_TYPES) | Letter.case_id.not_in(protected)
            )
        conditions.append(Case.id.in_(found))
    return select(ROWID).select_from(Case).where(and_(*conditions))


def register_keys(
    session: Session,
    filter_: CaseFilter,
    today: dt.date,
    due_soon_until: dt.date,
    may_see_denouncers: bool,
    limit: int | None = None,
) -> list[int]:
    """Most urgent first: the nearest running due date, then the oldest matter; the
    lists of finished or late matters newest first."""
    query = _query(session, filter_, today, due_soon_until, may_see_denouncers)
    if filter_.view in (CaseView.FINISHED, CaseView.LATE):
        query = query.order_by(Case.received_on.desc(), Case.number.desc())
    else:
        query = query.order_by(
            Case.next_due_on.is_(None), Case.next_due_on, Case.received_on, Case.number
        )
    if limit is not None:
        query = query.limit(limit)
    return list(session.connection().execute(query).scalars().all())  # one fetchall


def register_count(
    session: Session,
    filter_: CaseFilter,
    today: dt.date,
    due_soon_until: dt.date,
    may_see_denouncers: bool,
) -> int:
    counted = select(func.count()).select_from(
        _query(session, filter_, today, due_soon_until, may_see_denouncers).subquery()
    )
    return int(session.connection().execute(counted).scalar_one())


@dataclass
class CasePeople:
    """Who filed a matter's letters as a reader may see them."""

    names: list[str] = field(default_factory=list)  # names and addresses, or codes
    hidden: bool = False  # a protected filer was replaced by a code
    # The hidden people's name, numbers and address, to lift out of free text.
    fragments: list[str] = field(default_factory=list)
    # Sealed denouncers (identity vault) are lifted out by their keyed tags, for everyone.
    sealed: TextCleaner | None = None
    person_ids: list[uuid.UUID] = field(default_factory=list)

    def redacted(self, text: str) -> str:
        text = redact_identity(text, self.fragments) if self.fragments else text
        return (self.sealed.clean(text) or "") if self.sealed is not None else text

    def add(
        self, code: str | None, everyone: list[Person], named: list[Person], org: str | None
    ) -> None:
        """The people of one letter or visit: `named` shown by name and address, or,
        behind the matter's `code`, everyone's identity kept to lift out of texts."""
        self.person_ids += [person.id for person in everyone]
        if code is not None:
            self.fragments += identity_of(everyone)
            self.hidden = True
            names = [code]
        else:
            names = [_name_and_address(person) for person in named] + ([org] if org else [])
        self.names.extend(name for name in names if name not in self.names)


def _name_and_address(person: Person) -> str:
    return f"{person.full_name} – {person.address}" if person.address else person.full_name


def case_people(
    session: Session, case_ids: Sequence[uuid.UUID], may_see_denouncers: bool
) -> dict[uuid.UUID, CasePeople]:
    """Who filed each matter's letters (names and addresses), or the code that
    stands for a protected denouncer, whose identity is then lifted out of texts.
    A matter with one protected letter is protected whole: the repeats linked to a
    denunciation come from the same person, whatever their own type."""
    letters = list(
        session.scalars(
            select(Letter)
            .where(Letter.case_id.in_(case_ids))
            .order_by(Letter.received_on, Letter.number)
        )
    )
    people = people_of(session, [letter.id for letter in letters])
    codes: dict[uuid.UUID, str] = {}  # the code of each protected matter, its first
    for letter in letters:
        assert letter.case_id is not None
        if letter.case_id not in codes and (code := filer_label(letter, may_see_denouncers)):
            codes[letter.case_id] = code
    found: dict[uuid.UUID, CasePeople] = {}
    for letter in letters:
        assert letter.case_id is not None
        parties = people.get(letter.id, [])
        found.setdefault(letter.case_id, CasePeople()).add(
            codes.get(letter.case_id),
            [person for _role, person in parties],
            [person for role, person in parties if role is not LetterPartyRole.AUTHORISED],
            letter.filer_org,
        )
    _visitors_of_matters_without_letters(session, case_ids, may_see_denouncers, found)
    cleaners = tag_cleaners(
        session, {case_id: filed.person_ids for case_id, filed in found.items()}
    )
    for case_id, cleaner in cleaners.items():
        found[case_id].sealed = cleaner
    return found


def _visitors_of_matters_without_letters(
    session: Session,
    case_ids: Sequence[uuid.UUID],
    may_see_denouncers: bool,
    found: dict[uuid.UUID, CasePeople],
) -> None:
    """A matter known only from the reception register: who came about it."""
    missing = [case_id for case_id in case_ids if case_id not in found]
    if not missing:
        return
    visits = list(
        session.scalars(select(Visit).where(Visit.case_id.in_(missing)).order_by(Visit.visited_at))
    )
    people = visit_repo.people_at(session, [visit.id for visit in visits])
    codes: dict[uuid.UUID, str] = {}  # as for letters: one protected visit protects all
    for visit in visits:
        assert visit.case_id is not None
        if visit.case_id not in codes and identity_hidden(visit.letter_type, may_see_denouncers):
            codes[visit.case_id] = protected_visitor_label(
                visit.letter_type, visit.year, visit.number
            )
    for visit in visits:
        assert visit.case_id is not None
        visitors = [person for _role, person in people.get(visit.id, [])]
        found.setdefault(visit.case_id, CasePeople()).add(
            codes.get(visit.case_id), visitors, visitors, None
        )


def _clocks(
    session: Session, case_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[dt.date, str, bool]]:
    """Each matter's nearest running clock: due date, rule, paused."""
    rows = session.execute(
        select(Deadline.case_id, Deadline.due_on, Deadline.rule_id, Deadline.paused_since)
        .where(Deadline.case_id.in_(case_ids), Deadline.status == DeadlineStatus.OPEN)
        .order_by(Deadline.due_on.desc())
    )
    found: dict[uuid.UUID, tuple[dt.date, str, bool]] = {}
    for case_id, due_on, rule_id, paused_since in rows:
        if case_id is None:
            continue
        paused = paused_since is not None
        known = found.get(case_id)
        # A running clock wins over a paused one; then the earliest (written last).
        if known is None or not paused or known[2]:
            found[case_id] = (due_on, rule_id, paused)
    return found


def register_rows(session: Session, keys: Sequence[int], may_see_denouncers: bool) -> list[CaseRow]:
    """The rows of `keys`, in the same order (keys of deleted rows are left out)."""
    read = session.execute(select(ROWID, Case).where(ROWID.in_(list(keys))))
    found: dict[int, Case] = {key: case for key, case in read.all()}  # noqa: C416
    ids = [case.id for case in found.values()]
    people = case_people(session, ids, may_see_denouncers)
    clocks = _clocks(session, ids)
    rows = []
    for key in keys:
        case = found.get(key)
        if case is None:
            continue
        filed = people.get(case.id, CasePeople())
        clock = clocks.get(case.id)
        rows.append(
            CaseRow(
                key=key,
                case_id=case.id,
                label=f"{case.number}/{case.year}",
                case_type=case.case_type,
                state=case.state,
                summary=filed.redacted(case.summary),
                people="; ".join(filed.names),
                received_on=case.received_on,
                accepted_on=case.accepted_on,
                next_due=clock[0] if clock else None,
                next_rule=clock[1] if clock else None,
                paused=bool(clock and clock[2]),
                on_time=case.on_time,
                identity_hidden=filed.hidden,
            )
        )
    return rows
