"""Giving a classified letter its outcome (LEGAL.md §2.4) with the official
documents it issues, following a forwarded letter until the body it went to
replies (or urging it), and the files kept with a letter.

The outcomes open to a letter come from the domain (domain/letter_outcomes.py);
this layer checks the choice against them, closes the letter's clocks, and
issues each document once, numbered.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Attachment, Deadline, IssuedDocument, Letter
from tiepdan_desktop.db.repositories import letters as repo
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.confidentiality import identity_is_protected
from tiepdan_desktop.domain.enums import DeadlineStatus, LetterOutcome, LetterSource, LetterState
from tiepdan_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    SealedFileError,
    ValidationError,
)
from tiepdan_desktop.domain.letter_intake import is_forwarded
from tiepdan_desktop.domain.letter_outcomes import MatterPast, OutcomeOption, outcome_options
from tiepdan_desktop.domain.letter_records import (
    AttachmentView,
    IssuedDocumentView,
    LetterDetail,
    LetterOptions,
    OutcomeChoice,
    OutcomeResult,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.text import normalize_multiline, normalize_text
from tiepdan_desktop.services import attachment_store, case_opening
from tiepdan_desktop.services.access import current_permission, requires
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.identity_sealing import cleaned_for_letter, vault_writer
from tiepdan_desktop.services.letter_documents import (
    NumberingSettings,
    issue_document,
    numbering_settings,
    store_numbering_settings,
)
from tiepdan_desktop.services.letter_support import (
    document_views,
    letter_detail,
    load_letter,
    may_see_denouncers,
    stored_classification,
)

URGING_TEMPLATE = "don-doc"


def _options(session: Session, letter: Letter) -> tuple[list[OutcomeOption], MatterPast]:
    classification = stored_classification(letter)
    if classification is None:
        raise ConflictError("Hãy phân loại đơn (điều kiện xử lý, thẩm quyền) trước.")
    root = repo.matter_root(letter)
    _count, guided, forwarded = repo.matter_stats(session, [root]).get(root, (1, 0, 0))
    past = MatterPast(guided=guided, forwarded=forwarded)
    in_person = letter.source is LetterSource.IN_PERSON or letter.visit_id is not None
    return outcome_options(classification, is_forwarded(letter.source), in_person, past), past


@requires(Permission.VIEW_REGISTERS)
def letter_options(context: ServiceContext, actor: Actor, letter_id: uuid.UUID) -> LetterOptions:
    """The outcomes open to a classified letter, the recommended one first, and how
    often its matter was already guided or forwarded."""
    with context.sessions.reading() as session:
        options, past = _options(session, load_letter(session, letter_id))
    return LetterOptions(tuple(options), past.guided, past.forwarded)


def _close_clocks(session: Session, letter: Letter, on: dt.date, final: bool) -> None:
    """X1 ends when the letter is handled; the others when the outcome is final.
    A clock closed after its due date stays late (MISSED): a fact, not an opinion."""
    running = session.scalars(
        select(Deadline).where(
            Deadline.letter_id == letter.id, Deadline.status == DeadlineStatus.OPEN
        )
    )
    for deadline in running:
        if deadline.rule_id == "X1" or final:
            deadline.status = DeadlineStatus.MET if on <= deadline.due_on else DeadlineStatus.MISSED
            deadline.met_on = on


def _checked_choice(
    context: ServiceContext,
    actor: Actor,
    letter: Letter,
    options: list[OutcomeOption],
    choice: OutcomeChoice,
) -> OutcomeOption:
    option = next((o for o in options if o.outcome is choice.outcome), None)
    if option is None:
        allowed = ", ".join(o.outcome.label for o in options if not o.blocked)
        raise ValidationError(
            {"outcome": f"Đơn này không xử lý «{choice.outcome.label}» được; có thể: {allowed}."}
        )
    if option.blocked:
        raise ValidationError({"outcome": option.blocked})
    if option.leader_only and not current_permission(context, actor, Permission.DECIDE):
        raise PermissionDeniedError(
            f"«{option.outcome.label}» do Chủ tịch (người có thẩm quyền) quyết định; "
            "hãy dùng «Đề xuất thụ lý» hoặc nhờ lãnh đạo."
        )
    problems: dict[str, str] = {}
    if option.needs_body and not normalize_text(choice.body or ""):
        problems["body"] = "Hãy ghi cơ quan, tổ chức, cá nhân nhận đơn hoặc được hướng dẫn đến."
    if option.needs_ground and choice.ground is None:
        problems["ground"] = "Hãy chọn lý do không thụ lý (Luật Khiếu nại Điều 11)."
    if choice.decided_on > context.today():
        problems["decided_on"] = "Ngày xử lý không được sau hôm nay."
    elif choice.decided_on < letter.received_on:
        problems["decided_on"] = "Ngày xử lý không được trước ngày nhận đơn."
    if problems:
        raise ValidationError(problems)
    return option


@requires(Permission.EDIT_REGISTERS)
def decide_outcome(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID, choice: OutcomeChoice
) -> OutcomeResult:
    """Record the outcome, close the letter's clocks and issue its documents."""
    may_see = may_see_denouncers(context, actor)
    with context.sessions.writing(actor, "xu_ly_don") as session:
        letter = load_letter(session, letter_id)
        session.info["reason"] = f"Đơn số {letter.number}/{letter.year}: {choice.outcome.label}"
        if letter.state not in repo.UNDECIDED:
            raise ConflictError(
                f"Đơn số {letter.number}/{letter.year} đã có hướng xử lý "
                f"«{letter.outcome.label if letter.outcome else letter.state.label}»."
            )
        options, _past = _options(session, letter)
        if letter.state is LetterState.PROPOSED:
            options = [o for o in options if o.outcome is not LetterOutcome.PROPOSE_ACCEPTANCE]
        option = _checked_choice(context, actor, letter, options, choice)
        letter.outcome = option.outcome
        letter.outcome_on = choice.decided_on
        letter.outcome_body = normalize_text(choice.body or "") or None
        letter.outcome_ground = choice.ground if option.needs_ground else None
        note = normalize_multiline(choice.note or "")
        letter.outcome_note = cleaned_for_letter(session, letter, note)
        letter.state = option.next_state
        _close_clocks(
            session, letter, choice.decided_on, option.next_state is not LetterState.PROPOSED
        )
        if case_opening.opens_case(option.outcome):  # accepted or assigned: resolution begins
            case_opening.open_case_for_letter(
                session, actor, letter, option.outcome, choice.decided_on
            )
        session.flush()
        issued = [
            issue_document(
                session,
                context,
                actor,
                letter,
                code,
                choice.decided_on,
                may_see,
                choice.signer_name,
            )
            for code in option.documents
        ]
        ids = {row.id for row in issued}
        documents = tuple(d for d in document_views(session, letter.id) if d.document_id in ids)
        return OutcomeResult(letter_detail(session, letter, may_see), documents)


