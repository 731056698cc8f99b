from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, setup_request
from tiepdan_desktop.domain.enums import Role, UnitLevel
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.services import accounts, setup
from tiepdan_desktop.services.context import ServiceContext


def test_setup_creates_the_unit_from_the_official_list(services: ServiceContext) -> None:
    assert not setup.is_initialized(services)
    unit = setup.initialize(services, setup_request(unit_name="  UBND   phường Bến\u00a0Thành "))
    assert unit.name == "UBND phường Bến Thành"
    assert (unit.province_name, unit.ward_name, unit.level) == (
        "Thành phố Hồ Chí Minh",
        "Phường Bến Thành",
        UnitLevel.PHUONG,
    )
    assert setup.is_initialized(services)
    admin = accounts.authenticate(services, "QuanTri", PASSWORD)
    assert admin.role is Role.ADMIN and admin.full_name == "Trần Thị Quản Trị"


def test_setup_happens_once(services: ServiceContext) -> None:
    setup.initialize(services, setup_request())
    with pytest.raises(ConflictError, match="đã được cài đặt"):
        setup.initialize(services, setup_request(admin_username="khac"))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"province_code": 2}, "province_code"),
        ({"ward_code": 1}, "ward_code"),
        ({"province_code": 1}, "ward_code"),  # Bến Thành is not in Hà Nội
        ({"unit_name": "   "}, "unit_name"),
        ({"admin_full_name": ""}, "admin_full_name"),
        ({"admin_username": "có dấu"}, "admin_username"),
        ({"admin_password": "12345678"}, "admin_password"),
    ],
)
def test_bad_setup_input_is_refused_field_by_field(
    services: ServiceContext, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        setup.initialize(services, setup_request(**changes))
    assert field in refused.value.fields
    assert not setup.is_initialized(services)
