"""The resolution workflows of LEGAL.md §4.2–4.5 as one table of transitions.

A matter (vụ việc) is carried through the steps the law sets: each row of
TRANSITIONS says which step (StepKind) may be taken from which states of which
workflow, the state it leads to, the fields and the document the step needs,
and who may take it.  The services refuse anything the table does not allow,
with a message that says what is missing (`step_problems`).

The few rules a table cannot hold (how many extensions a denunciation's
complexity allows, a withdrawal that does or does not end the matter, closing
only after the decision was sent) are in `step_problems` and `target_state`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from tiepdan_desktop.domain.enums import CaseState, CaseType, Complexity, LabelledEnum
from tiepdan_desktop.domain.permissions import Permission


class Workflow(StrEnum):
    COMPLAINT = "khieu_nai_lan_dau"
    COMPLAINT_SECOND = "khieu_nai_lan_hai"
    DISCIPLINARY = "khieu_nai_ky_luat"
    DENUNCIATION = "to_cao"
    PETITION = "kien_nghi_phan_anh"


_WORKFLOW_OF = {
    CaseType.COMPLAINT_FIRST: Workflow.COMPLAINT,
    CaseType.COMPLAINT_SECOND: Workflow.COMPLAINT_SECOND,
    CaseType.DISCIPLINARY_COMPLAINT: Workflow.DISCIPLINARY,
    CaseType.DENUNCIATION: Workflow.DENUNCIATION,
    CaseType.PETITION: Workflow.PETITION,
    # The commune's land mediation and a mixed letter kept as one matter are
    # followed like a petition: assigned, answered, closed.
    CaseType.LAND_DISPUTE: Workflow.PETITION,
    CaseType.MIXED: Workflow.PETITION,
}


def workflow_of(case_type: CaseType) -> Workflow:
    return _WORKFLOW_OF[case_type]


COMPLAINTS = frozenset({Workflow.COMPLAINT, Workflow.COMPLAINT_SECOND, Workflow.DISCIPLINARY})
DECIDED_BY_LAW = COMPLAINTS | {Workflow.DENUNCIATION}
ALL = DECIDED_BY_LAW | {Workflow.PETITION}


class StepKind(LabelledEnum):
    RECLASSIFY = ("xac_dinh_loai", "Xác định loại khiếu nại")
    ASSIGN_VERIFICATION = ("giao_xac_minh", "Giao xác minh")
    VERIFICATION_REPORT = ("bao_cao_xac_minh", "Báo cáo kết quả xác minh")
    DIALOGUE = ("doi_thoai", "Đối thoại")
    MARK_COMPLEX = ("phuc_tap", "Xác định vụ việc phức tạp")
    EXTEND = ("gia_han", "Gia hạn giải quyết")
    REMOTE_AREA = ("vung_sau_vung_xa", "Vùng sâu, vùng xa")
    SUSPEND = ("tam_dinh_chi", "Tạm đình chỉ giải quyết")
    RESUME = ("tiep_tuc", "Tiếp tục giải quyết")
    WITHDRAW = ("rut_don", "Rút đơn")
    TERMINATE = ("dinh_chi", "Đình chỉ giải quyết")
    DECIDE = ("ra_quyet_dinh", "Ban hành quyết định giải quyết")
    SEND = ("gui_quyet_dinh", "Gửi quyết định, kết luận")
    PUBLISH = ("cong_khai", "Công khai quyết định, kết luận")
    ENFORCE = ("thi_hanh", "Tổ chức thi hành")
    ENFORCEMENT_RESULT = ("ket_qua_thi_hanh", "Kết quả thi hành")
    ESCALATE = ("khieu_nai_tiep", "Khiếu nại lần hai, khởi kiện, tố cáo tiếp")
    ESCALATION_RESULT = ("ket_qua_cap_tren", "Kết quả giải quyết của cấp trên, Tòa án")
    ANSWER = ("tra_loi", "Trả lời, có kết quả giải quyết")
    CLOSE = ("ket_thuc", "Kết thúc hồ sơ")
    NOTE = ("ghi_chu", "Ghi chú, bổ sung tài liệu")


# Steps of the letter register that open or end a matter, as they appear on a
# case's timeline (they are not taken from the case view).
INTAKE_STEP_LABELS = {
    "tiep_nhan": "Tiếp nhận đơn",
    "de_xuat_thu_ly": "Đề xuất thụ lý",
    "thu_ly": "Thụ lý",
    "khong_thu_ly": "Không thụ lý",
    "huong_dan": "Hướng dẫn",
    "chuyen_don": "Chuyển đơn",
    "luu_don": "Lưu đơn",
    "giao_xem_xet": "Giao xem xét, trả lời",
    "hoa_giai": "Giao tổ chức hòa giải",
    "nhan_phuc_dap": "Nhận văn bản phúc đáp",
}


def step_label(kind: str, workflow: Workflow | None = None) -> str:
    """The wording of a step on the timeline (a conclusion for a denunciation)."""
    if kind in INTAKE_STEP_LABELS:
        return INTAKE_STEP_LABELS[kind]
    try:
        step = StepKind.of(kind)
    except ValueError:
        return kind
    if workflow is Workflow.DENUNCIATION and step in _DENUNCIATION_WORDING:
        return _DENUNCIATION_WORDING[step]
    return step.label


_DENUNCIATION_WORDING = {
    StepKind.DECIDE: "Kết luận nội dung tố cáo",
    StepKind.ENFORCE: "Xử lý kết luận nội dung tố cáo",
    StepKind.ENFORCEMENT_RESULT: "Kết quả xử lý sau kết luận",
    StepKind.ASSIGN_VERIFICATION: "Thành lập tổ xác minh",
    StepKind.ESCALATE: "Tố cáo tiếp lên cấp trên",
}


class StepField(LabelledEnum):
    NOTE = ("note", "Nội dung, ghi chú")
    DOCUMENT = ("document", "Số, ngày và người ký văn bản")
    VERIFIER = ("verifier", "Người hoặc tổ xác minh")
    COMPLEXITY = ("complexity", "Mức độ phức tạp")
    COMPLEXITY_BASIS = ("complexity_basis", "Căn cứ xác định mức độ phức tạp")
    REMOTE = ("remote", "Vùng sâu, vùng xa")
    WITHDRAWAL = ("withdrawal", "Rút toàn bộ hay một phần")
    GROUND = ("ground", "Lý do")
    VERDICT = ("verdict", "Kết quả: đúng, đúng một phần, sai")
    FIGURES = ("figures", "Số liệu kết quả (tiền, đất, người bị xử lý)")
    BODY = ("body", "Cơ quan, nơi nhận")
    ESCALATION_RESULT = ("escalation_result", "Kết quả của cấp trên, Tòa án")
    CASE_TYPE = ("case_type", "Loại khiếu nại")


class ComplexityCriterion(LabelledEnum):
    """Nghị định 31/2019/NĐ-CP Điều 3: one criterion makes a denunciation complex,
    two or more especially complex."""

    MANY_PEOPLE = ("nhieu_nguoi", "Nội dung liên quan đến nhiều người, nhiều ngành, lĩnh vực")
    MANY_PLACES = ("nhieu_noi", "Cần xác minh ở nhiều địa phương, cơ quan")
    LAW_DIFFERS = ("quy_dinh_khac_nhau", "Quy định pháp luật chưa rõ, còn cách hiểu khác nhau")
    EXPERT_OPINION = ("giam_dinh", "Phải trưng cầu giám định, lấy ý kiến chuyên môn")
    DISPUTED_FACTS = ("mau_thuan", "Tài liệu, chứng cứ mâu thuẫn, khó thu thập")
    PUBLIC_CONCERN = ("du_luan", "Được dư luận xã hội, báo chí quan tâm")
    SECURITY = ("an_ninh", "Ảnh hưởng đến an ninh, trật tự, an toàn xã hội")


class TerminationGround(LabelledEnum):
    """Đình chỉ: Luật Tố cáo Điều 34.2 and the complaint equivalents."""

    WITHDRAWN = ("rut_don", "Người khiếu nại, tố cáo rút toàn bộ đơn")
    PERSON_DIED = ("chet", "Cá nhân bị tố cáo, người khiếu nại đã chết")
    SETTLED_ELSEWHERE = ("da_giai_quyet", "Đã được giải quyết bằng bản án, quyết định khác")
    ORGANISATION_ENDED = ("giai_the", "Cơ quan, tổ chức đã giải thể, chấm dứt hoạt động")
    OTHER = ("khac", "Trường hợp khác theo quy định của pháp luật")


class EscalationResult(LabelledEnum):
    UPHELD = ("cong_nhan", "Công nhận quyết định, kết luận của xã")
    CHANGED = ("huy_sua", "Hủy, sửa quyết định, kết luận của xã")
    DISMISSED = ("khong_thu_ly", "Cấp trên không thụ lý, người dân không tiếp tục")


@dataclass(frozen=True)
class Transition:
    kind: StepKind
    workflows: frozenset[Workflow]
    sources: frozenset[CaseState]
    # None: the matter stays where it is (an extension, a note); for RESUME the
    # state before the suspension; for WITHDRAW see `target_state`.
    target: CaseState | None
    required: tuple[StepField, ...]
    permission: Permission
    basis: str
    # The document the step records or issues, by workflow; empty: none.
    documents: tuple[tuple[frozenset[Workflow], str], ...] = ()
    optional: tuple[StepField, ...] = ()

    def document_for(self, workflow: Workflow) -> str | None:
        return next((name for flows, name in self.documents if workflow in flows), None)


S = CaseState
_DECIDE, _EDIT = Permission.DECIDE, Permission.EDIT_REGISTERS
_KN = COMPLAINTS
_TC = frozenset({Workflow.DENUNCIATION})
_KN1 = frozenset({Workflow.COMPLAINT, Workflow.DISCIPLINARY})
_KN2 = frozenset({Workflow.COMPLAINT_SECOND})
_KNPA = frozenset({Workflow.PETITION})
# The complaints whose resolution period is longer in a remote area (K3, K8).
_REMOTE_VARIANT = frozenset({Workflow.COMPLAINT, Workflow.COMPLAINT_SECOND})
# Steps of the resolution proper: before a decision or conclusion.
UNDER_RESOLUTION = frozenset({S.ACCEPTED, S.VERIFYING, S.VERIFIED, S.DIALOGUE})
# A decision or conclusion comes after verification (Luật KN Đ2.11, Đ29; Luật TC Đ28).
VERIFIED_OR_AFTER = frozenset({S.VERIFYING, S.VERIFIED, S.DIALOGUE})
AFTER_DECISION = frozenset({S.DECIDED, S.ENFORCING})
F = StepField

TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        StepKind.RECLASSIFY,
        _KN,
        frozenset({S.ACCEPTED}),
        None,
        (F.CASE_TYPE, F.NOTE),
        _EDIT,
        "Luật Khiếu nại Điều 7, Điều 48 (khiếu nại lần đầu, lần hai, quyết định kỷ luật)",
    ),
    Transition(
        StepKind.ASSIGN_VERIFICATION,
        DECIDED_BY_LAW,
        frozenset({S.ACCEPTED}),
        S.VERIFYING,
        (F.VERIFIER, F.DOCUMENT),
        _DECIDE,
        "Luật Khiếu nại Điều 29; Luật Tố cáo Điều 31",
        (
            (_KN, "Quyết định xác minh nội dung khiếu nại (Nghị định 124/2020 Mẫu số 05)"),
            (_TC, "Quyết định thành lập tổ xác minh (Nghị định 31/2019 Mẫu số 07)"),
        ),
    ),
    Transition(
        StepKind.VERIFICATION_REPORT,
        DECIDED_BY_LAW,
        frozenset({S.VERIFYING}),
        S.VERIFIED,
        (F.NOTE,),
        _EDIT,
        "Luật Khiếu nại Điều 29.4; Luật Tố cáo Điều 32",
        ((DECIDED_BY_LAW, "Báo cáo kết quả xác minh"),),
        optional=(F.DOCUMENT,),
    ),
    Transition(
        StepKind.DIALOGUE,
        _KN,
        frozenset({S.VERIFYING, S.VERIFIED}),
        S.DIALOGUE,
        (F.NOTE,),
        _EDIT,
        "Luật Khiếu nại Điều 30 (đối thoại khi yêu cầu và kết quả xác minh khác nhau)",
        ((_KN, "Biên bản đối thoại"),),
        optional=(F.DOCUMENT,),
    ),
    Transition(
        StepKind.MARK_COMPLEX,
        _KN,
        UNDER_RESOLUTION,
        None,
        (F.NOTE,),
        _DECIDE,
        "Luật Khiếu nại Điều 28, Điều 37, Điều 50 (vụ việc phức tạp: thời hạn dài hơn)",
    ),
    Transition(
        StepKind.EXTEND,
        _TC,
        UNDER_RESOLUTION,
        None,
        (F.COMPLEXITY, F.COMPLEXITY_BASIS, F.DOCUMENT),
        _DECIDE,
        "Luật Tố cáo Điều 30; Nghị định 31/2019/NĐ-CP Điều 3",
        ((_TC, "Quyết định gia hạn giải quyết tố cáo (Nghị định 31/2019 Mẫu số 01)"),),
    ),
    Transition(
        StepKind.REMOTE_AREA,
        _REMOTE_VARIANT,
        UNDER_RESOLUTION,
        None,
        (F.REMOTE, F.NOTE),
        _DECIDE,
        "Luật Khiếu nại Điều 28, Điều 37 (vùng sâu, vùng xa đi lại khó khăn)",
    ),
    Transition(
        StepKind.SUSPEND,
        DECIDED_BY_LAW,
        UNDER_RESOLUTION,
        S.SUSPENDED,
        (F.GROUND, F.DOCUMENT),
        _DECIDE,
        "Luật Tố cáo Điều 34; Luật Khiếu nại (sửa đổi 2025) về tạm đình chỉ",
        ((DECIDED_BY_LAW, "Quyết định tạm đình chỉ việc giải quyết"),),
    ),
    Transition(
        StepKind.RESUME,
        DECIDED_BY_LAW,
        frozenset({S.SUSPENDED}),
        None,
        (F.DOCUMENT,),
        _DECIDE,
        "Luật Tố cáo Điều 34.1 (lý do tạm đình chỉ không còn)",
        ((DECIDED_BY_LAW, "Quyết định tiếp tục giải quyết"),),
        optional=(F.NOTE,),
    ),
    Transition(
        StepKind.WITHDRAW,
        DECIDED_BY_LAW,
        UNDER_RESOLUTION | {S.SUSPENDED},
        None,
        (F.WITHDRAWAL, F.NOTE),
        _EDIT,
        "Luật Khiếu nại Điều 10; Luật Tố cáo Điều 33",
        (
            (_KN, "Thông báo đình chỉ giải quyết khi rút toàn bộ khiếu nại"),
            (_TC, "Quyết định đình chỉ khi rút toàn bộ tố cáo (trừ Điều 33.3)"),
        ),
        optional=(F.DOCUMENT,),
    ),
    Transition(
        StepKind.TERMINATE,
        DECIDED_BY_LAW,
        UNDER_RESOLUTION | {S.SUSPENDED},
        S.TERMINATED,
        (F.GROUND, F.DOCUMENT),
        _DECIDE,
        "Luật Tố cáo Điều 34.2; Luật Khiếu nại Điều 10",
        ((DECIDED_BY_LAW, "Quyết định (thông báo) đình chỉ việc giải quyết"),),
    ),
    Transition(
        StepKind.DECIDE,
        DECIDED_BY_LAW,
        VERIFIED_OR_AFTER,
        S.DECIDED,
        (F.VERDICT, F.DOCUMENT),
        _DECIDE,
        "Luật Khiếu nại Điều 31, Điều 40; Luật Tố cáo Điều 35",
        (
            (_KN1, "Quyết định giải quyết khiếu nại lần đầu"),
            (_KN2, "Quyết định giải quyết khiếu nại lần hai"),
            (_TC, "Kết luận nội dung tố cáo (Nghị định 31/2019 Mẫu số 12)"),
        ),
        optional=(F.FIGURES, F.NOTE),
    ),
    Transition(
        StepKind.SEND,
        DECIDED_BY_LAW,
        AFTER_DECISION | {S.TERMINATED, S.ESCALATED},
        None,
        (F.BODY,),
        _EDIT,
        "Luật Khiếu nại Điều 32, Điều 41; Luật Tố cáo Điều 34.3, Điều 35.3",
        optional=(F.NOTE,),
    ),
    Transition(
        StepKind.PUBLISH,
        _TC | _KN2,
        AFTER_DECISION | {S.ESCALATED},
        None,
        (F.NOTE,),
        _EDIT,
        "Luật Tố cáo Điều 40 (không công khai danh tính người tố cáo); Luật Khiếu nại Điều 41",
    ),
    Transition(
        StepKind.ENFORCE,
        DECIDED_BY_LAW,
        frozenset({S.DECIDED}),
        S.ENFORCING,
        (F.NOTE,),
        _EDIT,
        "Luật Khiếu nại Điều 44–46; Luật Tố cáo Điều 36, Điều 44",
    ),
    Transition(
        StepKind.ENFORCEMENT_RESULT,
        DECIDED_BY_LAW,
        frozenset({S.ENFORCING}),
        None,
        (F.FIGURES,),
        _EDIT,
        "Biểu 02/KQGQ: kết quả thực hiện quyết định, kết luận",
        optional=(F.NOTE,),
    ),
    Transition(
        StepKind.ESCALATE,
        DECIDED_BY_LAW,
        AFTER_DECISION | {S.CLOSED},
        S.ESCALATED,
        (F.BODY,),
        _EDIT,
        "Luật Khiếu nại Điều 33, Điều 7; Luật Tố cáo Điều 37 (xã theo dõi kết quả)",
        optional=(F.NOTE, F.DOCUMENT),
    ),
    Transition(
        StepKind.ESCALATION_RESULT,
        DECIDED_BY_LAW,
        frozenset({S.ESCALATED}),
        S.CLOSED,
        (F.ESCALATION_RESULT,),
        _EDIT,
        "Biểu 01/KQGQ: công nhận / hủy, sửa quyết định lần đầu",
        optional=(F.NOTE, F.DOCUMENT),
    ),
    Transition(
        StepKind.ANSWER,
        _KNPA,
        frozenset({S.ASSIGNED}),
        S.CLOSED,
        (F.NOTE,),
        _EDIT,
        "Luật Tiếp công dân Điều 26, Điều 28 (trả lời kiến nghị, phản ánh)",
        ((_KNPA, "Văn bản trả lời"),),
        optional=(F.DOCUMENT,),
    ),
    Transition(
        StepKind.CLOSE,
        DECIDED_BY_LAW,
        AFTER_DECISION | {S.TERMINATED},
        S.CLOSED,
        (),
        _EDIT,
        "Hồ sơ giải quyết đã đủ; lưu hồ sơ",
        optional=(F.NOTE,),
    ),
    Transition(
        StepKind.NOTE,
        ALL,
        frozenset(CaseState),
        None,
        (F.NOTE,),
        _EDIT,
        "Biên bản làm việc, tài liệu bổ sung, ghi chú của cán bộ",
        optional=(F.DOCUMENT,),
    ),
)


# The office's own document of a step, made from a template file under
# resources/templates/ (numbered, as .docx and PDF).  A step without one records
# a document made elsewhere by its number, date and signer.
_TEMPLATES: dict[tuple[StepKind, frozenset[Workflow]], str] = {
    (StepKind.ASSIGN_VERIFICATION, _KN): "nd124-mau-05",
    (StepKind.ASSIGN_VERIFICATION, _TC): "nd31-mau-07",
    (StepKind.EXTEND, _TC): "nd31-mau-01",
    (StepKind.SUSPEND, DECIDED_BY_LAW): "qd-tam-dinh-chi",
    (StepKind.RESUME, DECIDED_BY_LAW): "qd-tiep-tuc",
    (StepKind.TERMINATE, DECIDED_BY_LAW): "qd-dinh-chi",
    (StepKind.DECIDE, _KN1): "nd124-mau-15",
    (StepKind.DECIDE, _KN2): "nd124-mau-16",
    (StepKind.DECIDE, _TC): "nd31-mau-12",
    (StepKind.ANSWER, _KNPA): "tra-loi-knpa",
    # A whole withdrawal ends the matter with a termination (unless Đ33.3).
    (StepKind.WITHDRAW, DECIDED_BY_LAW): "qd-dinh-chi",
}


def template_for(kind: StepKind, workflow: Workflow) -> str | None:
    """The template code of the document the office issues for this step, if any."""
    return next(
        (code for (step, flows), code in _TEMPLATES.items() if step is kind and workflow in flows),
        None,
    )


def transition_for(kind: StepKind, workflow: Workflow) -> Transition | None:
    return next((t for t in TRANSITIONS if t.kind is kind and workflow in t.workflows), None)


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about a matter now."""

    case_type: CaseType
    state: CaseState
    complexity: Complexity = Complexity.NORMAL
    extensions: int = 0
    remote: bool = False
    resume_state: CaseState | None = None
    decision_sent: bool = False
    published: bool = False
    last_step_on: dt.date | None = None
    # The office resolves second-instance complaints (setting; the law after
    # 1/7/2025 is unsettled).
    second_instance_allowed: bool = False

    @property
    def workflow(self) -> Workflow:
        return workflow_of(self.case_type)


