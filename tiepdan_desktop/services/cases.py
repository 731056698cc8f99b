"""Giải quyết: carrying an accepted matter through the steps of its workflow.

A matter is opened when its letter is accepted (thụ lý) or assigned
(services/case_opening.py, called by the letter outcome).  Each later step goes
through `record_step`: the workflow table (domain/case_workflow.py) says
whether it is allowed now and what it needs; the step is stored with its
document and fields, the matter moves, and its legal clocks start, move, pause
or stop (domain/case_clocks.py) in the same transaction, with the audit trail
saying which due dates moved and why.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Case, CaseEvent
from tiepdan_desktop.db.repositories import cases as repo
from tiepdan_desktop.db.repositories.calendar import work_calendar
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.case_clocks import clock_plan
from tiepdan_desktop.domain.case_records import CaseDetail, CaseFilter, CaseRow, CaseSettings
from tiepdan_desktop.domain.case_workflow import (
    OutcomeFigures,
    StepField,
    StepInput,
    StepKind,
    enforcement_columns,
    step_label,
    step_problems,
    target_state,
    workflow_of,
)
from tiepdan_desktop.domain.deadlines.status import last_due_soon_day
from tiepdan_desktop.domain.enums import (
    CaseState,
    Complexity,
    ResolutionVerdict,
)
from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.labels import STEP_ACTION_PREFIX, number_text
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.text import normalize_multiline, normalize_text
from tiepdan_desktop.domain.visit_records import RegisterStart
from tiepdan_desktop.services import attachment_store
from tiepdan_desktop.services.access import current_permissions, requires
from tiepdan_desktop.services.case_clock_keeping import (
    apply_plan,
    resolution_clock,
)
from tiepdan_desktop.services.case_documents import ground_text, issue_step_document
from tiepdan_desktop.services.case_support import (
    case_detail,
    case_facts,
    case_label,
    case_settings,
    load_case,
    matter_protected,
    store_case_settings,
)
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.due_dates import deadline_settings
from tiepdan_desktop.services.export_audit import record_identity_view
from tiepdan_desktop.services.identity_sealing import vault_writer
from tiepdan_desktop.services.letter_support import may_see_denouncers

MAX_BLOCK = 500
FIRST_KEYS = 200


def _details(step: StepInput) -> list[list[str]]:
    """The step's own fields as label/value lines for the timeline."""
    lines: list[list[str]] = []
    if step.verifier:
        lines.append([StepField.VERIFIER.label, normalize_text(step.verifier)])
    if step.complexity is not None:
        lines.append([StepField.COMPLEXITY.label, step.complexity.label])
    if step.complexity_basis:
        lines.append(
            [StepField.COMPLEXITY_BASIS.label, "; ".join(c.label for c in step.complexity_basis)]
        )
    if step.remote is not None:
        lines.append([StepField.REMOTE.label, "Có" if step.remote else "Không"])
    if step.whole is not None:
        lines.append(["Rút đơn", "Rút toàn bộ" if step.whole else "Rút một phần"])
    if step.ground:
        lines.append([_ground_label(step), ground_text(step.ground)])
    if step.verdict:
        lines.append(["Kết quả", ResolutionVerdict.of(step.verdict).label])
    if step.body:
        lines.append([StepField.BODY.label, normalize_text(step.body)])
    if step.escalation_result is not None:
        lines.append([StepField.ESCALATION_RESULT.label, step.escalation_result.label])
    if step.case_type is not None:
        lines.append([StepField.CASE_TYPE.label, step.case_type.label])
    if step.figures is not None:
        lines += [[label, value] for label, value in _figure_lines(step)]
    return lines


def _ground_label(step: StepInput) -> str:
    if step.kind is StepKind.WITHDRAW:
        return "Lý do vẫn tiếp tục giải quyết (Luật Tố cáo Điều 33.3)"
    return StepField.GROUND.label


