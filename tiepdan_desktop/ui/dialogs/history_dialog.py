"""Lịch sử thay đổi of one record: who changed what, when, old → new (for the
roles that may read the audit trail)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tiepdan_desktop.domain.records import AuditRecord
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.widgets.history_table import HistoryTable


def show_history(
    app: AppContext, parent: QWidget, title: str, read: Callable[[], list[AuditRecord]]
) -> None:
    """Read a record's history in the background, then show it."""
    app.tasks.read(
        read,
        lambda records: HistoryDialog(title, records, parent).exec(),
        lambda error: show_failure(parent, error, parent.tr("Không đọc được lịch sử")),
        owner=parent,
    )


class HistoryDialog(QDialog):
    def __init__(
        self, title: str, records: Sequence[AuditRecord], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(title)
        self.resize(980, 460)
        self.table = HistoryTable("recordHistory")
        self.table.show_records(records)
        empty = QLabel(
            self.tr(
                "Nhật ký chưa ghi thay đổi riêng nào của bản ghi này (dữ liệu nhập hàng loạt "
                "chỉ có một dòng nhật ký chung)."
            )
        )
        empty.setObjectName("hint")
        empty.setWordWrap(True)
        empty.setVisible(not records)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(empty)
        column.addWidget(self.table, 1)
        column.addWidget(buttons)
