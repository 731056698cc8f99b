"""What the reception register services take and give: plain values, no ORM."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tiepdan_desktop.domain.enums import (
    CaseState,
    CaseType,
    Gender,
    IdDocumentType,
    LetterType,
    ReceptionType,
    RefusalGround,
    VisitHandling,
    VisitorRole,
)


@dataclass(frozen=True)
class PersonInput:
    """A visitor as typed in the form; `person_id` when picked from the matches."""

    full_name: str
    role: VisitorRole = VisitorRole.VISITOR
    birth_year: int | None = None
    gender: Gender | None = None
    id_type: IdDocumentType | None = None
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None
    person_id: uuid.UUID | None = None


@dataclass(frozen=True)
class VisitInput:
    visited_at: dt.datetime
    reception_type: ReceptionType
    content: str
    letter_type: LetterType | None
    handling: VisitHandling
    # None when editing a visit whose visitors the user may not see: left as they are.
    people: tuple[PersonInput, ...] | None
    officer_id: uuid.UUID | None = None
    chair_in_person: bool | None = None
    presided_by: str | None = None
    is_group: bool = False
    head_count: int = 1
    area_code: str | None = None
    is_repeat: bool = False
    case_id: uuid.UUID | None = None
    prior_handling: str | None = None
    refusal_ground: RefusalGround | None = None
    forwarded_to: str | None = None
    result_followup: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class VisitorView:
    """A person at a visit as this user may see them (masked: no id, only a label)."""

    full_name: str
    role: VisitorRole
    person_id: uuid.UUID | None = None
    birth_year: int | None = None
    gender: Gender | None = None
    id_type: IdDocumentType | None = None
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None

    def as_input(self) -> PersonInput:
        """The person as a form gives it back when saved unchanged."""
        return PersonInput(
            full_name=self.full_name,
            role=self.role,
            birth_year=self.birth_year,
            gender=self.gender,
            id_type=self.id_type,
            id_number=self.id_number,
            address=self.address,
            phone=self.phone,
            person_id=self.person_id,
        )


@dataclass(frozen=True)
class VisitDetail:
    id: uuid.UUID
    year: int
    number: int
    visited_at: dt.datetime
    reception_type: ReceptionType
    chair_in_person: bool | None
    presided_by: str | None
    officer_id: uuid.UUID | None
    officer_name: str
    people: tuple[VisitorView, ...]
    identity_hidden: bool
    is_group: bool
    head_count: int
    content: str
    letter_type: LetterType | None
    area_code: str | None
    is_repeat: bool
    case_id: uuid.UUID | None
    case_label: str | None
    prior_handling: str | None
    handling: VisitHandling
    refusal_ground: RefusalGround | None
    forwarded_to: str | None
    result_followup: str | None
    notes: str | None
    letter_label: str | None
    warnings: tuple[str, ...] = ()


class RegisterSort(StrEnum):
    """The orders the register offers, each backed by an index or a cheap scan."""

    DATE = "date"
    NAME = "name"
    LETTER_TYPE = "letter_type"
    HEAD_COUNT = "head_count"
    HANDLING = "handling"


@dataclass(frozen=True)
class RegisterFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    reception_type: ReceptionType | None = None
    letter_type: LetterType | None = None
    officer_id: uuid.UUID | None = None
    handling: VisitHandling | None = None
    groups_only: bool = False
    search: str = ""
    sort: RegisterSort = RegisterSort.DATE
    descending: bool = True


@dataclass(frozen=True)
class RegisterStart:
    """What a screen needs first: how many rows, the keys of the first of them,
    and (where the register gives them) the first rows themselves, read in the
    same go: the screen paints them without asking again."""

    total: int
    keys: list[int]
    first_rows: tuple[Any, ...] = ()


@dataclass(frozen=True)
class RegisterRow:
    """One line of the register (Mẫu số 03), identities already masked if needed."""

    key: int
    visit_id: uuid.UUID
    year: int
    number: int
    visited_at: dt.datetime
    reception_type: ReceptionType
    names_and_addresses: str  # column (3)
    id_numbers: str  # column (4)
    content: str  # (5)
    letter_type: LetterType | None  # (6)
    head_count: int  # (6)
    is_group: bool
    prior_handling: str | None  # (7)
    handling: VisitHandling  # (8)–(10)
    refusal_ground: RefusalGround | None
    forwarded_to: str | None
    result_followup: str | None  # (11)
    notes: str | None  # (12)
    officer_name: str
    identity_hidden: bool
    first_person_id: uuid.UUID | None


@dataclass(frozen=True)
class PersonMatch:
    """Someone already in the database who may be the person being typed."""

    person_id: uuid.UUID
    full_name: str
    birth_year: int | None
    gender: Gender | None
    id_type: IdDocumentType | None
    id_number: str | None
    address: str | None
    phone: str | None
    same_id_number: bool
    visits: int
    last_visit: dt.date | None
    open_cases: int
    letters: int = 0  # letters filed (those this user may see)


@dataclass(frozen=True)
class HistoryVisit:
    visit_id: uuid.UUID
    year: int
    number: int
    visited_at: dt.datetime
    content: str
    letter_type: LetterType | None
    handling: VisitHandling


@dataclass(frozen=True)
class HistoryCase:
    case_id: uuid.UUID
    label: str
    case_type: CaseType
    state: CaseState
    summary: str
    received_on: dt.date
    is_open: bool


@dataclass(frozen=True)
class PersonHistory:
    person: PersonMatch
    visits: tuple[HistoryVisit, ...] = ()
    cases: tuple[HistoryCase, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class LetterRef:
    id: uuid.UUID
    year: int
    number: int

    @property
    def label(self) -> str:
        return f"Đơn số {self.number}/{self.year}"
