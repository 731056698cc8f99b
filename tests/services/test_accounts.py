from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from tests.conftest import ADMIN_USERNAME, PASSWORD
from tiepdan_desktop.db.models import User
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.errors import AuthenticationError, ConflictError, ValidationError
from tiepdan_desktop.domain.records import NewUser, UserChanges, UserInfo
from tiepdan_desktop.services import accounts, maintenance
from tiepdan_desktop.services.context import ServiceContext


def _stored_user(services: ServiceContext, username: str) -> User:
    from sqlalchemy import select

    with services.sessions.reading() as session:
        return session.scalars(select(User).where(User.username == username)).one()


def _new_officer(services: ServiceContext, admin: Actor, username: str = "canbo.an") -> UserInfo:
    return accounts.create_user(
        services, admin, NewUser(username, "Lê Văn An", Role.OFFICER, PASSWORD)
    )


class TestSignIn:
    def test_wrong_password_is_refused_and_counted(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        with pytest.raises(AuthenticationError, match="Sai tên đăng nhập hoặc mật khẩu"):
            accounts.authenticate(services, ADMIN_USERNAME, "sai-mat-khau")
        assert _stored_user(services, ADMIN_USERNAME).failed_login_count == 1
        accounts.authenticate(services, ADMIN_USERNAME, PASSWORD)
        assert _stored_user(services, ADMIN_USERNAME).failed_login_count == 0

    def test_unknown_user_gets_the_same_message(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        with pytest.raises(AuthenticationError, match="Sai tên đăng nhập hoặc mật khẩu"):
            accounts.authenticate(services, "khong-ai", PASSWORD)

    def test_a_locked_account_cannot_sign_in(self, services: ServiceContext, admin: Actor) -> None:
        officer = _new_officer(services, admin)
        accounts.update_user(
            services, admin, officer.id, UserChanges("Lê Văn An", Role.OFFICER, False)
        )
        with pytest.raises(AuthenticationError, match="đã bị khóa"):
            accounts.authenticate(services, "canbo.an", PASSWORD)

    def test_five_wrong_passwords_lock_the_account_for_a_while(
        self, services: ServiceContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import datetime as dt

        officer = _new_officer(services, admin)
        for _attempt in range(accounts.MAX_FAILED_LOGINS - 1):
            with pytest.raises(AuthenticationError, match="Sai tên đăng nhập"):
                accounts.authenticate(services, "canbo.an", "doan-mo")
        with pytest.raises(AuthenticationError, match="tạm khóa đến"):
            accounts.authenticate(services, "canbo.an", "doan-mo")
        locked_until = _stored_user(services, "canbo.an").locked_until
        assert locked_until is not None
        # Even the right password waits, and the refusals are in the audit trail.
        with pytest.raises(AuthenticationError, match="tạm khóa đến"):
            accounts.authenticate(services, "canbo.an", PASSWORD)
        entries = [
            e
            for e in maintenance.list_audit_entries(services, admin, limit=20)
            if e.entity_id == str(officer.id) and "locked_until" in e.changes
        ]
        assert entries
        later = locked_until + dt.timedelta(seconds=1)
        monkeypatch.setattr(accounts, "utc_now", lambda: later)
        accounts.authenticate(services, "canbo.an", PASSWORD)
        assert _stored_user(services, "canbo.an").locked_until is None

    def test_an_admin_reset_lifts_the_lock(self, services: ServiceContext, admin: Actor) -> None:
        officer = _new_officer(services, admin)
        for _attempt in range(accounts.MAX_FAILED_LOGINS):
            with pytest.raises(AuthenticationError):
                accounts.authenticate(services, "canbo.an", "doan-mo")
        accounts.reset_password(services, admin, officer.id, "Tam-thoi-2027")
        assert accounts.authenticate(services, "canbo.an", "Tam-thoi-2027").username == "canbo.an"

    def test_sign_in_records_the_time(self, services: ServiceContext, admin: Actor) -> None:
        assert _stored_user(services, ADMIN_USERNAME).last_login_at is not None

    def test_passwords_are_stored_as_argon2id_and_upgraded_when_parameters_grow(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        old_hash = _stored_user(services, ADMIN_USERNAME).password_hash
        assert old_hash.startswith("$argon2id$") and PASSWORD not in old_hash
        services.password_hasher = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
        accounts.authenticate(services, ADMIN_USERNAME, PASSWORD)
        new_hash = _stored_user(services, ADMIN_USERNAME).password_hash
        assert new_hash != old_hash and "m=2048,t=2" in new_hash


class TestManagingAccounts:
    def test_a_new_account_must_change_its_temporary_password(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        officer = _new_officer(services, admin)
        assert officer.must_change_password and officer.active
        actor = accounts.authenticate(services, "canbo.an", PASSWORD)
        accounts.change_own_password(services, actor, PASSWORD, "Mua-xuan-2027")
        assert not accounts.my_account(services, actor).must_change_password
        with pytest.raises(AuthenticationError):
            accounts.authenticate(services, "canbo.an", PASSWORD)

    def test_user_names_are_unique_whatever_the_case(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        _new_officer(services, admin)
        with pytest.raises(ValidationError) as refused:
            _new_officer(services, admin, "CanBo.An")
        assert "username" in refused.value.fields

    def test_the_last_administrator_cannot_be_demoted_or_locked(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        assert admin.user_id is not None
        for changes in (
            UserChanges("Quản Trị", Role.OFFICER, True),
            UserChanges("Quản Trị", Role.ADMIN, False),
        ):
            with pytest.raises(ConflictError, match="ít nhất một tài khoản Quản trị"):
                accounts.update_user(services, admin, admin.user_id, changes)

    def test_nobody_locks_their_own_account(self, services: ServiceContext, admin: Actor) -> None:
        second = accounts.create_user(
            services, admin, NewUser("quantri2", "Quản Trị Hai", Role.ADMIN, PASSWORD)
        )
        assert admin.user_id is not None and second.id
        with pytest.raises(ConflictError, match="tự khóa"):
            accounts.update_user(
                services, admin, admin.user_id, UserChanges("Q", Role.ADMIN, False)
            )

    def test_reset_password_unlocks_the_counter_and_forces_a_change(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        officer = _new_officer(services, admin)
        with pytest.raises(AuthenticationError):
            accounts.authenticate(services, "canbo.an", "quen-mat-roi")
        accounts.reset_password(services, admin, officer.id, "Tam-thoi-2026")
        stored = _stored_user(services, "canbo.an")
        assert stored.failed_login_count == 0 and stored.must_change_password
        accounts.authenticate(services, "canbo.an", "Tam-thoi-2026")

    def test_changing_ones_password_checks_the_current_one(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        with pytest.raises(ValidationError) as wrong:
            accounts.change_own_password(services, admin, "khong-dung", "Mua-he-2027!")
        assert "current_password" in wrong.value.fields
        with pytest.raises(ValidationError) as same:
            accounts.change_own_password(services, admin, PASSWORD, PASSWORD)
        assert "new_password" in same.value.fields

    def test_accounts_are_listed_active_first_then_by_name(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        for username, name in (("ban1", "Đỗ Văn Bình"), ("ban2", "Ân Thị Ba")):
            accounts.create_user(services, admin, NewUser(username, name, Role.OFFICER, PASSWORD))
        locked = accounts.create_user(
            services, admin, NewUser("ban3", "Ai Đó", Role.OFFICER, PASSWORD)
        )
        accounts.update_user(services, admin, locked.id, UserChanges("Ai Đó", Role.OFFICER, False))
        names = [user.full_name for user in accounts.list_users(services, admin)]
        assert names[-1] == "Ai Đó"
        assert names.index("Ân Thị Ba") < names.index("Đỗ Văn Bình")


class TestPasswordsAndTime:
    def test_a_temporary_password_allows_only_changing_it(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        from tiepdan_desktop.domain.errors import PermissionDeniedError
        from tiepdan_desktop.services import overview

        _new_officer(services, admin)
        officer = accounts.authenticate(services, "canbo.an", PASSWORD)
        with pytest.raises(PermissionDeniedError, match="mật khẩu tạm"):
            overview.register_summary(services, officer)
        assert accounts.my_account(services, officer).must_change_password
        accounts.change_own_password(services, officer, PASSWORD, "Mua-dong-2027")
        assert overview.register_summary(services, officer).visits == 0

    def test_nobody_resets_their_own_password_as_an_administrator(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        assert admin.user_id is not None
        with pytest.raises(ConflictError, match="Đổi mật khẩu"):
            accounts.reset_password(services, admin, admin.user_id, "Tam-thoi-2099")

    def test_the_same_password_whatever_its_unicode_form_or_byte_order_mark(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        import unicodedata

        accounts.create_user(
            services, admin, NewUser("canbo.nfc", "Lê Văn Dấu", Role.OFFICER, "Mùa-thu-2026")
        )
        decomposed = unicodedata.normalize("NFD", "Mùa-thu-2026")
        assert decomposed != "Mùa-thu-2026"
        assert accounts.authenticate(services, "canbo.nfc", decomposed)
        assert accounts.authenticate(services, "canbo.nfc", "\ufeffMùa-thu-2026")

    def test_sign_in_time_is_kept_in_utc(self, services: ServiceContext, admin: Actor) -> None:
        import datetime as dt

        stored = _stored_user(services, ADMIN_USERNAME).last_login_at
        utc_now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        assert stored is not None and abs(utc_now - stored) < dt.timedelta(minutes=1)

    def test_a_database_failure_is_explained_in_vietnamese(
        self, services: ServiceContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import sqlite3

        from sqlalchemy.exc import OperationalError

        from tiepdan_desktop.db.repositories import organisation
        from tiepdan_desktop.domain.errors import StorageError

        def locked(*_args: object) -> list[UserInfo]:
            raise OperationalError("SELECT …", {}, sqlite3.OperationalError("database is locked"))

        monkeypatch.setattr(organisation, "list_users", locked)
        with pytest.raises(StorageError, match="Không đọc/ghi được cơ sở dữ liệu"):
            accounts.list_users(services, admin)


class TestScreenLock:
    def test_the_idle_time_is_a_setting_of_the_office(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        assert accounts.idle_lock_minutes(services, admin) == accounts.IDLE_LOCK_DEFAULT == 10
        assert accounts.set_idle_lock_minutes(services, admin, 0) == 0
        assert accounts.idle_lock_minutes(services, admin) == 0
        accounts.set_idle_lock_minutes(services, admin, 30)
        assert accounts.idle_lock_minutes(services, admin) == 30
        with pytest.raises(ValidationError, match="từ 1 đến 240 phút"):
            accounts.set_idle_lock_minutes(services, admin, 500)

    def test_unlocking_takes_the_officials_own_password(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        with pytest.raises(AuthenticationError):
            accounts.unlock_screen(services, admin, "doan-mo")
        assert _stored_user(services, ADMIN_USERNAME).failed_login_count == 1
        accounts.unlock_screen(services, admin, PASSWORD)
        assert _stored_user(services, ADMIN_USERNAME).failed_login_count == 0
