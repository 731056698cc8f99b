"""Official documents from the template files: every template renders, the .docx
opens with python-docx and the PDF's text (pdftotext) keeps the Vietnamese; a
document that may not name the denouncer never does."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from jinja2 import UndefinedError

from tests.tools import require_tools
from tiepdan_desktop.exports.official_document import (
    DocumentTemplate,
    load_template,
    render,
    sentence,
    template_codes,
    vietnamese_date,
)
from tiepdan_desktop.exports.official_docx import write_official_docx
from tiepdan_desktop.exports.official_pdf import write_official_pdf

TEMPLATES = template_codes()
DENOUNCER = {
    "title": "ông",
    "name": "Phạm Văn Tố",
    "address": "Số 9 Hàm Nghi, phường Bến Thành",
    "id_number": "079068009999",
}
MASKED = {"title": "", "name": "người tố cáo", "address": "", "id_number": ""}


def _context(filer: dict[str, str]) -> dict[str, Any]:
    """Every key services/letter_documents.py gives a template."""
    return {
        "unit": {"name": "UBND phường Bến Thành", "chairman": "Nguyễn Văn Thành", "address": ""},
        "letter": {
            "number": "125/2026",
            "received_on": "02/11/2026",
            "content": "Tố cáo ông Lê Văn Sai, cán bộ địa chính, nhận tiền của người dân",
            "requests": "Đề nghị xử lý nghiêm",
            "forwarded_by": "",
            "forward_doc_number": "",
            "forward_doc_date": "",
            "type": "tố cáo",
            "ineligible_reason": "",
        },
        "filer": filer,
        "subject": {"name": "Lê Văn Sai", "position": "công chức địa chính", "org": ""},
        "outcome": {
            "body": "Thanh tra tỉnh",
            "ground": "Thời hiệu khiếu nại đã hết mà không có lý do chính đáng (khoản 6).",
            "note": "",
            "date": "10/11/2026",
        },
        "document": {"date": "25/11/2026", "number": "15/TB-UBND"},
        # A step of the matter's resolution (services/case_documents.py).
        "case": {
            "number": "7/2026",
            "accepted_on": "05/11/2026",
            "due_on": "05/12/2026",
            "verifier": "Tổ xác minh do ông Trần Văn Minh làm tổ trưởng",
            "complexity": "phức tạp",
            "basis": "Cần xác minh ở nhiều địa phương, cơ quan",
            "extensions": 1,
        },
        "step": {
            "date": "25/11/2026",
            "note": "Đã làm việc với các bên liên quan",
            "ground": "Chờ kết quả giám định của cơ quan chuyên môn",
            "body": "Thanh tra tỉnh",
            "verifier": "Tổ xác minh do ông Trần Văn Minh làm tổ trưởng",
            "verdict": "đúng một phần",
            "previous_due": "05/12/2026",
            "new_due": "04/01/2027",
        },
    }


def _document(template: DocumentTemplate) -> Any:
    filer = DENOUNCER if template.denouncer_identity else MASKED
    return render(
        template,
        _context(filer),
        office_lines=("ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN THÀNH"),
        number_line=f"Số: 15/{template.symbol}",
        place_date=vietnamese_date("Bến Thành", dt.date(2026, 11, 25)),
        signer_name="Nguyễn Văn Thành",
    )


def test_the_place_and_date_line_follows_the_decree() -> None:
    assert vietnamese_date("Bến Thành", dt.date(2026, 1, 5)) == (
        "Bến Thành, ngày 05 tháng 01 năm 2026"
    )
    assert vietnamese_date("Bến Thành", dt.date(2026, 11, 25)) == (
        "Bến Thành, ngày 25 tháng 11 năm 2026"
    )


def test_a_misspelt_placeholder_is_an_error_not_a_blank() -> None:
    template = load_template(TEMPLATES[0])
    broken = DocumentTemplate(**{**vars(template), "body": "Ngày {{ letter.recieved_on }}"})
    with pytest.raises(UndefinedError):
        _document(broken)


def test_a_summary_is_closed_as_a_sentence_once() -> None:
    assert sentence("Tố cáo cán bộ thu tiền") == "Tố cáo cán bộ thu tiền."
    assert sentence("Đề nghị xem xét lại.") == "Đề nghị xem xét lại."
    assert sentence("Vì sao?  ") == "Vì sao?" and sentence("") == ""


def test_a_decision_has_its_authority_and_quyet_dinh_as_headings(tmp_path: Path) -> None:
    require_tools("pdftotext")
    document = _document(load_template("nd31-mau-04"))
    assert "## QUYẾT ĐỊNH:" in document.paragraphs and "##" not in document.text()
    word = Document(str(write_official_docx(document, tmp_path / "qd.docx")))
    headings = [
        p.text for p in word.paragraphs if p.alignment == 1 and all(r.bold for r in p.runs)
    ]  # 1: centred
    assert "QUYẾT ĐỊNH:" in headings
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH" in headings
    assert "nhận tiền của người dân." in document.text()  # the summary closed
    pdf = write_official_pdf(document, tmp_path / "qd.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "\nQUYẾT ĐỊNH:\n" in text and "##" not in text


@pytest.mark.parametrize("code", TEMPLATES)
def test_each_template_makes_a_docx_and_a_pdf_with_its_words(code: str, tmp_path: Path) -> None:
    require_tools("pdftotext", "pdffonts")
    template = load_template(code)
    assert template.code == code
    document = _document(template)
    docx_path = write_official_docx(document, tmp_path / f"{code}.docx")
    pdf_path = write_official_pdf(document, tmp_path / f"{code}.pdf")

    word = Document(str(docx_path))
    written = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Số: 15/" in cells
    assert "Bến Thành, ngày 25 tháng 11 năm 2026" in cells
    assert document.paragraphs[0] in written
    if document.is_letter:  # a công văn: its «V/v …» under the number, no title
        assert document.subtitle in cells and not document.title
    else:
        assert document.title in written
    assert "Nguyễn Văn Thành" in cells and "Nơi nhận:" in cells

    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "ỦY BAN NHÂN DÂN" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert " ".join(document.paragraphs[0].split()[:8]) in text
    fonts = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5:-3] == ["yes", "yes"] for line in fonts)

    if template.denouncer_identity:
        assert DENOUNCER["name"] in document.text()
    elif not template.names_filer:  # never the filer: not even when the context held it
        leaked = render(
            template,
            _context(DENOUNCER),
            office_lines=("ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN THÀNH"),
            number_line="Số: 1/X",
            place_date="",
            signer_name="",
        )
        for secret in (DENOUNCER["name"], DENOUNCER["id_number"], DENOUNCER["address"]):
            assert secret not in leaked.text(), f"{code} names the denouncer"
            assert secret not in text
