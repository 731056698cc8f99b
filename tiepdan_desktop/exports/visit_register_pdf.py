"""The reception register as a PDF in the layout of Mẫu số 03: A4 landscape, the
office's heading and the title on the first page, the column headings and the
column numbers (1)…(12) repeated on every page, "Trang x/y" at the foot, and
the bundled Noto Sans embedded so Vietnamese prints the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from tiepdan_desktop.exports.pdf_fonts import PDF_FONT, register_pdf_fonts
from tiepdan_desktop.exports.pdf_text import LineBreaker
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

PAGE = landscape(A4)
MARGIN = 10 * mm
# Rows per table: about a page of them.  A table is laid out again each time a
# page breaks it, so longer ones would cost more with every page they span.
ROWS_PER_TABLE = 20
HEADING_FORM = "column_headings"


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no types
    """Writes "Trang x/y" once the number of pages is known (at save)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(register_pdf_fonts(), 8)
            self.drawRightString(PAGE[0] - MARGIN, 6 * mm, f"Trang {self._pageNumber}/{total}")
            self.drawString(MARGIN, 6 * mm, FORM)
            super().showPage()
        super().save()


def _styles() -> dict[str, ParagraphStyle]:
    font = register_pdf_fonts()
    base = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9)
    return {
        "cell": base,
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
        "head": ParagraphStyle(
            "head", parent=base, fontName=font + "-Bold", alignment=TA_CENTER, fontSize=7.5
        ),
        "office": ParagraphStyle(
            "office",
            parent=base,
            fontName=font + "-Bold",
            fontSize=10,
            leading=13,
            alignment=TA_CENTER,
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=font + "-Bold",
            fontSize=15,
            leading=20,
            alignment=TA_CENTER,
            spaceBefore=6,
        ),
        "period": ParagraphStyle(
            "period",
            parent=base,
            fontName=font + "-Italic",
            fontSize=10,
            leading=13,
            alignment=TA_CENTER,
        ),
    }


def _paragraph(value: object, style: ParagraphStyle) -> Paragraph:
    if isinstance(value, dt.date):
        text = f"{value:%d/%m/%Y}"
    else:
        text = escape(str(value)).replace("\n", "<br/>")
    return Paragraph(text, style)


def _heading_rows(styles: dict[str, ParagraphStyle]) -> list[list[object]]:
    """Two heading rows ((8)–(10) under «Hướng xử lý») and the numbers row."""
    top: list[object] = []
    below: list[object] = []
    for column in COLUMNS:
        if column.under_handling:
            top.append(_paragraph(HANDLING_GROUP, styles["head"]) if column.number == 8 else "")
            below.append(_paragraph(column.heading, styles["head"]))
        else:
            top.append(_paragraph(column.heading, styles["head"]))
            below.append("")
    numbers: list[object] = [_paragraph(f"({c.number})", styles["head"]) for c in COLUMNS]
    return [top, below, numbers]


def _heading_table(styles: dict[str, ParagraphStyle]) -> Table:
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), register_pdf_fonts()),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef1f6")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("SPAN", (7, 0), (9, 0)),  # «Hướng xử lý» over (8)–(10)
    ]
    for index, column in enumerate(COLUMNS):
        if not column.under_handling:
            commands.append(("SPAN", (index, 0), (index, 1)))
    return Table(_heading_rows(styles), colWidths=column_widths(), style=TableStyle(commands))


BODY_SIZE, BODY_LEADING = 7.5, 9.0
_CELL_PADDING = 5.0  # left and right
_VERTICAL_PADDING = 6.0  # reportlab's 3 above and 3 below
SHORT_CELL = 60  # characters
_CENTRED = (0, 1, 5, 7)  # STT, date, kind/people, accepted: short centred values
_BODY_STYLE = TableStyle(
    [
        # Empty cells are drawn in the table's font: not Helvetica (unembedded).
        ("FONT", (0, 0), (-1, -1), PDF_FONT, BODY_SIZE, BODY_LEADING),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        *(("ALIGN", (column, 0), (column, -1), "CENTER") for column in _CENTRED),
    ]
)


