"""The reception register as a table that stays quick at 200,000 rows.

The model holds the keys of the rows the filter and order give and reads the
rows themselves in blocks of 100, in the background, when the view first asks
for them (ARCHITECTURE.md "large registers"; Anki's browser table).  A new
filter or order shows at once from the exact row count and the first keys;
the other keys follow (`complete_keys`).  A row not read yet shows "…" for the
moment it takes.  A new filter, order or a write replaces the keys and
forgets the rows.  At most KEPT_BLOCKS blocks are kept, those nearest the view
(and always the selected row's): scrolling a whole year costs no more memory
than a screenful.

The columns are those of Mẫu số 03, filled exactly as the printed register
(exports.visit_register_layout.cells), plus the reception type and officer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from tiepdan_desktop.domain.visit_records import RegisterRow, RegisterSort
from tiepdan_desktop.exports.visit_register_layout import COLUMNS, cells
from tiepdan_desktop.ui.models.record_table import RECORD_ROLE
from tiepdan_desktop.ui.tasks import TaskRunner

BLOCK = 100
# Blocks of rows kept in memory (4,000 rows, a few MB); farther ones are read again.
KEPT_BLOCKS = 40
PENDING = "…"
HIDDEN_COLOUR = QColor("#6b4a00")
AnyIndex = QModelIndex | QPersistentModelIndex
# The roles the registers answer; the others a view asks for are declined at once.
_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        RECORD_ROLE,
    )
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("VisitRegisterModel", text)


@dataclass(frozen=True)
class RegisterColumn:
    header: str
    text: Callable[[RegisterRow], str]
    sort: RegisterSort | None = None
    shown_by_default: bool = True


# The form's twelve cells of the row whose texts are being made (a row's texts
# are made one after the other, once: see VisitRegisterModel._texts_of).
_LAST_CELLS: list[Any] = [None, None]


def _cells_of(row: RegisterRow) -> list[Any]:
    if _LAST_CELLS[0] is not row:
        _LAST_CELLS[0], _LAST_CELLS[1] = row, cells(row)
    return _LAST_CELLS[1]  # type: ignore[no-any-return]


def _form_cell(number: int) -> Callable[[RegisterRow], str]:
    def text(row: RegisterRow) -> str:
        value = _cells_of(row)[number - 1]
        if isinstance(value, dt.date):
            return f"{row.visited_at:%d/%m/%Y %H:%M}"
        return str(value).replace("\n", " · ")

    return text


_SORT_OF_FORM_COLUMN = {
    1: RegisterSort.DATE,
    2: RegisterSort.DATE,
    3: RegisterSort.NAME,
    6: RegisterSort.LETTER_TYPE,
    8: RegisterSort.HANDLING,
    9: RegisterSort.HANDLING,
    10: RegisterSort.HANDLING,
}


def register_columns() -> list[RegisterColumn]:
    columns = [
        RegisterColumn(
            # The form's own headings (Vietnamese by law), numbered as printed.
            f"({column.number}) {column.short or column.heading}"
            if column.number > 2
            else column.heading,
            _form_cell(column.number),
            _SORT_OF_FORM_COLUMN.get(column.number),
        )
        for column in COLUMNS
    ]
    columns.append(
        RegisterColumn(_tr("Hình thức tiếp"), lambda r: r.reception_type.label, None, False)
    )
    columns.append(RegisterColumn(_tr("Cán bộ tiếp"), lambda r: r.officer_name, None, False))
    columns.append(
        RegisterColumn(_tr("Số người"), lambda r: str(r.head_count), RegisterSort.HEAD_COUNT, False)
    )
    return columns


class VisitRegisterModel(QAbstractTableModel):
    # The column that names people: in italics and another colour when masked.
    hidden_column = 2

    def __init__(
        self,
        tasks: TaskRunner,
        load_rows: Callable[[list[int]], list[RegisterRow]],
        parent: QObject | None = None,
    ) -> None:
        """`load_rows` reads the rows of a block of keys; it runs in a worker."""
        super().__init__(parent)
        self._tasks = tasks
        self._load_rows = load_rows
        self.columns: list[Any] = self._make_columns()
        self._keys: list[int] = []
        self._total = 0
        self._rows: dict[int, RegisterRow] = {}
        # Each shown row's texts, made once: a repaint asks for every cell.
        self._texts: dict[int, tuple[str, ...]] = {}
        self._requested: set[int] = set()
        # Bumped on every new set of keys: blocks read for older keys are dropped.
        self._generation = 0
        # Where the view is (its first block), and the row kept whatever happens
        # (the selected one: its actions need its record).
        self._view_block = 0
        self.pinned_row: int | None = None

    def _make_columns(self) -> list[Any]:
        return register_columns()

    def record_id(self, record: Any) -> Any:
        """The id a screen opens for a row."""
        return record.visit_id

    def background(self, record: Any) -> QColor | None:
        """A row's background (None: the table's own)."""
        return None

    # --- the keys -----------------------------------------------------------------------

    def set_keys(
        self, keys: Sequence[int], total: int | None = None, first_rows: Sequence[Any] = ()
    ) -> None:
        """The keys in order; `total` when these are only the first of them;
        `first_rows`, the rows of the first keys when they came with them."""
        self.beginResetModel()
        self._keys = list(keys)
        self._total = max(total or 0, len(self._keys))
        self._rows.clear()
        self._texts.clear()
        self._requested.clear()
        self._generation += 1
        if first_rows:
            by_key = {row.key: row for row in first_rows}
            for row, key in enumerate(self._keys[:BLOCK]):
                if key in by_key:
                    self._rows[row] = by_key[key]
            if len(by_key) >= min(BLOCK, len(self._keys)):  # the whole first block
                self._requested.add(0)
        self.endResetModel()

    def complete_keys(self, keys: Sequence[int]) -> None:
        """All the keys, after the first ones: rows already shown stay as they are.
        If the register changed in between (the keys do not begin the same way,
        or their number differs), it is shown anew."""
        known = len(self._keys)
        if list(keys[:known]) != self._keys or len(keys) != self._total:
            self.set_keys(keys)
            return
        self._keys = list(keys)
        # The block that held the last known key was read short: read it again.
        self._requested = {block for block in self._requested if block < known // BLOCK}
        if known < len(keys):
            self.dataChanged.emit(
                self.index(known, 0), self.index(len(keys) - 1, self.columnCount() - 1)
            )

    @property
    def complete(self) -> bool:
        return len(self._keys) == self._total

    def record(self, row: int) -> RegisterRow | None:
        """The row if it has been read (None while it is on its way)."""
        return self._rows.get(row)

    def row_of_visit(self, visit_id: object) -> int | None:
        for row, record in self._rows.items():
            if self.record_id(record) == visit_id:
                return row
        return None

    # --- reading blocks ---------------------------------------------------------------

    def _request(self, block: int) -> None:
        if block in self._requested:
            return
        self._requested.add(block)
        generation = self._generation
        keys = self._keys[block * BLOCK : (block + 1) * BLOCK]
        load = self._load_rows
        self._tasks.read(
            lambda: load(keys),
            lambda rows: self._arrived(generation, block, keys, rows),
            lambda _error: self._requested.discard(block),  # asked again when next shown
            owner=self,
        )

    def _arrived(
        self, generation: int, block: int, keys: list[int], rows: list[RegisterRow]
    ) -> None:
        if generation != self._generation:
            return
        by_key = {row.key: row for row in rows}
        first = block * BLOCK
        for offset, key in enumerate(keys):
            if key in by_key:
                self._rows[first + offset] = by_key[key]
                self._texts.pop(first + offset, None)
        self._requested.add(block)  # forgotten while on its way: counted again
        self._forget_far_blocks()
        last = first + len(keys) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _forget_far_blocks(self) -> None:
        """Keep the KEPT_BLOCKS blocks nearest the view, and the pinned row's."""
        if len(self._requested) <= KEPT_BLOCKS:
            return
        near = self._view_block
        pinned = None if self.pinned_row is None else self.pinned_row // BLOCK
        far = sorted(self._requested, key=lambda block: abs(block - near))[KEPT_BLOCKS:]
        for block in far:
            if block == pinned:
                continue
            self._requested.discard(block)
            for row in range(block * BLOCK, (block + 1) * BLOCK):
                self._rows.pop(row, None)
                self._texts.pop(row, None)

    def prefetch(self, first: int, last: int) -> None:
        """Ask for the blocks of rows first…last (the rows the view is about to show)."""
        self._view_block = max(first, 0) // BLOCK
        last = min(last, len(self._keys) - 1)
        for block in range(max(first, 0) // BLOCK, last // BLOCK + 1):
            self._request(block)

    # --- the model contract ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():  # most roles a paint asks
            return None
        row = index.row()
        record = self._rows.get(row)
        if record is None:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= row < self._total:
                if row < len(self._keys):  # its key is known: read its block
                    self._request(row // BLOCK)
                return PENDING if index.column() == 0 else ""
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts_of(row, record)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._texts_of(row, record)[index.column()] or None
        if role == RECORD_ROLE:
            return self.record_id(record)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(record)
        if not (record.identity_hidden and index.column() == self.hidden_column):
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return HIDDEN_COLOUR  # the foreground of a masked name

    def _texts_of(self, row: int, record: Any) -> tuple[str, ...]:
        texts = self._texts.get(row)
        if texts is None:
            texts = self._texts[row] = tuple(column.text(record) for column in self.columns)
        return texts

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.ToolTipRole:
                sortable = self.columns[section].sort is not None
                return _tr("Nhấn để sắp xếp") if sortable else None
        return super().headerData(section, orientation, role)
