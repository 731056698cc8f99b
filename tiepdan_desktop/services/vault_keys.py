"""The vault's keys as stored: a custodian's key wrapped under their password, the
recovery key's, and what follows a password change or reset.  Support for the
vault and account services, not actions of their own."""

from __future__ import annotations

import struct
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import IdentityVault, User, VaultCustodian
from tiepdan_desktop.domain import identity_vault as crypto
from tiepdan_desktop.domain.accounts import normalize_password, normalize_username
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.identity_vault import KdfCost, VaultKeyError
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.passwords import password_matches

RECOVERY_LABEL = b"vault private key: recovery"


def custodian_label(user_id: uuid.UUID) -> bytes:
    return f"vault private key: custodian {user_id}".encode()


def may_hold(session: Session, user: User) -> bool:
    """An active leader, or a user the administrator designated; never an
    administrator, who manages the accounts (a custodian promoted to it loses the key)."""
    if not user.active or user.role is Role.ADMIN:
        return False
    return user.role is Role.LEADER or session.get(VaultCustodian, user.id) is not None


def private_from_custodian(
    session: Session, context: ServiceContext, username: str, password: str
) -> bytes:
    user = session.scalar(select(User).where(User.username == normalize_username(username)))
    custodian = None if user is None else session.get(VaultCustodian, user.id)
    if (
        user is None
        or custodian is None
        or custodian.wrapped_key is None
        or not may_hold(session, user)
        or not password_matches(context, user.password_hash, password)
    ):
        raise ValidationError(
            {"opener": "Tên đăng nhập hoặc mật khẩu của người đang giữ két không đúng."}
        )
    return open_slot(custodian, password)


def open_slot(custodian: VaultCustodian, password: str) -> bytes:
    """The vault private key from a custodian's slot, with the cost it was made with."""
    assert custodian.salt is not None and custodian.wrapped_key is not None
    salt, cost = _salt_and_cost(custodian.salt)
    key = crypto.password_key(normalize_password(password), salt, cost)
    try:
        return crypto.unwrap(key, custodian.wrapped_key, custodian_label(custodian.user_id))
    except VaultKeyError as error:
        raise ValidationError({"password": "Mật khẩu không mở được két."}) from error


# The salt column keeps the 16 random bytes and then the argon2id cost (passes and
# memory, two big-endian 32-bit numbers): a later default cost opens older slots.
_COST = struct.Struct(">II")


def _salt_and_cost(stored: bytes) -> tuple[bytes, KdfCost]:
    salt, cost = stored[:16], stored[16:]
    if len(cost) != _COST.size:
        return salt, KdfCost()
    passes, memory = _COST.unpack(cost)
    return salt, KdfCost(passes, memory)


def private_from_recovery(vault: IdentityVault, recovery: str) -> bytes:
    try:
        key = crypto.recovery_wrapping_key(crypto.recovery_key_bytes(recovery))
        return crypto.unwrap(key, vault.recovery_wrapped, RECOVERY_LABEL)
    except VaultKeyError as error:
        raise ValidationError({"opener": "Khóa dự phòng không đúng."}) from error


def wrap_for(custodian: VaultCustodian, private: bytes, password: str, cost: KdfCost) -> None:
    salt = crypto.new_salt()
    custodian.salt = salt + _COST.pack(cost.passes, cost.memory_kib)
    key = crypto.password_key(normalize_password(password), salt, cost)
    custodian.wrapped_key = crypto.wrap(key, private, custodian_label(custodian.user_id))


def rewrap_on_password_change(
    session: Session, user_id: uuid.UUID, old_password: str, new_password: str, cost: KdfCost
) -> None:
    """Support for accounts: a custodian's key follows their new password."""
    custodian = session.get(VaultCustodian, user_id)
    if custodian is None or custodian.wrapped_key is None:
        return
    wrap_for(custodian, open_slot(custodian, old_password), new_password, cost)


def forget_custodian(session: Session, user_id: uuid.UUID) -> None:
    """Support for accounts: a change of role ends the custody and any designation;
    the administrator designates again, and the key is taken again, if it should be."""
    custodian = session.get(VaultCustodian, user_id)
    if custodian is not None:
        session.delete(custodian)


def drop_key_on_reset(session: Session, user_id: uuid.UUID) -> None:
    """Support for accounts: a password set by the administrator opens no vault.
    The user stays designated and takes the key again from a custodian."""
    custodian = session.get(VaultCustodian, user_id)
    if custodian is not None:
        custodian.salt = None
        custodian.wrapped_key = None
