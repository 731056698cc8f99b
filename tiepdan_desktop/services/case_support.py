"""What the resolution services share: loading a matter, the facts its rules
need, reading it for the case view (with who filed it masked where the law
protects them), and the office's resolution settings.  Support for
services/cases.py, not actions of its own.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import (
    Attachment,
    AuditEntry,
    Case,
    CaseEvent,
    Deadline,
    IssuedDocument,
    Letter,
    Setting,
    User,
    Visit,
)
from tiepdan_desktop.db.repositories import cases as case_repo
from tiepdan_desktop.db.repositories.calendar import setting_text, work_calendar
from tiepdan_desktop.db.repositories.cases import CasePeople
from tiepdan_desktop.domain.case_records import (
    CaseDeadlineView,
    CaseDetail,
    CaseSettings,
    RelatedRecord,
    StepOption,
    TimelineEntry,
)
from tiepdan_desktop.domain.case_workflow import (
    CaseFacts,
    ComplexityCriterion,
    OutcomeFigures,
    StepKind,
    available_steps,
    step_label,
    workflow_of,
)
from tiepdan_desktop.domain.confidentiality import IDENTITY_PROTECTED_TYPES, identity_is_protected
from tiepdan_desktop.domain.deadlines import DeadlineRequest, compute_deadline
from tiepdan_desktop.domain.enums import CaseType, LetterType
from tiepdan_desktop.domain.errors import NotFoundError
from tiepdan_desktop.domain.letter_records import (
    AttachmentView,
    IssuedDocumentView,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import AuditRecord
from tiepdan_desktop.services.due_dates import deadline_settings
from tiepdan_desktop.services.letter_documents import number_label, numbering_settings
from tiepdan_desktop.services.letter_support import deadline_view, document_view

SETTINGS_KEY = "giai_quyet"


def case_settings(session: Session) -> CaseSettings:
    text = setting_text(session, SETTINGS_KEY)
    if text is None:
        return CaseSettings()
    raw = json.loads(text)
    first, second = raw.get("reception_month_days", (10, 25))
    settings = CaseSettings(
        second_instance_at_commune=bool(raw.get("second_instance_at_commune", False)),
        urge_after_days=int(raw.get("urge_after_days", 15)),
        reception_weekday=int(raw.get("reception_weekday", 3)),
        reception_month_days=(int(first), int(second)),
        twice_monthly_from=dt.date.fromisoformat(raw.get("twice_monthly_from", "2026-07-01")),
    )
    return CaseSettings() if settings.problems() else settings


def store_case_settings(session: Session, settings: CaseSettings) -> None:
    value = json.dumps(
        {
            "second_instance_at_commune": settings.second_instance_at_commune,
            "urge_after_days": settings.urge_after_days,
            "reception_weekday": settings.reception_weekday,
            "reception_month_days": list(settings.reception_month_days),
            "twice_monthly_from": settings.twice_monthly_from.isoformat(),
        },
        sort_keys=True,
    )
    row = session.get(Setting, SETTINGS_KEY)
    if row is None:
        session.add(Setting(key=SETTINGS_KEY, value_json=value, updated_at=utc_now()))
    else:
        row.value_json = value
        row.updated_at = utc_now()


def load_case(session: Session, case_id: uuid.UUID) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError("Không tìm thấy vụ việc này (có thể đã bị xóa).")
    return case


def case_label(case: Case) -> str:
    return f"{case.number}/{case.year}"


def next_case_number(session: Session, unit_id: uuid.UUID, year: int) -> int:
    last = session.scalar(
        select(func.max(Case.number)).where(Case.unit_id == unit_id, Case.year == year)
    )
    return (last or 0) + 1


def case_facts(session: Session, case: Case) -> CaseFacts:
    kinds = set(session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)))
    last = session.scalar(
        select(func.max(CaseEvent.occurred_on)).where(CaseEvent.case_id == case.id)
    )
    return CaseFacts(
        case_type=case.case_type,
        state=case.state,
        complexity=case.complexity,
        extensions=case.extensions,
        remote=case.remote_area,
        resume_state=case.resume_state,
        decision_sent=StepKind.SEND.value in kinds,
        published=StepKind.PUBLISH.value in kinds,
        last_step_on=last,
        second_instance_allowed=case_settings(session).second_instance_at_commune,
    )


def first_letter(session: Session, case: Case) -> Letter | None:
    """The matter's first letter: who is complained about, what was asked."""
    return session.scalars(
        select(Letter).where(Letter.case_id == case.id).order_by(Letter.received_on).limit(1)
    ).first()


def matter_protected(session: Session, case: Case) -> bool:
    """Whether who brought the matter is protected: a denunciation, or any of its
    letters of a protected type (Luật Tố cáo Đ8.3)."""
    if identity_is_protected(_LETTER_TYPE_OF_CASE.get(case.case_type)):
        return True
    return bool(
        session.scalar(
            select(func.count())
            .select_from(Letter)
            .where(Letter.case_id == case.id, Letter.letter_type.in_(IDENTITY_PROTECTED_TYPES))
        )
    )


