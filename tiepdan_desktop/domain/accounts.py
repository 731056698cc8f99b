"""Rules for user names and passwords (no default password ever exists)."""

from __future__ import annotations

import re
import unicodedata

MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
_TOO_COMMON = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "password",
        "matkhau1",
        "admin123",
        "abc12345",
        "11111111",
        "00000000",
        "88888888",
        "qwertyui",
        "iloveyou",
        "matkhau123",
        "password1",
    }
)


def normalize_password(password: str) -> str:
    """The same password typed on any keyboard or saved by any editor hashes the
    same: Unicode NFC, and no byte-order mark from a Windows text file."""
    return unicodedata.normalize("NFC", password.removeprefix("\ufeff"))


def normalize_username(username: str) -> str:
    return username.strip().lower()


def username_problem(username: str) -> str | None:
    if not _USERNAME.fullmatch(normalize_username(username)):
        return (
            "Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc "
            "gạch dưới, bắt đầu bằng chữ hoặc số."
        )
    return None


def password_problem(password: str, username: str = "") -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự."
    if password.strip() != password:
        return "Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng."
    if len(set(password)) < 4 or password.lower() in _TOO_COMMON:
        return "Mật khẩu quá dễ đoán; hãy chọn mật khẩu khác."
    if username and normalize_username(username) in password.lower():
        return "Mật khẩu không được chứa tên đăng nhập."
    return None


def new_password_problems(
    password: str, confirmation: str, username: str, field: str = "password"
) -> dict[str, str]:
    """Problems with a password typed twice, keyed by field ("confirm" for the second)."""
    if message := password_problem(password, username):
        return {field: message}
    if confirmation != password:
        return {"confirm": "Hai lần nhập mật khẩu không khớp."}
    return {}
