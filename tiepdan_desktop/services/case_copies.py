"""Bản sao cho tổ xác minh: a denunciation's file without who denounced
(Luật Tố cáo Điều 56).  Whoever makes it, the copy never names the denouncer:
their name, ID and phone numbers and address are lifted out of every text, and
the pages that may show their handwriting are listed as withheld.  Making a
copy is written in the audit trail.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.audit import record_bulk_action
from tiepdan_desktop.db.models import Attachment, IssuedDocument, Letter, Unit
from tiepdan_desktop.db.repositories import cases as case_repo
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import CaseType
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.case_clock_keeping import resolution_clock
from tiepdan_desktop.services.case_support import case_label, load_case
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.letter_documents import number_label, numbering_settings

if TYPE_CHECKING:  # the PDF writer (reportlab) is loaded when a copy is made
    from tiepdan_desktop.exports.redacted_copy import RedactedCase

WITHHELD = "Trang đơn, tài liệu có thể có bút tích của người tố cáo"


def _kind(media_type: str) -> str:
    if media_type == "application/pdf":
        return "Tệp PDF"
    if media_type.startswith("image/"):
        return "Ảnh chụp, bản quét"
    return "Tệp khác"


def _copy_of(
    session: Session, context: ServiceContext, actor: Actor, case_id: uuid.UUID
) -> RedactedCase:
    """What the copy of matter `case_id` holds, the denouncer lifted out."""
    from tiepdan_desktop.exports.redacted_copy import CopiedFile, CopiedLetter, RedactedCase

    case = load_case(session, case_id)
    if case.case_type is not CaseType.DENUNCIATION:
        raise ConflictError("Bản sao lược bỏ thông tin người tố cáo chỉ lập cho vụ việc tố cáo.")
    # As for a reader who may not know the denouncer, whoever makes the copy.
    filed = case_repo.case_people(session, [case.id], False).get(case.id, case_repo.CasePeople())
    letters = list(
        session.scalars(
            select(Letter).where(Letter.case_id == case.id).order_by(Letter.received_on)
        )
    )
    issued = list(
        session.scalars(
            select(IssuedDocument)
            .where(IssuedDocument.case_id == case.id)
            .order_by(IssuedDocument.issued_on, IssuedDocument.created_at)
        )
    )
    documents_files = {d.attachment_id for d in issued} | {d.docx_attachment_id for d in issued}
    attachments = session.scalars(
        select(Attachment)
        .where(
            or_(
                Attachment.case_id == case.id,
                Attachment.letter_id.in_([letter.id for letter in letters]),
            )
        )
        .order_by(Attachment.added_at)
    )
    numbering = numbering_settings(session)
    first = letters[0] if letters else None
    subject = ", ".join(
        part
        for part in (
            first.subject_name if first else None,
            first.subject_position if first else None,
            first.subject_org if first else None,
        )
        if part
    )
    clock = resolution_clock(session, case)
    copy = RedactedCase(
        unit_name=unit.name if (unit := session.get(Unit, case.unit_id)) else "",
        case_label=case_label(case),
        accepted_on=case.accepted_on,
        due_on=clock.due_on if clock else None,
        subject=subject,
        verifier=filed.redacted(case.verifier or ""),
        letters=tuple(
            CopiedLetter(
                f"Đơn số {letter.number}/{letter.year}",
                letter.received_on,
                letter.forwarded_by or letter.source.label,
                filed.redacted(letter.content),
                filed.redacted(letter.requests or ""),
            )
            for letter in letters
        ),
        files=tuple(
            CopiedFile(WITHHELD, _kind(row.media_type), True)
            if row.confidential
            else CopiedFile(filed.redacted(row.original_name), _kind(row.media_type), False)
            for row in attachments
            if row.id not in documents_files
        ),
        documents=tuple(
            f"{d.title} số {number_label(numbering, d.number, d.symbol)} "
            f"ngày {d.issued_on:%d/%m/%Y}"
            for d in issued
        ),
        made_on=context.today(),
        made_by=actor.full_name,
    )
    return copy


@requires(Permission.EDIT_REGISTERS)
def make_redacted_copy(
    context: ServiceContext, actor: Actor, case_id: uuid.UUID, target: Path
) -> Path:
    """Write the verification team's copy of denunciation `case_id` to `target` (PDF).
    It is written beside the target first and put in its place once the audit entry
    is committed: no copy exists that the trail does not know of."""
    from tiepdan_desktop.exports.redacted_copy import write_redacted_copy

    written = target.with_name(target.name + ".part")
    try:
        with context.sessions.writing(actor, "ban_sao_to_xac_minh") as session:
            copy = _copy_of(session, context, actor, case_id)
            session.info["reason"] = f"Vụ việc {copy.case_label}: bản sao cho tổ xác minh"
            write_redacted_copy(copy, written)
            record_bulk_action(
                session,
                actor,
                "ban_sao_to_xac_minh",
                "legal_case",
                {"case": copy.case_label, "case_id": str(case_id), "file": target.name},
                operation="export",
            )
        written.replace(target)
    except OSError as error:
        written.unlink(missing_ok=True)
        raise ValidationError({"file": f"Không ghi được tệp «{target}»."}) from error
    except BaseException:
        written.unlink(missing_ok=True)
        raise
    return target
