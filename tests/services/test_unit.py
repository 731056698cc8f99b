from __future__ import annotations

import pytest

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.records import UnitChanges
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
