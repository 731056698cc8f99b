from __future__ import annotations

import pytest

from tiepdan_desktop.domain.accounts import normalize_username, password_problem, username_problem


@pytest.mark.parametrize("username", ["quantri", "nguyen.van.an", "canbo-1", "cb_02", "abc"])
def test_acceptable_usernames(username: str) -> None:
    assert username_problem(username) is None


@pytest.mark.parametrize("username", ["ab", "nguyễn", "có dấu cách", "-batdau", "", "a" * 41])
def test_rejected_usernames_get_a_vietnamese_reason(username: str) -> None:
    problem = username_problem(username)
    assert problem is not None and "Tên đăng nhập" in problem


def test_usernames_are_case_insensitive() -> None:
    assert normalize_username("  QuanTri ") == "quantri"


@pytest.mark.parametrize(
    ("password", "username", "reason"),
    [
        ("ngan", "", "ít nhất 8"),
        (" Mat-khau-2026", "", "khoảng trắng"),
        ("12345678", "", "dễ đoán"),
        ("aaaaaaaa", "", "dễ đoán"),
        ("quantri-2026", "quantri", "tên đăng nhập"),
    ],
)
def test_weak_passwords_are_refused(password: str, username: str, reason: str) -> None:
    problem = password_problem(password, username)
    assert problem is not None and reason in problem


def test_a_reasonable_password_passes() -> None:
    assert password_problem("Mùa-thu-2026", "quantri") is None


def test_a_password_typed_twice_is_checked_once_for_strength_then_for_equality() -> None:
    from tiepdan_desktop.domain.accounts import new_password_problems

    assert new_password_problems("Mùa-thu-2026", "Mùa-thu-2026", "an") == {}
    assert (
        "ít nhất 8" in new_password_problems("ngan", "ngan", "an", "new_password")["new_password"]
    )
    assert new_password_problems("Mùa-thu-2026", "Mùa-thu-2025", "an") == {
        "confirm": "Hai lần nhập mật khẩu không khớp."
    }
