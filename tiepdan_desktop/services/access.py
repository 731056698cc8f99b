"""Access rules on service functions.

Every public service function carries exactly one of these decorators; a test
walks the services package and fails on a function that has none.

- ``@requires(P)``: the actor must be an active account, no longer on a temporary
  password, whose current role (read from the database, so a change by the admin
  takes effect at once) has P.
- ``@signed_in``: any active account (changing one's own password).
- ``@public``: callable before anyone signs in (first-run setup, login).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from tiepdan_desktop.db.models import User
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.errors import PermissionDeniedError, StorageError
from tiepdan_desktop.domain.permissions import (
    PERMISSION_LABELS,
    Permission,
    permissions_of,
    role_can,
)
from tiepdan_desktop.services.context import ServiceContext

P = ParamSpec("P")
R = TypeVar("R")
ACCESS_ATTRIBUTE = "service_access"


@dataclass(frozen=True)
class Access:
    kind: str  # "permission", "signed_in" or "public"
    permission: Permission | None = None


Service = Callable[Concatenate[ServiceContext, Actor, P], R]

STORAGE_PROBLEM = (
    "Không đọc/ghi được cơ sở dữ liệu (có thể tệp đang bị chương trình khác giữ, hoặc ổ đĩa "
    "đầy). Dữ liệu đã lưu trước đó không bị ảnh hưởng; hãy thử lại."
)
# The role `requires` read for the call in progress (in this thread): what the
# service then asks of the same actor is answered without reading it again.
_ROLE_OF_CALL: ContextVar[tuple[uuid.UUID, Role] | None] = ContextVar("role_of_call", default=None)

TEMPORARY_PASSWORD = (
    "Tài khoản đang dùng mật khẩu tạm do người quản trị đặt; hãy đổi mật khẩu trước khi làm việc."
)


@contextmanager
def _storage_errors_explained() -> Iterator[None]:
    """The database's own failures reach callers as one Vietnamese DomainError."""
    try:
        yield
    except OperationalError as error:
        raise StorageError(STORAGE_PROBLEM) from error


def _account_state(context: ServiceContext, actor: Actor) -> tuple[Role, bool]:
    """The actor's role now, and whether it still has a temporary password.
    The command-line actor is the machine's administrator."""
    if actor.user_id is None:
        return actor.role, False
    with context.sessions.reading() as session:
        row = session.execute(
            select(User.active, User.role, User.must_change_password).where(
                User.id == actor.user_id
            )
        ).first()
    if row is None or not row.active:
        raise PermissionDeniedError("Tài khoản này đã bị khóa hoặc không còn tồn tại.")
    return cast(Role, row.role), bool(row.must_change_password)


def current_permissions(context: ServiceContext, actor: Actor) -> frozenset[Permission]:
    """Everything the actor's role may do now (what a screen offers, which steps)."""
    role, _temporary = _account_state(context, actor)
    return permissions_of(role)


def current_permission(context: ServiceContext, actor: Actor, permission: Permission) -> bool:
    """Whether the actor's role, as it is now in the database, has `permission`
    (for what a service shows, after `requires` let the call in)."""
    checked = _ROLE_OF_CALL.get()
    if checked is not None and actor.user_id is not None and checked[0] == actor.user_id:
        return role_can(checked[1], permission)
    role, _temporary = _account_state(context, actor)
    return role_can(role, permission)


def requires(permission: Permission) -> Callable[[Service[P, R]], Service[P, R]]:
    def decorate(function: Service[P, R]) -> Service[P, R]:
        def checked(
            context: ServiceContext, actor: Actor, /, *args: P.args, **kwargs: P.kwargs
        ) -> R:
            with _storage_errors_explained():
                role, temporary_password = _account_state(context, actor)
                if not role_can(role, permission):
                    raise PermissionDeniedError(
                        f"Vai trò «{role.label}» không được phép {PERMISSION_LABELS[permission]}."
                    )
                if temporary_password:
                    raise PermissionDeniedError(TEMPORARY_PASSWORD)
                known = None if actor.user_id is None else (actor.user_id, role)
                token = _ROLE_OF_CALL.set(known)
                try:
                    return function(context, actor, *args, **kwargs)
                finally:
                    _ROLE_OF_CALL.reset(token)

        functools.update_wrapper(checked, function)
        setattr(checked, ACCESS_ATTRIBUTE, Access("permission", permission))
        return checked

    return decorate


def signed_in[**P, R](function: Service[P, R]) -> Service[P, R]:
    """Any active account, even one that must still replace a temporary password."""

    def checked(context: ServiceContext, actor: Actor, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with _storage_errors_explained():
            _account_state(context, actor)
            return function(context, actor, *args, **kwargs)

    functools.update_wrapper(checked, function)
    setattr(checked, ACCESS_ATTRIBUTE, Access("signed_in"))
    return checked


def public[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        with _storage_errors_explained():
            return function(*args, **kwargs)

    functools.update_wrapper(checked, function)
    setattr(checked, ACCESS_ATTRIBUTE, Access("public"))
    return checked
