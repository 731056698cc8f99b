"""The office's own document of a resolution step (QĐ xác minh, QĐ gia hạn, QĐ tạm
đình chỉ, quyết định giải quyết, kết luận nội dung tố cáo …), made from its
template file like a letter's documents, numbered, and kept with the matter.
Support for services/cases.py, not an action of its own.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Case, IssuedDocument, Letter
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.case_workflow import (
    ComplexityCriterion,
    StepInput,
    StepKind,
    TerminationGround,
    template_for,
    workflow_of,
)
from tiepdan_desktop.domain.enums import ResolutionVerdict
from tiepdan_desktop.domain.errors import ConflictError
from tiepdan_desktop.domain.text import normalize_multiline, normalize_text
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.letter_documents import issue_document


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def ground_text(ground: str | None) -> str:
    """A termination ground by its label, or the words typed."""
    if not ground:
        return ""
    try:
        return TerminationGround.of(ground).label
    except ValueError:
        return normalize_text(ground)


def matter_context(
    case: Case, step: StepInput, due_before: dt.date | None, due_now: dt.date | None
) -> dict[str, Any]:
    """The `case` and `step` a step's template may use."""
    basis = [ComplexityCriterion.of(code).label for code in json.loads(case.complexity_basis_json)]
    verdict = ResolutionVerdict.of(step.verdict).label.lower() if step.verdict else ""
    return {
        "case": {
            "number": f"{case.number}/{case.year}",
            "accepted_on": _day(case.accepted_on),
            "due_on": _day(due_now),
            "verifier": case.verifier or "",
            "complexity": case.complexity.label.lower(),
            "basis": "; ".join(basis),
            "extensions": case.extensions,
        },
        "step": {
            "date": _day(step.on),
            "note": normalize_multiline(step.note or ""),
            # A whole withdrawal's document is its termination: the ground is the withdrawal.
            "ground": ground_text(step.ground)
            or (TerminationGround.WITHDRAWN.label if step.kind is StepKind.WITHDRAW else ""),
            "body": normalize_text(step.body or ""),
            "verifier": normalize_text(step.verifier or ""),
            "verdict": verdict,
            "previous_due": _day(due_before),
            "new_due": _day(due_now),
        },
    }


def issue_step_document(
    session: Session,
    context: ServiceContext,
    actor: Actor,
    case: Case,
    step: StepInput,
    may_see_denouncers: bool,
    due_before: dt.date | None,
    due_now: dt.date | None,
) -> IssuedDocument:
    code = template_for(step.kind, workflow_of(case.case_type))
    assert code is not None, "step_problems refuses an issue without a template"
    letter = session.scalars(
        select(Letter).where(Letter.case_id == case.id).order_by(Letter.received_on).limit(1)
    ).first()
    if letter is None:
        raise ConflictError(
            "Vụ việc này không có đơn trong sổ đơn nên không lập được văn bản từ mẫu; "
            "hãy ghi số, ngày và người ký của văn bản đã ban hành."
        )
    return issue_document(
        session,
        context,
        actor,
        letter,
        code,
        step.on,
        may_see_denouncers,
        normalize_text(step.signer_name or "") or None,
        case=case,
        matter=matter_context(case, step, due_before, due_now),
    )
