"""The denouncer identity vault: nothing in the file names a denouncer; only a
custodian, with their password and a reason, reveals who; the administrator
never can."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select, text

from tests.conftest import ADMIN_USERNAME, PASSWORD, chairman_creates_vault
from tests.tools import require_tools
from tiepdan_desktop.db.audit import SECRET_PLACEHOLDER
from tiepdan_desktop.db.models import AuditEntry, Case, CaseEvent, Person, SealedPerson, User
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.case_records import CaseFilter, CaseView
from tiepdan_desktop.domain.case_workflow import StepInput, StepKind
from tiepdan_desktop.domain.enums import (
    FilerKind,
    Gender,
    IdDocumentType,
    LetterOutcome,
    LetterSource,
    LetterType,
    ReceptionType,
    Role,
    VisitHandling,
)
from tiepdan_desktop.domain.errors import (
    ConflictError,
    PermissionDeniedError,
    SealedFileError,
    ValidationError,
)
from tiepdan_desktop.domain.identity_vault import KdfCost
from tiepdan_desktop.domain.letter_classification import CONDITIONS_BY_TYPE, Classification
from tiepdan_desktop.domain.letter_records import (
    LetterFiler,
    LetterFilter,
    LetterInput,
    OutcomeChoice,
    OutcomeResult,
)
from tiepdan_desktop.domain.overview_records import WorkList
from tiepdan_desktop.domain.records import NewUser, UserChanges
from tiepdan_desktop.domain.report_periods import PeriodKind, make_period
from tiepdan_desktop.domain.text import search_key
from tiepdan_desktop.domain.visit_records import PersonInput, RegisterFilter, VisitInput
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services import (
    accounts,
    backups,
    case_copies,
    cases,
    letter_exports,
    letter_processing,
    letters,
    maintenance,
    overview,
    report_outlines,
    reports,
    visit_exports,
    visits,
)
from tiepdan_desktop.services import vault as vault_service
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.vault import VaultCreated
from tiepdan_desktop.storage import Storage

NOW = dt.datetime(2026, 11, 25, 9, 0)
DENOUNCER = PersonInput(
    "Hoàng Thị Bí Mật",
    birth_year=1975,
    gender=Gender.FEMALE,
    id_type=IdDocumentType.CCCD,
    id_number="079175004321",
    address="Số 77 đường Nguyễn Trãi, phường Bến Thành",
    phone="0912 345 678",
)
# Every form in which the file could give her away.
SECRETS = (
    "Hoàng Thị Bí Mật",
    "hoang thi bi mat",
    "079175004321",
    "0912345678",
    "0912 345 678",
    "Số 77 đường Nguyễn Trãi",
    "so 77 duong nguyen trai",
)
# Her own words name her, as letters do.
CONTENT = (
    "Tôi là Hoàng Thị Bí Mật, CCCD 079175004321, ở Số 77 đường Nguyễn Trãi, điện thoại "
    "0912 345 678. Tố cáo ông Lê Văn Sai, công chức địa chính, nhận tiền để cấp giấy."
)
OPEN_FILER = PersonInput(
    "Trần Văn Công Khai",
    birth_year=1970,
    gender=Gender.MALE,
    id_type=IdDocumentType.CCCD,
    id_number="079070001234",
    address="Số 5 Lê Lợi, phường Bến Thành",
)
REASON = "Gửi thông báo thụ lý tố cáo cho người tố cáo"


def _letter(person: PersonInput = DENOUNCER, **changes: object) -> LetterInput:
    values: dict[str, object] = {
        "received_on": dt.date(2026, 11, 16),
        "source": LetterSource.POST,
        "letter_type": LetterType.DENUNCIATION,
        "content": CONTENT,
        "filers": (LetterFiler(person),),
        "subject_name": "Lê Văn Sai",
    }
    values.update(changes)
    return LetterInput(**values)  # type: ignore[arg-type]


def _visit(**changes: object) -> VisitInput:
    values: dict[str, object] = {
        "visited_at": dt.datetime(2026, 11, 24, 9, 15),
        "reception_type": ReceptionType.REGULAR,
        "content": CONTENT,
        "letter_type": LetterType.DENUNCIATION,
        "handling": VisitHandling.LETTER_RECEIVED,
        "people": (DENOUNCER,),
        "notes": "Bà Hoàng Thị Bí Mật xin giữ bí mật",
    }
    values.update(changes)
    return VisitInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def before_vault(services: ServiceContext, unit: object) -> tuple[ServiceContext, Actor]:
    """A register without its vault yet (an older one, or before the chairman's first
    sign-in), and its administrator signed in."""
    services.clock = lambda: NOW
    return services, accounts.authenticate(services, ADMIN_USERNAME, PASSWORD)


@pytest.fixture
def clocked(services: ServiceContext, actors: dict[Role, Actor]) -> ServiceContext:
    services.clock = lambda: NOW
    return services


def _file_bytes(paths: DataPaths) -> bytes:
    """The database and its write-ahead log, as a copy of the folder would hold them."""
    found = b""
    for suffix in ("", "-wal"):
        path = Path(f"{paths.database}{suffix}")
        if path.exists():
            found += path.read_bytes()
    return found


def _assert_no_secret(data: bytes) -> None:
    for secret in SECRETS:
        for form in (secret, secret.lower(), secret.upper()):
            assert form.encode() not in data, secret
            assert form.encode("utf-16-le") not in data, secret


class TestTheFile:
    def test_the_file_holds_no_denouncer_in_clear_while_open_and_after(
        self, clocked: ServiceContext, storage: Storage, officer: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        visit = visits.register_visit(clocked, officer, _visit())
        # Edited later, and entered again as a letter from the visit.
        letters.update_letter(clocked, officer, letter.id, _letter(filers=None))
        visits.create_letter_from_visit(clocked, officer, visit.id)
        _assert_no_secret(_file_bytes(storage.paths))  # while open: the log too
        storage.close()
        with sqlite3.connect(storage.paths.database) as raw:  # as the sqlite3 shell would
            dump = "\n".join(raw.iterdump())
        for secret in SECRETS:
            assert secret not in dump and secret.lower() not in dump.lower()
        _assert_no_secret(storage.paths.database.read_bytes())

    def test_the_check_can_fail(self, clocked: ServiceContext, storage: Storage) -> None:
        """The same byte check finds an open complainant written the same way."""
        machine = Actor.command_line()
        letters.register_letter(clocked, machine, _letter(letter_type=LetterType.COMPLAINT))
        with pytest.raises(AssertionError):
            _assert_no_secret(_file_bytes(storage.paths))

    def test_what_the_register_shows_instead(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        for actor in (officer, leader):
            shown = letters.get_letter(clocked, actor, letter.id)
            assert "Hoàng" not in repr(shown)
            assert shown.content.startswith(
                "Tôi là [đã lược bỏ], CCCD [đã lược bỏ], ở [đã lược bỏ]"
            )
            assert "điện thoại [đã lược bỏ]. Tố cáo ông Lê Văn Sai" in shown.content
        keys = letters.register_keys(clocked, leader, LetterFilter())
        assert letters.register_rows(clocked, leader, keys)[0].filer == "Người tố cáo TC-2026-0001"

    def test_a_letter_from_a_visit_has_one_pseudonym_for_everyone(
        self, clocked: ServiceContext, officer: Actor, custodian: Actor
    ) -> None:
        letters.register_letter(
            clocked,
            officer,
            _letter(
                letter_type=LetterType.PETITION,
                filers=(LetterFiler(OPEN_FILER),),
                content="Kiến nghị sửa đường",
            ),
        )
        visit = visits.register_visit(clocked, officer, _visit())
        ref = visits.create_letter_from_visit(clocked, officer, visit.id)
        assert ref.number == 2
        for actor in (officer, custodian):
            keys = letters.register_keys(clocked, actor, LetterFilter())
            rows = {r.number: r.filer for r in letters.register_rows(clocked, actor, keys)}
            assert rows[2] == "Người tố cáo TC-2026-0002", actor.role
            shown = visits.get_visit(clocked, actor, visit.id).people[0].full_name
            assert shown == "Người tố cáo TC-2026-0001", actor.role
        # The letter's row opens to the same person as the visit's.
        [by_letter] = vault_service.reveal_people(
            clocked, custodian, "letter", ref.id, PASSWORD, REASON
        )
        [by_visit] = vault_service.reveal_people(
            clocked, custodian, "visit", visit.id, PASSWORD, REASON
        )
        assert by_letter.identity == by_visit.identity and by_letter.code == "TC-2026-0002"


class TestCustodians:
    def test_a_custodian_reveals_with_password_and_reason_and_it_is_logged(
        self, clocked: ServiceContext, officer: Actor, custodian: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        with pytest.raises(ValidationError, match="lý do"):
            vault_service.reveal_people(clocked, custodian, "letter", letter.id, PASSWORD, "xem")
        with pytest.raises(ValidationError, match="mật khẩu"):
            vault_service.reveal_people(clocked, custodian, "letter", letter.id, "sai-roi", REASON)
        with clocked.sessions.reading() as session:  # counted towards the lock, like a sign-in
            user = session.get(User, custodian.user_id)
            assert user is not None and user.failed_login_count == 1
        [revealed] = vault_service.reveal_people(
            clocked, custodian, "letter", letter.id, PASSWORD, REASON
        )
        assert revealed.code == "TC-2026-0001"
        identity = revealed.identity
        assert (identity.full_name, identity.id_number, identity.phone) == (
            "Hoàng Thị Bí Mật",
            "079175004321",
            "0912345678",
        )
        assert identity.address == DENOUNCER.address and identity.birth_year == 1975
        with clocked.sessions.reading() as session:
            entry = session.scalars(
                select(AuditEntry).where(AuditEntry.action == "mo_ket_xem_danh_tinh")
            ).one()
        assert entry.username == custodian.username and entry.reason == REASON
        assert "TC-2026-0001" in entry.changes_json and "Hoàng" not in entry.changes_json

    def test_only_a_custodian_reveals(
        self, clocked: ServiceContext, actors: dict[Role, Actor], officer: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        for role in set(Role) - {Role.LEADER}:  # the leader created the vault: holds it
            with pytest.raises(PermissionDeniedError, match="không giữ khóa két"):
                vault_service.reveal_people(
                    clocked, actors[role], "letter", letter.id, PASSWORD, REASON
                )

    def test_the_administrator_never_opens_the_vault(
        self,
        clocked: ServiceContext,
        admin: Actor,
        custodian: Actor,
        vault_created: VaultCreated,
        officer: Actor,
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        # Not with the recovery key, not by naming themselves.
        with pytest.raises(PermissionDeniedError, match="Chỉ lãnh đạo"):
            vault_service.take_custody(
                clocked, admin, PASSWORD, recovery_key=vault_created.recovery_key
            )
        assert admin.user_id is not None
        with pytest.raises(ValidationError, match="Quản trị viên không giữ két"):
            vault_service.designate_custodian(clocked, admin, admin.user_id, True)
        # Resetting the chairman's password takes the key away, it does not hand it over.
        assert custodian.user_id is not None
        accounts.reset_password(clocked, admin, custodian.user_id, "Tam-thoi-2026")
        chairman = accounts.authenticate(clocked, custodian.username, "Tam-thoi-2026")
        accounts.change_own_password(clocked, chairman, "Tam-thoi-2026", "Moi-Hon-2027")
        with pytest.raises(PermissionDeniedError, match="không giữ khóa két"):
            vault_service.reveal_people(
                clocked, chairman, "letter", letter.id, "Moi-Hon-2027", REASON
            )
        status = vault_service.vault_status(clocked, chairman)
        assert status.i_may_hold and not status.i_hold
        # Nor by making a custodian an administrator: the custody ends with the role.
        officer_id = officer.user_id
        assert officer_id is not None
        vault_service.designate_custodian(clocked, admin, officer_id, True)
        vault_service.take_custody(
            clocked, officer, PASSWORD, recovery_key=vault_created.recovery_key
        )
        accounts.update_user(
            clocked, admin, officer_id, UserChanges(officer.full_name, Role.ADMIN, True)
        )
        promoted = accounts.authenticate(clocked, officer.username, PASSWORD)
        with pytest.raises(PermissionDeniedError, match="không giữ khóa két"):
            vault_service.reveal_people(clocked, promoted, "letter", letter.id, PASSWORD, REASON)
        with pytest.raises(PermissionDeniedError):  # and the administrator never creates it
            vault_service.create_vault(clocked, admin, PASSWORD)

    def test_the_key_follows_a_password_change(
        self, clocked: ServiceContext, officer: Actor, custodian: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        accounts.change_own_password(clocked, custodian, PASSWORD, "Doi-Mat-Khau-2027")
        with pytest.raises(ValidationError):
            vault_service.reveal_people(clocked, custodian, "letter", letter.id, PASSWORD, REASON)
        [revealed] = vault_service.reveal_people(
            clocked, custodian, "letter", letter.id, "Doi-Mat-Khau-2027", REASON
        )
        assert revealed.identity.full_name == DENOUNCER.full_name

    def test_a_designated_officer_takes_the_key_from_the_chairman(
        self, clocked: ServiceContext, admin: Actor, custodian: Actor, actors: dict[Role, Actor]
    ) -> None:
        officer = actors[Role.OFFICER]
        assert officer.user_id is not None
        visit = visits.register_visit(clocked, officer, _visit())
        with pytest.raises(PermissionDeniedError, match="Chỉ lãnh đạo"):
            vault_service.take_custody(clocked, officer, PASSWORD, custodian.username, PASSWORD)
        vault_service.designate_custodian(clocked, admin, officer.user_id, True)
        with pytest.raises(ValidationError, match="người đang giữ két"):
            vault_service.take_custody(clocked, officer, PASSWORD, custodian.username, "sai")
        vault_service.take_custody(clocked, officer, PASSWORD, custodian.username, PASSWORD)
        [revealed] = vault_service.reveal_people(
            clocked, officer, "visit", visit.id, PASSWORD, REASON
        )
        assert revealed.identity.full_name == DENOUNCER.full_name
        names = {
            c.username: c.holds_key for c in vault_service.vault_status(clocked, admin).custodians
        }
        assert names == {custodian.username: True, officer.username: True}
        # No longer designated: the key goes with it.
        vault_service.designate_custodian(clocked, admin, officer.user_id, False)
        with pytest.raises(PermissionDeniedError):
            vault_service.reveal_people(clocked, officer, "visit", visit.id, PASSWORD, REASON)

    def test_a_wrong_recovery_key_is_refused_in_vietnamese(
        self, clocked: ServiceContext, leader: Actor
    ) -> None:
        for typed in ("ABCD-EFGH", "A" * 52):
            with pytest.raises(ValidationError, match="Khóa dự phòng không đúng"):
                vault_service.take_custody(clocked, leader, PASSWORD, recovery_key=typed)

    def test_a_tampered_seal_is_reported_not_opened(
        self, clocked: ServiceContext, officer: Actor, custodian: Actor
    ) -> None:
        first = letters.register_letter(clocked, officer, _letter())
        other = replace(
            DENOUNCER, full_name="Đỗ Văn Khác", gender=Gender.MALE, id_number="079075001111"
        )
        letters.register_letter(clocked, officer, _letter(other))
        with clocked.sessions.engine.begin() as connection:  # swap the two blobs
            rows = connection.execute(text("SELECT person_id, sealed FROM sealed_person")).all()
            for (person_id, _), (_, blob) in zip(rows, reversed(rows), strict=True):
                connection.execute(
                    text("UPDATE sealed_person SET sealed = :b WHERE person_id = :p"),
                    {"b": blob, "p": person_id},
                )
        with pytest.raises(ConflictError, match="không mở được"):
            vault_service.reveal_people(clocked, custodian, "letter", first.id, PASSWORD, REASON)


class TestSealedFiles:
    PAGE = b"%PDF-1.4 trang don viet tay cua Hoang Thi Bi Mat " + b"x" * 200

    def test_a_denunciations_pages_are_kept_encrypted_and_opened_by_a_custodian(
        self,
        clocked: ServiceContext,
        storage: Storage,
        officer: Actor,
        leader: Actor,
        custodian: Actor,
        tmp_path: Path,
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        scan = tmp_path / "don-cua-Hoang-Thi-Bi-Mat.pdf"
        scan.write_bytes(self.PAGE)
        view = letter_processing.add_scan(clocked, officer, letter.id, scan)
        assert view.original_name == "tep-niem-phong.pdf" and view.size_bytes == len(self.PAGE)
        stored = list(storage.paths.attachments.rglob("*.pdf"))
        assert len(stored) == 1 and b"Hoang" not in stored[0].read_bytes()
        for actor in (officer, leader):  # the chairman too: through the vault
            with pytest.raises(SealedFileError, match="niêm phong"):
                letter_processing.attachment_path(clocked, actor, view.attachment_id)
        with pytest.raises(PermissionDeniedError, match="không giữ khóa két"):
            vault_service.open_sealed_attachment(
                clocked, officer, view.attachment_id, PASSWORD, REASON
            )
        opened = vault_service.open_sealed_attachment(
            clocked, custodian, view.attachment_id, PASSWORD, REASON
        )
        assert opened.name == scan.name and opened.read_bytes() == self.PAGE
        assert opened.parent.name.startswith("tiepdan-mat-")
        with clocked.sessions.reading() as session:
            entry = session.scalars(
                select(AuditEntry).where(AuditEntry.action == "mo_tep_niem_phong")
            ).one()
        assert entry.reason == REASON and entry.username == custodian.username

    def test_files_kept_before_the_vault_are_sealed_with_it(
        self, before_vault: tuple[ServiceContext, Actor], data_paths: DataPaths
    ) -> None:
        context, admin = before_vault
        letter = letters.register_letter(context, admin, _letter())
        scan = data_paths.root / "trang-1.pdf"
        scan.write_bytes(self.PAGE)
        view = letter_processing.add_scan(context, admin, letter.id, scan)
        [plain] = data_paths.attachments.rglob("*.pdf")
        assert plain.read_bytes() == self.PAGE
        chairman_creates_vault(context, admin)
        assert not plain.exists()  # the plain copy is gone
        with pytest.raises(SealedFileError):
            letter_processing.attachment_path(context, admin, view.attachment_id)
        stored = list(data_paths.attachments.rglob("*.pdf"))
        assert len(stored) == 1 and self.PAGE not in stored[0].read_bytes()


class TestDuplicates:
    def test_a_sealed_denouncer_is_found_again_by_the_blind_index(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        first = letters.register_letter(clocked, officer, _letter())
        second = letters.register_letter(
            clocked, officer, _letter(content="Tố cáo việc khác hẳn: lấn chiếm vỉa hè")
        )
        found = letters.find_duplicates_of(clocked, leader, second.id)
        assert [(c.letter_id, c.same_id_number) for c in found] == [(first.id, True)]
        assert found[0].filer_label == "Người tố cáo TC-2026-0001"
        # Typed again by name and birth year only: still found, by the index.
        typed = PersonInput(DENOUNCER.full_name.upper(), birth_year=1975)
        again = letters.find_duplicates(clocked, leader, "Việc khác", [typed])
        assert {c.letter_id for c in again} == {first.id, second.id}
        # Those who may not know who denounced learn nothing by typing her: what
        # they see is found by its words, not by her.
        seen = letters.find_duplicates(clocked, officer, "Việc khác", [DENOUNCER])
        assert not any(c.same_person for c in seen)
        with clocked.sessions.reading() as session:
            blind = session.scalars(select(SealedPerson.blind_id)).all()
        assert len(set(blind)) == 1 and "079175004321" not in blind[0]


class TestOlderRegisters:
    def test_denouncers_entered_before_the_vault_are_sealed_when_it_is_made(
        self, before_vault: tuple[ServiceContext, Actor], storage: Storage, data_paths: DataPaths
    ) -> None:
        context, admin = before_vault

        letter = letters.register_letter(context, admin, _letter())
        open_one = letters.register_letter(
            context,
            admin,
            _letter(
                OPEN_FILER,
                content="Kiến nghị sửa con đường trước nhà bị hư hỏng nặng",
                letter_type=LetterType.PETITION,
            ),
        )
        with context.sessions.reading() as session:  # written in clear, as before
            assert session.scalar(select(Person).where(Person.full_name == DENOUNCER.full_name))
        with pytest.raises(PermissionDeniedError):  # not the administrator
            vault_service.create_vault(context, admin, PASSWORD)
        chairman, created = chairman_creates_vault(context, admin)
        assert created.sealed_now == 1
        with context.sessions.reading() as session:
            names = set(session.scalars(select(Person.full_name)))
            assert names == {"Người tố cáo TC-2026-0001", "Trần Văn Công Khai"}
            assert (
                session.scalar(
                    select(Person.id_number).where(Person.full_name == "Người tố cáo TC-2026-0001")
                )
                is None
            )
        shown = letters.get_letter(context, admin, letter.id)
        assert "Hoàng" not in shown.content and "[đã lược bỏ]" in shown.content
        open_filer = letters.get_letter(context, admin, open_one.id).filers[0][0]
        assert open_filer.full_name == "Trần Văn Công Khai"
        # The chairman, who made it, reads her back; a second chairman's account
        # takes its key with the recovery key (typed in lower case, as it may be).
        [revealed] = vault_service.reveal_people(
            context, chairman, "letter", letter.id, PASSWORD, REASON
        )
        assert revealed.identity.full_name == DENOUNCER.full_name
        deputy = NewUser("phochutich", "Trần Văn Phó", Role.LEADER, "Tam-thoi-2026")
        accounts.create_user(context, admin, deputy)
        second = accounts.authenticate(context, "phochutich", "Tam-thoi-2026")
        accounts.change_own_password(context, second, "Tam-thoi-2026", "Pho-Chu-Tich-2026")
        vault_service.take_custody(
            context, second, "Pho-Chu-Tich-2026", recovery_key=created.recovery_key.lower()
        )
        again = vault_service.reveal_people(
            context, second, "letter", letter.id, "Pho-Chu-Tich-2026", REASON
        )
        assert again == [revealed]
        with pytest.raises(ConflictError, match="không thể tạo lại"):
            vault_service.create_vault(context, chairman, PASSWORD)
        # The rows overwritten leave nothing behind (secure_delete), but the audit
        # trail keeps what it recorded before the vault existed: it is append-only.
        raw = sqlite3.connect(data_paths.database)
        try:
            for table in ("person", "letter", "letter_fts", "letter_fts_data"):
                dump = repr(raw.execute(f"SELECT * FROM {table}").fetchall())
                assert "079175004321" not in dump, table
                assert search_key("Hoàng Thị Bí Mật") not in dump, table
        finally:
            raw.close()


def test_the_check_names_denouncers_left_in_clear(
    before_vault: tuple[ServiceContext, Actor], storage: Storage
) -> None:
    from tiepdan_desktop.db.integrity import check_database

    context, admin = before_vault
    letters.register_letter(context, admin, _letter())
    report = check_database(storage.engine)
    assert report.problems == [
        "Chưa thiết lập két bảo mật danh tính người tố cáo: 1 người tố cáo đang lưu không mã hóa."
    ]
    chairman_creates_vault(context, admin)
    assert check_database(storage.engine).problems == []
    with storage.engine.begin() as connection:  # a seal removed behind the program's back
        connection.execute(text("DELETE FROM sealed_person"))
    assert check_database(storage.engine).problems == [
        "1 người tố cáo chưa được niêm phong trong két bảo mật."
    ]


def _accepted(
    services: ServiceContext, clerk: Actor, chairman: Actor, letter_id: uuid.UUID
) -> OutcomeResult:
    """The letter classified as a denunciation by `clerk` and accepted by `chairman`
    on 25/11: the outcome, with its issued documents."""
    answers = Classification(
        LetterType.DENUNCIATION,
        conditions_met=frozenset(CONDITIONS_BY_TYPE[LetterType.DENUNCIATION]),
        competent=True,
    )
    letters.classify_letter(services, clerk, letter_id, answers)
    choice = OutcomeChoice(LetterOutcome.ACCEPTED, dt.date(2026, 11, 25))
    return letter_processing.decide_outcome(services, chairman, letter_id, choice)


def _word_index(services: ServiceContext) -> bytes:
    """The letter register's word index as stored (FTS5 segments)."""
    with services.sessions.reading() as session:
        rows = session.execute(text("SELECT block FROM letter_fts_data")).scalars()
        return b"".join(row for row in rows if isinstance(row, bytes))


