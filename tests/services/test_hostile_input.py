"""Hostile input through the services: arbitrary Unicode, huge strings, control
characters, SQL fragments, odd dates.  Each call either succeeds or raises a
clear (Vietnamese) validation or conflict error — never anything else — and the
database stays sound; attachment names cannot write outside the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiepdan_desktop.db.backup import sqlite_problems
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.case_records import CaseFilter
from tiepdan_desktop.domain.enums import (
    LetterSource,
    LetterType,
    ReceptionType,
    Role,
    VisitHandling,
)
from tiepdan_desktop.domain.errors import DomainError
from tiepdan_desktop.domain.letter_records import LetterFiler, LetterFilter, LetterInput
from tiepdan_desktop.domain.records import NewUser, UnitChanges
from tiepdan_desktop.domain.visit_records import PersonInput, RegisterFilter, VisitInput
from tiepdan_desktop.services import (
    accounts,
    attachment_store,
    cases,
    letters,
    reports,
    unit,
    visits,
)
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.storage import Storage

SQL = ("'; DROP TABLE visit; --", '" OR 1=1 --', "%", "_", "\\", "*", "NEAR(", '""')
CONTROL = "".join(chr(code) for code in (*range(0, 32), 127, 0x200B, 0xFEFF, 0x202E))

hostile_text = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=CONTROL, max_size=50),
    st.sampled_from(SQL),
    st.text(min_size=1, max_size=3).map(lambda piece: piece * 4000),  # 4,000–12,000 chars
    st.just(""),
    st.just("   "),
    st.just("Nguyễn Văn Ðạt"),  # the lookalike Ð
)
odd_dates = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31))
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _sound(storage: Storage) -> None:
    assert sqlite_problems(storage.paths.database) == []


def _either_works_or_is_explained(call: object) -> None:
    try:
        call()  # type: ignore[operator]
    except DomainError as error:
        assert error.message.strip()
        assert "Traceback" not in error.message


@SETTINGS
@given(text=hostile_text, note=hostile_text, when=odd_dates)
def test_a_visit_with_hostile_fields(
    storage: Storage,
    services: ServiceContext,
    officer: Actor,
    text: str,
    note: str,
    when: dt.datetime,
) -> None:
    visit = VisitInput(
        visited_at=when,
        reception_type=ReceptionType.REGULAR,
        content=text,
        letter_type=LetterType.PETITION,
        handling=VisitHandling.LETTER_RECEIVED,
        people=(PersonInput(note, id_number=text[:40], phone=note[:40], address=text),),
        notes=note,
    )
    _either_works_or_is_explained(lambda: visits.register_visit(services, officer, visit))
    _sound(storage)


@SETTINGS
@given(text=hostile_text, name=hostile_text, when=odd_dates)
def test_a_letter_with_hostile_fields(
    storage: Storage,
    services: ServiceContext,
    officer: Actor,
    text: str,
    name: str,
    when: dt.datetime,
) -> None:
    letter = LetterInput(
        received_on=when.date(),
        source=LetterSource.POST,
        letter_type=LetterType.DENUNCIATION,
        content=text,
        filers=(LetterFiler(PersonInput(name, address=text)),),
        subject_name=name,
        forwarded_by=text,
    )
    _either_works_or_is_explained(lambda: letters.register_letter(services, officer, letter))
    _sound(storage)


@SETTINGS
@given(typed=hostile_text)
def test_every_search_box_takes_anything(
    storage: Storage, services: ServiceContext, officer: Actor, typed: str
) -> None:
    for search in (
        lambda: visits.register_start(services, officer, RegisterFilter(search=typed)),
        lambda: letters.register_start(services, officer, LetterFilter(search=typed)),
        lambda: cases.case_start(services, officer, CaseFilter(search=typed)),
    ):
        _either_works_or_is_explained(search)
    _sound(storage)


@SETTINGS
@given(name=hostile_text, username=hostile_text, period=hostile_text)
def test_accounts_unit_and_report_periods_with_hostile_text(
    storage: Storage,
    services: ServiceContext,
    admin: Actor,
    name: str,
    username: str,
    period: str,
) -> None:
    new = NewUser(username[:60], name, Role.OFFICER, "Mat-khau-2026")
    _either_works_or_is_explained(lambda: accounts.create_user(services, admin, new))
    changes = UnitChanges(name, name, False, name)
    _either_works_or_is_explained(lambda: unit.update_unit(services, admin, changes))
    _either_works_or_is_explained(lambda: reports.resolve_period(services, admin, period))
    _sound(storage)


@pytest.mark.parametrize(
    "name",
    [
        "../../../etc/passwd.pdf",
        "..\\..\\Windows\\System32\\x.pdf",
        "C:\\Users\\x\\don.pdf",
        "/tmp/don.pdf",
        "don\x00.pdf",
        "....pdf",
    ],
)
def test_attachment_names_cannot_write_outside_the_store(
    services: ServiceContext, storage: Storage, name: str, tmp_path: Path
) -> None:
    try:
        _sha, path = attachment_store.store_bytes(services, b"%PDF-1.4 trang", name)
    except DomainError:
        return  # refused: also fine
    store = storage.paths.attachments.resolve()
    assert path.resolve().is_relative_to(store)
    assert [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and not p.is_relative_to(store) and p.suffix == ".pdf"
    ] == []
