"""The copy of a denunciation's file handed to the verification team (Luật Tố cáo
Điều 56): what was denounced, against whom, the letters and the list of their
attachments — with the denouncer's name, address, ID, phone and handwriting
lifted out before anything reaches this module.  A4 portrait, Noto Sans embedded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tiepdan_desktop.exports.pdf_fonts import register_pdf_fonts

TITLE = "BẢN SAO HỒ SƠ TỐ CÁO ĐÃ LƯỢC BỎ THÔNG TIN VỀ NGƯỜI TỐ CÁO"
SECRECY = (
    "Họ tên, địa chỉ, số giấy tờ, số điện thoại, bút tích và các thông tin khác làm lộ "
    "danh tính người tố cáo đã được lược bỏ và được quản lý theo chế độ mật (Luật Tố cáo "
    "năm 2018, Điều 8 khoản 3, Điều 56). Không sao chụp, chuyển bản sao này cho người "
    "không có trách nhiệm."
)


@dataclass(frozen=True)
class CopiedLetter:
    label: str  # "Đơn số 5/2026"
    received_on: dt.date
    source: str
    content: str  # already redacted
    requests: str


@dataclass(frozen=True)
class CopiedFile:
    name: str  # a confidential page is named by what it is, not by its file name
    kind: str
    withheld: bool


@dataclass(frozen=True)
class RedactedCase:
    unit_name: str
    case_label: str
    accepted_on: dt.date | None
    due_on: dt.date | None
    subject: str
    verifier: str
    letters: tuple[CopiedLetter, ...]
    files: tuple[CopiedFile, ...]
    documents: tuple[str, ...]  # "Quyết định thụ lý tố cáo số 01/QĐ-UBND ngày …"
    made_on: dt.date
    made_by: str


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "—"


def write_redacted_copy(copy: RedactedCase, target: Path) -> Path:
    font = register_pdf_fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=11, leading=15)
    bold = ParagraphStyle("bold", parent=base, fontName=font + "-Bold")
    title = ParagraphStyle("title", parent=bold, fontSize=13, leading=17, alignment=TA_CENTER)
    centre = ParagraphStyle("centre", parent=base, alignment=TA_CENTER)
    note = ParagraphStyle("note", parent=base, fontName=font + "-Italic", fontSize=10, leading=13)
    heading = ParagraphStyle("heading", parent=bold, spaceBefore=10, spaceAfter=4)

    def text(value: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(value).replace("\n", "<br/>"), style)

    story: list[object] = [
        text(copy.unit_name.upper(), bold),
        Spacer(1, 4 * mm),
        text(TITLE, title),
        text(f"Vụ việc số {copy.case_label}", centre),
        Spacer(1, 3 * mm),
        text(SECRECY, note),
        text("1. Thông tin vụ việc", heading),
        text(f"Người bị tố cáo: {copy.subject or '—'}"),
        text(f"Ngày thụ lý: {_day(copy.accepted_on)}; hạn giải quyết: {_day(copy.due_on)}"),
        text(f"Người, tổ xác minh: {copy.verifier or '—'}"),
        text("2. Nội dung đơn", heading),
    ]
    for letter in copy.letters:
        story.append(
            text(f"{letter.label}, nhận ngày {_day(letter.received_on)} ({letter.source})", bold)
        )
        story.append(text(f"Nội dung tố cáo: {letter.content}"))
        if letter.requests:
            story.append(text(f"Yêu cầu: {letter.requests}"))
    story.append(text("3. Tài liệu kèm theo", heading))
    rows = [[text("STT", bold), text("Tài liệu", bold), text("Ghi chú", bold)]]
    for number, item in enumerate(copy.files, 1):
        remark = "Không kèm theo: lưu theo chế độ mật" if item.withheld else item.kind
        rows.append([text(str(number)), text(item.name), text(remark)])
    if len(rows) == 1:
        rows.append([text(""), text("Không có tài liệu kèm theo."), text("")])
    table = Table(rows, colWidths=(12 * mm, 110 * mm, 48 * mm), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.5, "#777777"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    if copy.documents:
        story.append(text("4. Văn bản đã ban hành", heading))
        story += [text(f"– {line}") for line in copy.documents]
    story += [
        Spacer(1, 6 * mm),
        text(f"Bản sao lập ngày {_day(copy.made_on)}, người lập: {copy.made_by}.", note),
    ]
    document = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=TITLE,
        author=copy.unit_name,
    )
    document.build(story)
    return target
