"""Fill the database with realistic synthetic data (for trying the program out,
for training, and for benchmarks)."""

from __future__ import annotations

import gc
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db import fulltext
from tiepdan_desktop.db.audit import record_bulk_action
from tiepdan_desktop.db.base import Base
from tiepdan_desktop.db.bulk import bulk_insert, bulk_loading
from tiepdan_desktop.db.models import (
    Case,
    CaseEvent,
    Deadline,
    Letter,
    LetterPerson,
    Person,
    ReceptionSession,
    SealedPerson,
    Unit,
    User,
    Visit,
    VisitPerson,
)
from tiepdan_desktop.db.repositories.calendar import work_calendar
from tiepdan_desktop.db.repositories.organisation import the_unit, unit_info
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Gender, Role
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.calendar import ensure_calendar
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.demo.generator import DemoGenerator, DemoRows, Officer, Row
from tiepdan_desktop.services.demo.sealing import seal_demo_rows
from tiepdan_desktop.services.due_dates import deadline_settings
from tiepdan_desktop.services.identity_sealing import vault_writer
from tiepdan_desktop.services.passwords import hash_password

# Everything is built in memory before it is written: about 9 KB per visit.
MAX_VISITS = 500_000
_CHUNK = 20_000
DEMO_OFFICERS = 3

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class DemoSummary:
    visits: int
    letters: int
    persons: int
    cases: int
    case_events: int
    sessions: int
    deadlines: int
    seconds: float


@requires(Permission.MAINTAIN)
def generate_demo_data(
    context: ServiceContext,
    actor: Actor,
    visits: int = 2_000,
    letters: int | None = None,
    seed: int = 1,
    progress: Progress | None = None,
) -> DemoSummary:
    """Add `visits` visits and `letters` letters (default: half the visits)."""
    letters = visits // 2 if letters is None else letters
    if not 0 <= visits <= MAX_VISITS or not 0 <= letters <= MAX_VISITS:
        raise ValidationError(
            {"visits": f"Số lượt tiếp và số đơn phải từ 0 đến {MAX_VISITS:,}".replace(",", ".")}
        )
    report = progress or (lambda _message, _fraction: None)
    started = time.perf_counter()
    ensure_calendar(context)
    with _paused_garbage_collector(), context.sessions.writing(actor, "du_lieu_mau") as session:
        unit = the_unit(session)
        if unit is None:
            raise ConflictError("Chưa cài đặt đơn vị: hãy chạy «tiepdan init» trước.")
        report("Đang tạo dữ liệu…", 0.0)
        generator = DemoGenerator(
            seed,
            unit_info(unit),
            context.clock(),
            _next_numbers(session),
            work_calendar(session),
            deadline_settings(session),
        )
        generator.use_officers(_officers(context, session, unit, generator))
        rows = generator.build(visits, letters)
        writer = vault_writer(session)
        sealed = [] if writer is None else seal_demo_rows(rows, writer)
        _insert_all(session, rows, report)
        bulk_insert(session.connection(), SealedPerson, sealed)
        counts = {
            "visits": len(rows.visits),
            "letters": len(rows.letters),
            "persons": len(rows.persons),
            "cases": len(rows.cases),
            "case_events": len(rows.case_events),
            "sessions": len(rows.sessions),
            "deadlines": len(rows.deadlines),
        }
        record_bulk_action(session, actor, "du_lieu_mau", "*", {**counts, "seed": seed})
    return DemoSummary(**counts, seconds=time.perf_counter() - started)


def _next_numbers(session: Session) -> dict[tuple[str, int], int]:
    """Register numbers continue after what the database already holds."""
    numbers: dict[tuple[str, int], int] = {}
    for register, model in (("visit", Visit), ("letter", Letter), ("case", Case)):
        query = select(model.year, func.max(model.number)).group_by(model.year)
        for year, highest in session.execute(query):
            numbers[(register, year)] = highest + 1
    return numbers


def _officers(
    context: ServiceContext, session: Session, unit: Unit, generator: DemoGenerator
) -> list[Officer]:
    """The receiving officers: existing officer accounts, topped up with demo ones.

    Demo accounts get a random password nobody knows: they cannot sign in until
    an administrator sets a password for them.
    """
    users = list(
        session.scalars(select(User).where(User.active, User.role == Role.OFFICER).limit(10))
    )
    taken = set(session.scalars(select(User.username)))
    number = 1
    while len(users) < DEMO_OFFICERS:
        while f"canbo{number}" in taken:
            number += 1
        gender = Gender.FEMALE if len(users) % 2 else Gender.MALE
        user = User(
            unit_id=unit.id,
            username=f"canbo{number}",
            full_name=generator.person_name(gender),
            role=Role.OFFICER,
            password_hash=hash_password(context, secrets.token_urlsafe(32)),
            must_change_password=True,
        )
        session.add(user)
        users.append(user)
        taken.add(user.username)
    session.flush()
    return [Officer(user.id, user.full_name) for user in users]


@contextmanager
def _paused_garbage_collector() -> Iterator[None]:
    """Millions of new dicts would make the cycle collector rescan them again and
    again; none of them form cycles, so it can rest until we are done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _insert_all(session: Session, rows: DemoRows, report: Progress) -> None:
    connection = session.connection()
    batches: list[tuple[str, type[Base], list[Row]]] = [
        ("công dân", Person, rows.persons),
        ("kỳ tiếp", ReceptionSession, rows.sessions),
        ("vụ việc", Case, rows.cases),
        ("bước xử lý", CaseEvent, rows.case_events),
        ("thời hạn", Deadline, rows.deadlines),
        ("lượt tiếp", Visit, rows.visits),
        ("người được tiếp", VisitPerson, rows.visit_persons),
        ("đơn", Letter, rows.letters),
        ("người đứng đơn", LetterPerson, rows.letter_persons),
    ]
    total = sum(len(batch) for *_, batch in batches) or 1
    done = 0
    with bulk_loading(connection), fulltext.paused(connection):
        for label, model, batch in batches:
            for start in range(0, len(batch), _CHUNK):
                chunk = batch[start : start + _CHUNK]
                # The generator writes NFC text from its own word lists (a test
                # checks that normalising would change nothing).
                bulk_insert(connection, model, chunk, text_normalized=True)
                done += len(chunk)
                report(f"Đang ghi {label}…", done / total)
