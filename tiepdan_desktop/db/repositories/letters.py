"""Reading the letter register (Sổ đơn) for screens, searches, prints and the
duplicate check.

The same large-register pattern as the reception register (repositories/visits.py):
keys (rowids) for a filter and an order, then rows for a block of keys.  Who
filed a denunciation is masked here, once, for every reader that may not know it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db import fulltext
from tiepdan_desktop.db.models import Deadline, Letter, LetterPerson, Person, SealedPerson, Visit
from tiepdan_desktop.db.repositories.visits import person_view
from tiepdan_desktop.domain.confidentiality import (
    IDENTITY_PROTECTED_TYPES,
    identity_fragments,
    redact_identity,
)
from tiepdan_desktop.domain.enums import (
    DeadlineStatus,
    LetterOutcome,
    LetterPartyRole,
    LetterState,
    VisitorRole,
)
from tiepdan_desktop.domain.letter_records import (
    DuplicateCandidate,
    LetterFilter,
    LetterRow,
    LetterSort,
    LetterView,
)
from tiepdan_desktop.domain.letter_similarity import (
    SIMILAR_CONTENT,
    distinctive_words,
    similarity,
)
from tiepdan_desktop.domain.reception import identity_hidden, protected_visitor_label
from tiepdan_desktop.domain.visit_records import VisitorView

ROWID: ColumnElement[int] = literal_column("letter.rowid", Integer)
UNDECIDED = (LetterState.RECEIVED, LetterState.CLASSIFIED, LetterState.PROPOSED)
# Outcomes that sent the filer or the letter elsewhere: done once per matter.
GUIDING = frozenset({LetterOutcome.GUIDED})
FORWARDING = frozenset({LetterOutcome.FORWARDED, LetterOutcome.RETURNED})
CONTENT_CANDIDATES = 40  # letters sharing the most words, compared in full
SHOWN_DUPLICATES = 10


# --- the register ----------------------------------------------------------------------


def _running(due_from: dt.date | None, due_before: dt.date | None) -> ColumnElement[bool]:
    """Letters with a running deadline due in [due_from, due_before)."""
    due = select(Deadline.letter_id).where(
        Deadline.status == DeadlineStatus.OPEN, Deadline.letter_id.is_not(None)
    )
    if due_from is not None:
        due = due.where(Deadline.due_on >= due_from)
    if due_before is not None:
        due = due.where(Deadline.due_on < due_before)
    return Letter.id.in_(due)


def _conditions(
    filter_: LetterFilter, today: dt.date, due_soon_until: dt.date
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filter_.date_from is not None:
        conditions.append(Letter.received_on >= filter_.date_from)
    if filter_.date_to is not None:
        conditions.append(Letter.received_on <= filter_.date_to)
    if filter_.state is not None:
        conditions.append(Letter.state == filter_.state)
    if filter_.letter_type is not None:
        conditions.append(Letter.letter_type == filter_.letter_type)
    if filter_.area_code is not None:
        conditions.append(
            or_(
                Letter.area_code == filter_.area_code,
                Letter.area_code.like(filter_.area_code + ".%"),
            )
        )
    if filter_.source is not None:
        conditions.append(Letter.source == filter_.source)
    if filter_.view is LetterView.TO_PROCESS:
        conditions.append(Letter.state.in_(UNDECIDED))
    elif filter_.view is LetterView.AWAITING_REPLY:
        conditions.append(Letter.state == LetterState.AWAITING_REPLY)
    elif filter_.view is LetterView.OVERDUE:
        conditions.append(_running(None, today))
    elif filter_.view is LetterView.DUE_SOON:
        conditions.append(_running(today, due_soon_until + dt.timedelta(days=1)))
    return conditions


def _order(filter_: LetterFilter) -> list[Any]:
    def way(column: Any) -> Any:
        return column.desc() if filter_.descending else column.asc()

    newest_first = [Letter.received_on.desc(), Letter.number.desc()]
    if filter_.sort is LetterSort.NAME:
        return [way(Letter.primary_name_sort), way(Letter.received_on), way(ROWID)]
    if filter_.sort is LetterSort.LETTER_TYPE:
        return [way(Letter.letter_type), *newest_first]
    if filter_.sort is LetterSort.STATE:
        return [way(Letter.state), *newest_first]
    return [way(Letter.received_on), way(Letter.number)]


def _query(
    session: Session, filter_: LetterFilter, today: dt.date, due_soon_until: dt.date
) -> Select[Any]:
    conditions = _conditions(filter_, today, due_soon_until)
    matches = fulltext.letter_search(session.connection(), filter_.search)
    if matches is not None:
        conditions.append(matches)
    query = select(ROWID).select_from(Letter)
    return query.where(and_(*conditions)) if conditions else query


def register_keys(
    session: Session,
    filter_: LetterFilter,
    today: dt.date,
    due_soon_until: dt.date,
    limit: int | None = None,
) -> list[int]:
    query = _query(session, filter_, today, due_soon_until).order_by(*_order(filter_))
    if limit is not None:
        query = query.limit(limit)
    return list(session.connection().execute(query).scalars().all())  # one fetchall


def register_count(
    session: Session, filter_: LetterFilter, today: dt.date, due_soon_until: dt.date
) -> int:
    counted = select(func.count()).select_from(
        _query(session, filter_, today, due_soon_until).subquery()
    )
    return int(session.connection().execute(counted).scalar_one())


def people_of(
    session: Session, letter_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[LetterPartyRole, Person]]]:
    people: dict[uuid.UUID, list[tuple[LetterPartyRole, Person]]] = defaultdict(list)
    rows = session.execute(
        select(LetterPerson.letter_id, LetterPerson.role, Person)
        .join(Person, Person.id == LetterPerson.person_id)
        .where(LetterPerson.letter_id.in_(letter_ids))
        .order_by(LetterPerson.letter_id, LetterPerson.position)
    )
    for letter_id, role, person in rows:
        people[letter_id].append((role, person))
    return people


def _filer_columns(letter: Letter, people: list[tuple[LetterPartyRole, Person]]) -> tuple[str, str]:
    def named(person: Person) -> str:
        return f"{person.full_name} – {person.address}" if person.address else person.full_name

    shown = [p for role, p in people if role is not LetterPartyRole.AUTHORISED] or [
        p for _, p in people
    ]
    names = "; ".join(named(p) for p in shown[:3])
    if len(shown) > 3:
        names += f" và {len(shown) - 3} người khác"
    if letter.filer_org:
        names = f"{letter.filer_org}" + (f" ({names})" if names else "")
    if letter.signer_count > 1 and not letter.filer_org:
        names = f"{letter.signer_count} người ký" + (f": {names}" if names else "")
    if not names:
        names = letter.filer_identity.label
    numbers = ", ".join(p.id_number for p in shown[:3] if p.id_number)
    return names, numbers


def identity_of(persons: Iterable[Person]) -> list[str]:
    """What free text may repeat of these people (to lift out where they are protected)."""
    found: list[str] = []
    for person in persons:
        found += identity_fragments(
            person.full_name, person.id_number, person.phone, person.address
        )
    return found


def filer_label(letter: Letter, may_see_denouncers: bool) -> str | None:
    """The code shown instead of a protected filer (None: the name may be shown)."""
    if identity_hidden(letter.letter_type, may_see_denouncers):
        return protected_visitor_label(letter.letter_type, letter.year, letter.number)
    return None


def _next_deadlines(
    session: Session, letter_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[dt.date, str]]:
    rows = session.execute(
        select(Deadline.letter_id, Deadline.due_on, Deadline.rule_id)
        .where(Deadline.letter_id.in_(letter_ids), Deadline.status == DeadlineStatus.OPEN)
        .order_by(Deadline.due_on.desc())
    )
    # Latest first, so the earliest due date of each letter is written last.
    return {letter_id: (due_on, rule) for letter_id, due_on, rule in rows if letter_id}


def _labels(session: Session, letter_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not letter_ids:
        return {}
    rows = session.execute(
        select(Letter.id, Letter.number, Letter.year).where(Letter.id.in_(letter_ids))
    )
    return {letter_id: f"{number}/{year}" for letter_id, number, year in rows}


def register_rows(
    session: Session, keys: Sequence[int], may_see_denouncers: bool
) -> list[LetterRow]:
    """The rows of `keys`, in the same order (keys of deleted rows are left out)."""
    read = session.execute(select(ROWID, Letter).where(ROWID.in_(list(keys))))
    found: dict[int, Letter] = {key: letter for key, letter in read.all()}  # noqa: C416
    ids = [letter.id for letter in found.values()]
    people = people_of(session, ids)
    due = _next_deadlines(session, ids)
    originals = _labels(
        session, {row.duplicate_of_id for row in found.values() if row.duplicate_of_id}
    )
    rows = []
    for key in keys:
        letter = found.get(key)
        if letter is None:
            continue
        code = filer_label(letter, may_see_denouncers)
        names, numbers = (code, "") if code else _filer_columns(letter, people.get(letter.id, []))
        content = letter.content
        if code is not None:  # nor where the letter's own words repeat who wrote it
            persons = [person for _role, person in people.get(letter.id, [])]
            content = redact_identity(content, identity_of(persons))
        next_due = due.get(letter.id)
        rows.append(
            LetterRow(
                key=key,
                letter_id=letter.id,
                year=letter.year,
                number=letter.number,
                received_on=letter.received_on,
                source=letter.source,
                forwarded_by=letter.forwarded_by,
                filer=names,
                id_numbers=numbers,
                content=content,
                letter_type=letter.letter_type,
                area_code=letter.area_code,
                state=letter.state,
                outcome=letter.outcome,
                outcome_on=letter.outcome_on,
                outcome_body=letter.outcome_body,
                next_due=next_due[0] if next_due else None,
                next_rule=next_due[1] if next_due else None,
                identity_hidden=code is not None,
                repeat_of=originals.get(letter.duplicate_of_id) if letter.duplicate_of_id else None,
            )
        )
    return rows


def filer_views(
    session: Session, letter: Letter, may_see_denouncers: bool
) -> tuple[tuple[tuple[VisitorView, LetterPartyRole], ...], bool]:
    """The filers of `letter` as this user may see them, and whether they are masked."""
    code = filer_label(letter, may_see_denouncers)
    if code is not None:
        return ((VisitorView(code, VisitorRole.VISITOR), LetterPartyRole.FILER),), True
    people = people_of(session, [letter.id]).get(letter.id, [])
    return tuple((person_view(person), role) for role, person in people), False


def next_number(session: Session, unit_id: uuid.UUID, year: int) -> int:
    """The register number of the next letter of `year`; numbers restart each year."""
    last = session.scalar(
        select(func.max(Letter.number)).where(Letter.unit_id == unit_id, Letter.year == year)
    )
    return int(last or 0) + 1


def visit_label(session: Session, visit_id: uuid.UUID | None) -> str | None:
    if visit_id is None:
        return None
    found = session.execute(select(Visit.number, Visit.year).where(Visit.id == visit_id)).first()
    return f"Lượt tiếp số {found[0]}/{found[1]}" if found else None


# --- matters: repeats, guidance and forwarding counted per matter ----------------------


def matter_root(letter: Letter) -> uuid.UUID:
    """The first letter of the matter `letter` belongs to."""
    return letter.duplicate_of_id or letter.id


def matter_stats(
    session: Session, roots: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int, int]]:
    """For each matter (its first letter): letters, times guided, times forwarded."""
    if not roots:
        return {}
    root = func.coalesce(Letter.duplicate_of_id, Letter.id)
    rows = session.execute(
        select(root, Letter.outcome, func.count())
        .where(or_(Letter.id.in_(roots), Letter.duplicate_of_id.in_(roots)))
        .group_by(root, Letter.outcome)
    )
    stats: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0, 0])
    for matter, outcome, count in rows:
        entry = stats[matter]
        entry[0] += count
        entry[1] += count if outcome in GUIDING else 0
        entry[2] += count if outcome in FORWARDING else 0
    return {matter: (e[0], e[1], e[2]) for matter, e in stats.items()}


# --- duplicates --------------------------------------------------------------------------


@dataclass(frozen=True)
class BlindKeys:
    """The keyed blind index values of the people typed or sealed (identity_vault)."""

    ids: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # name with birth year, or with address


def _sealed_conditions(blind: BlindKeys) -> list[tuple[ColumnElement[bool], bool]]:
    conditions: list[tuple[ColumnElement[bool], bool]] = []
    if blind.ids:
        conditions.append((SealedPerson.blind_id.in_(blind.ids), True))
    if blind.names:
        names = list(blind.names)
        either = or_(
            SealedPerson.blind_name_year.in_(names), SealedPerson.blind_name_address.in_(names)
        )
        conditions.append((either, False))
    return conditions


def _letters_of_people(
    session: Session,
    id_numbers: Sequence[str],
    name_keys: Sequence[tuple[str, int | None, str | None]],
    may_see_denouncers: bool,
    blind: BlindKeys = BlindKeys(),
) -> dict[uuid.UUID, bool]:
    """Letters filed by the same people: letter id → found by the ID number.
    A protected letter is left out for those who may not know who filed it:
    finding it by the person's name would tell them.  Sealed denouncers are
    found by their blind index, for those who may know."""
    same: dict[uuid.UUID, bool] = {}
    if may_see_denouncers:
        for condition, by_number in _sealed_conditions(blind):
            query = (
                select(LetterPerson.letter_id)
                .join(SealedPerson, SealedPerson.person_id == LetterPerson.person_id)
                .where(condition)
                .limit(200)
            )
            for letter_id in session.scalars(query):
                same[letter_id] = same.get(letter_id, False) or by_number
    person_conditions: list[tuple[ColumnElement[bool], bool]] = []
    if id_numbers:
        person_conditions.append((Person.id_number.in_(list(id_numbers)), True))
    for name_key, birth_year, address_key in name_keys:
        condition = Person.name_key == name_key
        if birth_year is not None:
            condition = and_(condition, Person.birth_year == birth_year)
        if address_key:
            condition = and_(condition, Person.address_key == address_key)
        if birth_year is not None or address_key:
            person_conditions.append((condition, False))
    for condition, by_number in person_conditions:
        query = (
            select(LetterPerson.letter_id)
            .join(Person, Person.id == LetterPerson.person_id)
            .join(Letter, Letter.id == LetterPerson.letter_id)
            .where(condition)
            .limit(200)
        )
        if not may_see_denouncers:
            query = query.where(Letter.letter_type.not_in(IDENTITY_PROTECTED_TYPES))
        for letter_id in session.scalars(query):
            same[letter_id] = same.get(letter_id, False) or by_number
    return same


def duplicate_candidates(
    session: Session,
    content: str,
    id_numbers: Sequence[str],
    name_keys: Sequence[tuple[str, int | None, str | None]],
    excluding: uuid.UUID | None,
    may_see_denouncers: bool,
    protected_new: bool,
    blind: BlindKeys = BlindKeys(),
) -> list[DuplicateCandidate]:
    """Letters that may be the same matter: the same person (ID number, or folded
    name with birth year or address) and letters of similar content, the most
    likely first.  `protected_new`: the letter being checked is a denunciation
    whose filer the user may not know, so nobody is matched by person."""
    by_person = (
        {}
        if protected_new
        else _letters_of_people(session, id_numbers, name_keys, may_see_denouncers, blind)
    )
    words = distinctive_words(content)
    rowids = fulltext.letters_sharing_words(session.connection(), words, CONTENT_CANDIDATES)
    letters: dict[uuid.UUID, Letter] = {}
    if rowids:
        letters |= {row.id: row for row in session.scalars(select(Letter).where(ROWID.in_(rowids)))}
    if by_person:
        missing = [i for i in by_person if i not in letters]
        letters |= {
            row.id: row for row in session.scalars(select(Letter).where(Letter.id.in_(missing)))
        }
    if excluding is not None:
        letters.pop(excluding, None)
    scored = []
    for letter in letters.values():
        score = similarity(content, letter.content)
        if letter.id in by_person or score >= SIMILAR_CONTENT:
            scored.append((letter, score))
    scored.sort(
        key=lambda pair: (pair[0].id not in by_person, -pair[1], -pair[0].received_on.toordinal())
    )
    chosen = scored[:SHOWN_DUPLICATES]
    stats = matter_stats(session, list({matter_root(row) for row, _ in chosen}))
    people = people_of(session, [row.id for row, _ in chosen])
    result = []
    for letter, score in chosen:
        code = filer_label(letter, may_see_denouncers)
        names = code or _filer_columns(letter, people.get(letter.id, []))[0]
        count, guided, forwarded = stats.get(matter_root(letter), (1, 0, 0))
        result.append(
            DuplicateCandidate(
                letter_id=letter.id,
                year=letter.year,
                number=letter.number,
                received_on=letter.received_on,
                letter_type=letter.letter_type,
                state=letter.state,
                outcome=letter.outcome,
                content=letter.content,
                filer_label=names,
                same_person=letter.id in by_person,
                same_id_number=by_person.get(letter.id, False),
                similarity=round(score, 2),
                matter_letters=count,
                guided=guided,
                forwarded=forwarded,
            )
        )
    return result


def original_of(session: Session, letter: Letter) -> Letter | None:
    if letter.duplicate_of_id is None:
        return None
    return session.get(Letter, letter.duplicate_of_id)
