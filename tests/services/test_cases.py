"""Giải quyết: every workflow path of LEGAL.md §4 walked end to end through the
services — the states, the clocks (started, lengthened, paused, stopped on time
or late), the documents issued from templates and read back, the refusals with
what is missing for each role, the register of matters and the denouncer's
protection throughout."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from tests.tools import require_tools
from tiepdan_desktop.db.models import Attachment, AuditEntry, Case
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.calendar import SpecialDay
from tiepdan_desktop.domain.case_records import CaseDetail, CaseFilter, CaseSettings, CaseView
from tiepdan_desktop.domain.case_workflow import (
    ComplexityCriterion,
    DocumentRef,
    EscalationResult,
    OutcomeFigures,
    StepInput,
    StepKind,
    TerminationGround,
)
from tiepdan_desktop.domain.enums import (
    CalendarDayKind,
    CaseState,
    CaseType,
    Complexity,
    DeadlineStatus,
    Gender,
    IdDocumentType,
    LetterOutcome,
    LetterSource,
    LetterType,
    ResolutionVerdict,
    Role,
)
from tiepdan_desktop.domain.errors import ConflictError, PermissionDeniedError, ValidationError
from tiepdan_desktop.domain.letter_classification import CONDITIONS_BY_TYPE, Classification
from tiepdan_desktop.domain.letter_records import (
    LetterFiler,
    LetterFilter,
    LetterInput,
    OutcomeChoice,
)
from tiepdan_desktop.domain.visit_records import PersonInput
from tiepdan_desktop.services import calendar, case_copies, cases, letter_processing, letters
from tiepdan_desktop.services.context import ServiceContext

NOW = dt.datetime(2026, 11, 25, 9, 0)
RECEIVED, ACCEPTED = dt.date(2026, 8, 3), dt.date(2026, 8, 10)
COMPLAINANT = PersonInput(
    "Trần Văn An",
    birth_year=1970,
    gender=Gender.MALE,
    id_type=IdDocumentType.CCCD,
    id_number="079070001234",
    address="Số 5 Lê Lợi, phường Bến Thành",
)
DENOUNCER = PersonInput(
    "Phạm Thị Tố",
    birth_year=1980,
    gender=Gender.FEMALE,
    id_type=IdDocumentType.CCCD,
    id_number="079180009999",
    phone="0903123456",
    address="Số 9 Hàm Nghi, phường Bến Thành",
)
SECRETS = (DENOUNCER.full_name, DENOUNCER.id_number, DENOUNCER.address, DENOUNCER.phone)
DECISION = DocumentRef("15/QĐ-UBND", dt.date(2026, 9, 1), "Nguyễn Văn Thành")
S, K = CaseState, StepKind


@pytest.fixture
def clocked(services: ServiceContext, actors: dict[Role, Actor]) -> ServiceContext:
    services.clock = lambda: NOW
    return services


def _open(
    services: ServiceContext,
    officer: Actor,
    leader: Actor,
    kind: LetterType = LetterType.COMPLAINT,
    outcome: LetterOutcome = LetterOutcome.ACCEPTED,
    accepted: dt.date = ACCEPTED,
    **changes: object,
) -> CaseDetail:
    """A letter entered and classified by the officer, accepted (or assigned) by the
    chairman on ACCEPTED: the matter it opens."""
    values: dict[str, object] = {
        "received_on": RECEIVED,
        "source": LetterSource.POST,
        "letter_type": kind,
        "content": "Khiếu nại quyết định thu hồi đất thửa số 123 tờ bản đồ số 7",
        "filers": (LetterFiler(COMPLAINANT),),
        "subject_name": "UBND phường Bến Thành",
    }
    if kind is LetterType.DENUNCIATION:
        values |= {
            "content": "Tố cáo ông Lê Văn Sai, công chức địa chính, nhận tiền của bà "
            "Phạm Thị Tố (số 9 Hàm Nghi) để cấp giấy chứng nhận",
            "filers": (LetterFiler(DENOUNCER),),
            "subject_name": "Lê Văn Sai",
            "subject_position": "công chức địa chính",
        }
    if kind is LetterType.PETITION:
        values["content"] = "Kiến nghị sửa chữa đường hẻm 12 bị ngập khi mưa"
    values.update(changes)
    letter = letters.register_letter(services, officer, LetterInput(**values))  # type: ignore[arg-type]
    answers = Classification(
        kind, conditions_met=frozenset(CONDITIONS_BY_TYPE[kind]), competent=True
    )
    letters.classify_letter(services, officer, letter.id, answers)
    body = "Công chức địa chính – xây dựng" if outcome is LetterOutcome.ASSIGNED else None
    letter_processing.decide_outcome(
        services, leader, letter.id, OutcomeChoice(outcome, accepted, body=body)
    )
    case_id = letters.get_letter(services, officer, letter.id).case_id
    assert case_id is not None
    return cases.get_case(services, officer, case_id)


def _verifying(
    services: ServiceContext, leader: Actor, case: CaseDetail, on: dt.date = dt.date(2026, 8, 11)
) -> CaseDetail:
    """The chairman assigns verification: a decision or conclusion may follow."""
    team = "Công chức địa chính Lê Thị Minh"
    return cases.record_step(
        services, leader, case.id, StepInput(K.ASSIGN_VERIFICATION, on, verifier=team, issue=True)
    )


def _step(kind: StepKind, on: dt.date, **fields: object) -> StepInput:
    return StepInput(kind, on, **fields)  # type: ignore[arg-type]


def _clock(case: CaseDetail, rule: str) -> tuple[dt.date, str]:
    found = [d.deadline for d in case.deadlines if d.deadline.rule_id == rule]
    assert found, f"no {rule} clock"
    return found[-1].due_on, found[-1].status


def _running(case: CaseDetail) -> dict[str, dt.date]:
    return {
        d.deadline.rule_id: d.deadline.due_on
        for d in case.deadlines
        if d.deadline.status == DeadlineStatus.OPEN.value
    }


def _next_due(services: ServiceContext, case_id: uuid.UUID) -> dt.date | None:
    """The next due date the lists sort and filter by."""
    with services.sessions.reading() as session:
        return session.scalar(select(Case.next_due_on).where(Case.id == case_id))


def _pdf_text(services: ServiceContext, actor: Actor, document_id: uuid.UUID) -> str:
    require_tools("pdftotext")
    path = letter_processing.document_path(services, actor, document_id)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(result.stdout.split())


def _docx_text(services: ServiceContext, actor: Actor, document_id: uuid.UUID) -> str:
    path = letter_processing.document_path(services, actor, document_id, editable=True)
    word = Document(str(path))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


class TestComplaintFirstInstance:
    def test_acceptance_opens_the_matter_with_its_k3_clock_and_timeline(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader)
        assert (case.state, case.case_type, case.label) == (
            S.ACCEPTED,
            CaseType.COMPLAINT_FIRST,
            "1/2026",
        )
        assert case.accepted_on == ACCEPTED and case.received_on == RECEIVED
        # 30 days (Luật Khiếu nại Đ28) from 10/08/2026, the start day not counted.
        assert _running(case) == {"K3": dt.date(2026, 9, 9)}
        assert "Điều 28" in case.next_deadline.deadline.explanation_json  # type: ignore[union-attr]
        assert [e.kind for e in case.timeline] == ["tiep_nhan", "thu_ly"]
        assert case.people == (f"{COMPLAINANT.full_name} – {COMPLAINANT.address}",)
        # The notice of acceptance issued with the letter belongs to the matter too.
        assert [d.form_code for d in case.documents] == ["nd124-mau-03"]
        assert case.related[0].label.startswith("Đơn số 1/2026")

    def test_the_whole_path_to_closing_with_documents_and_figures(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader)
        verifier = "Công chức địa chính Lê Thị Minh"
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(K.ASSIGN_VERIFICATION, dt.date(2026, 8, 12), verifier=verifier, issue=True),
        )
        assert case.state is S.VERIFYING and case.verifier == verifier
        issued = case.timeline[-1].issued[0]
        assert issued.form_code == "nd124-mau-05" and issued.number_label == "01/QĐ-UBND"
        text = _pdf_text(clocked, leader, issued.document_id)
        assert "xác minh nội dung khiếu nại" in text and verifier in text
        assert COMPLAINANT.full_name in text and "09/09/2026" in text  # the K3 due date
        assert verifier in _docx_text(clocked, leader, issued.document_id)

        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.VERIFICATION_REPORT, dt.date(2026, 8, 25), note="Đã xác minh tại thực địa"),
        )
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.DIALOGUE, dt.date(2026, 8, 28), note="Đối thoại: người khiếu nại giữ yêu cầu"),
        )
        assert case.state is S.DIALOGUE
        figures = OutcomeFigures(money_to_return=12.5, persons_restored=1)
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(
                K.DECIDE,
                dt.date(2026, 9, 1),
                verdict=ResolutionVerdict.PARTLY_CORRECT.value,
                figures=figures,
                note="Trả lại tiền bồi thường còn thiếu",
                issue=True,
            ),
        )
        assert (case.state, case.verdict, case.decided_on) == (
            S.DECIDED,
            ResolutionVerdict.PARTLY_CORRECT,
            dt.date(2026, 9, 1),
        )
        assert case.on_time is True and _clock(case, "K3") == (dt.date(2026, 9, 9), "dung_han")
        # Sending within 3 working days (Đ32) starts with the decision.
        assert _running(case) == {"K4": dt.date(2026, 9, 7)}  # 02/09 and 31/08–01/09 are off
        assert case.figures.money_to_return == 12.5
        decision = case.timeline[-1]
        assert ("Trả lại cho tổ chức, cá nhân", "12,5 triệu đồng; 0 m² đất") in decision.details
        assert "đúng một phần" in _pdf_text(clocked, leader, decision.issued[0].document_id)

        with pytest.raises(ValidationError, match="gửi quyết định"):
            cases.record_step(clocked, officer, case.id, _step(K.CLOSE, dt.date(2026, 9, 2)))
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.SEND, dt.date(2026, 9, 3), body="Ông Trần Văn An; Thanh tra tỉnh"),
        )
        assert _clock(case, "K4")[1] == "dung_han" and _running(case) == {}
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.ENFORCE, dt.date(2026, 10, 5), note="Giao phòng kinh tế tổ chức thi hành"),
        )
        assert case.state is S.ENFORCING
        done = OutcomeFigures(money_to_return=12.5, fully_enforced=True)
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.ENFORCEMENT_RESULT, dt.date(2026, 10, 20), figures=done),
        )
        assert case.enforcement.money_to_return == 12.5 and case.enforcement.fully_enforced
        case = cases.record_step(clocked, officer, case.id, _step(K.CLOSE, dt.date(2026, 10, 21)))
        assert (case.state, case.closed_on) == (S.CLOSED, dt.date(2026, 10, 21))
        # Closed: only a later complaint or lawsuit, or a note, can follow.
        assert {s.kind for s in case.steps} == {K.ESCALATE, K.NOTE}
        assert [d.form_code for d in case.documents] == [
            "nd124-mau-03",
            "nd124-mau-05",
            "nd124-mau-15",
        ]

    def test_a_second_complaint_is_followed_to_the_province_result(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _verifying(clocked, leader, _open(clocked, officer, leader))
        on = dt.date(2026, 9, 1)
        case = cases.record_step(
            clocked, leader, case.id, _step(K.DECIDE, on, verdict="sai", document=DECISION)
        )
        escalate = _step(K.ESCALATE, dt.date(2026, 9, 2), body="Chủ tịch UBND tỉnh")
        with pytest.raises(ValidationError, match="Gửi quyết định, kết luận» trước"):
            cases.record_step(clocked, officer, case.id, escalate)
        case = cases.record_step(
            clocked, officer, case.id, _step(K.SEND, on, body="Người khiếu nại")
        )
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.ESCALATE, dt.date(2026, 9, 20), body="Chủ tịch UBND tỉnh"),
        )
        assert case.state is S.ESCALATED
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(
                K.ESCALATION_RESULT, dt.date(2026, 11, 2), escalation_result=EscalationResult.UPHELD
            ),
        )
        assert case.state is S.CLOSED
        assert ("Kết quả của cấp trên, Tòa án", EscalationResult.UPHELD.label) in case.timeline[
            -1
        ].details

    def test_complexity_and_the_remote_area_lengthen_the_running_k3(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader)
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(K.MARK_COMPLEX, dt.date(2026, 8, 20), note="Nhiều thửa đất"),
        )
        assert case.complexity is Complexity.COMPLEX and _running(case) == {
            "K3": dt.date(2026, 9, 24)
        }
        case = cases.record_step(
            clocked,
            leader,  # a longer period is the chairman's call
            case.id,
            _step(K.REMOTE_AREA, dt.date(2026, 8, 21), remote=True, note="Xã đảo"),
        )
        assert _running(case) == {"K3": dt.date(2026, 10, 9)}  # 60 days: remote and complex
        # Each move is in the audit trail, old → new, with the step as its reason.
        with clocked.sessions.reading() as session:
            moves = [
                (changes["due_on"], row.reason)
                for row in session.scalars(
                    select(AuditEntry).where(
                        AuditEntry.entity == "deadline", AuditEntry.operation == "update"
                    )
                )
                if "due_on" in (changes := json.loads(row.changes_json))
            ]
        assert moves == [
            (["2026-09-09", "2026-09-24"], "Vụ việc 1/2026: Xác định vụ việc phức tạp"),
            (["2026-09-24", "2026-10-09"], "Vụ việc 1/2026: Vùng sâu, vùng xa"),
        ]
        with pytest.raises(ValidationError, match="đã được xác định là phức tạp"):
            cases.record_step(
                clocked, leader, case.id, _step(K.MARK_COMPLEX, dt.date(2026, 8, 22), note="x")
            )

    def test_suspension_pauses_the_clock_and_resumption_adds_the_days(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader)
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(
                K.SUSPEND, dt.date(2026, 8, 20), ground="Chờ kết quả giám định đo đạc", issue=True
            ),
        )
        assert case.state is S.SUSPENDED
        paused = case.deadlines[-1]
        assert paused.paused_since == dt.date(2026, 8, 20)
        assert _next_due(clocked, case.id) is None  # nothing runs while suspended
        # A paused clock is not overdue while the matter waits.
        assert cases.case_keys(clocked, officer, CaseFilter(view=CaseView.OVERDUE)) == []
        assert cases.case_keys(clocked, officer, CaseFilter(view=CaseView.SUSPENDED))
        with pytest.raises(ValidationError, match="tạm đình chỉ"):
            cases.record_step(
                clocked,
                leader,
                case.id,
                _step(K.DECIDE, dt.date(2026, 8, 25), verdict="sai", document=DECISION),
            )
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(K.RESUME, dt.date(2026, 8, 30), issue=True, note="Đã có kết quả đo đạc"),
        )
        # 20–29/08 excluded: 10 more days, 19/09, a Saturday: the next working day
        # (BLDS Đ148.5).  Back to where the matter was before the suspension.
        assert case.state is S.ACCEPTED and _running(case) == {"K3": dt.date(2026, 9, 21)}
        assert _next_due(clocked, case.id) == dt.date(2026, 9, 21)
        resumed = case.timeline[-1].issued[0]
        assert resumed.form_code == "qd-tiep-tuc"
        assert "21/09/2026" in _pdf_text(clocked, leader, resumed.document_id)
        explanation = case.next_deadline.deadline.explanation_json  # type: ignore[union-attr]
        assert "20/08/2026" in explanation

    def test_whole_and_partial_withdrawal(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader)
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.WITHDRAW, dt.date(2026, 8, 20), whole=False, note="Rút yêu cầu bồi thường"),
        )
        assert case.state is S.ACCEPTED and _running(case) == {"K3": dt.date(2026, 9, 9)}
        whole = _step(K.WITHDRAW, dt.date(2026, 8, 25), whole=True, note="Đơn rút khiếu nại")
        with pytest.raises(ValidationError, match="việc của Chủ tịch"):
            cases.record_step(clocked, officer, case.id, whole)  # it ends the matter
        with pytest.raises(ValidationError, match="đình chỉ việc giải quyết"):
            cases.record_step(clocked, leader, case.id, whole)  # with its notice
        case = cases.record_step(clocked, leader, case.id, replace(whole, issue=True))
        notice = case.timeline[-1].issued[0]
        assert notice.form_code == "qd-dinh-chi"
        assert "rút toàn bộ đơn" in _pdf_text(clocked, leader, notice.document_id)
        assert (case.state, case.closed_on, case.on_time) == (
            S.WITHDRAWN,
            dt.date(2026, 8, 25),
            True,
        )
        assert _running(case) == {} and case.partly_withdrawn

    def test_reclassified_as_a_disciplinary_complaint_runs_kd4(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader)
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(
                K.RECLASSIFY,
                dt.date(2026, 8, 11),
                case_type=CaseType.DISCIPLINARY_COMPLAINT,
                note="Khiếu nại quyết định kỷ luật khiển trách",
            ),
        )
        assert case.case_type is CaseType.DISCIPLINARY_COMPLAINT and set(_running(case)) == {"KD4"}
        with pytest.raises(ValidationError, match="lần hai"):
            cases.record_step(
                clocked,
                officer,
                case.id,
                _step(
                    K.RECLASSIFY,
                    dt.date(2026, 8, 12),
                    case_type=CaseType.COMPLAINT_SECOND,
                    note="x",
                ),
            )


def test_second_instance_when_the_office_resolves_it(
    clocked: ServiceContext, officer: Actor, leader: Actor, admin: Actor
) -> None:
    """LEGAL.md §1.4: unsettled after 1/7/2025, so a setting (off by default)."""
    cases.update_case_settings(clocked, admin, CaseSettings(second_instance_at_commune=True))
    case = _open(clocked, officer, leader)
    case = cases.record_step(
        clocked,
        officer,
        case.id,
        _step(
            K.RECLASSIFY,
            dt.date(2026, 8, 11),
            case_type=CaseType.COMPLAINT_SECOND,
            note="Khiếu nại lần hai",
        ),
    )
    assert _running(case) == {"K8": dt.date(2026, 9, 24)}  # 45 days (Luật Khiếu nại Đ37)
    case = _verifying(clocked, leader, case, dt.date(2026, 8, 12))
    case = cases.record_step(
        clocked, leader, case.id, _step(K.DECIDE, dt.date(2026, 9, 10), verdict="dung", issue=True)
    )
    assert case.timeline[-1].issued[0].form_code == "nd124-mau-16"
    assert set(_running(case)) == {"K9", "K10"}  # send within 7 days, publish
    case = cases.record_step(
        clocked,
        officer,
        case.id,
        _step(K.PUBLISH, dt.date(2026, 9, 12), note="Niêm yết tại trụ sở"),
    )
    assert set(_running(case)) == {"K9"}


class TestDenunciation:
    def test_especially_complex_extended_twice_suspended_then_concluded_late(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader, LetterType.DENUNCIATION)
        assert _running(case) == {"T4": dt.date(2026, 9, 9)}
        team = "Tổ xác minh do ông Trần Văn Minh làm tổ trưởng"
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(K.ASSIGN_VERIFICATION, dt.date(2026, 8, 11), verifier=team, issue=True),
        )
        assert case.timeline[-1].issued[0].form_code == "nd31-mau-07"
        basis = (ComplexityCriterion.MANY_PLACES, ComplexityCriterion.EXPERT_OPINION)
        extend = _step(
            K.EXTEND,
            dt.date(2026, 9, 1),
            complexity=Complexity.ESPECIALLY_COMPLEX,
            complexity_basis=basis,
            issue=True,
        )
        case = cases.record_step(clocked, leader, case.id, extend)
        assert (case.extensions, _running(case)) == (1, {"T4": dt.date(2026, 10, 9)})
        extension = _pdf_text(clocked, leader, case.timeline[-1].issued[0].document_id)
        assert "09/10/2026" in extension and "09/09/2026" in extension and "lần thứ 1" in extension
        case = cases.record_step(clocked, leader, case.id, replace(extend, on=dt.date(2026, 10, 1)))
        # Twice, 30 days each (Luật Tố cáo Đ30): 90 days from acceptance.
        assert (case.extensions, _running(case)) == (2, {"T4": dt.date(2026, 11, 9)})
        with pytest.raises(ValidationError, match="chỉ được gia hạn 2 lần"):
            cases.record_step(clocked, leader, case.id, replace(extend, on=dt.date(2026, 10, 2)))

        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(
                K.SUSPEND,
                dt.date(2026, 10, 5),
                ground="Chờ kết quả giám định chữ ký",
                document=DocumentRef("40/QĐ-UBND", dt.date(2026, 10, 5), "Nguyễn Văn Thành"),
            ),
        )
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(
                K.RESUME,
                dt.date(2026, 10, 15),
                document=DocumentRef("44/QĐ-UBND", dt.date(2026, 10, 15), "Nguyễn Văn Thành"),
            ),
        )
        # 05–14/10 excluded: 100 days from acceptance.
        assert case.state is S.VERIFYING and _running(case) == {"T4": dt.date(2026, 11, 18)}
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.VERIFICATION_REPORT, dt.date(2026, 11, 16), note="Báo cáo kết quả xác minh"),
        )
        # Concluded after the extended, paused due date: late, and it stays late.
        figures = OutcomeFigures(sanction_persons=1, sanction_officials=1)
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(K.DECIDE, dt.date(2026, 11, 20), verdict="dung", figures=figures, issue=True),
        )
        assert case.on_time is False and _clock(case, "T4") == (dt.date(2026, 11, 18), "tre_han")
        assert set(_running(case)) == {"T6", "T7"}
        conclusion = case.timeline[-1].issued[0]
        assert conclusion.form_code == "nd31-mau-12"
        for text in (
            _pdf_text(clocked, leader, conclusion.document_id),
            _docx_text(clocked, leader, conclusion.document_id),
        ):
            assert "Lê Văn Sai" in text and "đúng" in text
            for secret in SECRETS:
                assert secret not in text  # Luật Tố cáo Đ8.3, Đ40.3
        assert cases.case_keys(clocked, officer, CaseFilter(view=CaseView.LATE)) == cases.case_keys(
            clocked, officer, CaseFilter(view=CaseView.ALL)
        )

        case = cases.record_step(
            clocked, officer, case.id, _step(K.SEND, dt.date(2026, 11, 23), body="Người bị tố cáo")
        )
        assert set(_running(case)) == {"T7"}
        with pytest.raises(ValidationError, match="công khai kết luận"):
            cases.record_step(clocked, officer, case.id, _step(K.CLOSE, dt.date(2026, 11, 23)))
        case = cases.record_step(
            clocked, officer, case.id, _step(K.PUBLISH, dt.date(2026, 11, 24), note="Niêm yết")
        )
        case = cases.record_step(clocked, officer, case.id, _step(K.CLOSE, dt.date(2026, 11, 25)))
        assert case.state is S.CLOSED and case.on_time is False  # still late after closing

    def test_whole_withdrawal_terminates_unless_the_law_says_go_on(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        first = _open(clocked, officer, leader, LetterType.DENUNCIATION)
        first = cases.record_step(
            clocked,
            leader,
            first.id,
            _step(K.WITHDRAW, dt.date(2026, 8, 20), whole=True, note="Đơn rút tố cáo", issue=True),
        )
        # Đ34.2: terminated; the decision is sent within 5 working days (T5), Saturday
        # 22/08/2026 being a make-up working day.
        assert first.state is S.TERMINATED and _running(first) == {"T5": dt.date(2026, 8, 26)}
        assert _clock(first, "T4")[1] == "dung_han"

        second = _open(
            clocked,
            officer,
            leader,
            LetterType.DENUNCIATION,
            content="Tố cáo ông Lê Văn Sai nhận tiền lần hai để hợp thức hóa đất",
        )
        ground = "Hành vi bị tố cáo có dấu hiệu vi phạm pháp luật"
        second = cases.record_step(
            clocked,
            leader,
            second.id,
            _step(
                K.WITHDRAW,
                dt.date(2026, 8, 20),
                whole=True,
                ground=ground,
                note="Rút đơn do bị ép buộc",
            ),
        )
        assert second.state is S.ACCEPTED and set(_running(second)) == {"T4"}  # Đ33.3
        assert ("Lý do vẫn tiếp tục giải quyết (Luật Tố cáo Điều 33.3)", ground) in second.timeline[
            -1
        ].details

    def test_termination_when_the_denounced_person_died(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader, LetterType.DENUNCIATION)
        case = cases.record_step(
            clocked,
            leader,
            case.id,
            _step(
                K.TERMINATE,
                dt.date(2026, 8, 20),
                ground=TerminationGround.PERSON_DIED.value,
                issue=True,
            ),
        )
        assert case.state is S.TERMINATED and set(_running(case)) == {"T5"}
        document = case.timeline[-1].issued[0]
        assert document.form_code == "qd-dinh-chi"
        text = _pdf_text(clocked, leader, document.document_id)
        assert TerminationGround.PERSON_DIED.label in text
        assert not any(secret in text for secret in SECRETS)
        case = cases.record_step(
            clocked, officer, case.id, _step(K.SEND, dt.date(2026, 8, 24), body="Người tố cáo")
        )
        case = cases.record_step(clocked, officer, case.id, _step(K.CLOSE, dt.date(2026, 8, 25)))
        assert case.state is S.CLOSED

    def test_the_denouncer_is_a_pseudonym_for_everyone(
        self, clocked: ServiceContext, actors: dict[Role, Actor], tmp_path: Path
    ) -> None:
        officer, leader = actors[Role.OFFICER], actors[Role.LEADER]
        case = _open(clocked, officer, leader, LetterType.DENUNCIATION)
        scan = tmp_path / "bien-ban-lam-viec.png"
        scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"1" * 64)
        cases.record_step(
            clocked,
            officer,
            case.id,
            _step(K.NOTE, dt.date(2026, 8, 12), note="Biên bản làm việc với người tố cáo"),
            (scan,),
        )
        for role in (Role.ADMIN, Role.OFFICER, Role.READ_ONLY):
            seen = cases.get_case(clocked, actors[role], case.id)
            assert seen.identity_hidden and seen.people == ("Người tố cáo TC-2026-0001",)
            assert seen.timeline[-1].attachments == ()  # pages a denouncer may have written
            rows = cases.case_rows(
                clocked,
                actors[role],
                cases.case_keys(clocked, actors[role], CaseFilter(view=CaseView.ALL)),
            )
            assert rows[0].people == "Người tố cáo TC-2026-0001" and rows[0].identity_hidden
            text = repr(seen) + repr(rows)
            for secret in SECRETS:
                assert secret not in text
        # The chairman sees the pages; the name only through the vault (test_vault.py).
        shown = cases.get_case(clocked, leader, case.id)
        assert shown.people == ("Người tố cáo TC-2026-0001",)
        assert len(shown.timeline[-1].attachments) == 1
        with clocked.sessions.reading() as session:
            stored = session.scalars(select(Attachment).where(Attachment.case_id == case.id)).all()
        assert [a.confidential for a in stored] == [True]


class TestPetition:
    def test_assigned_then_answered_with_a_reply_letter(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader, LetterType.PETITION, LetterOutcome.ASSIGNED)
        assert case.state is S.ASSIGNED and set(_running(case)) == {"P2"}
        case = cases.record_step(
            clocked,
            officer,
            case.id,
            _step(
                K.ANSWER, dt.date(2026, 8, 28), note="Đã nạo vét cống thoát nước hẻm 12", issue=True
            ),
        )
        assert (case.state, case.on_time) == (S.CLOSED, True)
        reply = case.timeline[-1].issued[0]
        assert reply.form_code == "tra-loi-knpa"
        assert "Đã nạo vét cống thoát nước hẻm 12" in _pdf_text(clocked, officer, reply.document_id)


class TestRefusals:
    @pytest.mark.parametrize("role", [Role.ADMIN, Role.OFFICER])
    def test_only_the_chairman_takes_the_chairmans_steps(
        self, role: Role, clocked: ServiceContext, actors: dict[Role, Actor]
    ) -> None:
        case = _verifying(
            clocked, actors[Role.LEADER], _open(clocked, actors[Role.OFFICER], actors[Role.LEADER])
        )
        chairman_steps = [
            s for s in cases.get_case(clocked, actors[Role.LEADER], case.id).steps if s.leader_only
        ]
        assert {s.kind for s in chairman_steps} >= {
            K.MARK_COMPLEX,
            K.REMOTE_AREA,
            K.SUSPEND,
            K.DECIDE,
            K.TERMINATE,
        }
        seen = cases.get_case(clocked, actors[role], case.id)
        assert not any(s.leader_only for s in seen.steps)  # not offered to this role
        with pytest.raises(ValidationError, match="Chủ tịch UBND") as refused:
            cases.record_step(
                clocked,
                actors[role],
                case.id,
                _step(K.DECIDE, dt.date(2026, 9, 1), verdict="sai", document=DECISION),
            )
        assert set(refused.value.fields) == {"permission"}

    def test_a_read_only_account_takes_no_step(
        self, clocked: ServiceContext, actors: dict[Role, Actor]
    ) -> None:
        case = _open(clocked, actors[Role.OFFICER], actors[Role.LEADER])
        assert cases.get_case(clocked, actors[Role.READ_ONLY], case.id).steps == ()
        with pytest.raises(PermissionDeniedError, match="Chỉ xem"):
            cases.record_step(
                clocked,
                actors[Role.READ_ONLY],
                case.id,
                _step(K.NOTE, dt.date(2026, 8, 12), note="x"),
            )

    def test_what_is_missing_is_said_field_by_field(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        accepted = _open(clocked, officer, leader)
        decide = _step(K.DECIDE, dt.date(2026, 8, 20), verdict="sai", document=DECISION)
        with pytest.raises(ValidationError, match="chỉ làm được khi vụ việc: đang xác minh"):
            cases.record_step(clocked, leader, accepted.id, decide)  # verification first
        terminate = _step(K.TERMINATE, dt.date(2026, 8, 20), ground="rut_don", document=DECISION)
        with pytest.raises(ValidationError, match="hãy ghi bước «Rút đơn»"):
            cases.record_step(clocked, leader, accepted.id, terminate)
        case = _verifying(clocked, leader, accepted)
        with pytest.raises(ValidationError) as refused:
            cases.record_step(clocked, leader, case.id, _step(K.DECIDE, dt.date(2026, 12, 1)))
        assert refused.value.fields == {
            "verdict": "Còn thiếu: kết quả: đúng, đúng một phần, sai.",
            "document": "Còn thiếu: số, ngày và người ký văn bản.",
            "on": "Ngày của bước không được sau hôm nay.",
        }
        with pytest.raises(ValidationError, match="trước bước gần nhất"):
            cases.record_step(
                clocked,
                leader,
                case.id,
                _step(K.DECIDE, dt.date(2026, 8, 10), verdict="sai", document=DECISION),
            )
        with pytest.raises(ValidationError, match="chỉ làm được khi vụ việc"):
            cases.record_step(
                clocked, officer, case.id, _step(K.SEND, dt.date(2026, 8, 12), body="x")
            )
        with pytest.raises(ValidationError, match="không có mẫu văn bản"):
            cases.record_step(
                clocked,
                officer,
                case.id,
                _step(K.NOTE, dt.date(2026, 8, 12), note="x", issue=True),
            )
        with pytest.raises(ValidationError, match="không có trong quy trình"):
            cases.record_step(clocked, leader, case.id, _step(K.EXTEND, dt.date(2026, 8, 12)))
        bad = DocumentRef(" ", dt.date(2026, 9, 1), "")
        with pytest.raises(ValidationError, match=r"Hãy ghi số văn bản\. Hãy ghi người ký"):
            cases.record_step(
                clocked,
                leader,
                case.id,
                _step(K.DECIDE, dt.date(2026, 8, 20), verdict="sai", document=bad),
            )
        wrong = OutcomeFigures(sanction_persons=1, sanction_officials=2, money_to_return=-1)
        with pytest.raises(ValidationError, match="không được âm"):
            cases.record_step(
                clocked,
                leader,
                case.id,
                _step(
                    K.DECIDE, dt.date(2026, 8, 20), verdict="sai", document=DECISION, figures=wrong
                ),
            )
        with pytest.raises(ValidationError, match="Không đọc được tệp"):
            cases.record_step(
                clocked,
                officer,
                case.id,
                _step(K.NOTE, dt.date(2026, 8, 12), note="x"),
                (Path("/khong/co/tep.pdf"),),
            )
        with pytest.raises(ValidationError, match="Chỉ đính kèm được tệp") as kind:
            cases.record_step(
                clocked,
                officer,
                case.id,
                _step(K.NOTE, dt.date(2026, 8, 12), note="x"),
                (Path(__file__),),  # a .py file
            )
        assert set(kind.value.fields) == {"files"}
        # Nothing of the refused steps was kept.
        assert cases.get_case(clocked, officer, case.id).timeline == case.timeline

    def test_an_open_matter_is_not_accepted_twice(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader)
        letter = case.related[0].record_id
        repeat = letters.register_letter(
            clocked,
            officer,
            LetterInput(
                received_on=dt.date(2026, 8, 20),
                source=LetterSource.POST,
                letter_type=LetterType.COMPLAINT,
                content="Khiếu nại lại việc thu hồi đất thửa 123",
                filers=(LetterFiler(COMPLAINANT),),
            ),
        )
        letters.link_duplicate(clocked, officer, repeat.id, letter)
        letters.classify_letter(
            clocked,
            officer,
            repeat.id,
            Classification(
                LetterType.COMPLAINT,
                conditions_met=frozenset(CONDITIONS_BY_TYPE[LetterType.COMPLAINT]),
                competent=True,
            ),
        )
        with pytest.raises(ConflictError, match="đang được giải quyết"):
            letter_processing.decide_outcome(
                clocked,
                leader,
                repeat.id,
                OutcomeChoice(LetterOutcome.ACCEPTED, dt.date(2026, 8, 21)),
            )


class TestRegister:
    def test_views_order_and_counts(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        overdue = _open(clocked, officer, leader)  # K3 due 09/09: overdue on 25/11
        # Accepted 26/10: K3 due 25/11, today, within the warning days.
        soon = _open(
            clocked,
            officer,
            leader,
            accepted=dt.date(2026, 10, 26),
            received_on=dt.date(2026, 10, 20),
            content="Khiếu nại việc cấp phép xây dựng nhà số 7",
        )
        petition = _open(clocked, officer, leader, LetterType.PETITION, LetterOutcome.ASSIGNED)
        cases.record_step(
            clocked, officer, petition.id, _step(K.ANSWER, dt.date(2026, 8, 20), note="Đã trả lời")
        )

        def labels(view: CaseView) -> list[str]:
            rows = cases.case_rows(
                clocked, officer, cases.case_keys(clocked, officer, CaseFilter(view=view))
            )
            return [row.label for row in rows]

        assert labels(CaseView.ALL) == [overdue.label, soon.label, petition.label]  # urgent first
        assert labels(CaseView.OPEN) == [overdue.label, soon.label]
        assert labels(CaseView.OVERDUE) == [overdue.label]
        assert labels(CaseView.DUE_SOON) == [soon.label]
        assert labels(CaseView.FINISHED) == [petition.label]
        start = cases.case_start(clocked, officer, CaseFilter(view=CaseView.OPEN), first=1)
        assert (start.total, len(start.keys)) == (2, 1)
        found = cases.case_keys(
            clocked, officer, CaseFilter(view=CaseView.ALL, search="cap phep xay dung")
        )
        assert [r.label for r in cases.case_rows(clocked, officer, found)] == [soon.label]
        row = cases.case_rows(clocked, officer, found)[0]
        assert (row.next_due, row.next_rule, row.paused) == (dt.date(2026, 11, 25), "K3", False)
        with pytest.raises(ValidationError):
            cases.case_rows(clocked, officer, list(range(501)))

    def test_a_calendar_change_moves_running_case_clocks_and_says_why(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, admin: Actor
    ) -> None:
        case = _open(clocked, officer, leader, LetterType.DENUNCIATION)
        # 09/09/2026 (the T4 due date) declared a local day off: it rolls to 10/09.
        calendar.save_calendar_day(
            clocked,
            admin,
            SpecialDay(
                dt.date(2026, 9, 9),
                CalendarDayKind.LOCAL_OFF,
                "Lễ hội địa phương",
                "QĐ 5/QĐ-UBND",
                False,
            ),
        )
        assert _running(cases.get_case(clocked, officer, case.id)) == {"T4": dt.date(2026, 9, 10)}
        assert _next_due(clocked, case.id) == dt.date(2026, 9, 10)  # the lists follow
        with clocked.sessions.reading() as session:
            changes = [
                json.loads(row.changes_json)
                for row in session.scalars(
                    select(AuditEntry).where(
                        AuditEntry.entity == "deadline", AuditEntry.operation == "update"
                    )
                )
            ]
        assert {"due_on": ["2026-09-09", "2026-09-10"]}.items() <= changes[-1].items()


def test_settings_are_checked_and_kept(
    clocked: ServiceContext, admin: Actor, officer: Actor
) -> None:
    with pytest.raises(ValidationError) as refused:
        cases.update_case_settings(
            clocked,
            admin,
            CaseSettings(urge_after_days=0, reception_weekday=6, reception_month_days=(20, 10)),
        )
    assert set(refused.value.fields) == {
        "urge_after_days",
        "reception_weekday",
        "reception_month_days",
    }
    wanted = CaseSettings(second_instance_at_commune=True, urge_after_days=20, reception_weekday=1)
    cases.update_case_settings(clocked, admin, wanted)
    assert cases.get_case_settings(clocked, officer) == wanted
    with pytest.raises(PermissionDeniedError):
        cases.update_case_settings(clocked, officer, wanted)


class TestRedactedCopy:
    """Luật Tố cáo Đ56: the verification team gets the file without the denouncer."""

    def test_the_copy_holds_the_matter_but_not_who_denounced(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, tmp_path: Path
    ) -> None:
        require_tools("pdftotext")
        case = _open(clocked, officer, leader, LetterType.DENUNCIATION)
        letter_id = case.related[0].record_id
        scan = tmp_path / "don-to-cao-Pham-Thi-To.png"
        scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"2" * 64)
        letter_processing.add_scan(clocked, officer, letter_id, scan)
        team = "Tổ xác minh do ông Trần Văn Minh làm tổ trưởng"
        cases.record_step(
            clocked,
            leader,
            case.id,
            _step(K.ASSIGN_VERIFICATION, dt.date(2026, 8, 11), verifier=team, issue=True),
        )
        for maker in (officer, leader):  # even the chairman's copy leaves them out
            target = tmp_path / f"ban-sao-{maker.role.value}.pdf"
            case_copies.make_redacted_copy(clocked, maker, case.id, target)
            text = " ".join(
                subprocess.run(
                    ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
                ).stdout.split()
            )
            assert "BẢN SAO HỒ SƠ TỐ CÁO ĐÃ LƯỢC BỎ THÔNG TIN VỀ NGƯỜI TỐ CÁO" in text
            assert "Lê Văn Sai, công chức địa chính" in text and team in text
            assert "nhận tiền của bà [đã lược bỏ]" in text and "09/09/2026" in text
            assert "Không kèm theo: lưu theo chế độ mật" in text
            # 01/QĐ-UBND is the decision to accept, issued with the letter.
            assert "Quyết định thành lập tổ xác minh nội dung tố cáo số 02/QĐ-UBND" in text
            assert "Quyết định thụ lý tố cáo số 01/QĐ-UBND" in text
            for secret in (*SECRETS, "Pham-Thi-To"):
                assert secret not in text
        with clocked.sessions.reading() as session:
            made = session.scalars(
                select(AuditEntry).where(AuditEntry.action == "ban_sao_to_xac_minh")
            ).all()
        assert [(row.username, row.operation) for row in made] == [
            (officer.username, "export"),
            (leader.username, "export"),
        ]
        assert json.loads(made[0].changes_json)["case"] == case.label

    def test_only_for_a_denunciation_and_a_clear_message_when_the_file_cannot_be_written(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, tmp_path: Path
    ) -> None:
        complaint = _open(clocked, officer, leader)
        with pytest.raises(ConflictError, match="chỉ lập cho vụ việc tố cáo"):
            case_copies.make_redacted_copy(clocked, officer, complaint.id, tmp_path / "a.pdf")
        denunciation = _open(clocked, officer, leader, LetterType.DENUNCIATION)
        with pytest.raises(ValidationError, match="Không ghi được tệp"):
            case_copies.make_redacted_copy(
                clocked, officer, denunciation.id, tmp_path / "khong-co" / "a.pdf"
            )


class TestReviewedRules:
    def test_a_suspension_on_the_acceptance_day_resumes(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _open(clocked, officer, leader)
        doc = DocumentRef("7/QĐ-UBND", ACCEPTED, "Nguyễn Văn Thành")
        suspend = _step(K.SUSPEND, ACCEPTED, ground="Chờ giám định", document=doc)
        case = cases.record_step(clocked, leader, case.id, suspend)
        resume = _step(K.RESUME, dt.date(2026, 8, 11), document=replace(doc, number="8/QĐ-UBND"))
        case = cases.record_step(clocked, leader, case.id, resume)
        # The start day is never counted: nothing was paused, the due date stands.
        assert case.state is S.ACCEPTED and _running(case) == {"K3": dt.date(2026, 9, 9)}

    def test_a_conclusion_escalated_is_still_sent_and_published_before_closing(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        case = _verifying(clocked, leader, _open(clocked, officer, leader, LetterType.DENUNCIATION))
        on = dt.date(2026, 9, 1)
        case = cases.record_step(
            clocked, leader, case.id, _step(K.DECIDE, on, verdict="sai", document=DECISION)
        )
        case = cases.record_step(clocked, officer, case.id, _step(K.SEND, on, body="Các bên"))
        case = cases.record_step(
            clocked, officer, case.id, _step(K.ESCALATE, on, body="Chủ tịch UBND tỉnh")
        )
        assert case.state is S.ESCALATED and set(_running(case)) == {"T7"}
        result = _step(
            K.ESCALATION_RESULT, dt.date(2026, 9, 5), escalation_result=EscalationResult.UPHELD
        )
        with pytest.raises(ValidationError, match="công khai kết luận"):
            cases.record_step(clocked, officer, case.id, result)
        case = cases.record_step(clocked, officer, case.id, _step(K.PUBLISH, on, note="Niêm yết"))
        assert _clock(case, "T7")[1] == "dung_han"  # published on time, not cancelled
        case = cases.record_step(clocked, officer, case.id, result)
        assert case.state is S.CLOSED

    def test_a_repeat_letter_of_a_denunciation_does_not_name_its_filer(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        """The repeat is a petition by the same person: the matter stays protected."""
        case = _open(clocked, officer, leader, LetterType.DENUNCIATION)
        repeat = letters.register_letter(
            clocked,
            officer,
            LetterInput(
                received_on=dt.date(2026, 8, 20),
                source=LetterSource.POST,
                letter_type=LetterType.PETITION,
                content="Đề nghị sớm trả lời đơn đã gửi về việc cấp giấy chứng nhận",
                filers=(LetterFiler(DENOUNCER),),
            ),
        )
        letters.link_duplicate(clocked, officer, repeat.id, case.related[0].record_id)
        seen = cases.get_case(clocked, officer, case.id)
        assert seen.people == ("Người tố cáo TC-2026-0001",) and seen.identity_hidden
        assert not any(secret in repr(seen) for secret in SECRETS)
        row = cases.case_rows(clocked, officer, cases.case_keys(clocked, officer, CaseFilter()))[0]
        assert row.people == "Người tố cáo TC-2026-0001"
        by_name = CaseFilter(view=CaseView.ALL, search="pham thi to")
        assert cases.case_keys(clocked, officer, by_name) == []  # not found by who filed it
        assert cases.case_keys(clocked, leader, by_name) != []  # the chairman may

    def test_the_change_history_is_for_those_who_may_read_the_log(
        self, clocked: ServiceContext, actors: dict[Role, Actor]
    ) -> None:
        case = _open(clocked, actors[Role.OFFICER], actors[Role.LEADER])
        for role, shown in ((Role.OFFICER, False), (Role.READ_ONLY, False), (Role.LEADER, True)):
            assert bool(cases.get_case(clocked, actors[role], case.id).history) is shown
        assert cases.get_case(clocked, actors[Role.ADMIN], case.id).history

    def test_the_letter_register_lifts_the_denouncer_out_of_the_content(
        self, clocked: ServiceContext, officer: Actor, leader: Actor
    ) -> None:
        _open(clocked, officer, leader, LetterType.DENUNCIATION)  # its content names her
        keys = letters.register_keys(clocked, officer, LetterFilter())
        hidden = letters.register_rows(clocked, officer, keys)[0]
        assert "[đã lược bỏ]" in hidden.content and DENOUNCER.full_name not in hidden.content
        # The words were lifted out before the letter was first written: for everyone.
        shown = letters.register_rows(clocked, leader, keys)[0]
        assert shown.content == hidden.content
