"""The reception register (Sổ tiếp công dân): recording visits, finding the
people who came before, reading the register, and handing a visit's letter to
the letter register.

Identity rule: who came about a denunciation (or a letter with several
contents) is only shown to roles with VIEW_DENOUNCERS; everyone else sees a
code, and cannot find such a person by name, ID number or address.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db import fulltext
from tiepdan_desktop.db.models import (
    Case,
    Deadline,
    Letter,
    LetterPerson,
    Person,
    ReceptionSession,
    SubjectAreaRow,
    User,
    Visit,
    VisitPerson,
)
from tiepdan_desktop.db.repositories import audit as audit_repo
from tiepdan_desktop.db.repositories import letters as letter_repo
from tiepdan_desktop.db.repositories import visits as repo
from tiepdan_desktop.db.repositories.organisation import the_unit
from tiepdan_desktop.db.repositories.sealed_people import tag_cleaners
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.confidentiality import (
    identity_is_protected,
)
from tiepdan_desktop.domain.deadlines import DeadlineRequest
from tiepdan_desktop.domain.enums import (
    DeadlineStatus,
    FilerKind,
    LetterPartyRole,
    LetterSource,
    LetterState,
    ReceptionType,
    VisitHandling,
    VisitorRole,
)
from tiepdan_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.reception import ANSWER_OWED, visit_problems, visit_warnings
from tiepdan_desktop.domain.records import AuditRecord
from tiepdan_desktop.domain.text import normalize_text, search_key
from tiepdan_desktop.domain.validators import digits_only
from tiepdan_desktop.domain.visit_records import (
    LetterRef,
    PersonHistory,
    PersonInput,
    PersonMatch,
    RegisterFilter,
    RegisterRow,
    RegisterStart,
    VisitDetail,
    VisitInput,
)
from tiepdan_desktop.services.access import current_permission, requires
from tiepdan_desktop.services.citizens import cleaner_for_input, optional_text, person_row
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.due_dates import open_deadline
from tiepdan_desktop.services.export_audit import record_identity_view
from tiepdan_desktop.services.identity_sealing import (
    VISIT_TEXTS,
    RecordCodes,
    Sealing,
    cleaner_for,
    drop_orphans,
    seal_stored,
    sealed_copy,
    start_sealing,
    unchanged,
    vault_writer,
)
from tiepdan_desktop.services.letter_support import start_intake_clocks
from tiepdan_desktop.services.visit_support import refresh_visit_keys

MAX_BLOCK = 500
FIRST_KEYS = 200  # a screenful and then some
FIRST_ROWS = 100  # read with the first keys: the screen's first block


def _may_see_denouncers(context: ServiceContext, actor: Actor) -> bool:
    return current_permission(context, actor, Permission.VIEW_DENOUNCERS)


# --- reading -------------------------------------------------------------------------


@requires(Permission.VIEW_REGISTERS)
def register_keys(context: ServiceContext, actor: Actor, filter_: RegisterFilter) -> list[int]:
    """The keys of the register rows that pass `filter_`, in its order."""
    with context.sessions.reading() as session:
        return repo.register_keys(session, filter_)


@requires(Permission.VIEW_REGISTERS)
def register_start(
    context: ServiceContext, actor: Actor, filter_: RegisterFilter, first: int = FIRST_KEYS
) -> RegisterStart:
    """The row count, the first keys and their first rows: enough to show a
    register at once, while the rest of the keys (register_keys) are read."""
    may_see = _may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        keys = repo.register_keys(session, filter_, first)
        total = len(keys) if len(keys) < first else repo.register_count(session, filter_)
        rows = repo.register_rows(session, keys[:FIRST_ROWS], may_see)
        return RegisterStart(total, keys, tuple(rows))


@requires(Permission.VIEW_REGISTERS)
def register_rows(context: ServiceContext, actor: Actor, keys: Sequence[int]) -> list[RegisterRow]:
    """The rows of a block of keys, identities masked for those who may not see them."""
    if len(keys) > MAX_BLOCK:
        raise ValidationError({"keys": f"Mỗi lần đọc tối đa {MAX_BLOCK} dòng."})
    may_see = _may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        return repo.register_rows(session, keys, may_see)


@requires(Permission.VIEW_REGISTERS)
def register_period(
    context: ServiceContext, actor: Actor, date_from: dt.date, date_to: dt.date
) -> list[RegisterRow]:
    """Every row of a period in register order (oldest first), for printing."""
    if date_to < date_from:
        raise ValidationError({"date_to": "Ngày kết thúc phải từ ngày bắt đầu trở đi."})
    may_see = _may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        return repo.period_rows(session, date_from, date_to, may_see)


def _detail(session: Session, visit: Visit, may_see: bool) -> VisitDetail:
    people, hidden = repo.visitor_views(session, visit, may_see)
    reception = session.get(ReceptionSession, visit.session_id) if visit.session_id else None
    matter = session.get(Case, visit.case_id) if visit.case_id else None
    letter = session.scalar(select(Letter).where(Letter.visit_id == visit.id).limit(1))
    return VisitDetail(
        id=visit.id,
        chair_in_person=visit.chair_in_person,
        presided_by=reception.presided_by if reception else None,
        officer_id=visit.officer_id,
        people=people,
        identity_hidden=hidden,
        area_code=visit.area_code,
        is_repeat=visit.is_repeat,
        case_id=visit.case_id,
        case_label=repo.case_label(matter) if matter else None,
        **repo.register_fields(visit),
        letter_label=LetterRef(letter.id, letter.year, letter.number).label if letter else None,
    )


@requires(Permission.VIEW_REGISTERS)
def get_visit(context: ServiceContext, actor: Actor, visit_id: uuid.UUID) -> VisitDetail:
    may_see = _may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFoundError("Không tìm thấy lượt tiếp này (có thể đã bị xóa).")
        detail = _detail(session, visit, may_see)
        protected = may_see and repo.visitor_views(session, visit, False)[1]
    if protected:
        record_identity_view(context, actor, "visit", str(visit_id))
    return detail


@requires(Permission.VIEW_REGISTERS)
def find_people(
    context: ServiceContext,
    actor: Actor,
    name: str,
    id_number: str = "",
    birth_year: int | None = None,
    address: str = "",
) -> list[PersonMatch]:
    """People already in the database who may be the one being typed."""
    may_see = _may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        return repo.find_people(
            session,
            name,
            digits_only(id_number).upper(),
            birth_year,
            search_key(address),
            may_see,
        )


@requires(Permission.VIEW_REGISTERS)
def person_history(context: ServiceContext, actor: Actor, person_id: uuid.UUID) -> PersonHistory:
    may_see = _may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        history = repo.person_history(session, person_id, may_see)
    if history is None:
        raise NotFoundError("Không tìm thấy công dân này.")
    return history


@requires(Permission.VIEW_REGISTERS)
def list_officers(context: ServiceContext, actor: Actor) -> list[tuple[uuid.UUID, str]]:
    """Active accounts that may receive citizens, for the officer field and filter."""
    with context.sessions.reading() as session:
        users = session.execute(
            select(User.id, User.full_name).where(User.active.is_(True)).order_by(User.full_name)
        )
        return [(user_id, name) for user_id, name in users]


# --- writing -------------------------------------------------------------------------


def _checked(visit: VisitInput, context: ServiceContext) -> None:
    if problems := visit_problems(visit, context.clock()):
        raise ValidationError(problems)


def _officer(
    session: Session, actor: Actor, officer_id: uuid.UUID | None
) -> tuple[uuid.UUID | None, str]:
    wanted = officer_id or actor.user_id
    if wanted is None:
        return None, actor.full_name
    user = session.get(User, wanted)
    if user is None or not user.active:
        raise ValidationError({"officer_id": "Cán bộ tiếp này không còn trong danh sách."})
    return user.id, user.full_name


def _reception_session(
    session: Session, unit_id: uuid.UUID, visit: VisitInput
) -> ReceptionSession | None:
    """The chairman's periodic or ad-hoc reception day the visit belongs to,
    made the first time a visit of that day is recorded."""
    if visit.presided_by is None or visit.chair_in_person is None:
        return None
    presided_by = normalize_text(visit.presided_by)
    held_on = visit.visited_at.date()
    found = session.scalar(
        select(ReceptionSession).where(
            ReceptionSession.unit_id == unit_id,
            ReceptionSession.held_on == held_on,
            ReceptionSession.reception_type == visit.reception_type,
            ReceptionSession.presided_by == presided_by,
            ReceptionSession.chair_in_person == visit.chair_in_person,
        )
    )
    if found is not None:
        return found
    created = ReceptionSession(
        unit_id=unit_id,
        held_on=held_on,
        reception_type=visit.reception_type,
        chair_in_person=visit.chair_in_person,
        presided_by=presided_by,
    )
    session.add(created)
    session.flush()
    return created


def _set_people(
    session: Session,
    unit_id: uuid.UUID,
    visit: Visit,
    people: Sequence[PersonInput],
    may_see: bool,
    sealing: Sealing | None,
) -> None:
    before = [link.person_id for link in visit.visitors]
    visit.visitors.clear()
    session.flush()  # the old links go before the new ones may take their keys
    seen: set[uuid.UUID] = set()
    for position, person in enumerate(people):
        row = person_row(session, unit_id, person, may_see, sealing)
        session.flush()
        if row.id in seen:
            raise ValidationError({"people": f"{row.full_name} được ghi hai lần."})
        seen.add(row.id)
        visit.visitors.append(VisitPerson(person_id=row.id, role=person.role, position=position))
    if sealing is not None:
        drop_orphans(session, before)


def _apply(
    session: Session,
    context: ServiceContext,
    actor: Actor,
    row: Visit,
    visit: VisitInput,
    may_see: bool,
) -> None:
    unit = the_unit(session)
    if unit is None:
        raise ConflictError("Chưa cài đặt đơn vị.")
    if visit.area_code and session.get(SubjectAreaRow, visit.area_code) is None:
        raise ValidationError({"area_code": "Lĩnh vực này không có trong danh mục."})
    if visit.case_id and session.get(Case, visit.case_id) is None:
        raise ValidationError({"case_id": "Không tìm thấy vụ việc đã chọn."})
    row.officer_id, row.officer_name = _officer(session, actor, visit.officer_id)
    regular = visit.reception_type is ReceptionType.REGULAR
    reception = None if regular else _reception_session(session, unit.id, visit)
    was_open = row.id is not None and not identity_is_protected(row.letter_type)
    sealing = _sealing(session, row, visit)
    clean = sealing.cleaner.clean if sealing is not None else unchanged
    row.visited_at = visit.visited_at.replace(second=0, microsecond=0)
    row.reception_type = visit.reception_type
    row.session_id = reception.id if reception else None
    row.chair_in_person = visit.chair_in_person if reception else None
    row.content = clean(visit.content) or ""
    row.letter_type = visit.letter_type
    row.area_code = visit.area_code
    row.is_repeat = visit.is_repeat
    row.case_id = visit.case_id
    row.prior_handling = clean(optional_text(visit.prior_handling))
    row.handling = visit.handling
    row.refusal_ground = visit.refusal_ground if visit.handling is VisitHandling.REFUSED else None
    row.forwarded_to = clean(optional_text(visit.forwarded_to))
    row.result_followup = clean(optional_text(visit.result_followup))
    row.notes = clean(optional_text(visit.notes))
    row.is_group = visit.is_group
    row.head_count = visit.head_count if visit.is_group else 1
    session.add(row)  # a new visit joins the session only now, complete
    if visit.people is not None:
        _set_people(session, unit.id, row, visit.people, may_see, sealing)
    elif sealing is not None:
        session.flush()
        if seal_stored(
            session, sealing.writer, sealing.codes, row, list(row.visitors), VISIT_TEXTS
        ):
            refresh_visit_keys(session, row)
            session.flush()  # the register's index forgets the words it had of them
            fulltext.rebuild(session.connection(), "visit")
    session.flush()
    refresh_visit_keys(session, row)
    if sealing is not None and was_open:  # made a denunciation here: the index forgets them
        session.flush()
        fulltext.rebuild(session.connection(), "visit")
    if visit.people is not None:
        # A person corrected here reads the same in their earlier visits' keys.
        people = select(VisitPerson.person_id).where(VisitPerson.visit_id == row.id)
        for other in session.scalars(
            select(Visit)
            .join(VisitPerson, VisitPerson.visit_id == Visit.id)
            .where(VisitPerson.person_id.in_(people), Visit.id != row.id)
            .distinct()
        ):
            refresh_visit_keys(session, other)


def _sealing(session: Session, row: Visit, visit: VisitInput) -> Sealing | None:
    """How a denunciation's visitors are sealed and its texts cleaned, prepared
    before anything of the form is written; None for an open visit (or before
    the vault exists)."""
    writer = vault_writer(session)
    if writer is None or not identity_is_protected(visit.letter_type):
        return None
    assert visit.letter_type is not None  # protected
    codes = RecordCodes(visit.letter_type, row.year, row.number)
    sealing = start_sealing(session, writer, codes)
    if visit.people is not None:
        cleaner_for_input(session, sealing, visit.people)
    elif row.id is not None:  # visitors kept as stored: sealed after the texts are clean
        stored = session.scalars(
            select(VisitPerson.person_id).where(VisitPerson.visit_id == row.id)
        )
        if (existing := cleaner_for(session, list(stored), unsealed_too=True)) is not None:
            sealing.cleaner = existing
    return sealing


def _answer_clock(session: Session, visit: Visit) -> None:
    """R1: the visitor is owed an answer within 10 working days when the content
    was taken in; the clock stops counting if the handling changes to one that
    answers on the spot (guided, refused)."""
    running = session.scalars(
        select(Deadline).where(
            Deadline.visit_id == visit.id,
            Deadline.rule_id == "R1",
            Deadline.status == DeadlineStatus.OPEN,
        )
    ).all()
    owed = visit.handling in ANSWER_OWED
    start = visit.visited_at.date()
    if owed and not running:
        open_deadline(session, DeadlineRequest("R1", start), visit_id=visit.id)
    for deadline in running:
        if not owed:
            deadline.status = DeadlineStatus.CANCELLED
        elif deadline.start_on != start:
            deadline.status = DeadlineStatus.CANCELLED
            open_deadline(session, DeadlineRequest("R1", start), visit_id=visit.id)


@requires(Permission.EDIT_REGISTERS)
def register_visit(
    context: ServiceContext, actor: Actor, visit: VisitInput, with_letter: bool = False
) -> VisitDetail:
    """Record a new visit; its register number follows the last one of its year.
    `with_letter`: enter the visitor's letter too, in the same transaction."""
    if visit.people is None:
        raise ValidationError({"people": "Hãy nhập người đến."})
    _checked(visit, context)
    may_see = _may_see_denouncers(context, actor)
    year = visit.visited_at.year
    with context.sessions.writing(actor, "ghi_luot_tiep") as session:
        unit = the_unit(session)
        if unit is None:
            raise ConflictError("Chưa cài đặt đơn vị.")
        number = repo.next_number(session, unit.id, year)
        session.info["reason"] = f"Lượt tiếp số {number}/{year}"
        row = Visit(unit_id=unit.id, year=year, number=number, created_by=actor.user_id)
        _apply(session, context, actor, row, visit, may_see)
        _answer_clock(session, row)
        session.flush()
        if with_letter:
            _letter_from_visit(session, actor, row)
        detail = _detail(session, row, may_see)
    return _with_warnings(detail, visit)


