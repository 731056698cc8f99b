"""Sessions: every one audits its writes; write sessions take the write lock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from tiepdan_desktop.db.audit import record_audit_entries, refuse_unaudited_statements
from tiepdan_desktop.db.engine import WRITE_LOCK_OPTION, is_sqlite
from tiepdan_desktop.domain.actor import Actor


class AuditedSession(Session):
    """A session whose flushes write the audit trail (see db/audit.py)."""


event.listen(AuditedSession, "after_flush", record_audit_entries)
event.listen(AuditedSession, "do_orm_execute", refuse_unaudited_statements)


class SessionFactory:
    """Opens read sessions and audited write transactions on one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._make = sessionmaker(engine, class_=AuditedSession, expire_on_commit=False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._make() as session:
            yield session

    @contextmanager
    def writing(self, actor: Actor, action: str, reason: str | None = None) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on error.
        `reason` goes into every audit entry the transaction writes."""
        with self._make() as session:
            session.info["actor"] = actor
            session.info["action"] = action
            session.info["reason"] = reason
            with session.begin():
                if is_sqlite(self.engine):
                    session.connection(execution_options={WRITE_LOCK_OPTION: True})
                yield session
