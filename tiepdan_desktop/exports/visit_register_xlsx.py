"""The reception register as an Excel workbook laid out like Mẫu số 03: the
office's heading, the title and the period, the two heading rows («Hướng xử
lý» over (8)–(10)) and the column numbers, frozen and repeated on every
printed page; dates as real dates shown dd/mm/yyyy; A4 landscape, one page wide.

Streamed row by row (exports/xlsx_stream.py): a year of a large ward, a hundred
thousand rows, in constant memory and in about the time a bare writer takes
for the same values (BENCHMARKS.md).
"""

from __future__ import annotations

from pathlib import Path

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
from tiepdan_desktop.exports.xlsx_stream import (
    CellStyle,
    CellValue,
    PageSetup,
    XlsxStream,
    column_name,
)

HEADING_ROW, NUMBERS_ROW = 7, 9
WIDTH_SCALE = 0.62  # layout widths (mm on the PDF page) to Excel column widths
LAST_COLUMN = column_name(len(COLUMNS) - 1)
LINE_POINTS = 15.0  # one line of 11-point text
CHARACTERS_PER_WIDTH = 1.4  # Times New Roman letters per unit of column width (measured)
# Letters per line of each column; words wrap whole, so a line holds less than
# its width: keep a margin.
_PER_LINE = [max(int(c.width * WIDTH_SCALE * CHARACTERS_PER_WIDTH * 0.85), 1) for c in COLUMNS]
_CENTRED = {1, 6, 8}  # STT, kind and people, accepted: short values

# The cell styles, by index (0 is the workbook's default).
_STYLES = (
    CellStyle(),
    CellStyle(boxed=True, vertical="top", wrap=True),  # TEXT
    CellStyle(boxed=True, vertical="top", wrap=True, horizontal="center"),  # CENTRED
    CellStyle(boxed=True, vertical="top", horizontal="center", date=True),  # DATE
    CellStyle(
        bold=True,
        boxed=True,
        horizontal="center",
        vertical="center",
        wrap=True,
        fill="EEF1F6",
    ),  # HEADING
    CellStyle(size=12, bold=True, horizontal="center"),  # OFFICE
    CellStyle(size=16, bold=True, horizontal="center"),  # TITLE
    CellStyle(size=12, italic=True, horizontal="center"),  # PERIOD
)
TEXT, CENTRED, DATE, HEADING, OFFICE, TITLE_STYLE, PERIOD = range(1, 8)
_ROW_STYLES = [
    DATE if number == 2 else CENTRED if number in _CENTRED else TEXT
    for number in range(1, len(COLUMNS) + 1)
]


def _row_height(texts: list[str]) -> float:
    """Rows are sized here: spreadsheet programs do not size wrapped rows of a
    written file by themselves, and text would be cut off or overlap."""
    lines = 1
    for text, per_line in zip(texts, _PER_LINE, strict=True):
        if len(text) > per_line or "\n" in text:
            needed = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
            lines = max(lines, needed)
    return lines * LINE_POINTS + 3


def _merges() -> list[str]:
    merges = ["A1:D1", "A2:D2", f"A4:{LAST_COLUMN}4", f"A5:{LAST_COLUMN}5"]
    merges.append(f"H{HEADING_ROW}:J{HEADING_ROW}")  # «Hướng xử lý» over (8)–(10)
    for index, column in enumerate(COLUMNS):
        if not column.under_handling:
            letter = column_name(index)
            merges.append(f"{letter}{HEADING_ROW}:{letter}{HEADING_ROW + 1}")
    return merges


def _heading(book: XlsxStream, document: RegisterDocument) -> None:
    width = len(COLUMNS)
    first, second = document.office_lines
    book.row([first], [OFFICE])
    book.row([second], [OFFICE])
    book.skip()
    book.row([TITLE], [TITLE_STYLE])
    book.row([document.period], [PERIOD])
    book.skip()
    top: list[CellValue] = [
        (HANDLING_GROUP if c.number == 8 else None) if c.under_handling else c.heading
        for c in COLUMNS
    ]
    below: list[CellValue] = [c.heading if c.under_handling else None for c in COLUMNS]
    book.row(top, [HEADING] * width, 3 * LINE_POINTS)
    book.row(below, [HEADING] * width, 5 * LINE_POINTS)
    book.row([f"({c.number})" for c in COLUMNS], [HEADING] * width)


def write_register_xlsx(
    document: RegisterDocument, path: Path, progress: Progress | None = None
) -> Path:
    """Write the register of `document` to `path` (a partial file is removed)."""
    page = PageSetup(
        title_rows=(HEADING_ROW, NUMBERS_ROW),
        frozen_rows=NUMBERS_ROW,
        footer_left=FORM,
        footer_right="Trang &P/&N",
    )
    widths = [column.width * WIDTH_SCALE for column in COLUMNS]
    sheet = f"Sổ tiếp {document.date_from:%m-%Y}"
    with XlsxStream(path, sheet, _STYLES, widths, page, _merges()) as book:
        _heading(book, document)
        for register_row in rows_with_progress(document, progress):
            values: list[CellValue] = list(cells(register_row))
            texts = [value if isinstance(value, str) else "" for value in values]
            book.row(values, _ROW_STYLES, _row_height(texts))
        if not document.rows:
            book.row(["Không có lượt tiếp nào trong kỳ này."], [TEXT])
    return path
