from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiepdan_desktop.domain.text import (
    name_sort_key,
    normalize_multiline,
    normalize_text,
    search_key,
    search_keys,
    sort_key,
)

VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
vietnamese_text = st.text(
    alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " 0123456789,.-"
)


class TestNormalizeText:
    def test_decomposed_input_is_stored_composed(self) -> None:
        decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Đức")
        assert decomposed != "Nguyễn Văn Đức"
        assert normalize_text(decomposed) == "Nguyễn Văn Đức"

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("\u00d0ỗ Văn A", "Đỗ Văn A"),  # Icelandic eth instead of Đ
            ("\u00f0ường", "đường"),
            ("Lê\u200b Lợi", "Lê Lợi"),  # zero-width space from a web page
            ("Bến\u00a0Thành", "Bến Thành"),  # no-break space from Word
            ("  Trần   Hưng\tĐạo  ", "Trần Hưng Đạo"),
            ("so\u00adft", "soft"),
        ],
    )
    def test_lookalikes_and_stray_characters_are_repaired(self, typed: str, stored: str) -> None:
        assert normalize_text(typed) == stored

    def test_one_line_in_a_multiline_field_is_folded_like_any_line(self) -> None:
        assert normalize_multiline("  Nội   dung\u00a0 ngắn ") == "Nội dung ngắn"

    def test_multiline_keeps_paragraphs_but_not_runs_of_blank_lines(self) -> None:
        typed = "Dòng một  \r\n\r\n\r\n\r\n   dòng\u00a0 hai\rdòng ba"
        assert normalize_multiline(typed) == "Dòng một\n\ndòng hai\ndòng ba"

    @given(vietnamese_text)
    def test_normalizing_twice_changes_nothing(self, text: str) -> None:
        once = normalize_text(text)
        assert normalize_text(once) == once
        assert unicodedata.is_normalized("NFC", once)


class TestSearchKey:
    @pytest.mark.parametrize(
        ("text", "key"),
        [
            ("Nguyễn Văn An", "nguyen van an"),
            ("ĐẶNG THỊ ĐÀO", "dang thi dao"),
            ("Ðỗ Ðạt", "do dat"),  # lookalike Ð folds like Đ
            ("Phường  Bến\u00a0Thành", "phuong ben thanh"),
            ("Lê\u200bLợi", "leloi"),
            ("079123456789", "079123456789"),
        ],
    )
    def test_folds_diacritics_d_case_and_spaces(self, text: str, key: str) -> None:
        assert search_key(text) == key

    def test_typed_without_diacritics_matches(self) -> None:
        assert search_key("nguyen van an") in search_key("Ông Nguyễn Văn An, phường Bến Thành")
        assert search_key("dang") == search_key("Đặng")

    def test_several_fields_make_one_key(self) -> None:
        assert search_keys("Lê Lợi", None, "", "079") == "le loi 079"

    @given(vietnamese_text)
    def test_key_is_plain_ascii_for_vietnamese_text(self, text: str) -> None:
        key = search_key(text)
        assert key.isascii()
        assert key == search_key(key)
        assert search_key(unicodedata.normalize("NFD", text)) == key


# The Vietnamese alphabet, with tones in dictionary order.
ALPHABET_ORDER = [
    "a",
    "à",
    "ả",
    "ã",
    "á",
    "ạ",
    "ă",
    "ằ",
    "ắ",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "x",
    "y",
]


class TestSortKey:
    def test_vietnamese_alphabet_with_tones_second(self) -> None:
        shuffled = sorted(ALPHABET_ORDER, key=lambda s: s.encode())  # binary order is wrong
        assert shuffled != ALPHABET_ORDER
        assert sorted(shuffled, key=sort_key) == ALPHABET_ORDER

    def test_letters_before_tones(self) -> None:
        # Primary difference (the letters) decides before any tone does.
        assert sorted(["Án", "An", "Anh", "Ăn", "Ân", "Bình"], key=sort_key) == [
            "An",
            "Án",
            "Anh",
            "Ăn",
            "Ân",
            "Bình",
        ]

    def test_d_with_stroke_after_d_and_o_with_horn_last(self) -> None:
        words = ["Đào", "Dương", "Ơn", "Ôn", "On", "Yến", "Út", "Ưng"]
        assert sorted(words, key=sort_key) == ["Dương", "Đào", "On", "Ôn", "Ơn", "Út", "Ưng", "Yến"]

    def test_punctuation_only_separates_words(self) -> None:
        assert sort_key("An.") == sort_key("An") == sort_key("  An !")
        assert sort_key("Lê-Văn") == sort_key("Lê  Văn")

    def test_case_does_not_matter(self) -> None:
        assert sort_key("ĐÀO") == sort_key("đào")

    def test_names_sort_by_given_name_then_full_name(self) -> None:
        names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn An", "Phạm Đức Anh", "Đỗ Thị Ánh"]
        assert sorted(names, key=name_sort_key) == [
            "Lê Văn An",
            "Trần Thị An",
            "Phạm Đức Anh",
            "Đỗ Thị Ánh",
            "Nguyễn Văn Bình",
        ]

    def test_sort_key_is_stable_under_normalisation(self) -> None:
        assert sort_key(unicodedata.normalize("NFD", "Nguyễn")) == sort_key("Nguyễn")
        assert name_sort_key(" Lê   Văn  An ") == name_sort_key("Lê Văn An")

    @given(vietnamese_text, vietnamese_text)
    def test_keys_compare_like_text_prefixes(self, left: str, right: str) -> None:
        """A word sorts before any longer word that starts with it."""
        a, b = normalize_text(left), normalize_text(right)
        if a and b and a != b and b.lower().startswith(a.lower() + " "):
            assert sort_key(a) < sort_key(b)

    def test_foreign_letters_sort_by_their_base_letter(self) -> None:
        assert sorted(["Zed", "Çao", "Bảo"], key=sort_key) == ["Bảo", "Çao", "Zed"]


class TestMatchRank:
    def test_exact_diacritics_rank_before_folded_matches(self) -> None:
        from tiepdan_desktop.domain.text import EXACT_MATCH, FOLDED_MATCH, match_rank

        assert match_rank("Đào", "Lê Thị Đào") == EXACT_MATCH
        assert match_rank("đào", "LÊ THỊ ĐÀO") == EXACT_MATCH
        assert match_rank("dao", "Lê Thị Đào") == FOLDED_MATCH
        assert match_rank("Đạo", "Lê Thị Đào") == FOLDED_MATCH  # differs only by tone
        assert match_rank("Hùng", "Lê Thị Đào") is None
        assert match_rank("   ", "Lê Thị Đào") is None