@requires(Permission.EDIT_REGISTERS)
def update_visit(
    context: ServiceContext,
    actor: Actor,
    visit_id: uuid.UUID,
    visit: VisitInput,
    with_letter: bool = False,
) -> VisitDetail:
    """Correct a visit.  Its register number and year stay; people the user may not
    see are kept as they are (`visit.people` is None then)."""
    _checked(visit, context)
    may_see = _may_see_denouncers(context, actor)
    with context.sessions.writing(actor, "sua_luot_tiep") as session:
        row = session.get(Visit, visit_id)
        if row is None:
            raise NotFoundError("Không tìm thấy lượt tiếp này (có thể đã bị xóa).")
        session.info["reason"] = f"Lượt tiếp số {row.number}/{row.year}"
        hidden = repo.visitor_views(session, row, may_see)[1]
        if visit.people is not None and hidden:
            raise ValidationError(
                {"people": "Bạn không được xem, sửa người tố cáo của lượt tiếp này."}
            )
        if hidden and not identity_is_protected(visit.letter_type):
            # Reclassifying would show the denouncer to whoever reclassified.
            raise ValidationError(
                {
                    "letter_type": "Chỉ lãnh đạo được đổi phân loại của lượt tiếp có người "
                    "tố cáo được bảo mật."
                }
            )
        if visit.visited_at.year != row.year:
            numbered = f"Lượt tiếp số {row.number}/{row.year}"
            raise ValidationError(
                {"visited_at": f"{numbered}: ngày tiếp phải trong năm {row.year}."}
            )
        _apply(session, context, actor, row, visit, may_see)
        _answer_clock(session, row)
        session.flush()
        if with_letter:
            _letter_from_visit(session, actor, row)
        detail = _detail(session, row, may_see)
    return _with_warnings(detail, visit)


