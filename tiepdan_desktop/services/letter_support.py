"""What the letter services share: reading a letter for a screen, the stored
classification, the search keys and the legal clocks of intake.  Support for
services/letters.py and services/letter_processing.py, not actions of its own.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Attachment, Case, Deadline, IssuedDocument, Letter, User
from tiepdan_desktop.db.repositories import letters as repo
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.confidentiality import register_name_sort, register_search_text
from tiepdan_desktop.domain.deadlines import DeadlineRequest
from tiepdan_desktop.domain.deadlines.rules import RULES_BY_ID
from tiepdan_desktop.domain.enums import DeadlineStatus, LetterType
from tiepdan_desktop.domain.errors import NotFoundError
from tiepdan_desktop.domain.letter_classification import (
    Classification,
    Condition,
    PriorStatus,
    SpecialSituation,
)
from tiepdan_desktop.domain.letter_intake import INTAKE_RULES
from tiepdan_desktop.domain.letter_records import (
    AttachmentView,
    DeadlineView,
    IssuedDocumentView,
    LetterDetail,
    LetterRefView,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.text import search_key
from tiepdan_desktop.services.access import current_permission
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.due_dates import open_deadline
from tiepdan_desktop.services.letter_documents import (
    NumberingSettings,
    number_label,
    numbering_settings,
)


def may_see_denouncers(context: ServiceContext, actor: Actor) -> bool:
    return current_permission(context, actor, Permission.VIEW_DENOUNCERS)


def stored_classification(letter: Letter) -> Classification | None:
    if letter.conditions_json is None:
        return None
    return Classification(
        letter_type=letter.letter_type,
        conditions_met=frozenset(Condition.of(c) for c in json.loads(letter.conditions_json)),
        competent=letter.competent,
        competent_body=letter.competent_body,
        prior_status=PriorStatus.of(letter.status_elsewhere) if letter.status_elsewhere else None,
        situations=frozenset(SpecialSituation.of(s) for s in json.loads(letter.situations_json)),
        identity=letter.filer_identity,
        many_filers=letter.signer_count > 1,
        note=letter.classification_note,
        area_code=letter.area_code,
    )


def _deadlines(session: Session, letter: Letter) -> tuple[DeadlineView, ...]:
    """The letter's clocks, and the visit's answer clock (R1) when it came in person."""
    owner = Deadline.letter_id == letter.id
    if letter.visit_id is not None:
        owner = owner | (Deadline.visit_id == letter.visit_id)
    rows = session.scalars(select(Deadline).where(owner).order_by(Deadline.due_on))
    return tuple(deadline_view(d, d.explanation_json) for d in rows)


def deadline_view(d: Deadline, explanation_json: str) -> DeadlineView:
    """A legal clock as screens show it (its rule's title; the explanation given)."""
    return DeadlineView(
        rule_id=d.rule_id,
        title=RULES_BY_ID[d.rule_id].title if d.rule_id in RULES_BY_ID else d.rule_id,
        start_on=d.start_on,
        due_on=d.due_on,
        status=d.status.value,
        met_on=d.met_on,
        explanation_json=explanation_json,
    )


def document_view(settings: NumberingSettings, d: IssuedDocument) -> IssuedDocumentView:
    return IssuedDocumentView(
        document_id=d.id,
        form_code=d.form_code,
        title=d.title,
        number_label=number_label(settings, d.number, d.symbol),
        issued_on=d.issued_on,
        signer_name=d.signer_name,
        recipient=d.recipient,
        has_pdf=d.attachment_id is not None,
        has_docx=d.docx_attachment_id is not None,
    )


def document_views(session: Session, letter_id: uuid.UUID) -> tuple[IssuedDocumentView, ...]:
    settings = numbering_settings(session)
    rows = session.scalars(
        select(IssuedDocument)
        .where(IssuedDocument.letter_id == letter_id)
        .order_by(IssuedDocument.issued_on, IssuedDocument.created_at)
    )
    return tuple(document_view(settings, d) for d in rows)


def _attachments(session: Session, letter_id: uuid.UUID) -> tuple[AttachmentView, ...]:
    issued = select(IssuedDocument.attachment_id).where(IssuedDocument.letter_id == letter_id)
    issued_docx = select(IssuedDocument.docx_attachment_id).where(
        IssuedDocument.letter_id == letter_id
    )
    rows = session.scalars(
        select(Attachment)
        .where(
            Attachment.letter_id == letter_id,
            Attachment.id.not_in(issued.where(IssuedDocument.attachment_id.is_not(None))),
            Attachment.id.not_in(issued_docx.where(IssuedDocument.docx_attachment_id.is_not(None))),
        )
        .order_by(Attachment.added_at)
    )
    return tuple(
        AttachmentView(a.id, a.original_name, a.media_type, a.size_bytes, a.confidential)
        for a in rows
    )


def letter_detail(session: Session, letter: Letter, may_see: bool) -> LetterDetail:
    filers, hidden = repo.filer_views(session, letter, may_see)
    original = repo.original_of(session, letter)
    stats = repo.matter_stats(session, [repo.matter_root(letter)])
    officer = session.get(User, letter.officer_id) if letter.officer_id else None
    matter = _matter(session, letter)
    return LetterDetail(
        id=letter.id,
        year=letter.year,
        number=letter.number,
        received_on=letter.received_on,
        source=letter.source,
        letter_type=letter.letter_type,
        content=letter.content,
        requests=letter.requests,
        filers=filers,
        identity_hidden=hidden,
        filer_kind=letter.filer_kind,
        signer_count=letter.signer_count,
        filer_org=letter.filer_org,
        filer_identity=letter.filer_identity,
        authorisation_doc=letter.authorisation_doc,
        forwarded_by=letter.forwarded_by,
        forward_doc_number=letter.forward_doc_number,
        forward_doc_date=letter.forward_doc_date,
        officer_id=letter.officer_id,
        officer_name=officer.full_name if officer else None,
        area_code=letter.area_code,
        subject_name=letter.subject_name,
        subject_position=letter.subject_position,
        subject_org=letter.subject_org,
        visit_label=repo.visit_label(session, letter.visit_id),
        state=letter.state,
        classification=stored_classification(letter),
        ineligible_reason=letter.ineligible_reason,
        duplicate_of=(
            LetterRefView(original.id, original.year, original.number) if original else None
        ),
        checked_new=letter.checked_new,
        matter_letters=stats.get(repo.matter_root(letter), (1, 0, 0))[0],
        outcome=letter.outcome,
        outcome_on=letter.outcome_on,
        outcome_body=letter.outcome_body,
        outcome_ground=letter.outcome_ground,
        outcome_note=letter.outcome_note,
        reply_on=letter.reply_on,
        reply_note=letter.reply_note,
        deadlines=_deadlines(session, letter),
        documents=document_views(session, letter.id),
        attachments=_attachments(session, letter.id),
        case_id=matter.id if matter else None,
        case_label=f"{matter.number}/{matter.year} – {matter.state.label}" if matter else None,
    )


def _matter(session: Session, letter: Letter) -> Case | None:
    """The matter under resolution the letter belongs to (not an intake-only record)."""
    case = session.get(Case, letter.case_id) if letter.case_id else None
    return case if case is not None and case.accepted_on is not None else None


def load_letter(session: Session, letter_id: uuid.UUID) -> Letter:
    letter = session.get(Letter, letter_id)
    if letter is None:
        raise NotFoundError("Không tìm thấy đơn này (có thể đã bị xóa).")
    return letter


def refresh_search_keys(session: Session, letter: Letter) -> None:
    people = [p for _, p in repo.people_of(session, [letter.id]).get(letter.id, [])]
    first = people[0] if people else None
    letter.primary_name_sort = register_name_sort(
        letter.letter_type, first.name_sort if first else (letter.filer_org or "")
    )
    letter.search_text = register_search_text(
        letter.letter_type,
        search_key(" ".join(filter(None, (letter.content, letter.subject_name)))),
        [p.name_key for p in people] + ([search_key(letter.filer_org)] if letter.filer_org else []),
        [p.id_number for p in people],
        first.address_key if first else None,
    )


def start_intake_clocks(session: Session, letter: Letter) -> None:
    """(Re)start the clocks of the letter's type from the day it was received;
    clocks of another type or start day no longer apply."""
    wanted = set(INTAKE_RULES[letter.letter_type])
    if letter.competent is False and letter.letter_type is LetterType.DENUNCIATION:
        wanted = (wanted - {"T1"}) | {"T2"}
    if letter.competent is False and letter.letter_type is LetterType.COMPLAINT:
        wanted.discard("K2")
    running = session.scalars(
        select(Deadline).where(
            Deadline.letter_id == letter.id, Deadline.status == DeadlineStatus.OPEN
        )
    ).all()
    kept = set()
    for deadline in running:
        if deadline.rule_id in wanted and deadline.start_on == letter.received_on:
            kept.add(deadline.rule_id)
        else:
            deadline.status = DeadlineStatus.CANCELLED
    for rule in sorted(wanted - kept):
        open_deadline(session, DeadlineRequest(rule, letter.received_on), letter_id=letter.id)
