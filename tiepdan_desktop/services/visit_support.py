"""The reception register's search and sort keys of a visit, kept in step with its
people and content: support for the reception service and the identity vault."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Person, Visit, VisitPerson
from tiepdan_desktop.domain.confidentiality import (
    register_name_sort,
    register_search_exact,
    register_search_text,
)
from tiepdan_desktop.domain.text import search_key


def refresh_visit_keys(session: Session, visit: Visit) -> None:
    """The keys the register sorts and searches by; a protected visit's leave its
    people out (domain/confidentiality.py)."""
    people = list(
        session.scalars(
            select(Person)
            .join(VisitPerson, VisitPerson.person_id == Person.id)
            .where(VisitPerson.visit_id == visit.id)
            .order_by(VisitPerson.position)
        )
    )
    first = people[0] if people else None
    visit.primary_name_sort = register_name_sort(
        visit.letter_type, first.name_sort if first else ""
    )
    visit.search_text = register_search_text(
        visit.letter_type,
        search_key(visit.content),
        [p.name_key for p in people],
        [p.id_number for p in people],
        first.address_key if first else None,
    )
    visit.search_exact = register_search_exact(
        visit.letter_type,
        visit.content,
        [p.full_name for p in people],
        [p.id_number for p in people],
        first.address if first else None,
    )
