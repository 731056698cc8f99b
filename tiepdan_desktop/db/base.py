"""Declarative base, column types and the constraint naming convention.

Names of constraints and indexes are fixed by the convention so that Alembic's
batch migrations on SQLite and later PostgreSQL migrations can address them.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any, ClassVar

from sqlalchemy import DateTime, Dialect, Float, MetaData, String, Text, TypeDecorator, Uuid, event
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column

from tiepdan_desktop.domain.ids import new_id
from tiepdan_desktop.domain.text import normalize_multiline, normalize_text

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum_values(enum_class: type[enum.Enum]) -> list[str]:
    return [str(member.value) for member in enum_class]


class VNText(TypeDecorator[str]):
    """One-line human text, stored NFC with lookalike characters repaired."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else normalize_text(value)


class VNMultiline(TypeDecorator[str]):
    """Multi-line human text (summaries, notes), NFC, line breaks kept."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else normalize_multiline(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        uuid.UUID: Uuid(),
        dt.datetime: DateTime(),
        str: String(),
        # Money (million đồng) and land (m²) in the report figures: a plain FLOAT
        # column, as the migrations create it (SQLAlchemy 2.1 would say DOUBLE).
        float: Float(),
        # Enums are stored by value ("to_cao"), as plain strings: adding a member
        # needs no schema change.
        enum.Enum: SqlEnum(
            enum.Enum,
            native_enum=False,
            create_constraint=False,
            length=40,
            values_callable=_enum_values,
            validate_strings=True,
        ),
    }


@event.listens_for(Base, "mapper_configured", propagate=True)
def _normalize_text_on_assignment(mapper: Mapper[Any], class_: type) -> None:
    """Normalise human text when it is assigned, so the object, the audit trail
    and the stored row all hold the same NFC text (the column types only cover
    inserts that bypass the ORM)."""
    for attr in mapper.column_attrs:
        column_type = attr.columns[0].type
        if isinstance(column_type, VNText | VNMultiline):
            normalize = normalize_text if isinstance(column_type, VNText) else normalize_multiline
            event.listen(
                getattr(class_, attr.key), "set", _assignment_normalizer(normalize), retval=True
            )


def _assignment_normalizer(normalize: Any) -> Any:
    def on_set(_target: object, value: Any, _old: Any, _initiator: object) -> Any:
        return normalize(value) if isinstance(value, str) else value

    return on_set


class UUIDKey:
    """UUID primary key, so records of different offices can be merged later."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id, sort_order=-100)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Timestamps:
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now, sort_order=100)
    updated_at: Mapped[dt.datetime] = mapped_column(
        default=utc_now, onupdate=utc_now, sort_order=100
    )


# Column info flags read by the audit trail (db/audit.py).
AUDIT_SECRET = {"audit": "secret"}  # recorded as changed, value never written
AUDIT_SKIP = {"audit": "skip"}  # derived columns (search and sort keys)
