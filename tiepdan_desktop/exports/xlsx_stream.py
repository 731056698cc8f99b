"""A one-sheet Excel workbook (.xlsx, Office Open XML) written row by row.

For the registers' long exports: the sheet's XML is streamed into the zip as
rows come, each row one string built at once, text as inline strings and the
handful of cell styles fixed in advance.  No cell objects, no shared-string
table, constant memory: a hundred thousand rows are written faster than a
general library writes the same bare values (BENCHMARKS.md), and the file
opens in Excel and LibreOffice as any other.

Text is always text (never read as a formula or a number); characters XML
cannot hold are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Self

CellValue = str | int | float | dt.date | None

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_FORMAT_ID = 164  # the first number format id free for a workbook's own
ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CELL_TEXT_LIMIT = 32_767  # characters a cell holds in Excel
ROW_HEIGHT_LIMIT = 409  # points


@dataclass(frozen=True)
class CellStyle:
    font: str = "Times New Roman"
    size: float = 11
    bold: bool = False
    italic: bool = False
    boxed: bool = False  # a thin black border on all sides
    fill: str | None = None  # RRGGBB
    horizontal: str | None = None  # "center", …
    vertical: str | None = None  # "top", "center"
    wrap: bool = False
    date: bool = False  # shown dd/mm/yyyy

    def font_xml(self) -> str:
        marks = ("<b/>" if self.bold else "") + ("<i/>" if self.italic else "")
        return f'<font>{marks}<sz val="{self.size:g}"/><name val="{_escape(self.font)}"/></font>'


@dataclass(frozen=True)
class PageSetup:
    landscape: bool = True
    paper: int = 9  # A4
    fit_width: bool = True  # one page wide, as many tall as needed
    title_rows: tuple[int, int] | None = None  # printed on every page (1-based)
    frozen_rows: int = 0
    # Footers in the spreadsheet's own codes: &P the page, &N the pages, && an "&".
    footer_left: str = ""
    footer_right: str = ""


def column_name(index: int) -> str:
    """A, B, …, Z, AA, … for column `index` (from 0)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


