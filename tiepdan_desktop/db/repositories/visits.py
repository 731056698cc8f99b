"""Reading the reception register for screens, searches and prints.

Large-register pattern (ARCHITECTURE.md): `register_keys` answers a filter and
an order with the row keys only (SQLite rowids: small integers, read straight
from the indexes); `register_rows` reads the rows of a block of keys.  Who
visited about a denunciation is masked here, once, for every reader that may
not know it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from tiepdan_desktop.db import fulltext
from tiepdan_desktop.db.models import Case, Letter, LetterPerson, Person, Visit, VisitPerson
from tiepdan_desktop.domain.confidentiality import IDENTITY_PROTECTED_TYPES
from tiepdan_desktop.domain.enums import CaseState, CaseType, VisitorRole
from tiepdan_desktop.domain.reception import identity_hidden, protected_visitor_label
from tiepdan_desktop.domain.text import FOLDED_MATCH, match_rank, search_key
from tiepdan_desktop.domain.visit_records import (
    HistoryCase,
    HistoryVisit,
    PersonHistory,
    PersonMatch,
    RegisterFilter,
    RegisterRow,
    RegisterSort,
    VisitorView,
)

CANDIDATES = 40  # namesakes read to rank the few shown
ROWID: ColumnElement[int] = literal_column("visit.rowid", Integer)
CLOSED_CASE_STATES = frozenset({CaseState.CLOSED, CaseState.WITHDRAWN, CaseState.TERMINATED})
PROTECTED_CASE_TYPES = frozenset({CaseType.DENUNCIATION, CaseType.MIXED})


# --- the register ----------------------------------------------------------------------


def _conditions(filter_: RegisterFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filter_.date_from is not None:
        conditions.append(Visit.visited_at >= dt.datetime.combine(filter_.date_from, dt.time()))
    if filter_.date_to is not None:
        after = filter_.date_to + dt.timedelta(days=1)
        conditions.append(Visit.visited_at < dt.datetime.combine(after, dt.time()))
    if filter_.reception_type is not None:
        conditions.append(Visit.reception_type == filter_.reception_type)
    if filter_.letter_type is not None:
        conditions.append(Visit.letter_type == filter_.letter_type)
    if filter_.officer_id is not None:
        conditions.append(Visit.officer_id == filter_.officer_id)
    if filter_.handling is not None:
        conditions.append(Visit.handling == filter_.handling)
    if filter_.groups_only:
        conditions.append(Visit.is_group.is_(True))
    return conditions


def _order(filter_: RegisterFilter) -> list[Any]:
    def way(column: Any) -> Any:
        return column.desc() if filter_.descending else column.asc()

    newest_first = [Visit.visited_at.desc(), Visit.number.desc()]
    if filter_.sort is RegisterSort.NAME:
        # Straight from the (name, date) index, read forwards or backwards; its
        # entries end with the rowid, which breaks ties the same way every time.
        return [way(Visit.primary_name_sort), way(Visit.visited_at), way(ROWID)]
    if filter_.sort is RegisterSort.LETTER_TYPE:
        return [way(Visit.letter_type), *newest_first]
    if filter_.sort is RegisterSort.HEAD_COUNT:
        return [way(Visit.head_count), *newest_first]
    if filter_.sort is RegisterSort.HANDLING:
        return [way(Visit.handling), *newest_first]
    return [way(Visit.visited_at), way(Visit.number)]


# Orders an index gives (date and number; name and date).  With a search, the
# rows are best read by walking that index for the first screenful, and for all
# the keys when the search finds more than this share of the register; a
# narrower search is quicker fetched and sorted (db/fulltext.py).
_INDEXED_ORDERS = frozenset({RegisterSort.DATE, RegisterSort.NAME})
WIDE_SEARCH = 0.1


def _register_query(filter_: RegisterFilter, conditions: list[ColumnElement[bool]]) -> Select[int]:
    query = select(ROWID).select_from(Visit)
    if conditions:
        query = query.where(and_(*conditions))
    return query.order_by(*_order(filter_))


def _walks_index(session: Session, filter_: RegisterFilter, limit: int | None) -> bool:
    if not filter_.search or filter_.sort not in _INDEXED_ORDERS:
        return False
    if limit is not None:
        return True
    found = fulltext.match_count(session.connection(), filter_.search)
    rows = session.connection().execute(select(func.count()).select_from(Visit)).scalar_one()
    return found is not None and found > WIDE_SEARCH * rows


def register_keys(session: Session, filter_: RegisterFilter, limit: int | None = None) -> list[int]:
    """The keys of the rows that pass `filter_`, in its order (the first `limit`).
    When the search was typed with diacritics, the rows holding it exactly as
    typed come first, each part in the filter's order."""
    conditions = _conditions(filter_)
    walk = _walks_index(session, filter_, limit)
    matches, exact = fulltext.visit_search(session.connection(), filter_.search, walk)
    if matches is not None:
        conditions.append(matches)
    parts = [conditions] if exact is None else [[*conditions, exact], [*conditions, ~exact]]
    keys: list[int] = []
    for part in parts:
        query = _register_query(filter_, part)
        if limit is not None:
            query = query.limit(limit - len(keys))
        # Core, not the ORM: a plain list of integers, read as fast as SQLite gives them.
        keys += session.connection().execute(query).scalars().all()  # one fetchall
        if limit is not None and len(keys) >= limit:
            break
    return keys


