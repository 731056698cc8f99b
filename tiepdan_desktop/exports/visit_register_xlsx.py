"""The reception register as an Excel workbook laid out like Mẫu số 03: the
office's heading, the title and the period, the two heading rows («Hướng xử
lý» over (8)–(10)) and the column numbers, frozen and repeated on every
printed page; dates as real dates shown dd/mm/yyyy; A4 landscape, one page wide.

Written in openpyxl's write-only mode, so a year of a large ward stays small
in memory: everything about the sheet is set before its first row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from tiepdan_desktop.exports.visit_register_layout import (
    COLUMNS,
    FORM,
    HANDLING_GROUP,
    TITLE,
    Progress,
    RegisterDocument,
    cells,
    rows_with_progress,
)
from tiepdan_desktop.exports.xlsx_cells import CellValue, text_safe_cell

FONT = "Times New Roman"  # the font of official documents; every office PC has it
HEADING_ROW, NUMBERS_ROW = 7, 9
WIDTH_SCALE = 0.62  # layout widths (mm on the PDF page) to Excel column widths
LAST_COLUMN = get_column_letter(len(COLUMNS))
# A write-only sheet hands page setup, merges and columns to an inner worksheet
# at run time; the type stubs do not know it, hence Any for the sheet.
Sheet = Any
Cell = Any
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _styles(workbook: Workbook) -> None:
    def add(name: str, font: Font, alignment: Alignment, **extra: object) -> None:
        style = NamedStyle(name=name, font=font, alignment=alignment)
        for key, value in extra.items():
            setattr(style, key, value)
        workbook.add_named_style(style)

    top_wrap = Alignment(vertical="top", wrap_text=True)
    centre_wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    add("o_van_ban", Font(name=FONT, size=11), top_wrap, border=_BOX)
    add(
        "o_giua",
        Font(name=FONT, size=11),
        Alignment(horizontal="center", vertical="top", wrap_text=True),
        border=_BOX,
    )
    add(
        "o_ngay",
        Font(name=FONT, size=11),
        Alignment(horizontal="center", vertical="top"),
        border=_BOX,
        number_format="dd/mm/yyyy",
    )
    add(
        "tieu_de_cot",
        Font(name=FONT, size=11, bold=True),
        centre_wrap,
        border=_BOX,
        fill=PatternFill("solid", fgColor="EEF1F6"),
    )
    add("co_quan", Font(name=FONT, size=12, bold=True), Alignment(horizontal="center"))
    add("ten_so", Font(name=FONT, size=16, bold=True), Alignment(horizontal="center"))
    add("ky", Font(name=FONT, size=12, italic=True), Alignment(horizontal="center"))


def _cell(sheet: Sheet, value: CellValue, style: str) -> Cell:
    cell = text_safe_cell(sheet, value)
    cell.style = style
    return cell


LINE_POINTS = 15.0  # one line of 11-point text
CHARACTERS_PER_WIDTH = 1.4  # Times New Roman letters per unit of column width (measured)


def _row_height(values: list[CellValue]) -> float:
    """Rows are sized here: spreadsheet programs do not size wrapped rows of a
    written file by themselves, and text would be cut off or overlap."""
    lines = 1
    for column, value in zip(COLUMNS, values, strict=True):
        if not isinstance(value, str) or not value:
            continue
        # Words wrap whole, so a line holds less than its width: keep a margin.
        per_line = max(int(column.width * WIDTH_SCALE * CHARACTERS_PER_WIDTH * 0.85), 1)
        needed = sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
        lines = max(lines, needed)
    return lines * LINE_POINTS + 3


def _set_up(sheet: Sheet) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width * WIDTH_SCALE
    sheet.freeze_panes = f"A{NUMBERS_ROW + 1}"
    sheet.print_title_rows = f"{HEADING_ROW}:{NUMBERS_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.left.text = FORM
    sheet.oddFooter.right.text = "Trang &P/&N"


def _heading(sheet: Sheet, document: RegisterDocument) -> None:
    first, second = document.office_lines
    sheet.append([_cell(sheet, first, "co_quan")])
    sheet.append([_cell(sheet, second, "co_quan")])
    sheet.append([])
    sheet.append([_cell(sheet, TITLE, "ten_so")])
    sheet.append([_cell(sheet, document.period, "ky")])
    sheet.append([])
    for row in (1, 2):
        sheet.merged_cells.add(f"A{row}:D{row}")
    for row in (4, 5):
        sheet.merged_cells.add(f"A{row}:{LAST_COLUMN}{row}")
    top, below = [], []
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        if column.under_handling:
            top.append(_cell(sheet, HANDLING_GROUP if column.number == 8 else None, "tieu_de_cot"))
            below.append(_cell(sheet, column.heading, "tieu_de_cot"))
        else:
            top.append(_cell(sheet, column.heading, "tieu_de_cot"))
            below.append(_cell(sheet, None, "tieu_de_cot"))
            sheet.merged_cells.add(f"{letter}{HEADING_ROW}:{letter}{HEADING_ROW + 1}")
    first_handling = get_column_letter(8)
    sheet.merged_cells.add(f"{first_handling}{HEADING_ROW}:{get_column_letter(10)}{HEADING_ROW}")
    sheet.row_dimensions[HEADING_ROW].height = 3 * LINE_POINTS
    sheet.row_dimensions[HEADING_ROW + 1].height = 5 * LINE_POINTS
    sheet.append(top)
    sheet.append(below)
    sheet.append([_cell(sheet, f"({c.number})", "tieu_de_cot") for c in COLUMNS])


_CENTRED = {1, 6, 8}  # STT, kind and people, accepted: short values


def _style_of(number: int, value: CellValue) -> str:
    if isinstance(value, dt.date):
        return "o_ngay"
    return "o_giua" if number in _CENTRED else "o_van_ban"


def write_register_xlsx(
    document: RegisterDocument, path: Path, progress: Progress | None = None
) -> Path:
    """Write the register of `document` to `path` (a partial file is removed)."""
    workbook = Workbook(write_only=True)
    _styles(workbook)
    sheet = workbook.create_sheet(f"Sổ tiếp {document.date_from:%m-%Y}")
    _set_up(sheet)
    _heading(sheet, document)
    stopped: BaseException | None = None
    try:
        for index, row in enumerate(rows_with_progress(document, progress)):
            values: list[CellValue] = list(cells(row))
            sheet.row_dimensions[NUMBERS_ROW + 1 + index].height = _row_height(values)
            sheet.append(
                [
                    _cell(sheet, value, _style_of(number, value))
                    for number, value in enumerate(values, start=1)
                ]
            )
        if not document.rows:
            sheet.append([_cell(sheet, "Không có lượt tiếp nào trong kỳ này.", "o_van_ban")])
    except BaseException as error:  # cancelled, or a row that could not be written
        stopped = error
    # Saving closes the sheet's streams even after a stop; the file is then removed.
    try:
        workbook.save(path)
    finally:
        if stopped is not None:
            path.unlink(missing_ok=True)
    if stopped is not None:
        raise stopped
    return path
