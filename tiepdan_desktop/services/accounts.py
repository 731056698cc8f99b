"""Signing in and managing user accounts."""

from __future__ import annotations

import uuid

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import User
from tiepdan_desktop.db.repositories import organisation as repo
from tiepdan_desktop.domain.accounts import normalize_username, password_problem, username_problem
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import NewUser, UserChanges, UserInfo
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.services.access import public, requires, signed_in
from tiepdan_desktop.services.context import ServiceContext

_WRONG_CREDENTIALS = "Sai tên đăng nhập hoặc mật khẩu."


def _actor_for(user: User) -> Actor:
    return Actor(user.id, user.username, user.full_name, user.role)


def _password_matches(context: ServiceContext, user: User, password: str) -> bool:
    try:
        return context.password_hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@public
def authenticate(context: ServiceContext, username: str, password: str) -> Actor:
    attempt = Actor(None, normalize_username(username)[:40], "Chưa đăng nhập", Role.READ_ONLY)
    refusal: str | None = None
    with context.sessions.writing(attempt, "dang_nhap") as session:
        user = repo.user_by_username(session, username)
        if user is None:
            # Spend the same time as a real check, so timing does not reveal user names.
            context.password_hasher.hash(password)
            refusal = _WRONG_CREDENTIALS
        elif not _password_matches(context, user, password):
            user.failed_login_count += 1  # committed: failed attempts are kept
            refusal = _WRONG_CREDENTIALS
        elif not user.active:
            refusal = "Tài khoản này đã bị khóa. Hãy liên hệ người quản trị."
        else:
            session.info["actor"] = _actor_for(user)
            user.failed_login_count = 0
            user.last_login_at = context.clock()
            if context.password_hasher.check_needs_rehash(user.password_hash):
                user.password_hash = context.password_hasher.hash(password)
            signed_in_actor = _actor_for(user)
    if refusal is not None:
        raise AuthenticationError(refusal)
    return signed_in_actor


@requires(Permission.MANAGE_USERS)
def list_users(context: ServiceContext, actor: Actor) -> list[UserInfo]:
    with context.sessions.reading() as session:
        return repo.list_users(session)


@requires(Permission.MANAGE_USERS)
def create_user(context: ServiceContext, actor: Actor, new: NewUser) -> UserInfo:
    problems: dict[str, str] = {}
    if message := username_problem(new.username):
        problems["username"] = message
    if not normalize_text(new.full_name):
        problems["full_name"] = "Hãy nhập họ tên."
    if message := password_problem(new.password, new.username):
        problems["password"] = message
    if problems:
        raise ValidationError(problems)
    password_hash = context.password_hasher.hash(new.password)
    with context.sessions.writing(actor, "tao_tai_khoan") as session:
        unit = repo.the_unit(session)
        if unit is None:
            raise ConflictError("Chưa cài đặt đơn vị.")
        if repo.user_by_username(session, new.username) is not None:
            raise ValidationError({"username": f"Tên đăng nhập «{new.username}» đã có người dùng."})
        user = User(
            unit_id=unit.id,
            username=normalize_username(new.username),
            full_name=new.full_name,
            role=new.role,
            password_hash=password_hash,
            # The admin chose this password; the owner should replace it.
            must_change_password=True,
        )
        session.add(user)
        session.flush()
        return repo.user_info(user)


def _user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError("Không tìm thấy tài khoản.")
    return user


@requires(Permission.MANAGE_USERS)
def update_user(
    context: ServiceContext, actor: Actor, user_id: uuid.UUID, changes: UserChanges
) -> UserInfo:
    if not normalize_text(changes.full_name):
        raise ValidationError({"full_name": "Hãy nhập họ tên."})
    with context.sessions.writing(actor, "sua_tai_khoan") as session:
        user = _user(session, user_id)
        stops_being_admin = user.role == Role.ADMIN and (
            changes.role != Role.ADMIN or not changes.active
        )
        if stops_being_admin and repo.count_active_admins(session, excluding=user.id) == 0:
            raise ConflictError("Phải còn ít nhất một tài khoản Quản trị đang hoạt động.")
        if user.id == actor.user_id and not changes.active:
            raise ConflictError("Không thể tự khóa tài khoản mình đang dùng.")
        user.full_name = changes.full_name
        user.role = changes.role
        user.active = changes.active
        session.flush()
        return repo.user_info(user)


@requires(Permission.MANAGE_USERS)
def reset_password(
    context: ServiceContext, actor: Actor, user_id: uuid.UUID, new_password: str
) -> None:
    """Set a temporary password; its owner must replace it at the next sign-in."""
    with context.sessions.writing(actor, "dat_lai_mat_khau") as session:
        user = _user(session, user_id)
        if message := password_problem(new_password, user.username):
            raise ValidationError({"password": message})
        user.password_hash = context.password_hasher.hash(new_password)
        user.must_change_password = True
        user.failed_login_count = 0
        user.password_changed_at = context.clock()


@signed_in
def change_own_password(
    context: ServiceContext, actor: Actor, current_password: str, new_password: str
) -> None:
    if actor.user_id is None:
        raise PermissionDeniedError("Tài khoản dòng lệnh không có mật khẩu.")
    with context.sessions.writing(actor, "doi_mat_khau") as session:
        user = _user(session, actor.user_id)
        if not _password_matches(context, user, current_password):
            raise ValidationError({"current_password": "Mật khẩu hiện tại không đúng."})
        if message := password_problem(new_password, user.username):
            raise ValidationError({"new_password": message})
        if new_password == current_password:
            raise ValidationError({"new_password": "Mật khẩu mới phải khác mật khẩu cũ."})
        user.password_hash = context.password_hasher.hash(new_password)
        user.must_change_password = False
        user.password_changed_at = context.clock()


@signed_in
def my_account(context: ServiceContext, actor: Actor) -> UserInfo:
    if actor.user_id is None:
        raise NotFoundError("Tài khoản dòng lệnh không có hồ sơ người dùng.")
    with context.sessions.reading() as session:
        return repo.user_info(_user(session, actor.user_id))
