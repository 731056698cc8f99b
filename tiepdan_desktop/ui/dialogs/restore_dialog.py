"""Khôi phục từ bản sao lưu: the backups with their time, why they were taken and
how many records each holds, each checked (integrity, checksums) in the
background; the one chosen is restored by the session controller, which first
closes the database, keeps it as a backup, then opens the restored one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.services import backups
from tiepdan_desktop.services.backups import BackupInfo, BackupKind
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.backup_folder import choose_backup_folder
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.formatting import format_datetime, format_number
from tiepdan_desktop.ui.messages import confirm

KIND_LABELS = {
    BackupKind.BY_HAND: "Sao lưu bằng tay",
    BackupKind.DAILY: "Hằng ngày",
    BackupKind.ON_EXIT: "Khi đóng chương trình",
    BackupKind.BEFORE_RESTORE: "Trước khi khôi phục",
}
COLUMNS = ("Thời điểm", "Loại", "Lượt tiếp", "Đơn", "Vụ việc", "Công dân", "Tệp", "Kiểm tra")
COUNTED = ("visit", "letter", "legal_case", "person", "attachment")


class RestoreDialog(QDialog):
    # The backup folder the official chose and confirmed.
    restore_chosen = Signal(Path)

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Khôi phục từ bản sao lưu"))
        self.resize(900, 480)
        self._app = app
        self.found: list[BackupInfo] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("backupTable")
        self.table.setAccessibleName(self.tr("Các bản sao lưu"))
        self.table.setHorizontalHeaderLabels([self.tr(text) for text in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        explanation = QLabel(
            self.tr(
                "Khôi phục thay toàn bộ dữ liệu hiện nay bằng bản sao lưu đã chọn. Dữ liệu hiện "
                "nay được sao lưu trước («Trước khi khôi phục»), nên có thể quay lại. Những gì "
                "ghi sau thời điểm sao lưu sẽ phải nhập lại."
            )
        )
        explanation.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Khôi phục bản đã chọn…"))
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_selected)
        other = QPushButton(self.tr("Chọn bản sao lưu ở thư mục khác…"))
        other.setObjectName("otherBackupButton")
        other.clicked.connect(self._choose_folder)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(other)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(explanation)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        services, actor = app.services, app.actor
        app.tasks.read(
            lambda: backups.backups_of(services, actor),
            self._listed,
            lambda error: show_failure(self, error, self.tr("Không đọc được các bản sao lưu")),
            owner=self,
        )

    def _listed(self, found: list[BackupInfo]) -> None:
        self.found = found
        self.table.setRowCount(len(found))
        for row, info in enumerate(found):
            values = [
                format_datetime(info.taken_at),
                self.tr(KIND_LABELS.get(info.kind, info.kind)),
                *(format_number(info.counts.get(table, 0)) for table in COUNTED),
                self.tr("Đang kiểm tra…"),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if 2 <= column <= 6:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            self._app.tasks.read(
                lambda folder=info.folder: backups.verify_backup(folder),
                lambda checked, row=row: self._checked(row, checked),
                owner=self,
            )
        self.table.resizeColumnsToContents()
        if found:
            self.table.selectRow(0)

    def _checked(self, row: int, checked: BackupInfo) -> None:
        if row >= len(self.found):
            return
        self.found[row] = checked
        text = self.tr("Tốt") if checked.ok else self.tr("Lỗi: ") + "; ".join(checked.problems)
        self.table.setItem(row, len(COLUMNS) - 1, QTableWidgetItem(text))
        self._selection_changed()

    def _selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self._selected()
        self.restore_button.setEnabled(chosen is not None and chosen.ok)

    def _restore_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self._confirm(chosen)

    def _choose_folder(self) -> None:
        choose_backup_folder(self, self._app.tasks, self._confirm)

    def _confirm(self, chosen: BackupInfo) -> None:
        question = self.tr(
            "Khôi phục bản sao lưu {0}?\n\nChương trình sẽ đóng dữ liệu hiện nay, sao lưu nó, "
            "đặt bản đã chọn vào thay, rồi mở lại để đăng nhập."
        ).format(chosen.describe())
        if confirm(self, self.tr("Khôi phục dữ liệu"), question, yes=self.tr("Khôi phục")):
            self.restore_chosen.emit(chosen.folder)
            self.accept()