_LETTER_TYPE_OF_CASE = {
    CaseType.DENUNCIATION: LetterType.DENUNCIATION,
    CaseType.MIXED: LetterType.MIXED,
}


def _explanation(session: Session, deadline: Deadline) -> str:
    """The stored explanation of a due date, or, where only its request was kept
    (clocks of imported or generated history), the engine's, worked out again."""
    if deadline.explanation_json not in ("", "{}") or deadline.request_json in ("", "{}"):
        return deadline.explanation_json
    request = DeadlineRequest.from_json(deadline.request_json)
    result = compute_deadline(request, work_calendar(session), deadline_settings(session))
    return json.dumps(result.as_json(), ensure_ascii=False)


def _deadlines(session: Session, case: Case) -> tuple[CaseDeadlineView, ...]:
    rows = session.scalars(
        select(Deadline)
        .where(Deadline.case_id == case.id)
        .order_by(Deadline.start_on, Deadline.due_on)
    )
    return tuple(
        CaseDeadlineView(
            deadline_view(d, _explanation(session, d)),
            d.paused_since,
        )
        for d in rows
    )


def _attachment_views(rows: list[Attachment], may_see: bool) -> tuple[AttachmentView, ...]:
    return tuple(
        AttachmentView(a.id, a.original_name, a.media_type, a.size_bytes, a.confidential)
        for a in rows
        if may_see or not a.confidential
    )


def _timeline(
    session: Session, case: Case, may_see: bool, filed: CasePeople
) -> tuple[TimelineEntry, ...]:
    workflow = workflow_of(case.case_type)
    events = list(
        session.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case.id)
            .order_by(CaseEvent.occurred_on, CaseEvent.created_at)
        )
    )
    users = {
        u.id: u.full_name
        for u in session.scalars(
            select(User).where(User.id.in_({e.user_id for e in events if e.user_id}))
        )
    }
    files: dict[uuid.UUID, list[Attachment]] = {}
    for row in session.scalars(
        select(Attachment).where(Attachment.case_event_id.in_([e.id for e in events]))
    ):
        assert row.case_event_id is not None
        files.setdefault(row.case_event_id, []).append(row)
    numbering = numbering_settings(session)
    issued = {
        d.id: d
        for d in session.scalars(
            select(IssuedDocument).where(
                IssuedDocument.id.in_({e.document_id for e in events if e.document_id})
            )
        )
    }
    entries = []
    for event in events:
        data = json.loads(event.data_json or "{}")
        document = None
        made = issued.get(event.document_id) if event.document_id else None
        if event.doc_number:
            document = f"Số {event.doc_number}"
            if event.doc_date:
                document += f" ngày {event.doc_date:%d/%m/%Y}"
            if event.doc_signer:
                document += f", {event.doc_signer} ký"
        elif made is not None:
            document = (
                f"{made.title} số {number_label(numbering, made.number, made.symbol)} "
                f"ngày {made.issued_on:%d/%m/%Y}, {made.signer_name} ký"
            )
        entries.append(
            TimelineEntry(
                event_id=event.id,
                kind=event.kind,
                label=step_label(event.kind, workflow),
                occurred_on=event.occurred_on,
                from_state=event.from_state,
                to_state=event.to_state,
                note=filed.redacted(event.note) if event.note else None,
                document=document,
                details=tuple((str(k), filed.redacted(str(v))) for k, v in data.get("details", [])),
                user_name=users.get(event.user_id) if event.user_id else None,
                attachments=_attachment_views(files.get(event.id, []), may_see),
                issued=(document_view(numbering, made),) if made is not None else (),
            )
        )
    return tuple(entries)


def _documents(session: Session, case: Case) -> tuple[IssuedDocumentView, ...]:
    numbering = numbering_settings(session)
    rows = session.scalars(
        select(IssuedDocument)
        .where(IssuedDocument.case_id == case.id)
        .order_by(IssuedDocument.issued_on, IssuedDocument.created_at)
    )
    return tuple(document_view(numbering, row) for row in rows)


def _related(session: Session, case: Case, filed: CasePeople) -> tuple[RelatedRecord, ...]:
    related = [
        RelatedRecord(
            "letter",
            letter.id,
            f"Đơn số {letter.number}/{letter.year} ({letter.letter_type.label.lower()})",
            letter.received_on,
            filed.redacted(letter.content),
        )
        for letter in session.scalars(
            select(Letter).where(Letter.case_id == case.id).order_by(Letter.received_on)
        )
    ]
    related += [
        RelatedRecord(
            "visit",
            visit.id,
            f"Lượt tiếp số {visit.number}/{visit.year}",
            visit.visited_at.date(),
            filed.redacted(visit.content),
        )
        for visit in session.scalars(
            select(Visit).where(Visit.case_id == case.id).order_by(Visit.visited_at)
        )
    ]
    return tuple(sorted(related, key=lambda r: r.on))