def _money_and_land(money: float, land: float) -> str:
    return f"{number_text(money)} triệu đồng; {number_text(land)} m² đất"


def _figure_lines(step: StepInput) -> list[tuple[str, str]]:
    """The figures of a decision or of its enforcement, as the timeline shows them."""
    figures = step.figures
    assert figures is not None
    done = step.kind is StepKind.ENFORCEMENT_RESULT
    lines = []
    if figures.money_to_recover or figures.land_to_recover:
        label = "Đã thu hồi cho Nhà nước" if done else "Kiến nghị thu hồi cho Nhà nước"
        lines.append((label, _money_and_land(figures.money_to_recover, figures.land_to_recover)))
    if figures.money_to_return or figures.land_to_return:
        label = "Đã trả lại cho tổ chức, cá nhân" if done else "Trả lại cho tổ chức, cá nhân"
        lines.append((label, _money_and_land(figures.money_to_return, figures.land_to_return)))
    if figures.orgs_restored or figures.persons_restored:
        restored = f"{figures.orgs_restored} tổ chức, {figures.persons_restored} cá nhân"
        lines.append(("Khôi phục quyền lợi", restored))
    if figures.sanction_persons:
        label = "Đã xử lý hành chính" if done else "Kiến nghị xử lý hành chính"
        officials = f"{figures.sanction_officials} cán bộ, công chức"
        lines.append((label, f"{figures.sanction_persons} người ({officials})"))
    if figures.police_cases or figures.police_persons:
        label = "Đã khởi tố" if done else "Chuyển cơ quan điều tra"
        lines.append((label, f"{figures.police_cases} vụ, {figures.police_persons} người"))
    if done:
        lines.append(("Thi hành xong", "Có" if figures.fully_enforced else "Chưa"))
    return lines


def _apply_fields(case: Case, step: StepInput, target: CaseState) -> None:
    """What the step changes on the matter itself."""
    kind = step.kind
    if kind is StepKind.ASSIGN_VERIFICATION:
        case.verifier = normalize_text(step.verifier or "")
    elif kind is StepKind.MARK_COMPLEX:
        case.complexity = Complexity.COMPLEX
    elif kind is StepKind.EXTEND:
        assert step.complexity is not None
        case.complexity = step.complexity
        case.extensions += 1
        case.complexity_basis_json = json.dumps([c.value for c in step.complexity_basis])
    elif kind is StepKind.REMOTE_AREA:
        case.remote_area = bool(step.remote)
    elif kind is StepKind.RECLASSIFY:
        assert step.case_type is not None
        case.case_type = step.case_type
    elif kind is StepKind.SUSPEND:
        case.resume_state = case.state
    elif kind is StepKind.RESUME:
        case.resume_state = None
    elif kind is StepKind.WITHDRAW and not step.whole:
        case.partly_withdrawn = True
    elif kind is StepKind.DECIDE:
        case.verdict = ResolutionVerdict.of(step.verdict or "")
        case.decided_on = step.on
        _store_decision_figures(case, step.figures or OutcomeFigures())
    elif kind is StepKind.ANSWER:
        case.decided_on = step.on
    elif kind is StepKind.ENFORCEMENT_RESULT:
        _store_enforcement_figures(case, step.figures or OutcomeFigures())
    elif kind is StepKind.ESCALATION_RESULT:
        case.escalation_result = step.escalation_result
    if not target.is_open and case.closed_on is None:
        case.closed_on = step.on


def _store_decision_figures(case: Case, figures: OutcomeFigures) -> None:
    case.money_to_recover = figures.money_to_recover
    case.land_to_recover = figures.land_to_recover
    case.money_to_return = figures.money_to_return
    case.land_to_return = figures.land_to_return
    case.orgs_restored = figures.orgs_restored
    case.persons_restored = figures.persons_restored
    case.sanction_persons = figures.sanction_persons
    case.sanction_officials = figures.sanction_officials
    case.police_cases = figures.police_cases
    case.police_persons = figures.police_persons