@dataclass(frozen=True)
class DocumentRef:
    """An official document: made here from a template or elsewhere (number given)."""

    number: str
    signed_on: dt.date
    signer: str


@dataclass(frozen=True)
class OutcomeFigures:
    """The report columns of a decision (01/KQGQ) and of its enforcement (02/KQGQ).
    Money in million đồng, land in m²."""

    money_to_recover: float = 0
    land_to_recover: float = 0
    money_to_return: float = 0
    land_to_return: float = 0
    orgs_restored: int = 0
    persons_restored: int = 0
    sanction_persons: int = 0
    sanction_officials: int = 0
    police_cases: int = 0
    police_persons: int = 0
    fully_enforced: bool = False

    def problems(self) -> list[str]:
        counts = (
            self.orgs_restored,
            self.persons_restored,
            self.sanction_persons,
            self.sanction_officials,
            self.police_cases,
            self.police_persons,
        )
        amounts = (
            self.money_to_recover,
            self.land_to_recover,
            self.money_to_return,
            self.land_to_return,
        )
        found = []
        if any(value < 0 for value in (*counts, *amounts)):
            found.append("Các số liệu không được âm.")
        if self.sanction_officials > self.sanction_persons:
            found.append("Số cán bộ, công chức bị kiến nghị xử lý không lớn hơn tổng số người.")
        if self.police_persons and not self.police_cases:
            found.append("Có người chuyển cơ quan điều tra thì phải có số vụ chuyển.")
        return found


