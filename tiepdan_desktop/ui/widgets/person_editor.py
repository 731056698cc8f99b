"""The fields of one visitor: name, birth year, gender, identity paper, address,
phone (and, in a group, their role).  Picking someone from the matches fills
the fields and links the visit to that person instead of a new one."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from tiepdan_desktop.domain.enums import Gender, IdDocumentType, VisitorRole
from tiepdan_desktop.domain.text import normalize_text, search_key
from tiepdan_desktop.domain.validators import digits_only
from tiepdan_desktop.domain.visit_records import PersonInput, PersonMatch, VisitorView
from tiepdan_desktop.ui.widgets.choices import enum_combo, enum_value, select_member
from tiepdan_desktop.ui.widgets.form import ValidatedForm

FIELDS = ("full_name", "birth_year", "gender", "id_type", "id_number", "address", "phone", "role")


class PersonEditor(QWidget):
    # Name, ID number or birth year changed: time to look for matches.
    lookup_needed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_id: uuid.UUID | None = None
        self._linked_as: tuple[str, str] = ("", "")  # folded name, ID number when picked
        self.in_group = False
        self.form = ValidatedForm(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("personName")
        self.full_name.setPlaceholderText(self.tr("Họ và tên đầy đủ, có dấu"))
        self.linked = QLabel()
        self.linked.setWordWrap(True)
        self.linked.setObjectName("hint")
        self.unlink_button = QPushButton(self.tr("Người khác"))
        self.unlink_button.setObjectName("unlinkPersonButton")
        self.unlink_button.setToolTip(self.tr("Không phải người đã chọn: ghi là người mới"))
        self.unlink_button.clicked.connect(self.unlink)
        name_row = QWidget()
        name_layout = QHBoxLayout(name_row)
        name_layout.setContentsMargins(0, 0, 0, 0)
        name_layout.addWidget(self.full_name, 1)
        name_layout.addWidget(self.unlink_button)
        self.form.add_field("full_name", self.tr("Họ và tên *"), name_row)
        self.full_name.setAccessibleName(self.tr("Họ và tên"))
        self.form.addRow("", self.linked)
        self.birth_year = QLineEdit()
        self.birth_year.setObjectName("personBirthYear")
        self.birth_year.setValidator(QIntValidator(1900, 2100, self))
        self.birth_year.setMaximumWidth(90)
        self.gender = enum_combo("personGender", Gender, self.tr("—"))
        year_row = QWidget()
        year_layout = QHBoxLayout(year_row)
        year_layout.setContentsMargins(0, 0, 0, 0)
        year_layout.addWidget(self.birth_year)
        year_layout.addWidget(QLabel(self.tr("Giới tính")))
        year_layout.addWidget(self.gender)
        year_layout.addStretch(1)
        self.form.add_field("birth_year", self.tr("Năm sinh"), year_row)
        self.birth_year.setAccessibleName(self.tr("Năm sinh"))
        self.gender.setAccessibleName(self.tr("Giới tính"))
        self.id_type = enum_combo("personIdType", IdDocumentType)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("personIdNumber")
        self.id_number.setPlaceholderText(self.tr("Số căn cước 12 chữ số"))
        paper_row = QWidget()
        paper_layout = QHBoxLayout(paper_row)
        paper_layout.setContentsMargins(0, 0, 0, 0)
        paper_layout.addWidget(self.id_type)
        paper_layout.addWidget(self.id_number, 1)
        self.form.add_field("id_number", self.tr("Giấy tờ"), paper_row)
        self.id_type.setAccessibleName(self.tr("Loại giấy tờ"))
        self.id_number.setAccessibleName(self.tr("Số giấy tờ"))
        self.address = QLineEdit()
        self.address.setObjectName("personAddress")
        self.form.add_field("address", self.tr("Địa chỉ"), self.address)
        self.phone = QLineEdit()
        self.phone.setObjectName("personPhone")
        self.phone.setMaximumWidth(200)
        self.form.add_field("phone", self.tr("Điện thoại"), self.phone)
        self.role = enum_combo("personRole", (VisitorRole.REPRESENTATIVE, VisitorRole.MEMBER))
        self.form.add_field("role", self.tr("Trong đoàn là"), self.role)
        self.form.set_field_visible("role", False)
        for field in (self.full_name, self.id_number, self.birth_year):
            field.textEdited.connect(lambda _text: self.lookup_needed.emit())
        self.address.textEdited.connect(lambda _text: self.lookup_needed.emit())
        for field in (self.full_name, self.id_number):
            field.textEdited.connect(lambda _text: self._show_link())
        self._show_link()

    # --- values ------------------------------------------------------------------------

    def _text(self, field: QLineEdit) -> str | None:
        value = normalize_text(field.text())
        return value or None

    def value(self, role: VisitorRole = VisitorRole.VISITOR) -> PersonInput:
        year = self.birth_year.text().strip()
        chosen_role = enum_value(self.role, VisitorRole) if self.in_group else None
        return PersonInput(
            full_name=self.full_name.text(),
            role=chosen_role or role,
            birth_year=int(year) if year.isdigit() else None,
            gender=enum_value(self.gender, Gender),
            id_type=enum_value(self.id_type, IdDocumentType)
            if self.id_number.text().strip()
            else None,
            id_number=self._text(self.id_number),
            address=self._text(self.address),
            phone=self._text(self.phone),
            person_id=self.person_id,
        )

    def set_in_group(self, in_group: bool) -> None:
        """A member of a group has a role in it (representative or member)."""
        self.in_group = in_group
        self.form.set_field_visible("role", in_group)

    def is_empty(self) -> bool:
        return not any(
            field.text().strip()
            for field in (self.full_name, self.birth_year, self.id_number, self.address, self.phone)
        )

    def set_value(self, person: PersonInput | VisitorView | PersonMatch) -> None:
        self.full_name.setText(person.full_name)
        self.birth_year.setText(str(person.birth_year) if person.birth_year else "")
        select_member(self.gender, person.gender)
        select_member(self.id_type, person.id_type)
        self.id_number.setText(person.id_number or "")
        self.address.setText(person.address or "")
        self.phone.setText(person.phone or "")
        if (
            isinstance(person, (PersonInput, VisitorView))
            and person.role is not VisitorRole.VISITOR
        ):
            select_member(self.role, person.role)
        self.person_id = person.person_id
        self._linked_as = self._identity()
        self._show_link()

    def _identity(self) -> tuple[str, str]:
        return search_key(self.full_name.text()), digits_only(self.id_number.text())

    def clear(self) -> None:
        for field in (self.full_name, self.birth_year, self.id_number, self.address, self.phone):
            field.clear()
        self.gender.setCurrentIndex(0)
        self.id_type.setCurrentIndex(0)
        self.role.setCurrentIndex(0)
        self.person_id = None
        self.form.clear_errors()
        self._show_link()

    def unlink(self) -> None:
        self.person_id = None
        self._show_link()

    def _show_link(self) -> None:
        linked = self.person_id is not None
        if not linked:
            text = ""
        elif self._identity() != self._linked_as:
            # Saving renames the citizen in every earlier visit too: say so.
            text = self.tr(
                "⚠ Đang sửa họ tên hoặc số giấy tờ của công dân đã có trong sổ: mọi lượt "
                "tiếp, đơn của người này sẽ theo thông tin mới. Nếu là người khác, "
                "bấm «Người khác»."
            )
        else:
            text = self.tr("Công dân đã có trong sổ: được gắn với người đó (cùng hồ sơ).")
        self.linked.setText(text)
        self.linked.setVisible(linked)
        self.unlink_button.setVisible(linked)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Errors keyed by field name (full_name, id_number, …)."""
        mapped = {
            ("id_number" if key == "id_type" else key): message for key, message in errors.items()
        }
        self.form.show_errors(mapped)
