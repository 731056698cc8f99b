"""Writing a citizen as typed in a form, for the reception and letter services:
the person picked from the matches (brought up to date) or a new one.  Support
for those services, not an action of its own.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Person
from tiepdan_desktop.db.repositories.visits import person_visible
from tiepdan_desktop.domain.errors import NotFoundError
from tiepdan_desktop.domain.identity_vault import SealedIdentity, TextCleaner
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.domain.validators import digits_only, normalize_phone
from tiepdan_desktop.domain.visit_records import PersonInput
from tiepdan_desktop.services.identity_sealing import (
    Sealing,
    is_sealed,
    kept_seal,
    new_sealed_person,
)


def optional_text(text: str | None) -> str | None:
    value = normalize_text(text or "")
    return value or None


def person_row(
    session: Session,
    unit_id: uuid.UUID,
    person: PersonInput,
    may_see: bool,
    sealing: Sealing | None = None,
) -> Person:
    """The person row to link: the one picked from the matches (its details brought
    up to date from the form), or a new one.  A person the user may not be shown
    (known only as a denouncer) cannot be picked by id either.  With `sealing`
    (a protected record), a new sealed person unless the form kept a sealed one
    as shown; a person picked from the open register is copied, never changed."""
    picked = None if person.person_id is None else session.get(Person, person.person_id)
    if person.person_id is not None and (
        picked is None or not person_visible(session, person.person_id, may_see)
    ):
        raise NotFoundError("Không tìm thấy công dân đã chọn; hãy nhập lại.")
    if sealing is not None:
        return _sealed_row(session, unit_id, person, sealing)
    if picked is not None and kept_seal(session, person) is not None:
        return picked  # a sealed person stays sealed, on any record
    if picked is not None and is_sealed(session, picked.id):
        picked = None  # a real name typed over a pseudonym: a new person, the seal untouched
    row = picked or Person(unit_id=unit_id)
    session.add(row)
    row.full_name = normalize_text(person.full_name)
    row.birth_year = person.birth_year
    row.gender = person.gender
    number = digits_only(person.id_number or "").upper()
    row.id_type = person.id_type if number else None
    row.id_number = number or None
    row.address = optional_text(person.address)
    row.phone = normalize_phone(person.phone) if person.phone and person.phone.strip() else None
    return row


def typed_identity(person: PersonInput) -> SealedIdentity:
    """A person's identity as typed, normalised as the register would store it."""
    phone = normalize_phone(person.phone) if person.phone and person.phone.strip() else None
    return SealedIdentity(
        full_name=normalize_text(person.full_name),
        birth_year=person.birth_year,
        id_number=digits_only(person.id_number or "").upper() or None,
        address=optional_text(person.address),
        phone=phone,
    )


def _sealed_row(
    session: Session, unit_id: uuid.UUID, person: PersonInput, sealing: Sealing
) -> Person:
    kept = kept_seal(session, person)
    if kept is not None:
        row = session.get(Person, kept.person_id)
        assert row is not None  # the seal's foreign key
        return row
    identity = typed_identity(person)
    row = new_sealed_person(session, sealing.writer, sealing.codes, unit_id, identity)
    row.gender = person.gender
    row.id_type = person.id_type if identity.id_number else None
    return row


def cleaner_for_input(
    session: Session, sealing: Sealing, people: Sequence[PersonInput]
) -> TextCleaner:
    """The cleaner of a protected record's texts, from the people on its form:
    prepared before any text is written, so no plaintext reaches the file."""
    for person in people:
        kept = kept_seal(session, person)
        if kept is not None:
            sealing.codes.keep(kept.code)
            sealing.cleaner.add_tags(json.loads(kept.tags_json), kept.longest)
        else:
            sealing.cleaner.add_identity(typed_identity(person))
    return sealing.cleaner