class XlsxStream:
    """with XlsxStream(path, sheet, styles, widths, page, merges) as book: book.row(…)

    `styles[0]` is the workbook's default; a cell names its style by its index.
    A stop (an exception) inside the block leaves no file behind."""

    def __init__(
        self,
        path: Path,
        sheet_name: str,
        styles: Sequence[CellStyle],
        widths: Sequence[float],
        page: PageSetup,
        merges: Sequence[str] = (),
    ) -> None:
        self.path = path
        self._sheet_name = sheet_name[:31]
        self._styles = list(styles)
        self._widths = list(widths)
        self._page = page
        self._merges = list(merges)
        self._letters = [column_name(i) for i in range(max(len(widths), 1) + 64)]
        self._number = 0
        self._zip: zipfile.ZipFile | None = None
        self._sheet: IO[bytes] | None = None
        self._buffer: list[str] = []

    def __enter__(self) -> Self:
        self._zip = zipfile.ZipFile(self.path, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._write(_HEAD + self._sheet_start())
        return self

    def __exit__(self, kind: object, error: object, _trace: object) -> None:
        try:
            if error is None:
                self._finish()
        finally:
            if self._sheet is not None and not self._sheet.closed:
                self._sheet.close()
            if self._zip is not None:
                self._zip.close()
            if error is not None:
                self.path.unlink(missing_ok=True)

    # --- rows ------------------------------------------------------------------------------

    def row(
        self,
        values: Sequence[CellValue],
        styles: Sequence[int],
        height: float | None = None,
    ) -> None:
        """The next row: each value in its style (None: an empty, styled cell).
        Characters a workbook cannot hold are dropped, text beyond a cell's limit cut."""
        if ILLEGAL_CHARACTERS.search("".join(v for v in values if isinstance(v, str))):
            values = [ILLEGAL_CHARACTERS.sub("", v) if isinstance(v, str) else v for v in values]
        self._number += 1
        number = str(self._number)
        letters = self._letters
        if height is not None:
            height = min(height, ROW_HEIGHT_LIMIT)
        parts = [
            f'<row r="{number}" ht="{height:g}" customHeight="1">'
            if height is not None
            else f'<row r="{number}">'
        ]
        for column, (value, style) in enumerate(zip(values, styles, strict=True)):
            where = letters[column] + number
            if isinstance(value, str):
                if value:
                    parts.append(
                        f'<c r="{where}" s="{style}" t="inlineStr"><is>'
                        f'<t xml:space="preserve">{_escape(value[:CELL_TEXT_LIMIT])}</t></is></c>'
                    )
                else:
                    parts.append(f'<c r="{where}" s="{style}"/>')
            elif isinstance(value, dt.date):
                serial = _serial(value) if isinstance(value, dt.datetime) else _days(value)
                parts.append(f'<c r="{where}" s="{style}"><v>{serial}</v></c>')
            elif value is None:
                parts.append(f'<c r="{where}" s="{style}"/>')
            else:
                parts.append(f'<c r="{where}" s="{style}"><v>{value}</v></c>')
        parts.append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= 500:
            self._flush()

    def skip(self, rows: int = 1) -> None:
        self._number += rows

    @property
    def rows_written(self) -> int:
        return self._number

    # --- the parts of the file -------------------------------------------------------------

    def _write(self, text: str) -> None:
        assert self._sheet is not None
        self._sheet.write(text.encode("utf-8"))

    def _flush(self) -> None:
        if self._buffer:
            self._write("".join(self._buffer))
            self._buffer.clear()

    def _sheet_start(self) -> str:
        page = self._page
        fit = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if page.fit_width else ""
        if page.frozen_rows:
            below = page.frozen_rows + 1
            view = (
                f'<sheetView workbookViewId="0"><pane ySplit="{page.frozen_rows}" '
                f'topLeftCell="A{below}" activePane="bottomLeft" state="frozen"/>'
                f'<selection pane="bottomLeft" activeCell="A{below}" sqref="A{below}"/>'
                "</sheetView>"
            )
        else:
            view = '<sheetView workbookViewId="0"/>'
        columns = "".join(
            f'<col min="{i}" max="{i}" width="{width:.2f}" customWidth="1"/>'
            for i, width in enumerate(self._widths, start=1)
        )
        return (
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">{fit}'
            f'<sheetViews>{view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f"<cols>{columns}</cols><sheetData>"
        )

    def _sheet_end(self) -> str:
        page = self._page
        merges = (
            f'<mergeCells count="{len(self._merges)}">'
            + "".join(f'<mergeCell ref="{ref}"/>' for ref in self._merges)
            + "</mergeCells>"
            if self._merges
            else ""
        )
        setup = (
            f'<pageSetup paperSize="{page.paper}" '
            f'orientation="{"landscape" if page.landscape else "portrait"}"'
            + (' fitToWidth="1" fitToHeight="0"' if page.fit_width else "")
            + "/>"
        )
        footer = ""
        if page.footer_left or page.footer_right:
            text = (f"&L{page.footer_left}" if page.footer_left else "") + (
                f"&R{page.footer_right}" if page.footer_right else ""
            )
            footer = f"<headerFooter><oddFooter>{_escape(text)}</oddFooter></headerFooter>"
        return (
            f"</sheetData>{merges}"
            '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" '
            f'footer="0.3"/>{setup}{footer}</worksheet>'
        )

    def _finish(self) -> None:
        assert self._zip is not None and self._sheet is not None
        self._flush()
        self._write(self._sheet_end())
        self._sheet.close()
        parts = {
            "[Content_Types].xml": self._content_types(),
            "_rels/.rels": (
                f'<Relationships xmlns="{_PACKAGE}/relationships">'
                f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>'
            ),
            "xl/_rels/workbook.xml.rels": (
                f'<Relationships xmlns="{_PACKAGE}/relationships">'
                f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" '
                'Target="worksheets/sheet1.xml"/>'
                f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
                "</Relationships>"
            ),
            "xl/workbook.xml": self._workbook(),
            "xl/styles.xml": self._styles_xml(),
        }
        for name, text in parts.items():
            self._zip.writestr(name, _HEAD + text)

    def _content_types(self) -> str:
        def override(part: str, kind: str) -> str:
            return f'<Override PartName="{part}" ContentType="{kind}"/>'

        return (
            f'<Types xmlns="{_PACKAGE}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + override("/xl/workbook.xml", f"{_OFFICE}.sheet.main+xml")
            + override("/xl/worksheets/sheet1.xml", f"{_OFFICE}.worksheet+xml")
            + override("/xl/styles.xml", f"{_OFFICE}.styles+xml")
            + "</Types>"
        )

    def _workbook(self) -> str:
        name = _escape_attribute(self._sheet_name)
        titles = ""
        if self._page.title_rows is not None:
            first, last = self._page.title_rows
            quoted = _escape(self._sheet_name.replace("'", "''"))
            titles = (
                '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'
                f"'{quoted}'!${first}:${last}</definedName></definedNames>"
            )
        return (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><bookViews>'
            '<workbookView activeTab="0"/></bookViews>'
            f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>{titles}</workbook>'
        )

    def _styles_xml(self) -> str:
        fonts: list[str] = []
        fills = ['<fill><patternFill patternType="none"/></fill>',
                 '<fill><patternFill patternType="gray125"/></fill>']  # fmt: skip
        cells: list[str] = []
        for style in self._styles:
            font = style.font_xml()
            if font not in fonts:
                fonts.append(font)
            fill_id = 0
            if style.fill:
                fill = (
                    '<fill><patternFill patternType="solid">'
                    f'<fgColor rgb="FF{style.fill}"/><bgColor indexed="64"/></patternFill></fill>'
                )
                if fill not in fills:
                    fills.append(fill)
                fill_id = fills.index(fill)
            alignment = "".join(
                f' {name}="{value}"'
                for name, value in (
                    ("horizontal", style.horizontal),
                    ("vertical", style.vertical),
                    ("wrapText", "1" if style.wrap else None),
                )
                if value
            )
            cells.append(
                f'<xf numFmtId="{_DATE_FORMAT_ID if style.date else 0}" '
                f'fontId="{fonts.index(font)}" fillId="{fill_id}" '
                f'borderId="{1 if style.boxed else 0}" xfId="0" applyFont="1"'
                + (' applyNumberFormat="1"' if style.date else "")
                + (' applyFill="1"' if fill_id else "")
                + (' applyBorder="1"' if style.boxed else "")
                + (f' applyAlignment="1"><alignment{alignment}/></xf>' if alignment else "/>")
            )
        side = '<{0} style="thin"><color rgb="FF000000"/></{0}>'
        box = "".join(side.format(name) for name in ("left", "right", "top", "bottom"))
        return (
            f'<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="1"><numFmt numFmtId="{_DATE_FORMAT_ID}" formatCode="dd/mm/yyyy"/>'
            f'</numFmts><fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
            f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
            '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            f"<border>{box}<diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(cells)}">{"".join(cells)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


def _days(day: dt.date) -> int:
    return (day - _EXCEL_EPOCH).days


def _serial(moment: dt.datetime) -> float:
    """A date and time as Excel's day number with the time as its fraction."""
    delta = moment - dt.datetime.combine(_EXCEL_EPOCH, dt.time())
    return delta.days + delta.seconds / 86_400
