from __future__ import annotations

from dataclasses import replace

import pytest

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.records import SubjectAreaInfo, UnitChanges
from tiepdan_desktop.services import setup, unit
from tiepdan_desktop.services.context import ServiceContext


def test_the_unit_details_can_be_corrected(services: ServiceContext, admin: Actor) -> None:
    changed = unit.update_unit(
        services, admin, UnitChanges("UBND phường Sài Gòn", "Lê Thị Hoa", True, "  12 Lê Lợi  ")
    )
    assert (changed.name, changed.chairman_name, changed.remote_area, changed.address) == (
        "UBND phường Sài Gòn",
        "Lê Thị Hoa",
        True,
        "12 Lê Lợi",
    )
    assert setup.get_unit(services) == changed


def test_names_cannot_be_blank(services: ServiceContext, admin: Actor) -> None:
    with pytest.raises(ValidationError) as refused:
        unit.update_unit(services, admin, UnitChanges(" ", "", False, None))
    assert set(refused.value.fields) == {"name", "chairman_name"}


def test_subject_areas_form_two_levels(services: ServiceContext, admin: Actor) -> None:
    areas = unit.list_subject_areas(services, admin)
    by_code = {area.code: area for area in areas}
    assert by_code["HC.DDNC"].parent_code == "HC"
    assert by_code["TN"].applies_to == ("to_cao",)
    assert all(area.parent_code in (None, "HC") for area in areas)


def test_the_office_adds_and_corrects_subject_areas(services: ServiceContext, admin: Actor) -> None:
    added = SubjectAreaInfo("HC.CT", "  Cấp  giấy phép xây dựng ", "HC", ("khieu_nai",), True)
    areas = unit.save_subject_area(services, admin, added, is_new=True)
    by_code = {area.code: area for area in areas}
    assert by_code["HC.CT"] == SubjectAreaInfo(
        "HC.CT", "Cấp giấy phép xây dựng", "HC", ("khieu_nai",), True
    )
    assert areas[-1].code == "HC.CT"  # listed after the existing ones
    # Corrected: offered for denunciations too, then retired (kept for old letters).
    retired = replace(added, applies_to=("to_cao", "khieu_nai"), active=False)
    by_code = {a.code: a for a in unit.save_subject_area(services, admin, retired, False)}
    assert by_code["HC.CT"].applies_to == ("khieu_nai", "to_cao")
    assert not by_code["HC.CT"].active


def test_subject_area_mistakes_are_refused(services: ServiceContext, admin: Actor) -> None:
    def refused(area: SubjectAreaInfo, is_new: bool = True) -> set[str]:
        with pytest.raises(ValidationError) as error:
            unit.save_subject_area(services, admin, area, is_new)
        return set(error.value.fields)

    assert refused(SubjectAreaInfo("Mã có dấu cách", " ", None, (), True)) == {
        "code",
        "name",
        "applies_to",
    }
    assert refused(SubjectAreaInfo("X" * 21, "Dài", None, ("to_cao",), True), False) == {"code"}
    assert refused(SubjectAreaInfo("HC", "Trùng mã", None, ("to_cao",), True)) == {"code"}
    assert refused(SubjectAreaInfo("ZZ", "Không có", None, ("to_cao",), True), False) == {"code"}
    # Two levels only: not under a sub-area, and an area with sub-areas stays on top.
    assert refused(SubjectAreaInfo("Y", "Cấp 3", "HC.DDNC", ("to_cao",), True)) == {"parent_code"}
    top = next(a for a in unit.list_subject_areas(services, admin) if a.code == "HC")
    assert refused(replace(top, parent_code="TN"), False) == {"parent_code"}
