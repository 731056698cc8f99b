"""Checks of identity papers and phone numbers, with Vietnamese messages.

Each check returns None when the value is acceptable, otherwise the problem.
"""

from __future__ import annotations

import re

from tiepdan_desktop.domain.enums import Gender, IdDocumentType

# Place-of-registration codes opening a CCCD number (Thông tư 07/2016/TT-BCA, the
# 63 provinces before 2025; the 34 provinces of 2025 kept codes from this list).
CCCD_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 "
    "034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 "
    "067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)
# Mobile numbers: 10 digits starting with these prefixes.
MOBILE_PREFIXES = re.compile(r"^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$")
# Landlines since 2017: 02 + area code, 11 digits in all.
LANDLINE = re.compile(r"^02\d{9}$")
PASSPORT = re.compile(r"^[A-Z]\d{7}$")
_SEPARATORS = re.compile(r"[\s.\-()]")


def digits_only(text: str) -> str:
    return _SEPARATORS.sub("", text)


def cccd_problem(
    number: str, gender: Gender | None = None, birth_year: int | None = None
) -> str | None:
    """Căn cước / CCCD: 12 digits — province code, gender-and-century digit, year."""
    value = digits_only(number)
    if not value.isdigit() or len(value) != 12:
        return "Số căn cước (CCCD) gồm đúng 12 chữ số."
    if value[:3] not in CCCD_PROVINCE_CODES:
        return f"Số căn cước: mã nơi đăng ký khai sinh «{value[:3]}» không có trong danh mục."
    code = int(value[3])
    if gender is not None and gender is not Gender.OTHER:
        female = code % 2 == 1
        if female != (gender is Gender.FEMALE):
            return "Số căn cước: chữ số thứ 4 không khớp với giới tính."
    if birth_year is not None:
        century = 1900 + (code // 2) * 100
        if not century <= birth_year < century + 100 or birth_year % 100 != int(value[4:6]):
            return "Số căn cước: chữ số thứ 4–6 không khớp với năm sinh."
    return None


def cmnd_problem(number: str) -> str | None:
    value = digits_only(number)
    if not value.isdigit() or len(value) not in (9, 12):
        return "Số chứng minh nhân dân gồm 9 hoặc 12 chữ số."
    return None


def passport_problem(number: str) -> str | None:
    if not PASSPORT.fullmatch(digits_only(number).upper()):
        return "Số hộ chiếu gồm 1 chữ cái và 7 chữ số (ví dụ C1234567)."
    return None


def id_problem(
    kind: IdDocumentType, number: str, gender: Gender | None = None, birth_year: int | None = None
) -> str | None:
    if kind is IdDocumentType.CCCD:
        return cccd_problem(number, gender, birth_year)
    if kind is IdDocumentType.CMND:
        return cmnd_problem(number)
    if kind is IdDocumentType.PASSPORT:
        return passport_problem(number)
    return None if number.strip() else "Hãy nhập số giấy tờ."


def normalize_phone(number: str) -> str:
    """0912 345 678, 0912.345.678, +84 912 345 678 → 0912345678."""
    value = digits_only(number)
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) == 11:
        value = "0" + value[2:]
    return value


def phone_problem(number: str) -> str | None:
    value = normalize_phone(number)
    if MOBILE_PREFIXES.fullmatch(value) or LANDLINE.fullmatch(value):
        return None
    return "Số điện thoại không hợp lệ: di động gồm 10 chữ số (ví dụ 0912 345 678)."
