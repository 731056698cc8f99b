"""The unit's details; editable by those who may manage the unit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import UnitChanges, UnitInfo
from tiepdan_desktop.services import setup, unit
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_form_failure
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.widgets.form import ValidatedForm


class UnitTab(QWidget):
    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.setObjectName("unitTab")
        self._app = app
        editable = app.can(Permission.MANAGE_UNIT)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        self.form = ValidatedForm()
        self.name = QLineEdit()
        self.name.setObjectName("unitNameEdit")
        self.chairman = QLineEdit()
        self.chairman.setObjectName("chairmanEdit")
        self.address = QLineEdit()
        self.address.setObjectName("unitAddressEdit")
        self.remote = QCheckBox(self.tr("Vùng sâu, vùng xa, đi lại khó khăn"))
        self.remote.setObjectName("remoteAreaCheck")
        self.place = QLabel()
        self.place.setObjectName("unitPlaceLabel")
        self.form.add_field("name", self.tr("Tên đơn vị"), self.name)
        self.form.add_field("place", self.tr("Địa bàn"), self.place)
        self.form.add_field("chairman_name", self.tr("Chủ tịch UBND"), self.chairman)
        self.form.add_field("address", self.tr("Địa chỉ trụ sở"), self.address)
        self.form.add_field("remote_area", "", self.remote)
        holder = QWidget()
        holder.setMaximumWidth(820)
        holder.setLayout(self.form)
        column.addWidget(holder)
        for field in (self.name, self.chairman, self.address):
            field.setReadOnly(not editable)
        self.remote.setEnabled(editable)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Lưu thông tin đơn vị"))
        self.save_button.setObjectName("primaryButton")
        self.save_button.setAccessibleName(self.tr("Lưu thông tin đơn vị"))
        self.save_button.setVisible(editable)
        self.save_button.clicked.connect(self._save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        services = self._app.services
        self._app.tasks.read(lambda: setup.get_unit(services), self._show, self._failed, owner=self)

    def _show(self, info: UnitInfo | None) -> None:
        if info is None:
            return
        self.name.setText(info.name)
        self.chairman.setText(info.chairman_name)
        self.address.setText(info.address or "")
        self.remote.setChecked(info.remote_area)
        self.place.setText(f"{info.ward_name}, {info.province_name} ({info.level.label.lower()})")

    def _save(self) -> None:
        self.form.clear_errors()
        changes = UnitChanges(
            self.name.text(), self.chairman.text(), self.remote.isChecked(), self.address.text()
        )
        services, actor = self._app.services, self._app.actor
        self.save_button.setEnabled(False)
        self._app.tasks.write(
            lambda: unit.update_unit(services, actor, changes),
            self._saved,
            self._failed,
            changes={"unit"},
            owner=self,
        )

    def _saved(self, info: UnitInfo) -> None:
        self.save_button.setEnabled(True)
        self._show(info)
        show_info(self, self.tr("Đã lưu"), self.tr("Đã lưu thông tin đơn vị."))

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        show_form_failure(self, self.form, error)