def _pdf_text(path: Path) -> str:
    require_tools("pdftotext")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def _xlsx_text(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    return " ".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
    )


def _docx_text(path: Path) -> str:
    return " ".join(paragraph.text for paragraph in Document(str(path)).paragraphs)


def _everything_seen(s: ServiceContext, a: Actor, folder: Path) -> dict[str, str]:
    """What actor `a` reads or writes through every list, detail, search, export,
    report and document path the register has, by path; a refusal reads nothing."""
    seen: dict[str, str] = {}
    month = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    period = make_period(PeriodKind.MONTH, 2026, 11)
    every_case = CaseFilter(view=CaseView.ALL)

    def look(path: str, read: Callable[[], object]) -> None:
        try:
            seen[path] = repr(read())
        except PermissionDeniedError:
            seen[path] = ""

    def file(name: str, write: Callable[[Path], object], reader: Callable[[Path], str]) -> None:
        target = folder / name
        look(name, lambda: write(target))
        if target.exists():
            seen[name] += reader(target)

    def copied(document_id: uuid.UUID, editable: bool) -> Callable[[Path], object]:
        return lambda t: shutil.copy(
            letter_processing.document_path(s, a, document_id, editable), t
        )

    visit_keys = visits.register_keys(s, a, RegisterFilter())
    look("sổ tiếp công dân", lambda: visits.register_rows(s, a, visit_keys))
    look("sổ tiếp công dân (mở)", lambda: visits.register_start(s, a, RegisterFilter()))
    for row in visits.register_rows(s, a, visit_keys):
        look(f"lượt tiếp {row.number}", lambda r=row: visits.get_visit(s, a, r.visit_id))
        look(f"lịch sử lượt {row.number}", lambda r=row: visits.visit_history(s, a, r.visit_id))
    for typed in ("Hoàng Thị Bí Mật", "hoang thi bi mat", "079175004321", "Nguyễn Trãi"):
        look(f"tìm «{typed}»", lambda t=typed: visits.find_people(s, a, t))
        look(f"sổ «{typed}»", lambda t=typed: visits.register_keys(s, a, RegisterFilter(search=t)))
        look(f"đơn «{typed}»", lambda t=typed: letters.register_keys(s, a, LetterFilter(search=t)))
    letter_keys = letters.register_keys(s, a, LetterFilter())
    look("sổ đơn", lambda: letters.register_rows(s, a, letter_keys))
    for row in letters.register_rows(s, a, letter_keys):
        look(f"đơn {row.number}", lambda r=row: letters.get_letter(s, a, r.letter_id))
        look(f"lịch sử đơn {row.number}", lambda r=row: letters.letter_history(s, a, r.letter_id))
        look(f"trùng {row.number}", lambda r=row: letters.find_duplicates_of(s, a, r.letter_id))
        for document in letters.get_letter(s, a, row.letter_id).documents:
            name = document.number_label.replace("/", "-")
            file(f"{name}.pdf", copied(document.document_id, False), _pdf_text)
            file(f"{name}.docx", copied(document.document_id, True), _docx_text)
    case_rows = cases.case_rows(s, a, cases.case_keys(s, a, every_case))
    look("vụ việc", lambda: case_rows)
    for case_id in (row.case_id for row in case_rows):
        look(f"hồ sơ {case_id}", lambda c=case_id: cases.get_case(s, a, c))
        copy = lambda t, c=case_id: case_copies.make_redacted_copy(s, a, c, t)  # noqa: E731
        file(f"ban-sao-{case_id}.pdf", copy, _pdf_text)
    for which in WorkList:
        look(f"việc cần làm {which.value}", lambda w=which: overview.work_list(s, a, w))
    look("hôm nay", lambda: overview.today_summary(s, a))
    look("nhật ký", lambda: maintenance.list_audit_entries(s, a, 500))
    file("so-tiep.xlsx", lambda t: visit_exports.export_register(s, a, *month, xlsx=t), _xlsx_text)
    file("so-tiep.pdf", lambda t: visit_exports.export_register(s, a, *month, pdf=t), _pdf_text)
    file("so-don.xlsx", lambda t: letter_exports.export_letters(s, a, *month, xlsx=t), _xlsx_text)
    file("so-don.pdf", lambda t: letter_exports.export_letters(s, a, *month, pdf=t), _pdf_text)
    for form in ("01/TCD", "02/XLD", "04/GQTC"):
        name = form.replace("/", "-")
        look(f"báo cáo {form}", lambda f=form: reports.build_report(s, a, f, period))
        for suffix, reader in ((".xlsx", _xlsx_text), (".pdf", _pdf_text)):
            kind = suffix.lstrip(".")
            write = lambda t, f=form, k=kind: reports.export_report(  # noqa: E731
                s, a, f, period, with_annex=True, **{k: t}
            )
            file(name + suffix, write, reader)
    file(
        "de-cuong.docx", lambda t: report_outlines.export_outline(s, a, period, docx=t), _docx_text
    )
    look("sao lưu", lambda: backups.backups_of(s, a))
    return seen


