"""The denouncer identity vault (Luật Tố cáo Đ8.3, Đ56): keys and sealed identities.

Nothing here is readable without a custodian's password or the printed recovery
key; see domain/identity_vault.py for the cryptography.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tiepdan_desktop.db.base import AUDIT_SECRET, AUDIT_SKIP, Base, UUIDKey, VNText, utc_now


class IdentityVault(UUIDKey, Base):
    """One per unit: the public key everyone seals to, the private key wrapped
    under the recovery key, and the key of the blind index."""

    __tablename__ = "identity_vault"

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary, info=AUDIT_SKIP)
    recovery_wrapped: Mapped[bytes] = mapped_column(LargeBinary, info=AUDIT_SKIP)
    # The blind index must be computable by every officer who enters a denunciation.
    index_key: Mapped[bytes] = mapped_column(LargeBinary, info=AUDIT_SKIP)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    created_by_name: Mapped[str] = mapped_column(VNText(120))


class VaultCustodian(Base):
    """A user the administrator designated to keep the vault and, once they took
    it, the vault private key wrapped under a key derived from their password
    (None: designated, or their password was reset by the administrator)."""

    __tablename__ = "vault_custodian"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), primary_key=True)
    salt: Mapped[bytes | None] = mapped_column(LargeBinary, info=AUDIT_SKIP)
    wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary, info=AUDIT_SKIP)
    granted_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    granted_by_name: Mapped[str] = mapped_column(VNText(120))


class SealedPerson(Base):
    """The sealed identity of a denouncer whose `person` row shows only the pseudonym."""

    __tablename__ = "sealed_person"
    __table_args__ = (
        Index(None, "blind_id"),
        Index(None, "blind_name_year"),
        Index(None, "blind_name_address"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, info=AUDIT_SECRET
    )
    # The register's code of the record it was sealed for (TC-2026-0012, .2 …).
    code: Mapped[str] = mapped_column(String(30))
    # What the encryption is bound to: the first row this identity was sealed for.
    # A later record of the same person (a letter from a visit) gets its own row
    # and pseudonym with the same sealed bytes.
    seal_id: Mapped[uuid.UUID] = mapped_column(info=AUDIT_SKIP)
    sealed: Mapped[bytes] = mapped_column(LargeBinary, info=AUDIT_SKIP)
    # Keyed blind index: HMAC of the ID number and of the folded name with birth year.
    blind_id: Mapped[str | None] = mapped_column(String(30), info=AUDIT_SKIP)
    blind_name_year: Mapped[str | None] = mapped_column(String(30), info=AUDIT_SKIP)
    blind_name_address: Mapped[str | None] = mapped_column(String(30), info=AUDIT_SKIP)
    # Keyed tags of each identity fragment, to clean free texts without the plaintext.
    tags_json: Mapped[str] = mapped_column(Text, default="[]", info=AUDIT_SKIP)
    longest: Mapped[int] = mapped_column(Integer, default=1, info=AUDIT_SKIP)
    sealed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
