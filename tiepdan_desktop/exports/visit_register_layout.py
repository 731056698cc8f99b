"""Sổ tiếp công dân, Mẫu số 03 (TT 04/2021/TT-TTCP): its columns and what each
register row puts in them.  Shared by the PDF and the Excel file, so both say
the same thing in the same places.

Columns (8)–(10) are the three handlings the form prints; the other handlings
(a letter taken in for processing, a refused reception) are written in (12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from tiepdan_desktop.domain.enums import VisitHandling
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.domain.visit_records import RegisterRow

TITLE = "SỔ TIẾP CÔNG DÂN"
FORM = "Mẫu số 03 – Thông tư số 04/2021/TT-TTCP"
HANDLING_GROUP = "Hướng xử lý"
MARK = "x"


@dataclass(frozen=True)
class Column:
    number: int
    heading: str
    # Relative width: millimetres on A4 landscape, about characters in Excel.
    width: float
    under_handling: bool = False
    # The same heading, short enough for a table header on screen.
    short: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(1, "STT", 9),
    Column(2, "Ngày tiếp", 18),
    Column(3, "Họ tên – Địa chỉ", 36),
    Column(4, "CMND/CCCD/ Hộ chiếu của công dân", 22, short="Giấy tờ"),
    Column(5, "Nội dung vụ việc", 44),
    Column(6, "Phân loại đơn/Số người", 20, short="Phân loại/Số người"),
    Column(7, "Cơ quan đã giải quyết", 22),
    Column(8, "Thụ lý để giải quyết", 14, under_handling=True, short="Thụ lý"),
    Column(
        9,
        "Trả lại đơn và hướng dẫn công dân đến cơ quan có thẩm quyền",
        22,
        True,
        "Trả lại đơn, hướng dẫn",
    ),
    Column(10, "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền", 22, True, "Chuyển đơn"),
    Column(11, "Theo dõi kết quả giải quyết", 18, short="Theo dõi kết quả"),
    Column(12, "Ghi chú", 20),
)


@dataclass(frozen=True)
class RegisterDocument:
    """A register to print: the office, the period and its rows (masked already)."""

    unit: UnitInfo
    date_from: dt.date
    date_to: dt.date
    rows: Sequence[RegisterRow]

    @property
    def period(self) -> str:
        return f"Từ ngày {self.date_from:%d/%m/%Y} đến ngày {self.date_to:%d/%m/%Y}"

    @property
    def office_lines(self) -> tuple[str, str]:
        """ỦY BAN NHÂN DÂN / PHƯỜNG BẾN THÀNH: the issuing office, as headed."""
        return "ỦY BAN NHÂN DÂN", self.unit.ward_name.upper()


def _kind_and_people(row: RegisterRow) -> str:
    kind = row.letter_type.label if row.letter_type else ""
    people = f"Đoàn {row.head_count} người" if row.is_group else f"{row.head_count} người"
    return f"{kind}\n{people}" if kind else people


def _handled_as(row: RegisterRow, handling: VisitHandling) -> str:
    if row.handling is not handling:
        return ""
    if handling is VisitHandling.ACCEPTED or not row.forwarded_to:
        return MARK
    return f"{MARK} – {row.forwarded_to}"


def _notes(row: RegisterRow) -> str:
    parts = []
    if row.handling is VisitHandling.LETTER_RECEIVED:
        parts.append("Tiếp nhận đơn để xử lý")
    if row.handling is VisitHandling.REFUSED:
        ground = f" ({row.refusal_ground.label})" if row.refusal_ground else ""
        parts.append(f"Từ chối tiếp{ground}")
    if row.notes:
        parts.append(row.notes)
    return "\n".join(parts)


def cells(row: RegisterRow) -> list[str | int | dt.date]:
    """The twelve cells of one row; (2) is a date, the rest text."""
    return [
        row.number,
        row.visited_at.date(),
        row.names_and_addresses,
        row.id_numbers,
        row.content,
        _kind_and_people(row),
        row.prior_handling or "",
        _handled_as(row, VisitHandling.ACCEPTED),
        _handled_as(row, VisitHandling.RETURNED_GUIDED),
        _handled_as(row, VisitHandling.FORWARDED),
        row.result_followup or "",
        _notes(row),
    ]


Progress = Callable[[int, int], None]
"""Told how many rows of how many are written; raises to stop (cancellation)."""


def rows_with_progress(
    document: RegisterDocument, progress: Progress | None
) -> Iterator[RegisterRow]:
    total = len(document.rows)
    for done, row in enumerate(document.rows):
        if progress is not None and done % 200 == 0:
            progress(done, total)
        yield row
    if progress is not None:
        progress(total, total)