def test_no_role_reads_a_denouncer_anywhere_until_a_custodian_reveals(
    clocked: ServiceContext, actors: dict[Role, Actor], custodian: Actor, tmp_path: Path
) -> None:
    """Every path, every role: the denunciation entered at reception, made a letter,
    accepted (with its notices), with a step whose note repeats her name."""
    officer = actors[Role.OFFICER]
    visit = visits.register_visit(clocked, officer, _visit())
    ref = visits.create_letter_from_visit(clocked, officer, visit.id)
    _accepted(clocked, officer, custodian, ref.id)
    case_id = letters.get_letter(clocked, officer, ref.id).case_id
    assert case_id is not None
    note = "Làm việc với bà Hoàng Thị Bí Mật (0912 345 678) tại trụ sở"
    cases.record_step(
        clocked, officer, case_id, StepInput(StepKind.NOTE, dt.date(2026, 11, 25), note=note)
    )
    backups.backup_now(clocked, actors[Role.ADMIN])
    for role, actor in actors.items():
        folder = tmp_path / role.value
        folder.mkdir()
        seen = _everything_seen(clocked, actor, folder)
        assert len([read for read in seen.values() if read]) > 30, role  # the paths were read
        for path, read in seen.items():
            for secret in SECRETS:
                assert secret.lower() not in read.lower(), (role, path, secret)
    # The one way: a custodian's reveal, with a reason.
    [revealed] = vault_service.reveal_people(clocked, custodian, "letter", ref.id, PASSWORD, REASON)
    assert revealed.identity.full_name == "Hoàng Thị Bí Mật"


