"""An official document as PDF, in the administrative layout of NĐ 30/2020:
A4 portrait; the issuing office and the national motto side by side, the number
and the place and date under them; title; addressee; justified body; recipients
on the left and the signature block on the right.  Liberation Serif (Times New
Roman metrics) is embedded."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from tiepdan_desktop.exports.official_document import OfficialDocument, heading_of
from tiepdan_desktop.exports.pdf_fonts import register_serif_fonts

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"


def _styles() -> dict[str, ParagraphStyle]:
    font = register_serif_fonts()
    base = ParagraphStyle("body", fontName=font, fontSize=14, leading=18)

    def style(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "office": style(
            "office", fontName=font + "-Bold", fontSize=13, leading=16, alignment=TA_CENTER
        ),
        "motto": style(
            "motto", fontName=font + "-Bold", fontSize=12, leading=16, alignment=TA_CENTER
        ),
        "centre": style("centre", fontSize=13, leading=16, alignment=TA_CENTER),
        "date": style("date", fontName=font + "-Italic", alignment=TA_CENTER),
        "title": style("title", fontName=font + "-Bold", alignment=TA_CENTER, spaceBefore=10),
        "subtitle": style("subtitle", fontName=font + "-Bold", alignment=TA_CENTER),
        "heading": style(
            "heading", fontName=font + "-Bold", alignment=TA_CENTER, spaceBefore=6, spaceAfter=6
        ),
        "excerpt": style("excerpt", fontSize=12, leading=15, alignment=TA_CENTER),
        "addressee": style("addressee", alignment=TA_CENTER, spaceBefore=8, spaceAfter=6),
        "body": style("bodyText", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6),
        "recipients_head": style("rh", fontName=font + "-BoldItalic", fontSize=12, leading=15),
        "recipients": style("recipients", fontSize=11, leading=13, alignment=TA_LEFT),
        "signer": style("signer", fontName=font + "-Bold", alignment=TA_CENTER),
    }


def _layout_table() -> list[tuple[object, ...]]:
    # A table names its own font even when every cell is a paragraph: not the
    # unembedded Helvetica.
    return [
        ("FONTNAME", (0, 0), (-1, -1), register_serif_fonts()),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _line(text: str, style: ParagraphStyle, styles: dict[str, ParagraphStyle]) -> Paragraph:
    """A body or addressee line; a heading («## QUYẾT ĐỊNH:») bold and centred."""
    title = heading_of(text)
    return _p(title, styles["heading"]) if title is not None else _p(text, style)


def write_official_pdf(document: OfficialDocument, path: Path) -> Path:
    styles = _styles()
    width = A4[0] - 30 * mm - 15 * mm
    left = [_p(line, styles["office"]) for line in document.office_lines]
    left.append(_p("_______", styles["centre"]))
    right = [_p(MOTTO, styles["motto"]), _p(MOTTO_LINE, styles["office"])]
    right.append(_p("_______________", styles["centre"]))
    number = [_p(document.number_line, styles["centre"])]
    if document.is_letter:
        number.append(_p(document.subtitle, styles["excerpt"]))
    heading = Table(
        [
            [left, right],
            [number, _p(document.place_date, styles["date"])],
        ],
        colWidths=[width * 0.4, width * 0.6],
        style=_layout_table(),
    )
    story: list[object] = [heading]
    if not document.is_letter:
        story.append(_p(document.title, styles["title"]))
        if document.subtitle:
            story.append(_p(document.subtitle, styles["subtitle"]))
    story += [_line(line, styles["addressee"], styles) for line in document.addressee]
    story.append(Spacer(1, 3 * mm))
    story += [_line(text, styles["body"], styles) for text in document.paragraphs]
    recipients = [_p("Nơi nhận:", styles["recipients_head"])]
    recipients += [_p(f"- {line}", styles["recipients"]) for line in document.recipients]
    signer = [
        _p(line, styles["signer"])
        for line in (document.signer_authority, document.signer_title)
        if line
    ]
    signer += [Spacer(1, 24 * mm), _p(document.signer_name, styles["signer"])]
    foot = Table(
        [[recipients, signer]],
        colWidths=[width * 0.5, width * 0.5],
        style=_layout_table(),
    )
    story += [Spacer(1, 4 * mm), KeepTogether([foot])]
    template = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{document.title} {document.subtitle}".strip(),
        subject=document.form,
    )
    try:
        template.build(story)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