def _with_warnings(detail: VisitDetail, visit: VisitInput) -> VisitDetail:
    warnings = tuple(visit_warnings(visit))
    return replace(detail, warnings=warnings) if warnings else detail


@requires(Permission.EDIT_REGISTERS)
def create_letter_from_visit(
    context: ServiceContext, actor: Actor, visit_id: uuid.UUID
) -> LetterRef:
    """The letter the visitor handed in or dictated, entered in the letter register
    with the visit's people, content and classification; its clocks (X1, and T1
    or K2 by its type) start on the day of the visit."""
    with context.sessions.writing(actor, "tao_don_tu_luot_tiep") as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFoundError("Không tìm thấy lượt tiếp này (có thể đã bị xóa).")
        return _letter_from_visit(session, actor, visit)


def _letter_from_visit(session: Session, actor: Actor, visit: Visit) -> LetterRef:
    existing = session.scalar(select(Letter).where(Letter.visit_id == visit.id).limit(1))
    if existing is not None:
        raise ConflictError(
            f"Lượt tiếp này đã có đơn vào sổ: đơn số {existing.number}/{existing.year}."
        )
    if visit.letter_type is None:
        raise ValidationError({"letter_type": "Hãy phân loại nội dung trước khi vào sổ đơn."})
    received = visit.visited_at.date()
    number = letter_repo.next_number(session, visit.unit_id, received.year)
    session.info["reason"] = (
        f"Đơn số {number}/{received.year} từ lượt tiếp số {visit.number}/{visit.year}"
    )
    letter = Letter(
        unit_id=visit.unit_id,
        year=received.year,
        number=number,
        received_on=received,
        source=LetterSource.IN_PERSON,
        officer_id=visit.officer_id,
        visit_id=visit.id,
        letter_type=visit.letter_type,
        area_code=visit.area_code,
        content=visit.content,
        filer_kind=FilerKind.MANY_SIGNERS if visit.is_group else FilerKind.INDIVIDUAL,
        signer_count=visit.head_count,
        case_id=visit.case_id,
        state=LetterState.RECEIVED,
        primary_name_sort=visit.primary_name_sort,
        search_text=visit.search_text,
        created_by=actor.user_id,
    )
    session.add(letter)
    session.flush()
    codes = RecordCodes(letter.letter_type, letter.year, letter.number)
    for link in visit.visitors:
        role = (
            LetterPartyRole.REPRESENTATIVE
            if link.role is VisitorRole.REPRESENTATIVE
            else LetterPartyRole.FILER
        )
        # A sealed visitor gets a row of their own under the letter's code, so
        # everyone calls the letter's filer by the same pseudonym.
        person = session.get(Person, link.person_id)
        copy = sealed_copy(session, person, codes) if person is not None else None
        session.add(
            LetterPerson(
                letter_id=letter.id,
                person_id=copy.id if copy is not None else link.person_id,
                role=role,
                position=link.position,
            )
        )
    start_intake_clocks(session, letter)
    return LetterRef(letter.id, letter.year, letter.number)


@requires(Permission.VIEW_AUDIT)
def visit_history(context: ServiceContext, actor: Actor, visit_id: uuid.UUID) -> list[AuditRecord]:
    """Who changed the visit, when, and each field's old → new value, newest first;
    a protected visitor's identity lifted out of the texts, as in the register."""
    may_see = _may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFoundError("Không tìm thấy lượt tiếp này (có thể đã bị xóa).")
        hidden = repo.visitor_views(session, visit, may_see)[1]
        people = repo.people_at(session, [visit.id]).get(visit.id, []) if hidden else []
        identity = letter_repo.identity_of(person for _role, person in people)
        everyone = [p.id for _r, p in repo.people_at(session, [visit.id]).get(visit.id, [])]
        sealed = tag_cleaners(session, {visit.id: everyone}).get(visit.id)
        records = audit_repo.recent_entries(session, 300, "visit", str(visit_id))
    return audit_repo.identity_lifted(records, identity, sealed)
