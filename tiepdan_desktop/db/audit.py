"""Audit trail written by the session itself, so no write can forget it.

After each flush, every inserted, updated or deleted ORM object yields one
audit row: who (the session's actor), which action (the service), which record,
and each changed field as [old, new].  Secret columns are recorded as changed
without their value; derived key columns are left out.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from tiepdan_desktop.db.base import Base, utc_now
from tiepdan_desktop.db.models import AuditEntry
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.audit_chain import GENESIS, HASHED_FIELDS, entry_hash

SECRET_PLACEHOLDER = "***"
_NOISE_COLUMNS = frozenset({"created_at", "updated_at"})


class UnauditedWriteError(RuntimeError):
    """A flush changed data outside a service's write transaction (a programming error)."""


def plain(value: Any) -> Any:
    """A JSON-friendly form of a column value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _entity_id(obj: Base) -> str:
    # The identity key of a new object is set only after the flush completes;
    # the primary-key values themselves are already known here.  A secret key
    # part (a citizen's id) is left out: it would link a denouncer's entries to
    # the same citizen's open ones.
    mapper = inspect(obj).mapper
    values = mapper.primary_key_from_instance(obj)
    return "/".join(
        "*" if column.info.get("audit") == "secret" else str(value)
        for column, value in zip(mapper.primary_key, values, strict=True)
    )


# session.info key: texts rewritten to lift a protected identity out of them (the
# identity vault) are recorded as changed without their old words.
HIDE_OLD_TEXTS = "hide_old_texts"


def _changes(obj: Base, operation: str, hide_old_texts: bool = False) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        column_info = attr.columns[0].info
        if attr.key in _NOISE_COLUMNS or column_info.get("audit") == "skip":
            continue
        history = state.attrs[attr.key].history
        if operation == "insert":
            old, new = None, state.dict.get(attr.key)
            if new is None:
                continue
        elif operation == "delete":
            old, new = state.dict.get(attr.key), None
        else:
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
        if column_info.get("audit") == "secret":
            changes[attr.key] = [SECRET_PLACEHOLDER, SECRET_PLACEHOLDER]
        elif hide_old_texts and operation == "update" and isinstance(old, str):
            changes[attr.key] = [SECRET_PLACEHOLDER, plain(new)]
        else:
            changes[attr.key] = [plain(old), plain(new)]
    return changes


def _pending_entries(session: Session) -> Iterable[tuple[Base, str, dict[str, list[Any]]]]:
    for operation, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if not isinstance(obj, Base):
                continue
            changes = _changes(obj, operation, bool(session.info.get(HIDE_OLD_TEXTS)))
            if changes or operation != "update":
                yield obj, operation, changes


def record_audit_entries(session: Session, _flush_context: UOWTransaction) -> None:
    """after_flush hook of AuditedSession (db/session.py)."""
    entries = list(_pending_entries(session))
    if not entries:
        return
    actor = session.info.get("actor")
    action = session.info.get("action")
    if not isinstance(actor, Actor) or not action:
        raise UnauditedWriteError("Ghi dữ liệu ngoài một thao tác có người thực hiện.")
    now = utc_now()
    rows = [
        {
            "at": now,
            "user_id": actor.user_id,
            "username": actor.username,
            "action": action,
            "entity": obj.__tablename__,
            "entity_id": _entity_id(obj),
            "operation": operation,
            "changes_json": json.dumps(changes, ensure_ascii=False, sort_keys=True),
            "reason": session.info.get("reason"),
        }
        for obj, operation, changes in entries
    ]
    append_entries(session, rows)


def append_entries(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add entries at the end of the chain.  Writes run in BEGIN IMMEDIATE
    (db/engine.py), so no other writer can slip an entry in between."""
    connection = session.connection()
    previous = connection.execute(
        select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).scalar()
    previous = previous or GENESIS
    for row in rows:
        row["prev_hash"] = previous
        row["hash"] = previous = entry_hash(previous, row)
    connection.execute(insert(AuditEntry), rows)


def first_broken_entry(connection: Connection) -> str | None:
    """The first entry whose hash does not follow from its fields and the entry
    before it (edited, removed or inserted by hand), described; None if sound."""
    previous = GENESIS
    columns = [getattr(AuditEntry, name) for name in HASHED_FIELDS]
    query = select(AuditEntry.id, AuditEntry.prev_hash, AuditEntry.hash, *columns).order_by(
        AuditEntry.id
    )
    for row in connection.execute(query).yield_per(2000):
        entry = dict(row._mapping)
        if entry["prev_hash"] != previous or entry["hash"] != entry_hash(previous, entry):
            return (
                f"mục số {entry['id']} ({entry['at']:%d/%m/%Y %H:%M}, {entry['username']}, "
                f"{entry['action']})"
            )
        previous = entry["hash"]
    return None


def refuse_unaudited_statements(state: ORMExecuteState) -> None:
    """do_orm_execute hook: INSERT/UPDATE/DELETE statements through the session
    would change rows without the audit trail seeing each object.  Writes go
    through ORM objects, or through db.bulk with record_bulk_action."""
    if state.is_insert or state.is_update or state.is_delete:
        raise UnauditedWriteError(
            "Câu lệnh ghi hàng loạt không được ghi nhật ký; hãy sửa qua đối tượng "
            "hoặc dùng db.bulk kèm record_bulk_action."
        )


def record_bulk_action(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    summary: dict[str, Any],
    operation: str = "bulk",
) -> None:
    """Audit as one entry a bulk write that bypassed the ORM (demo data, imports),
    or an export (`operation="export"`): who took which records out, and when."""
    append_entries(
        session,
        [
            {
                "at": utc_now(),
                "user_id": actor.user_id,
                "username": actor.username,
                "action": action,
                "entity": entity,
                "entity_id": "*",
                "operation": operation,
                "changes_json": json.dumps(summary, ensure_ascii=False, sort_keys=True),
                "reason": session.info.get("reason"),
            }
        ],
    )