@requires(Permission.EDIT_REGISTERS)
def record_reply(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID, replied_on: dt.date, note: str
) -> LetterDetail:
    """The body a letter was forwarded to answered (văn bản phúc đáp)."""
    may_see = may_see_denouncers(context, actor)
    with context.sessions.writing(actor, "nhan_phuc_dap") as session:
        letter = load_letter(session, letter_id)
        session.info["reason"] = f"Đơn số {letter.number}/{letter.year}: nhận văn bản phúc đáp"
        if letter.state is not LetterState.AWAITING_REPLY:
            raise ConflictError("Đơn này không chờ văn bản phúc đáp.")
        problems = {}
        if not normalize_text(note):
            problems["reply_note"] = "Hãy ghi số, ngày và nội dung chính của văn bản phúc đáp."
        if replied_on > context.today() or (letter.outcome_on and replied_on < letter.outcome_on):
            problems["reply_on"] = "Ngày nhận phúc đáp phải từ ngày chuyển đơn đến hôm nay."
        if problems:
            raise ValidationError(problems)
        letter.reply_on = replied_on
        letter.reply_note = cleaned_for_letter(session, letter, normalize_text(note))
        letter.state = LetterState.PROCESSED
        session.flush()
        return letter_detail(session, letter, may_see)