@dataclass(frozen=True)
class StepInput:
    kind: StepKind
    on: dt.date
    note: str | None = None
    document: DocumentRef | None = None
    verifier: str | None = None
    complexity: Complexity | None = None
    complexity_basis: tuple[ComplexityCriterion, ...] = ()
    remote: bool | None = None
    whole: bool | None = None  # withdrawal: all of it, or a part
    ground: str | None = None
    verdict: str | None = None  # ResolutionVerdict value
    figures: OutcomeFigures | None = None
    body: str | None = None
    escalation_result: EscalationResult | None = None
    case_type: CaseType | None = None
    # Issue the step's document from the office's template (numbered here)
    # instead of recording one made elsewhere (`document`).
    issue: bool = False
    signer_name: str | None = None  # who signs an issued document (default: the chairman)


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _missing(field: StepField, step: StepInput) -> bool:
    value: object = {
        F.NOTE: None if _blank(step.note) else step.note,
        F.DOCUMENT: step.document or (True if step.issue else None),
        F.VERIFIER: None if _blank(step.verifier) else step.verifier,
        F.COMPLEXITY: step.complexity,
        F.COMPLEXITY_BASIS: step.complexity_basis or None,
        F.REMOTE: step.remote,
        F.WITHDRAWAL: step.whole,
        F.GROUND: None if _blank(step.ground) else step.ground,
        F.VERDICT: step.verdict,
        F.FIGURES: step.figures,
        F.BODY: None if _blank(step.body) else step.body,
        F.ESCALATION_RESULT: step.escalation_result,
        F.CASE_TYPE: step.case_type,
    }[field]
    return value is None


