"""The letter register: intake with its clocks, classification, duplicates, every
outcome with the documents it issues (read back as .docx and PDF), replies and
urging, scans, the register's views and the denouncer's protection throughout."""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from tests.tools import require_tools
from tiepdan_desktop.db.models import Attachment, Deadline, IssuedDocument
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import (
    DeadlineStatus,
    Gender,
    IdDocumentType,
    LetterOutcome,
    LetterSource,
    LetterState,
    LetterType,
    Role,
)
from tiepdan_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    SealedFileError,
    ValidationError,
)
from tiepdan_desktop.domain.letter_classification import (
    CONDITIONS_BY_TYPE,
    Classification,
    Condition,
    FilerIdentity,
    SpecialSituation,
)
from tiepdan_desktop.domain.letter_outcomes import ComplaintRejectionGround
from tiepdan_desktop.domain.letter_records import (
    LetterDetail,
    LetterFiler,
    LetterFilter,
    LetterInput,
    LetterView,
    OutcomeChoice,
)
from tiepdan_desktop.domain.visit_records import PersonInput
from tiepdan_desktop.services import letter_exports, letter_processing, letters, visits
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.letter_documents import NumberingSettings

NOW = dt.datetime(2026, 11, 25, 9, 0)
TODAY = NOW.date()
AN = PersonInput(
    "Trần Văn An",
    birth_year=1970,
    gender=Gender.MALE,
    id_type=IdDocumentType.CCCD,
    id_number="079070001234",
    address="Số 5 Lê Lợi, phường Bến Thành",
)
TO = PersonInput(
    "Phạm Thị Tố",
    birth_year=1980,
    gender=Gender.FEMALE,
    id_type=IdDocumentType.CCCD,
    id_number="079180009999",
    address="Số 9 Hàm Nghi, phường Bến Thành",
)
LAND = "Khiếu nại quyết định thu hồi đất thửa số 123 tờ bản đồ số 7 khu phố 3 của UBND phường"
BRIBE = "Tố cáo ông Lê Văn Sai, công chức địa chính, nhận tiền để cấp giấy chứng nhận"


@pytest.fixture
def clocked(services: ServiceContext, actors: dict[Role, Actor]) -> ServiceContext:
    services.clock = lambda: NOW
    return services


def _input(**changes: object) -> LetterInput:
    values: dict[str, object] = {
        "received_on": dt.date(2026, 11, 16),
        "source": LetterSource.POST,
        "letter_type": LetterType.COMPLAINT,
        "content": LAND,
        "filers": (LetterFiler(AN),),
        "subject_name": "UBND phường Bến Thành",
    }
    values.update(changes)
    return LetterInput(**values)  # type: ignore[arg-type]


def _denunciation(**changes: object) -> LetterInput:
    values: dict[str, object] = {
        "letter_type": LetterType.DENUNCIATION,
        "content": BRIBE,
        "filers": (LetterFiler(TO),),
        "subject_name": "Lê Văn Sai",
        "subject_position": "công chức địa chính",
    }
    values.update(changes)
    return _input(**values)


def _classified(kind: LetterType, **changes: object) -> Classification:
    values: dict[str, object] = {
        "letter_type": kind,
        "conditions_met": frozenset(CONDITIONS_BY_TYPE[kind]),
        "competent": True,
    }
    values.update(changes)
    return Classification(**values)  # type: ignore[arg-type]


def _clocks(services: ServiceContext, letter: LetterDetail) -> dict[str, DeadlineStatus]:
    with services.sessions.reading() as session:
        rows = session.execute(
            select(Deadline.rule_id, Deadline.status).where(Deadline.letter_id == letter.id)
        )
        return {rule: status for rule, status in rows if status is not DeadlineStatus.CANCELLED}


def _pdf_text(services: ServiceContext, actor: Actor, document_id: object) -> str:
    require_tools("pdftotext")
    path = letter_processing.document_path(services, actor, document_id)  # type: ignore[arg-type]
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(result.stdout.split())


def _docx_text(services: ServiceContext, actor: Actor, document_id: object) -> str:
    path = letter_processing.document_path(services, actor, document_id, editable=True)  # type: ignore[arg-type]
    word = Document(str(path))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


