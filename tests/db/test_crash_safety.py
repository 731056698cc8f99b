"""Crash safety on the real SQLite file (WAL, synchronous=FULL): a child process
writes records in a loop and says which commits came back; it is killed with
SIGKILL at random moments, twenty times.  After each kill the database passes
SQLite's integrity check, the audit chain is unbroken, and every record whose
commit was acknowledged is there."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tiepdan_desktop.db.audit import first_broken_entry
from tiepdan_desktop.db.backup import sqlite_problems
from tiepdan_desktop.db.models import Setting
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.storage import Storage, open_storage

KILLS = 20

WRITER = """
import sys
from tiepdan_desktop.db.models import Setting
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.storage import Storage, open_storage

storage = open_storage(DataPaths(__import__("pathlib").Path(sys.argv[1])))
context, actor = storage.context(), Actor.command_line()
number = int(sys.argv[2])
print("ready", flush=True)
while True:
    with context.sessions.writing(actor, "ghi_thu") as session:
        session.add(Setting(key=f"crash-{number}", value_json=str(number)))
    print(number, flush=True)  # the commit returned: acknowledged
    number += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killing_the_writer_never_loses_an_acknowledged_record(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    open_storage(paths).close()  # a migrated database, as the program leaves it
    rng = random.Random(7)
    acknowledged: set[int] = set()
    next_number = 0
    for _kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(paths.root), str(next_number)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        for _line in range(rng.randint(1, 25)):
            acknowledged.add(int(child.stdout.readline()))
        time.sleep(rng.uniform(0, 0.02))  # somewhere inside the next commit, or not
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        acknowledged |= {int(line) for line in child.stdout.read().split()}
        child.stdout.close()

        assert sqlite_problems(paths.database) == []
        storage = open_storage(paths)
        try:
            with storage.engine.connect() as connection:
                assert first_broken_entry(connection) is None
            with storage.context().sessions.reading() as session:
                keys = set(session.scalars(select(Setting.key).where(Setting.key.like("crash-%"))))
        finally:
            storage.close()
        assert {f"crash-{number}" for number in acknowledged} <= keys
        # A commit may have landed without its acknowledgement: go on after it.
        next_number = max(int(key.removeprefix("crash-")) for key in keys) + 1
    assert len(acknowledged) >= KILLS


def test_a_full_disk_rolls_back_the_write_and_says_so(
    storage: Storage, services: ServiceContext, officer: Actor
) -> None:
    from sqlalchemy import event, func

    from tiepdan_desktop.db.models import Visit
    from tiepdan_desktop.domain.enums import LetterType, ReceptionType, VisitHandling
    from tiepdan_desktop.domain.errors import StorageError
    from tiepdan_desktop.domain.visit_records import PersonInput, VisitInput
    from tiepdan_desktop.services import visits

    def visit(content: str) -> VisitInput:
        return VisitInput(
            visited_at=dt.datetime(2026, 11, 2, 9, 0),
            reception_type=ReceptionType.REGULAR,
            content=content,
            letter_type=LetterType.PETITION,
            handling=VisitHandling.LETTER_RECEIVED,
            people=(PersonInput("Nguyễn Văn Đầy"),),
        )

    visits.register_visit(services, officer, visit("Kiến nghị sửa đường"))
    with storage.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()

    def disk_nearly_full(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")  # type: ignore[attr-defined]

    event.listen(storage.engine, "connect", disk_nearly_full)
    storage.engine.dispose()  # every connection from now on sees the limit
    try:
        with pytest.raises(StorageError, match="Không đọc/ghi được cơ sở dữ liệu"):
            visits.register_visit(services, officer, visit("Nội dung rất dài. " * 20_000))
    finally:
        event.remove(storage.engine, "connect", disk_nearly_full)
    storage.engine.dispose()  # no connection keeps the limit
    with services.sessions.reading() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 1  # nothing half-kept
    assert sqlite_problems(storage.paths.database) == []
    visits.register_visit(services, officer, visit("Sau khi giải phóng ổ đĩa"))