def _document_problems(document: DocumentRef, step: StepInput, today: dt.date) -> list[str]:
    found = []
    if _blank(document.number):
        found.append("Hãy ghi số văn bản.")
    if _blank(document.signer):
        found.append("Hãy ghi người ký văn bản.")
    if document.signed_on > today:
        found.append("Ngày ký văn bản không được sau hôm nay.")
    elif document.signed_on > step.on:
        found.append("Ngày ký văn bản không được sau ngày của bước.")
    return found


def _extension_problems(facts: CaseFacts, step: StepInput) -> dict[str, str]:
    complexity = step.complexity or Complexity.NORMAL
    if complexity is Complexity.NORMAL:
        return {"complexity": "Chỉ gia hạn với vụ việc phức tạp hoặc đặc biệt phức tạp."}
    needed = 2 if complexity is Complexity.ESPECIALLY_COMPLEX else 1
    if len(step.complexity_basis) < needed:
        return {
            "complexity_basis": (
                f"Vụ việc {complexity.label.lower()} cần ít nhất {needed} tiêu chí của "
                "Nghị định 31/2019/NĐ-CP Điều 3."
            )
        }
    allowed = 2 if complexity is Complexity.ESPECIALLY_COMPLEX else 1
    if facts.extensions >= allowed:
        return {
            "complexity": (
                f"Vụ việc {complexity.label.lower()} chỉ được gia hạn {allowed} lần; "
                f"đã gia hạn {facts.extensions} lần (Luật Tố cáo Điều 30)."
            )
        }
    return {}


