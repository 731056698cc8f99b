"""The subject-area catalogue (lĩnh vực) used to classify letters."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.services import unit
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.area_dialog import AreaDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.widgets.buttons import action_button

_TYPE_LABELS = {member.value: member.label for member in LetterType}


class AreasTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("areasTab")
        self._app = app
        column = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Danh mục lĩnh vực theo các biểu báo cáo (Thông tư 01/2024/TT-TTCP), hai cấp. "
                "Lĩnh vực không xóa được, chỉ ngừng dùng: đơn cũ vẫn giữ lĩnh vực của mình."
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
        self.add_button = action_button("addAreaButton", self.tr("Thêm lĩnh vực…"), self.add)
        self.edit_button = action_button("editAreaButton", self.tr("Sửa…"), self.edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self._areas: list[SubjectAreaInfo] = []
        editable = app.can(Permission.MANAGE_UNIT)
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(False)
        self.tree.itemSelectionChanged.connect(
            lambda: self.edit_button.setEnabled(editable and self._selected() is not None)
        )
        self.tree.itemDoubleClicked.connect(lambda *_a: self.edit() if editable else None)
        services, actor = app.services, app.actor
        app.tasks.read(
            lambda: unit.list_subject_areas(services, actor),
            self._show,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def _selected(self) -> SubjectAreaInfo | None:
        item = self.tree.currentItem()
        code = item.text(1) if item is not None else None
        return next((area for area in self._areas if area.code == code), None)

    def add(self) -> None:
        self._open(AreaDialog(self._app, self._areas, None, self))

    def edit(self) -> None:
        if (area := self._selected()) is not None:
            self._open(AreaDialog(self._app, self._areas, area, self))

    def _open(self, dialog: AreaDialog) -> None:
        if dialog.exec() and isinstance(dialog.saved, list):
            self._show(dialog.saved)

    def _show(self, areas: list[SubjectAreaInfo]) -> None:
        self._areas = areas
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for area in areas:
            applies = ", ".join(_TYPE_LABELS.get(code, code) for code in area.applies_to)
            if not area.active:
                applies = f"(ngừng dùng) {applies}"
            item = QTreeWidgetItem([area.name, area.code, applies])
            parent = items.get(area.parent_code or "")
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[area.code] = item
        self.tree.expandAll()
