"""Writing a citizen as typed in a form, for the reception and letter services:
the person picked from the matches (brought up to date) or a new one.  Support
for those services, not an action of its own.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Person
from tiepdan_desktop.db.repositories.visits import person_visible
from tiepdan_desktop.domain.errors import NotFoundError
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.domain.validators import digits_only, normalize_phone
from tiepdan_desktop.domain.visit_records import PersonInput


def optional_text(text: str | None) -> str | None:
    value = normalize_text(text or "")
    return value or None


def person_row(session: Session, unit_id: uuid.UUID, person: PersonInput, may_see: bool) -> Person:
    """The person row to link: the one picked from the matches (its details brought
    up to date from the form), or a new one.  A person the user may not be shown
    (known only as a denouncer) cannot be picked by id either."""
    if person.person_id is not None:
        row = session.get(Person, person.person_id)
        if row is None or not person_visible(session, person.person_id, may_see):
            raise NotFoundError("Không tìm thấy công dân đã chọn; hãy nhập lại.")
    else:
        row = Person(unit_id=unit_id)
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