def register_count(session: Session, filter_: RegisterFilter) -> int:
    """How many rows pass `filter_`."""
    conditions = _conditions(filter_)
    if not conditions and filter_.search:  # the search alone: the index counts it
        found = fulltext.match_count(session.connection(), filter_.search)
        if found is not None:
            return found
    matches, _exact = fulltext.visit_search(session.connection(), filter_.search)
    if matches is not None:
        conditions.append(matches)
    counted = select(func.count()).select_from(Visit)
    if conditions:
        counted = counted.where(and_(*conditions))
    return int(session.connection().execute(counted).scalar_one())


def people_at(
    session: Session, visit_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[VisitorRole, Person]]]:
    """The people at each visit, in the order the register lists them."""
    people: dict[uuid.UUID, list[tuple[VisitorRole, Person]]] = defaultdict(list)
    rows = session.execute(
        select(VisitPerson.visit_id, VisitPerson.role, Person)
        .join(Person, Person.id == VisitPerson.person_id)
        .where(VisitPerson.visit_id.in_(visit_ids))
        .order_by(VisitPerson.visit_id, VisitPerson.position)
    )
    for visit_id, role, person in rows:
        people[visit_id].append((role, person))
    return people


def _name_and_address(person: Any) -> str:
    return f"{person.full_name} – {person.address}" if person.address else person.full_name


def _identity_text(
    is_group: bool, head_count: int, people: Sequence[tuple[VisitorRole, Any]]
) -> tuple[str, str]:
    """Columns (3) and (4) of Mẫu số 03: for a group, its representatives."""
    shown = [p for role, p in people if role is VisitorRole.REPRESENTATIVE] or [
        p for _, p in people[:1]
    ]
    names = "; ".join(_name_and_address(p) for p in shown)
    if is_group:
        names = (
            f"Đoàn {head_count} người, đại diện: {names}" if names else f"Đoàn {head_count} người"
        )
    numbers = ", ".join(p.id_number for p in shown if p.id_number)
    return names, numbers


def register_fields(visit: Visit) -> dict[str, Any]:
    """What a register row and a visit's details both show, as stored."""
    return {
        "year": visit.year,
        "number": visit.number,
        "visited_at": visit.visited_at,
        "reception_type": visit.reception_type,
        "content": visit.content,
        "letter_type": visit.letter_type,
        "head_count": visit.head_count,
        "is_group": visit.is_group,
        "prior_handling": visit.prior_handling,
        "handling": visit.handling,
        "refusal_ground": visit.refusal_ground,
        "forwarded_to": visit.forwarded_to,
        "result_followup": visit.result_followup,
        "notes": visit.notes,
        "officer_name": visit.officer_name,
    }


# A register row's columns, read as plain rows (no ORM objects: a year's print
# reads a hundred thousand of them).
_ROW_COLUMNS = (
    ROWID.label("key"),
    type_coerce(Visit.id, String).label("stored_id"),
    Visit.year,
    Visit.number,
    Visit.visited_at,
    Visit.reception_type,
    Visit.content,
    Visit.letter_type,
    Visit.head_count,
    Visit.is_group,
    Visit.prior_handling,
    Visit.handling,
    Visit.refusal_ground,
    Visit.forwarded_to,
    Visit.result_followup,
    Visit.notes,
    Visit.officer_name,
)


