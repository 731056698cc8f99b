"""The audit trail as a table: who changed what, when, old → new."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from tiepdan_desktop.domain.labels import (
    OPERATION_LABELS,
    action_label,
    entity_label,
    field_label,
    value_label,
)
from tiepdan_desktop.domain.records import AuditRecord
from tiepdan_desktop.ui.formatting import format_datetime, utc_to_local
from tiepdan_desktop.ui.models.record_table import Column, RecordTableModel

_MAX_SHOWN_CHANGES = 4


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditModel", text)


def describe_changes(entry: AuditRecord, limit: int | None = _MAX_SHOWN_CHANGES) -> str:
    if entry.operation == "bulk":
        return ", ".join(f"{field_label(key)}: {value}" for key, value in entry.changes.items())
    parts = []
    for field, (old, new) in entry.changes.items():
        label = field_label(field)
        if entry.operation == "update":
            parts.append(f"{label}: {value_label(field, old)} → {value_label(field, new)}")
        else:
            shown = new if entry.operation == "insert" else old
            parts.append(f"{label}: {value_label(field, shown)}")
    if limit is not None and len(parts) > limit:
        return "; ".join(parts[:limit]) + f"; … (+{len(parts) - limit})"
    return "; ".join(parts)


class AuditModel(RecordTableModel[AuditRecord]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    _tr("Thời gian"),
                    lambda e: format_datetime(utc_to_local(e.at)),
                    sort_value=lambda e: e.id,
                ),
                Column(_tr("Người thực hiện"), lambda e: e.username),
                Column(_tr("Thao tác"), lambda e: action_label(e.action)),
                Column(
                    _tr("Đối tượng"),
                    lambda e: (
                        f"{OPERATION_LABELS.get(e.operation, e.operation)} "
                        f"{entity_label(e.entity).lower()}"
                    ),
                ),
                Column(
                    _tr("Thay đổi"),
                    describe_changes,
                    tooltip=lambda e: describe_changes(e, limit=None).replace("; ", "\n"),
                ),
            ],
            record_id=lambda e: e.id,
            parent=parent,
        )
