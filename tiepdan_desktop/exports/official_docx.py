"""An official document as an editable .docx (python-docx), in the same
NĐ 30/2020 layout as the PDF: Times New Roman, A4, margins 20/15/20/30 mm."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tiepdan_desktop.exports.official_document import OfficialDocument, heading_of
from tiepdan_desktop.exports.official_pdf import MOTTO, MOTTO_LINE

FONT = "Times New Roman"


def _line(
    into: _Cell | DocxDocument,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Paragraph:
    # A new table cell already holds one empty paragraph: the first line goes there.
    paragraph = into.paragraphs[0] if first and isinstance(into, _Cell) else into.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return paragraph


def write_official_docx(document: OfficialDocument, path: Path) -> Path:
    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)

    heading = word.add_table(rows=2, cols=2)
    office, motto = heading.rows[0].cells
    for index, line in enumerate(document.office_lines):
        _line(office, line, size=13, bold=True, first=index == 0)
    _line(office, "_______", size=13)
    _line(motto, MOTTO, size=12, bold=True, first=True)
    _line(motto, MOTTO_LINE, size=13, bold=True)
    _line(motto, "_______________", size=13)
    number, date = heading.rows[1].cells
    _line(number, document.number_line, size=13, first=True)
    if document.is_letter:
        _line(number, document.subtitle, size=12)
    _line(date, document.place_date, italic=True, first=True)

    if not document.is_letter:
        _line(word, document.title, bold=True).paragraph_format.space_before = Pt(12)
        if document.subtitle:
            _line(word, document.subtitle, bold=True)
    for line in document.addressee:
        title = heading_of(line)
        _line(word, title or line, bold=title is not None).paragraph_format.space_before = Pt(8)
    for text in document.paragraphs:
        if (title := heading_of(text)) is not None:  # «QUYẾT ĐỊNH:» bold, centred
            _line(word, title, bold=True).paragraph_format.space_before = Pt(6)
            continue
        paragraph = _line(word, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.paragraph_format.space_before = Pt(6)

    foot = word.add_table(rows=1, cols=2)
    recipients, signer = foot.rows[0].cells
    _line(
        recipients,
        "Nơi nhận:",
        size=12,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
    )
    for line in document.recipients:
        _line(recipients, f"- {line}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    lines = [line for line in (document.signer_authority, document.signer_title) if line]
    for index, line in enumerate(lines):
        _line(signer, line, bold=True, first=index == 0)
    for _blank in range(4):
        _line(signer, "")
    _line(signer, document.signer_name, bold=True)
    word.core_properties.title = f"{document.title} {document.subtitle}".strip()
    word.core_properties.subject = document.form
    word.save(str(path))
    return path
