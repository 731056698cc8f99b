"""A report form as an Excel workbook laid out like the official table.

Head (unit, form number, title, "Số liệu tính từ ngày … đến ngày …"), the
merged multi-level header, the column-number row, the total row and the
unit's row, then the signature block.  Columns that are sums of others hold
live formulas, so an official who corrects a figure by hand sees the totals
follow.  A4 landscape, header rows repeated on every page.  Further sheets:
the changes since the report was frozen, and the letter list annex.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from tiepdan_desktop.domain.report_records import ReportRun
from tiepdan_desktop.exports.report_layout import (
    ANNEX_COLUMNS,
    CHANGE_COLUMNS,
    LEAD_COLUMNS,
    form_line,
    frozen_line,
    header_boxes,
    office_line,
    place_and_date,
    regime_line,
)
from tiepdan_desktop.exports.xlsx_stream import CellValue

FONT = "Times New Roman"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)

HEADER_TOP = 8  # the first header row
LEAD = len(LEAD_COLUMNS)


def _letter(form_column: int) -> str:
    return get_column_letter(form_column + LEAD)


def _put(
    sheet: Worksheet,
    row: int,
    column: int,
    value: CellValue,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 11,
    align: Alignment = _CENTER,
    last_column: int | None = None,
) -> None:
    if last_column is not None and last_column > column:
        sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=last_column)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = sheet.cell(row=row, column=column, value=value)
    cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
    cell.alignment = align


def _head(sheet: Worksheet, run: ReportRun, table_width: int) -> None:
    # A narrow form still gets room for the office and the form number side by side.
    width = max(table_width, 9)
    third = width // 3
    _put(sheet, 1, 1, office_line(run), bold=True, last_column=third)
    _put(sheet, 1, width - third + 1, form_line(run), bold=True, last_column=width)
    _put(sheet, 2, width - third + 1, regime_line(run), italic=True, size=9, last_column=width)
    _put(sheet, 4, 1, run.spec.title, bold=True, size=13, last_column=width)
    _put(sheet, 5, 1, f"Kỳ báo cáo: {run.period.title}", italic=True, last_column=width)
    _put(sheet, 6, 1, run.period.data_range, italic=True, last_column=width)
    if line := frozen_line(run):
        _put(sheet, 7, 1, line, italic=True, size=10, last_column=width)


def _header(sheet: Worksheet, run: ReportRun) -> int:
    """Writes the header tree and the number row; returns the number row."""
    depth = run.spec.depth
    bottom = HEADER_TOP + depth - 1
    for index, text in enumerate(LEAD_COLUMNS, start=1):
        sheet.merge_cells(
            start_row=HEADER_TOP, start_column=index, end_row=bottom, end_column=index
        )
        _put(sheet, HEADER_TOP, index, text, bold=True, size=10)
    for box in header_boxes(run.spec):
        top, low = HEADER_TOP + box.row, HEADER_TOP + box.last_row
        first, last = box.first + LEAD, box.last + LEAD
        if (top, first) != (low, last):
            sheet.merge_cells(start_row=top, start_column=first, end_row=low, end_column=last)
        _put(sheet, top, first, box.text, bold=True, size=10)
    numbers = bottom + 1
    _put(sheet, numbers, 1, "A", italic=True, size=10)
    _put(sheet, numbers, 2, "B", italic=True, size=10)
    for column in run.spec.columns:
        label = str(column.number)
        if column.parts:
            label += "=" + "+".join(str(part) for part in column.parts)
        _put(sheet, numbers, column.number + LEAD, label, italic=True, size=10)
    for row in sheet.iter_rows(min_row=HEADER_TOP, max_row=numbers, max_col=len(run.cells) + LEAD):
        for cell in row:
            cell.border = _BOX
    return numbers


def _figures(sheet: Worksheet, run: ReportRun, total_row: int) -> None:
    unit_row = total_row + 1
    _put(sheet, total_row, 2, "Tổng cộng", bold=True)
    _put(sheet, unit_row, 1, 1)
    _put(sheet, unit_row, 2, run.unit.name, align=_LEFT)
    for column in run.spec.columns:
        letter = _letter(column.number)
        number_format = "#,##0" if column.decimals == 0 else "#,##0." + "0" * column.decimals
        if column.parts:
            formula = "+".join(f"{_letter(part)}{unit_row}" for part in column.parts)
            unit_value: CellValue = f"={formula}"
        else:
            value = run.cells[column.number].value
            unit_value = int(value) if value == int(value) else value
        _put(sheet, unit_row, column.number + LEAD, unit_value)
        _put(
            sheet,
            total_row,
            column.number + LEAD,
            f"=SUM({letter}{unit_row}:{letter}{unit_row})",
            bold=True,
        )
        for figure_row in (total_row, unit_row):
            sheet.cell(row=figure_row, column=column.number + LEAD).number_format = number_format
    for cells in sheet.iter_rows(
        min_row=total_row, max_row=unit_row, max_col=len(run.cells) + LEAD
    ):
        for cell in cells:
            cell.border = _BOX


def _signatures(sheet: Worksheet, run: ReportRun, row: int, width: int) -> None:
    half = width // 2
    if run.spec.note:
        _put(
            sheet,
            row,
            1,
            f"Ghi chú: {run.spec.note}",
            italic=True,
            size=10,
            align=_LEFT,
            last_column=width,
        )
        sheet.row_dimensions[row].height = 30
        row += 1
    for ratio in run.ratios:
        _put(sheet, row, 1, ratio.text(), size=10, align=_LEFT, last_column=width)
        row += 1
    row += 1
    _put(sheet, row, half + 1, place_and_date(run), italic=True, last_column=width)
    _put(sheet, row + 1, 1, "NGƯỜI LẬP BIỂU", bold=True, last_column=half)
    _put(sheet, row + 1, half + 1, "CHỦ TỊCH", bold=True, last_column=width)
    _put(sheet, row + 2, 1, "(Ký, ghi rõ họ tên)", italic=True, size=10, last_column=half)
    _put(
        sheet,
        row + 2,
        half + 1,
        "(Ký, ghi rõ họ tên, đóng dấu)",
        italic=True,
        size=10,
        last_column=width,
    )
    _put(sheet, row + 6, 1, run.prepared_by, bold=True, last_column=half)
    _put(sheet, row + 6, half + 1, run.unit.chairman_name, bold=True, last_column=width)


def _print_setup(sheet: Worksheet, header_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_title_rows = header_rows


def _form_sheet(sheet: Worksheet, run: ReportRun) -> None:
    width = len(run.cells) + LEAD
    sheet.title = run.spec.code.replace("/", "-")
    _head(sheet, run, width)
    numbers = _header(sheet, run)
    _figures(sheet, run, numbers + 1)
    _signatures(sheet, run, numbers + 4, width)
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 24
    for column in run.spec.columns:
        sheet.column_dimensions[_letter(column.number)].width = 7 if len(run.cells) > 20 else 11
    for level in range(run.spec.depth):
        sheet.row_dimensions[HEADER_TOP + level].height = 48
    sheet.row_dimensions[4].height = 22
    sheet.row_dimensions[numbers].height = 42  # "3=6+7+15+16+24+25" wraps to three lines
    _print_setup(sheet, f"{HEADER_TOP}:{numbers}")
    sheet.freeze_panes = f"{get_column_letter(LEAD + 1)}{numbers + 1}"


def _changes_sheet(workbook: Workbook, run: ReportRun) -> None:
    sheet = workbook.create_sheet("Thay đổi sau khi chốt")
    for index, text in enumerate(CHANGE_COLUMNS, start=1):
        _put(sheet, 1, index, text, bold=True)
    for row, change in enumerate(run.changes, start=2):
        values: tuple[CellValue, ...] = (
            change.number,
            change.label,
            change.frozen,
            change.current,
            ", ".join(change.added),
            ", ".join(change.removed),
        )
        for index, value in enumerate(values, start=1):
            _put(sheet, row, index, value, align=_LEFT, size=10)
    for letter, width in zip("ABCDEF", (6, 45, 10, 10, 45, 45), strict=True):
        sheet.column_dimensions[letter].width = width
    _print_setup(sheet, "1:1")


def _annex_sheet(workbook: Workbook, run: ReportRun) -> None:
    sheet = workbook.create_sheet("Danh sách đơn")
    _put(sheet, 1, 1, f"DANH SÁCH ĐƠN — {run.period.data_range}", bold=True, last_column=8)
    for index, text in enumerate(ANNEX_COLUMNS, start=1):
        _put(sheet, 2, index, text, bold=True, size=10)
        sheet.cell(row=2, column=index).border = _BOX
    for row, line in enumerate(run.annex or (), start=3):
        values: tuple[CellValue, ...] = (
            line.number,
            line.received_on,
            line.filer,
            line.address,
            line.content,
            line.letter_type,
            line.processing,
            line.resolution,
        )
        for index, value in enumerate(values, start=1):
            _put(sheet, row, index, value, size=10, align=_LEFT)
            sheet.cell(row=row, column=index).border = _BOX
        sheet.cell(row=row, column=2).number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGH", (9, 11, 24, 24, 50, 14, 20, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    _print_setup(sheet, "2:2")


def write_report_xlsx(run: ReportRun, path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    _form_sheet(sheet, run)
    if run.changes and not run.frozen_figures:
        _changes_sheet(workbook, run)
    if run.annex is not None:
        _annex_sheet(workbook, run)
    workbook.properties.title = f"{run.spec.code} — {run.period.title}"
    workbook.properties.creator = run.unit.name
    workbook.save(path)
    return path
