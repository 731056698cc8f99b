"""The working-day calendar and the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DDL, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from tiepdan_desktop.db.base import Base, VNText, utc_now
from tiepdan_desktop.domain.enums import CalendarDayKind


class CalendarDay(Base):
    """A day that differs from the Monday–Friday rule (holiday, swap, make-up Saturday)."""

    __tablename__ = "calendar_day"

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    kind: Mapped[CalendarDayKind]
    name: Mapped[str] = mapped_column(VNText(200))
    legal_basis: Mapped[str | None] = mapped_column(VNText(300))
    # Seeded for a future year and not yet confirmed by an official notice.
    provisional: Mapped[bool] = mapped_column(default=False)
    # Where the row came from: "seed", "admin" or "import".
    source: Mapped[str] = mapped_column(String(20), default="seed")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class AuditEntry(Base):
    """Who changed which record, when, and each field's old → new value."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index(None, "entity", "entity_id"), Index(None, "at"))

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    username: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(80))
    # "insert", "update" or "delete"
    operation: Mapped[str] = mapped_column(String(10))
    # JSON object: {field: [old, new]}
    changes_json: Mapped[str] = mapped_column(Text)
    # Why, when the action alone does not say (e.g. which calendar change moved a due date).
    reason: Mapped[str | None] = mapped_column(Text)
    # The hash chain (domain/audit_chain.py): the entry before's hash and this one's.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


# Append-only: SQLite refuses to change or remove an entry (a hand edit must first
# drop these triggers, and then the hash chain still tells).
APPEND_ONLY_TRIGGERS = {
    "audit_entry_no_update": "BEFORE UPDATE ON audit_entry",
    "audit_entry_no_delete": "BEFORE DELETE ON audit_entry",
}


def append_only_ddl(name: str, when: str) -> str:
    return (
        f"CREATE TRIGGER IF NOT EXISTS {name} {when} "
        "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END"
    )


for _name, _when in APPEND_ONLY_TRIGGERS.items():
    event.listen(
        AuditEntry.__table__,
        "after_create",
        DDL(append_only_ddl(_name, _when)).execute_if(dialect="sqlite"),  # type: ignore[no-untyped-call]
    )
