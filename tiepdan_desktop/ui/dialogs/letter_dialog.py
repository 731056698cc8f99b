"""Vào sổ đơn: a letter's intake (LEGAL.md §2.2), new or corrected — when and
how it came, who filed it, whom it is about, what it says — with the letters
already in the register that may be the same matter, found while typing.

Keyboard first, as the visit form: fields in reading order, Ctrl+S saves, Esc
asks before dropping what was typed.  Problems show under their fields.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.enums import LetterSource, LetterType
from tiepdan_desktop.domain.letter_intake import is_forwarded, letter_problems
from tiepdan_desktop.domain.letter_records import DuplicateCandidate, LetterDetail, LetterInput
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.domain.visit_records import PersonInput, PersonMatch
from tiepdan_desktop.services import letters, visits
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.register_form_dialog import RegisterFormDialog
from tiepdan_desktop.ui.messages import show_warning
from tiepdan_desktop.ui.widgets.choices import (
    area_items,
    area_label,
    enum_combo,
    enum_value,
    select_member,
    select_or_add,
)
from tiepdan_desktop.ui.widgets.dates import (
    date_edit,
    optional_date,
    optional_date_edit,
    set_optional_date,
    to_date,
    to_qdate,
)
from tiepdan_desktop.ui.widgets.duplicates_panel import DuplicatesPanel
from tiepdan_desktop.ui.widgets.filers_section import FilersSection
from tiepdan_desktop.ui.widgets.form import ValidatedForm

DUPLICATE_PAUSE_MS = 400
MIN_CONTENT_FOR_SEARCH = 12  # characters typed before the content is compared


class LetterDialog(RegisterFormDialog):
    discard_title = "Bỏ đơn đang nhập?"

    def __init__(
        self,
        app: AppContext,
        officers: list[tuple[uuid.UUID, str]],
        areas: list[SubjectAreaInfo],
        letter: LetterDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(app, parent)
        self.setObjectName("letterDialog")
        self.setWindowTitle(
            self.tr("Đơn số {0}/{1}: sửa thông tin tiếp nhận").format(letter.number, letter.year)
            if letter
            else self.tr("Vào sổ đơn")
        )
        self.resize(1200, 760)
        self._letter, self._areas = letter, areas
        self._searches = 0  # numbers the duplicate searches; a late answer is dropped

        self.received_on = date_edit("receivedOnEdit", app.services.today())
        self.source = enum_combo("sourceCombo", LetterSource)
        self.forwarded_by = QLineEdit()
        self.forwarded_by.setObjectName("forwardedByEdit")
        self.forwarded_by.setPlaceholderText(self.tr("Cơ quan, đại biểu, tổ chức đã chuyển đơn"))
        self.forward_doc_number = QLineEdit()
        self.forward_doc_number.setObjectName("forwardDocNumberEdit")
        self.forward_doc_date = optional_date_edit("forwardDocDateEdit")
        self.officer = QComboBox()
        self.officer.setObjectName("officerCombo")
        for officer_id, name in officers:
            self.officer.addItem(name, officer_id)
        self.filers = FilersSection(self._look_up)
        self.letter_type = enum_combo("letterTypeCombo", LetterType)
        self.area = QComboBox()
        self.area.setObjectName("areaCombo")
        self.content = QPlainTextEdit()
        self.content.setObjectName("contentEdit")
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText(self.tr("Tóm tắt nội dung đơn"))
        self.content.setFixedHeight(76)
        self.requests = QPlainTextEdit()
        self.requests.setObjectName("requestsEdit")
        self.requests.setTabChangesFocus(True)
        self.requests.setPlaceholderText(self.tr("Người viết đơn đề nghị, yêu cầu gì"))
        self.requests.setFixedHeight(52)
        self.subject_name = QLineEdit()
        self.subject_name.setObjectName("subjectNameEdit")
        self.subject_name.setPlaceholderText(self.tr("Họ tên hoặc tên cơ quan"))
        self.subject_position = QLineEdit()
        self.subject_position.setObjectName("subjectPositionEdit")
        self.subject_position.setPlaceholderText(self.tr("Chức vụ"))
        self.subject_org = QLineEdit()
        self.subject_org.setObjectName("subjectOrgEdit")
        self.subject_org.setPlaceholderText(self.tr("Cơ quan quản lý"))
        self.duplicates = DuplicatesPanel()

        self.intake_form = ValidatedForm()
        self.forward_form = ValidatedForm()
        self.content_form = ValidatedForm()
        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_PAUSE_MS)
        self._duplicate_timer.timeout.connect(self._find_duplicates)
        self._build()
        self._connect()
        if letter is not None:
            self._show(letter)
        else:
            self.officer.setCurrentIndex(max(self.officer.findData(app.actor.user_id), 0))
        self._source_changed()
        self._type_changed()
        self.duplicates.setVisible(letter is None)  # a registered letter: Xử lý › Đơn trùng
        self._snapshot = self.letter_input()

    # --- construction ------------------------------------------------------------------

    def _build(self) -> None:
        number = (
            f"{self._letter.number}/{self._letter.year}"
            if self._letter
            else self.tr("Tự động, theo năm")
        )
        # Left: the register's own facts; right: where the letter came from.
        self.intake_form.addRow(self.tr("Số đơn"), QLabel(number))
        self.intake_form.add_field("received_on", self.tr("Ngày nhận đơn *"), self.received_on)
        self.intake_form.add_field("officer_id", self.tr("Cán bộ nhận đơn"), self.officer)
        self.forward_form.add_field("source", self.tr("Nguồn đơn *"), self.source)
        self.forward_form.add_field(
            "forwarded_by", self.tr("Cơ quan chuyển đơn *"), self.forwarded_by
        )
        doc_row = QWidget()
        doc_layout = QHBoxLayout(doc_row)
        doc_layout.setContentsMargins(0, 0, 0, 0)
        doc_layout.addWidget(self.forward_doc_number, 1)
        doc_layout.addWidget(QLabel(self.tr("ngày")))
        doc_layout.addWidget(self.forward_doc_date)
        self.forward_form.add_field("forward_doc_number", self.tr("Văn bản chuyển số"), doc_row)
        self.forward_doc_number.setAccessibleName(self.tr("Số văn bản chuyển đơn"))
        self.forward_doc_date.setAccessibleName(self.tr("Ngày văn bản chuyển đơn"))
        intake = QGroupBox(self.tr("Tiếp nhận"))
        intake_row = QHBoxLayout(intake)
        intake_row.addLayout(self.intake_form, 2)
        intake_row.addSpacing(16)
        intake_row.addLayout(self.forward_form, 3)

        self.content_form.add_field(
            "letter_type", self.tr("Loại đơn (theo nội dung) *"), self.letter_type
        )
        self.content_form.add_field("area_code", self.tr("Lĩnh vực"), self.area)
        self.content_form.add_field("content", self.tr("Nội dung *"), self.content)
        self.content_form.add_field(
            "requests", self.tr("Yêu cầu của người viết đơn"), self.requests
        )
        subject_row = QWidget()
        subject_layout = QHBoxLayout(subject_row)
        subject_layout.setContentsMargins(0, 0, 0, 0)
        subject_layout.addWidget(self.subject_name, 2)
        subject_layout.addWidget(self.subject_position, 1)
        subject_layout.addWidget(self.subject_org, 2)
        self.content_form.add_field(
            "subject_name", self.tr("Người, cơ quan bị khiếu nại, tố cáo"), subject_row
        )
        self.subject_name.setAccessibleName(self.tr("Người, cơ quan bị khiếu nại, tố cáo"))
        self.subject_position.setAccessibleName(self.tr("Chức vụ"))
        self.subject_org.setAccessibleName(self.tr("Cơ quan quản lý"))
        content = QGroupBox(self.tr("Nội dung đơn"))
        content.setLayout(self.content_form)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(intake)
        column.addWidget(self.filers)
        lower = QHBoxLayout()
        lower.addWidget(content, 1)
        lower.addWidget(self.duplicates, 1)
        column.addLayout(lower)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveLetterButton")
        self.save_button.setText(self.tr("Vào sổ") if self._letter is None else self.tr("Lưu"))
        self.save_button.setToolTip(self.tr("Lưu (Ctrl+S)"))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.submit)
        self.source.currentIndexChanged.connect(lambda _i: self._source_changed())
        self.letter_type.currentIndexChanged.connect(lambda _i: self._type_changed())
        self.content.textChanged.connect(self._duplicate_timer.start)
        self.filers.changed.connect(self._duplicate_timer.start)

    # --- fields that apply only sometimes ------------------------------------------------

    def _source_changed(self) -> None:
        forwarded = is_forwarded(enum_value(self.source, LetterSource) or LetterSource.POST)
        self.forward_form.set_field_visible("forwarded_by", forwarded)
        self.forward_form.set_field_visible("forward_doc_number", forwarded)

    def _type_changed(self) -> None:
        current, shown = self.area.currentData(), self.area.currentText()
        self.area.clear()
        for label, code in area_items(self._areas, enum_value(self.letter_type, LetterType)):
            self.area.addItem(label, code)
        select_or_add(self.area, current, shown)  # a stored area is kept, not cleared
        self._duplicate_timer.start()

    # --- likely duplicates ---------------------------------------------------------------

    def _find_duplicates(self) -> None:
        if self._letter is not None:
            return
        content = self.content.toPlainText()
        people = [p for p in self.filers.people() if normalize_text(p.full_name)]
        self._searches += 1  # an answer still on its way is for other words
        if len(normalize_text(content)) < MIN_CONTENT_FOR_SEARCH and not people:
            self.duplicates.clear()
            return
        number, kind = self._searches, enum_value(self.letter_type, LetterType)
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: letters.find_duplicates(services, actor, content, people, kind),
            lambda found: self._duplicates_arrived(number, found),
            lambda _error: None,  # a failed search only means no suggestions
            owner=self,
        )

    def _duplicates_arrived(self, number: int, found: list[DuplicateCandidate]) -> None:
        if number == self._searches:
            self.duplicates.show_candidates(found)

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
            lambda _error: None,
            owner=self,
        )

    # --- values ------------------------------------------------------------------------

    def _show(self, letter: LetterDetail) -> None:
        self.received_on.setDate(to_qdate(letter.received_on))
        select_member(self.source, letter.source)
        self.forwarded_by.setText(letter.forwarded_by or "")
        self.forward_doc_number.setText(letter.forward_doc_number or "")
        set_optional_date(self.forward_doc_date, letter.forward_doc_date)
        select_or_add(self.officer, letter.officer_id, letter.officer_name or "")
        self.filers.show_letter(letter)
        select_member(self.letter_type, letter.letter_type)
        self._type_changed()
        if letter.identity_hidden:  # reclassifying would reveal the denouncer
            self.letter_type.setEnabled(False)
            self.letter_type.setToolTip(
                self.tr("Chỉ lãnh đạo được đổi loại của đơn có người tố cáo.")
            )
        select_or_add(self.area, letter.area_code, area_label(self._areas, letter.area_code))
        self.content.setPlainText(letter.content)
        self.requests.setPlainText(letter.requests or "")
        self.subject_name.setText(letter.subject_name or "")
        self.subject_position.setText(letter.subject_position or "")
        self.subject_org.setText(letter.subject_org or "")

    def letter_input(self) -> LetterInput:
        source = enum_value(self.source, LetterSource) or LetterSource.POST
        forwarded = is_forwarded(source)
        return LetterInput(
            received_on=to_date(self.received_on.date()),
            source=source,
            letter_type=enum_value(self.letter_type, LetterType) or LetterType.COMPLAINT,
            content=self.content.toPlainText(),
            filers=self.filers.filers(),
            filer_kind=self.filers.kind(),
            signer_count=self.filers.signer_count.value(),
            filer_org=self.filers.org.text(),
            filer_identity=self.filers.filer_identity(),
            authorisation_doc=self.filers.authorisation_doc(),
            forwarded_by=self.forwarded_by.text() if forwarded else None,
            forward_doc_number=self.forward_doc_number.text() if forwarded else None,
            forward_doc_date=optional_date(self.forward_doc_date) if forwarded else None,
            officer_id=self.officer.currentData(),
            area_code=self.area.currentData(),
            requests=self.requests.toPlainText(),
            subject_name=self.subject_name.text(),
            subject_position=self.subject_position.text(),
            subject_org=self.subject_org.text(),
        )

    def has_changes(self) -> bool:
        return self.letter_input() != self._snapshot

    # --- saving ------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> None:
        if "forward_doc_date" in problems:  # the date sits in the document's row
            problems = {**problems, "forward_doc_number": problems["forward_doc_date"]}
        unplaced = [
            set(form.show_errors(problems))
            for form in (self.intake_form, self.forward_form, self.content_form)
        ]
        unplaced.append(set(self.filers.show_errors(problems)))
        leftover = set.intersection(*unplaced) - {problems.get("duplicate_of")}
        if leftover:  # no field shows it: said in a box, never silently dropped
            show_warning(self, self.tr("Chưa lưu được đơn"), "\n".join(sorted(leftover)))

    def submit(self) -> None:
        if self.saving:
            return
        data = self.letter_input()
        self.filers.clear_errors()
        problems = letter_problems(data, self._app.services.today())
        if (duplicate_problem := self.duplicates.problem()) and self._letter is None:
            problems["duplicate_of"] = duplicate_problem
        if problems:
            self.show_problems(problems)
            if "duplicate_of" in problems:
                self.duplicates.status.setText(problems["duplicate_of"])
            return
        services, actor = self._app.services, self._app.actor
        existing = self._letter.id if self._letter else None
        duplicate_of, checked_new = self.duplicates.answer()

        def save() -> LetterDetail:
            if existing:
                return letters.update_letter(services, actor, existing, data)
            return letters.register_letter(services, actor, data, duplicate_of, checked_new)

        self.run_write(save, changes={"letters"})
