"""The reception register (Mẫu số 03) as PDF and Excel, read back from the files."""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reportlab.pdfgen.canvas import Canvas

from tests.tools import require_tools
from tiepdan_desktop.domain.enums import (
    LetterType,
    ReceptionType,
    RefusalGround,
    UnitLevel,
    VisitHandling,
)
from tiepdan_desktop.domain.errors import CancelledError
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.domain.visit_records import RegisterRow
from tiepdan_desktop.exports.pdf_fonts import register_pdf_fonts
from tiepdan_desktop.exports.visit_register_layout import RegisterDocument, cells
from tiepdan_desktop.exports.visit_register_pdf import (
    ROWS_PER_TABLE,
    CellText,
    write_register_pdf,
)
from tiepdan_desktop.exports.visit_register_xlsx import write_register_xlsx

UNIT = UnitInfo(
    uuid.uuid4(),
    "UBND phường Bến Thành",
    UnitLevel.PHUONG,
    79,
    "Thành phố Hồ Chí Minh",
    26743,
    "Phường Bến Thành",
    "Nguyễn Văn Thành",
    False,
    None,
)


def _row(number: int, **changes: object) -> RegisterRow:
    values: dict[str, object] = {
        "key": number,
        "visit_id": uuid.uuid4(),
        "year": 2026,
        "number": number,
        "visited_at": dt.datetime(2026, 11, 2, 9, 0),
        "reception_type": ReceptionType.REGULAR,
        "names_and_addresses": "Nguyễn Thị Ánh – 12 Lê Lợi, phường Bến Thành",
        "id_numbers": "079175001234",
        "content": "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        "letter_type": LetterType.COMPLAINT,
        "head_count": 1,
        "is_group": False,
        "prior_handling": None,
        "handling": VisitHandling.ACCEPTED,
        "refusal_ground": None,
        "forwarded_to": None,
        "result_followup": None,
        "notes": None,
        "officer_name": "Lê Văn Cán",
        "identity_hidden": False,
        "first_person_id": None,
    }
    values.update(changes)
    return RegisterRow(**values)  # type: ignore[arg-type]


ROWS = [
    _row(1),
    _row(
        2,
        names_and_addresses="Người tố cáo TC-2026-0002",
        id_numbers="",
        content="Tố cáo cán bộ địa chính thu tiền sai quy định",
        letter_type=LetterType.DENUNCIATION,
        identity_hidden=True,
        handling=VisitHandling.LETTER_RECEIVED,
    ),
    _row(
        3,
        names_and_addresses="Đoàn 12 người, đại diện: Đặng Văn Ước – thôn Đông",
        letter_type=LetterType.PETITION,
        head_count=12,
        is_group=True,
        handling=VisitHandling.FORWARDED,
        forwarded_to="Sở Tài nguyên và Môi trường",
        prior_handling="UBND phường đã trả lời ngày 10/10/2026",
        result_followup="Đã nhận văn bản trả lời",
    ),
    _row(
        4,
        handling=VisitHandling.REFUSED,
        refusal_ground=RefusalGround.DISORDERLY,
        notes="Lập biên bản",
        letter_type=None,
    ),
    _row(5, handling=VisitHandling.RETURNED_GUIDED, forwarded_to="Tòa án nhân dân khu vực 1"),
]
DOCUMENT = RegisterDocument(UNIT, dt.date(2026, 11, 1), dt.date(2026, 11, 30), ROWS)


def test_each_row_fills_the_twelve_columns_of_the_form() -> None:
    accepted, denounced, group, refused, guided = (cells(row) for row in ROWS)
    assert accepted[:2] == [1, dt.date(2026, 11, 2)]
    assert accepted[5] == "Khiếu nại\n1 người"
    assert accepted[7:10] == ["x", "", ""]
    assert denounced[2] == "Người tố cáo TC-2026-0002" and denounced[11] == "Tiếp nhận đơn để xử lý"
    assert group[5] == "Kiến nghị, phản ánh\nĐoàn 12 người"
    assert group[6] == "UBND phường đã trả lời ngày 10/10/2026"
    assert group[7:11] == ["", "", "x – Sở Tài nguyên và Môi trường", "Đã nhận văn bản trả lời"]
    assert refused[5] == "1 người"
    assert refused[11] == (
        "Từ chối tiếp (Đe dọa, xúc phạm, vi phạm nội quy nơi tiếp công dân)\nLập biên bản"
    )
    assert guided[8] == "x – Tòa án nhân dân khu vực 1"


