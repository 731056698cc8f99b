"""Signing in and managing user accounts.

Passwords are compared and hashed (argon2id, tens of milliseconds) before the
write transaction starts, so the database's single write lock is never held
while a password is being hashed.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy.orm import Session

from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import Setting, User
from tiepdan_desktop.db.repositories import organisation as repo
from tiepdan_desktop.db.repositories.calendar import setting_text
from tiepdan_desktop.domain.accounts import (
    normalize_password,
    normalize_username,
    password_problem,
    username_problem,
)
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
from tiepdan_desktop.services.passwords import hash_password, password_matches
from tiepdan_desktop.services.vault_keys import (
    drop_key_on_reset,
    forget_custodian,
    rewrap_on_password_change,
)

_WRONG_CREDENTIALS = "Sai tên đăng nhập hoặc mật khẩu."
_LOCKED = "Tài khoản này đã bị khóa. Hãy liên hệ người quản trị."
# Guessing passwords: after this many wrong ones in a row the account waits.
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)


def _locked_out(until: dt.datetime) -> str:
    local = until.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    return (
        f"Đã nhập sai mật khẩu {MAX_FAILED_LOGINS} lần: tài khoản tạm khóa đến {local:%H:%M} "
        f"ngày {local:%d/%m/%Y}. Người quản trị có thể mở khóa bằng cách đặt lại mật khẩu."
    )


def _actor_for(user: User) -> Actor:
    return Actor(user.id, user.username, user.full_name, user.role)


def _stored_hash(context: ServiceContext, user_id: uuid.UUID) -> tuple[str, str]:
    """(username, password hash) of an account, read without any lock."""
    with context.sessions.reading() as session:
        user = _user(session, user_id)
        return user.username, user.password_hash


@public
def authenticate(context: ServiceContext, username: str, password: str) -> Actor:
    with context.sessions.reading() as session:
        found = repo.user_by_username(session, username)
        stored = None if found is None else (found.id, found.password_hash)
    if stored is None:
        hash_password(context, password)  # same time as a real check: names stay secret
        raise AuthenticationError(_WRONG_CREDENTIALS)
    user_id, password_hash = stored
    matches = password_matches(context, password_hash, password)
    rehashed = (
        hash_password(context, password)
        if matches and context.password_hasher.check_needs_rehash(password_hash)
        else None
    )
    attempt = Actor(None, normalize_username(username)[:40], "Chưa đăng nhập", Role.READ_ONLY)
    refusal: str | None = None
    now = utc_now()
    with context.sessions.writing(attempt, "dang_nhap") as session:
        user = _user(session, user_id)
        if user.locked_until is not None and user.locked_until > now:
            # Even the right password waits: a guess must not learn it was right.
            refusal = _locked_out(user.locked_until)
        elif not matches:
            user.failed_login_count += 1  # committed (and audited): failed attempts are kept
            refusal = _WRONG_CREDENTIALS
            if user.failed_login_count >= MAX_FAILED_LOGINS:
                user.locked_until = now + LOCKOUT
                user.failed_login_count = 0
                refusal = _locked_out(user.locked_until)
        elif not user.active:
            refusal = _LOCKED
        else:
            session.info["actor"] = _actor_for(user)
            user.failed_login_count = 0
            user.locked_until = None
            user.last_login_at = now
            if rehashed is not None:
                user.password_hash = rehashed
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
    password_hash = hash_password(context, new.password)
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
            # The admin chose this password; the owner must replace it.
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
        if changes.role is not user.role:
            forget_custodian(session, user.id)  # a new role: custody is decided again
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
    if user_id == actor.user_id:
        raise ConflictError("Mật khẩu của chính mình được đổi bằng «Đổi mật khẩu» (menu Tệp).")
    username, _ = _stored_hash(context, user_id)
    if message := password_problem(new_password, username):
        raise ValidationError({"password": message})
    password_hash = hash_password(context, new_password)
    with context.sessions.writing(actor, "dat_lai_mat_khau") as session:
        user = _user(session, user_id)
        user.password_hash = password_hash
        drop_key_on_reset(session, user.id)  # the administrator never opens the vault
        user.must_change_password = True
        user.failed_login_count = 0
        user.locked_until = None
        user.password_changed_at = utc_now()


@signed_in
def change_own_password(
    context: ServiceContext, actor: Actor, current_password: str, new_password: str
) -> None:
    if actor.user_id is None:
        raise PermissionDeniedError("Tài khoản dòng lệnh không có mật khẩu.")
    username, password_hash = _stored_hash(context, actor.user_id)
    if not password_matches(context, password_hash, current_password):
        raise ValidationError({"current_password": "Mật khẩu hiện tại không đúng."})
    if message := password_problem(new_password, username):
        raise ValidationError({"new_password": message})
    if normalize_password(new_password) == normalize_password(current_password):
        raise ValidationError({"new_password": "Mật khẩu mới phải khác mật khẩu cũ."})
    new_hash = hash_password(context, new_password)
    with context.sessions.writing(actor, "doi_mat_khau") as session:
        user = _user(session, actor.user_id)
        if user.password_hash != password_hash:
            raise ConflictError("Mật khẩu vừa được đổi ở nơi khác; hãy thử lại.")
        user.password_hash = new_hash
        rewrap_on_password_change(
            session, user.id, current_password, new_password, context.vault_kdf
        )
        user.must_change_password = False
        user.password_changed_at = utc_now()


@signed_in
def my_account(context: ServiceContext, actor: Actor) -> UserInfo:
    if actor.user_id is None:
        raise NotFoundError("Tài khoản dòng lệnh không có hồ sơ người dùng.")
    with context.sessions.reading() as session:
        return repo.user_info(_user(session, actor.user_id))


# --- the idle screen lock ---------------------------------------------------------

IDLE_LOCK_KEY = "khoa_man_hinh_phut"
IDLE_LOCK_DEFAULT = 10  # minutes; 0: never


@signed_in
def idle_lock_minutes(context: ServiceContext, actor: Actor) -> int:
    """After how many minutes without a key or a click the screen locks (0: never)."""
    with context.sessions.reading() as session:
        text = setting_text(session, IDLE_LOCK_KEY)
    return IDLE_LOCK_DEFAULT if text is None else int(json.loads(text))


@requires(Permission.MANAGE_USERS)
def set_idle_lock_minutes(context: ServiceContext, actor: Actor, minutes: int) -> int:
    if not 0 <= minutes <= 240:
        raise ValidationError(
            {"idle_lock": "Thời gian tự khóa màn hình từ 1 đến 240 phút, hoặc 0 để không khóa."}
        )
    with context.sessions.writing(actor, "cai_dat_khoa_man_hinh") as session:
        row = session.get(Setting, IDLE_LOCK_KEY)
        if row is None:
            session.add(Setting(key=IDLE_LOCK_KEY, value_json=str(minutes), updated_at=utc_now()))
        else:
            row.value_json, row.updated_at = str(minutes), utc_now()
    return minutes


@signed_in
def unlock_screen(context: ServiceContext, actor: Actor, password: str) -> None:
    """The signed-in official's password again, to return to a locked screen.  A wrong
    one counts towards the account lock like a sign-in (AuthenticationError)."""
    if actor.user_id is None:
        raise PermissionDeniedError("Tài khoản dòng lệnh không có màn hình để mở khóa.")
    authenticate(context, actor.username, password)