def _redacted_changes(changes: dict[str, Any], filed: CasePeople) -> dict[str, Any]:
    return {
        field: [filed.redacted(v) if isinstance(v, str) else v for v in values]
        for field, values in changes.items()
    }


def _history(session: Session, case: Case, filed: CasePeople) -> tuple[AuditRecord, ...]:
    """Who changed the matter, its steps and its clocks, newest first (a protected
    filer's identity lifted out of the texts, as everywhere else)."""
    events = [
        str(i) for i in session.scalars(select(CaseEvent.id).where(CaseEvent.case_id == case.id))
    ]
    clocks = [
        str(i) for i in session.scalars(select(Deadline.id).where(Deadline.case_id == case.id))
    ]
    documents = [
        str(i)
        for i in session.scalars(select(IssuedDocument.id).where(IssuedDocument.case_id == case.id))
    ]
    rows = session.scalars(
        select(AuditEntry)
        .where(
            ((AuditEntry.entity == "legal_case") & (AuditEntry.entity_id == str(case.id)))
            | ((AuditEntry.entity == "case_event") & AuditEntry.entity_id.in_(events))
            | ((AuditEntry.entity == "deadline") & AuditEntry.entity_id.in_(clocks))
            | ((AuditEntry.entity == "issued_document") & AuditEntry.entity_id.in_(documents))
        )
        .order_by(AuditEntry.id.desc())
        .limit(300)
    )
    return tuple(
        AuditRecord(
            id=row.id,
            at=row.at,
            username=row.username,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            operation=row.operation,
            changes=_redacted_changes(
                {
                    **json.loads(row.changes_json),
                    **({"lý do": [row.reason]} if row.reason else {}),
                },
                filed,
            ),
        )
        for row in rows
    )


def _figures(case: Case) -> tuple[OutcomeFigures, OutcomeFigures]:
    decided = OutcomeFigures(
        money_to_recover=case.money_to_recover,
        land_to_recover=case.land_to_recover,
        money_to_return=case.money_to_return,
        land_to_return=case.land_to_return,
        orgs_restored=case.orgs_restored,
        persons_restored=case.persons_restored,
        sanction_persons=case.sanction_persons,
        sanction_officials=case.sanction_officials,
        police_cases=case.police_cases,
        police_persons=case.police_persons,
    )
    enforced = OutcomeFigures(
        money_to_recover=case.money_recovered,
        land_to_recover=case.land_recovered,
        money_to_return=case.money_returned,
        land_to_return=case.land_returned,
        sanction_persons=case.sanctioned_persons,
        police_cases=case.criminal_cases,
        fully_enforced=case.fully_enforced,
    )
    return decided, enforced


def case_detail(
    session: Session, case: Case, may_see: bool, permissions: frozenset[Permission]
) -> CaseDetail:
    workflow = workflow_of(case.case_type)
    filed = case_repo.case_people(session, [case.id], may_see).get(case.id, CasePeople())
    first = first_letter(session, case)
    officer = session.get(User, case.officer_id) if case.officer_id else None
    decided, enforced = _figures(case)
    subject = None
    if first is not None and first.subject_name:
        subject = ", ".join(
            filter(None, (first.subject_name, first.subject_position, first.subject_org))
        )
    steps = tuple(
        StepOption(
            kind=t.kind,
            label=step_label(t.kind.value, workflow),
            required=tuple(f.value for f in t.required),
            optional=tuple(f.value for f in t.optional),
            document=t.document_for(workflow),
            basis=t.basis,
            leader_only=t.permission is Permission.DECIDE,
        )
        for t in available_steps(case_facts(session, case), permissions)
    )
    return CaseDetail(
        id=case.id,
        label=case_label(case),
        year=case.year,
        number=case.number,
        case_type=case.case_type,
        workflow=workflow,
        state=case.state,
        summary=filed.redacted(case.summary),
        people=tuple(filed.names),
        identity_hidden=filed.hidden,
        subject=subject,
        area_code=case.area_code,
        received_on=case.received_on,
        accepted_on=case.accepted_on,
        decided_on=case.decided_on,
        closed_on=case.closed_on,
        complexity=case.complexity,
        complexity_basis=tuple(
            ComplexityCriterion.of(c).label for c in json.loads(case.complexity_basis_json)
        ),
        extensions=case.extensions,
        remote=case.remote_area,
        verifier=case.verifier,
        verdict=case.verdict,
        on_time=case.on_time,
        figures=decided,
        enforcement=enforced,
        officer_name=officer.full_name if officer else None,
        deadlines=_deadlines(session, case),
        timeline=_timeline(session, case, may_see, filed),
        related=_related(session, case, filed),
        steps=steps,
        # The audit trail is read by whoever may read the log (VIEW_AUDIT), here too.
        history=_history(session, case, filed) if Permission.VIEW_AUDIT in permissions else (),
        letter_type=first.letter_type if first else None,
        documents=_documents(session, case),
        partly_withdrawn=case.partly_withdrawn,
    )
