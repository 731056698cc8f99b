"""What every service needs: sessions, the data folder, the password hasher, a clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from sqlalchemy import Engine

from tiepdan_desktop.db.session import SessionFactory
from tiepdan_desktop.domain.identity_vault import KdfCost
from tiepdan_desktop.paths import DataPaths


def local_now() -> dt.datetime:
    """Wall-clock time of the office PC (Vietnam has one time zone and no DST)."""
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class ServiceContext:
    sessions: SessionFactory
    paths: DataPaths | None = None
    # argon2id with the library's defaults (RFC 9106 low-memory profile).
    password_hasher: PasswordHasher = field(default_factory=PasswordHasher)
    clock: Callable[[], dt.datetime] = local_now
    # argon2id for the custodians' vault keys (tests use a cheap one, as for passwords).
    vault_kdf: KdfCost = field(default_factory=KdfCost)

    @classmethod
    def for_engine(cls, engine: Engine, paths: DataPaths | None = None) -> ServiceContext:
        return cls(SessionFactory(engine), paths)

    @property
    def engine(self) -> Engine:
        return self.sessions.engine

    def today(self) -> dt.date:
        return self.clock().date()