def test_the_pdf_has_the_forms_layout_vietnamese_text_and_embedded_fonts(
    tmp_path: Path,
) -> None:
    require_tools("pdftotext", "pdffonts")
    path = write_register_pdf(DOCUMENT, tmp_path / "so.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG BẾN THÀNH",
        "SỔ TIẾP CÔNG DÂN",
        "Từ ngày 01/11/2026 đến ngày 30/11/2026",
        "Hướng xử lý",
        "(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12)",
        "Nguyễn Thị Ánh",
        "Đặng Văn Ước",
        "Người tố cáo TC-2026-0002",
        "02/11/2026",
        "Trang 1/1",
        "Mẫu số 03",
    ):
        assert expected in flat, expected
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert rows and all(row[0].split("+")[-1].startswith("NotoSans") for row in rows)
    assert all(row[-5:-3] == ["yes", "yes"] for row in rows)  # embedded, subset


def test_a_long_register_repeats_its_headings_on_every_page(tmp_path: Path) -> None:
    require_tools("pdftotext")
    # More rows than one table holds (the rows go in several tables), and one
    # content longer than a page, which continues on the next page.
    rows = [_row(n) for n in range(1, 30 * ROWS_PER_TABLE + 41)]
    rows[5] = _row(6, content="Khiếu nại kéo dài " + "rất nhiều chữ " * 600 + "HẾT NỘI DUNG")
    many = RegisterDocument(UNIT, DOCUMENT.date_from, DOCUMENT.date_to, rows)
    path = write_register_pdf(many, tmp_path / "dai.pdf")
    pages = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 20
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        assert flat.count("(1) (2) (3)") == 1, f"trang {number}"  # once, at the top
        assert f"Trang {number}/{len(pages)}" in flat
    text = " ".join(" ".join(pages).split())
    assert "HẾT NỘI DUNG" in text and "SỔ TIẾP CÔNG DÂN" in " ".join(pages[0].split())
    assert text.count("Nguyễn Thị Ánh") == len(rows)  # every row, none lost at a split


def test_text_beyond_one_font_subset_prints_whole(tmp_path: Path) -> None:
    """A PDF font subset holds 256 characters: a cell using more switches
    subsets in mid-line, and every line must still read back as written."""
    require_tools("pdftotext")
    letters = (
        [chr(code) for code in range(0x0100, 0x0180)]  # Latin Extended-A
        + [chr(code) for code in range(0x1EA0, 0x1EFA)]  # Vietnamese
        + [chr(code) for code in range(0x0410, 0x0450)]  # Cyrillic
    )
    words = ["".join(letters[start : start + 6]) for start in range(0, len(letters), 6)]
    rows = [_row(n, content=" ".join(words)) for n in range(1, 3 * ROWS_PER_TABLE)]
    many = RegisterDocument(UNIT, DOCUMENT.date_from, DOCUMENT.date_to, rows)
    path = write_register_pdf(many, tmp_path / "chu.pdf")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = text.split()
    for word in words:
        assert found.count(word) == len(rows), word


def test_a_cell_whose_first_line_is_blank_keeps_its_line_spacing(tmp_path: Path) -> None:
    """A continued row's cell can start with an empty line: its text still goes
    one line down, as in every other cell (not over the line above)."""
    require_tools("pdftotext")
    canvas = Canvas(str(tmp_path / "o.pdf"))
    cell_text = CellText(register_pdf_fonts(), 7.5, 9.0)
    cell_text.draw(canvas, 50, 700, "\nSAU-DONG-TRONG")  # first on the page: nothing set yet
    cell_text.draw(canvas, 250, 700, "DONG-MOT\nDONG-HAI")
    canvas.save()
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(tmp_path / "o.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    top = {
        word: float(line.split('yMin="')[1].split('"')[0])
        for line in boxes.splitlines()
        for word in ("SAU-DONG-TRONG", "DONG-MOT", "DONG-HAI")
        if f">{word}<" in line
    }
    assert top["SAU-DONG-TRONG"] == pytest.approx(top["DONG-HAI"])
    assert top["DONG-HAI"] - top["DONG-MOT"] == pytest.approx(9.0)