class TestIntake:
    def test_numbers_run_per_year_and_the_clocks_start_on_the_day_received(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        first = letters.register_letter(clocked, officer, _input())
        second = letters.register_letter(clocked, officer, _denunciation())
        earlier = letters.register_letter(
            clocked, officer, _input(received_on=dt.date(2025, 12, 30))
        )
        assert [(d.number, d.year) for d in (first, second, earlier)] == [
            (1, 2026),
            (2, 2026),
            (1, 2025),
        ]
        assert _clocks(clocked, first) == {"X1": DeadlineStatus.OPEN, "K2": DeadlineStatus.OPEN}
        assert _clocks(clocked, second) == {"X1": DeadlineStatus.OPEN, "T1": DeadlineStatus.OPEN}
        k2 = next(d for d in first.deadlines if d.rule_id == "K2")
        # 10 days (Luật Khiếu nại Đ27) from 16/11: 26/11, shown with its explanation.
        assert (k2.start_on, k2.due_on) == (dt.date(2026, 11, 16), dt.date(2026, 11, 26))
        assert "Điều 27" in k2.explanation_json
        assert first.state is LetterState.RECEIVED and first.officer_name == officer.full_name

    def test_bad_input_is_refused_with_the_field_and_a_vietnamese_reason(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        with pytest.raises(ValidationError) as refused:
            letters.register_letter(
                clocked,
                officer,
                _input(
                    received_on=TODAY + dt.timedelta(days=1),
                    source=LetterSource.NATIONAL_ASSEMBLY,
                    content="  ",
                    filers=(LetterFiler(PersonInput("")),),
                ),
            )
        assert set(refused.value.fields) == {
            "received_on",
            "forwarded_by",
            "content",
            "people.0.full_name",
        }
        with pytest.raises(ValidationError, match="nặc danh"):
            letters.register_letter(
                clocked, officer, _denunciation(filer_identity=FilerIdentity.ANONYMOUS)
            )
        anonymous = letters.register_letter(
            clocked, officer, _denunciation(filer_identity=FilerIdentity.ANONYMOUS, filers=())
        )
        assert anonymous.filers == ((anonymous.filers[0]),) and anonymous.identity_hidden

    def test_a_forwarded_letter_keeps_who_sent_it_and_its_document(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        letter = letters.register_letter(
            clocked,
            officer,
            _input(
                source=LetterSource.PEOPLES_COUNCIL,
                forwarded_by="Thường trực HĐND thành phố",
                forward_doc_number="215/HĐND-TCD",
                forward_doc_date=dt.date(2026, 11, 10),
            ),
        )
        assert (letter.forwarded_by, letter.forward_doc_number, letter.forward_doc_date) == (
            "Thường trực HĐND thành phố",
            "215/HĐND-TCD",
            dt.date(2026, 11, 10),
        )

    def test_many_signers_with_an_authorised_representative(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        from tiepdan_desktop.domain.enums import FilerKind, LetterPartyRole

        signers = (
            LetterFiler(AN, LetterPartyRole.REPRESENTATIVE),
            LetterFiler(PersonInput("Lê Thị Bình"), LetterPartyRole.FILER),
            LetterFiler(PersonInput("Võ Văn Cường"), LetterPartyRole.AUTHORISED),
        )
        with pytest.raises(ValidationError, match="ủy quyền"):
            letters.register_letter(
                clocked,
                officer,
                _input(filers=signers, filer_kind=FilerKind.MANY_SIGNERS, signer_count=12),
            )
        letter = letters.register_letter(
            clocked,
            officer,
            _input(
                filers=signers,
                filer_kind=FilerKind.MANY_SIGNERS,
                signer_count=12,
                authorisation_doc="Giấy ủy quyền ngày 01/11/2026, UBND phường chứng thực",
            ),
        )
        assert [role for _view, role in letter.filers] == [s.role for s in signers]
        row = letters.register_rows(clocked, officer, [1])[0]
        assert row.filer.startswith("12 người ký: Trần Văn An")

    def test_a_denouncer_cannot_be_picked_by_id_by_who_may_not_see_them(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        denounced = letters.register_letter(clocked, leader, _denunciation())
        person_id = denounced.filers[0][0].person_id
        assert person_id is not None
        picked = LetterFiler(replace(TO, person_id=person_id))
        with pytest.raises(NotFoundError):
            letters.register_letter(clocked, officer, _input(filers=(picked,)))
        # The chairman typing her real name over the pseudonym makes a new, open
        # person for the open letter: the sealed one is never written over.
        again = letters.register_letter(clocked, leader, _input(filers=(picked,)))
        assert again.filers[0][0].person_id != person_id
        kept = letters.get_letter(clocked, leader, denounced.id).filers[0][0]
        assert kept.person_id == person_id and kept.full_name.startswith("Người tố cáo TC-")


class TestClassification:
    def test_an_ineligible_letter_keeps_the_unmet_conditions_as_its_reason(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _input())
        unsigned = _classified(
            LetterType.COMPLAINT,
            conditions_met=frozenset(CONDITIONS_BY_TYPE[LetterType.COMPLAINT]) - {Condition.SIGNED},
            note="Đơn photo, không có chữ ký gốc",
        )
        classified = letters.classify_letter(clocked, officer, letter.id, unsigned)
        assert classified.state is LetterState.CLASSIFIED
        assert classified.ineligible_reason is not None
        assert Condition.SIGNED.label in classified.ineligible_reason
        assert "không có chữ ký gốc" in classified.ineligible_reason
        assert classified.classification == unsigned

    def test_a_denunciation_outside_the_competence_runs_the_forwarding_clock(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _denunciation())
        outside = _classified(
            LetterType.DENUNCIATION, competent=False, competent_body="Thanh tra tỉnh"
        )
        letters.classify_letter(clocked, officer, letter.id, outside)
        assert _clocks(clocked, letter) == {"X1": DeadlineStatus.OPEN, "T2": DeadlineStatus.OPEN}

    def test_contradictory_answers_are_refused(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _input())
        with pytest.raises(ValidationError) as refused:
            letters.classify_letter(
                clocked, officer, letter.id, _classified(LetterType.COMPLAINT, competent=False)
            )
        assert "competent_body" in refused.value.fields

    def test_reclassifying_by_content_changes_the_type_and_its_clocks(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        letter = letters.register_letter(
            clocked, officer, _input(letter_type=LetterType.PETITION, content="Đơn kiến nghị")
        )
        classified = letters.classify_letter(
            clocked, officer, letter.id, _classified(LetterType.COMPLAINT)
        )
        assert classified.letter_type is LetterType.COMPLAINT
        assert _clocks(clocked, letter) == {"X1": DeadlineStatus.OPEN, "K2": DeadlineStatus.OPEN}


# (letter, classification, outcome choice, documents issued, next state, who decides)
def _outcome_cases() -> list[
    tuple[str, LetterInput, Classification, OutcomeChoice, tuple[str, ...], LetterState, Role]
]:
    on = dt.date(2026, 11, 20)
    complaint, denunciation = LetterType.COMPLAINT, LetterType.DENUNCIATION
    petition = _input(letter_type=LetterType.PETITION, content="Kiến nghị sửa chữa đường")
    forwarded = {"source": LetterSource.OTHER_BODY, "forwarded_by": "Sở Tài nguyên và Môi trường"}
    return [
        (
            "propose",
            _input(),
            _classified(complaint),
            OutcomeChoice(LetterOutcome.PROPOSE_ACCEPTANCE, on),
            ("tt05-mau-01",),
            LetterState.PROPOSED,
            Role.OFFICER,
        ),
        (
            "accept complaint",
            _input(),
            _classified(complaint),
            OutcomeChoice(LetterOutcome.ACCEPTED, on),
            ("nd124-mau-03",),
            LetterState.PROCESSED,
            Role.LEADER,
        ),
        (
            "refuse complaint",
            _input(),
            _classified(complaint),
            OutcomeChoice(LetterOutcome.NOT_ACCEPTED, on, ground=ComplaintRejectionGround.TIME_BAR),
            ("nd124-mau-04",),
            LetterState.PROCESSED,
            Role.LEADER,
        ),
        (
            "guide complaint",
            _input(),
            _classified(complaint, competent=False, competent_body="UBND tỉnh"),
            OutcomeChoice(LetterOutcome.GUIDED, on, body="UBND tỉnh"),
            ("tt05-mau-02",),
            LetterState.PROCESSED,
            Role.OFFICER,
        ),
        (
            "return complaint",
            _input(**forwarded),
            _classified(complaint, competent=False, competent_body="UBND tỉnh"),
            OutcomeChoice(LetterOutcome.RETURNED, on, body="Sở Tài nguyên và Môi trường"),
            ("tra-lai-don",),
            LetterState.PROCESSED,
            Role.OFFICER,
        ),
        (
            "archive complaint",
            _input(),
            _classified(complaint, conditions_met=frozenset()),
            OutcomeChoice(LetterOutcome.ARCHIVED, on, note="Đơn không ký tên"),
            (),
            LetterState.ARCHIVED,
            Role.OFFICER,
        ),
        (
            "accept denunciation",
            _denunciation(),
            _classified(denunciation),
            OutcomeChoice(LetterOutcome.ACCEPTED, on),
            ("nd31-mau-04", "nd31-mau-05", "nd31-mau-06"),
            LetterState.PROCESSED,
            Role.LEADER,
        ),
        (
            "refuse denunciation",
            _denunciation(),
            _classified(denunciation, conditions_met=frozenset()),
            OutcomeChoice(LetterOutcome.NOT_ACCEPTED, on),
            ("tc-khong-thu-ly",),
            LetterState.PROCESSED,
            Role.LEADER,
        ),
        (
            "forward denunciation",
            _denunciation(),
            _classified(denunciation, competent=False, competent_body="Thanh tra tỉnh"),
            OutcomeChoice(LetterOutcome.FORWARDED, on, body="Thanh tra tỉnh"),
            ("tt05-mau-03",),
            LetterState.AWAITING_REPLY,
            Role.OFFICER,
        ),
        (
            "not process denunciation",
            _denunciation(),
            _classified(denunciation, situations=frozenset({SpecialSituation.SENT_TO_MANY})),
            OutcomeChoice(LetterOutcome.NOT_PROCESSED, on),
            (),
            LetterState.ARCHIVED,
            Role.OFFICER,
        ),
        (
            "anonymous to inspection",
            _denunciation(filers=(), filer_identity=FilerIdentity.ANONYMOUS),
            _classified(
                denunciation,
                identity=FilerIdentity.ANONYMOUS,
                situations=frozenset({SpecialSituation.CONCRETE_EVIDENCE}),
            ),
            OutcomeChoice(LetterOutcome.INSPECTION, on, body="Thanh tra phường"),
            (),
            LetterState.PROCESSED,
            Role.OFFICER,
        ),
        (
            "assign petition",
            petition,
            _classified(LetterType.PETITION),
            OutcomeChoice(LetterOutcome.ASSIGNED, on, body="Công chức giao thông"),
            (),
            LetterState.PROCESSED,
            Role.OFFICER,
        ),
        (
            "forward petition",
            petition,
            _classified(LetterType.PETITION, competent=False, competent_body="Công ty điện lực"),
            OutcomeChoice(LetterOutcome.FORWARDED, on, body="Công ty điện lực"),
            ("chuyen-don-knpa",),
            LetterState.AWAITING_REPLY,
            Role.OFFICER,
        ),
        (
            "split mixed",
            _input(letter_type=LetterType.MIXED, filers=(LetterFiler(AN),)),
            _classified(LetterType.MIXED),
            OutcomeChoice(LetterOutcome.GUIDED, on, body="tách riêng từng nội dung"),
            ("tt05-mau-02",),
            LetterState.PROCESSED,
            Role.LEADER,
        ),
        (
            "mediate land dispute",
            _input(letter_type=LetterType.LAND_DISPUTE),
            _classified(LetterType.LAND_DISPUTE),
            OutcomeChoice(LetterOutcome.MEDIATION, on),
            (),
            LetterState.PROCESSED,
            Role.OFFICER,
        ),
    ]


@pytest.mark.parametrize(
    ("name", "letter_input", "classification", "choice", "documents", "state", "role"),
    _outcome_cases(),
    ids=[case[0] for case in _outcome_cases()],
)
def test_each_outcome_issues_its_documents(
    name: str,
    letter_input: LetterInput,
    classification: Classification,
    choice: OutcomeChoice,
    documents: tuple[str, ...],
    state: LetterState,
    role: Role,
    clocked: ServiceContext,
    actors: dict[Role, Actor],
) -> None:
    actor = actors[role]
    letter = letters.register_letter(clocked, actors[Role.LEADER], letter_input)
    letters.classify_letter(clocked, actors[Role.LEADER], letter.id, classification)
    offered = letter_processing.letter_options(clocked, actor, letter.id).options
    assert choice.outcome in [o.outcome for o in offered]
    result = letter_processing.decide_outcome(clocked, actor, letter.id, choice)
    assert result.detail.state is state and result.detail.outcome is choice.outcome
    assert tuple(d.form_code for d in result.documents) == documents
    for document in result.documents:
        assert document.has_pdf and document.has_docx
        pdf = _pdf_text(clocked, actors[Role.LEADER], document.document_id)
        docx = _docx_text(clocked, actors[Role.LEADER], document.document_id)
        assert document.number_label in pdf and document.number_label in docx
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf
        assert "Bến Thành, ngày 20 tháng 11 năm 2026" in pdf
        if letter_input.letter_type is LetterType.DENUNCIATION:
            # The notices addressed to the denouncer name the pseudonym: the name
            # is in the vault, written on the envelope by a custodian.
            addressed = document.form_code in ("nd31-mau-05", "tc-khong-thu-ly")
            assert ("Người tố cáo TC-2026-0001" in pdf) is addressed, document.form_code
            for secret in (TO.full_name, TO.id_number, TO.address):
                assert secret not in pdf and secret not in docx, document.form_code
    # Processing is done: X1 closed, in time (20/11 is before its due date).
    assert _clocks(clocked, letter)["X1"] is DeadlineStatus.MET


class TestOutcomeRules:
    def test_the_chairmans_acts_are_refused_to_an_officer(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _input())
        letters.classify_letter(clocked, officer, letter.id, _classified(LetterType.COMPLAINT))
        with pytest.raises(PermissionDeniedError, match="Chủ tịch"):
            letter_processing.decide_outcome(
                clocked, officer, letter.id, OutcomeChoice(LetterOutcome.ACCEPTED, TODAY)
            )

    def test_proposal_then_the_chairman_accepts_and_the_acceptance_clock_closes(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        letter = letters.register_letter(clocked, officer, _input())
        letters.classify_letter(clocked, officer, letter.id, _classified(LetterType.COMPLAINT))
        letter_processing.decide_outcome(
            clocked, officer, letter.id, OutcomeChoice(LetterOutcome.PROPOSE_ACCEPTANCE, TODAY)
        )
        assert _clocks(clocked, letter) == {"X1": DeadlineStatus.MET, "K2": DeadlineStatus.OPEN}
        accepted = letter_processing.decide_outcome(
            clocked, leader, letter.id, OutcomeChoice(LetterOutcome.ACCEPTED, TODAY)
        )
        assert accepted.detail.state is LetterState.PROCESSED
        assert _clocks(clocked, letter)["K2"] is DeadlineStatus.MET
        with pytest.raises(ConflictError, match="đã có hướng xử lý"):
            letter_processing.decide_outcome(
                clocked, leader, letter.id, OutcomeChoice(LetterOutcome.ARCHIVED, TODAY)
            )

    def test_a_late_decision_stays_late(self, clocked: ServiceContext, leader: Actor) -> None:
        letter = letters.register_letter(clocked, leader, _input(received_on=dt.date(2026, 10, 1)))
        letters.classify_letter(clocked, leader, letter.id, _classified(LetterType.COMPLAINT))
        letter_processing.decide_outcome(
            clocked, leader, letter.id, OutcomeChoice(LetterOutcome.ACCEPTED, TODAY)
        )
        assert _clocks(clocked, letter) == {
            "X1": DeadlineStatus.MISSED,
            "K2": DeadlineStatus.MISSED,
        }

    def test_missing_details_are_named(self, clocked: ServiceContext, leader: Actor) -> None:
        letter = letters.register_letter(clocked, leader, _input())
        with pytest.raises(ConflictError, match="phân loại"):
            letter_processing.letter_options(clocked, leader, letter.id)
        letters.classify_letter(clocked, leader, letter.id, _classified(LetterType.COMPLAINT))
        with pytest.raises(ValidationError) as refused:
            letter_processing.decide_outcome(
                clocked,
                leader,
                letter.id,
                OutcomeChoice(LetterOutcome.NOT_ACCEPTED, TODAY + dt.timedelta(days=1)),
            )
        assert set(refused.value.fields) == {"ground", "decided_on"}
        with pytest.raises(ValidationError, match="Chuyển đơn"):
            letter_processing.decide_outcome(
                clocked, leader, letter.id, OutcomeChoice(LetterOutcome.FORWARDED, TODAY)
            )

    def test_guidance_is_given_once_per_matter(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        outside = _classified(LetterType.COMPLAINT, competent=False, competent_body="UBND tỉnh")
        first = letters.register_letter(clocked, officer, _input())
        letters.classify_letter(clocked, officer, first.id, outside)
        letter_processing.decide_outcome(
            clocked, officer, first.id, OutcomeChoice(LetterOutcome.GUIDED, TODAY, body="UBND tỉnh")
        )
        again = letters.register_letter(clocked, officer, _input(received_on=TODAY))
        letters.link_duplicate(clocked, officer, again.id, first.id)
        letters.classify_letter(clocked, officer, again.id, outside)
        options = letter_processing.letter_options(clocked, officer, again.id)
        assert options.guided == 1 and options.options[0].outcome is LetterOutcome.ARCHIVED
        with pytest.raises(ValidationError, match="một lần"):
            letter_processing.decide_outcome(
                clocked,
                officer,
                again.id,
                OutcomeChoice(LetterOutcome.GUIDED, TODAY, body="UBND tỉnh"),
            )
        assert letters.get_letter(clocked, officer, again.id).matter_letters == 2


class TestFollowUp:
    @pytest.fixture
    def forwarded(self, clocked: ServiceContext, officer: Actor) -> LetterDetail:
        letter = letters.register_letter(clocked, officer, _denunciation())
        outside = _classified(
            LetterType.DENUNCIATION, competent=False, competent_body="Thanh tra tỉnh"
        )
        letters.classify_letter(clocked, officer, letter.id, outside)
        choice = OutcomeChoice(
            LetterOutcome.FORWARDED, dt.date(2026, 11, 18), body="Thanh tra tỉnh"
        )
        return letter_processing.decide_outcome(clocked, officer, letter.id, choice).detail

    def test_urging_issues_a_letter_without_the_denouncer_and_numbers_never_repeat(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, forwarded: LetterDetail
    ) -> None:
        first = letter_processing.issue_urging(clocked, officer, forwarded.id, TODAY)
        second = letter_processing.issue_urging(clocked, officer, forwarded.id, TODAY)
        assert first.form_code == "don-doc"
        assert (first.number_label, second.number_label) == ("01/UBND", "02/UBND")
        text = _pdf_text(clocked, leader, second.document_id)
        assert "V/v đôn đốc" in text and "Thanh tra tỉnh" in text
        assert TO.full_name not in text and "người tố cáo" in text
        assert letters.get_letter(clocked, officer, forwarded.id).state is (
            LetterState.AWAITING_REPLY
        )

    def test_the_reply_closes_the_wait(
        self, clocked: ServiceContext, officer: Actor, forwarded: LetterDetail
    ) -> None:
        with pytest.raises(ValidationError):
            letter_processing.record_reply(clocked, officer, forwarded.id, TODAY, " ")
        done = letter_processing.record_reply(
            clocked, officer, forwarded.id, TODAY, "Văn bản 45/TTr ngày 24/11/2026: đã thụ lý"
        )
        assert (done.state, done.reply_on) == (LetterState.PROCESSED, TODAY)
        with pytest.raises(ConflictError):
            letter_processing.issue_urging(clocked, officer, forwarded.id, TODAY)

    def test_the_numbering_pattern_and_symbols_are_settings(
        self, clocked: ServiceContext, admin: Actor, officer: Actor, forwarded: LetterDetail
    ) -> None:
        with pytest.raises(ValidationError, match=r"\{so\}"):
            letter_processing.update_numbering(clocked, admin, NumberingSettings(pattern="X"))
        letter_processing.update_numbering(
            clocked,
            admin,
            NumberingSettings(pattern="{so}/{ky_hieu}", symbols={"don-doc": "UBND-TCD"}),
        )
        urged = letter_processing.issue_urging(clocked, officer, forwarded.id, TODAY)
        assert urged.number_label == "01/UBND-TCD"


class TestFiles:
    def test_a_scan_is_stored_once_by_its_content(
        self, clocked: ServiceContext, officer: Actor, tmp_path: Path
    ) -> None:
        letter = letters.register_letter(clocked, officer, _input())
        page = tmp_path / "trang 1.PDF"
        page.write_bytes(b"%PDF-1.4 trang quet")
        copy = tmp_path / "ban-sao.pdf"
        copy.write_bytes(page.read_bytes())
        first = letter_processing.add_scan(clocked, officer, letter.id, page)
        second = letter_processing.add_scan(clocked, officer, letter.id, copy)
        one = letter_processing.attachment_path(clocked, officer, first.attachment_id)
        assert one == letter_processing.attachment_path(clocked, officer, second.attachment_id)
        assert one.read_bytes() == page.read_bytes() and one.suffix == ".pdf"
        assert [
            a.original_name for a in letters.get_letter(clocked, officer, letter.id).attachments
        ] == [
            "trang 1.PDF",
            "ban-sao.pdf",
        ]
        text = tmp_path / "ghi-chu.txt"
        text.write_text("x")
        with pytest.raises(ValidationError, match="PDF"):
            letter_processing.add_scan(clocked, officer, letter.id, text)

    def test_a_denouncers_pages_are_sealed_for_everyone(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, tmp_path: Path
    ) -> None:
        """Opened only through the vault, by a custodian (tests/services/test_vault.py)."""
        letter = letters.register_letter(clocked, officer, _denunciation())
        page = tmp_path / "don.png"
        page.write_bytes(b"\x89PNG\r\n\x1a\n chu viet tay")
        scan = letter_processing.add_scan(clocked, officer, letter.id, page)
        assert scan.confidential
        for actor in (officer, leader):
            with pytest.raises(SealedFileError):
                letter_processing.attachment_path(clocked, actor, scan.attachment_id)


class TestDuplicates:
    def test_a_resent_letter_is_found_by_the_id_number_and_by_name_and_birth_year(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        original = letters.register_letter(clocked, officer, _input())
        reworded = (
            "Tôi tiếp tục khiếu nại việc UBND phường ra quyết định thu hồi thửa đất số 123, "
            "tờ bản đồ số 7 của gia đình tôi ở khu phố 3"
        )
        by_number = letters.find_duplicates(clocked, officer, reworded, [AN])
        assert by_number[0].letter_id == original.id and by_number[0].same_id_number
        assert by_number[0].label == "1/2026" and by_number[0].matter_letters == 1
        without_id = PersonInput("TRAN VAN AN", birth_year=1970)
        by_name = letters.find_duplicates(clocked, officer, "nội dung khác hẳn", [without_id])
        assert [c.letter_id for c in by_name] == [original.id]
        assert by_name[0].same_person and not by_name[0].same_id_number
        by_content = letters.find_duplicates(clocked, officer, reworded, [])
        assert by_content[0].letter_id == original.id and by_content[0].similarity >= 0.5
        assert letters.find_duplicates(clocked, officer, "Kiến nghị lắp đèn đường hẻm 12", []) == []

    def test_nobody_learns_who_denounced_by_typing_their_name(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        letters.register_letter(clocked, leader, _denunciation())
        assert letters.find_duplicates(clocked, officer, "Đơn về việc khác", [TO]) == []
        seen_by_leader = letters.find_duplicates(clocked, leader, "Đơn về việc khác", [TO])
        assert seen_by_leader and seen_by_leader[0].same_id_number
        # Found by its content, the letter shows a code, not the denouncer.
        by_content = letters.find_duplicates(clocked, officer, BRIBE, [])
        assert by_content[0].filer_label.startswith("Người tố cáo TC-2026-")

    def test_linking_and_confirming_new(self, clocked: ServiceContext, officer: Actor) -> None:
        first = letters.register_letter(clocked, officer, _input())
        second = letters.register_letter(clocked, officer, _input())
        third = letters.register_letter(clocked, officer, _input())
        letters.link_duplicate(clocked, officer, second.id, first.id)
        linked = letters.link_duplicate(clocked, officer, third.id, second.id)
        assert linked.duplicate_of is not None and linked.duplicate_of.letter_id == first.id
        assert linked.matter_letters == 3
        with pytest.raises(ValidationError):
            letters.link_duplicate(clocked, officer, first.id, first.id)
        new = letters.confirm_new(clocked, officer, third.id)
        assert new.checked_new and new.duplicate_of is None and new.matter_letters == 1
        row = letters.register_rows(clocked, officer, [2])[0]
        assert row.repeat_of == "1/2026"

    def test_a_filer_found_while_typing_shows_their_letters(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        first = letters.register_letter(clocked, officer, _input())
        again = replace(AN, person_id=first.filers[0][0].person_id)  # picked from the matches
        letters.register_letter(clocked, officer, _input(filers=(LetterFiler(again),)))
        found = visits.find_people(clocked, officer, "Trần Văn An")
        assert [(m.full_name, m.letters, m.visits) for m in found] == [("Trần Văn An", 2, 0)]
        # A denunciation seals a copy of the person picked: the open person's
        # letters stay two for everyone, and nothing links them to it.
        letters.register_letter(clocked, leader, _denunciation(filers=(LetterFiler(again),)))
        assert visits.find_people(clocked, officer, "Trần Văn An")[0].letters == 2
        assert visits.find_people(clocked, leader, "Trần Văn An")[0].letters == 2

    def test_the_answer_on_duplicates_is_kept_with_a_new_letter(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        first = letters.register_letter(clocked, officer, _input())
        second = letters.register_letter(clocked, officer, _input(), duplicate_of=first.id)
        assert second.duplicate_of is not None and second.duplicate_of.label == "1/2026"
        assert second.matter_letters == 2 and not second.checked_new
        third = letters.register_letter(clocked, officer, _input(), checked_new=True)
        assert third.checked_new and third.duplicate_of is None
        # A failed link leaves no letter behind: the number is not used up.
        with pytest.raises(NotFoundError):
            letters.register_letter(clocked, officer, _input(), duplicate_of=uuid.uuid4())
        assert letters.register_letter(clocked, officer, _input()).number == 4


class TestRegister:
    def test_views_find_what_needs_processing_is_due_soon_or_overdue(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        overdue = letters.register_letter(
            clocked, officer, _input(received_on=dt.date(2026, 11, 2))
        )
        soon = letters.register_letter(clocked, officer, _input(received_on=dt.date(2026, 11, 16)))
        calm = letters.register_letter(
            clocked, officer, _input(received_on=TODAY, letter_type=LetterType.PETITION)
        )
        done = letters.register_letter(clocked, officer, _input(received_on=TODAY))
        letters.classify_letter(clocked, leader, done.id, _classified(LetterType.COMPLAINT))
        letter_processing.decide_outcome(
            clocked, leader, done.id, OutcomeChoice(LetterOutcome.ACCEPTED, TODAY)
        )

        def numbers(view: LetterView) -> list[int]:
            start = letters.register_start(clocked, officer, LetterFilter(view=view))
            rows = letters.register_rows(clocked, officer, start.keys)
            assert start.total == len(rows)
            return sorted(r.number for r in rows)

        assert numbers(LetterView.TO_PROCESS) == [overdue.number, soon.number, calm.number]
        assert numbers(LetterView.OVERDUE) == [overdue.number]
        # K2 of 16/11 is due 26/11: within three working days of 25/11 (to 30/11).
        assert numbers(LetterView.DUE_SOON) == [soon.number]
        assert letters.due_soon_until(clocked, officer) == dt.date(2026, 11, 30)
        row = letters.register_rows(clocked, officer, [2])[0]
        assert (row.next_rule, row.next_due) == ("K2", dt.date(2026, 11, 26))

    def test_search_finds_names_and_content_but_not_a_denouncer_for_an_officer(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        letters.register_letter(clocked, officer, _input())
        letters.register_letter(clocked, leader, _denunciation())

        def found(actor: Actor, typed: str) -> list[str]:
            keys = letters.register_keys(clocked, actor, LetterFilter(search=typed))
            return [row.filer for row in letters.register_rows(clocked, actor, keys)]

        assert found(officer, "tran van an") == ["Trần Văn An – Số 5 Lê Lợi, phường Bến Thành"]
        assert found(officer, "Phạm Thị Tố") == []
        assert found(officer, "le van sai") == ["Người tố cáo TC-2026-0002"]

    def test_the_export_holds_the_period_and_never_a_hidden_denouncer(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, tmp_path: Path
    ) -> None:
        require_tools("pdftotext")
        letters.register_letter(clocked, officer, _input())
        letters.register_letter(clocked, leader, _denunciation())
        letters.register_letter(clocked, officer, _input(received_on=dt.date(2026, 10, 1)))
        summary = letter_exports.export_letters(
            clocked,
            officer,
            dt.date(2026, 11, 1),
            dt.date(2026, 11, 30),
            xlsx=tmp_path / "so-don.xlsx",
            pdf=tmp_path / "so-don.pdf",
        )
        assert summary.rows == 2
        sheet = load_workbook(tmp_path / "so-don.xlsx").active
        assert sheet is not None
        values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
        assert "SỔ THEO DÕI XỬ LÝ ĐƠN" in values and "1/2026" in values
        everything = " ".join(values)
        pdf = subprocess.run(
            ["pdftotext", str(tmp_path / "so-don.pdf"), "-"], capture_output=True, text=True
        ).stdout
        for secret in (TO.full_name, TO.id_number, TO.address):
            assert secret not in everything and secret not in pdf
        assert "Người tố cáo TC-2026-0002" in everything
        assert "Trần Văn An" in " ".join(pdf.split())


def test_issued_documents_and_their_files_are_recorded(
    clocked: ServiceContext, leader: Actor
) -> None:
    letter = letters.register_letter(clocked, leader, _denunciation())
    letters.classify_letter(clocked, leader, letter.id, _classified(LetterType.DENUNCIATION))
    letter_processing.decide_outcome(
        clocked, leader, letter.id, OutcomeChoice(LetterOutcome.ACCEPTED, TODAY)
    )
    with clocked.sessions.reading() as session:
        issued = session.scalars(select(IssuedDocument).order_by(IssuedDocument.form_code)).all()
        confidential = {
            row.original_name.split("-2026")[0]: row.confidential
            for row in session.scalars(select(Attachment))
        }
    assert [(d.form_code, d.number, d.symbol) for d in issued] == [
        ("nd31-mau-04", 1, "QĐ-UBND"),
        ("nd31-mau-05", 1, "TB-UBND"),
        ("nd31-mau-06", 2, "TB-UBND"),
    ]
    # The notice to the denouncer names only the pseudonym (a custodian gets the
    # addressed copy through the vault): none of the files holds a secret.
    assert confidential == {"nd31-mau-04": False, "nd31-mau-05": False, "nd31-mau-06": False}


def test_the_command_line_exports_the_letter_register(
    clocked: ServiceContext,
    officer: Actor,
    leader: Actor,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tiepdan_desktop.cli import EXIT_OK, main

    letters.register_letter(clocked, officer, _input())
    letters.register_letter(clocked, leader, _denunciation())
    assert clocked.paths is not None
    target = tmp_path / "so-don.xlsx"
    arguments = ["--data-dir", str(clocked.paths.root), "export", "letters"]
    period = ["--from", "2026-11-01", "--to", "2026-11-30"]
    assert main([*arguments, *period, "--xlsx", str(target)]) == EXIT_OK
    assert "Đã ghi 2 đơn (01/11/2026–30/11/2026)" in capsys.readouterr().out
    sheet = load_workbook(target).active
    assert sheet is not None
    written = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "Trần Văn An" in written and TO.full_name not in written


def test_each_time_a_denouncer_is_shown_it_is_in_the_audit_trail(
    services: ServiceContext, officer: Actor, leader: Actor, admin: Actor
) -> None:
    from tiepdan_desktop.services import maintenance

    letter = letters.register_letter(services, officer, _denunciation())
    plain = letters.register_letter(services, officer, _input())

    def views() -> list[str]:
        entries = maintenance.list_audit_entries(services, admin, limit=50)
        return [e.changes["record"] for e in entries if e.action == "xem_danh_tinh_nguoi_to_cao"]

    letters.get_letter(services, officer, letter.id)  # masked for the officer: nothing shown
    letters.get_letter(services, leader, plain.id)  # nobody to protect
    assert views() == []
    shown = letters.get_letter(services, leader, letter.id)
    assert not shown.identity_hidden
    assert views() == [str(letter.id)]


def test_a_letters_history_shows_each_change_without_a_protected_filer(
    services: ServiceContext, officer: Actor, leader: Actor, admin: Actor
) -> None:
    import dataclasses

    letter = letters.register_letter(services, officer, _denunciation())
    rewritten = f"Tôi là {TO.full_name}, bổ sung: {BRIBE}"
    letters.update_letter(
        services,
        officer,
        letter.id,
        dataclasses.replace(_denunciation(), content=rewritten, filers=None),
    )
    # The administrator reads the audit trail but may not see who denounced.
    history = letters.letter_history(services, admin, letter.id)
    assert [record.operation for record in history][-1] == "insert"
    content_changes = [r.changes["content"] for r in history if "content" in r.changes]
    assert content_changes and all(
        TO.full_name not in (value or "") for change in content_changes for value in change
    )
    # Nor for the chairman: the words were lifted out before they were first written.
    shown = letters.letter_history(services, leader, letter.id)
    assert not any(TO.full_name in repr(r.changes) for r in shown)
