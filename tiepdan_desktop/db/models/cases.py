"""Matters (vụ việc) with their steps, deadlines, issued documents and attachments."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tiepdan_desktop.db.base import Base, Timestamps, UUIDKey, VNMultiline, VNText, utc_now
from tiepdan_desktop.domain.case_workflow import EscalationResult
from tiepdan_desktop.domain.enums import (
    CaseState,
    CaseType,
    Complexity,
    DeadlineStatus,
    ResolutionVerdict,
)


class Case(UUIDKey, Timestamps, Base):
    """A matter: visits and letters about the same thing point to one case."""

    __tablename__ = "legal_case"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "number"),
        Index(None, "state", "case_type"),
        Index(None, "received_on"),
        Index(None, "next_due_on"),
    )

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"))
    year: Mapped[int]
    number: Mapped[int]
    case_type: Mapped[CaseType]
    state: Mapped[CaseState] = mapped_column(default=CaseState.NEW)
    summary: Mapped[str] = mapped_column(VNMultiline())
    area_code: Mapped[str | None] = mapped_column(ForeignKey("subject_area.code"))
    complexity: Mapped[Complexity] = mapped_column(default=Complexity.NORMAL)
    remote_area: Mapped[bool] = mapped_column(default=False)
    received_on: Mapped[dt.date]
    accepted_on: Mapped[dt.date | None]
    decided_on: Mapped[dt.date | None]
    closed_on: Mapped[dt.date | None]
    verdict: Mapped[ResolutionVerdict | None]
    officer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    # Code of the same case in the province's or the national system, when known.
    external_code: Mapped[str | None] = mapped_column(String(60))
    # Where a suspended matter goes back to when resumed.
    resume_state: Mapped[CaseState | None]
    # The earliest due date of its running (not paused) clocks, kept with every
    # change of them: the lists sort and filter by it from an index.
    next_due_on: Mapped[dt.date | None]
    # Extension decisions of a denunciation (Luật Tố cáo Điều 30) and the NĐ 31/2019
    # Điều 3 criteria behind its complexity (JSON list of ComplexityCriterion).
    extensions: Mapped[int] = mapped_column(default=0, server_default="0")
    complexity_basis_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    verifier: Mapped[str | None] = mapped_column(VNText(300))
    partly_withdrawn: Mapped[bool] = mapped_column(default=False, server_default="0")
    # Resolved within the resolution deadline: set once, when the clock stops.
    on_time: Mapped[bool | None]
    escalation_result: Mapped[EscalationResult | None]
    # Report figures of the decision (01/KQGQ): million đồng, m², counts.
    money_to_recover: Mapped[float] = mapped_column(default=0, server_default="0")
    land_to_recover: Mapped[float] = mapped_column(default=0, server_default="0")
    money_to_return: Mapped[float] = mapped_column(default=0, server_default="0")
    land_to_return: Mapped[float] = mapped_column(default=0, server_default="0")
    orgs_restored: Mapped[int] = mapped_column(default=0, server_default="0")
    persons_restored: Mapped[int] = mapped_column(default=0, server_default="0")
    sanction_persons: Mapped[int] = mapped_column(default=0, server_default="0")
    sanction_officials: Mapped[int] = mapped_column(default=0, server_default="0")
    police_cases: Mapped[int] = mapped_column(default=0, server_default="0")
    police_persons: Mapped[int] = mapped_column(default=0, server_default="0")
    # … and of its enforcement (02/KQGQ).
    money_recovered: Mapped[float] = mapped_column(default=0, server_default="0")
    land_recovered: Mapped[float] = mapped_column(default=0, server_default="0")
    money_returned: Mapped[float] = mapped_column(default=0, server_default="0")
    land_returned: Mapped[float] = mapped_column(default=0, server_default="0")
    sanctioned_persons: Mapped[int] = mapped_column(default=0, server_default="0")
    criminal_cases: Mapped[int] = mapped_column(default=0, server_default="0")
    fully_enforced: Mapped[bool] = mapped_column(default=False, server_default="0")


class CaseEvent(UUIDKey, Base):
    """One step on a case's timeline (acceptance, verification, extension …)."""

    __tablename__ = "case_event"
    __table_args__ = (Index(None, "case_id", "occurred_on"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("legal_case.id", ondelete="CASCADE"))
    occurred_on: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[CaseState | None]
    to_state: Mapped[CaseState | None]
    note: Mapped[str | None] = mapped_column(VNMultiline())
    document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("issued_document.id"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # The document the step records when it was made elsewhere (or its reference).
    doc_number: Mapped[str | None] = mapped_column(VNText(60))
    doc_date: Mapped[dt.date | None]
    doc_signer: Mapped[str | None] = mapped_column(VNText(120))
    # The step's own fields (verifier, ground, verdict, figures …) as JSON, for the timeline.
    # (Built from normalised text by the program: stored as it is.)
    data_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class Deadline(UUIDKey, Base):
    """A legal time limit (rule of LEGAL.md §3.1) running for a case, letter or visit."""

    __tablename__ = "deadline"
    __table_args__ = (
        Index(None, "status", "due_on"),
        # A matter's running clocks, read straight from the index.
        Index(None, "case_id", "status", "due_on"),
    )

    case_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    letter_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("letter.id", ondelete="CASCADE"), index=True
    )
    visit_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("visit.id", ondelete="CASCADE"), index=True
    )
    rule_id: Mapped[str] = mapped_column(String(8))
    start_on: Mapped[dt.date]
    due_on: Mapped[dt.date]
    # "days" or "working_days", as the rule counts.
    unit: Mapped[str] = mapped_column(String(20))
    status: Mapped[DeadlineStatus] = mapped_column(default=DeadlineStatus.OPEN)
    met_on: Mapped[dt.date | None]
    provisional: Mapped[bool] = mapped_column(default=False)
    # JSON of the DeadlineRequest (rule, start, variants, pauses): what the due
    # date is recomputed from when the calendar or the settings change.
    request_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")
    # JSON: the explanation of due_on (rule, basis, skipped days, pauses, extensions).
    # Written by the engine from its own texts: stored as it is.
    explanation_json: Mapped[str] = mapped_column(Text, default="{}")
    computed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # A suspended matter's clock stands still from this day until it resumes.
    paused_since: Mapped[dt.date | None]


