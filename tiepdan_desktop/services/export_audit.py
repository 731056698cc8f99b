"""The audit entry of a register export: which period, how many rows, whether
denouncers' identities were in it, which files.  Support for the export
services, not an action of its own; called after the files are written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from tiepdan_desktop.db.audit import record_bulk_action
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services.access import current_permission
from tiepdan_desktop.services.context import ServiceContext


def record_register_export(
    context: ServiceContext,
    actor: Actor,
    action: str,
    entity: str,
    period: tuple[dt.date, dt.date],
    rows: int,
    written: Sequence[Path],
) -> None:
    shown = current_permission(context, actor, Permission.VIEW_DENOUNCERS)
    with context.sessions.writing(actor, action) as session:
        record_bulk_action(
            session,
            actor,
            action,
            entity,
            {
                "date_from": period[0].isoformat(),
                "date_to": period[1].isoformat(),
                "rows": rows,
                "identities_shown": shown,
                "files": ", ".join(path.name for path in written),
            },
            operation="export",
        )
