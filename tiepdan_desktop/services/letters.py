"""The letter register (Sổ đơn): entering letters, classifying them (TT 05/2021
Đ6), finding duplicates and repeat filers, and reading the register.

Identity rule, as in the reception register: who filed a denunciation (or a
letter with several contents) is only shown to roles with VIEW_DENOUNCERS;
everyone else sees a code, cannot find such a letter by the filer's name, and
is never told that a person they typed filed one.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db import fulltext
from tiepdan_desktop.db.models import (
    Attachment,
    Letter,
    LetterPerson,
    SubjectAreaRow,
    User,
)
from tiepdan_desktop.db.repositories import audit as audit_repo
from tiepdan_desktop.db.repositories import letters as repo
from tiepdan_desktop.db.repositories.calendar import work_calendar
from tiepdan_desktop.db.repositories.organisation import the_unit
from tiepdan_desktop.db.repositories.sealed_people import tag_cleaners
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.confidentiality import (
    identity_is_protected,
)
from tiepdan_desktop.domain.deadlines.status import last_due_soon_day
from tiepdan_desktop.domain.enums import LetterState, LetterType
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.letter_classification import (
    Classification,
    FilerIdentity,
    classification_problems,
)
from tiepdan_desktop.domain.letter_intake import is_forwarded, letter_problems
from tiepdan_desktop.domain.letter_records import (
    DuplicateCandidate,
    LetterDetail,
    LetterFilter,
    LetterInput,
    LetterRow,
    LetterView,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import AuditRecord
from tiepdan_desktop.domain.text import normalize_multiline, normalize_text, search_key
from tiepdan_desktop.domain.validators import digits_only
from tiepdan_desktop.domain.visit_records import PersonInput, RegisterStart
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.attachment_store import remove_plain_copies, seal_files
from tiepdan_desktop.services.citizens import (
    cleaner_for_input,
    optional_text,
    person_row,
    typed_identity,
)
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.due_dates import deadline_settings
from tiepdan_desktop.services.export_audit import record_identity_view
from tiepdan_desktop.services.identity_sealing import (
    LETTER_TEXTS,
    RecordCodes,
    Sealing,
    blind_keys_of,
    blind_keys_stored,
    cleaned_for_letter,
    cleaner_for,
    drop_orphans,
    seal_stored,
    start_sealing,
    unchanged,
    vault_writer,
)
from tiepdan_desktop.services.letter_support import (
    letter_detail,
    load_letter,
    may_see_denouncers,
    refresh_search_keys,
    start_intake_clocks,
)

MAX_BLOCK = 500
FIRST_KEYS = 200


# --- reading the register ------------------------------------------------------------


def _due_window(session: Session, today: dt.date, filter_: LetterFilter) -> dt.date:
    """The last due date «Sắp đến hạn» reaches, as the deadline status counts it."""
    if filter_.view is not LetterView.DUE_SOON:
        return today
    warning = deadline_settings(session).warning_working_days
    return last_due_soon_day(today, work_calendar(session), warning)


@requires(Permission.VIEW_REGISTERS)
def due_soon_until(context: ServiceContext, actor: Actor) -> dt.date:
    """The last day «Sắp đến hạn» reaches today (the warning's working days ahead)."""
    with context.sessions.reading() as session:
        return _due_window(session, context.today(), LetterFilter(view=LetterView.DUE_SOON))


@requires(Permission.VIEW_REGISTERS)
def register_start(
    context: ServiceContext, actor: Actor, filter_: LetterFilter, first: int = FIRST_KEYS
) -> RegisterStart:
    today = context.today()
    with context.sessions.reading() as session:
        until = _due_window(session, today, filter_)
        keys = repo.register_keys(session, filter_, today, until, first)
        total = (
            len(keys) if len(keys) < first else repo.register_count(session, filter_, today, until)
        )
        return RegisterStart(total, keys)


@requires(Permission.VIEW_REGISTERS)
def register_keys(context: ServiceContext, actor: Actor, filter_: LetterFilter) -> list[int]:
    today = context.today()
    with context.sessions.reading() as session:
        return repo.register_keys(session, filter_, today, _due_window(session, today, filter_))


@requires(Permission.VIEW_REGISTERS)
def register_rows(context: ServiceContext, actor: Actor, keys: Sequence[int]) -> list[LetterRow]:
    if len(keys) > MAX_BLOCK:
        raise ValidationError({"keys": f"Mỗi lần đọc tối đa {MAX_BLOCK} dòng."})
    may_see = may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        return repo.register_rows(session, keys, may_see)


@requires(Permission.VIEW_REGISTERS)
def register_period(
    context: ServiceContext, actor: Actor, date_from: dt.date, date_to: dt.date
) -> list[LetterRow]:
    """Every letter received in a period, oldest first, for printing."""
    if date_to < date_from:
        raise ValidationError({"date_to": "Ngày kết thúc phải từ ngày bắt đầu trở đi."})
    may_see = may_see_denouncers(context, actor)
    filter_ = LetterFilter(date_from=date_from, date_to=date_to, descending=False)
    today = context.today()
    with context.sessions.reading() as session:
        keys = repo.register_keys(session, filter_, today, today)
        rows: list[LetterRow] = []
        for start in range(0, len(keys), MAX_BLOCK):
            rows += repo.register_rows(session, keys[start : start + MAX_BLOCK], may_see)
    return rows


@requires(Permission.VIEW_REGISTERS)
def get_letter(context: ServiceContext, actor: Actor, letter_id: uuid.UUID) -> LetterDetail:
    may_see = may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        letter = load_letter(session, letter_id)
        detail = letter_detail(session, letter, may_see)
        protected = may_see and repo.filer_views(session, letter, False)[1]
    if protected:
        record_identity_view(context, actor, "letter", str(letter_id))
    return detail


# --- duplicates ------------------------------------------------------------------------


@requires(Permission.VIEW_REGISTERS)
def find_duplicates(
    context: ServiceContext,
    actor: Actor,
    content: str,
    people: Sequence[PersonInput] = (),
    letter_type: LetterType | None = None,
    excluding: uuid.UUID | None = None,
) -> list[DuplicateCandidate]:
    """Letters already registered that may be the same matter: the same person
    (ID number exact, or folded name with birth year or address) or similar
    content, with their state and how often the matter was guided or forwarded."""
    may_see = may_see_denouncers(context, actor)
    numbers = [n for p in people if (n := digits_only(p.id_number or "").upper())]
    names = [
        (search_key(p.full_name), p.birth_year, search_key(p.address) if p.address else None)
        for p in people
        if normalize_text(p.full_name)
    ]
    protected_new = identity_is_protected(letter_type) and not may_see
    with context.sessions.reading() as session:
        writer = vault_writer(session)
        blind = (
            blind_keys_of(
                writer, [typed_identity(p) for p in people if normalize_text(p.full_name)]
            )
            if writer is not None and may_see
            else repo.BlindKeys()
        )
        return repo.duplicate_candidates(
            session, content, numbers, names, excluding, may_see, protected_new, blind
        )


@requires(Permission.VIEW_REGISTERS)
def find_duplicates_of(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID
) -> list[DuplicateCandidate]:
    """The likely duplicates of a letter already in the register."""
    may_see = may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        letter = load_letter(session, letter_id)
        protected_new = identity_is_protected(letter.letter_type) and not may_see
        people = [p for _, p in repo.people_of(session, [letter.id]).get(letter.id, [])]
        return repo.duplicate_candidates(
            session,
            letter.content,
            [p.id_number for p in people if p.id_number],
            [(p.name_key, p.birth_year, p.address_key) for p in people],
            letter.id,
            may_see,
            protected_new,
            blind_keys_stored(session, [p.id for p in people]),
        )


def _link(session: Session, letter: Letter, original_id: uuid.UUID) -> None:
    original = load_letter(session, original_id)
    root = session.get(Letter, repo.matter_root(original)) or original
    if root.id == letter.id or root.duplicate_of_id == letter.id:
        raise ValidationError({"duplicate_of": "Không liên kết một đơn với chính nó."})
    if session.scalar(select(Letter.id).where(Letter.duplicate_of_id == letter.id).limit(1)):
        raise ConflictError(
            f"Đơn số {letter.number}/{letter.year} đã là đơn đầu của một vụ việc có đơn "
            "trùng; hãy liên kết các đơn kia với vụ việc này."
        )
    session.info["reason"] = (
        f"Đơn số {letter.number}/{letter.year} trùng đơn số {root.number}/{root.year}"
    )
    letter.duplicate_of_id = root.id
    letter.case_id = letter.case_id or root.case_id
    letter.checked_new = False
    session.flush()


@requires(Permission.EDIT_REGISTERS)
def link_duplicate(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID, original_id: uuid.UUID
) -> LetterDetail:
    """Đơn trùng: the letter joins the matter of `original_id` (counted there)."""
    may_see = may_see_denouncers(context, actor)
    with context.sessions.writing(actor, "lien_ket_don_trung") as session:
        letter = load_letter(session, letter_id)
        _link(session, letter, original_id)
        return letter_detail(session, letter, may_see)


@requires(Permission.EDIT_REGISTERS)
def confirm_new(context: ServiceContext, actor: Actor, letter_id: uuid.UUID) -> LetterDetail:
    """The officer looked at the likely duplicates: this letter is a new matter."""
    may_see = may_see_denouncers(context, actor)
    with context.sessions.writing(actor, "xac_nhan_don_moi") as session:
        letter = load_letter(session, letter_id)
        session.info["reason"] = f"Đơn số {letter.number}/{letter.year} là vụ việc mới"
        letter.duplicate_of_id = None
        letter.checked_new = True
        session.flush()
        return letter_detail(session, letter, may_see)


# --- intake ----------------------------------------------------------------------------


def _checked(letter: LetterInput, context: ServiceContext) -> None:
    if problems := letter_problems(letter, context.today()):
        raise ValidationError(problems)


def _set_filers(
    session: Session,
    letter: Letter,
    letter_input: LetterInput,
    may_see: bool,
    sealing: Sealing | None,
) -> None:
    assert letter_input.filers is not None
    before = []
    for link in session.scalars(select(LetterPerson).where(LetterPerson.letter_id == letter.id)):
        before.append(link.person_id)
        session.delete(link)
    session.flush()  # the old links go before the new ones may take their keys
    seen: set[uuid.UUID] = set()
    for position, filer in enumerate(letter_input.filers):
        row = person_row(session, letter.unit_id, filer.person, may_see, sealing)
        session.flush()
        if row.id in seen:
            raise ValidationError({"filers": f"{row.full_name} được ghi hai lần."})
        seen.add(row.id)
        session.add(
            LetterPerson(letter_id=letter.id, person_id=row.id, role=filer.role, position=position)
        )
    session.flush()
    if sealing is not None:
        drop_orphans(session, before)


def _apply(
    session: Session, actor: Actor, letter: Letter, data: LetterInput, may_see: bool
) -> None:
    if data.area_code and session.get(SubjectAreaRow, data.area_code) is None:
        raise ValidationError({"area_code": "Lĩnh vực này không có trong danh mục."})
    officer_id = data.officer_id or actor.user_id
    if officer_id is not None:
        officer = session.get(User, officer_id)
        if officer is None or not officer.active:
            raise ValidationError({"officer_id": "Cán bộ nhận đơn này không còn trong danh sách."})
    was_open = letter.letter_type is not None and not identity_is_protected(letter.letter_type)
    sealing = _sealing(session, letter, data)
    clean = sealing.cleaner.clean if sealing is not None else unchanged
    forwarded = is_forwarded(data.source)
    letter.received_on = data.received_on
    letter.source = data.source
    letter.forwarded_by = optional_text(data.forwarded_by) if forwarded else None
    letter.forward_doc_number = optional_text(data.forward_doc_number) if forwarded else None
    letter.forward_doc_date = data.forward_doc_date if forwarded else None
    letter.officer_id = officer_id
    letter.letter_type = data.letter_type
    letter.area_code = data.area_code
    letter.content = clean(normalize_multiline(data.content)) or ""
    letter.requests = clean(normalize_multiline(data.requests or "")) or None
    letter.filer_kind = data.filer_kind
    letter.signer_count = data.signer_count
    letter.filer_org = optional_text(data.filer_org)
    letter.filer_identity = data.filer_identity
    if data.filers is not None:  # hidden filers keep their authorisation as stored
        letter.authorisation_doc = clean(optional_text(data.authorisation_doc))
    letter.subject_name = optional_text(data.subject_name)
    letter.subject_position = optional_text(data.subject_position)
    letter.subject_org = optional_text(data.subject_org)
    session.add(letter)
    session.flush()
    if data.filers is not None:
        _set_filers(session, letter, data, may_see, sealing)
    else:
        _seal_if_protected(session, letter)
    refresh_search_keys(session, letter)
    if sealing is not None and was_open:
        # Made a denunciation here: every text written while it was open, and
        # the words the register's index kept of its filer.
        for name in LETTER_TEXTS:
            setattr(letter, name, sealing.cleaner.clean(getattr(letter, name)))
        session.flush()
        fulltext.rebuild(session.connection(), "letter")


def _seal_letter_files(
    session: Session, context: ServiceContext, letter: Letter, was_open: bool
) -> list[Path]:
    """A letter just made protected: the files kept with it while it was open
    (scans, documents naming its filer) are sealed; the plain copies to remove
    once committed."""
    writer = vault_writer(session)
    if writer is None or not was_open or not identity_is_protected(letter.letter_type):
        return []
    rows = session.scalars(
        select(Attachment).where(Attachment.letter_id == letter.id, ~Attachment.sealed)
    ).all()
    return seal_files(session, context, writer.public_key, rows)


def _seal_if_protected(session: Session, letter: Letter) -> None:
    """A letter classified as a denunciation seals the filers it was entered with."""
    writer = vault_writer(session)
    if writer is None or not identity_is_protected(letter.letter_type):
        return
    links = list(session.scalars(select(LetterPerson).where(LetterPerson.letter_id == letter.id)))
    codes = RecordCodes(letter.letter_type, letter.year, letter.number)
    if seal_stored(session, writer, codes, letter, links, LETTER_TEXTS):
        refresh_search_keys(session, letter)
        session.flush()  # the register's index forgets the words it had of them
        fulltext.rebuild(session.connection(), "letter")


def _sealing(session: Session, letter: Letter, data: LetterInput) -> Sealing | None:
    """How a protected letter's filers are sealed and its texts cleaned, prepared
    before anything of the form is written; None for an open letter (or before
    the vault exists)."""
    writer = vault_writer(session)
    if writer is None or not identity_is_protected(data.letter_type):
        return None
    sealing = start_sealing(
        session, writer, RecordCodes(data.letter_type, letter.year, letter.number)
    )
    if data.filers is not None:
        cleaner_for_input(session, sealing, [filer.person for filer in data.filers])
    elif letter.id is not None:  # filers kept as stored: sealed after the texts are clean
        stored = [p.id for _, p in repo.people_of(session, [letter.id]).get(letter.id, [])]
        if (existing := cleaner_for(session, stored, unsealed_too=True)) is not None:
            sealing.cleaner = existing
    return sealing


@requires(Permission.EDIT_REGISTERS)
def register_letter(
    context: ServiceContext,
    actor: Actor,
    data: LetterInput,
    duplicate_of: uuid.UUID | None = None,
    checked_new: bool = False,
) -> LetterDetail:
    """Enter a new letter; its number follows the last one of its year, and its
    legal clocks start on the day it was received.  The officer's answer on the
    likely duplicates shown while typing is kept in the same transaction: the
    matter it repeats (`duplicate_of`), or `checked_new`."""
    if data.filers is None:
        raise ValidationError({"filers": "Hãy nhập người đứng đơn."})
    _checked(data, context)
    may_see = may_see_denouncers(context, actor)
    year = data.received_on.year
    with context.sessions.writing(actor, "vao_so_don") as session:
        unit = the_unit(session)
        if unit is None:
            raise ConflictError("Chưa cài đặt đơn vị.")
        number = repo.next_number(session, unit.id, year)
        session.info["reason"] = f"Đơn số {number}/{year}"
        letter = Letter(
            unit_id=unit.id,
            year=year,
            number=number,
            state=LetterState.RECEIVED,
            created_by=actor.user_id,
        )
        _apply(session, actor, letter, data, may_see)
        start_intake_clocks(session, letter)
        if duplicate_of is not None:
            _link(session, letter, duplicate_of)
        else:
            letter.checked_new = checked_new
        session.flush()
        return letter_detail(session, letter, may_see)


@requires(Permission.EDIT_REGISTERS)
def update_letter(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID, data: LetterInput
) -> LetterDetail:
    """Correct a letter's intake details.  Its number stays; filers the user may
    not see are kept as they are (`data.filers` is None then)."""
    _checked(data, context)
    may_see = may_see_denouncers(context, actor)
    with context.sessions.writing(actor, "sua_don") as session:
        letter = load_letter(session, letter_id)
        session.info["reason"] = f"Đơn số {letter.number}/{letter.year}"
        hidden = repo.filer_label(letter, may_see) is not None
        if hidden and (data.filers is not None or not identity_is_protected(data.letter_type)):
            raise ValidationError(
                {"filers": "Chỉ lãnh đạo được sửa người đứng đơn hoặc đổi loại của đơn tố cáo."}
            )
        if data.received_on.year != letter.year:
            raise ValidationError(
                {
                    "received_on": f"Đơn số {letter.number}/{letter.year}: ngày nhận phải trong "
                    f"năm {letter.year}."
                }
            )
        if letter.state not in repo.UNDECIDED:
            changed_type = data.letter_type is not letter.letter_type
            if changed_type or data.received_on != letter.received_on:
                raise ConflictError("Đơn đã có hướng xử lý: không đổi được loại đơn và ngày nhận.")
        type_changed = data.letter_type is not letter.letter_type
        was_open = not identity_is_protected(letter.letter_type)
        _apply(session, actor, letter, data, may_see)
        plain_files = _seal_letter_files(session, context, letter, was_open)
        if type_changed:  # the checklist was for the other type
            letter.conditions_json = None
            letter.state = LetterState.RECEIVED
        if letter.state in repo.UNDECIDED:
            start_intake_clocks(session, letter)
        session.flush()
        detail = letter_detail(session, letter, may_see)
    remove_plain_copies(plain_files)  # once the sealed copies are committed
    return detail


# --- classification ---------------------------------------------------------------------


@requires(Permission.EDIT_REGISTERS)
def classify_letter(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID, classification: Classification
) -> LetterDetail:
    """Record the four axes (TT 05/2021 Đ6): eligible or not with the reason kept,
    competence and the competent body, status elsewhere, special situations."""
    if problems := classification_problems(classification):
        raise ValidationError(problems)
    may_see = may_see_denouncers(context, actor)
    plain_files: list[Path] = []
    with context.sessions.writing(actor, "phan_loai_don") as session:
        letter = load_letter(session, letter_id)
        session.info["reason"] = f"Đơn số {letter.number}/{letter.year}"
        if letter.state not in repo.UNDECIDED:
            raise ConflictError("Đơn đã có hướng xử lý; không phân loại lại được.")
        if classification.letter_type is not letter.letter_type:
            hidden = repo.filer_label(letter, may_see) is not None
            if hidden and not identity_is_protected(classification.letter_type):
                raise ValidationError(
                    {"letter_type": "Chỉ lãnh đạo được đổi loại của đơn có người tố cáo."}
                )
            was_open = not identity_is_protected(letter.letter_type)
            letter.letter_type = classification.letter_type
            _seal_if_protected(session, letter)
            plain_files = _seal_letter_files(session, context, letter, was_open)
            refresh_search_keys(session, letter)
        if classification.area_code is not None:
            if session.get(SubjectAreaRow, classification.area_code) is None:
                raise ValidationError({"area_code": "Lĩnh vực này không có trong danh mục."})
            letter.area_code = classification.area_code
        letter.conditions_json = json.dumps(sorted(c.value for c in classification.conditions_met))
        letter.situations_json = json.dumps(sorted(s.value for s in classification.situations))
        letter.eligible = classification.eligible
        letter.ineligible_reason = cleaned_for_letter(
            session, letter, classification.ineligible_reason()
        )
        note = optional_text(classification.note)
        letter.classification_note = cleaned_for_letter(session, letter, note)
        letter.competent = classification.competent
        letter.competent_body = (
            None if classification.competent else optional_text(classification.competent_body)
        )
        letter.status_elsewhere = (
            classification.prior_status.value if classification.prior_status else None
        )
        if classification.identity is FilerIdentity.ANONYMOUS and session.scalar(
            select(LetterPerson.person_id).where(LetterPerson.letter_id == letter.id).limit(1)
        ):
            raise ValidationError(
                {
                    "identity": "Đơn nặc danh không ghi người đứng đơn: hãy bỏ người đứng đơn "
                    "ở phần tiếp nhận trước."
                }
            )
        letter.filer_identity = classification.identity
        if letter.state is LetterState.RECEIVED:
            letter.state = LetterState.CLASSIFIED
        start_intake_clocks(session, letter)
        session.flush()
        detail = letter_detail(session, letter, may_see)
    remove_plain_copies(plain_files)  # once the sealed copies are committed
    return detail


# --- history -------------------------------------------------------------------------


@requires(Permission.VIEW_AUDIT)
def letter_history(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID
) -> list[AuditRecord]:
    """Who changed the letter, when, and each field's old → new value, newest
    first.  Where the filer is protected from this user, the identity is lifted
    out of the texts, as in the register."""
    may_see = may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        letter = load_letter(session, letter_id)
        hidden = repo.filer_views(session, letter, may_see)[1]
        people = repo.people_of(session, [letter.id])[letter.id] if hidden else []
        identity = repo.identity_of(person for _role, person in people)
        everyone = [p.id for _r, p in repo.people_of(session, [letter.id]).get(letter.id, [])]
        sealed = tag_cleaners(session, {letter.id: everyone}).get(letter.id)
        records = audit_repo.recent_entries(session, 300, "letter", str(letter_id))
    return audit_repo.identity_lifted(records, identity, sealed)