class IssuedDocument(UUIDKey, Base):
    """An outgoing document (notice, decision, slip) with its number and symbol."""

    __tablename__ = "issued_document"
    __table_args__ = (UniqueConstraint("unit_id", "year", "symbol", "number"),)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("legal_case.id"), index=True)
    letter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("letter.id"), index=True)
    form_code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(VNText(300))
    year: Mapped[int]
    number: Mapped[int]
    symbol: Mapped[str] = mapped_column(String(40))
    issued_on: Mapped[dt.date]
    signer_name: Mapped[str] = mapped_column(VNText(120))
    # The issued text: the PDF as signed and the editable .docx, kept as attachments.
    attachment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("attachment.id"))
    docx_attachment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("attachment.id"))
    recipient: Mapped[str | None] = mapped_column(VNText(300))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class Attachment(UUIDKey, Base):
    """A scanned page or file; the bytes live once in the data dir under their SHA-256."""

    __tablename__ = "attachment"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_name: Mapped[str] = mapped_column(VNText(260))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    letter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("letter.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("legal_case.id"), index=True)
    # The step the page belongs to.  No foreign key: steps point at issued
    # documents, which point at attachments, and SQLite cannot order such a cycle.
    case_event_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    # Pages that show a denouncer's handwriting are confidential (Luật Tố cáo Đ8.3).
    confidential: Mapped[bool] = mapped_column(default=False)
    # Stored encrypted to the identity vault (its real name is inside too): only a
    # custodian opens it.
    sealed: Mapped[bool] = mapped_column(default=False, server_default="0")
    added_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    added_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