def _store_enforcement_figures(case: Case, figures: OutcomeFigures) -> None:
    """The enforcement results so far (each report replaces the previous totals)."""
    for column, value in enforcement_columns(figures).items():
        setattr(case, column, value)


def _read_files(files: tuple[Path, ...]) -> list[tuple[str, bytes]]:
    """The scans of a step, read and checked (kind, size) before anything is written."""
    read = []
    for path in files:
        try:
            attachment_store.media_type(path.name)
            data = path.read_bytes()
        except ValidationError as refused:
            raise ValidationError({"files": f"«{path.name}»: {refused}"}) from refused
        except OSError as error:
            raise ValidationError({"files": f"Không đọc được tệp «{path.name}»."}) from error
        if len(data) > attachment_store.MAX_BYTES:
            limit = attachment_store.MAX_BYTES // 1024 // 1024
            raise ValidationError({"files": f"«{path.name}» quá lớn (tối đa {limit} MB)."})
        read.append((path.name, data))
    return read


@requires(Permission.EDIT_REGISTERS)
def record_step(
    context: ServiceContext,
    actor: Actor,
    case_id: uuid.UUID,
    step: StepInput,
    files: tuple[Path, ...] = (),
) -> CaseDetail:
    """Take one step of the matter's workflow, or say in Vietnamese why not."""
    permissions = current_permissions(context, actor)
    may_see = may_see_denouncers(context, actor)
    scans = _read_files(tuple(files))  # refused before the step is taken
    with context.sessions.writing(actor, STEP_ACTION_PREFIX + step.kind.value) as session:
        case = load_case(session, case_id)
        facts = case_facts(session, case)
        problems = step_problems(facts, step, permissions, context.today())
        if problems:
            raise ValidationError(problems)
        step = _without_sealed_identity(session, case, step)
        target = target_state(facts, step)
        before = case.state
        label = step_label(step.kind.value, facts.workflow)
        _apply_fields(case, step, target)
        case.state = target
        plan = clock_plan(step.kind, workflow_of(case.case_type), not target.is_open)
        session.info["reason"] = f"Vụ việc {case_label(case)}: {label}"
        clock = resolution_clock(session, case)
        due_before = clock.due_on if clock else None
        moved = apply_plan(session, case, plan, step.on)
        if moved:
            session.info["reason"] += " — " + "; ".join(moved)
        event = _event(case, step, before, target, actor)
        if step.issue:
            issued = issue_step_document(
                session,
                context,
                actor,
                case,
                step,
                may_see,
                due_before,
                clock.due_on if clock else None,
            )
            event.document_id = issued.id
        session.add(event)
        session.flush()
        protected = matter_protected(session, case)
        writer = vault_writer(session)
        for name, data in scans:
            attachment_store.add_attachment(
                session,
                context,
                data,
                name,
                case_id=case.id,
                case_event_id=event.id,
                confidential=protected,  # pages a denouncer may have written
                sealed_to=writer.public_key if protected and writer else None,
                added_by=actor.user_id,
            )
        session.flush()
        return case_detail(session, case, may_see, permissions)


def _without_sealed_identity(session: Session, case: Case, step: StepInput) -> StepInput:
    """A step of a protected matter loses the sealed denouncer's name, numbers and
    address from its texts before they are written (identity vault)."""
    if not matter_protected(session, case):
        return step
    people = repo.case_people(session, [case.id], False).get(case.id)
    cleaner = people.sealed if people is not None else None
    if cleaner is None:
        return step
    return replace(
        step,
        note=cleaner.clean(step.note),
        verifier=cleaner.clean(step.verifier),
        ground=cleaner.clean(step.ground),
        body=cleaner.clean(step.body),
    )


