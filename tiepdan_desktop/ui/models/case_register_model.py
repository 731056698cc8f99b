"""The matters under resolution as a table: the same lazy model over keys as the
reception and letter registers, with each matter's nearest running clock in
colour (overdue red, due within the warning days amber) and a paused clock said
to be paused.  A matter resolved late keeps saying so.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from tiepdan_desktop.domain.case_records import CaseRow
from tiepdan_desktop.ui.models.letter_register_model import LetterRegisterModel
from tiepdan_desktop.ui.models.visit_register_model import RegisterColumn


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseRegisterModel", text)


def _due(row: CaseRow) -> str:
    if row.next_due is None:
        return ""
    if row.paused:
        return _tr("Tạm dừng ({0})").format(row.next_rule)
    return f"{row.next_due:%d/%m/%Y} ({row.next_rule})"


def _result(row: CaseRow) -> str:
    if row.on_time is None:
        return ""
    return _tr("Đúng hạn") if row.on_time else _tr("Trễ hạn")


def case_columns() -> list[RegisterColumn]:
    return [
        RegisterColumn(_tr("Số vụ việc"), lambda r: r.label),
        RegisterColumn(_tr("Loại"), lambda r: r.case_type.label),
        RegisterColumn(_tr("Người khiếu nại, tố cáo"), lambda r: r.people),
        RegisterColumn(_tr("Nội dung"), lambda r: r.summary.replace("\n", " · ")),
        RegisterColumn(_tr("Tình trạng"), lambda r: r.state.label),
        RegisterColumn(_tr("Hạn gần nhất"), _due),
        RegisterColumn(
            _tr("Ngày thụ lý"), lambda r: f"{r.accepted_on:%d/%m/%Y}" if r.accepted_on else ""
        ),
        RegisterColumn(_tr("Thời hạn giải quyết"), _result),
    ]


class CaseRegisterModel(LetterRegisterModel):
    """The letter register's model (keys, blocks, due colours) over matters."""

    def _make_columns(self) -> list[Any]:
        return case_columns()

    def record_id(self, record: Any) -> Any:
        return record.case_id

    def background(self, record: Any) -> QColor | None:
        return None if record.paused else super().background(record)
