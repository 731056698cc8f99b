from __future__ import annotations

from tiepdan_desktop.domain.divisions import (
    bare_name,
    find_province,
    find_ward,
    provinces,
    wards_of,
)
from tiepdan_desktop.domain.enums import UnitLevel


def test_two_tier_list_has_34_provinces_and_their_communes() -> None:
    assert len(provinces()) == 34
    total = sum(len(wards_of(p.code)) for p in provinces())
    assert total > 3000


def test_lookup_by_code() -> None:
    province = find_province(79)
    ward = find_ward(26743)
    assert province is not None and province.name == "Thành phố Hồ Chí Minh"
    assert ward is not None and ward.name == "Phường Bến Thành" and ward.province_code == 79
    assert ward.level == UnitLevel.PHUONG
    assert find_province(2) is None and find_ward(999_999) is None


def test_names_are_clean_and_sorted_by_their_proper_name() -> None:
    names = [w.name for w in wards_of(79)]
    assert all("  " not in name for name in names)
    bare = [bare_name(name) for name in names]
    assert bare[0].startswith("An ")
    assert "Thành phố Cần Thơ" in [p.name for p in provinces()[:6]]


def test_special_zones_are_recognised() -> None:
    levels = {w.level for p in provinces() for w in wards_of(p.code)}
    assert levels == {UnitLevel.XA, UnitLevel.PHUONG, UnitLevel.DAC_KHU}
