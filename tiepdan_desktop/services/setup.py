"""First-run setup: the unit and its first administrator (no default password exists)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import Unit, User
from tiepdan_desktop.db.repositories.organisation import the_unit, unit_info
from tiepdan_desktop.domain.accounts import normalize_username, password_problem, username_problem
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.divisions import find_province, find_ward
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.records import SetupRequest, UnitInfo
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.services.access import public
from tiepdan_desktop.services.calendar import ensure_calendar
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.passwords import hash_password

_SETUP_ACTOR = Actor(None, "cai-dat-lan-dau", "Cài đặt lần đầu", Role.ADMIN)


@public
def is_initialized(context: ServiceContext) -> bool:
    with context.sessions.reading() as session:
        return the_unit(session) is not None


@public
def get_unit(context: ServiceContext) -> UnitInfo | None:
    """The unit's public details (name, chairman), shown even on the login screen."""
    with context.sessions.reading() as session:
        unit = the_unit(session)
        return None if unit is None else unit_info(unit)


def _validate(request: SetupRequest) -> dict[str, str]:
    problems: dict[str, str] = {}
    province = find_province(request.province_code)
    ward = find_ward(request.ward_code)
    if province is None:
        problems["province_code"] = (
            f"Mã tỉnh/thành phố {request.province_code} không có trong danh mục."
        )
    if ward is None:
        problems["ward_code"] = f"Mã xã/phường {request.ward_code} không có trong danh mục."
    elif province is not None and ward.province_code != province.code:
        problems["ward_code"] = f"{ward.name} không thuộc {province.name}."
    if not normalize_text(request.unit_name):
        problems["unit_name"] = "Hãy nhập tên đơn vị."
    if not normalize_text(request.admin_full_name):
        problems["admin_full_name"] = "Hãy nhập họ tên người quản trị."
    if message := username_problem(request.admin_username):
        problems["admin_username"] = message
    if message := password_problem(request.admin_password, request.admin_username):
        problems["admin_password"] = message
    return problems


@public
def initialize(context: ServiceContext, request: SetupRequest) -> UnitInfo:
    """Create the unit and its first administrator account, once."""
    problems = _validate(request)
    if problems:
        raise ValidationError(problems)
    password_hash = hash_password(context, request.admin_password)
    province = find_province(request.province_code)
    ward = find_ward(request.ward_code)
    assert province is not None and ward is not None  # checked by _validate
    with context.sessions.writing(_SETUP_ACTOR, "cai_dat_lan_dau") as session:
        _refuse_if_initialized(session)
        unit = Unit(
            name=request.unit_name,
            level=ward.level,
            province_code=province.code,
            province_name=province.name,
            ward_code=ward.code,
            ward_name=ward.name,
            chairman_name=request.chairman_name,
            remote_area=request.remote_area,
        )
        session.add(unit)
        session.flush()
        session.add(
            User(
                unit_id=unit.id,
                username=normalize_username(request.admin_username),
                full_name=request.admin_full_name,
                role=Role.ADMIN,
                password_hash=password_hash,
                password_changed_at=utc_now(),
            )
        )
        created = unit_info(unit)
    ensure_calendar(context)
    return created


def _refuse_if_initialized(session: Session) -> None:
    if the_unit(session) is not None:
        raise ConflictError("Cơ sở dữ liệu này đã được cài đặt đơn vị; không thể cài đặt lại.")
