"""Who came: one citizen, or a group (đoàn đông người) with its size, its
representatives and the members the office knows by name.  While a name or a
paper is typed, the people already in the database are looked up in the
background and offered beside the fields.  A group is checked live against
Luật Tiếp công dân Điều 29."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.enums import VisitorRole
from tiepdan_desktop.domain.reception import group_warnings
from tiepdan_desktop.domain.visit_records import PersonInput, PersonMatch, VisitorView
from tiepdan_desktop.ui.widgets.person_editor import PersonEditor
from tiepdan_desktop.ui.widgets.person_lookup import LiveLookup, Lookup
from tiepdan_desktop.ui.widgets.person_matches import PersonMatchesPanel

PERSON_ROLE = Qt.ItemDataRole.UserRole


class VisitorsSection(QGroupBox):
    changed = Signal()
    person_chosen = Signal(object)  # PersonMatch

    def __init__(self, lookup: Lookup, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Người đến"), parent)
        self.setObjectName("visitorsSection")
        self.hidden_identity: str | None = None
        self.single = QRadioButton(self.tr("Một công dân"))
        self.single.setObjectName("singleVisitorRadio")
        self.group = QRadioButton(self.tr("Đoàn đông người"))
        self.group.setObjectName("groupVisitRadio")
        kinds = QButtonGroup(self)
        kinds.addButton(self.single)
        kinds.addButton(self.group)
        self.single.setChecked(True)
        self.head_count = QSpinBox()
        self.head_count.setObjectName("headCountSpin")
        self.head_count.setAccessibleName(self.tr("Số người của đoàn"))
        self.head_count.setRange(1, 5000)
        self.head_count.setValue(5)
        self.head_count_label = QLabel(self.tr("Số người"))
        self.editor = PersonEditor()
        self.matches = PersonMatchesPanel()
        self.matches.setMinimumWidth(280)
        self.members = QListWidget()
        self.members.setObjectName("groupMembers")
        self.members.setAccessibleName(self.tr("Người của đoàn đã ghi"))
        self.members.setMaximumHeight(80)
        self.add_member_button = QPushButton(self.tr("Thêm vào đoàn"))
        self.add_member_button.setObjectName("addMemberButton")
        self.remove_member_button = QPushButton(self.tr("Bỏ người đã chọn"))
        self.remove_member_button.setObjectName("removeMemberButton")
        self.members_title = QLabel(self.tr("Đại diện và thành viên đã ghi tên"))
        self.members_title.setObjectName("cardTitle")
        self.group_warning = QLabel()
        self.group_warning.setObjectName("calendarWarning")
        self.group_warning.setWordWrap(True)
        self.people_error = QLabel()
        self.people_error.setObjectName("fieldError")
        self.people_error.setWordWrap(True)
        self.masked = QLabel()
        self.masked.setObjectName("calendarWarning")
        self.masked.setWordWrap(True)
        self.masked.hide()
        self._layout()
        self.lookup = LiveLookup(self.editor, self.matches, lookup, self)
        self.editor.lookup_needed.connect(self.changed)
        self.lookup.chosen.connect(self._use_match)
        self.single.toggled.connect(self._kind_changed)
        self.head_count.valueChanged.connect(lambda _v: self._refresh_group())
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        self._kind_changed()

    def _layout(self) -> None:
        kind_row = QHBoxLayout()
        for widget in (self.single, self.group, self.head_count_label, self.head_count):
            kind_row.addWidget(widget)
        kind_row.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(kind_row)
        left.addWidget(self.masked)
        left.addWidget(self.editor)
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(self.add_member_button)
        member_buttons.addWidget(self.remove_member_button)
        member_buttons.addStretch(1)
        left.addLayout(member_buttons)
        left.addWidget(self.members_title)
        left.addWidget(self.members)
        left.addWidget(self.group_warning)
        left.addWidget(self.people_error)
        row = QHBoxLayout(self)
        row.addLayout(left, 3)
        row.addWidget(self.matches, 2)

    # --- the kind of visit -------------------------------------------------------------

    def is_group(self) -> bool:
        return self.group.isChecked()

    def _kind_changed(self) -> None:
        group = self.is_group()
        for widget in (
            self.head_count,
            self.head_count_label,
            self.members,
            self.members_title,
            self.add_member_button,
            self.remove_member_button,
        ):
            widget.setVisible(group and self.hidden_identity is None)
        self.editor.set_in_group(group)
        self._refresh_group()
        self.changed.emit()

    def _use_match(self, match: PersonMatch) -> None:
        self.person_chosen.emit(match)
        self.changed.emit()

    # --- group members -----------------------------------------------------------------

    def add_member(self) -> None:
        """The person in the fields joins the list; the fields empty for the next."""
        if self.editor.is_empty():
            return
        person = self.editor.value(VisitorRole.REPRESENTATIVE)
        item = QListWidgetItem(f"{person.full_name} – {person.role.label}")
        item.setData(PERSON_ROLE, person)
        self.members.addItem(item)
        self.editor.clear()
        self.lookup.forget()
        self.editor.full_name.setFocus()
        self._refresh_group()
        self.changed.emit()

    def remove_member(self) -> None:
        for item in self.members.selectedItems():
            self.members.takeItem(self.members.row(item))
        self._refresh_group()
        self.changed.emit()

    def _listed(self) -> list[PersonInput]:
        return [self.members.item(row).data(PERSON_ROLE) for row in range(self.members.count())]

    def _refresh_group(self) -> None:
        if not self.is_group() or self.hidden_identity is not None:
            self.group_warning.hide()
            return
        people = self.people() or []
        representatives = sum(1 for p in people if p.role is VisitorRole.REPRESENTATIVE)
        warnings = group_warnings(self.head_count.value(), representatives)
        self.group_warning.setText("\n".join(warnings))
        self.group_warning.setVisible(bool(warnings))

    # --- values ------------------------------------------------------------------------

    def people(self) -> tuple[PersonInput, ...] | None:
        """Who came, as typed (None: the people of a protected visit, kept as they are)."""
        if self.hidden_identity is not None:
            return None
        if not self.is_group():
            return () if self.editor.is_empty() else (self.editor.value(),)
        listed = self._listed()
        if not self.editor.is_empty():  # typed but not yet added: taken as well
            listed.append(self.editor.value(VisitorRole.REPRESENTATIVE))
        return tuple(listed)

    def show_visit(
        self, people: tuple[VisitorView, ...], hidden: bool, is_group: bool, head_count: int
    ) -> None:
        (self.group if is_group else self.single).setChecked(True)
        self.head_count.setValue(head_count if is_group else 5)
        if hidden:
            self.hidden_identity = people[0].full_name
            self.masked.setText(
                self.tr(
                    "{0}: danh tính người tố cáo được bảo mật (Luật Tố cáo Điều 8, 47); "
                    "chỉ người có thẩm quyền mới xem, sửa được."
                ).format(self.hidden_identity)
            )
            self.editor.setVisible(False)
            self.matches.setVisible(False)
            self.single.setEnabled(False)
            self.group.setEnabled(False)
        else:
            if is_group:
                for person in people:
                    item = QListWidgetItem(f"{person.full_name} – {person.role.label}")
                    item.setData(PERSON_ROLE, person.as_input())
                    self.members.addItem(item)
            elif people:
                self.editor.set_value(people[0])
        self.masked.setVisible(hidden)
        self._kind_changed()

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Errors of the people: under the fields for one citizen, above the list for a group."""
        mine = {key: message for key, message in errors.items() if key.startswith("people")}
        if not self.is_group():
            self.editor.show_errors(
                {
                    key.rsplit(".", 1)[-1]: message
                    for key, message in mine.items()
                    if key.startswith("people.0.")
                }
            )
        listed = [
            _person_error(key, message, self.is_group())
            for key, message in mine.items()
            if self.is_group() or not key.startswith("people.0.")
        ]
        self.people_error.setText("\n".join(listed))
        self.people_error.setVisible(bool(listed))

    def clear_errors(self) -> None:
        self.editor.form.clear_errors()
        self.people_error.hide()


def _person_error(key: str, message: str, group: bool) -> str:
    parts = key.split(".")
    if len(parts) == 3 and group:
        return f"Người thứ {int(parts[1]) + 1}: {message}"
    return message