def _register_people(session: Session, where: ColumnElement[bool]) -> dict[str, list[Any]]:
    """The people at the visits `where` chooses, by the visit's stored id, as
    (role, row with id, name, address, ID number); ids are left as stored: a
    print reads a hundred thousand of them and needs only the first person's."""
    people: dict[str, list[Any]] = defaultdict(list)
    rows = session.connection().execute(
        select(
            type_coerce(VisitPerson.visit_id, String),
            VisitPerson.role,
            type_coerce(Person.id, String).label("id"),
            Person.full_name,
            Person.address,
            Person.id_number,
        )
        .join(Person, Person.id == VisitPerson.person_id)
        .join(Visit, Visit.id == VisitPerson.visit_id)
        .where(where)
        .order_by(VisitPerson.visit_id, VisitPerson.position)
    )
    for row in rows:
        people[row[0]].append((row[1], row))
    return people


def _built_rows(
    found: Iterable[Any], people: dict[str, list[Any]], may_see_denouncers: bool
) -> list[RegisterRow]:
    rows = []
    for (
        key,
        stored_id,
        year,
        number,
        visited_at,
        reception_type,
        content,
        letter_type,
        head_count,
        is_group,
        prior_handling,
        handling,
        refusal_ground,
        forwarded_to,
        result_followup,
        notes,
        officer_name,
    ) in found:
        hidden = identity_hidden(letter_type, may_see_denouncers)
        visitors = people.get(stored_id, ())
        if hidden:
            names, numbers = protected_visitor_label(letter_type, year, number), ""
        else:
            names, numbers = _identity_text(is_group, head_count, visitors)
        rows.append(
            RegisterRow(
                key=key,
                visit_id=uuid.UUID(stored_id),
                year=year,
                number=number,
                visited_at=visited_at,
                reception_type=reception_type,
                names_and_addresses=names,
                id_numbers=numbers,
                content=content,
                letter_type=letter_type,
                head_count=head_count,
                is_group=is_group,
                prior_handling=prior_handling,
                handling=handling,
                refusal_ground=refusal_ground,
                forwarded_to=forwarded_to,
                result_followup=result_followup,
                notes=notes,
                officer_name=officer_name,
                identity_hidden=hidden,
                first_person_id=None if hidden or not visitors else uuid.UUID(visitors[0][1].id),
            )
        )
    return rows


def register_rows(
    session: Session, keys: Sequence[int], may_see_denouncers: bool
) -> list[RegisterRow]:
    """The rows of `keys`, in the same order (keys of deleted rows are left out)."""
    chosen = ROWID.in_(list(keys))
    found = {
        row[0]: row for row in session.connection().execute(select(*_ROW_COLUMNS).where(chosen))
    }
    people = _register_people(session, chosen)
    in_order = [found[key] for key in keys if key in found]
    return _built_rows(in_order, people, may_see_denouncers)


def period_rows(
    session: Session, date_from: dt.date, date_to: dt.date, may_see_denouncers: bool
) -> list[RegisterRow]:
    """Every row of a period in register order (oldest first), read in two
    queries over the date index: a year's print reads no keys first."""
    wanted = RegisterFilter(date_from=date_from, date_to=date_to, descending=False)
    within = and_(*_conditions(wanted))
    found = session.connection().execute(
        select(*_ROW_COLUMNS).where(within).order_by(*_order(wanted))
    )
    people = _register_people(session, within)
    return _built_rows(found, people, may_see_denouncers)


def visitor_views(
    session: Session, visit: Visit, may_see_denouncers: bool
) -> tuple[tuple[VisitorView, ...], bool]:
    """The people at `visit` as this user may see them, and whether they are masked."""
    if identity_hidden(visit.letter_type, may_see_denouncers):
        label = protected_visitor_label(visit.letter_type, visit.year, visit.number)
        return (VisitorView(label, VisitorRole.VISITOR),), True
    views = tuple(
        person_view(person, role)
        for role, person in people_at(session, [visit.id]).get(visit.id, [])
    )
    return views, False


