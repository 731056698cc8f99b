from __future__ import annotations

import datetime as dt
import unicodedata

from sqlalchemy import DateTime, select

from tiepdan_desktop.db.bulk import bulk_insert
from tiepdan_desktop.db.models import Case, Person
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import CaseType, Gender, IdDocumentType
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


def test_flags_and_figures_are_stored_like_the_orms(
    services: ServiceContext, unit: UnitInfo
) -> None:
    """SQLite takes Python's bool and float as they are: 1/0 and REAL, as the ORM writes."""
    columns = ("on_time", "partly_withdrawn", "money_to_return", "land_to_recover")
    values = {"on_time": True, "partly_withdrawn": False, "money_to_return": 12.5}
    with services.sessions.writing(Actor.command_line(), "thu_nghiem") as session:
        orm = Case(
            unit_id=unit.id,
            year=2026,
            number=1,
            case_type=CaseType.COMPLAINT_FIRST,
            summary="Khiếu nại",
            received_on=dt.date(2026, 1, 5),
            land_to_recover=3,
            **values,
        )
        session.add(orm)
        session.flush()
        row = {column.name: getattr(orm, column.name) for column in Case.__table__.columns}
        row |= {"id": new_id(), "number": 2}
        bulk_insert(session.connection(), Case, [row])
    with services.engine.connect() as connection:
        raw = connection.exec_driver_sql(
            "SELECT " + ", ".join(f"typeof({c}), {c}" for c in columns) + " FROM legal_case"
            " ORDER BY number"
        ).all()
    assert raw[0] == raw[1] == ("integer", 1, "integer", 0, "real", 12.5, "real", 3.0)


def test_text_already_normalised_is_taken_as_it_is(
    services: ServiceContext, unit: UnitInfo
) -> None:
    """The demo generator's flag: its words are NFC already (test_demo_data checks)."""
    decomposed = unicodedata.normalize("NFD", "Trần Văn An")
    row = {
        "id": new_id(),
        "unit_id": unit.id,
        "full_name": decomposed,
        "name_key": "tran van an",
        "name_sort": "x",
        "birth_year": None,
        "gender": None,
        "id_type": None,
        "id_number": None,
        "address": None,
        "address_key": None,
        "phone": None,
        "created_at": dt.datetime(2026, 1, 1),
        "updated_at": dt.datetime(2026, 1, 1),
    }
    with services.sessions.writing(Actor.command_line(), "thu_nghiem") as session:
        bulk_insert(session.connection(), Person, [row], text_normalized=True)
    with services.sessions.reading() as session:
        assert session.scalars(select(Person.full_name)).one() == decomposed