def test_the_workbook_has_the_forms_layout_real_dates_and_print_setup(tmp_path: Path) -> None:
    path = write_register_xlsx(DOCUMENT, tmp_path / "so.xlsx")
    sheet = load_workbook(path).active
    assert sheet is not None
    assert [sheet["A1"].value, sheet["A2"].value] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẾN THÀNH"]
    assert sheet["A4"].value == "SỔ TIẾP CÔNG DÂN"
    assert sheet["A5"].value == "Từ ngày 01/11/2026 đến ngày 30/11/2026"
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    assert {"A4:L4", "H7:J7", "A7:A8", "E7:E8", "L7:L8"} <= merged
    assert sheet["H7"].value == "Hướng xử lý" and sheet["I8"].value.startswith("Trả lại đơn")
    assert [sheet.cell(9, column).value for column in range(1, 13)] == [
        f"({n})" for n in range(1, 13)
    ]
    first = [sheet.cell(10, column).value for column in range(1, 13)]
    assert first[0] == 1 and first[1] == dt.datetime(2026, 11, 2)
    assert sheet.cell(10, 2).number_format == "dd/mm/yyyy"
    assert first[2] == "Nguyễn Thị Ánh – 12 Lê Lợi, phường Bến Thành" and first[7] == "x"
    assert sheet.cell(11, 3).value == "Người tố cáo TC-2026-0002"
    assert sheet.cell(12, 10).value == "x – Sở Tài nguyên và Môi trường"
    assert sheet.cell(10, 5).alignment.wrap_text
    assert sheet.row_dimensions[12].height > sheet.row_dimensions[10].height  # taller text
    assert sheet.freeze_panes == "A10"
    assert sheet.print_title_rows == "$7:$9"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    # One page wide (1 is the file format's default, left unwritten), as many tall as needed.
    assert (sheet.page_setup.fitToWidth or 1) == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert "Mẫu số 03" in sheet.oddFooter.left.text and sheet.oddFooter.right.text


def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    require_tools("soffice", "pdftotext")
    path = write_register_xlsx(DOCUMENT, tmp_path / "so.xlsx")
    profile = tmp_path / "lo-profile"  # a private profile: no clash with another soffice
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "lo"),
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    converted = tmp_path / "lo" / "so.pdf"
    text = subprocess.run(
        ["pdftotext", str(converted), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    # Cells wrap, and the text of neighbouring columns interleaves: whole words only.
    assert "SỔ TIẾP CÔNG DÂN" in flat and "02/11/2026" in flat
    assert "Đặng Văn" in flat and "Ước" in flat and "Người tố cáo TC-2026" in flat


def test_an_empty_period_says_so(tmp_path: Path) -> None:
    empty = RegisterDocument(UNIT, DOCUMENT.date_from, DOCUMENT.date_to, [])
    sheet = load_workbook(write_register_xlsx(empty, tmp_path / "rong.xlsx")).active
    assert sheet is not None and sheet["A10"].value == "Không có lượt tiếp nào trong kỳ này."
    assert write_register_pdf(empty, tmp_path / "rong.pdf").stat().st_size > 0


@pytest.mark.parametrize("writer", [write_register_pdf, write_register_xlsx])
def test_a_cancelled_export_leaves_no_file(tmp_path: Path, writer: object) -> None:
    seen: list[tuple[int, int]] = []

    def cancel_halfway(done: int, total: int) -> None:
        seen.append((done, total))
        if done > 0:
            raise CancelledError()

    many = RegisterDocument(
        UNIT, DOCUMENT.date_from, DOCUMENT.date_to, [_row(n) for n in range(1, 500)]
    )
    target = tmp_path / "huy.out"
    with pytest.raises(CancelledError):
        writer(many, target, cancel_halfway)  # type: ignore[operator]
    assert not target.exists() and seen[0][0] == 0


def test_odd_text_stays_text_in_the_workbook(tmp_path: Path) -> None:
    rows = [
        _row(1, notes="=> chuyển Công an phường", content="Nội dung\x08 có ký tự lạ\x01"),
        _row(2, content="+84 912 345 678 gọi lại"),
    ]
    document = RegisterDocument(UNIT, DOCUMENT.date_from, DOCUMENT.date_to, rows)
    sheet = load_workbook(write_register_xlsx(document, tmp_path / "la.xlsx")).active
    assert sheet is not None
    assert sheet.cell(10, 12).value == "=> chuyển Công an phường"
    assert sheet.cell(10, 12).data_type == "s"
    assert sheet.cell(10, 5).value == "Nội dung có ký tự lạ"
    assert sheet.cell(11, 5).value == "+84 912 345 678 gọi lại"
