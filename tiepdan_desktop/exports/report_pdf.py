"""A report form as a PDF: the official table on A4 landscape in a Times face
(embedded), the signature block, then a summary page with the ratios and the
charts, the changes since the report was frozen and the letter list annex."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from tiepdan_desktop.domain.report_figures import format_number
from tiepdan_desktop.domain.report_records import ReportRun
from tiepdan_desktop.exports.pdf_fonts import register_serif_fonts
from tiepdan_desktop.exports.report_charts import on_time_chart, outcomes_chart, visits_chart
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

PAGE = landscape(A4)
MARGIN = 10 * mm
WIDTH = PAGE[0] - 2 * MARGIN
LEAD_WIDTHS = (8 * mm, 32 * mm)
ANNEX_ROWS_PER_TABLE = 300


def _styles(columns: int) -> dict[str, ParagraphStyle]:
    font = register_serif_fonts()
    # A wide form's columns are about 9 mm: "123.456" must fit on one line.
    size = 6.5 if columns > 20 else 8
    figures = size if columns > 20 else size + 1
    base = ParagraphStyle("base", fontName=font, fontSize=11, leading=13, alignment=TA_CENTER)
    return {
        "office": ParagraphStyle("office", parent=base, fontName=font + "-Bold"),
        "form": ParagraphStyle("form", parent=base, fontName=font + "-Bold", fontSize=10),
        "small": ParagraphStyle("small", parent=base, fontName=font + "-Italic", fontSize=8.5),
        "title": ParagraphStyle(
            "title", parent=base, fontName=font + "-Bold", fontSize=13, leading=16
        ),
        "italic": ParagraphStyle("italic", parent=base, fontName=font + "-Italic"),
        "head": ParagraphStyle(
            "head", parent=base, fontName=font + "-Bold", fontSize=size, leading=size + 1.2
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=figures, leading=figures + 1.5),
        "left": ParagraphStyle(
            "left", parent=base, fontSize=figures, leading=figures + 1.5, alignment=TA_LEFT
        ),
        "text": ParagraphStyle("text", parent=base, fontSize=10, alignment=TA_LEFT),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=font + "-Bold",
            fontSize=11,
            alignment=TA_LEFT,
            spaceBefore=6,
            spaceAfter=4,
        ),
        "sign": ParagraphStyle("sign", parent=base, fontName=font + "-Bold"),
        "annex": ParagraphStyle("annex", parent=base, fontSize=7.5, leading=9, alignment=TA_LEFT),
    }


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    # A table names its own font even when every cell is a paragraph: not the
    # unembedded Helvetica.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_serif_fonts()), *commands])


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _head(run: ReportRun, styles: dict[str, ParagraphStyle]) -> list[Any]:
    top = Table(
        [
            [_p(office_line(run), styles["office"]), _p(form_line(run), styles["form"])],
            ["", _p(regime_line(run), styles["small"])],
        ],
        colWidths=(WIDTH * 0.4, WIDTH * 0.6),
    )
    top.setStyle(_table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    parts: list[Any] = [
        top,
        Spacer(1, 4 * mm),
        _p(run.spec.title, styles["title"]),
        _p(f"Kỳ báo cáo: {run.period.title}", styles["italic"]),
        _p(run.period.data_range, styles["italic"]),
    ]
    if line := frozen_line(run):
        parts.append(_p(line, styles["small"]))
    parts.append(Spacer(1, 3 * mm))
    return parts


def _figure_text(run: ReportRun, number: int) -> str:
    column = run.spec.column(number)
    value = run.cells[number].value
    return format_number(round(value, column.decimals))


def _table(run: ReportRun, styles: dict[str, ParagraphStyle]) -> Table:
    spec = run.spec
    depth = spec.depth
    width = len(spec.columns) + len(LEAD_COLUMNS)
    rows: list[list[Any]] = [[""] * width for _ in range(depth + 3)]
    commands: list[tuple[Any, ...]] = []
    for index, text in enumerate(LEAD_COLUMNS):
        rows[0][index] = _p(text, styles["head"])
        commands.append(("SPAN", (index, 0), (index, depth - 1)))
    lead = len(LEAD_COLUMNS)
    for box in header_boxes(spec):
        first, last = box.first - 1 + lead, box.last - 1 + lead
        rows[box.row][first] = _p(box.text, styles["head"])
        if (box.row, first) != (box.last_row, last):
            commands.append(("SPAN", (first, box.row), (last, box.last_row)))
    numbers, total, unit = depth, depth + 1, depth + 2
    rows[numbers][0], rows[numbers][1] = _p("A", styles["cell"]), _p("B", styles["cell"])
    rows[total][1] = _p("Tổng cộng", styles["head"])
    rows[unit][0] = _p("1", styles["cell"])
    rows[unit][1] = _p(run.unit.name, styles["left"])
    for column in spec.columns:
        label = str(column.number)
        if column.parts:
            label += "=" + "+".join(str(part) for part in column.parts)
        at = column.number - 1 + lead
        rows[numbers][at] = _p(label, styles["head"])
        figure = _figure_text(run, column.number)
        rows[total][at] = _p(figure, styles["head"])
        rows[unit][at] = _p(figure, styles["cell"])
    rest = (WIDTH - sum(LEAD_WIDTHS)) / len(spec.columns)
    table = Table(
        rows, colWidths=[*LEAD_WIDTHS, *([rest] * len(spec.columns))], repeatRows=depth + 1
    )
    table.setStyle(
        _table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
                ("BACKGROUND", (0, 0), (-1, numbers), colors.HexColor("#f2f2f2")),
                *commands,
            ]
        )
    )
    return table


def _signatures(run: ReportRun, styles: dict[str, ParagraphStyle]) -> list[Any]:
    parts: list[Any] = [Spacer(1, 2 * mm)]
    if run.spec.note:
        parts.append(_p(f"Ghi chú: {run.spec.note}", styles["small"]))
    half = WIDTH / 2
    block = Table(
        [
            ["", _p(place_and_date(run), styles["italic"])],
            [_p("NGƯỜI LẬP BIỂU", styles["sign"]), _p("CHỦ TỊCH", styles["sign"])],
            [
                _p("(Ký, ghi rõ họ tên)", styles["small"]),
                _p("(Ký, ghi rõ họ tên, đóng dấu)", styles["small"]),
            ],
            ["", ""],
            [_p(run.prepared_by, styles["sign"]), _p(run.unit.chairman_name, styles["sign"])],
        ],
        colWidths=(half, half),
        rowHeights=[None, None, None, 18 * mm, None],
    )
    block.setStyle(_table_style([]))
    parts.append(KeepTogether([Spacer(1, 3 * mm), block]))
    return parts


def _summary(run: ReportRun, styles: dict[str, ParagraphStyle]) -> list[Any]:
    font = register_serif_fonts()
    parts: list[Any] = [
        PageBreak(),
        _p(f"TÓM TẮT SỐ LIỆU — {run.spec.code} — {run.period.title}", styles["title"]),
        _p(run.period.data_range, styles["italic"]),
        Spacer(1, 3 * mm),
    ]
    if run.ratios:
        parts.append(_p("Các tỷ lệ", styles["h2"]))
        parts += [_p("• " + ratio.text(), styles["text"]) for ratio in run.ratios]
    if run.charts is not None:
        half = WIDTH / 2 - 4 * mm
        charts = Table(
            [
                [visits_chart(run.charts, font, WIDTH, 62 * mm), ""],
                [
                    outcomes_chart(run.charts, font, half, 62 * mm),
                    on_time_chart(run.charts, font, half, 62 * mm),
                ],
            ],
            colWidths=(WIDTH / 2, WIDTH / 2),
        )
        charts.setStyle(
            _table_style([("SPAN", (0, 0), (1, 0)), ("ALIGN", (0, 0), (-1, -1), "CENTER")])
        )
        parts += [Spacer(1, 3 * mm), charts]
    return parts


def _changes(run: ReportRun, styles: dict[str, ParagraphStyle]) -> list[Any]:
    if not run.changes or run.frozen_figures or run.snapshot is None:
        return []
    rows: list[list[Any]] = [[_p(text, styles["head"]) for text in CHANGE_COLUMNS]]
    for change in run.changes:
        rows.append(
            [
                _p(str(change.number), styles["cell"]),
                _p(change.label, styles["annex"]),
                _p(format_number(change.frozen), styles["cell"]),
                _p(format_number(change.current), styles["cell"]),
                _p(", ".join(change.added), styles["annex"]),
                _p(", ".join(change.removed), styles["annex"]),
            ]
        )
    table = Table(rows, colWidths=(12 * mm, 70 * mm, 18 * mm, 18 * mm, None, 60 * mm), repeatRows=1)
    table.setStyle(
        _table_style(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    when = f"{run.snapshot.frozen_at:%d/%m/%Y}"
    return [
        PageBreak(),
        _p(f"THAY ĐỔI SAU KHI CHỐT SỐ LIỆU NGÀY {when}", styles["title"]),
        Spacer(1, 3 * mm),
        table,
    ]


class _Progress(Flowable):  # type: ignore[misc]  # reportlab has no types
    """Draws nothing; tells how far the layout has come (and lets «Dừng» stop it)."""

    def __init__(self, report: Callable[[float], None], fraction: float) -> None:
        super().__init__()
        self._report, self._fraction = report, fraction

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        self._report(self._fraction)
        return 0, 0

    def draw(self) -> None:
        return None


def _annex(
    run: ReportRun, styles: dict[str, ParagraphStyle], progress: Callable[[float], None]
) -> list[Any]:
    if run.annex is None:
        return []
    head = [_p(text, styles["head"]) for text in ANNEX_COLUMNS]
    rows: list[list[Any]] = []
    for line in run.annex:
        rows.append(
            [
                _p(line.number, styles["annex"]),
                _p(f"{line.received_on:%d/%m/%Y}", styles["annex"]),
                _p(line.filer, styles["annex"]),
                _p(line.address, styles["annex"]),
                _p(line.content[:400], styles["annex"]),
                _p(line.letter_type, styles["annex"]),
                _p(line.processing, styles["annex"]),
                _p(line.resolution, styles["annex"]),
            ]
        )
    widths = (21 * mm, 18 * mm, 38 * mm, 40 * mm, None, 22 * mm, 28 * mm, 28 * mm)
    style = _table_style(
        [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    )
    parts: list[Any] = [
        PageBreak(),
        _p(f"PHỤ LỤC: DANH SÁCH ĐƠN — {run.period.data_range}", styles["title"]),
        Spacer(1, 3 * mm),
    ]
    # A table is laid out whole before it is split into pages: a year's list goes
    # in pieces that stay quick, with the progress told between them.
    for start in range(0, len(rows), ANNEX_ROWS_PER_TABLE):
        table = Table(
            [head, *rows[start : start + ANNEX_ROWS_PER_TABLE]], colWidths=widths, repeatRows=1
        )
        table.setStyle(style)
        parts += [_Progress(progress, start / len(rows)), table]
    return parts


def _quiet(_fraction: float) -> None:
    return None


def write_report_pdf(
    run: ReportRun, path: Path, progress: Callable[[float], None] = _quiet
) -> Path:
    """The PDF; `progress(fraction)` is told as the list of letters is laid out and
    may raise to stop (the caller removes the file)."""
    styles = _styles(len(run.spec.columns))
    document = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{run.spec.code} — {run.period.title}",
        author=run.unit.name,
        initialFontName=register_serif_fonts(),
    )
    story: list[Any] = [
        *_head(run, styles),
        _table(run, styles),
        *_signatures(run, styles),
        *_summary(run, styles),
        *_changes(run, styles),
        *_annex(run, styles, progress),
    ]
    document.build(story)
    return path