def _kind_problems(facts: CaseFacts, step: StepInput) -> dict[str, str]:
    """The rules of a step that a table row cannot say."""
    kind = step.kind
    if kind is StepKind.EXTEND:
        return _extension_problems(facts, step)
    if kind is StepKind.MARK_COMPLEX and facts.complexity is not Complexity.NORMAL:
        return {"kind": "Vụ việc đã được xác định là phức tạp."}
    if kind is StepKind.REMOTE_AREA and step.remote == facts.remote:
        return {"remote": "Vụ việc đã được đánh dấu như vậy."}
    if kind is StepKind.RECLASSIFY:
        if step.case_type not in COMPLAINT_TYPES:
            return {"case_type": "Chỉ chọn khiếu nại lần đầu, lần hai hoặc khiếu nại kỷ luật."}
        if step.case_type is CaseType.COMPLAINT_SECOND and not facts.second_instance_allowed:
            return {
                "case_type": "Đơn vị chưa bật giải quyết khiếu nại lần hai "
                "(Danh mục & Cài đặt → Giải quyết)."
            }
        if step.case_type is facts.case_type:
            return {"case_type": "Vụ việc đã là loại này."}
    if kind in (StepKind.CLOSE, StepKind.ESCALATION_RESULT) and facts.workflow in DECIDED_BY_LAW:
        missing = _unfinished(facts)
        if missing:
            return {"kind": "Chưa thể kết thúc hồ sơ: còn thiếu " + "; ".join(missing) + "."}
    if kind is StepKind.ESCALATE and facts.state in AFTER_DECISION and not facts.decision_sent:
        return {
            "kind": "Hãy ghi bước «Gửi quyết định, kết luận» trước: người có đơn khiếu nại "
            "tiếp hoặc khởi kiện sau khi nhận quyết định, kết luận."
        }
    if kind is StepKind.TERMINATE and step.ground == TerminationGround.WITHDRAWN.value:
        return {"ground": "Khi người khiếu nại, tố cáo rút toàn bộ đơn, hãy ghi bước «Rút đơn»."}
    if kind is StepKind.WITHDRAW:
        return _withdrawal_problems(facts, step)
    with_figures = kind in (StepKind.DECIDE, StepKind.ENFORCEMENT_RESULT)
    if with_figures and step.figures is not None and (found := step.figures.problems()):
        return {"figures": " ".join(found)}
    return {}


