"""Exporting the register through the service and the command line: what each
account may see is what its files hold, and every export is on record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import PASSWORD, setup_request
from tiepdan_desktop.cli import EXIT_OK, EXIT_REFUSED, main
from tiepdan_desktop.db.models import AuditEntry
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import LetterType, ReceptionType, Role, VisitHandling
from tiepdan_desktop.domain.errors import CancelledError, ValidationError
from tiepdan_desktop.domain.records import NewUser
from tiepdan_desktop.domain.visit_records import PersonInput, VisitInput
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services import accounts, setup, visits
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.visit_exports import export_register
from tiepdan_desktop.storage import open_storage

DENOUNCER = "Phạm Văn Tố"


def _record(services: ServiceContext, actor: Actor) -> None:
    for name, letter_type in (
        ("Nguyễn Thị Ánh", LetterType.COMPLAINT),
        (DENOUNCER, LetterType.DENUNCIATION),
    ):
        visits.register_visit(
            services,
            actor,
            VisitInput(
                visited_at=dt.datetime(2026, 11, 3, 9, 0),
                reception_type=ReceptionType.REGULAR,
                content=f"{letter_type.label}: nội dung vụ việc",
                letter_type=letter_type,
                handling=VisitHandling.LETTER_RECEIVED,
                people=(PersonInput(name, address="12 Lê Lợi"),),
            ),
        )


def _column_c(path: Path) -> list[str]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [str(sheet.cell(row, 3).value) for row in range(10, sheet.max_row + 1)]


def test_the_file_holds_what_its_maker_may_see_and_the_export_is_recorded(
    services: ServiceContext, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    _record(services, actors[Role.OFFICER])
    period = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    steps: list[tuple[str, float]] = []
    officer_file = tmp_path / "can-bo.xlsx"
    summary = export_register(
        services,
        actors[Role.OFFICER],
        *period,
        xlsx=officer_file,
        pdf=tmp_path / "can-bo.pdf",
        progress=lambda step, fraction: steps.append((step, fraction)),
    )
    assert summary.rows == 2 and summary.files == (officer_file, tmp_path / "can-bo.pdf")
    assert steps[0] == ("Đang đọc sổ…", 0.0) and steps[-1][1] == pytest.approx(1.0)
    fractions = [fraction for _, fraction in steps]
    assert fractions == sorted(fractions)
    officer_names = _column_c(officer_file)
    assert "Người tố cáo TC-2026-0002" in officer_names
    assert not any(DENOUNCER in name for name in officer_names)
    leader_file = tmp_path / "chu-tich.xlsx"
    export_register(services, actors[Role.LEADER], *period, xlsx=leader_file)
    leader_names = _column_c(leader_file)
    assert "Người tố cáo TC-2026-0002" in leader_names  # the chairman too: the vault holds it
    assert not any(DENOUNCER in name for name in leader_names)
    with services.sessions.reading() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.operation == "export").order_by(AuditEntry.id)
        ).all()
    assert [(e.username, json.loads(e.changes_json)["identities_shown"]) for e in entries] == [
        ("nguoidung-can_bo", False),
        ("nguoidung-lanh_dao", True),
    ]
    assert json.loads(entries[0].changes_json)["rows"] == 2


def test_nothing_to_write_or_a_cancel_leaves_no_file(
    services: ServiceContext, actors: dict[Role, Actor], tmp_path: Path
) -> None:
    _record(services, actors[Role.OFFICER])
    with pytest.raises(ValidationError):
        export_register(services, actors[Role.OFFICER], dt.date(2026, 11, 1), dt.date(2026, 11, 30))

    def cancel(step: str, fraction: float) -> None:
        if fraction > 0:
            raise CancelledError()

    target = tmp_path / "huy.xlsx"
    with pytest.raises(CancelledError):
        export_register(
            services,
            actors[Role.OFFICER],
            dt.date(2026, 11, 1),
            dt.date(2026, 11, 30),
            xlsx=target,
            progress=cancel,
        )
    assert not target.exists()


def test_the_command_masks_unless_given_an_account_that_may_see(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = DataPaths(tmp_path / "du-lieu").ensure()
    storage = open_storage(paths)
    try:
        context = storage.context()
        setup.initialize(context, setup_request())
        admin = accounts.authenticate(context, "quantri", PASSWORD)
        accounts.create_user(
            context, admin, NewUser("chutich", "Nguyễn Văn Thành", Role.LEADER, PASSWORD)
        )
        leader = accounts.authenticate(context, "chutich", PASSWORD)
        accounts.change_own_password(context, leader, PASSWORD, "Chu-tich-2026")
        _record(context, admin)
    finally:
        storage.close()
    password = tmp_path / "mat-khau.txt"
    password.write_text("Chu-tich-2026\n", encoding="utf-8")
    base = [
        "--data-dir",
        str(paths.root),
        "export",
        "visits",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
    ]
    masked, shown = tmp_path / "may.xlsx", tmp_path / "chu-tich.xlsx"
    assert main([*base, "--xlsx", str(masked)]) == EXIT_OK
    assert "Đã ghi 2 lượt tiếp (01/11/2026–30/11/2026)" in capsys.readouterr().out
    assert not any(DENOUNCER in name for name in _column_c(masked))
    account = ["--account", "chutich", "--password-file", str(password)]
    assert main([*base, "--xlsx", str(shown), *account]) == EXIT_OK
    assert any(DENOUNCER in name for name in _column_c(shown))
    capsys.readouterr()
    assert main(base) == EXIT_REFUSED
    assert main([*base, "--xlsx", str(masked), "--account", "chutich"]) == EXIT_REFUSED
    errors = capsys.readouterr().err
    assert (
        "hãy cho --xlsx FILE hoặc --pdf FILE" in errors
        and "--account cần --password-file" in errors
    )
