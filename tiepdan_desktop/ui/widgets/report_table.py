"""A report form on screen, laid out as it prints: the merged header tree, the
column-number row, the total and the unit's row.  A figure that changed since
the report was frozen is tinted, its tooltip names the records behind the change.

The form has a few dozen cells, so a QTableWidget with spans is the simple fit
(the registers' lazy models are for hundreds of thousands of rows).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from tiepdan_desktop.domain.report_figures import format_number
from tiepdan_desktop.domain.report_records import ReportRun
from tiepdan_desktop.exports.report_layout import LEAD_COLUMNS, header_boxes

HEAD_BACKGROUND = QColor("#eef1f5")
CHANGED_BACKGROUND = QColor("#fff3cd")
FIGURE_WIDTH = 74
HEADER_HEIGHTS = {1: [96], 2: [48, 80], 3: [36, 36, 72]}
UNIT_WIDTH = 200


class ReportTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("reportTable")
        self.setAccessibleName(self.tr("Bảng số liệu của biểu"))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.figure_row = -1

    def _item(self, row: int, column: int, text: str, *, head: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if head:
            font = QFont(item.font())
            font.setBold(True)
            font.setPointSizeF(max(font.pointSizeF() - 1, 7))
            item.setFont(font)
            item.setBackground(QBrush(HEAD_BACKGROUND))
        self.setItem(row, column, item)
        return item

    def show_run(self, run: ReportRun) -> None:
        spec = run.spec
        depth = spec.depth
        lead = len(LEAD_COLUMNS)
        self.clearSpans()
        self.clear()
        self.setRowCount(depth + 3)
        self.setColumnCount(len(spec.columns) + lead)
        for index, text in enumerate(LEAD_COLUMNS):
            self._item(0, index, text, head=True)
            self.setSpan(0, index, depth, 1)
        for box in header_boxes(spec):
            first = box.first - 1 + lead
            self._item(box.row, first, box.text, head=True)
            rows, columns = box.last_row - box.row + 1, box.last - box.first + 1
            if rows > 1 or columns > 1:
                self.setSpan(box.row, first, rows, columns)
        numbers, total, unit = depth, depth + 1, depth + 2
        self.figure_row = unit
        self._item(numbers, 0, "A", head=True)
        self._item(numbers, 1, "B", head=True)
        self._item(total, 1, self.tr("Tổng cộng"), head=True)
        self._item(unit, 0, "1")
        unit_item = self._item(unit, 1, run.unit.name)
        unit_item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        changes = {change.number: change for change in run.changes}
        for column in spec.columns:
            at = column.number - 1 + lead
            label = f"({column.number})"
            if column.parts:
                label += " = " + " + ".join(f"({part})" for part in column.parts)
            self._item(numbers, at, label, head=True).setToolTip(label)
            value = format_number(round(run.cells[column.number].value, column.decimals))
            self._item(total, at, value, head=True)
            item = self._item(unit, at, value)
            item.setToolTip(column.label)
            change = changes.get(column.number)
            if change is not None and not run.frozen_figures:
                item.setBackground(QBrush(CHANGED_BACKGROUND))
                tip = self.tr("Đã chốt: {0} → nay: {1}").format(
                    format_number(change.frozen), format_number(change.current)
                )
                if change.added:
                    tip += "\n" + self.tr("Thêm: {0}").format(", ".join(change.added[:10]))
                if change.removed:
                    tip += "\n" + self.tr("Bớt: {0}").format(", ".join(change.removed[:10]))
                item.setToolTip(f"{column.label}\n{tip}")
        self.setColumnWidth(0, 44)
        self.setColumnWidth(1, UNIT_WIDTH)
        for column in spec.columns:
            self.setColumnWidth(column.number - 1 + lead, FIGURE_WIDTH)
        # About 150 px of header whatever the depth: a shallow form gives its group
        # names (over one or two columns) and its leaves more lines.
        heights = HEADER_HEIGHTS.get(depth, [30] * (depth - 1) + [62])
        for row, height in enumerate(heights):
            self.setRowHeight(row, height)
        for row in (numbers, total, unit):
            self.setRowHeight(row, 50 if row == numbers else 28)

    def figure_text(self, number: int) -> str:
        """The unit's figure in column (number) as shown (for tests and screen readers)."""
        item = self.item(self.figure_row, number - 1 + len(LEAD_COLUMNS))
        return item.text() if item is not None else ""
