"""Citizens and the reception register (Sổ tiếp công dân, Mẫu số 03 TT 04/2021)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from tiepdan_desktop.db.base import (
    AUDIT_SECRET,
    AUDIT_SKIP,
    Base,
    Timestamps,
    UUIDKey,
    VNMultiline,
    VNText,
)
from tiepdan_desktop.domain.enums import (
    Gender,
    IdDocumentType,
    LetterType,
    ReceptionType,
    RefusalGround,
    VisitHandling,
    VisitorRole,
)
from tiepdan_desktop.domain.ids import new_id
from tiepdan_desktop.domain.text import name_sort_key, search_key


class Person(UUIDKey, Timestamps, Base):
    """A citizen who visited or wrote; one row per person, reused on repeat visits."""

    __tablename__ = "person"
    # Never in the audit trail: the same id on a denouncer's and an open visit
    # would tell who denounced (Luật Tố cáo Đ8.3).
    id: Mapped[uuid.UUID] = mapped_column(
        primary_key=True, default=new_id, sort_order=-100, info=AUDIT_SECRET
    )
    __table_args__ = (
        Index(None, "name_key", "birth_year"),
        Index(None, "name_sort"),
        Index(None, "id_number"),
    )

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"))
    # Who a citizen is stays out of the audit trail, which administrators read
    # (it may be a denouncer's identity, Luật Tố cáo Đ8.3): changes are recorded
    # as changed, without the values.
    full_name: Mapped[str] = mapped_column(VNText(120), info=AUDIT_SECRET)
    name_key: Mapped[str] = mapped_column(String(120), info=AUDIT_SKIP)
    name_sort: Mapped[str] = mapped_column(String(300), info=AUDIT_SKIP)
    birth_year: Mapped[int | None]
    gender: Mapped[Gender | None]
    id_type: Mapped[IdDocumentType | None]
    id_number: Mapped[str | None] = mapped_column(String(20), info=AUDIT_SECRET)
    address: Mapped[str | None] = mapped_column(VNText(300), info=AUDIT_SECRET)
    address_key: Mapped[str | None] = mapped_column(String(300), info=AUDIT_SKIP)
    phone: Mapped[str | None] = mapped_column(String(20), info=AUDIT_SECRET)

    @validates("full_name")
    def _keep_name_keys(self, _key: str, value: str) -> str:
        self.name_key = search_key(value)
        self.name_sort = name_sort_key(value)
        return value

    @validates("address")
    def _keep_address_key(self, _key: str, value: str | None) -> str | None:
        self.address_key = None if value is None else search_key(value)
        return value


class ReceptionSession(UUIDKey, Timestamps, Base):
    """Kỳ tiếp: a periodic or ad-hoc reception day held by the chairman."""

    __tablename__ = "reception_session"
    __table_args__ = (Index(None, "unit_id", "held_on"),)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"))
    held_on: Mapped[dt.date]
    reception_type: Mapped[ReceptionType]
    # Thủ trưởng tiếp (in person) or ủy quyền tiếp (delegated): separate report columns.
    chair_in_person: Mapped[bool] = mapped_column(default=True)
    presided_by: Mapped[str] = mapped_column(VNText(120))
    notes: Mapped[str | None] = mapped_column(VNMultiline())


class Visit(UUIDKey, Timestamps, Base):
    """Lượt tiếp: one entry of the reception register; a group visit is one entry."""

    __tablename__ = "visit"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "number"),
        # The register's own order (date, then number), read straight from the index.
        Index(None, "visited_at", "number"),
        # Sorting the register by name: index order, then by date.
        Index(None, "primary_name_sort", "visited_at"),
        Index(None, "case_id"),
    )

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"))
    # Register number (STT) restarts each year per unit.
    year: Mapped[int]
    number: Mapped[int]
    visited_at: Mapped[dt.datetime]
    reception_type: Mapped[ReceptionType]
    session_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("reception_session.id"))
    chair_in_person: Mapped[bool | None]
    officer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    officer_name: Mapped[str] = mapped_column(VNText(120))
    content: Mapped[str] = mapped_column(VNMultiline())
    letter_type: Mapped[LetterType | None]
    area_code: Mapped[str | None] = mapped_column(ForeignKey("subject_area.code"))
    is_repeat: Mapped[bool] = mapped_column(default=False)
    prior_handling: Mapped[str | None] = mapped_column(VNMultiline())
    handling: Mapped[VisitHandling]
    refusal_ground: Mapped[RefusalGround | None]
    forwarded_to: Mapped[str | None] = mapped_column(VNText(300))
    result_followup: Mapped[str | None] = mapped_column(VNMultiline())
    notes: Mapped[str | None] = mapped_column(VNMultiline())
    is_group: Mapped[bool] = mapped_column(default=False)
    head_count: Mapped[int] = mapped_column(default=1)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("legal_case.id"))
    # Denormalised for SQL-side sorting and searching of large registers.
    primary_name_sort: Mapped[str] = mapped_column(String(300), default="", info=AUDIT_SKIP)
    search_text: Mapped[str] = mapped_column(String(), default="", info=AUDIT_SKIP)
    # The same with diacritics, to rank exact matches first (db/fulltext.py).
    search_exact: Mapped[str] = mapped_column(
        String(), default="", server_default="", info=AUDIT_SKIP
    )
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))

    visitors: Mapped[list[VisitPerson]] = relationship(
        back_populates="visit", cascade="all, delete-orphan", order_by="VisitPerson.position"
    )


class VisitPerson(Base):
    """A person at a visit: the visitor, a group's representative or a known member."""

    __tablename__ = "visit_person"

    visit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("visit.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id"), primary_key=True, index=True, info=AUDIT_SECRET
    )
    role: Mapped[VisitorRole]
    position: Mapped[int] = mapped_column(default=0)

    visit: Mapped[Visit] = relationship(back_populates="visitors")
