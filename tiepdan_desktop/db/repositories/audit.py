"""Reading the audit trail."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import AuditEntry
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
