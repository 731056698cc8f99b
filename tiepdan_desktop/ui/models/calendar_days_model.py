"""The special days of one year (holidays, swaps, make-up Saturdays) as a table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QColor

from tiepdan_desktop.domain.calendar import format_day
from tiepdan_desktop.domain.records import CalendarDayRecord
from tiepdan_desktop.ui.models.record_table import Column, RecordTableModel

PROVISIONAL_BACKGROUND = QColor("#fff6df")
# Marked for translation here, translated where shown.
SOURCE_LABELS = {
    "seed": QT_TRANSLATE_NOOP("CalendarDaysModel", "Mặc định (thư viện holidays)"),
    "shipped": QT_TRANSLATE_NOOP("CalendarDaysModel", "Lịch kèm phần mềm"),
    "import": QT_TRANSLATE_NOOP("CalendarDaysModel", "Nhập từ tệp lịch"),
    "admin": QT_TRANSLATE_NOOP("CalendarDaysModel", "Nhập tay"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("CalendarDaysModel", text)


def _status(record: CalendarDayRecord) -> str:
    return _tr("Dự kiến") if record.special.provisional else _tr("Chính thức")


class CalendarDaysModel(RecordTableModel[CalendarDayRecord]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    _tr("Ngày"),
                    lambda r: format_day(r.special.day),
                    sort_value=lambda r: r.special.day.isoformat(),
                ),
                Column(_tr("Loại"), lambda r: r.special.kind.label),
                Column(_tr("Tên ngày"), lambda r: r.special.name),
                Column(_tr("Tình trạng"), _status),
                Column(
                    _tr("Căn cứ"),
                    lambda r: r.special.legal_basis or "",
                    tooltip=lambda r: r.special.legal_basis or "",
                ),
                Column(_tr("Nguồn"), lambda r: _tr(SOURCE_LABELS.get(r.source, r.source))),
            ],
            record_id=lambda r: r.special.day,
            parent=parent,
            row_background=lambda r: PROVISIONAL_BACKGROUND if r.special.provisional else None,
        )
