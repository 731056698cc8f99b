"""The bundled font draws Vietnamese in PDFs, embedded, and the text reads back intact."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from tests.tools import require_tools
from tiepdan_desktop.exports.pdf_fonts import PDF_FONT, register_pdf_fonts

SAMPLE = "Sổ tiếp công dân – Ủy ban nhân dân phường Bến Thành: Nguyễn Thị Ánh, Đặng Văn Ước"


def test_vietnamese_pdf_text_survives_and_fonts_are_embedded(tmp_path: Path) -> None:
    require_tools("pdftotext", "pdffonts")
    family = register_pdf_fonts()
    assert family == PDF_FONT
    path = tmp_path / "mau.pdf"
    style = ParagraphStyle("body", fontName=family, fontSize=12, leading=16)
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph(SAMPLE, style), Paragraph(f"<b>{SAMPLE}</b>", style)]
    )
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    flat = " ".join(text.stdout.split())
    assert flat.count(SAMPLE) == 2
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert {row[0].split("+")[-1] for row in rows} == {"NotoSans-Regular", "NotoSans-Bold"}
    assert all("yes" in row for row in rows)  # embedded (and subset)


def test_registering_twice_is_harmless() -> None:
    assert register_pdf_fonts() == register_pdf_fonts() == PDF_FONT
