from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tiepdan_desktop.db.audit import SECRET_PLACEHOLDER, UnauditedWriteError
from tiepdan_desktop.db.models import AuditEntry, Setting, SubjectAreaRow
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.records import NewUser, UserChanges
from tiepdan_desktop.services import accounts
from tiepdan_desktop.services.context import ServiceContext


def _entries(services: ServiceContext, entity: str) -> list[AuditEntry]:
    with services.sessions.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
            )
        )


def test_creating_a_user_records_who_what_and_the_values(
    services: ServiceContext, admin: Actor
) -> None:
    user = accounts.create_user(
        services, admin, NewUser("canbo.moi", "Lê Thị Mới", Role.OFFICER, "Mat-khau-2026")
    )
    entry = _entries(services, "app_user")[-1]
    changes = json.loads(entry.changes_json)
    assert (entry.operation, entry.action, entry.username, entry.user_id) == (
        "insert",
        "tao_tai_khoan",
        admin.username,
        admin.user_id,
    )
    assert entry.entity_id == str(user.id)
    assert changes["full_name"] == [None, "Lê Thị Mới"]
    assert changes["role"] == [None, "can_bo"]
    assert changes["password_hash"] == [SECRET_PLACEHOLDER, SECRET_PLACEHOLDER]
    assert "full_name_key" not in changes  # derived keys are noise, not facts


def test_an_update_records_only_the_changed_fields_old_and_new(
    services: ServiceContext, admin: Actor
) -> None:
    user = accounts.create_user(
        services, admin, NewUser("canbo.hai", "Lê Văn Hai", Role.OFFICER, "Mat-khau-2026")
    )
    accounts.update_user(services, admin, user.id, UserChanges("Lê Văn Hải", Role.LEADER, True))
    entry = _entries(services, "app_user")[-1]
    assert entry.operation == "update"
    assert json.loads(entry.changes_json) == {
        "full_name": ["Lê Văn Hai", "Lê Văn Hải"],
        "role": ["can_bo", "lanh_dao"],
    }


def test_deletions_are_recorded_with_the_old_values(services: ServiceContext) -> None:
    actor = Actor.command_line()
    with services.sessions.writing(actor, "thu_nghiem") as session:
        session.add(Setting(key="thu.nghiem", value_json="1"))
    with services.sessions.writing(actor, "thu_nghiem_xoa") as session:
        session.delete(session.get(Setting, "thu.nghiem"))
    entry = _entries(services, "setting")[-1]
    assert (entry.operation, entry.action) == ("delete", "thu_nghiem_xoa")
    assert json.loads(entry.changes_json)["value_json"] == ["1", None]


def test_a_write_outside_a_service_transaction_is_refused_and_not_kept(
    services: ServiceContext,
) -> None:
    with pytest.raises(UnauditedWriteError), services.sessions.reading() as session:
        session.add(SubjectAreaRow(code="X", name="Lĩnh vực lạ", applies_to=""))
        session.commit()
    with services.sessions.reading() as session:
        assert session.get(SubjectAreaRow, "X") is None


def test_text_is_normalised_in_the_audit_trail_as_in_the_row(
    services: ServiceContext, admin: Actor
) -> None:
    accounts.create_user(
        services, admin, NewUser("canbo.ba", "\u00d0ỗ  Thị\u00a0Ba", Role.OFFICER, "Mat-khau-2026")
    )
    changes = json.loads(_entries(services, "app_user")[-1].changes_json)
    assert changes["full_name"][1] == "Đỗ Thị Ba"


def test_statements_that_change_many_rows_at_once_are_refused(services: ServiceContext) -> None:
    from sqlalchemy import update

    from tiepdan_desktop.db.models import User

    with (
        pytest.raises(UnauditedWriteError),
        services.sessions.writing(Actor.command_line(), "thu_nghiem") as session,
    ):
        session.execute(update(User).values(role=Role.READ_ONLY))


def test_values_never_appear_in_database_error_messages(
    services: ServiceContext, admin: Actor
) -> None:
    from sqlalchemy.exc import IntegrityError

    from tiepdan_desktop.db.models import User

    with services.sessions.reading() as session:
        existing = session.scalars(select(User)).first()
        assert existing is not None
        secret_hash = existing.password_hash
    with pytest.raises(IntegrityError) as failed, services.sessions.writing(admin, "t") as session:
        session.add(
            User(
                unit_id=existing.unit_id,
                username=existing.username,
                full_name="Trùng Tên",
                role=Role.OFFICER,
                password_hash=secret_hash,
            )
        )
    assert secret_hash not in str(failed.value)
    assert "hidden" in str(failed.value)
