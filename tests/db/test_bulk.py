from __future__ import annotations

import datetime as dt
import unicodedata

from sqlalchemy import DateTime, select

from tiepdan_desktop.db.bulk import bulk_insert
from tiepdan_desktop.db.models import Person
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Gender, IdDocumentType
from tiepdan_desktop.domain.ids import new_id
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.services.context import ServiceContext


def test_bulk_rows_are_stored_exactly_like_orm_rows(
    services: ServiceContext, unit: UnitInfo
) -> None:
    moment = dt.datetime(2026, 11, 2, 8, 30)
    row = {
        "id": new_id(),
        "unit_id": unit.id,
        "full_name": unicodedata.normalize("NFD", "Nguyễn  Thị Ánh"),
        "name_key": "nguyen thi anh",
        "name_sort": "x",
        "birth_year": 1970,
        "gender": Gender.FEMALE,
        "id_type": IdDocumentType.CCCD,
        "id_number": "079170123456",
        "address": "Số 1 Lê Lợi",
        "address_key": "so 1 le loi",
        "phone": None,
        "created_at": moment,
        "updated_at": moment,
    }
    with services.sessions.writing(Actor.command_line(), "thu_nghiem") as session:
        bulk_insert(session.connection(), Person, [row])
    with services.sessions.reading() as session:
        stored = session.scalars(select(Person)).one()
    assert stored.id == row["id"]
    assert stored.full_name == "Nguyễn Thị Ánh"  # NFC, spaces folded, as any insert
    assert stored.gender is Gender.FEMALE and stored.id_type is IdDocumentType.CCCD
    assert stored.created_at == moment and stored.phone is None
    with services.engine.connect() as connection:
        raw = connection.exec_driver_sql("SELECT created_at FROM person").scalar()
        orm_form = DateTime().dialect_impl(connection.dialect).bind_processor(connection.dialect)
    assert orm_form is not None
    # The ORM's text form, so SQL compares bulk and ORM rows alike.
    assert raw == orm_form(moment) == "2026-11-02 08:30:00.000000"
    with_microseconds = dt.datetime(2026, 1, 2, 3, 4, 5, 678)
    assert orm_form(with_microseconds) == with_microseconds.isoformat(" ", "microseconds")