@requires(Permission.EDIT_REGISTERS)
def issue_urging(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID, issued_on: dt.date
) -> IssuedDocumentView:
    """Văn bản đôn đốc: the forwarded letter's answer has not come."""
    may_see = may_see_denouncers(context, actor)
    with context.sessions.writing(actor, "don_doc") as session:
        letter = load_letter(session, letter_id)
        session.info["reason"] = f"Đơn số {letter.number}/{letter.year}: đôn đốc"
        if letter.state is not LetterState.AWAITING_REPLY:
            raise ConflictError("Chỉ đôn đốc đơn đã chuyển và đang chờ văn bản phúc đáp.")
        if issued_on > context.today() or (letter.outcome_on and issued_on < letter.outcome_on):
            raise ValidationError(
                {"issued_on": "Ngày đôn đốc phải từ ngày chuyển đơn đến hôm nay."}
            )
        row = issue_document(session, context, actor, letter, URGING_TEMPLATE, issued_on, may_see)
        return next(d for d in document_views(session, letter.id) if d.document_id == row.id)


# --- files kept with a letter ------------------------------------------------------------


@requires(Permission.EDIT_REGISTERS)
def add_scan(
    context: ServiceContext, actor: Actor, letter_id: uuid.UUID, source: Path
) -> AttachmentView:
    """Attach a scanned page (PDF or image).  A denunciation's pages show the
    denouncer's hand: they are confidential (Luật Tố cáo Đ8.3)."""
    try:
        data = source.read_bytes()
    except OSError as error:
        raise ValidationError({"file": f"Không đọc được tệp «{source.name}»."}) from error
    with context.sessions.writing(actor, "dinh_kem_don") as session:
        letter = load_letter(session, letter_id)
        session.info["reason"] = f"Đơn số {letter.number}/{letter.year}: đính kèm {source.name}"
        row = attachment_store.add_attachment(
            session,
            context,
            data,
            source.name,
            letter_id=letter.id,
            confidential=identity_is_protected(letter.letter_type),
            sealed_to=_vault_key(session) if identity_is_protected(letter.letter_type) else None,
            added_by=actor.user_id,
        )
        return AttachmentView(
            row.id, row.original_name, row.media_type, row.size_bytes, row.confidential
        )


def _vault_key(session: Session) -> bytes | None:
    writer = vault_writer(session)
    return None if writer is None else writer.public_key


def _readable(context: ServiceContext, actor: Actor, row: Attachment) -> Path:
    if row.sealed:
        raise SealedFileError(
            "Tệp này được niêm phong trong két bảo mật (có thể có bút tích người tố cáo): "
            "người giữ két mở bằng mật khẩu của mình, ghi rõ lý do.",
            row.id,
        )
    if row.confidential and not may_see_denouncers(context, actor):
        raise PermissionDeniedError(
            "Tệp này có thể làm lộ danh tính người tố cáo; chỉ lãnh đạo được mở."
        )
    return attachment_store.attachment_file(context, row)


@requires(Permission.VIEW_REGISTERS)
def attachment_path(context: ServiceContext, actor: Actor, attachment_id: uuid.UUID) -> Path:
    """Where an attachment's file is, to open it with the system's viewer."""
    with context.sessions.reading() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFoundError("Không tìm thấy tệp đính kèm này.")
        return _readable(context, actor, row)


@requires(Permission.VIEW_REGISTERS)
def document_path(
    context: ServiceContext, actor: Actor, document_id: uuid.UUID, editable: bool = False
) -> Path:
    """The issued document's PDF (or its .docx when `editable`)."""
    with context.sessions.reading() as session:
        document = session.get(IssuedDocument, document_id)
        if document is None:
            raise NotFoundError("Không tìm thấy văn bản này.")
        attachment_id = document.docx_attachment_id if editable else document.attachment_id
        row = session.get(Attachment, attachment_id) if attachment_id else None
        if row is None:
            raise NotFoundError("Văn bản này không có tệp lưu kèm.")
        return _readable(context, actor, row)


@requires(Permission.VIEW_REGISTERS)
def get_numbering(context: ServiceContext, actor: Actor) -> NumberingSettings:
    with context.sessions.reading() as session:
        return numbering_settings(session)


@requires(Permission.MANAGE_UNIT)
def update_numbering(
    context: ServiceContext, actor: Actor, settings: NumberingSettings
) -> NumberingSettings:
    with context.sessions.writing(actor, "sua_cai_dat_so_van_ban", "Cách đánh số văn bản") as s:
        store_numbering_settings(s, settings)
    return settings
