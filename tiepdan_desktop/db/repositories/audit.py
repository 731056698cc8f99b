"""Reading the audit trail."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import AuditEntry
from tiepdan_desktop.domain.confidentiality import redact_identity
from tiepdan_desktop.domain.identity_vault import TextCleaner
from tiepdan_desktop.domain.records import AuditRecord


def recent_entries(
    session: Session, limit: int = 200, entity: str | None = None, entity_id: str | None = None
) -> list[AuditRecord]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    return [
        AuditRecord(
            id=entry.id,
            at=entry.at,
            username=entry.username,
            action=entry.action,
            entity=entry.entity,
            entity_id=entry.entity_id,
            operation=entry.operation,
            changes=json.loads(entry.changes_json),
        )
        for entry in session.scalars(query)
    ]


def identity_lifted(
    records: list[AuditRecord], identity: list[str], sealed: TextCleaner | None = None
) -> list[AuditRecord]:
    """The records with a protected person's identity lifted out of every text
    value: by its words (`identity`), or by the seal's keyed tags (`sealed`) for
    entries written before the vault sealed the person."""
    if not identity and sealed is None:
        return records

    def lifted(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = redact_identity(value, identity) if identity else value
        return sealed.clean(text) if sealed is not None else text

    return [
        replace(
            record,
            changes={
                field: [lifted(v) for v in values] for field, values in record.changes.items()
            },
        )
        for record in records
    ]
