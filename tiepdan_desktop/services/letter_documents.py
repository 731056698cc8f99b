"""Issuing a letter's official documents: the number (số/ký hiệu per unit and year,
pattern and symbols from the settings), the words from the template file, the
editable .docx and the PDF stored with the record.

An issued document is never overwritten: issuing again takes the next number.
A document whose template may not name the denouncer is filled with the words
"người tố cáo" instead, whoever issues it (Luật Tố cáo Đ47, Đ56).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import Case, IssuedDocument, Letter, Setting, Unit
from tiepdan_desktop.db.repositories.calendar import setting_text
from tiepdan_desktop.db.repositories.letters import people_of
from tiepdan_desktop.db.repositories.sealed_people import tag_cleaners
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.confidentiality import (
    identity_fragments,
    identity_is_protected,
    redact_identity,
)
from tiepdan_desktop.domain.divisions import bare_name
from tiepdan_desktop.domain.enums import Gender, LetterPartyRole
from tiepdan_desktop.domain.errors import PermissionDeniedError, ValidationError
from tiepdan_desktop.exports.official_document import (
    DocumentTemplate,
    OfficialDocument,
    load_template,
    render,
    vietnamese_date,
)
from tiepdan_desktop.services.attachment_store import add_attachment
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.identity_sealing import vault_writer

SETTINGS_KEY = "so_van_ban"


@dataclass(frozen=True)
class NumberingSettings:
    """How outgoing documents are numbered.  `pattern` joins the number and the
    symbol ("{so}/{ky_hieu}" gives 15/TB-UBND); `symbols` overrides a template's
    symbol by its code; `per_symbol`: each symbol counts from 1 every year (off:
    one sequence for all the office's documents of the year, as NĐ 30/2020 Đ15)."""

    pattern: str = "{so}/{ky_hieu}"
    per_symbol: bool = True
    symbols: dict[str, str] = field(default_factory=dict)
    place: str = ""  # the place in «…, ngày … tháng … năm …»; default the ward's name

    def to_json(self) -> str:
        return json.dumps(vars(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> NumberingSettings:
        raw = json.loads(text)
        return cls(
            pattern=str(raw.get("pattern", "{so}/{ky_hieu}")),
            per_symbol=bool(raw.get("per_symbol", True)),
            symbols={str(k): str(v) for k, v in dict(raw.get("symbols", {})).items()},
            place=str(raw.get("place", "")),
        )


def numbering_problems(settings: NumberingSettings) -> dict[str, str]:
    if "{so}" not in settings.pattern:
        return {"pattern": "Mẫu số văn bản phải có {so} (số thứ tự)."}
    try:
        settings.pattern.format(so=1, ky_hieu="TB-UBND")
    except (KeyError, IndexError, ValueError):
        return {"pattern": "Mẫu số văn bản chỉ dùng {so} và {ky_hieu}."}
    return {}


def numbering_settings(session: Session) -> NumberingSettings:
    text = setting_text(session, SETTINGS_KEY)
    return NumberingSettings() if text is None else NumberingSettings.from_json(text)


def store_numbering_settings(session: Session, settings: NumberingSettings) -> None:
    if problems := numbering_problems(settings):
        raise ValidationError(problems)
    row = session.get(Setting, SETTINGS_KEY)
    if row is None:
        session.add(Setting(key=SETTINGS_KEY, value_json=settings.to_json(), updated_at=utc_now()))
    else:
        row.value_json = settings.to_json()
        row.updated_at = utc_now()


def number_label(settings: NumberingSettings, number: int, symbol: str) -> str:
    return settings.pattern.format(so=f"{number:02d}", ky_hieu=symbol)


def _next_number(session: Session, unit: Unit, year: int, symbol: str, per_symbol: bool) -> int:
    query = select(func.max(IssuedDocument.number)).where(
        IssuedDocument.unit_id == unit.id, IssuedDocument.year == year
    )
    if per_symbol:
        query = query.where(IssuedDocument.symbol == symbol)
    return int(session.scalar(query) or 0) + 1


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def title_of(gender: Gender | None) -> str:
    return {Gender.MALE: "ông", Gender.FEMALE: "bà"}.get(gender, "ông/bà") if gender else "ông/bà"


def _filer(session: Session, letter: Letter, template: DocumentTemplate) -> dict[str, str]:
    masked = {"title": "", "name": "người tố cáo", "address": "", "id_number": ""}
    if identity_is_protected(letter.letter_type) and not template.denouncer_identity:
        return masked
    people = people_of(session, [letter.id]).get(letter.id, [])
    named = [p for role, p in people if role is not LetterPartyRole.AUTHORISED] or [
        p for _, p in people
    ]
    if letter.filer_org and not named:
        return {"title": "", "name": letter.filer_org, "address": "", "id_number": ""}
    if not named:
        return {"title": "", "name": "người gửi đơn", "address": "", "id_number": ""}
    first = named[0]
    name = first.full_name + (f" và {len(named) - 1} người khác" if len(named) > 1 else "")
    return {
        "title": title_of(first.gender),
        "name": name,
        "address": first.address or "",
        "id_number": first.id_number or "",
    }


def _masked_fragments(session: Session, letter: Letter, template: DocumentTemplate) -> list[str]:
    """The identity a document that may not name the denouncer must also lift out of
    the letter's own words (Luật Tố cáo Đ8.3, Đ56)."""
    if not identity_is_protected(letter.letter_type) or template.denouncer_identity:
        return []
    fragments: list[str] = []
    for _role, person in people_of(session, [letter.id]).get(letter.id, []):
        fragments += identity_fragments(
            person.full_name, person.id_number, person.phone, person.address
        )
    return fragments


def document_context(
    session: Session,
    unit: Unit,
    letter: Letter,
    template: DocumentTemplate,
    issued_on: dt.date,
    number: str,
    matter: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What a template may use: unit, letter, filer, subject, outcome, document,
    and for a step of a matter's resolution `case` and `step` (services/case_documents.py)."""
    ground = letter.outcome_ground.label if letter.outcome_ground else ""
    fragments = _masked_fragments(session, letter, template)
    people = [person.id for _, person in people_of(session, [letter.id]).get(letter.id, [])]
    sealed = tag_cleaners(session, {letter.id: people}).get(letter.id)

    def told(text: str | None) -> str:
        text = redact_identity(text or "", fragments)
        return (sealed.clean(text) or "") if sealed is not None else text

    return {
        "unit": {"name": unit.name, "chairman": unit.chairman_name, "address": unit.address or ""},
        "letter": {
            "number": f"{letter.number}/{letter.year}",
            "received_on": _day(letter.received_on),
            "content": told(letter.content),
            "requests": told(letter.requests),
            "forwarded_by": letter.forwarded_by or "",
            "forward_doc_number": letter.forward_doc_number or "",
            "forward_doc_date": _day(letter.forward_doc_date),
            "type": letter.letter_type.label.lower(),
            "ineligible_reason": letter.ineligible_reason or "",
        },
        "filer": _filer(session, letter, template),
        "subject": {
            "name": letter.subject_name or "",
            "position": letter.subject_position or "",
            "org": letter.subject_org or "",
        },
        "outcome": {
            "body": letter.outcome_body or "",
            "ground": ground,
            "note": told(letter.outcome_note),
            "date": _day(letter.outcome_on),
        },
        "document": {"date": _day(issued_on), "number": number},
        **_told_matter(matter, told),
    }


def _told_matter(matter: dict[str, Any] | None, told: Callable[[str], str]) -> dict[str, Any]:
    """A step's own words (its note, ground) without the protected identity either."""
    if matter is None:
        return {"case": {}, "step": {}}
    return {
        part: {
            key: told(value) if isinstance(value, str) else value for key, value in fields.items()
        }
        for part, fields in matter.items()
    }


def rendered(
    session: Session,
    unit: Unit,
    letter: Letter,
    template: DocumentTemplate,
    issued_on: dt.date,
    label: str,
    signer: str,
    matter: dict[str, Any] | None = None,
    filer: dict[str, str] | None = None,
) -> OfficialDocument:
    """The document as issued; `filer` in place of the register's (the denouncer
    revealed for the copy sent to them)."""
    settings = numbering_settings(session)
    context = document_context(session, unit, letter, template, issued_on, label, matter)
    if filer is not None:
        context["filer"] = filer
    return render(
        template,
        context,
        office_lines=("ỦY BAN NHÂN DÂN", unit.name.removeprefix("UBND ").upper()),
        number_line=f"Số: {label}",
        place_date=vietnamese_date(settings.place or bare_name(unit.ward_name), issued_on),
        signer_name=signer,
    )


def issue_document(
    session: Session,
    context: ServiceContext,
    actor: Actor,
    letter: Letter,
    code: str,
    issued_on: dt.date,
    may_see_denouncers: bool,
    signer_name: str | None = None,
    case: Case | None = None,
    matter: dict[str, Any] | None = None,
) -> IssuedDocument:
    """Number, write (.docx and PDF) and record the document `code` for `letter`, or
    for a step of `case` (the matter of `letter`; `matter` fills the template's
    `case` and `step`): then it is kept with the matter, not the letter."""
    unit = session.get(Unit, letter.unit_id)
    assert unit is not None  # a letter always belongs to the unit
    template = load_template(code)
    names_denouncer = identity_is_protected(letter.letter_type) and template.denouncer_identity
    if names_denouncer and not may_see_denouncers:
        raise PermissionDeniedError(
            f"{template.name} ghi danh tính người tố cáo: chỉ người được xem danh tính "
            "người tố cáo mới được ban hành."
        )
    settings = numbering_settings(session)
    symbol = settings.symbols.get(code, template.symbol)
    number = _next_number(session, unit, issued_on.year, symbol, settings.per_symbol)
    label = number_label(settings, number, symbol)
    signer = signer_name or (
        actor.full_name if template.signed_by == "officer" else unit.chairman_name
    )
    document = rendered(session, unit, letter, template, issued_on, label, signer, matter)
    stem = f"{code}-{issued_on.year}-{number:04d}"
    from tiepdan_desktop.exports.official_docx import write_official_docx
    from tiepdan_desktop.exports.official_pdf import write_official_pdf

    with tempfile.TemporaryDirectory() as folder:
        pdf = write_official_pdf(document, Path(folder) / f"{stem}.pdf").read_bytes()
        docx = write_official_docx(document, Path(folder) / f"{stem}.docx").read_bytes()
    pdf_row, docx_row = (
        add_attachment(
            session,
            context,
            data,
            f"{stem}{suffix}",
            letter_id=None if case else letter.id,
            case_id=case.id if case else None,
            # With the vault the notice names only the pseudonym (vault.addressed_copy
            # gives the custodian the copy with the name); before it, the name itself.
            confidential=names_denouncer and vault_writer(session) is None,
            added_by=actor.user_id,
        )
        for data, suffix in ((pdf, ".pdf"), (docx, ".docx"))
    )
    row = IssuedDocument(
        unit_id=unit.id,
        letter_id=None if case else letter.id,
        case_id=case.id if case else letter.case_id,
        form_code=code,
        title=template.name,
        year=issued_on.year,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        signer_name=signer,
        attachment_id=pdf_row.id,
        docx_attachment_id=docx_row.id,
        recipient=None if case else letter.outcome_body,
        created_by=actor.user_id,
    )
    session.add(row)
    session.flush()
    return row
