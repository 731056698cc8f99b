"""Phân loại đơn (TT 05/2021 Đ6): type by content, the conditions checklist of
that type, competence and the competent body, number of filers, status at other
bodies and the special situations — with what follows (eligible or not, and
why) shown as the boxes are ticked."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.enums import FilerKind, LetterType
from tiepdan_desktop.domain.letter_classification import (
    CONDITIONS_BY_TYPE,
    PRIOR_STATUSES_BY_TYPE,
    Classification,
    Condition,
    FilerIdentity,
    PriorStatus,
    SpecialSituation,
)
from tiepdan_desktop.domain.letter_records import LetterDetail
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.ui.widgets.choices import (
    area_items,
    area_label,
    enum_combo,
    enum_value,
    select_member,
    select_or_add,
)
from tiepdan_desktop.ui.widgets.form import ValidatedForm

# LEGAL.md §1.4, in a sentence each: what the commune chairman may resolve.
COMPETENCE_HELP = (
    "Thuộc thẩm quyền Chủ tịch UBND cấp xã: khiếu nại quyết định, hành vi hành chính của "
    "mình và của công chức do mình trực tiếp quản lý; tố cáo công chức do mình quản lý; "
    "kiến nghị, phản ánh thuộc trách nhiệm của UBND xã. Tố cáo Chủ tịch, Phó Chủ tịch, "
    "thành viên UBND xã thuộc UBND tỉnh; việc của Tòa án, Viện kiểm sát, thi hành án, "
    "tổ chức Đảng: hướng dẫn hoặc chuyển đơn."
)


class ClassificationForm(QWidget):
    changed = Signal()

    def __init__(self, areas: list[SubjectAreaInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classificationForm")
        self._areas = areas
        self._read_only = False
        self.letter_type = enum_combo("classifyTypeCombo", LetterType)
        self.area = QComboBox()
        self.area.setObjectName("classifyAreaCombo")
        self.identity = enum_combo("classifyIdentityCombo", FilerIdentity)
        self.many_filers = QCheckBox(self.tr("Đơn có nhiều người cùng đứng tên"))
        self.many_filers.setObjectName("manyFilersCheck")
        self.conditions_box = QGroupBox(self.tr("Điều kiện xử lý (Thông tư 05/2021 Điều 6)"))
        self.conditions_layout = QVBoxLayout(self.conditions_box)
        self.condition_checks: dict[Condition, QCheckBox] = {}
        self.all_met_button = QPushButton(self.tr("Đáp ứng đủ mọi điều kiện"))
        self.all_met_button.setObjectName("allConditionsButton")
        self.eligibility = QLabel()
        self.eligibility.setObjectName("eligibilityLabel")
        self.eligibility.setWordWrap(True)
        self.competent_yes = QRadioButton(self.tr("Thuộc thẩm quyền giải quyết của đơn vị"))
        self.competent_yes.setObjectName("competentYes")
        self.competent_no = QRadioButton(self.tr("Không thuộc thẩm quyền"))
        self.competent_no.setObjectName("competentNo")
        competence = QButtonGroup(self)
        competence.addButton(self.competent_yes)
        competence.addButton(self.competent_no)
        self.competent_body = QLineEdit()
        self.competent_body.setObjectName("competentBodyEdit")
        self.competent_body.setPlaceholderText(self.tr("Cơ quan có thẩm quyền giải quyết"))
        self.prior_status = QComboBox()
        self.prior_status.setObjectName("priorStatusCombo")
        self.situation_checks: dict[SpecialSituation, QCheckBox] = {}
        for situation in SpecialSituation:
            check = QCheckBox(situation.label)
            check.setObjectName(f"situation_{situation.value}")
            self.situation_checks[situation] = check
        self.note = QLineEdit()
        self.note.setObjectName("classificationNoteEdit")
        self.note.setPlaceholderText(self.tr("Nhận xét của cán bộ (lý do, căn cứ)"))
        self.axes = ValidatedForm()
        self.competence_form = ValidatedForm()
        self._layout()
        self.letter_type.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.all_met_button.clicked.connect(self._all_met)
        competence.buttonToggled.connect(lambda *_a: self._refresh())
        for check in self.situation_checks.values():
            check.toggled.connect(lambda _on: self.changed.emit())
        self.identity.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def _layout(self) -> None:
        type_row = QWidget()
        type_layout = QHBoxLayout(type_row)
        type_layout.setContentsMargins(0, 0, 0, 0)
        type_layout.addWidget(self.letter_type)
        type_layout.addWidget(QLabel(self.tr("Lĩnh vực")))
        type_layout.addWidget(self.area, 1)
        self.axes.add_field("letter_type", self.tr("Loại đơn theo nội dung *"), type_row)
        self.letter_type.setAccessibleName(self.tr("Loại đơn theo nội dung"))
        self.area.setAccessibleName(self.tr("Lĩnh vực"))
        filer_row = QWidget()
        filer_layout = QHBoxLayout(filer_row)
        filer_layout.setContentsMargins(0, 0, 0, 0)
        filer_layout.addWidget(self.identity)
        filer_layout.addWidget(self.many_filers)
        filer_layout.addStretch(1)
        self.axes.add_field("identity", self.tr("Người viết đơn"), filer_row)
        self.identity.setAccessibleName(self.tr("Danh tính người viết đơn"))
        self.axes.add_field("prior_status", self.tr("Tình trạng ở nơi khác"), self.prior_status)
        left = QVBoxLayout()
        left.addLayout(self.axes)
        left.addWidget(self.conditions_box)
        left.addWidget(self.eligibility)
        left.addStretch(1)

        competent_row = QWidget()
        competent_layout = QVBoxLayout(competent_row)
        competent_layout.setContentsMargins(0, 0, 0, 0)
        competent_layout.addWidget(self.competent_yes)
        competent_layout.addWidget(self.competent_no)
        self.competence_form.add_field("competent", self.tr("Thẩm quyền *"), competent_row)
        self.competence_form.add_field(
            "competent_body", self.tr("Cơ quan có thẩm quyền *"), self.competent_body
        )
        help_label = QLabel(self.tr(COMPETENCE_HELP))
        help_label.setObjectName("hint")
        help_label.setWordWrap(True)
        situations = QGroupBox(self.tr("Trường hợp đặc biệt"))
        situations_layout = QVBoxLayout(situations)
        for check in self.situation_checks.values():
            situations_layout.addWidget(check)
        self.situations_error = QLabel()
        self.situations_error.setObjectName("fieldError")
        self.situations_error.setWordWrap(True)
        self.situations_error.hide()
        situations_layout.addWidget(self.situations_error)
        right = QVBoxLayout()
        right.addLayout(self.competence_form)
        right.addWidget(help_label)
        right.addWidget(situations)
        note_form = ValidatedForm()
        note_form.add_field("note", self.tr("Ghi chú phân loại"), self.note)
        right.addLayout(note_form)
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addSpacing(16)
        row.addLayout(right, 1)

    # --- what depends on the type ----------------------------------------------------------

    def _type_changed(self) -> None:
        kind = enum_value(self.letter_type, LetterType) or LetterType.COMPLAINT
        met = {c for c, check in self.condition_checks.items() if check.isChecked()}
        for check in self.condition_checks.values():
            self.conditions_layout.removeWidget(check)
            check.deleteLater()
        self.conditions_layout.removeWidget(self.all_met_button)
        self.condition_checks = {}
        for condition in CONDITIONS_BY_TYPE[kind]:
            check = QCheckBox(condition.label)
            check.setObjectName(f"condition_{condition.value}")
            check.setChecked(condition in met)
            check.toggled.connect(lambda _on: self._refresh())
            self.conditions_layout.addWidget(check)
            self.condition_checks[condition] = check
        self.conditions_layout.addWidget(self.all_met_button)
        status = enum_value(self.prior_status, PriorStatus)
        self.prior_status.clear()
        self.prior_status.addItem(self.tr("— Không rõ, không có —"), None)
        for member in PRIOR_STATUSES_BY_TYPE.get(kind, ()):
            self.prior_status.addItem(member.label, member)
        self.prior_status.setCurrentIndex(max(self.prior_status.findData(status), 0))
        self.prior_status.setEnabled(self.prior_status.count() > 1)
        area, shown = self.area.currentData(), self.area.currentText()
        self.area.clear()
        for label, code in area_items(self._areas, kind):
            self.area.addItem(label, code)
        select_or_add(self.area, area, shown)  # a stored area is kept, not cleared
        self._refresh()
        self._apply_read_only()  # the new checkboxes too

    def _all_met(self) -> None:
        for check in self.condition_checks.values():
            check.setChecked(True)

    def _refresh(self) -> None:
        self.competence_form.set_field_visible("competent_body", self.competent_no.isChecked())
        unmet = self.classification().unmet_conditions()
        if unmet:
            self.eligibility.setText(
                self.tr("Không đủ điều kiện xử lý, thiếu: {0}.").format(
                    "; ".join(c.label.lower() for c in unmet)
                )
            )
            self.eligibility.setStyleSheet("color: #a11;")
        else:
            self.eligibility.setText(self.tr("Đủ điều kiện xử lý."))
            self.eligibility.setStyleSheet("color: #1b6e35;")
        self.changed.emit()

    # --- values ------------------------------------------------------------------------

    def show_letter(self, letter: LetterDetail) -> None:
        """The letter's stored answers, or what its intake already says."""
        stored = letter.classification
        select_member(self.letter_type, letter.letter_type)
        self._type_changed()
        select_or_add(self.area, letter.area_code, area_label(self._areas, letter.area_code))
        select_member(self.identity, letter.filer_identity)
        self.many_filers.setChecked(
            stored.many_filers if stored else letter.filer_kind is FilerKind.MANY_SIGNERS
        )
        if letter.identity_hidden:
            self.letter_type.setEnabled(False)
            self.letter_type.setToolTip(
                self.tr("Chỉ lãnh đạo được đổi loại của đơn có người tố cáo.")
            )
        if stored is None:
            return
        for condition, check in self.condition_checks.items():
            check.setChecked(condition in stored.conditions_met)
        if stored.competent is not None:
            (self.competent_yes if stored.competent else self.competent_no).setChecked(True)
        self.competent_body.setText(stored.competent_body or "")
        self.prior_status.setCurrentIndex(max(self.prior_status.findData(stored.prior_status), 0))
        for situation, check in self.situation_checks.items():
            check.setChecked(situation in stored.situations)
        self.note.setText(stored.note or "")
        self._refresh()

    def classification(self) -> Classification:
        competent = (
            True
            if self.competent_yes.isChecked()
            else False
            if self.competent_no.isChecked()
            else None
        )
        return Classification(
            letter_type=enum_value(self.letter_type, LetterType) or LetterType.COMPLAINT,
            conditions_met=frozenset(
                c for c, check in self.condition_checks.items() if check.isChecked()
            ),
            competent=competent,
            competent_body=self.competent_body.text() if competent is False else None,
            prior_status=enum_value(self.prior_status, PriorStatus),
            situations=frozenset(
                s for s, check in self.situation_checks.items() if check.isChecked()
            ),
            identity=enum_value(self.identity, FilerIdentity) or FilerIdentity.NAMED,
            many_filers=self.many_filers.isChecked(),
            note=self.note.text(),
            area_code=self.area.currentData(),
        )

    def show_errors(self, errors: Mapping[str, str]) -> list[str]:
        """Each message under its field; those no field takes are returned."""
        message = errors.get("situations", "")
        self.situations_error.setText(message)
        self.situations_error.setVisible(bool(message))
        rest = {k: m for k, m in errors.items() if k != "situations"}
        left = set(self.axes.show_errors(rest))
        return [m for m in self.competence_form.show_errors(rest) if m in left]

    def set_read_only(self, read_only: bool) -> None:
        """A letter with an outcome keeps the classification it was decided on."""
        self._read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        for child in self.findChildren(QWidget):
            if isinstance(child, (QCheckBox, QComboBox, QLineEdit, QRadioButton, QPushButton)):
                child.setEnabled(not self._read_only)
        if not self._read_only:
            self.prior_status.setEnabled(self.prior_status.count() > 1)
