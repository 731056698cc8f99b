"""Queries about the unit, its users and its catalogues."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import SubjectAreaRow, Unit, User
from tiepdan_desktop.domain.accounts import normalize_username
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.records import SubjectAreaInfo, UnitInfo, UserInfo


def the_unit(session: Session) -> Unit | None:
    """The office this database belongs to (one per database for now)."""
    return session.scalars(select(Unit).order_by(Unit.created_at).limit(1)).first()


def unit_info(unit: Unit) -> UnitInfo:
    return UnitInfo(
        id=unit.id,
        name=unit.name,
        level=unit.level,
        province_code=unit.province_code,
        province_name=unit.province_name,
        ward_code=unit.ward_code,
        ward_name=unit.ward_name,
        chairman_name=unit.chairman_name,
        remote_area=unit.remote_area,
        address=unit.address,
    )


def user_by_username(session: Session, username: str) -> User | None:
    return session.scalars(
        select(User).where(User.username == normalize_username(username))
    ).first()


def user_info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        active=user.active,
        must_change_password=user.must_change_password,
        last_login_at=user.last_login_at,
        created_at=user.created_at,
        locked_until=user.locked_until,
    )


def list_users(session: Session) -> list[UserInfo]:
    users = session.scalars(select(User).order_by(User.active.desc(), User.full_name_key))
    return [user_info(user) for user in users]


def count_active_admins(session: Session, excluding: uuid.UUID | None = None) -> int:
    query = select(func.count()).select_from(User).where(User.active, User.role == Role.ADMIN)
    if excluding is not None:
        query = query.where(User.id != excluding)
    return session.scalar(query) or 0


def list_subject_areas(session: Session) -> list[SubjectAreaInfo]:
    rows = session.scalars(select(SubjectAreaRow).order_by(SubjectAreaRow.sort_order))
    return [
        SubjectAreaInfo(
            code=row.code,
            name=row.name,
            parent_code=row.parent_code,
            applies_to=tuple(code for code in row.applies_to.split(",") if code),
            active=row.active,
        )
        for row in rows
    ]
