"""Plain records that repositories and services hand to the UI and the command line.

They are copies: changing one changes nothing in the database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from tiepdan_desktop.domain.calendar import SpecialDay
from tiepdan_desktop.domain.enums import Role, UnitLevel


@dataclass(frozen=True)
class UnitInfo:
    id: uuid.UUID
    name: str
    level: UnitLevel
    province_code: int
    province_name: str
    ward_code: int
    ward_name: str
    chairman_name: str
    remote_area: bool
    address: str | None


@dataclass(frozen=True)
class UnitChanges:
    name: str
    chairman_name: str
    remote_area: bool
    address: str | None


@dataclass(frozen=True)
class UserInfo:
    id: uuid.UUID
    username: str
    full_name: str
    role: Role
    active: bool
    must_change_password: bool
    last_login_at: dt.datetime | None
    created_at: dt.datetime
    # After too many wrong passwords: locked until then (UTC), unless reset.
    locked_until: dt.datetime | None = None


@dataclass(frozen=True)
class NewUser:
    username: str
    full_name: str
    role: Role
    password: str


@dataclass(frozen=True)
class UserChanges:
    full_name: str
    role: Role
    active: bool


@dataclass(frozen=True)
class SetupRequest:
    """Everything the first-run wizard (or `tiepdan init`) collects."""

    unit_name: str
    province_code: int
    ward_code: int
    chairman_name: str
    admin_username: str
    admin_full_name: str
    admin_password: str
    remote_area: bool = False


@dataclass(frozen=True)
class SubjectAreaInfo:
    code: str
    name: str
    parent_code: str | None
    applies_to: tuple[str, ...]
    active: bool


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str
    operation: str
    changes: dict[str, list[object]]


@dataclass(frozen=True)
class IntegrityReport:
    """Result of `tiepdan check`: empty `problems` means the database is sound."""

    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class CalendarDayRecord:
    special: SpecialDay
    # "seed" (from the holidays package), "shipped" (the program's calendar file),
    # "import" (a file an office imported) or "admin" (typed in by an administrator).
    source: str


@dataclass(frozen=True)
class DueDateChange:
    """A due date that moved when the calendar or the settings changed."""

    deadline_id: uuid.UUID
    rule_id: str
    old_due: dt.date
    new_due: dt.date


@dataclass(frozen=True)
class CalendarChangeReport:
    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0
    moved_deadlines: tuple[DueDateChange, ...] = ()