def _unfinished(facts: CaseFacts) -> list[str]:
    """What a decided or terminated matter still owes before it is closed."""
    missing = []
    if not facts.decision_sent:
        missing.append("gửi quyết định, kết luận cho người có liên quan")
    denunciation = facts.workflow is Workflow.DENUNCIATION
    if denunciation and facts.state is not S.TERMINATED and not facts.published:
        missing.append("công khai kết luận (Luật Tố cáo Điều 40)")
    return missing


def ends_by_withdrawal(facts: CaseFacts, step: StepInput) -> bool:
    """A whole withdrawal ends the matter, unless a denunciation goes on (Đ33.3)."""
    if step.kind is not StepKind.WITHDRAW or not step.whole:
        return False
    return facts.workflow is not Workflow.DENUNCIATION or not step.ground


def _withdrawal_problems(facts: CaseFacts, step: StepInput) -> dict[str, str]:
    if step.whole is not True:
        if step.issue or step.ground:
            return {"withdrawal": "Rút một phần: phần còn lại tiếp tục giải quyết, không đình chỉ."}
        return {}
    if ends_by_withdrawal(facts, step) and step.document is None and not step.issue:
        return {"document": "Còn thiếu: quyết định (thông báo) đình chỉ việc giải quyết."}
    if not ends_by_withdrawal(facts, step) and step.issue:
        return {"document": "Vụ việc tiếp tục giải quyết (Điều 33.3): không ban hành đình chỉ."}
    return {}


