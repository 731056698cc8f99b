from __future__ import annotations

import pytest

from tiepdan_desktop.domain.confidentiality import (
    identity_is_protected,
    register_name_sort,
    register_search_exact,
    register_search_text,
)
from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.text import search_key

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


def test_a_protected_letter_is_not_found_by_the_identity_its_content_repeats() -> None:
    content = "Tố cáo ông Sai nhận tiền của bà Phạm Thị Tố (số 9 Hàm Nghi), ĐT 0903123456"
    key = register_search_text(
        LetterType.DENUNCIATION,
        search_key(content),
        [search_key("Phạm Thị Tố")],
        ["0903123456"],
        search_key("Số 9 Hàm Nghi, phường Bến Thành"),
    )
    assert "pham thi to" not in key and "ham nghi" not in key and "0903123456" not in key
    assert "nhan tien" in key and "ong sai" in key  # what was denounced stays searchable
    exact = register_search_exact(
        LetterType.DENUNCIATION, content, ["Phạm Thị Tố"], [], "Số 9 Hàm Nghi, phường Bến Thành"
    )
    assert "phạm thị tố" not in exact and "nhận tiền" in exact
    # An unprotected letter keeps every word, the names as well.
    open_key = register_search_text(
        LetterType.PETITION, search_key(content), [search_key("Phạm Thị Tố")], [], None
    )
    assert "pham thi to" in open_key
