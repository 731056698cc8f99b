"""A table model over a short list of records (users, audit entries, …).

Large registers use the lazy id-list models instead; this one holds the whole
list, which is right for tens or hundreds of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
RECORD_ROLE = Qt.ItemDataRole.UserRole + 11

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column[T]:
    header: str
    display: Callable[[T], str]
    sort_value: Callable[[T], Any] | None = None
    tooltip: Callable[[T], str] | None = None
    align_right: bool = False


class RecordTableModel[T](QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column[T]],
        record_id: Callable[[T], object],
        parent: QObject | None = None,
        row_background: Callable[[T], QColor | None] | None = None,
    ) -> None:
        """`row_background`: a colour for rows that need the eye (unconfirmed, overdue …)."""
        super().__init__(parent)
        self._columns = list(columns)
        self._record_id = record_id
        self._row_background = row_background
        self._records: list[T] = []

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._records[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == SORT_ROLE:
            return column.sort_value(record) if column.sort_value else column.display(record)
        if role == RECORD_ROLE:
            return self._record_id(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.BackgroundRole and self._row_background is not None:
            return self._row_background(record)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return super().headerData(section, orientation, role)
