"""A record's change history as an official reads it: when, who, what was done,
and each field's old → new value (bookkeeping columns and internal links left
out; the whole change on hover)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from tiepdan_desktop.domain.labels import action_label, entity_label, field_label, value_label
from tiepdan_desktop.domain.records import AuditRecord
from tiepdan_desktop.ui.formatting import format_datetime, utc_to_local

# Bookkeeping columns the history does not show an official (and any *_id link).
HIDDEN_FIELDS = frozenset(
    {
        "explanation_json",
        "request_json",
        "computed_at",
        "id",
        "data_json",
        "unit",
        "year",
        "created_by",
        "added_by",
        "search_text",
        "search_exact",
        "primary_name_sort",
        "conditions_json",
        "situations_json",
    }
)


def shown_field(name: str) -> bool:
    return name not in HIDDEN_FIELDS and not name.endswith("_id")


def change_text(record: AuditRecord) -> str:
    return "; ".join(
        f"{'Bước' if name == 'kind' else field_label(name)}: "
        + " → ".join(value_label(name, value) for value in values if value is not None)
        for name, values in record.changes.items()
        if shown_field(name)
    )


class HistoryTable(QTableWidget):
    def __init__(self, object_name: str) -> None:
        super().__init__(0, 4)
        self.setObjectName(object_name)
        self.setAccessibleName(self.tr("Lịch sử thay đổi"))
        self.setHorizontalHeaderLabels(
            [self.tr("Lúc"), self.tr("Người"), self.tr("Thao tác"), self.tr("Thay đổi")]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(False)  # one line per change; the whole of it on hover

    def show_records(self, records: Sequence[AuditRecord]) -> None:
        self.setRowCount(len(records))
        for row, record in enumerate(records):
            what = f"{action_label(record.action)} ({entity_label(record.entity).lower()})"
            for column, text in enumerate(
                (
                    format_datetime(utc_to_local(record.at)),
                    record.username,
                    what,
                    change_text(record),
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
