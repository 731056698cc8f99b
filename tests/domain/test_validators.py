from __future__ import annotations

import pytest

from tiepdan_desktop.domain.enums import Gender, IdDocumentType
from tiepdan_desktop.domain.validators import (
    cccd_problem,
    cmnd_problem,
    id_problem,
    normalize_phone,
    passport_problem,
    phone_problem,
)


@pytest.mark.parametrize(
    ("number", "gender", "year"),
    [
        ("079070029587", Gender.MALE, 1970),  # 0: male, born in the 1900s
        ("001 185 012 345", Gender.FEMALE, 1985),  # 1: female, 1900s
        ("079305123456", Gender.FEMALE, 2005),  # 3: female, 2000s
        ("079070029587", None, None),
        ("079070029587", Gender.OTHER, 1970),
    ],
)
def test_valid_cccd_numbers(number: str, gender: Gender | None, year: int | None) -> None:
    assert cccd_problem(number, gender, year) is None


@pytest.mark.parametrize(
    ("number", "gender", "year", "message"),
    [
        ("07907002958", None, None, "đúng 12 chữ số"),
        ("07907002958X", None, None, "đúng 12 chữ số"),
        ("003070029587", None, None, "mã nơi đăng ký khai sinh «003»"),
        ("079070029587", Gender.FEMALE, None, "giới tính"),
        ("079170029587", Gender.MALE, None, "giới tính"),
        ("079070029587", None, 1971, "năm sinh"),
        ("079070029587", None, 2070, "năm sinh"),
    ],
)
def test_cccd_mistakes(number: str, gender: Gender | None, year: int | None, message: str) -> None:
    problem = cccd_problem(number, gender, year)
    assert problem is not None and message in problem


def test_other_papers() -> None:
    assert cmnd_problem("023 456 789") is None and cmnd_problem("079070029587") is None
    assert "9 hoặc 12" in (cmnd_problem("12345") or "")
    assert passport_problem("c1234567") is None
    assert "1 chữ cái và 7 chữ số" in (passport_problem("123456789") or "")
    assert id_problem(IdDocumentType.CCCD, "079070029587", Gender.MALE, 1970) is None
    assert id_problem(IdDocumentType.CMND, "1") is not None
    assert id_problem(IdDocumentType.PASSPORT, "N7654321") is None
    assert id_problem(IdDocumentType.OTHER, "Giấy khai sinh 12") is None
    assert id_problem(IdDocumentType.OTHER, "  ") == "Hãy nhập số giấy tờ."


@pytest.mark.parametrize(
    "number",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84 912 345 678",
        "84912345678",
        "0387654321",
        "028 3829 1234",
    ],
)
def test_valid_phone_numbers(number: str) -> None:
    assert phone_problem(number) is None


@pytest.mark.parametrize("number", ["0112345678", "091234567", "09123456789", "1900 1234", "abc"])
def test_invalid_phone_numbers(number: str) -> None:
    assert "Số điện thoại không hợp lệ" in (phone_problem(number) or "")


def test_phone_numbers_are_stored_in_one_form() -> None:
    assert normalize_phone("+84 912-345-678") == "0912345678"
    assert normalize_phone("(028) 3829 1234") == "02838291234"
