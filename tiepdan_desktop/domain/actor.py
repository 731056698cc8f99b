"""The user on whose behalf a service acts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.permissions import Permission, role_can

# The command line (scripted installs, demo data, maintenance) acts as this
# account; whoever can run it already holds the database file.
COMMAND_LINE_USERNAME = "dong-lenh"


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID | None
    username: str
    full_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return role_can(self.role, permission)

    @classmethod
    def command_line(cls) -> Actor:
        return cls(None, COMMAND_LINE_USERNAME, "Dòng lệnh (quản trị trên máy)", Role.ADMIN)
