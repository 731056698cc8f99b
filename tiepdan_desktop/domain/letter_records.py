"""What the letter register services take and give: plain values, no ORM."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from tiepdan_desktop.domain.enums import (
    FilerKind,
    LetterOutcome,
    LetterPartyRole,
    LetterSource,
    LetterState,
    LetterType,
)
from tiepdan_desktop.domain.letter_classification import Classification, FilerIdentity
from tiepdan_desktop.domain.letter_outcomes import ComplaintRejectionGround, OutcomeOption
from tiepdan_desktop.domain.visit_records import PersonInput, VisitorView


@dataclass(frozen=True)
class LetterFiler:
    person: PersonInput
    role: LetterPartyRole = LetterPartyRole.FILER


@dataclass(frozen=True)
class LetterInput:
    received_on: dt.date
    source: LetterSource
    letter_type: LetterType
    content: str
    # None when editing a letter whose filers the user may not see: left as they are.
    filers: tuple[LetterFiler, ...] | None
    filer_kind: FilerKind = FilerKind.INDIVIDUAL
    signer_count: int = 1
    filer_org: str | None = None
    filer_identity: FilerIdentity = FilerIdentity.NAMED
    authorisation_doc: str | None = None
    forwarded_by: str | None = None
    forward_doc_number: str | None = None
    forward_doc_date: dt.date | None = None
    officer_id: uuid.UUID | None = None
    area_code: str | None = None
    requests: str | None = None
    subject_name: str | None = None
    subject_position: str | None = None
    subject_org: str | None = None


@dataclass(frozen=True)
class LetterRefView:
    """A letter named in a list: its number and what it is about."""

    letter_id: uuid.UUID
    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"


@dataclass(frozen=True)
class DeadlineView:
    rule_id: str
    title: str
    start_on: dt.date
    due_on: dt.date
    status: str  # DeadlineStatus value
    met_on: dt.date | None
    explanation_json: str


@dataclass(frozen=True)
class IssuedDocumentView:
    document_id: uuid.UUID
    form_code: str
    title: str
    number_label: str  # "15/TB-UBND"
    issued_on: dt.date
    signer_name: str
    recipient: str | None
    has_pdf: bool
    has_docx: bool


@dataclass(frozen=True)
class AttachmentView:
    attachment_id: uuid.UUID
    original_name: str
    media_type: str
    size_bytes: int
    confidential: bool


@dataclass(frozen=True)
class LetterDetail:
    id: uuid.UUID
    year: int
    number: int
    received_on: dt.date
    source: LetterSource
    letter_type: LetterType
    content: str
    requests: str | None
    filers: tuple[tuple[VisitorView, LetterPartyRole], ...]
    identity_hidden: bool
    filer_kind: FilerKind
    signer_count: int
    filer_org: str | None
    filer_identity: FilerIdentity
    authorisation_doc: str | None
    forwarded_by: str | None
    forward_doc_number: str | None
    forward_doc_date: dt.date | None
    officer_id: uuid.UUID | None
    officer_name: str | None
    area_code: str | None
    subject_name: str | None
    subject_position: str | None
    subject_org: str | None
    visit_label: str | None
    state: LetterState
    classification: Classification | None
    ineligible_reason: str | None
    duplicate_of: LetterRefView | None
    checked_new: bool
    matter_letters: int  # letters on the same matter, this one included
    outcome: LetterOutcome | None
    outcome_on: dt.date | None
    outcome_body: str | None
    outcome_ground: ComplaintRejectionGround | None
    outcome_note: str | None
    reply_on: dt.date | None
    reply_note: str | None
    deadlines: tuple[DeadlineView, ...]
    documents: tuple[IssuedDocumentView, ...]
    attachments: tuple[AttachmentView, ...]
    # The matter its acceptance or assignment opened (Giải quyết), if any.
    case_id: uuid.UUID | None = None
    case_label: str | None = None  # "5/2026 – Đang xác minh"


@dataclass(frozen=True)
class DuplicateCandidate:
    """A letter already registered that may be the same matter as the one typed."""

    letter_id: uuid.UUID
    year: int
    number: int
    received_on: dt.date
    letter_type: LetterType
    state: LetterState
    outcome: LetterOutcome | None
    content: str
    filer_label: str  # the name, or a code when the identity is protected
    same_person: bool
    same_id_number: bool
    similarity: float  # 0–1, of the normalised content
    matter_letters: int
    guided: int
    forwarded: int

    @property
    def label(self) -> str:
        return f"{self.number}/{self.year}"


@dataclass(frozen=True)
class OutcomeChoice:
    """What the officer decided, and the document details to issue with it."""

    outcome: LetterOutcome
    decided_on: dt.date
    body: str | None = None
    ground: ComplaintRejectionGround | None = None
    note: str | None = None
    signer_name: str | None = None  # default: the chairman


@dataclass(frozen=True)
class OutcomeResult:
    detail: LetterDetail
    documents: tuple[IssuedDocumentView, ...]


@dataclass(frozen=True)
class LetterOptions:
    """The outcomes open to a letter and what its matter already went through."""

    options: tuple[OutcomeOption, ...]
    guided: int
    forwarded: int


class LetterSort(StrEnum):
    DATE = "date"
    NAME = "name"
    LETTER_TYPE = "letter_type"
    STATE = "state"


class LetterView(StrEnum):
    """The quick views of the letter register."""

    ALL = "all"
    TO_PROCESS = "to_process"  # Cần xử lý: not yet given an outcome
    DUE_SOON = "due_soon"  # Sắp đến hạn: a running deadline within the warning days
    OVERDUE = "overdue"  # Quá hạn: a running deadline already past
    AWAITING_REPLY = "awaiting_reply"


@dataclass(frozen=True)
class LetterFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    state: LetterState | None = None
    letter_type: LetterType | None = None
    area_code: str | None = None
    source: LetterSource | None = None
    view: LetterView = LetterView.ALL
    search: str = ""
    sort: LetterSort = LetterSort.DATE
    descending: bool = True


@dataclass(frozen=True)
class LetterRow:
    """One line of the letter register, identities already masked if needed."""

    key: int
    letter_id: uuid.UUID
    year: int
    number: int
    received_on: dt.date
    source: LetterSource
    forwarded_by: str | None
    filer: str  # names and addresses, or a code
    id_numbers: str
    content: str
    letter_type: LetterType
    area_code: str | None
    state: LetterState
    outcome: LetterOutcome | None
    outcome_on: dt.date | None
    outcome_body: str | None
    next_due: dt.date | None
    next_rule: str | None
    identity_hidden: bool
    repeat_of: str | None  # "12/2026" when a duplicate of an earlier letter
