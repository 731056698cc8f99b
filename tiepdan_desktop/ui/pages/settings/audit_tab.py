"""The audit trail: every change with who made it and when."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.records import AuditRecord
from tiepdan_desktop.services import maintenance
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.models.audit_model import AuditModel
from tiepdan_desktop.ui.widgets.tables import record_table

SHOWN_ENTRIES = 500
HEADER_STATE_KEY = "audit_tab/header"


class AuditTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("auditTab")
        self._app = app
        self.model = AuditModel(self)
        self.table = record_table("auditTable", self.tr("Nhật ký thao tác"), self.model)
        for column, width in enumerate((140, 150, 170, 150)):
            self.table.setColumnWidth(column, width)
        if (state := app.ui_state.load_bytes(HEADER_STATE_KEY)) is not None:
            self.table.horizontalHeader().restoreState(state)
        top = QHBoxLayout()
        note = QLabel(
            self.tr("{0} thao tác gần nhất; rê chuột lên cột «Thay đổi» để xem đủ.").format(
                SHOWN_ENTRIES
            )
        )
        note.setObjectName("hint")
        refresh = QPushButton(self.tr("Làm mới"))
        refresh.setObjectName("refreshAuditButton")
        refresh.setAccessibleName(self.tr("Làm mới nhật ký"))
        refresh.clicked.connect(self.refresh)
        top.addWidget(note)
        top.addStretch(1)
        top.addWidget(refresh)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.table)
        app.tasks.changed.connect(lambda _kinds: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: maintenance.list_audit_entries(services, actor, SHOWN_ENTRIES),
            self._show,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def _show(self, entries: list[AuditRecord]) -> None:
        self.model.set_records(entries)

    def save_state(self) -> None:
        self._app.ui_state.save_bytes(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())
