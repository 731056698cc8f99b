"""Thêm, sửa lĩnh vực: one entry of the two-level subject-area catalogue."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.services import unit
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.service_dialog import ServiceFormDialog


class AreaDialog(ServiceFormDialog):
    def __init__(
        self,
        app: AppContext,
        areas: list[SubjectAreaInfo],
        area: SubjectAreaInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(app, parent)
        self.setObjectName("areaDialog")
        self.setWindowTitle(self.tr("Sửa lĩnh vực") if area else self.tr("Thêm lĩnh vực"))
        self._is_new = area is None
        self.code = QLineEdit(area.code if area else "")
        self.code.setObjectName("areaCodeEdit")
        self.code.setReadOnly(area is not None)  # letters and reports refer to it
        self.name = QLineEdit(area.name if area else "")
        self.name.setObjectName("areaNameEdit")
        self.parent_area = QComboBox()
        self.parent_area.setObjectName("areaParentCombo")
        self.parent_area.addItem(self.tr("— Lĩnh vực cấp 1 —"), None)
        for top in areas:
            if top.parent_code is None and (area is None or top.code != area.code):
                self.parent_area.addItem(top.name, top.code)
        self.parent_area.setCurrentIndex(
            max(self.parent_area.findData(area.parent_code if area else None), 0)
        )
        self.types: dict[LetterType, QCheckBox] = {}
        types = QWidget()
        type_column = QVBoxLayout(types)
        type_column.setContentsMargins(0, 0, 0, 0)
        for letter_type in LetterType:
            check = QCheckBox(letter_type.label)
            check.setObjectName(f"areaType_{letter_type.value}")
            check.setChecked(area is None or letter_type.value in area.applies_to)
            self.types[letter_type] = check
            type_column.addWidget(check)
        self.active = QCheckBox(self.tr("Đang dùng (bỏ chọn để ngừng dùng, đơn cũ vẫn giữ)"))
        self.active.setObjectName("areaActiveCheck")
        self.active.setChecked(area is None or area.active)
        self.form.add_field("code", self.tr("Mã *"), self.code)
        self.form.add_field("name", self.tr("Tên lĩnh vực *"), self.name)
        self.form.add_field("parent_code", self.tr("Thuộc lĩnh vực"), self.parent_area)
        self.form.add_field("applies_to", self.tr("Dùng cho loại đơn *"), types)
        self.form.add_field("active", "", self.active)
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def area(self) -> SubjectAreaInfo:
        return SubjectAreaInfo(
            code=self.code.text().strip(),
            name=self.name.text(),
            parent_code=self.parent_area.currentData(),
            applies_to=tuple(t.value for t, check in self.types.items() if check.isChecked()),
            active=self.active.isChecked(),
        )

    def submit(self) -> None:
        if self.saving:
            return
        chosen, is_new = self.area(), self._is_new
        services, actor = self._app.services, self._app.actor
        self.run_write(
            lambda: unit.save_subject_area(services, actor, chosen, is_new), changes={"areas"}
        )
