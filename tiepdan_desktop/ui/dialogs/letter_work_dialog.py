"""Xử lý đơn số N/Y: one letter from classification to its outcome.

Tabs in the order the work goes: Phân loại (TT 05/2021 Đ6), Đơn trùng (the
matter it may repeat), Hướng xử lý (the outcome and its official documents; the
reply or an urging letter for a forwarded one), Văn bản và tệp (the issued
documents and the scans, opened with the PC's own programs) and Thời hạn (each
legal clock with its explanation).  Every action is one service call; after it
the letter is read again, so what is shown is what was stored.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.confidentiality import identity_is_protected
from tiepdan_desktop.domain.enums import DeadlineStatus, LetterState
from tiepdan_desktop.domain.errors import DomainError, SealedFileError, ValidationError
from tiepdan_desktop.domain.letter_records import (
    DuplicateCandidate,
    LetterDetail,
    LetterOptions,
    OutcomeResult,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.services import letter_processing, letters
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.letter_dialog import LetterDialog
from tiepdan_desktop.ui.dialogs.reveal_dialog import AddressedCopyDialog, OpenSealedFileDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.files import open_in_system_viewer
from tiepdan_desktop.ui.messages import confirm, show_info, show_warning
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.classification_form import ClassificationForm
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date
from tiepdan_desktop.ui.widgets.duplicates_panel import DuplicatesPanel
from tiepdan_desktop.ui.widgets.form import ValidatedForm
from tiepdan_desktop.ui.widgets.letter_files_panel import LetterFilesPanel
from tiepdan_desktop.ui.widgets.outcome_form import OutcomeForm

UNDECIDED = frozenset({LetterState.RECEIVED, LetterState.CLASSIFIED, LetterState.PROPOSED})
SCAN_FILTER = "Bản quét (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"


class LetterWorkDialog(QDialog):
    def __init__(
        self,
        app: AppContext,
        letter: LetterDetail,
        officers: list[tuple[uuid.UUID, str]],
        areas: list[SubjectAreaInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterWorkDialog")
        self.resize(1120, 720)
        self._app, self._officers, self._areas = app, officers, areas
        self._can_edit = app.can(Permission.EDIT_REGISTERS)
        self.letter = letter
        self.busy = False
        self._reads: dict[str, int] = {}
        self._snapshot: tuple[object, ...] = ()
        self.header = QLabel()
        self.header.setObjectName("letterHeader")
        self.header.setWordWrap(True)
        self.edit_button = action_button(
            "editIntakeButton", self.tr("Sửa thông tin tiếp nhận…"), self.edit_intake
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("letterTabs")
        self.classification = ClassificationForm(areas)
        self.classify_button = action_button(
            "classifyButton", self.tr("Lưu phân loại"), self.save_classification
        )
        self.duplicates = DuplicatesPanel()
        self.matter = QLabel()
        self.matter.setWordWrap(True)
        self.duplicate_button = action_button(
            "saveDuplicateButton", self.tr("Lưu kết quả xem xét đơn trùng"), self.save_duplicate
        )
        self.outcome = OutcomeForm(app.services.today())
        self.outcome_state = QLabel()
        self.outcome_state.setObjectName("outcomeState")
        self.outcome_state.setWordWrap(True)
        self.decide_button = action_button(
            "decideButton", self.tr("Xử lý và ban hành văn bản"), self.decide
        )
        self.reply_on = date_edit("replyOnEdit", app.services.today())
        self.reply_note = QLineEdit()
        self.reply_note.setObjectName("replyNoteEdit")
        self.reply_note.setPlaceholderText(self.tr("Số, ngày và nội dung chính của văn bản"))
        self.reply_button = action_button(
            "recordReplyButton", self.tr("Ghi nhận văn bản phúc đáp"), self.record_reply
        )
        self.urge_button = action_button(
            "urgeButton", self.tr("Ban hành văn bản đôn đốc"), self.urge
        )
        self.reply_form = ValidatedForm()
        self.files = LetterFilesPanel()
        self.deadlines = QTextBrowser()
        self.deadlines.setObjectName("deadlineList")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._build()
        self.files.open_document.connect(self.open_document)
        self.files.addressed_copy.connect(
            lambda document_id: AddressedCopyDialog(self._app, document_id, self).exec()
        )
        self.files.open_attachment.connect(self.open_attachment)
        self.files.add_scan.connect(self.add_scan)
        self.edit_button.setEnabled(self._can_edit)
        self.duplicate_button.setEnabled(self._can_edit)
        self.decide_button.setEnabled(self._can_edit)
        for widget in (self.reply_button, self.urge_button, self.files.add_scan_button):
            widget.setEnabled(self._can_edit)
        self._show(letter, first=True)
        self._load_duplicates()

    # --- construction ------------------------------------------------------------------

    def _build(self) -> None:
        classify_tab = QWidget()
        classify_column = QVBoxLayout(classify_tab)
        classify_column.addWidget(self.classification, 1)
        classify_column.addLayout(_right_aligned(self.classify_button))
        self.tabs.addTab(classify_tab, self.tr("1. Phân loại"))

        duplicate_tab = QWidget()
        duplicate_column = QVBoxLayout(duplicate_tab)
        duplicate_column.addWidget(self.matter)
        duplicate_column.addWidget(self.duplicates, 1)
        duplicate_column.addLayout(_right_aligned(self.duplicate_button))
        self.tabs.addTab(duplicate_tab, self.tr("2. Đơn trùng"))

        self.reply_form.add_field("reply_on", self.tr("Ngày nhận phúc đáp *"), self.reply_on)
        self.reply_form.add_field("reply_note", self.tr("Văn bản phúc đáp *"), self.reply_note)
        self.reply_box = QGroupBox(self.tr("Đơn đã chuyển: chờ văn bản phúc đáp"))
        reply_column = QVBoxLayout(self.reply_box)
        reply_column.addLayout(self.reply_form)
        reply_buttons = QHBoxLayout()
        reply_buttons.addWidget(self.reply_button)
        reply_buttons.addWidget(self.urge_button)
        reply_buttons.addStretch(1)
        reply_column.addLayout(reply_buttons)
        outcome_tab = QWidget()
        outcome_column = QVBoxLayout(outcome_tab)
        outcome_column.addWidget(self.outcome_state)
        outcome_column.addWidget(self.outcome, 1)
        outcome_column.addLayout(_right_aligned(self.decide_button))
        outcome_column.addWidget(self.reply_box)
        self.tabs.addTab(outcome_tab, self.tr("3. Hướng xử lý"))
        self.tabs.addTab(self.files, self.tr("4. Văn bản, tệp đính kèm"))
        self.tabs.addTab(self.deadlines, self.tr("5. Thời hạn"))

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.edit_button)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.buttons)

    # --- showing the letter ------------------------------------------------------------

    def _show(self, letter: LetterDetail, first: bool = False) -> None:
        """The letter as stored.  The forms are filled again only when what they
        show changed (state, classification), so what the officer is typing in
        one tab survives an action in another."""
        changed = first or (letter.state, letter.classification) != (
            self.letter.state,
            self.letter.classification,
        )
        self.letter = letter
        self.setWindowTitle(self.tr("Xử lý đơn số {0}/{1}").format(letter.number, letter.year))
        self.header.setText(header_html(letter))
        self.matter.setText(matter_text(letter))
        self.files.show_files(letter.documents, letter.attachments)
        self.files.show_denouncer_copies(identity_is_protected(letter.letter_type))
        self.deadlines.setHtml(deadlines_html(letter, self._app.services.today()))
        if changed:
            undecided = letter.state in UNDECIDED
            self.classification.set_read_only(not (undecided and self._can_edit))
            self.classification.show_letter(letter)
            self.classify_button.setEnabled(undecided and self._can_edit)
            self._show_outcome(letter)
            self._snapshot = self._typed()

    def _show_outcome(self, letter: LetterDetail) -> None:
        classified = letter.classification is not None
        open_to_decide = letter.state in UNDECIDED and classified
        self.outcome.setVisible(open_to_decide)
        self.decide_button.setVisible(open_to_decide)
        self.reply_box.setVisible(letter.state is LetterState.AWAITING_REPLY)
        if not classified:
            self.outcome_state.setText(
                self.tr("Hãy phân loại đơn (thẻ 1) trước khi chọn hướng xử lý.")
            )
        elif open_to_decide:
            self.outcome_state.setText(
                self.tr("Đơn đã được đề xuất thụ lý, chờ Chủ tịch quyết định.")
                if letter.state is LetterState.PROPOSED
                else ""
            )
            self._load_options()
        else:
            self.outcome_state.setText(outcome_text(letter))
        self.outcome_state.setVisible(bool(self.outcome_state.text()))

    def _read(self, work: Callable[[], Any], show: Callable[[Any], None]) -> None:
        """A background read whose answer is dropped if a newer one of its kind started."""
        kind = getattr(show, "__name__", "")
        self._reads[kind] = number = self._reads.get(kind, 0) + 1

        def arrived(result: Any) -> None:
            if self._reads[kind] == number:
                show(result)

        self._app.tasks.read(work, arrived, lambda error: show_failure(self, error), owner=self)

    def _load_options(self) -> None:
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id
        self._read(
            lambda: letter_processing.letter_options(services, actor, letter_id),
            self._options_arrived,
        )

    def _options_arrived(self, offered: LetterOptions) -> None:
        self.outcome.show_options(offered)

    def _load_duplicates(self) -> None:
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id
        self._read(
            lambda: letters.find_duplicates_of(services, actor, letter_id),
            self._duplicates_arrived,
        )

    def _duplicates_arrived(self, found: list[DuplicateCandidate]) -> None:
        self.duplicates.show_candidates(found)
        self.duplicates.set_answer(
            self.letter.duplicate_of.letter_id if self.letter.duplicate_of else None,
            self.letter.checked_new,
        )

    def _typed(self) -> tuple[object, ...]:
        """What the officer may have typed and not yet saved."""
        return (
            self.classification.classification(),
            self.outcome.body.text(),
            self.outcome.note.text(),
            self.outcome.signer.text(),
            self.reply_note.text(),
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.tabs, self.edit_button):
            widget.setEnabled(not busy and (widget is self.tabs or self._can_edit))

    # --- actions -----------------------------------------------------------------------

    def _act(
        self,
        work: Callable[[], Any],
        errors_to: Callable[[dict[str, str]], list[str] | None] | None = None,
        then: Callable[[Any], None] | None = None,
        matter_changed: bool = False,
    ) -> None:
        """Run one write; show the letter as stored after it, or the problems."""
        if self.busy:
            return
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            detail = result.detail if isinstance(result, OutcomeResult) else result
            if isinstance(detail, LetterDetail):
                self._show(detail)
            else:
                self._reload()
            if matter_changed:
                self._load_duplicates()
            if then is not None:
                then(result)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if isinstance(error, ValidationError) and errors_to is not None:
                leftover = errors_to(dict(error.fields))
                if leftover:
                    show_warning(self, self.tr("Không thực hiện được"), "\n".join(leftover))
            else:
                show_failure(self, error)

        self._app.tasks.write(work, done, failed, changes={"letters"}, owner=self)

    def _reload(self) -> None:
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id
        self._read(lambda: letters.get_letter(services, actor, letter_id), self._show)

    def save_classification(self) -> None:
        chosen = self.classification.classification()
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id

        self.classification.show_errors({})
        self._act(
            lambda: letters.classify_letter(services, actor, letter_id, chosen),
            self.classification.show_errors,
            lambda _r: self.tabs.setCurrentIndex(2 if self.letter.classification else 0),
        )

    def save_duplicate(self) -> None:
        if problem := self.duplicates.problem():
            show_warning(self, self.tr("Đơn trùng"), problem)
            return
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id
        original, is_new = self.duplicates.answer()
        if original is not None:
            self._act(
                lambda: letters.link_duplicate(services, actor, letter_id, original),
                matter_changed=True,
            )
        elif is_new:
            self._act(lambda: letters.confirm_new(services, actor, letter_id), matter_changed=True)
        else:
            show_warning(
                self,
                self.tr("Đơn trùng"),
                self.tr("Hãy chọn «Là vụ việc mới» hoặc chọn đơn mà đơn này trùng."),
            )

    def decide(self) -> None:
        choice = self.outcome.choice()
        if choice is None:
            self.outcome.show_errors({"outcome": self.tr("Hãy chọn một hướng xử lý.")})
            return
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id
        self.outcome.show_errors({})
        self._act(
            lambda: letter_processing.decide_outcome(services, actor, letter_id, choice),
            self.outcome.show_errors,
            self._decided,
        )

    def _decided(self, result: OutcomeResult) -> None:
        lines = [
            self.tr("Đơn số {0}/{1}: {2}.").format(
                self.letter.number, self.letter.year, self.letter.outcome.label
            )
            if self.letter.outcome
            else ""
        ]
        lines += [
            self.tr("Đã ban hành {0} số {1}.").format(d.title, d.number_label)
            for d in result.documents
        ]
        show_info(self, self.tr("Đã xử lý đơn"), "\n".join(line for line in lines if line))
        if result.documents:
            self.tabs.setCurrentWidget(self.files)

    def record_reply(self) -> None:
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id
        replied_on, note = to_date(self.reply_on.date()), self.reply_note.text()
        self.reply_form.clear_errors()
        self._act(
            lambda: letter_processing.record_reply(services, actor, letter_id, replied_on, note),
            self.reply_form.show_errors,
        )

    def urge(self) -> None:
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id
        issued_on = self._app.services.today()
        self._act(
            lambda: letter_processing.issue_urging(services, actor, letter_id, issued_on),
            lambda fields: list(fields.values()),
            lambda document: show_info(
                self,
                self.tr("Đã đôn đốc"),
                self.tr("Đã ban hành văn bản đôn đốc số {0}.").format(document.number_label),
            ),
        )

    def add_scan(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Chọn bản quét của đơn"), "", self.tr(SCAN_FILTER)
        )
        if not name:
            return
        services, actor, letter_id = self._app.services, self._app.actor, self.letter.id
        self._act(
            lambda: letter_processing.add_scan(services, actor, letter_id, Path(name)),
            lambda fields: list(fields.values()),
        )

    def _open(self, locate: Callable[[], Path]) -> None:
        self._app.tasks.read(locate, self._opened, self._not_opened, owner=self)

    def _opened(self, path: Path) -> None:
        if not open_in_system_viewer(path):
            show_failure(
                self,
                DomainError(
                    f"Máy này chưa có chương trình mở được tệp {path.suffix} (tệp lưu tại {path})."
                ),
            )

    def _not_opened(self, error: BaseException) -> None:
        """A sealed file is opened through the vault, by a custodian with a reason."""
        if isinstance(error, SealedFileError):
            OpenSealedFileDialog(self._app, error.attachment_id, self).exec()
        else:
            show_failure(self, error)

    def open_document(self, document_id: uuid.UUID, editable: bool) -> None:
        services, actor = self._app.services, self._app.actor
        self._open(lambda: letter_processing.document_path(services, actor, document_id, editable))

    def open_attachment(self, attachment_id: uuid.UUID) -> None:
        services, actor = self._app.services, self._app.actor
        self._open(lambda: letter_processing.attachment_path(services, actor, attachment_id))

    def edit_intake(self) -> None:
        dialog = LetterDialog(self._app, self._officers, self._areas, self.letter, self)
        if dialog.exec() and isinstance(dialog.saved, LetterDetail):
            self._show(dialog.saved)
            self._load_duplicates()

    def reject(self) -> None:
        """Esc or Đóng: what was typed and not saved is not dropped without asking."""
        if self.busy:
            return
        if self._typed() != self._snapshot and not confirm(
            self,
            self.tr("Đóng khi chưa lưu?"),
            self.tr("Phần phân loại hoặc hướng xử lý vừa nhập chưa được lưu. Bỏ đi và đóng?"),
            self.tr("Bỏ, không lưu"),
        ):
            return
        super().reject()


def _right_aligned(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    return row


def header_html(letter: LetterDetail) -> str:
    filers = "; ".join(view.full_name for view, _role in letter.filers)
    parts = [
        f"<b>Đơn số {letter.number}/{letter.year}</b>",
        escape(letter.letter_type.label),
        f"nhận ngày {letter.received_on:%d/%m/%Y}",
        escape(filers or letter.filer_org or letter.filer_identity.label),
        f"<b>{escape(letter.state.label)}</b>",
    ]
    if letter.duplicate_of is not None:
        parts.append(f"trùng đơn số {letter.duplicate_of.label}")
    return " · ".join(parts) + f"<br>{escape(letter.content)}"


def matter_text(letter: LetterDetail) -> str:
    if letter.duplicate_of is not None:
        return (
            f"Đơn này trùng đơn số {letter.duplicate_of.label}; vụ việc có "
            f"{letter.matter_letters} đơn."
        )
    if letter.checked_new:
        text = "Đã xác nhận đơn này là vụ việc mới."
        if letter.matter_letters > 1:
            text += f" Vụ việc có {letter.matter_letters} đơn."
        return text
    return "Chưa xem xét đơn trùng: so với các đơn có thể trùng dưới đây rồi chọn."


def outcome_text(letter: LetterDetail) -> str:
    if letter.outcome is None:
        return letter.state.label
    lines = [f"Hướng xử lý: {letter.outcome.label}"]
    if letter.outcome_on:
        lines[0] += f" (ngày {letter.outcome_on:%d/%m/%Y})"
    if letter.outcome_body:
        lines.append(f"Nơi nhận: {letter.outcome_body}")
    if letter.outcome_ground:
        lines.append(f"Lý do: {letter.outcome_ground.label}")
    if letter.outcome_note:
        lines.append(letter.outcome_note)
    if letter.reply_on:
        lines.append(f"Đã nhận phúc đáp ngày {letter.reply_on:%d/%m/%Y}: {letter.reply_note}")
    return "\n".join(lines)


def deadlines_html(letter: LetterDetail, today: dt.date) -> str:
    if not letter.deadlines:
        return "<p>Đơn này chưa có thời hạn nào.</p>"
    parts = []
    for deadline in letter.deadlines:
        status = DeadlineStatus.of(deadline.status)
        done = f", xong ngày {deadline.met_on:%d/%m/%Y}" if deadline.met_on else ""
        late = status is DeadlineStatus.MISSED or (
            status is DeadlineStatus.OPEN and deadline.due_on < today
        )
        colour = " style='color:#a11'" if late else ""
        parts.append(
            f"<h4{colour}>{escape(deadline.rule_id)} – {escape(deadline.title)}: hạn "
            f"{deadline.due_on:%d/%m/%Y} ({escape(status.label)}{done})</h4>"
        )
        reasons = json.loads(deadline.explanation_json or "{}").get("explanation", [])
        parts.append("<ol>" + "".join(f"<li>{escape(r)}</li>" for r in reasons) + "</ol>")
    return "".join(parts)
