"""Looking after the data: integrity check and the audit trail."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tiepdan_desktop.db.integrity import check_database
from tiepdan_desktop.db.repositories import letters as letter_repo
from tiepdan_desktop.db.repositories import visits as visit_repo
from tiepdan_desktop.db.repositories.audit import identity_lifted, recent_entries
from tiepdan_desktop.db.repositories.sealed_people import tag_cleaners
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import AuditRecord, IntegrityReport
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.context import ServiceContext


@requires(Permission.MAINTAIN)
def check_integrity(context: ServiceContext, actor: Actor) -> IntegrityReport:
    return check_database(context.engine)


@requires(Permission.VIEW_AUDIT)
def list_audit_entries(
    context: ServiceContext, actor: Actor, limit: int = 200
) -> list[AuditRecord]:
    """The newest entries.  Those of a visit or letter whose people are sealed now
    are cleaned by the seals: entries written before the vault, or while the record
    was open, may still hold a denouncer's words (the trail itself is append-only)."""
    with context.sessions.reading() as session:
        records = recent_entries(session, limit=limit)
        people = _people_of_records(session, records)
        cleaners = tag_cleaners(session, people)
    return [
        identity_lifted([record], [], cleaners.get((record.entity, record.entity_id)))[0]
        for record in records
    ]


def _people_of_records(
    session: Session, records: list[AuditRecord]
) -> dict[tuple[str, str], list[uuid.UUID]]:
    """(entity, id) → the people of each visit and letter the entries are about."""
    ids = {
        entity: [_uuid(r.entity_id) for r in records if r.entity == entity]
        for entity in ("visit", "letter")
    }
    people: dict[tuple[str, str], list[uuid.UUID]] = {}
    for visit_id, found in visit_repo.people_at(session, [i for i in ids["visit"] if i]).items():
        people[("visit", str(visit_id))] = [person.id for _role, person in found]
    for letter_id, filed in letter_repo.people_of(session, [i for i in ids["letter"] if i]).items():
        people[("letter", str(letter_id))] = [person.id for _role, person in filed]
    return people


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:  # a bulk entry's «*»
        return None