class CellText:
    """The PDF text operators of plain-text cells, for one document.  Each line
    is encoded into the embedded font's subsets once (dates, kinds and marks
    recur on every page); a cell is one BT…ET with a line per T*, what reportlab
    writes for it, without building a text object per cell.  The encodings are
    dropped with the document: nothing printed stays in memory.  Like reportlab's
    own text object, it uses the font's subsets and the canvas's document
    (`canvas._doc`): reportlab is pinned below 6 in pyproject.toml."""

    def __init__(self, font_name: str, size: float, leading: float) -> None:
        self._font = pdfmetrics.getFont(font_name)
        self._size = f"{fp_str(size)} Tf"
        self._leading = f"{fp_str(leading)} TL"
        self._document: object = None
        self._encoded: dict[str, tuple[tuple[int, str], ...]] = {}

    def _encode(self, line: str) -> tuple[tuple[int, str], ...]:
        encoded = self._encoded.get(line)
        if encoded is None:
            encoded = self._encoded[line] = tuple(
                (subset, escapePDF(chunk))
                for subset, chunk in self._font.splitString(line, self._document)
            )
        return encoded

    def draw(self, canvas: Canvas, x: float, y: float, text: str) -> None:
        if canvas._doc is not self._document:  # a new document: its own subsets
            self._document, self._encoded = canvas._doc, {}
        # The leading is set first: a cell whose first line is blank moves down
        # (T*) before any font, and so before any line spacing, is set.
        code = [f"BT 1 0 0 1 {fp_str(x, y)} Tm {self._leading}"]
        current = -1
        for line in text.split("\n"):
            for subset, escaped in self._encode(line):
                if subset != current:
                    name = self._font.getSubsetInternalName(subset, self._document)
                    code.append(f"{name} {self._size}")
                    current = subset
                code.append(f"({escaped}) Tj")
            code.append("T*")
        code.append("ET")
        canvas.addLiteral(" ".join(code))


class _TextTable(Table):  # type: ignore[misc]  # reportlab has no types
    """A table of plain text cells drawn a cell at a time by a CellText,
    nothing for an empty cell; rows as high as their lines (known beforehand,
    so reportlab does not measure each cell again)."""

    def __init__(
        self, rows: list[list[object]], text: CellText | None = None, **kwargs: Any
    ) -> None:
        super().__init__(rows, **kwargs)
        self._text = text

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The pieces of a table a page breaks (reportlab makes them without
        the cell writer) draw with this one's."""
        pieces: list[Flowable] = super().split(available_width, available_height)
        for piece in pieces:
            if isinstance(piece, _TextTable):
                piece._text = self._text
        return pieces

    def _drawCell(
        self, value: object, style: Any, position: tuple[float, float], size: tuple[float, float]
    ) -> None:
        if value == "":
            return
        if (
            self._text is None
            or not isinstance(value, str)
            or style.alignment != "LEFT"
            or style.valign != "TOP"
            or style.fontname != PDF_FONT
        ):
            super()._drawCell(value, style, position, size)
            return
        x = position[0] + style.leftPadding
        y = position[1] + size[1] - style.topPadding - style.fontsize
        self._text.draw(self.canv, x, y, value)


def column_widths() -> list[float]:
    usable = PAGE[0] - 2 * MARGIN
    total = sum(c.width for c in COLUMNS)
    return [usable * c.width / total for c in COLUMNS]


