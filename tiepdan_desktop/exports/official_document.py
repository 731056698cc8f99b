"""An official document (văn bản hành chính, NĐ 30/2020 layout) made from a
template file under resources/templates/: the template holds the form's words
with Jinja2 placeholders, so a new circular means a new file, not new code.

A template (TOML) has: code, name, form, symbol (the default ký hiệu), whether
the denouncer's identity may appear (`denouncer_identity`, false unless the
document is addressed to the denouncer), whether it names the filer at all
(`names_filer`), title, subtitle, addressee lines, the
body (paragraphs separated by a blank line), recipients and the signer's
authority and title, and who signs (`signed_by`: "chairman" or "officer").
A công văn has no title and a subtitle starting «V/v» (its trích yếu), printed
under the number.  Rendering fails loudly on a misspelt placeholder.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from tiepdan_desktop.resources import resource_path

if TYPE_CHECKING:
    from jinja2 import Environment

# A body or addressee line written «## QUYẾT ĐỊNH:» is a heading: bold, centred.
HEADING_MARK = "## "
SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")


def sentence(text: str) -> str:
    """A summary typed without its final full stop, closed as a sentence."""
    text = text.rstrip()
    return text if not text or text.endswith(SENTENCE_ENDS) else text + "."


def heading_of(line: str) -> str | None:
    """The text of a heading line (marked «## »), or None for ordinary text."""
    return line[len(HEADING_MARK) :] if line.startswith(HEADING_MARK) else None


def plain(line: str) -> str:
    return heading_of(line) or line


_REQUIRED = ("code", "name", "form", "symbol", "denouncer_identity", "title", "body")


@dataclass(frozen=True)
class DocumentTemplate:
    code: str
    name: str
    form: str
    symbol: str
    denouncer_identity: bool
    title: str
    subtitle: str
    addressee: tuple[str, ...]
    body: str
    recipients: tuple[str, ...]
    signer_authority: str
    signer_title: str
    # Who signs: the chairman (default) or the officer who prepared it ("officer").
    signed_by: str = "chairman"
    # False: the document never names the filer, whoever it is (it is about a
    # denunciation, for other bodies).  Otherwise a protected filer is masked by
    # whoever fills the template in, unless `denouncer_identity`.
    names_filer: bool = True


@dataclass(frozen=True)
class OfficialDocument:
    office_lines: tuple[str, str]  # ỦY BAN NHÂN DÂN / PHƯỜNG BẾN THÀNH
    number_line: str  # Số: 15/TB-UBND
    place_date: str  # Bến Thành, ngày 25 tháng 11 năm 2026
    title: str
    subtitle: str
    addressee: tuple[str, ...]
    paragraphs: tuple[str, ...]
    recipients: tuple[str, ...]
    signer_authority: str
    signer_title: str
    signer_name: str
    form: str

    @property
    def is_letter(self) -> bool:
        """A công văn: no title; its trích yếu («V/v …») sits under the number."""
        return not self.title and self.subtitle.startswith("V/v")

    def text(self) -> str:
        """Every word of the document, for checks that something is (not) in it."""
        parts = [
            *self.office_lines,
            self.number_line,
            self.place_date,
            self.title,
            self.subtitle,
            *(plain(line) for line in self.addressee),
            *(plain(text) for text in self.paragraphs),
            *self.recipients,
            self.signer_authority,
            self.signer_title,
            self.signer_name,
        ]
        return "\n".join(part for part in parts if part)


def template_codes() -> list[str]:
    """Every document template shipped in resources/templates/, by code."""
    return sorted(path.stem for path in resource_path("templates").glob("*.toml"))


@cache
def load_template(code: str) -> DocumentTemplate:
    """The template `code` from resources/templates/ (a clear error if it is
    missing or lacks a key)."""
    path = resource_path("templates", f"{code}.toml")
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise FileNotFoundError(f"Không có mẫu văn bản {code} ({path}).") from error
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise ValueError(f"Mẫu văn bản {path.name} thiếu mục: {', '.join(missing)}.")
    return DocumentTemplate(
        code=data["code"],
        name=data["name"],
        form=data["form"],
        symbol=data["symbol"],
        denouncer_identity=bool(data["denouncer_identity"]),
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        addressee=tuple(data.get("addressee", ())),
        body=data["body"],
        recipients=tuple(data.get("recipients", ())),
        signer_authority=data.get("signer_authority", ""),
        signer_title=data.get("signer_title", "CHỦ TỊCH"),
        signed_by=data.get("signed_by", "chairman"),
        names_filer=bool(data.get("names_filer", True)),
    )


@cache
def _environment() -> Environment:
    """Jinja2, loaded when a document is first written (not at start-up)."""
    from jinja2 import Environment, StrictUndefined

    environment = Environment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    environment.filters["sentence"] = sentence
    return environment


def _fill(text: str, context: dict[str, Any]) -> str:
    return " ".join(_environment().from_string(text).render(context).split())


def vietnamese_date(place: str, day: dt.date) -> str:
    """«Bến Thành, ngày 05 tháng 01 năm 2026»: days below 10 and months 1–2 take a
    leading zero (NĐ 30/2020, Phụ lục I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def render(
    template: DocumentTemplate,
    context: dict[str, Any],
    *,
    office_lines: tuple[str, str],
    number_line: str,
    place_date: str,
    signer_name: str,
) -> OfficialDocument:
    """The document `template` makes for `context` (nested dicts: unit, letter,
    filer, subject, outcome, document)."""
    paragraphs = tuple(
        filled for block in template.body.strip().split("\n\n") if (filled := _fill(block, context))
    )
    return OfficialDocument(
        office_lines=office_lines,
        number_line=number_line,
        place_date=place_date,
        title=_fill(template.title, context),
        subtitle=_fill(template.subtitle, context),
        addressee=tuple(filled for line in template.addressee if (filled := _fill(line, context))),
        paragraphs=paragraphs,
        recipients=tuple(
            filled for line in template.recipients if (filled := _fill(line, context))
        ),
        signer_authority=template.signer_authority,
        signer_title=template.signer_title,
        signer_name=signer_name,
        form=template.form,
    )