COMPLAINT_TYPES = frozenset(
    {CaseType.COMPLAINT_FIRST, CaseType.COMPLAINT_SECOND, CaseType.DISCIPLINARY_COMPLAINT}
)


def step_problems(
    facts: CaseFacts, step: StepInput, permissions: frozenset[Permission], today: dt.date
) -> dict[str, str]:
    """Why this step cannot be taken now ({} when it can), field by field, in the
    words an official reads: which state, which field, which document is missing."""
    workflow = facts.workflow
    transition = transition_for(step.kind, workflow)
    label = step_label(step.kind.value, workflow)
    if transition is None:
        return {"kind": f"Bước «{label}» không có trong quy trình giải quyết {_name(workflow)}."}
    if facts.state not in transition.sources:
        allowed = ", ".join(sorted(s.label.lower() for s in transition.sources))
        return {
            "kind": f"Không thể «{label}» khi vụ việc đang «{facts.state.label.lower()}»; "
            f"bước này chỉ làm được khi vụ việc: {allowed}."
        }
    if transition.permission not in permissions:
        return {
            "permission": f"«{label}» là việc của người có thẩm quyền (Chủ tịch UBND); "
            "tài khoản của bạn chỉ ghi được hồ sơ."
            if transition.permission is Permission.DECIDE
            else f"Tài khoản của bạn không được ghi bước «{label}»."
        }
    if step.kind is StepKind.WITHDRAW and step.whole and Permission.DECIDE not in permissions:
        return {
            "permission": "Rút toàn bộ đơn dẫn tới đình chỉ (hoặc tiếp tục giải quyết theo "
            "Luật Tố cáo Điều 33.3): việc của Chủ tịch UBND; tài khoản của bạn ghi được "
            "việc rút một phần."
        }
    problems: dict[str, str] = {}
    for field in transition.required:
        if _missing(field, step):
            problems[field.value] = f"Còn thiếu: {field.label.lower()}."
    if step.on > today:
        problems["on"] = "Ngày của bước không được sau hôm nay."
    elif facts.last_step_on is not None and step.on < facts.last_step_on:
        problems["on"] = (
            f"Ngày của bước không được trước bước gần nhất ({facts.last_step_on:%d/%m/%Y})."
        )
    if step.document is not None and (found := _document_problems(step.document, step, today)):
        problems["document"] = " ".join(found)
    if step.issue and step.document is not None:
        problems["document"] = "Chọn một: ban hành văn bản từ mẫu, hoặc ghi văn bản đã có."
    elif step.issue and template_for(step.kind, workflow) is None:
        problems["document"] = (
            f"Bước «{label}» không có mẫu văn bản; hãy ghi số, ngày và người ký "
            "của văn bản đã ban hành."
        )
    for key, message in _kind_problems(facts, step).items():
        problems.setdefault(key, message)
    return problems


