"""The letter register (đơn) and the people named on each letter."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tiepdan_desktop.db.base import (
    AUDIT_SECRET,
    AUDIT_SKIP,
    Base,
    Timestamps,
    UUIDKey,
    VNMultiline,
    VNText,
)
from tiepdan_desktop.domain.enums import (
    FilerKind,
    LetterOutcome,
    LetterPartyRole,
    LetterSource,
    LetterState,
    LetterType,
)
from tiepdan_desktop.domain.letter_classification import FilerIdentity
from tiepdan_desktop.domain.letter_outcomes import ComplaintRejectionGround


class Letter(UUIDKey, Timestamps, Base):
    __tablename__ = "letter"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "number"),
        Index(None, "received_on", "number"),
        Index(None, "state"),
        Index(None, "case_id"),
        Index(None, "primary_name_sort", "received_on"),
        Index(None, "duplicate_of_id"),
        Index(None, "visit_id"),
    )

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int]
    number: Mapped[int]
    # The date received starts the legal clocks.
    received_on: Mapped[dt.date]
    source: Mapped[LetterSource]
    forwarded_by: Mapped[str | None] = mapped_column(VNText(300))
    forward_doc_number: Mapped[str | None] = mapped_column(VNText(60))
    forward_doc_date: Mapped[dt.date | None]
    officer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    visit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("visit.id"))
    letter_type: Mapped[LetterType]
    area_code: Mapped[str | None] = mapped_column(ForeignKey("subject_area.code"))
    content: Mapped[str] = mapped_column(VNMultiline())
    requests: Mapped[str | None] = mapped_column(VNMultiline())
    filer_kind: Mapped[FilerKind] = mapped_column(default=FilerKind.INDIVIDUAL)
    signer_count: Mapped[int] = mapped_column(default=1)
    # The organisation that filed the letter (FilerKind.ORGANISATION).
    filer_org: Mapped[str | None] = mapped_column(VNText(300))
    filer_identity: Mapped[FilerIdentity] = mapped_column(
        default=FilerIdentity.NAMED, server_default=FilerIdentity.NAMED.value
    )
    # Ủy quyền: the authorisation document of an authorised representative.
    authorisation_doc: Mapped[str | None] = mapped_column(VNText(300))
    # The person or body complained about or denounced.
    subject_name: Mapped[str | None] = mapped_column(VNText(200))
    subject_position: Mapped[str | None] = mapped_column(VNText(200))
    subject_org: Mapped[str | None] = mapped_column(VNText(300))
    eligible: Mapped[bool | None]
    ineligible_reason: Mapped[str | None] = mapped_column(VNMultiline())
    competent: Mapped[bool | None]
    competent_body: Mapped[str | None] = mapped_column(VNText(300))
    # PriorStatus value: where the matter stands at other bodies.
    status_elsewhere: Mapped[str | None] = mapped_column(String(40))
    # JSON lists of Condition / SpecialSituation values; conditions None until classified.
    conditions_json: Mapped[str | None] = mapped_column(Text)
    situations_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    classification_note: Mapped[str | None] = mapped_column(VNMultiline())
    # Đơn trùng: the first letter of the same matter; repeats are counted per matter.
    duplicate_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("letter.id"))
    # The officer looked at the likely duplicates and confirmed the letter is new.
    checked_new: Mapped[bool] = mapped_column(default=False, server_default="0")
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("legal_case.id"))
    state: Mapped[LetterState] = mapped_column(default=LetterState.RECEIVED)
    outcome: Mapped[LetterOutcome | None]
    outcome_on: Mapped[dt.date | None]
    # Where the letter went or the filer was guided to; the Đ11 ground of a refusal.
    outcome_body: Mapped[str | None] = mapped_column(VNText(300))
    outcome_ground: Mapped[ComplaintRejectionGround | None]
    outcome_note: Mapped[str | None] = mapped_column(VNMultiline())
    # The answer (văn bản phúc đáp) of the body a forwarded letter went to.
    reply_on: Mapped[dt.date | None]
    reply_note: Mapped[str | None] = mapped_column(VNText(300))
    primary_name_sort: Mapped[str] = mapped_column(String(300), default="", info=AUDIT_SKIP)
    search_text: Mapped[str] = mapped_column(String(), default="", info=AUDIT_SKIP)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


class LetterPerson(Base):
    __tablename__ = "letter_person"

    letter_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("letter.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id"), primary_key=True, index=True, info=AUDIT_SECRET
    )
    role: Mapped[LetterPartyRole]
    position: Mapped[int] = mapped_column(default=0)