def person_view(person: Person, role: VisitorRole = VisitorRole.VISITOR) -> VisitorView:
    """A person shown in full, to a user allowed to see them."""
    return VisitorView(
        full_name=person.full_name,
        role=role,
        person_id=person.id,
        birth_year=person.birth_year,
        gender=person.gender,
        id_type=person.id_type,
        id_number=person.id_number,
        address=person.address,
        phone=person.phone,
    )


def next_number(session: Session, unit_id: uuid.UUID, year: int) -> int:
    """The register number (STT) of the next visit of `year`; numbers restart each year."""
    last = session.scalar(
        select(func.max(Visit.number)).where(Visit.unit_id == unit_id, Visit.year == year)
    )
    return int(last or 0) + 1


# --- people ----------------------------------------------------------------------------


def _visible_link(may_see_denouncers: bool) -> ColumnElement[bool]:
    """A person this user may be shown: linked to a visit or letter not protected
    from them (a denouncer known only from denunciations stays unknown)."""
    if may_see_denouncers:
        return Person.id.is_not(None)
    open_visit = (
        select(VisitPerson.person_id)
        .join(Visit, Visit.id == VisitPerson.visit_id)
        .where(or_(Visit.letter_type.is_(None), Visit.letter_type.not_in(IDENTITY_PROTECTED_TYPES)))
    )
    open_letter = (
        select(LetterPerson.person_id)
        .join(Letter, Letter.id == LetterPerson.letter_id)
        .where(Letter.letter_type.not_in(IDENTITY_PROTECTED_TYPES))
    )
    return or_(Person.id.in_(open_visit), Person.id.in_(open_letter))


def _visible_visits(may_see_denouncers: bool) -> ColumnElement[bool]:
    if may_see_denouncers:
        return Visit.id.is_not(None)
    return or_(Visit.letter_type.is_(None), Visit.letter_type.not_in(IDENTITY_PROTECTED_TYPES))


def person_visible(session: Session, person_id: uuid.UUID, may_see_denouncers: bool) -> bool:
    found = session.scalar(
        select(Person.id).where(Person.id == person_id, _visible_link(may_see_denouncers))
    )
    return found is not None


