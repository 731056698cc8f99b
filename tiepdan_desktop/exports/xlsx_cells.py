"""A cell of a write-only workbook holding an official's text safely."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tiepdan_desktop.exports.xlsx_stream import CellValue


def text_safe_cell(sheet: Any, value: CellValue) -> Any:
    """A date becomes a day serial; text stays text: control characters cannot be
    stored in a workbook, and openpyxl would turn an official's «=> chuyển Công
    an» into a (broken) formula."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
