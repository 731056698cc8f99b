"""The letter register as a table: the same lazy model over keys as the
reception register (visit_register_model.py), with the letter's columns and
its deadline shown in colour: overdue red, due within the warning days amber.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from tiepdan_desktop.domain.letter_records import LetterRow, LetterSort
from tiepdan_desktop.ui.models.visit_register_model import RegisterColumn, VisitRegisterModel
from tiepdan_desktop.ui.tasks import TaskRunner

OVERDUE_COLOUR = QColor("#fbe3e1")
DUE_SOON_COLOUR = QColor("#fff3cd")


def _tr(text: str) -> str:
    return QCoreApplication.translate("LetterRegisterModel", text)


def _outcome(row: LetterRow) -> str:
    if row.outcome is None:
        return row.state.label
    body = f" – {row.outcome_body}" if row.outcome_body else ""
    return f"{row.outcome.label}{body}"


def _due(row: LetterRow) -> str:
    return f"{row.next_due:%d/%m/%Y} ({row.next_rule})" if row.next_due else ""


def letter_columns() -> list[RegisterColumn]:
    return [
        RegisterColumn(_tr("Số đơn"), lambda r: f"{r.number}/{r.year}", LetterSort.DATE),
        RegisterColumn(_tr("Ngày nhận"), lambda r: f"{r.received_on:%d/%m/%Y}", LetterSort.DATE),
        RegisterColumn(_tr("Người đứng đơn"), lambda r: r.filer, LetterSort.NAME),
        RegisterColumn(_tr("Nội dung"), lambda r: r.content.replace("\n", " · ")),
        RegisterColumn(_tr("Loại đơn"), lambda r: r.letter_type.label, LetterSort.LETTER_TYPE),
        RegisterColumn(_tr("Tình trạng, hướng xử lý"), _outcome, LetterSort.STATE),
        RegisterColumn(_tr("Hạn gần nhất"), _due),
        RegisterColumn(
            _tr("Nguồn đơn"),
            lambda r: r.forwarded_by or r.source.label,
        ),
        RegisterColumn(_tr("Đơn trùng"), lambda r: r.repeat_of or "", None, False),
        RegisterColumn(_tr("Giấy tờ"), lambda r: r.id_numbers, None, False),
    ]


class LetterRegisterModel(VisitRegisterModel):
    hidden_column = 2

    def __init__(
        self,
        tasks: TaskRunner,
        load_rows: Callable[[list[int]], list[LetterRow]],
        today: Callable[[], dt.date],
        due_soon_until: Callable[[], dt.date],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(tasks, load_rows, parent)  # type: ignore[arg-type]
        self._today = today
        self._due_soon_until = due_soon_until

    def _make_columns(self) -> list[Any]:
        return letter_columns()

    def record_id(self, record: Any) -> Any:
        return record.letter_id

    def background(self, record: Any) -> QColor | None:
        if record.next_due is None:
            return None
        if record.next_due < self._today():
            return OVERDUE_COLOUR
        if record.next_due <= self._due_soon_until():
            return DUE_SOON_COLOUR
        return None
