"""The subject-area catalogue (lĩnh vực) used to classify letters."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.services import unit
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure

_TYPE_LABELS = {member.value: member.label for member in LetterType}


class AreasTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("areasTab")
        self._app = app
        column = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Danh mục lĩnh vực theo các biểu báo cáo (Thông tư 01/2024/TT-TTCP). "
                "Việc thêm, sửa lĩnh vực sẽ có cùng màn hình Xử lý đơn."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        column.addWidget(note)
        self.tree = QTreeWidget()
        self.tree.setObjectName("areasTree")
        self.tree.setAccessibleName(self.tr("Danh mục lĩnh vực"))
        self.tree.setHeaderLabels(
            [self.tr("Lĩnh vực"), self.tr("Mã"), self.tr("Dùng cho loại đơn")]
        )
        self.tree.setColumnWidth(0, 320)
        self.tree.setColumnWidth(1, 90)
        column.addWidget(self.tree)
        services, actor = app.services, app.actor
        app.tasks.read(
            lambda: unit.list_subject_areas(services, actor),
            self._show,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def _show(self, areas: list[SubjectAreaInfo]) -> None:
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for area in areas:
            applies = ", ".join(_TYPE_LABELS.get(code, code) for code in area.applies_to)
            item = QTreeWidgetItem([area.name, area.code, applies])
            parent = items.get(area.parent_code or "")
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[area.code] = item
        self.tree.expandAll()
