from __future__ import annotations

import pytest

from tiepdan_desktop.domain.confidentiality import (
    identity_is_protected,
    register_name_sort,
    register_search_text,
)
from tiepdan_desktop.domain.enums import LetterType

PEOPLE = (["nguyen van an"], ["079070123456"], "so 1 le loi")


@pytest.mark.parametrize("letter_type", [LetterType.DENUNCIATION, LetterType.MIXED])
def test_a_denouncers_identity_stays_out_of_the_open_register(letter_type: LetterType) -> None:
    assert identity_is_protected(letter_type)
    assert register_search_text(letter_type, "to cao can bo", *PEOPLE) == "to cao can bo"
    assert register_name_sort(letter_type, "AN\x01") == ""


@pytest.mark.parametrize(
    "letter_type", [LetterType.COMPLAINT, LetterType.PETITION, LetterType.LAND_DISPUTE, None]
)
def test_other_filers_are_found_by_name_id_and_address(letter_type: LetterType | None) -> None:
    assert not identity_is_protected(letter_type)
    assert register_search_text(letter_type, "khieu nai", *PEOPLE) == (
        "khieu nai nguyen van an 079070123456 so 1 le loi"
    )
    assert register_name_sort(letter_type, "AN\x01") == "AN\x01"
