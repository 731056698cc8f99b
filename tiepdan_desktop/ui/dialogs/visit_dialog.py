"""Ghi lượt tiếp công dân: one visit of the reception register, new or corrected.

Keyboard first: fields in reading order for Tab, Ctrl+S saves, and so does
Enter in the last field (Ghi chú); Esc cancels, asking first when something
was typed.  Problems show under their fields before anything is sent, and
again if the service finds more.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.enums import (
    LetterType,
    ReceptionType,
    RefusalGround,
    VisitHandling,
)
from tiepdan_desktop.domain.reception import NAMES_A_BODY, visit_problems
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.domain.visit_records import (
    PersonHistory,
    PersonInput,
    PersonMatch,
    VisitDetail,
    VisitInput,
)
from tiepdan_desktop.services import visits
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.register_form_dialog import RegisterFormDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.widgets.choices import (
    area_items,
    enum_combo,
    enum_value,
    select_member,
)
from tiepdan_desktop.ui.widgets.form import ValidatedForm
from tiepdan_desktop.ui.widgets.visitors_section import VisitorsSection

ANSWERED_ON_THE_SPOT = frozenset({VisitHandling.RETURNED_GUIDED, VisitHandling.REFUSED})


def _combo(object_name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    for label, value in items:
        combo.addItem(label, value)
    return combo


class VisitDialog(RegisterFormDialog):
    discard_title = "Bỏ lượt tiếp đang ghi?"

    def __init__(
        self,
        app: AppContext,
        officers: list[tuple[uuid.UUID, str]],
        areas: list[SubjectAreaInfo],
        chairman: str,
        visit: VisitDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(app, parent)
        self.setObjectName("visitDialog")
        self.setWindowTitle(
            self.tr("Lượt tiếp số {0}/{1}").format(visit.number, visit.year)
            if visit
            else self.tr("Ghi lượt tiếp công dân")
        )
        self.resize(1180, 720)
        self._visit, self._areas, self._chairman = visit, areas, chairman
        self._cases: list[tuple[uuid.UUID, str]] = []
        self.letter_label: str | None = None

        now = app.services.clock()
        self.visited_at = QDateTimeEdit(
            QDateTime(now.year, now.month, now.day, now.hour, now.minute, 0)
        )
        self.visited_at.setObjectName("visitedAtEdit")
        self.visited_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.visited_at.setCalendarPopup(True)
        self.reception_type = enum_combo("receptionTypeCombo", ReceptionType)
        self.presided_by = QLineEdit(chairman)
        self.presided_by.setObjectName("presidedByEdit")
        self.in_person = QRadioButton(self.tr("Chủ tịch tiếp trực tiếp"))
        self.in_person.setObjectName("chairInPersonRadio")
        self.delegated = QRadioButton(self.tr("Ủy quyền tiếp"))
        self.delegated.setObjectName("chairDelegatedRadio")
        chair = QButtonGroup(self)
        chair.addButton(self.in_person)
        chair.addButton(self.delegated)
        self.in_person.setChecked(True)
        self.officer = _combo("officerCombo", [(name, officer_id) for officer_id, name in officers])
        self.visitors = VisitorsSection(self._look_up)
        self.content = QPlainTextEdit()
        self.content.setObjectName("contentEdit")
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText(self.tr("Tóm tắt sự việc, yêu cầu của công dân"))
        self.content.setFixedHeight(80)
        self.letter_type = enum_combo("letterTypeCombo", LetterType, self.tr("— Chưa phân loại —"))
        self.area = QComboBox()
        self.area.setObjectName("areaCombo")
        self.is_repeat = QCheckBox(self.tr("Đã đến hoặc gửi đơn về việc này trước đây"))
        self.is_repeat.setObjectName("isRepeatCheck")
        self.case = QComboBox()
        self.case.setObjectName("caseCombo")
        self.prior_handling = QLineEdit()
        self.prior_handling.setObjectName("priorHandlingEdit")
        self.prior_handling.setPlaceholderText(self.tr("Cơ quan đã giải quyết, kết quả"))
        self.handling = enum_combo("handlingCombo", VisitHandling)
        self.refusal_ground = enum_combo("refusalGroundCombo", RefusalGround)
        self.forwarded_to = QLineEdit()
        self.forwarded_to.setObjectName("forwardedToEdit")
        self.result_followup = QLineEdit()
        self.result_followup.setObjectName("resultFollowupEdit")
        self.notes = QLineEdit()
        self.notes.setObjectName("notesEdit")
        self.make_letter = QCheckBox(
            self.tr("Vào sổ đơn ngay sau khi lưu (công dân nộp hoặc trình bày đơn)")
        )
        self.make_letter.setObjectName("makeLetterCheck")

        self.top_form = ValidatedForm()
        self.chair_form = ValidatedForm()
        self.content_form = ValidatedForm()
        self.handling_form = ValidatedForm()
        self._build()
        self._connect()
        if visit is not None:
            self._show(visit)
        else:
            self.letter_type.setCurrentIndex(0)
            select_member(self.handling, VisitHandling.LETTER_RECEIVED)
            self.make_letter.setChecked(True)
        self._reception_type_changed()
        self._letter_type_changed()
        self._handling_changed()
        self._repeat_changed()
        self._snapshot = self._current_state()

    # --- construction ------------------------------------------------------------------

    def _build(self) -> None:
        self.top_form.add_field("visited_at", self.tr("Ngày giờ tiếp *"), self.visited_at)
        self.top_form.add_field("reception_type", self.tr("Hình thức tiếp *"), self.reception_type)
        self.chair_form.add_field("officer_id", self.tr("Cán bộ tiếp"), self.officer)
        self.chair_form.add_field("presided_by", self.tr("Người chủ trì *"), self.presided_by)
        chair_row = QWidget()
        chair_layout = QHBoxLayout(chair_row)
        chair_layout.setContentsMargins(0, 0, 0, 0)
        chair_layout.addWidget(self.in_person)
        chair_layout.addWidget(self.delegated)
        chair_layout.addStretch(1)
        self.chair_form.add_field("chair_in_person", "", chair_row)
        top = QGroupBox(self.tr("Lượt tiếp"))
        top_row = QHBoxLayout(top)
        top_row.addLayout(self.top_form, 1)
        top_row.addSpacing(16)
        top_row.addLayout(self.chair_form, 1)

        self.content_form.add_field("content", self.tr("Nội dung vụ việc *"), self.content)
        type_row = QWidget()
        type_layout = QHBoxLayout(type_row)
        type_layout.setContentsMargins(0, 0, 0, 0)
        type_layout.addWidget(self.letter_type)
        type_layout.addWidget(QLabel(self.tr("Lĩnh vực")))
        type_layout.addWidget(self.area, 1)
        self.content_form.add_field("letter_type", self.tr("Phân loại *"), type_row)
        self.letter_type.setAccessibleName(self.tr("Phân loại"))
        self.area.setAccessibleName(self.tr("Lĩnh vực"))
        self.content_form.add_field("is_repeat", "", self.is_repeat)
        self.content_form.add_field("case_id", self.tr("Vụ việc đã có"), self.case)
        self.content_form.add_field(
            "prior_handling", self.tr("Cơ quan đã giải quyết"), self.prior_handling
        )
        content = QGroupBox(self.tr("Nội dung"))
        content.setLayout(self.content_form)

        self.handling_form.add_field("handling", self.tr("Hướng xử lý *"), self.handling)
        self.handling_form.add_field(
            "refusal_ground", self.tr("Lý do từ chối *"), self.refusal_ground
        )
        self.handling_form.add_field(
            "forwarded_to", self.tr("Cơ quan có thẩm quyền *"), self.forwarded_to
        )
        self.handling_form.add_field(
            "result_followup", self.tr("Theo dõi kết quả"), self.result_followup
        )
        self.handling_form.add_field(
            "notes", self.tr("Ghi chú"), self.notes, self.tr("Enter ở ô này hoặc Ctrl+S để lưu.")
        )
        self.handling_form.add_field("make_letter", "", self.make_letter)
        handling = QGroupBox(self.tr("Hướng xử lý"))
        handling.setLayout(self.handling_form)

        # Reading order: when and how, who came, what about and what was done.
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(top)
        column.addWidget(self.visitors)
        lower = QHBoxLayout()
        lower.addWidget(content, 1)
        lower.addWidget(handling, 1)
        column.addLayout(lower)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter moves on; it saves only in the last field
            button.setDefault(False)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveVisitButton")
        self.save_button.setToolTip(self.tr("Lưu (Ctrl+S)"))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        """Tab goes: when, how, who came, what about, and what was done."""
        editor = self.visitors.editor
        chain: list[QWidget] = [
            self.visited_at,
            self.reception_type,
            self.officer,
            self.presided_by,
            self.in_person,
            self.visitors.single,
            self.visitors.group,
            self.visitors.head_count,
            editor.full_name,
            editor.birth_year,
            editor.gender,
            editor.id_type,
            editor.id_number,
            editor.address,
            editor.phone,
            editor.role,
            self.visitors.add_member_button,
            self.content,
            self.letter_type,
            self.area,
            self.is_repeat,
            self.case,
            self.prior_handling,
            self.handling,
            self.refusal_ground,
            self.forwarded_to,
            self.result_followup,
            self.notes,
            self.make_letter,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.submit)
        self.notes.returnPressed.connect(self.submit)
        self.reception_type.currentIndexChanged.connect(self._reception_type_changed)
        self.letter_type.currentIndexChanged.connect(self._letter_type_changed)
        self.handling.currentIndexChanged.connect(self._handling_changed)
        self.is_repeat.toggled.connect(self._repeat_changed)
        self.visitors.person_chosen.connect(self._person_chosen)

    # --- fields that apply only sometimes ------------------------------------------------

    def _reception_type_changed(self) -> None:
        chaired = enum_value(self.reception_type, ReceptionType) is not ReceptionType.REGULAR
        self.chair_form.set_field_visible("presided_by", chaired)
        self.chair_form.set_field_visible("chair_in_person", chaired)

    def _letter_type_changed(self) -> None:
        current = self.area.currentData()
        self.area.clear()
        for label, code in area_items(self._areas, enum_value(self.letter_type, LetterType)):
            self.area.addItem(label, code)
        self.area.setCurrentIndex(max(self.area.findData(current), 0))

    def _handling_changed(self) -> None:
        handling = enum_value(self.handling, VisitHandling)
        self.handling_form.set_field_visible("refusal_ground", handling is VisitHandling.REFUSED)
        self.handling_form.set_field_visible("forwarded_to", handling in NAMES_A_BODY)
        can_make_letter = handling not in ANSWERED_ON_THE_SPOT and (
            self._visit is None or self._visit.letter_label is None
        )
        self.make_letter.setEnabled(can_make_letter)
        if not can_make_letter:
            self.make_letter.setChecked(False)

    def _repeat_changed(self) -> None:
        repeat = self.is_repeat.isChecked()
        self.content_form.set_field_visible("case_id", repeat)
        self.content_form.set_field_visible("prior_handling", repeat)

    def _person_chosen(self, match: PersonMatch) -> None:
        """A returning citizen: offer their matters to link this visit to."""
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: visits.person_history(services, actor, match.person_id),
            self._show_cases,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def _show_cases(self, history: PersonHistory) -> None:
        self._cases = [
            (case.case_id, f"{case.label} ({case.state.label})") for case in history.cases
        ]
        self._fill_cases(None)
        if history.visits:
            self.is_repeat.setChecked(True)

    def _fill_cases(self, selected: uuid.UUID | None) -> None:
        self.case.clear()
        self.case.addItem(self.tr("— Không gắn với vụ việc —"), None)
        for case_id, label in self._cases:
            self.case.addItem(label, case_id)
        self.case.setCurrentIndex(max(self.case.findData(selected), 0))

    def _look_up(self, typed: PersonInput, show: Callable[[list[PersonMatch]], None]) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: visits.find_people(
                services,
                actor,
                typed.full_name,
                typed.id_number or "",
                typed.birth_year,
                typed.address or "",
            ),
            show,
            lambda _error: None,  # a failed lookup only means no suggestions
            owner=self,
        )

    # --- values ------------------------------------------------------------------------

    def _show(self, visit: VisitDetail) -> None:
        moment = visit.visited_at
        self.visited_at.setDateTime(
            QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)
        )
        select_member(self.reception_type, visit.reception_type)
        if visit.presided_by:
            self.presided_by.setText(visit.presided_by)
        (self.delegated if visit.chair_in_person is False else self.in_person).setChecked(True)
        index = self.officer.findData(visit.officer_id)
        if index < 0 and visit.officer_id is not None:
            self.officer.addItem(visit.officer_name, visit.officer_id)
            index = self.officer.count() - 1
        self.officer.setCurrentIndex(max(index, 0))
        self.visitors.show_visit(
            visit.people, visit.identity_hidden, visit.is_group, visit.head_count
        )
        self.content.setPlainText(visit.content)
        select_member(self.letter_type, visit.letter_type)
        self._letter_type_changed()
        if visit.identity_hidden:  # reclassifying would reveal the denouncer
            self.letter_type.setEnabled(False)
            self.letter_type.setToolTip(
                self.tr("Chỉ lãnh đạo được đổi phân loại của lượt tiếp có người tố cáo.")
            )
        self.area.setCurrentIndex(max(self.area.findData(visit.area_code), 0))
        self.is_repeat.setChecked(visit.is_repeat)
        if visit.case_id is not None:
            self._cases = [(visit.case_id, visit.case_label or "")]
        self._fill_cases(visit.case_id)
        self.prior_handling.setText(visit.prior_handling or "")
        select_member(self.handling, visit.handling)
        select_member(self.refusal_ground, visit.refusal_ground)
        self.forwarded_to.setText(visit.forwarded_to or "")
        self.result_followup.setText(visit.result_followup or "")
        self.notes.setText(visit.notes or "")
        self.letter_label = visit.letter_label

    def visit_input(self) -> VisitInput:
        moment = self.visited_at.dateTime()
        date, time = moment.date(), moment.time()
        reception_type = enum_value(self.reception_type, ReceptionType) or ReceptionType.REGULAR
        chaired = reception_type is not ReceptionType.REGULAR
        handling = enum_value(self.handling, VisitHandling) or VisitHandling.LETTER_RECEIVED
        people = self.visitors.people()
        group = self.visitors.is_group()
        return VisitInput(
            visited_at=dt.datetime(
                date.year(), date.month(), date.day(), time.hour(), time.minute()
            ),
            reception_type=reception_type,
            content=self.content.toPlainText(),
            letter_type=enum_value(self.letter_type, LetterType),
            handling=handling,
            people=people,
            officer_id=self.officer.currentData(),
            chair_in_person=self.in_person.isChecked() if chaired else None,
            presided_by=self.presided_by.text() if chaired else None,
            is_group=group,
            head_count=self.visitors.head_count.value() if group else 1,
            area_code=self.area.currentData(),
            is_repeat=self.is_repeat.isChecked(),
            case_id=self.case.currentData() if self.is_repeat.isChecked() else None,
            prior_handling=self.prior_handling.text() if self.is_repeat.isChecked() else None,
            refusal_ground=enum_value(self.refusal_ground, RefusalGround)
            if handling is VisitHandling.REFUSED
            else None,
            forwarded_to=self.forwarded_to.text() if handling in NAMES_A_BODY else None,
            result_followup=self.result_followup.text(),
            notes=self.notes.text(),
        )

    def _current_state(self) -> VisitInput:
        return self.visit_input()

    def has_changes(self) -> bool:
        return self._current_state() != self._snapshot

    # --- saving ------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> None:
        self.top_form.show_errors(problems)
        self.chair_form.show_errors(problems)
        self.content_form.show_errors(problems)
        self.handling_form.show_errors(problems)
        self.visitors.show_errors(problems)

    def submit(self) -> None:
        if self.saving:
            return
        visit = self.visit_input()
        self.visitors.clear_errors()
        problems = visit_problems(visit, self._app.services.clock())
        if problems:
            self.show_problems(problems)
            return
        services, actor = self._app.services, self._app.actor
        make_letter = self.make_letter.isChecked() and self.make_letter.isEnabled()
        existing = self._visit.id if self._visit else None

        def save() -> VisitDetail:
            # One transaction: a failed letter leaves no visit behind to be saved twice.
            if existing:
                return visits.update_visit(services, actor, existing, visit, make_letter)
            return visits.register_visit(services, actor, visit, make_letter)

        self.run_write(save, changes={"visits", "letters"})
