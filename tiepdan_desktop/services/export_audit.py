"""Writing an export's files all or none, and the audit entries of what was
taken out or looked at: an export (which period, how many rows, whether
denouncers' identities were in it, which files) and each time a denouncer's
identity is shown (Luật Tố cáo Đ8.3).  Support for the services, not an action
of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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


def write_files(steps: Sequence[tuple[Path, Callable[[Path], Path]]]) -> list[Path]:
    """Each writer writes its file in turn; when one fails or is stopped, every
    file of the set is removed, the half-written one too: no partial export."""
    written: list[Path] = []
    try:
        for path, write in steps:
            written.append(path)
            write(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def record_export(
    context: ServiceContext, actor: Actor, action: str, entity: str, summary: dict[str, Any]
) -> None:
    with context.sessions.writing(actor, action) as session:
        record_bulk_action(session, actor, action, entity, summary, operation="export")


def record_identity_view(
    context: ServiceContext, actor: Actor, entity: str, record_id: str
) -> None:
    """A protected identity was shown to someone allowed to see it: who, which record."""
    with context.sessions.writing(actor, "xem_danh_tinh_nguoi_to_cao") as session:
        session.connection()  # the entry goes in the same write transaction
        append_view = {"record": record_id}
        record_bulk_action(
            session, actor, "xem_danh_tinh_nguoi_to_cao", entity, append_view, operation="view"
        )
