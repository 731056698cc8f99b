"""Who filed a letter: one person, an organisation, or many signers (each listed,
representatives marked: Luật Tố cáo Đ23.1, NĐ 124/2020 Đ7), named, anonymous
or under another's name, and the authorised representative with the
authorisation document.  People already in the database are offered while a
name or a paper is typed, as at reception."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.enums import FilerKind, LetterPartyRole
from tiepdan_desktop.domain.letter_classification import FilerIdentity
from tiepdan_desktop.domain.letter_records import LetterDetail, LetterFiler
from tiepdan_desktop.domain.visit_records import PersonInput
from tiepdan_desktop.ui.widgets.choices import enum_combo, enum_value, select_member
from tiepdan_desktop.ui.widgets.form import ValidatedForm
from tiepdan_desktop.ui.widgets.person_editor import PersonEditor
from tiepdan_desktop.ui.widgets.person_lookup import LiveLookup, Lookup
from tiepdan_desktop.ui.widgets.person_matches import PersonMatchesPanel

FILER_ROLE = Qt.ItemDataRole.UserRole


class FilersSection(QGroupBox):
    changed = Signal()

    def __init__(self, lookup: Lookup, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Người đứng đơn"), parent)
        self.setObjectName("filersSection")
        self.hidden_identity: str | None = None
        self.kinds = QButtonGroup(self)
        self.kind_buttons: dict[FilerKind, QRadioButton] = {}
        for kind in FilerKind:
            button = QRadioButton(kind.label)
            button.setObjectName(f"filerKind_{kind.value}")
            self.kinds.addButton(button)
            self.kind_buttons[kind] = button
        self.kind_buttons[FilerKind.INDIVIDUAL].setChecked(True)
        self.identity = enum_combo("filerIdentityCombo", FilerIdentity)
        self.identity.setAccessibleName(self.tr("Danh tính người viết đơn"))
        self.org = QLineEdit()
        self.org.setObjectName("filerOrgEdit")
        self.org.setPlaceholderText(self.tr("Tên cơ quan, tổ chức đứng đơn"))
        self.signer_count = QSpinBox()
        self.signer_count.setObjectName("signerCountSpin")
        self.signer_count.setRange(1, 5000)
        self.editor = PersonEditor()
        self.matches = PersonMatchesPanel()
        self.matches.setMinimumWidth(260)
        self.role = enum_combo("filerRoleCombo", LetterPartyRole)
        self.add_button = QPushButton(self.tr("Thêm người này vào danh sách"))
        self.add_button.setObjectName("addFilerButton")
        self.remove_button = QPushButton(self.tr("Bỏ người đã chọn"))
        self.remove_button.setObjectName("removeFilerButton")
        self.listed = QListWidget()
        self.listed.setObjectName("filerList")
        self.listed.setAccessibleName(self.tr("Những người đã ghi tên"))
        self.listed.setMaximumHeight(90)
        self.authorisation = QLineEdit()
        self.authorisation.setObjectName("authorisationEdit")
        self.authorisation.setPlaceholderText(self.tr("Số, ngày văn bản ủy quyền; nơi chứng thực"))
        self.masked = QLabel()
        self.masked.setObjectName("calendarWarning")
        self.masked.setWordWrap(True)
        self.masked.hide()
        self.people_error = QLabel()
        self.people_error.setObjectName("fieldError")
        self.people_error.setWordWrap(True)
        self.people_error.hide()
        self.form = ValidatedForm()
        self._layout()
        self.lookup = LiveLookup(self.editor, self.matches, lookup, self)
        self.lookup.chosen.connect(lambda _match: self.changed.emit())
        self.editor.lookup_needed.connect(self.changed)
        self.kinds.buttonToggled.connect(lambda *_a: self._refresh())
        self.identity.currentIndexChanged.connect(lambda _i: self._refresh())
        self.role.currentIndexChanged.connect(lambda _i: self._refresh())
        self.add_button.clicked.connect(self.add_listed)
        self.remove_button.clicked.connect(self.remove_listed)
        self._refresh()

    def _layout(self) -> None:
        kind_row = QHBoxLayout()
        for button in self.kind_buttons.values():
            kind_row.addWidget(button)
        kind_row.addSpacing(16)
        kind_row.addWidget(self.identity)
        kind_row.addStretch(1)
        self.form.add_field("filer_org", self.tr("Cơ quan, tổ chức *"), self.org)
        self.form.add_field("signer_count", self.tr("Số người ký đơn *"), self.signer_count)
        self.form.add_field("role", self.tr("Người đang nhập là"), self.role)
        self.form.add_field("authorisation_doc", self.tr("Văn bản ủy quyền *"), self.authorisation)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(kind_row)
        left.addWidget(self.masked)
        left.addLayout(self.form)
        left.addWidget(self.editor)
        left.addLayout(buttons)
        left.addWidget(self.listed)
        left.addWidget(self.people_error)
        row = QHBoxLayout(self)
        row.addLayout(left, 3)
        row.addWidget(self.matches, 2)

    # --- what applies --------------------------------------------------------------------

    def kind(self) -> FilerKind:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def filer_identity(self) -> FilerIdentity:
        return enum_value(self.identity, FilerIdentity) or FilerIdentity.NAMED

    def _refresh(self) -> None:
        kind, anonymous = self.kind(), self.filer_identity() is FilerIdentity.ANONYMOUS
        typing = self.hidden_identity is None and not anonymous
        many = kind is FilerKind.MANY_SIGNERS
        self.form.set_field_visible("filer_org", kind is FilerKind.ORGANISATION)
        self.form.set_field_visible("signer_count", many)
        self.form.set_field_visible("role", typing)
        for widget in (self.editor, self.matches, self.add_button, self.remove_button):
            widget.setVisible(typing)
        self.listed.setVisible(typing and (many or self.listed.count() > 0))
        self.form.set_field_visible(
            "authorisation_doc",
            typing and LetterPartyRole.AUTHORISED in {f.role for f in self._typed_filers()},
        )
        if not many:
            self.signer_count.setValue(1)
        elif self.signer_count.value() < 2:
            self.signer_count.setValue(max(2, self.listed.count()))
        self.changed.emit()

    # --- the list of people --------------------------------------------------------------

    def _filer_in_fields(self) -> LetterFiler | None:
        if self.editor.is_empty():
            return None
        role = enum_value(self.role, LetterPartyRole) or LetterPartyRole.FILER
        return LetterFiler(self.editor.value(), role)

    def add_listed(self) -> None:
        """The person in the fields joins the list; the fields empty for the next."""
        filer = self._filer_in_fields()
        if filer is None:
            return
        self._add_item(filer)
        self.editor.clear()
        self.lookup.forget()
        self.editor.full_name.setFocus()
        self._refresh()

    def _add_item(self, filer: LetterFiler) -> None:
        item = QListWidgetItem(f"{filer.person.full_name} – {filer.role.label}")
        item.setData(FILER_ROLE, filer)
        self.listed.addItem(item)

    def remove_listed(self) -> None:
        for item in self.listed.selectedItems():
            self.listed.takeItem(self.listed.row(item))
        self._refresh()

    def _typed_filers(self) -> list[LetterFiler]:
        listed = [self.listed.item(row).data(FILER_ROLE) for row in range(self.listed.count())]
        if (typed := self._filer_in_fields()) is not None:
            listed.append(typed)  # typed but not yet added: taken as well
        return listed

    # --- values ------------------------------------------------------------------------

    def filers(self) -> tuple[LetterFiler, ...] | None:
        """The people as typed (None: those of a protected letter, kept as they are)."""
        if self.hidden_identity is not None:
            return None
        if self.filer_identity() is FilerIdentity.ANONYMOUS:
            return ()
        return tuple(self._typed_filers())

    def people(self) -> list[PersonInput]:
        """Those typed so far, to look for their earlier letters."""
        return [filer.person for filer in (self.filers() or ())]

    def authorisation_doc(self) -> str | None:
        if self.hidden_identity is not None:  # not shown, not changed: kept as stored
            return self.authorisation.text() or None
        visible = any(f.role is LetterPartyRole.AUTHORISED for f in self._typed_filers())
        return self.authorisation.text() if visible else None

    def show_letter(self, letter: LetterDetail) -> None:
        self.kind_buttons[letter.filer_kind].setChecked(True)
        select_member(self.identity, letter.filer_identity)
        self.org.setText(letter.filer_org or "")
        self.authorisation.setText(letter.authorisation_doc or "")
        if letter.identity_hidden:
            self.hidden_identity = letter.filers[0][0].full_name if letter.filers else ""
            self.masked.setText(
                self.tr(
                    "{0}: danh tính người tố cáo được bảo mật (Luật Tố cáo Điều 8, 47); "
                    "chỉ người có thẩm quyền mới xem, sửa được."
                ).format(self.hidden_identity)
            )
            for widget in (*self.kind_buttons.values(), self.identity):
                widget.setEnabled(False)
        elif len(letter.filers) == 1 and letter.filer_kind is not FilerKind.MANY_SIGNERS:
            view, role = letter.filers[0]
            self.editor.set_value(view)
            select_member(self.role, role)
        else:
            for view, role in letter.filers:
                self._add_item(LetterFiler(view.as_input(), role))
        self.masked.setVisible(letter.identity_hidden)
        self._refresh()
        self.signer_count.setValue(letter.signer_count)

    def show_errors(self, errors: Mapping[str, str]) -> list[str]:
        """Per-person errors under the fields when one person is typed, else above the
        list; the messages that belong to neither are returned."""
        unplaced = self.form.show_errors(errors)
        mine = {k: m for k, m in errors.items() if k.startswith("people") or k == "filers"}
        in_fields = self.listed.count() == 0 and self._filer_in_fields() is not None
        if in_fields:
            self.editor.show_errors(
                {k.rsplit(".", 1)[-1]: m for k, m in mine.items() if k.startswith("people.0.")}
            )
        lines = [
            _person_error(key, message)
            for key, message in mine.items()
            if not (in_fields and key.startswith("people.0."))
        ]
        self.people_error.setText("\n".join(lines))
        self.people_error.setVisible(bool(lines))
        return [m for m in unplaced if m not in mine.values()]

    def clear_errors(self) -> None:
        self.form.clear_errors()
        self.editor.form.clear_errors()
        self.people_error.hide()


def _person_error(key: str, message: str) -> str:
    parts = key.split(".")
    return f"Người thứ {int(parts[1]) + 1}: {message}" if len(parts) == 3 else message