def _name(workflow: Workflow) -> str:
    return {
        Workflow.COMPLAINT: "khiếu nại lần đầu",
        Workflow.COMPLAINT_SECOND: "khiếu nại lần hai",
        Workflow.DISCIPLINARY: "khiếu nại quyết định kỷ luật",
        Workflow.DENUNCIATION: "tố cáo",
        Workflow.PETITION: "kiến nghị, phản ánh",
    }[workflow]


def target_state(facts: CaseFacts, step: StepInput) -> CaseState:
    """Where the matter goes after a step the table allowed."""
    transition = transition_for(step.kind, facts.workflow)
    assert transition is not None, "step_problems refuses unknown steps first"
    if step.kind is StepKind.RESUME:
        return facts.resume_state or S.VERIFYING
    if step.kind is StepKind.WITHDRAW:
        # A partial withdrawal, or a denunciation that goes on (Đ33.3: signs of a
        # violation, a withdrawal under threat): the rest is resolved.
        if not ends_by_withdrawal(facts, step):
            return facts.state
        return S.TERMINATED if facts.workflow is Workflow.DENUNCIATION else S.WITHDRAWN
    return transition.target or facts.state


def available_steps(facts: CaseFacts, permissions: frozenset[Permission]) -> list[Transition]:
    """The steps the table opens from the matter's state for this user, in table order."""
    workflow = facts.workflow
    return [
        t
        for t in TRANSITIONS
        if workflow in t.workflows and facts.state in t.sources and t.permission in permissions
    ]


def enforcement_columns(figures: OutcomeFigures) -> dict[str, float | bool]:
    """A report of enforcement (the same form as the decision's figures) as the
    matter's enforcement columns: what has been recovered, returned, sanctioned."""
    return {
        "money_recovered": figures.money_to_recover,
        "land_recovered": figures.land_to_recover,
        "money_returned": figures.money_to_return,
        "land_returned": figures.land_to_return,
        "sanctioned_persons": figures.sanction_persons,
        "criminal_cases": figures.police_cases,
        "fully_enforced": figures.fully_enforced,
    }