class TestEditingSealedPeople:
    def test_a_pseudonym_is_kept_or_replaced_never_written_over(
        self, clocked: ServiceContext, leader: Actor, officer: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        shown = letters.get_letter(clocked, leader, letter.id).filers[0][0]
        assert shown.full_name == "Người tố cáo TC-2026-0001" and shown.id_number is None
        kept = PersonInput(shown.full_name, person_id=shown.person_id)
        # Details typed beside the pseudonym are refused, in Vietnamese.
        with pytest.raises(ValidationError, match="đã được niêm phong"):
            letters.update_letter(
                clocked,
                leader,
                letter.id,
                _letter(replace(kept, phone="0912345678")),
            )
        # Kept as shown, a second filer added: numbered after it.
        second = replace(OPEN_FILER, full_name="Đỗ Thị Hai")
        both = _letter(
            filers=(LetterFiler(kept), LetterFiler(second)),
            filer_kind=FilerKind.MANY_SIGNERS,
            signer_count=2,
        )
        names = [
            v.full_name for v, _ in letters.update_letter(clocked, leader, letter.id, both).filers
        ]
        assert names == ["Người tố cáo TC-2026-0001", "Người tố cáo TC-2026-0001.2"]
        # Reclassified as a complaint with the real name typed over the pseudonym:
        # a new open person; the sealed row is left as it was.
        real = replace(DENOUNCER, person_id=shown.person_id)
        as_complaint = _letter(real, letter_type=LetterType.COMPLAINT, content="Khiếu nại")
        letters.update_letter(clocked, leader, letter.id, as_complaint)
        with clocked.sessions.reading() as session:
            sealed_row = session.get(Person, shown.person_id)
            assert sealed_row is not None and sealed_row.full_name == "Người tố cáo TC-2026-0001"
            assert sealed_row.id_number is None and sealed_row.address is None


def test_a_letter_classified_as_a_denunciation_leaves_no_word_of_its_filer(
    clocked: ServiceContext, officer: Actor, custodian: Actor
) -> None:
    """Entered as a complaint (open: its filer searchable), then classified as a
    denunciation: sealed, and the search index forgets the filer's words."""

    complaint = _letter(letter_type=LetterType.COMPLAINT, content="Khiếu nại việc cấp giấy")
    letter = letters.register_letter(clocked, officer, complaint)
    assert b"079175004321" in _word_index(clocked)  # the check can fail: an open filer is indexed
    answers = Classification(
        LetterType.DENUNCIATION,
        conditions_met=frozenset(CONDITIONS_BY_TYPE[LetterType.DENUNCIATION]),
        competent=True,
    )
    letters.classify_letter(clocked, officer, letter.id, answers)
    assert b"079175004321" not in _word_index(clocked)
    shown = letters.get_letter(clocked, custodian, letter.id).filers[0][0]
    assert shown.full_name == "Người tố cáo TC-2026-0001"
    with clocked.sessions.reading() as session:
        assert session.scalar(select(Person).where(Person.id_number == "079175004321")) is None


def test_a_matter_opened_before_the_vault_is_cleaned_when_it_is_made(
    before_vault: tuple[ServiceContext, Actor],
) -> None:
    from tests.conftest import TEMPORARY_PASSWORD

    context, admin = before_vault
    deputy = NewUser("phochutich", "Trần Văn Phó", Role.LEADER, TEMPORARY_PASSWORD)
    accounts.create_user(context, admin, deputy)
    first = accounts.authenticate(context, "phochutich", TEMPORARY_PASSWORD)
    accounts.change_own_password(context, first, TEMPORARY_PASSWORD, PASSWORD)
    leader = accounts.authenticate(context, "phochutich", PASSWORD)
    letter = letters.register_letter(context, admin, _letter())
    _accepted(context, admin, leader, letter.id)
    case_id = letters.get_letter(context, admin, letter.id).case_id
    assert case_id is not None
    note = "Gặp bà Hoàng Thị Bí Mật, điện thoại 0912 345 678"
    step = StepInput(StepKind.NOTE, dt.date(2026, 11, 25), note=note)
    cases.record_step(context, admin, case_id, step)
    with context.sessions.reading() as session:  # in clear before the vault
        assert session.scalar(select(CaseEvent.note).where(CaseEvent.note == note))
    chairman_creates_vault(context, admin)
    with context.sessions.reading() as session:
        notes = set(session.scalars(select(CaseEvent.note).where(CaseEvent.case_id == case_id)))
        summary = session.scalar(select(Case.summary).where(Case.id == case_id))
    assert "Gặp bà [đã lược bỏ], điện thoại [đã lược bỏ]" in notes
    assert summary is not None and "Hoàng" not in summary and "079175004321" not in summary


def test_the_notice_to_the_denouncer_is_addressed_by_a_custodian_only(
    clocked: ServiceContext, officer: Actor, custodian: Actor, actors: dict[Role, Actor]
) -> None:
    letter = letters.register_letter(clocked, officer, _letter())
    result = _accepted(clocked, officer, custodian, letter.id)
    notice = next(d for d in result.documents if d.form_code == "nd31-mau-05")
    other = next(d for d in result.documents if d.form_code != "nd31-mau-05")
    kept = _pdf_text(letter_processing.document_path(clocked, officer, notice.document_id))
    assert "Người tố cáo TC-2026-0001" in kept and "Hoàng" not in kept
    for role in set(Role) - {Role.LEADER}:
        with pytest.raises(PermissionDeniedError, match="không giữ khóa két"):
            vault_service.addressed_copy(
                clocked, actors[role], notice.document_id, PASSWORD, REASON
            )
    with pytest.raises(ValidationError, match="không gửi cho người tố cáo"):
        vault_service.addressed_copy(clocked, custodian, other.document_id, PASSWORD, REASON)
    copy = vault_service.addressed_copy(clocked, custodian, notice.document_id, PASSWORD, REASON)
    sent = _pdf_text(copy)
    assert "Hoàng Thị Bí Mật" in sent and "Nguyễn Trãi" in sent
    assert notice.number_label in sent and copy.parent.name.startswith("tiepdan-mat-")
    # The register keeps the pseudonym; the copy is in the audit trail, not in the file.
    again = _pdf_text(letter_processing.document_path(clocked, officer, notice.document_id))
    assert again == kept
    with clocked.sessions.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "ban_gui_nguoi_to_cao")
        ).one()
    assert entry.reason == REASON and "TC-2026-0001" in entry.changes_json


