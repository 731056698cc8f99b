"""Plain records the resolution services hand to screens, exports and tests."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from tiepdan_desktop.domain.case_workflow import OutcomeFigures, StepKind, Workflow
from tiepdan_desktop.domain.enums import (
    CaseState,
    CaseType,
    Complexity,
    LetterType,
    ResolutionVerdict,
)
from tiepdan_desktop.domain.letter_records import AttachmentView, DeadlineView, IssuedDocumentView
from tiepdan_desktop.domain.records import AuditRecord


class CaseView(StrEnum):
    """The lists of the Giải quyết screen (and the home page's one-click lists)."""

    OPEN = "dang_giai_quyet"
    DUE_SOON = "sap_den_han"
    OVERDUE = "qua_han"
    SUSPENDED = "tam_dinh_chi"
    AFTER_DECISION = "sau_quyet_dinh"
    ESCALATED = "cap_tren"
    LATE = "tre_han"
    FINISHED = "da_ket_thuc"
    ALL = "tat_ca"

    @property
    def label(self) -> str:
        return {
            "dang_giai_quyet": "Đang giải quyết",
            "sap_den_han": "Sắp đến hạn",
            "qua_han": "Quá hạn",
            "tam_dinh_chi": "Tạm đình chỉ",
            "sau_quyet_dinh": "Gửi, công khai, thi hành",
            "cap_tren": "Khiếu nại tiếp, khởi kiện",
            "tre_han": "Giải quyết trễ hạn",
            "da_ket_thuc": "Đã kết thúc",
            "tat_ca": "Tất cả",
        }[self.value]


@dataclass(frozen=True)
class CaseFilter:
    view: CaseView = CaseView.OPEN
    case_type: CaseType | None = None
    search: str = ""


@dataclass(frozen=True)
class CaseRow:
    key: int
    case_id: uuid.UUID
    label: str  # "12/2026"
    case_type: CaseType
    state: CaseState
    summary: str
    people: str  # names, or a pseudonym where the identity is protected
    received_on: dt.date
    accepted_on: dt.date | None
    next_due: dt.date | None
    next_rule: str | None
    paused: bool
    on_time: bool | None
    identity_hidden: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    event_id: uuid.UUID
    kind: str
    label: str
    occurred_on: dt.date
    from_state: CaseState | None
    to_state: CaseState | None
    note: str | None
    document: str | None  # "Số 12/QĐ-UBND ngày 03/11/2026, Nguyễn Văn A ký"
    details: tuple[tuple[str, str], ...]  # the step's own fields, labelled
    user_name: str | None
    attachments: tuple[AttachmentView, ...] = ()
    issued: tuple[IssuedDocumentView, ...] = ()


@dataclass(frozen=True)
class CaseDeadlineView:
    deadline: DeadlineView
    paused_since: dt.date | None


@dataclass(frozen=True)
class RelatedRecord:
    kind: str  # "letter" or "visit"
    record_id: uuid.UUID
    label: str  # "Đơn số 5/2026" / "Lượt tiếp 14/10/2026"
    on: dt.date
    summary: str


@dataclass(frozen=True)
class StepOption:
    """A step the user may take now, with what it needs."""

    kind: StepKind
    label: str
    required: tuple[str, ...]  # StepField values
    optional: tuple[str, ...]
    document: str | None
    basis: str
    leader_only: bool


@dataclass(frozen=True)
class CaseDetail:
    id: uuid.UUID
    label: str
    year: int
    number: int
    case_type: CaseType
    workflow: Workflow
    state: CaseState
    summary: str
    people: tuple[str, ...]  # masked where protected
    identity_hidden: bool
    subject: str | None  # who is complained about / denounced
    area_code: str | None
    received_on: dt.date
    accepted_on: dt.date | None
    decided_on: dt.date | None
    closed_on: dt.date | None
    complexity: Complexity
    complexity_basis: tuple[str, ...]
    extensions: int
    remote: bool
    verifier: str | None
    verdict: ResolutionVerdict | None
    on_time: bool | None
    figures: OutcomeFigures
    enforcement: OutcomeFigures
    officer_name: str | None
    deadlines: tuple[CaseDeadlineView, ...]
    timeline: tuple[TimelineEntry, ...]
    related: tuple[RelatedRecord, ...]
    steps: tuple[StepOption, ...] = field(default=())
    history: tuple[AuditRecord, ...] = field(default=())
    letter_type: LetterType | None = None
    # Every document issued for the matter: the acceptance's and the steps'.
    documents: tuple[IssuedDocumentView, ...] = field(default=())
    partly_withdrawn: bool = False  # part of the content withdrawn; the rest goes on

    @property
    def next_deadline(self) -> CaseDeadlineView | None:
        running = [d for d in self.deadlines if d.deadline.status == "dang_chay"]
        return min(running, key=lambda d: d.deadline.due_on, default=None)


@dataclass(frozen=True)
class CaseSettings:
    """How the office resolves matters (Danh mục & Cài đặt → Giải quyết)."""

    # Luật 2025 moved second-instance complaints up; some provinces still route
    # them to communes: off unless the office turns it on.
    second_instance_at_commune: bool = False
    # A forwarded letter with no reply after this many days needs an urging letter.
    urge_after_days: int = 15
    # The chairman's periodic reception (Luật Tiếp công dân Điều 15): the weekday
    # (0 = Monday) while it is weekly, the days of the month once it is twice monthly.
    reception_weekday: int = 3
    reception_month_days: tuple[int, int] = (10, 25)
    # From this day the law asks 2 days a month instead of 1 day a week.
    twice_monthly_from: dt.date = dt.date(2026, 7, 1)

    def problems(self) -> dict[str, str]:
        found = {}
        if not 1 <= self.urge_after_days <= 365:
            found["urge_after_days"] = "Số ngày chờ phúc đáp trước khi đôn đốc phải từ 1 đến 365."
        if not 0 <= self.reception_weekday <= 4:
            found["reception_weekday"] = "Ngày tiếp định kỳ hằng tuần phải từ thứ Hai đến thứ Sáu."
        first, second = self.reception_month_days
        if not (1 <= first < second <= 28):
            found["reception_month_days"] = (
                "Hai ngày tiếp trong tháng phải khác nhau, từ ngày 1 đến ngày 28."
            )
        return found
