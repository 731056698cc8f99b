"""The streamed workbook holds any text an official types and stays a valid file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tiepdan_desktop.exports.xlsx_stream import (
    CELL_TEXT_LIMIT,
    CellStyle,
    PageSetup,
    XlsxStream,
    column_name,
)


def test_odd_text_dates_and_limits_survive_the_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "la.xlsx"
    odd = "A & B <c> \"d\" 'e' ]]> =SUM(A1) 😀 x\ufffey\uffffz\x01\x08\r\nhết"
    styles = [CellStyle(), CellStyle(boxed=True, wrap=True), CellStyle(date=True)]
    page = PageSetup(title_rows=(1, 1), frozen_rows=1, footer_left="Mẫu số 03 <A4>")
    with XlsxStream(path, "Sổ tiếp 'năm' 2026", styles, [10, 20, 12], page, ["A1:C1"]) as book:
        book.row(["Tiêu đề", None, None], [1, 1, 1])
        book.row([odd, "x" * 40_000, dt.date(2026, 11, 2)], [1, 1, 2], height=99_999)
        book.row([7, 2.5, dt.datetime(2026, 11, 2, 12, 0)], [1, 1, 2])
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet is not None and sheet.title == "Sổ tiếp 'năm' 2026"
    # Characters a workbook cannot hold are gone; a Windows line break reads as a line break.
    assert sheet["A2"].value == "A & B <c> \"d\" 'e' ]]> =SUM(A1) 😀 xyz\nhết"
    assert sheet["A2"].data_type == "s"  # text, not a formula
    assert sheet["B2"].value == "x" * CELL_TEXT_LIMIT
    assert (
        sheet["C2"].value == dt.datetime(2026, 11, 2) and sheet["C2"].number_format == "dd/mm/yyyy"
    )
    assert sheet["C3"].value == dt.datetime(2026, 11, 2, 12, 0)
    assert (sheet["A3"].value, sheet["B3"].value) == (7, 2.5)
    assert sheet.row_dimensions[2].height == 409  # Excel's tallest row
    assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1"
    assert "A1:C1" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert sheet.oddFooter.left.text == "Mẫu số 03 <A4>" and not sheet.oddFooter.right.text


def test_a_stop_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "dung.xlsx"
    with (
        pytest.raises(KeyboardInterrupt),
        XlsxStream(path, "S", [CellStyle()], [10], PageSetup()) as book,
    ):
        book.row(["một"], [0])
        raise KeyboardInterrupt
    assert not path.exists()


@pytest.mark.parametrize(
    ("index", "name"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
)
def test_column_names(index: int, name: str) -> None:
    assert column_name(index) == name
