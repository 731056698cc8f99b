"""Looking after the data: integrity check and the audit trail."""

from __future__ import annotations

from tiepdan_desktop.db.integrity import check_database
from tiepdan_desktop.db.repositories.audit import recent_entries
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
    with context.sessions.reading() as session:
        return recent_entries(session, limit=limit)