# A row is never split across pages, except one taller than a page: its cells
# continue in rows below it, so a very long content cannot stop the printing.
ROW_LIMIT = 120 * mm
_LINES_PER_PIECE = int((ROW_LIMIT - 6) // BODY_LEADING)


def _fitted(cells_lines: list[list[str]]) -> list[tuple[list[object], float]]:
    """One table row and its height, or for a row taller than ROW_LIMIT, its
    lines in several."""
    depth = max(len(lines) for lines in cells_lines)
    return [
        (
            ["\n".join(lines[start : start + _LINES_PER_PIECE]) for lines in cells_lines],
            min(depth - start, _LINES_PER_PIECE) * BODY_LEADING + _VERTICAL_PADDING,
        )
        for start in range(0, depth, _LINES_PER_PIECE)
    ]


def _tables(
    document: RegisterDocument, styles: dict[str, ParagraphStyle], progress: Progress | None
) -> Iterable[Flowable]:
    """One table per block of rows; building them is the first half of the work.
    Cells are plain text broken into lines here (exports/pdf_text.py)."""
    total = len(document.rows)

    def halved(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, 2 * total)

    widths = column_widths()
    block: list[list[object]] = []
    heights: list[float | None] = []
    text = CellText(PDF_FONT, BODY_SIZE, BODY_LEADING)
    breaker = LineBreaker(PDF_FONT, BODY_SIZE)
    # Short cells recur (kinds, marks, the officers' notes): each is broken once.
    # Long ones (contents, names and addresses) are each their own: not kept.
    broken: dict[tuple[object, float], list[str]] = {}

    def lines_of(value: object, width: float) -> list[str]:
        text = f"{value:%d/%m/%Y}" if isinstance(value, dt.date) else str(value)
        if len(text) > SHORT_CELL:
            return breaker.lines(text, width - _CELL_PADDING)
        key = (text, width)
        if key not in broken:
            broken[key] = breaker.lines(text, width - _CELL_PADDING)
        return broken[key]

    def table() -> Table:
        return _TextTable(block, text, colWidths=widths, rowHeights=heights, style=_BODY_STYLE)

    for row in rows_with_progress(document, halved):
        for fitted, height in _fitted(
            [lines_of(value, width) for value, width in zip(cells(row), widths, strict=True)]
        ):
            block.append(fitted)
            heights.append(height)
        if len(block) >= ROWS_PER_TABLE:
            yield table()
            block, heights = [], []
    if block or not document.rows:
        if not document.rows:
            block = [
                [_paragraph("Không có lượt tiếp nào trong kỳ này.", styles["cell"])] + [""] * 11
            ]
            heights = [None]  # reportlab measures the paragraph
        yield table()


class _RegisterTemplate(BaseDocTemplate):  # type: ignore[misc]
    """Pages whose top (the title on the first, the column headings on all) is
    drawn by the page itself, so the headings come exactly once per page however
    the row tables fall; reports the rows laid out so far (the second half of the
    work)."""

    def __init__(
        self,
        path: str,
        top: list[Flowable],
        heading: Table,
        progress: Progress | None,
        total: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(path, pagesize=PAGE, **kwargs)
        self._progress, self._total, self._drawn = progress, total, 0
        width = PAGE[0] - 2 * MARGIN
        self._top = [(f, f.wrap(width, PAGE[1])[1]) for f in top]
        self._heading = heading
        self._heading_drawn = False
        heading_height = self._heading_height = heading.wrap(width, PAGE[1])[1]
        title_height = sum(height for _f, height in self._top)

        def frame(name: str, above: float) -> Frame:
            height = PAGE[1] - MARGIN - above - heading_height - self.bottomMargin
            return Frame(
                MARGIN,
                self.bottomMargin,
                width,
                height,
                id=name,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )

        self.addPageTemplates(
            [
                PageTemplate("first", [frame("first", title_height)], onPage=self._draw_top),
                PageTemplate("later", [frame("later", 0)], onPage=self._draw_heading),
            ]
        )

    def _draw_top(self, canvas: Canvas, _document: object) -> None:
        y = PAGE[1] - MARGIN
        for flowable, height in self._top:
            y -= height
            flowable.drawOn(canvas, MARGIN, y)
        self._draw_heading(canvas, _document, y)

    def _draw_heading(self, canvas: Canvas, _document: object, top: float | None = None) -> None:
        """The column headings, drawn once into a form the pages then show: a
        hundred pages cost one heading, not a hundred."""
        if not self._heading_drawn:
            width = PAGE[0] - 2 * MARGIN
            canvas.beginForm(HEADING_FORM, 0, 0, width, self._heading_height)
            self._heading.drawOn(canvas, 0, 0)
            canvas.endForm()
            self._heading_drawn = True
        canvas.saveState()
        canvas.translate(MARGIN, (PAGE[1] - MARGIN if top is None else top) - self._heading_height)
        canvas.doForm(HEADING_FORM)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Table) and self._progress is not None:
            self._drawn += len(flowable._cellvalues)
            self._progress(self._total + min(self._drawn, self._total), 2 * self._total)


def write_register_pdf(
    document: RegisterDocument, path: Path, progress: Progress | None = None
) -> Path:
    """Write the register of `document` to `path` (a partial file is removed)."""
    styles = _styles()
    first, second = document.office_lines
    top: list[Flowable] = [
        _paragraph(first, styles["office"]),
        _paragraph(second, styles["office"]),
        _paragraph(TITLE, styles["title"]),
        _paragraph(document.period, styles["period"]),
        Spacer(1, 4 * mm),
    ]
    story: list[Flowable] = [NextPageTemplate("later")]
    story.extend(_tables(document, styles, progress))
    template = _RegisterTemplate(
        str(path),
        top,
        _heading_table(styles),
        progress=progress,
        total=len(document.rows),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=12 * mm,
        title=f"{TITLE} – {document.unit.name}",
        author=document.unit.name,
        subject=document.period,
    )
    try:
        template.build(story, canvasmaker=_NumberedCanvas)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
