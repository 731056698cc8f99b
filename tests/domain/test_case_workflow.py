"""The resolution workflows as a table: what each step needs, who may take it,
where it leads, which clocks it moves; and the texts a protected denouncer is
lifted out of."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan_desktop.domain.calendar import WorkCalendar
from tiepdan_desktop.domain.case_clocks import MatterTerms, clock_plan, resolution_request
from tiepdan_desktop.domain.case_records import CaseSettings, CaseView
from tiepdan_desktop.domain.case_workflow import (
    TRANSITIONS,
    CaseFacts,
    ComplexityCriterion,
    DocumentRef,
    OutcomeFigures,
    StepInput,
    StepKind,
    Workflow,
    available_steps,
    step_label,
    step_problems,
    target_state,
    template_for,
    transition_for,
)
from tiepdan_desktop.domain.confidentiality import (
    REDACTED,
    identity_fragments,
    redact_identity,
)
from tiepdan_desktop.domain.enums import CaseState, CaseType, Complexity, Role
from tiepdan_desktop.domain.permissions import permissions_of
from tiepdan_desktop.domain.reception_schedule import next_reception_days
from tiepdan_desktop.exports.official_document import template_codes

TODAY = dt.date(2026, 11, 25)
LEADER = permissions_of(Role.LEADER)
OFFICER = permissions_of(Role.OFFICER)
S, K = CaseState, StepKind
DOC = DocumentRef("5/QĐ-UBND", dt.date(2026, 11, 20), "Nguyễn Văn Thành")


def _facts(case_type: CaseType = CaseType.COMPLAINT_FIRST, **changes: object) -> CaseFacts:
    values: dict[str, object] = {"case_type": case_type, "state": S.VERIFYING}
    values.update(changes)
    return CaseFacts(**values)  # type: ignore[arg-type]


def test_every_step_with_a_template_has_its_file_and_is_in_the_table() -> None:
    shipped = set(template_codes())
    for transition in TRANSITIONS:
        for workflow in transition.workflows:
            code = template_for(transition.kind, workflow)
            assert code is None or code in shipped
    assert template_for(K.DECIDE, Workflow.DENUNCIATION) == "nd31-mau-12"
    assert template_for(K.DIALOGUE, Workflow.COMPLAINT) is None
    assert transition_for(K.EXTEND, Workflow.COMPLAINT) is None  # only denunciations


def test_labels_follow_the_workflow() -> None:
    assert step_label("ra_quyet_dinh", Workflow.DENUNCIATION) == "Kết luận nội dung tố cáo"
    assert step_label("ra_quyet_dinh", Workflow.COMPLAINT) == "Ban hành quyết định giải quyết"
    assert step_label("thu_ly") == "Thụ lý"
    assert step_label("buoc_la") == "buoc_la"  # an unknown step shows as stored
    assert {view.label for view in CaseView} >= {"Quá hạn", "Giải quyết trễ hạn"}


def test_figures_that_cannot_be_are_refused() -> None:
    assert OutcomeFigures(sanction_persons=2, sanction_officials=1).problems() == []
    assert OutcomeFigures(police_persons=2).problems() == [
        "Có người chuyển cơ quan điều tra thì phải có số vụ chuyển."
    ]
    assert OutcomeFigures(land_to_return=-1).problems() == ["Các số liệu không được âm."]


def test_documents_and_dates_are_checked() -> None:
    future = DocumentRef("5/QĐ", TODAY + dt.timedelta(days=1), "A")
    step = StepInput(K.ASSIGN_VERIFICATION, TODAY, verifier="Tổ 1", document=future)
    facts = _facts(state=S.ACCEPTED)
    assert step_problems(facts, step, LEADER, TODAY) == {
        "document": "Ngày ký văn bản không được sau hôm nay."
    }
    both = StepInput(K.ASSIGN_VERIFICATION, TODAY, verifier="Tổ 1", document=DOC, issue=True)
    assert step_problems(facts, both, LEADER, TODAY)["document"].startswith("Chọn một")
    issued = StepInput(K.ASSIGN_VERIFICATION, TODAY, verifier="Tổ 1", issue=True)
    assert step_problems(facts, issued, LEADER, TODAY) == {}


@pytest.mark.parametrize(
    ("step", "facts", "field", "words"),
    [
        (
            StepInput(K.EXTEND, TODAY, complexity=Complexity.NORMAL, document=DOC),
            _facts(CaseType.DENUNCIATION),
            "complexity",
            "Chỉ gia hạn",
        ),
        (
            StepInput(
                K.EXTEND,
                TODAY,
                complexity=Complexity.ESPECIALLY_COMPLEX,
                complexity_basis=(ComplexityCriterion.MANY_PLACES,),
                document=DOC,
            ),
            _facts(CaseType.DENUNCIATION),
            "complexity_basis",
            "ít nhất 2 tiêu chí",
        ),
        (
            StepInput(
                K.EXTEND,
                TODAY,
                complexity=Complexity.COMPLEX,
                complexity_basis=(ComplexityCriterion.MANY_PLACES,),
                document=DOC,
            ),
            _facts(CaseType.DENUNCIATION, extensions=1),
            "complexity",
            "chỉ được gia hạn 1 lần",
        ),
        (StepInput(K.REMOTE_AREA, TODAY, remote=False, note="x"), _facts(), "remote", "như vậy"),
        (
            StepInput(K.RECLASSIFY, TODAY, case_type=CaseType.PETITION, note="x"),
            _facts(state=S.ACCEPTED),
            "case_type",
            "Chỉ chọn khiếu nại",
        ),
        (
            StepInput(K.RECLASSIFY, TODAY, case_type=CaseType.COMPLAINT_FIRST, note="x"),
            _facts(state=S.ACCEPTED),
            "case_type",
            "đã là loại này",
        ),
        (
            StepInput(K.RECLASSIFY, TODAY, case_type=CaseType.COMPLAINT_SECOND, note="x"),
            _facts(state=S.ACCEPTED),
            "case_type",
            "chưa bật",
        ),
        (
            StepInput(K.CLOSE, TODAY),
            _facts(CaseType.DENUNCIATION, state=S.DECIDED, decision_sent=True),
            "kind",
            "công khai kết luận",
        ),
        (
            StepInput(K.CLOSE, TODAY),
            _facts(state=S.DECIDED),
            "kind",
            "gửi quyết định",
        ),
        (
            StepInput(K.ENFORCEMENT_RESULT, TODAY, figures=OutcomeFigures(police_persons=1)),
            _facts(state=S.ENFORCING),
            "figures",
            "số vụ chuyển",
        ),
    ],
)
def test_rules_a_table_row_cannot_hold(
    step: StepInput, facts: CaseFacts, field: str, words: str
) -> None:
    problems = step_problems(facts, step, LEADER, TODAY)
    assert words in problems[field]


def test_a_terminated_denunciation_closes_once_its_decision_is_sent() -> None:
    facts = _facts(CaseType.DENUNCIATION, state=S.TERMINATED, decision_sent=True)
    assert step_problems(facts, StepInput(K.CLOSE, TODAY), OFFICER, TODAY) == {}
    petition = _facts(CaseType.PETITION, state=S.ASSIGNED)
    assert step_problems(petition, StepInput(K.CLOSE, TODAY), OFFICER, TODAY)["kind"].startswith(
        "Bước «Kết thúc hồ sơ» không có"
    )


def test_an_officer_is_told_who_may_act() -> None:
    facts = _facts(state=S.ACCEPTED)
    refused = step_problems(facts, StepInput(K.RECLASSIFY, TODAY), frozenset(), TODAY)
    assert refused == {
        "permission": "Tài khoản của bạn không được ghi bước «Xác định loại khiếu nại»."
    }
    assert all(t.permission in OFFICER for t in available_steps(facts, OFFICER))
    assert {t.kind for t in available_steps(facts, LEADER)} > {
        t.kind for t in available_steps(facts, OFFICER)
    }


def test_where_steps_lead() -> None:
    suspended = _facts(state=S.SUSPENDED, resume_state=None)
    assert target_state(suspended, StepInput(K.RESUME, TODAY)) is S.VERIFYING
    assert target_state(_facts(), StepInput(K.WITHDRAW, TODAY, whole=True)) is S.WITHDRAWN
    assert target_state(_facts(), StepInput(K.WITHDRAW, TODAY, whole=False)) is S.VERIFYING
    assert target_state(_facts(), StepInput(K.NOTE, TODAY)) is S.VERIFYING


def test_resolution_clocks_per_workflow() -> None:
    start = dt.date(2026, 8, 10)
    petition = resolution_request(
        MatterTerms(Workflow.PETITION, start, Complexity.COMPLEX, remote=True, extensions=1)
    )
    assert (petition.rule_id, petition.complexity, petition.remote) == (
        "P2",
        Complexity.NORMAL,
        False,
    )
    complaint = resolution_request(
        MatterTerms(Workflow.COMPLAINT, start, Complexity.ESPECIALLY_COMPLEX, remote=True)
    )
    assert (complaint.rule_id, complaint.complexity, complaint.remote) == (
        "K3",
        Complexity.COMPLEX,
        True,
    )
    assert clock_plan(K.DECIDE, Workflow.PETITION, False).start == ()
    assert clock_plan(K.TERMINATE, Workflow.COMPLAINT, True).start == ()


def test_identity_is_lifted_out_of_free_text() -> None:
    fragments = identity_fragments(
        "Phạm Thị Tố", "079180009999", "0903123456", "Số 9 Hàm Nghi, Bến Thành"
    )
    text = "Bà PHẠM  THỊ TỐ, số 9 hàm nghi, ĐT 0903 123 456 (CCCD 079180009999), báo tin."
    assert redact_identity(text, fragments) == (
        f"Bà {REDACTED}, {REDACTED}, ĐT {REDACTED} (CCCD {REDACTED}), báo tin."
    )
    assert identity_fragments(None, "", None, "Thôn 3") == ["Thôn 3"]  # no street part
    # Whole words, written with or without diacritics; a longer name or number stays.
    short = identity_fragments("Lê An", "079180009999", None, None)
    typed = "Ông Lê Anh Tuấn nhận tiền của LE AN; CCCD 0791800099991 (không phải 079180009999)."
    assert redact_identity(typed, short) == (
        f"Ông Lê Anh Tuấn nhận tiền của {REDACTED}; CCCD 0791800099991 (không phải {REDACTED})."
    )
    assert redact_identity("ﬁ Lê An", short) == f"ﬁ {REDACTED}"  # odd letters keep places
    assert identity_fragments("An", None, None, "Hẻm 4, phường 2") == ["An", "Hẻm 4, phường 2"]


def test_two_reception_days_moved_onto_the_same_working_day_count_once() -> None:
    # 10/10/2026 is a Saturday and 11/10 a Sunday: both move to Monday 12/10.
    settings = CaseSettings(reception_month_days=(10, 11))
    days = next_reception_days(settings, dt.date(2026, 10, 1), WorkCalendar(), 2)
    assert days == [dt.date(2026, 10, 12), dt.date(2026, 11, 10)]


def test_a_withdrawal_issues_a_termination_only_when_it_ends_the_matter() -> None:
    facts = _facts(CaseType.DENUNCIATION)
    partial = StepInput(K.WITHDRAW, TODAY, whole=False, note="Rút một nội dung", issue=True)
    assert "không đình chỉ" in step_problems(facts, partial, LEADER, TODAY)["withdrawal"]
    going_on = StepInput(
        K.WITHDRAW, TODAY, whole=True, note="Bị ép rút", ground="Bị đe dọa", issue=True
    )
    assert "Điều 33.3" in step_problems(facts, going_on, LEADER, TODAY)["document"]
    assert (
        step_problems(facts, StepInput(K.WITHDRAW, TODAY, whole=False, note="x"), OFFICER, TODAY)
        == {}
    )
