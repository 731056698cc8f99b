"""Sổ theo dõi xử lý đơn (the letter register) for a period, as Excel and PDF:
the office, the title and the period, one row per letter with its number,
source, filer (masked already where the law says), content, classification,
outcome and deadline.  There is no national form for this register (LEGAL.md
§2.2, ◐): the columns follow what TT 05/2021 asks an office to record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from tiepdan_desktop.domain.letter_records import LetterRow
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.exports.pdf_fonts import register_pdf_fonts
from tiepdan_desktop.exports.xlsx_cells import text_safe_cell
from tiepdan_desktop.exports.xlsx_stream import CellValue

TITLE = "SỔ THEO DÕI XỬ LÝ ĐƠN"
FONT = "Times New Roman"
# (heading, width in mm on A4 landscape)
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Số đơn", 16),
    ("Ngày nhận", 18),
    ("Nguồn đơn, cơ quan chuyển", 30),
    ("Người đứng đơn – Địa chỉ", 38),
    ("Nội dung đơn", 56),
    ("Phân loại", 20),
    ("Hướng xử lý", 30),
    ("Ngày xử lý", 18),
    ("Thời hạn, ghi chú", 41),
)


@dataclass(frozen=True)
class LetterRegister:
    unit: UnitInfo
    date_from: dt.date
    date_to: dt.date
    rows: Sequence[LetterRow]

    @property
    def period(self) -> str:
        return f"Từ ngày {self.date_from:%d/%m/%Y} đến ngày {self.date_to:%d/%m/%Y}"


def _source(row: LetterRow) -> str:
    return f"{row.source.label}: {row.forwarded_by}" if row.forwarded_by else row.source.label


def _outcome(row: LetterRow) -> str:
    if row.outcome is None:
        return row.state.label
    return f"{row.outcome.label} – {row.outcome_body}" if row.outcome_body else row.outcome.label


def _notes(row: LetterRow) -> str:
    parts = []
    if row.next_due is not None:
        parts.append(f"Hạn {row.next_rule}: {row.next_due:%d/%m/%Y}")
    if row.repeat_of:
        parts.append(f"Trùng đơn số {row.repeat_of}")
    return "\n".join(parts)


def cells(row: LetterRow) -> list[str | dt.date]:
    return [
        f"{row.number}/{row.year}",
        row.received_on,
        _source(row),
        f"{row.filer}\n{row.id_numbers}".strip(),
        row.content,
        row.letter_type.label,
        _outcome(row),
        row.outcome_on.strftime("%d/%m/%Y") if row.outcome_on else "",
        _notes(row),
    ]


# --- Excel -----------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADING_ROW = 6


def _cell(sheet: Any, value: CellValue, *, bold: bool = False, size: int = 11) -> Any:
    cell = text_safe_cell(sheet, value)
    cell.font = Font(name=FONT, size=size, bold=bold)
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    if isinstance(value, dt.date):
        cell.number_format = "dd/mm/yyyy"
    return cell


def write_letter_register_xlsx(register: LetterRegister, path: Path) -> Path:
    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet("Sổ đơn")
    for index, (_heading, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width * 0.62
    last = get_column_letter(len(COLUMNS))
    sheet.freeze_panes = f"A{HEADING_ROW + 2}"
    sheet.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.right.text = "Trang &P/&N"
    sheet.append([_cell(sheet, "ỦY BAN NHÂN DÂN", bold=True, size=12)])
    sheet.append([_cell(sheet, register.unit.ward_name.upper(), bold=True, size=12)])
    sheet.append([_cell(sheet, TITLE, bold=True, size=16)])
    sheet.append([_cell(sheet, register.period, size=12)])
    sheet.append([])
    for merged in (3, 4):
        sheet.merged_cells.add(f"A{merged}:{last}{merged}")
    heads = [_cell(sheet, heading, bold=True) for heading, _ in COLUMNS]
    numbers = [_cell(sheet, f"({n})", bold=True) for n in range(1, len(COLUMNS) + 1)]
    for cell in (*heads, *numbers):
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.append(heads)
    sheet.append(numbers)
    try:
        for row in register.rows:
            written = [_cell(sheet, value) for value in cells(row)]
            for cell in written:
                cell.border = _BOX
            sheet.append(written)
        if not register.rows:
            sheet.append([_cell(sheet, "Không có đơn nào trong kỳ này.")])
        workbook.save(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


# --- PDF -------------------------------------------------------------------------------


def write_letter_register_pdf(register: LetterRegister, path: Path) -> Path:
    font = register_pdf_fonts()
    cell = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9)
    centre = ParagraphStyle("centre", parent=cell, alignment=TA_CENTER)
    head = ParagraphStyle("head", parent=centre, fontName=font + "-Bold")
    title = ParagraphStyle("title", parent=head, fontSize=14, leading=18)

    def p(text: str, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    table_rows: list[list[Any]] = [
        [p(heading, head) for heading, _ in COLUMNS],
        [p(f"({n})", head) for n in range(1, len(COLUMNS) + 1)],
    ]
    for row in register.rows:
        table_rows.append(
            [
                p(value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else value)
                for value in cells(row)
            ]
        )
    if not register.rows:
        table_rows.append([p("Không có đơn nào trong kỳ này."), *[""] * (len(COLUMNS) - 1)])
    table = LongTable(table_rows, colWidths=[w * mm for _, w in COLUMNS], repeatRows=2)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.4, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 1), "#EEF1F6"),
            ]
        )
    )
    story = [
        p("ỦY BAN NHÂN DÂN<br/>" + escape(register.unit.ward_name.upper()), head),
        Spacer(1, 4 * mm),
        p(TITLE, title),
        p(register.period, centre),
        Spacer(1, 4 * mm),
        table,
    ]
    document = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=12 * mm,
        title=TITLE,
    )
    try:
        document.build(story)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