class TestSecondReview:
    """What the second review of the vault found, each made to fail first."""

    def test_an_open_letter_made_a_denunciation_in_its_form_forgets_the_filer(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        complaint = _letter(letter_type=LetterType.COMPLAINT, content="Khiếu nại việc cấp giấy")
        letter = letters.register_letter(clocked, officer, complaint)
        note = "Đã gọi bà Hoàng Thị Bí Mật theo số 0912 345 678"
        answers = Classification(
            LetterType.COMPLAINT,
            conditions_met=frozenset(),  # not met: the note becomes the reason too
            competent=True,
            note=note,
        )
        letters.classify_letter(clocked, officer, letter.id, answers)
        assert b"079175004321" in _word_index(clocked)
        letters.update_letter(clocked, leader, letter.id, _letter())  # now a denunciation
        assert b"079175004321" not in _word_index(clocked)
        with clocked.sessions.reading() as session:
            row = session.execute(
                text("SELECT classification_note, ineligible_reason FROM letter")
            ).one()
            rewrites = [
                json.loads(entry.changes_json).get("classification_note")
                for entry in session.scalars(
                    select(AuditEntry).where(
                        AuditEntry.entity == "letter", AuditEntry.operation == "update"
                    )
                )
            ]
        for value in row:
            assert value and "Hoàng" not in value and "0912" not in value, value
        # The trail records the rewrite without the words it removed.
        assert [SECRET_PLACEHOLDER, row[0]] in rewrites

    def test_a_temporary_password_cannot_hold_the_key(
        self, clocked: ServiceContext, admin: Actor, vault_created: VaultCreated
    ) -> None:
        new = NewUser("phochutich", "Trần Văn Phó", Role.LEADER, "Tam-thoi-2026")
        accounts.create_user(clocked, admin, new)
        deputy = accounts.authenticate(clocked, "phochutich", "Tam-thoi-2026")
        with pytest.raises(PermissionDeniedError, match="mật khẩu tạm"):
            vault_service.take_custody(
                clocked, deputy, "Tam-thoi-2026", recovery_key=vault_created.recovery_key
            )

    def test_a_key_opens_with_the_cost_it_was_made_with(
        self, clocked: ServiceContext, officer: Actor, custodian: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _letter())
        clocked.vault_kdf = KdfCost(passes=2, memory_kib=2048)  # a later default
        [revealed] = vault_service.reveal_people(
            clocked, custodian, "letter", letter.id, PASSWORD, REASON
        )
        assert revealed.identity.full_name == DENOUNCER.full_name


def test_the_audit_list_cleans_entries_written_before_the_vault(
    before_vault: tuple[ServiceContext, Actor],
) -> None:
    context, admin = before_vault
    letters.register_letter(context, admin, _letter())  # its words name her, in clear
    before = repr(maintenance.list_audit_entries(context, admin, 500))
    assert "Hoàng Thị Bí Mật" in before  # the check can fail: the trail holds them
    chairman_creates_vault(context, admin)
    with context.sessions.reading() as session:  # still there: append-only
        kept = " ".join(session.scalars(select(AuditEntry.changes_json)))
    assert "Hoàng Thị Bí Mật" in kept
    shown = repr(maintenance.list_audit_entries(context, admin, 500))
    for secret in SECRETS:
        assert secret.lower() not in shown.lower(), secret


def test_pages_kept_while_open_are_sealed_when_the_letter_becomes_a_denunciation(
    clocked: ServiceContext, storage: Storage, officer: Actor, custodian: Actor, tmp_path: Path
) -> None:
    complaint = _letter(letter_type=LetterType.COMPLAINT, content="Khiếu nại việc cấp giấy")
    letter = letters.register_letter(clocked, officer, complaint)
    page = tmp_path / "don-viet-tay.pdf"
    page.write_bytes(TestSealedFiles.PAGE)
    view = letter_processing.add_scan(clocked, officer, letter.id, page)
    [plain] = storage.paths.attachments.rglob("*.pdf")
    assert plain.read_bytes() == TestSealedFiles.PAGE and not view.confidential
    _accepted(clocked, officer, custodian, letter.id)  # classified as a denunciation
    assert not plain.exists()
    stored = [path.read_bytes() for path in storage.paths.attachments.rglob("*.pdf")]
    assert stored and not any(TestSealedFiles.PAGE in data for data in stored)
    with pytest.raises(SealedFileError):
        letter_processing.attachment_path(clocked, officer, view.attachment_id)
    opened = vault_service.open_sealed_attachment(
        clocked, custodian, view.attachment_id, PASSWORD, REASON
    )
    assert opened.name == "don-viet-tay.pdf" and opened.read_bytes() == TestSealedFiles.PAGE
