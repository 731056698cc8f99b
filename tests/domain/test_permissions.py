from __future__ import annotations

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.permissions import (
    PERMISSION_LABELS,
    Permission,
    permissions_of,
    role_can,
)


def test_every_permission_has_a_vietnamese_label() -> None:
    assert set(PERMISSION_LABELS) == set(Permission)


def test_read_only_can_only_read() -> None:
    assert permissions_of(Role.READ_ONLY) == {Permission.VIEW_REGISTERS, Permission.VIEW_REPORTS}


def test_only_the_leader_decides_and_only_the_admin_manages_accounts() -> None:
    assert [r for r in Role if role_can(r, Permission.DECIDE)] == [Role.LEADER]
    assert [r for r in Role if role_can(r, Permission.MANAGE_USERS)] == [Role.ADMIN]


def test_everyone_can_read_the_registers() -> None:
    assert all(role_can(role, Permission.VIEW_REGISTERS) for role in Role)


def test_command_line_actor_is_an_administrator_without_an_account() -> None:
    actor = Actor.command_line()
    assert actor.user_id is None and actor.can(Permission.MAINTAIN)