def _case_links(
    session: Session, person_ids: Sequence[uuid.UUID]
) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(person, case) for every matter a person came or wrote about."""
    through_visits = (
        select(VisitPerson.person_id, Visit.case_id)
        .join(Visit, Visit.id == VisitPerson.visit_id)
        .where(VisitPerson.person_id.in_(person_ids), Visit.case_id.is_not(None))
    )
    through_letters = (
        select(LetterPerson.person_id, Letter.case_id)
        .join(Letter, Letter.id == LetterPerson.letter_id)
        .where(LetterPerson.person_id.in_(person_ids), Letter.case_id.is_not(None))
    )
    rows = session.execute(through_visits.union(through_letters))
    return [(person_id, case_id) for person_id, case_id in rows if case_id is not None]


def _cases_by_person(
    session: Session, person_ids: Sequence[uuid.UUID], may_see_denouncers: bool
) -> dict[uuid.UUID, list[Case]]:
    links = _case_links(session, person_ids)
    case_ids = {case_id for _, case_id in links}
    if not case_ids:
        return {}
    query = select(Case).where(Case.id.in_(case_ids))
    if not may_see_denouncers:
        query = query.where(Case.case_type.not_in(PROTECTED_CASE_TYPES))
    cases = {c.id: c for c in session.scalars(query)}
    result: dict[uuid.UUID, list[Case]] = defaultdict(list)
    for person_id, case_id in links:
        if case_id in cases:
            result[person_id].append(cases[case_id])
    return result


def _matches(
    session: Session, people: Sequence[Person], id_number: str, may_see_denouncers: bool
) -> list[PersonMatch]:
    ids = [p.id for p in people]
    visit_stats = session.execute(
        select(VisitPerson.person_id, func.count(), func.max(Visit.visited_at))
        .join(Visit, Visit.id == VisitPerson.visit_id)
        .where(VisitPerson.person_id.in_(ids), _visible_visits(may_see_denouncers))
        .group_by(VisitPerson.person_id)
    )
    counts: dict[uuid.UUID, int] = {}
    last: dict[uuid.UUID, dt.datetime] = {}
    for person_id, visit_count, last_visit in visit_stats:
        counts[person_id] = visit_count
        last[person_id] = last_visit
    letter_query = (
        select(LetterPerson.person_id, func.count())
        .join(Letter, Letter.id == LetterPerson.letter_id)
        .where(LetterPerson.person_id.in_(ids))
        .group_by(LetterPerson.person_id)
    )
    if not may_see_denouncers:
        letter_query = letter_query.where(Letter.letter_type.not_in(IDENTITY_PROTECTED_TYPES))
    letters: dict[uuid.UUID, int] = dict(session.execute(letter_query).all())
    cases = _cases_by_person(session, ids, may_see_denouncers)
    return [
        PersonMatch(
            person_id=p.id,
            full_name=p.full_name,
            birth_year=p.birth_year,
            gender=p.gender,
            id_type=p.id_type,
            id_number=p.id_number,
            address=p.address,
            phone=p.phone,
            same_id_number=bool(id_number) and p.id_number == id_number,
            visits=int(counts.get(p.id, 0)),
            last_visit=last[p.id].date() if last.get(p.id) else None,
            open_cases=sum(1 for c in cases.get(p.id, []) if c.state not in CLOSED_CASE_STATES),
            letters=letters.get(p.id, 0),
        )
        for p in people
    ]


def find_people(
    session: Session,
    typed_name: str,
    id_number: str,
    birth_year: int | None,
    address_key: str,
    may_see_denouncers: bool,
    limit: int = 8,
) -> list[PersonMatch]:
    """People who may be the one being typed: the same ID number first, then the
    same name as typed so far (diacritics folded): the name written exactly as
    typed, the same birth year and a similar address ranked higher."""
    visible = _visible_link(may_see_denouncers)
    found: list[Person] = []
    if id_number:
        found += session.scalars(
            select(Person).where(Person.id_number == id_number, visible).limit(limit)
        )
    name_key = search_key(typed_name)
    if len(name_key) >= 2:
        same_year = case((Person.birth_year == birth_year, 0), else_=1) if birth_year else None
        same_place = (
            case((Person.address_key.like(f"%{address_key[:20]}%"), 0), else_=1)
            if address_key
            else None
        )
        order = [o for o in (same_year, same_place) if o is not None]
        candidates = session.scalars(
            select(Person)
            .where(
                Person.name_key >= name_key,
                Person.name_key < name_key + "\uffff",
                Person.id.not_in([p.id for p in found]),
                visible,
            )
            .order_by(*order, Person.name_key, Person.birth_year)
            .limit(CANDIDATES)
        ).all()

        # Stable: among equals the SQL order (birth year, place) stays.
        def rank(person: Person) -> int:
            found_rank = match_rank(typed_name, person.full_name)
            return FOLDED_MATCH if found_rank is None else found_rank

        exact_first = sorted(candidates, key=rank)
        found += exact_first[: limit - len(found)]
    return _matches(session, found[:limit], id_number, may_see_denouncers)


def person_history(
    session: Session, person_id: uuid.UUID, may_see_denouncers: bool
) -> PersonHistory | None:
    person = session.scalar(
        select(Person).where(Person.id == person_id, _visible_link(may_see_denouncers))
    )
    if person is None:
        return None
    match = _matches(session, [person], "", may_see_denouncers)[0]
    visits = session.execute(
        select(Visit)
        .join(VisitPerson, VisitPerson.visit_id == Visit.id)
        .where(VisitPerson.person_id == person_id, _visible_visits(may_see_denouncers))
        .order_by(Visit.visited_at.desc(), Visit.number.desc())
        .limit(50)
    ).scalars()
    history = tuple(
        HistoryVisit(v.id, v.year, v.number, v.visited_at, v.content, v.letter_type, v.handling)
        for v in visits
    )
    cases = sorted(
        _cases_by_person(session, [person_id], may_see_denouncers).get(person_id, []),
        key=lambda c: c.received_on,
        reverse=True,
    )
    unique = {c.id: c for c in cases}
    return PersonHistory(
        match,
        history,
        tuple(
            HistoryCase(
                c.id,
                case_label(c),
                c.case_type,
                c.state,
                c.summary,
                c.received_on,
                c.state not in CLOSED_CASE_STATES,
            )
            for c in unique.values()
        ),
    )


def case_label(case_row: Case) -> str:
    return f"Vụ việc số {case_row.number}/{case_row.year} – {case_row.case_type.label}"
