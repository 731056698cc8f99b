"""The office (unit), its user accounts, its settings and its catalogues."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from tiepdan_desktop.db.base import AUDIT_SECRET, AUDIT_SKIP, Base, Timestamps, UUIDKey, VNText
from tiepdan_desktop.domain.enums import Role, UnitLevel
from tiepdan_desktop.domain.text import search_key


class Unit(UUIDKey, Timestamps, Base):
    """UBND xã / phường / đặc khu using this database."""

    __tablename__ = "unit"

    name: Mapped[str] = mapped_column(VNText(200))
    level: Mapped[UnitLevel]
    # Codes of the two-tier administrative list (vietnam-provinces).
    province_code: Mapped[int]
    province_name: Mapped[str] = mapped_column(VNText(120))
    ward_code: Mapped[int]
    ward_name: Mapped[str] = mapped_column(VNText(120))
    chairman_name: Mapped[str] = mapped_column(VNText(120))
    # Vùng sâu, vùng xa: switches complaint deadlines to their longer values.
    remote_area: Mapped[bool] = mapped_column(default=False)
    address: Mapped[str | None] = mapped_column(VNText(300))


class User(UUIDKey, Timestamps, Base):
    __tablename__ = "app_user"

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"))
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(VNText(120))
    full_name_key: Mapped[str] = mapped_column(String(120), info=AUDIT_SKIP)
    role: Mapped[Role]
    password_hash: Mapped[str] = mapped_column(String(200), info=AUDIT_SECRET)
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    failed_login_count: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    last_login_at: Mapped[dt.datetime | None]
    password_changed_at: Mapped[dt.datetime | None]

    @validates("full_name")
    def _keep_name_key(self, _key: str, value: str) -> str:
        self.full_name_key = search_key(value)
        return value


class Setting(Base):
    """A named setting; the value is JSON so one table holds every kind."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime | None]


class SubjectAreaRow(Base):
    """Two-level catalogue of subject areas (lĩnh vực), editable by the office."""

    __tablename__ = "subject_area"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(VNText(200))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("subject_area.code"))
    # Comma-separated LetterType values this area is offered for.
    applies_to: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
