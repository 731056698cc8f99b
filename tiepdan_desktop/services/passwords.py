"""Hashing and checking passwords (argon2id), the same way everywhere."""

from __future__ import annotations

from argon2.exceptions import InvalidHashError, VerificationError

from tiepdan_desktop.domain.accounts import normalize_password
from tiepdan_desktop.services.context import ServiceContext


def hash_password(context: ServiceContext, password: str) -> str:
    return context.password_hasher.hash(normalize_password(password))


def password_matches(context: ServiceContext, password_hash: str, password: str) -> bool:
    try:
        return context.password_hasher.verify(password_hash, normalize_password(password))
    except (VerificationError, InvalidHashError):
        return False
