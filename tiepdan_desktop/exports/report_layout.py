"""The layout every rendering of a report form shares (Excel, PDF, the screen):
the merged header boxes of its column tree, the head and the signature block."""

from __future__ import annotations

from dataclasses import dataclass

from tiepdan_desktop.domain.divisions import bare_name
from tiepdan_desktop.domain.report_records import ReportRun
from tiepdan_desktop.domain.report_spec import FormSpec
from tiepdan_desktop.exports.official_document import vietnamese_date

# The two columns before the form's own: STT and the unit.
LEAD_COLUMNS = ("STT", "Đơn vị")
# The list of letters annexed to a report (LEGAL.md §6.2, optional case list).
ANNEX_COLUMNS = (
    "Số đơn",
    "Ngày tiếp nhận",
    "Chủ đơn",
    "Địa chỉ",
    "Nội dung đơn",
    "Loại đơn",
    "Kết quả xử lý",
    "Kết quả giải quyết",
)
# The cells that changed since the report was frozen.
CHANGE_COLUMNS = (
    "Cột",
    "Chỉ tiêu",
    "Đã chốt",
    "Hiện nay",
    "Bản ghi thêm sau khi chốt",
    "Bản ghi bớt",
)


@dataclass(frozen=True)
class HeaderBox:
    """One merged header cell: rows and form columns, 0-based rows, 1-based columns."""

    row: int
    last_row: int
    first: int
    last: int
    text: str


def header_boxes(spec: FormSpec) -> list[HeaderBox]:
    """The header tree as merged boxes: a group spans its columns; a column whose
    header ends above the bottom row reaches down to it."""
    depth = spec.depth
    boxes = []
    for level in range(depth):
        start = 0
        columns = spec.columns
        while start < len(columns):
            column = columns[start]
            if len(column.header) <= level:
                start += 1
                continue
            end = start
            prefix = column.header[: level + 1]
            is_leaf = len(column.header) == level + 1
            if not is_leaf:
                while (
                    end + 1 < len(columns)
                    and len(columns[end + 1].header) > level + 1
                    and columns[end + 1].header[: level + 1] == prefix
                ):
                    end += 1
            boxes.append(
                HeaderBox(
                    row=level,
                    last_row=depth - 1 if is_leaf else level,
                    first=column.number,
                    last=columns[end].number,
                    text=column.header[level],
                )
            )
            start = end + 1
    return boxes


def office_line(run: ReportRun) -> str:
    return run.unit.name.upper()


def place_and_date(run: ReportRun) -> str:
    return vietnamese_date(bare_name(run.unit.ward_name), run.made_on)


def form_line(run: ReportRun) -> str:
    return f"Biểu số: {run.spec.code}"


def regime_line(run: ReportRun) -> str:
    return f"Chế độ báo cáo: {run.spec.regime}"


def frozen_line(run: ReportRun) -> str:
    """Under the title when the report was frozen: as sent, or changed since."""
    snapshot = run.snapshot
    if snapshot is None:
        return ""
    when = f"{snapshot.frozen_at:%d/%m/%Y}"
    if run.frozen_figures:
        return f"Số liệu đã chốt ngày {when} (bản đã gửi)."
    if run.changes:
        return (
            f"Số liệu đã chốt ngày {when}; {len(run.changes)} chỉ tiêu đã thay đổi từ đó "
            "(xem phần «Thay đổi sau khi chốt»)."
        )
    return f"Số liệu đã chốt ngày {when}; không có thay đổi từ đó."