def _event(
    case: Case, step: StepInput, before: CaseState, target: CaseState, actor: Actor
) -> CaseEvent:
    document = step.document
    return CaseEvent(
        case_id=case.id,
        occurred_on=step.on,
        kind=step.kind.value,
        from_state=before,
        to_state=target,
        note=normalize_multiline(step.note or "") or None,
        user_id=actor.user_id,
        doc_number=normalize_text(document.number) if document else None,
        doc_date=document.signed_on if document else None,
        doc_signer=normalize_text(document.signer) if document else None,
        data_json=json.dumps(_event_data(step), ensure_ascii=False),
    )


def _event_data(step: StepInput) -> dict[str, object]:
    """The timeline's lines and, for an enforcement report, its figures as numbers:
    the periodic report reads what had been carried out by the end of a period."""
    data: dict[str, object] = {"details": _details(step)}
    if step.kind is StepKind.ENFORCEMENT_RESULT and step.figures is not None:
        data["enforcement"] = enforcement_columns(step.figures)
    return data


@requires(Permission.VIEW_REGISTERS)
def get_case(context: ServiceContext, actor: Actor, case_id: uuid.UUID) -> CaseDetail:
    permissions = current_permissions(context, actor)
    may_see = may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        case = load_case(session, case_id)
        detail = case_detail(session, case, may_see, permissions)
        protected = may_see and repo.case_people(session, [case.id], False)[case.id].hidden
    if protected:
        record_identity_view(context, actor, "legal_case", str(case_id))
    return detail


def _due_soon_until(session: Session, today: dt.date) -> dt.date:
    warning = deadline_settings(session).warning_working_days
    return last_due_soon_day(today, work_calendar(session), warning)


@requires(Permission.VIEW_REGISTERS)
def due_soon_until(context: ServiceContext, actor: Actor) -> dt.date:
    """The last day «Sắp đến hạn» reaches today (the warning's working days ahead)."""
    with context.sessions.reading() as session:
        return _due_soon_until(session, context.today())


@requires(Permission.VIEW_REGISTERS)
def case_start(
    context: ServiceContext, actor: Actor, filter_: CaseFilter, first: int = FIRST_KEYS
) -> RegisterStart:
    """The exact count of a list and the keys of its first rows."""
    today = context.today()
    may_see = may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        until = _due_soon_until(session, today)
        keys = repo.register_keys(session, filter_, today, until, may_see, first)
        if len(keys) < first:
            return RegisterStart(len(keys), keys)
        return RegisterStart(repo.register_count(session, filter_, today, until, may_see), keys)


@requires(Permission.VIEW_REGISTERS)
def case_keys(context: ServiceContext, actor: Actor, filter_: CaseFilter) -> list[int]:
    """The matters of a list, as keys in display order (most urgent first)."""
    today = context.today()
    may_see = may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        until = _due_soon_until(session, today)
        return repo.register_keys(session, filter_, today, until, may_see)


@requires(Permission.VIEW_REGISTERS)
def case_rows(context: ServiceContext, actor: Actor, keys: list[int]) -> list[CaseRow]:
    if len(keys) > MAX_BLOCK:
        raise ValidationError({"keys": f"Mỗi lần đọc tối đa {MAX_BLOCK} dòng."})
    may_see = may_see_denouncers(context, actor)
    with context.sessions.reading() as session:
        return repo.register_rows(session, keys, may_see)


@requires(Permission.VIEW_REGISTERS)
def get_case_settings(context: ServiceContext, actor: Actor) -> CaseSettings:
    with context.sessions.reading() as session:
        return case_settings(session)


@requires(Permission.MANAGE_UNIT)
def update_case_settings(
    context: ServiceContext, actor: Actor, settings: CaseSettings
) -> CaseSettings:
    if problems := settings.problems():
        raise ValidationError(problems)
    with context.sessions.writing(actor, "cai_dat_giai_quyet") as session:
        store_case_settings(session, settings)
    return settings
