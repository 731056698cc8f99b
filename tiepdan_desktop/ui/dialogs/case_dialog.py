"""Hồ sơ vụ việc: one matter on one screen.

The header says what it is, who filed it (a code where the law protects them),
where it stands and what is due next.  Tabs: the timeline of every step with its
document and files (opened with the PC's own programs), the legal clocks with
why each due date is what it is, the outcome figures, the related letters and
visits, the documents issued, and who changed what.  «Ghi bước tiếp theo…»
takes the next step; for a denunciation, «Bản sao cho tổ xác minh…» writes the
copy without the denouncer (Luật Tố cáo Đ56).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from html import escape
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.case_records import CaseDetail, TimelineEntry
from tiepdan_desktop.domain.case_workflow import OutcomeFigures, Workflow
from tiepdan_desktop.domain.enums import DeadlineStatus
from tiepdan_desktop.domain.errors import SealedFileError
from tiepdan_desktop.domain.labels import (
    number_text,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services import case_copies, letter_processing
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.reveal_dialog import OpenSealedFileDialog
from tiepdan_desktop.ui.dialogs.step_dialog import StepDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.files import open_in_system_viewer
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.history_table import HistoryTable

LATE = "#a11d1d"
SOON = "#8a5a00"


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def due_words(due: dt.date, today: dt.date) -> tuple[str, str]:
    """How a due date stands today, and its colour."""
    days = (due - today).days
    if days < 0:
        return f"quá hạn {-days} ngày", LATE
    if days == 0:
        return "đến hạn hôm nay", LATE
    return f"còn {days} ngày", SOON if days <= 7 else "#1e6b33"


def case_header_html(case: CaseDetail, today: dt.date) -> str:
    """Number, type, people (masked where protected), state and what is due next."""
    people = "; ".join(escape(p) for p in case.people) or "—"
    if case.identity_hidden:
        people = f"<i style='color:#6b4a00'>{people}</i> (danh tính được giữ bí mật)"
    parts = [
        f"<h2 style='margin:0'>Vụ việc số {escape(case.label)} – "
        f"{escape(case.case_type.label)}</h2>",
        f"<p><b>Người đứng đơn:</b> {people}</p>",
    ]
    if case.subject:
        parts.append(f"<p><b>Người, cơ quan bị khiếu nại, tố cáo:</b> {escape(case.subject)}</p>")
    parts.append(
        f"<p><b>Tình trạng:</b> {escape(case.state.label)} &nbsp; "
        f"<b>Thụ lý:</b> {_day(case.accepted_on) or '—'}</p>"
    )
    upcoming = case.next_deadline
    if upcoming is not None:
        deadline = upcoming.deadline
        if upcoming.paused_since is not None:
            parts.append(
                f"<p><b>Thời hạn:</b> tạm dừng từ {_day(upcoming.paused_since)} "
                f"({escape(deadline.rule_id)} – {escape(deadline.title)})</p>"
            )
        else:
            words, colour = due_words(deadline.due_on, today)
            parts.append(
                f"<p><b>Hạn tiếp theo:</b> <span style='color:{colour};font-weight:bold'>"
                f"{_day(deadline.due_on)} ({words})</span><br/>"
                f"{escape(deadline.rule_id)} – {escape(deadline.title)}</p>"
            )
    if case.on_time is not None:
        verdict = "đúng hạn" if case.on_time else "<b style='color:#a11d1d'>trễ hạn</b>"
        parts.append(f"<p><b>Thời hạn giải quyết:</b> {verdict}</p>")
    if case.partly_withdrawn:
        parts.append(
            "<p>Người có đơn đã rút một phần nội dung; phần còn lại tiếp tục giải quyết.</p>"
        )
    if case.extensions:
        parts.append(
            f"<p><b>Đã gia hạn:</b> {case.extensions} lần ({escape(case.complexity.label)})</p>"
        )
    return "".join(parts)


def _entry_html(entry: TimelineEntry) -> str:
    lines = [
        f"<p style='margin-bottom:2px'><b>{entry.occurred_on:%d/%m/%Y} – "
        f"{escape(entry.label)}</b>"
        + (
            f" <span style='color:#5a6678'>→ {escape(entry.to_state.label)}</span>"
            if entry.to_state
            else ""
        )
        + "</p><div style='margin-left:18px'>"
    ]
    if entry.document:
        lines.append(f"Văn bản: {escape(entry.document)}")
        for issued in entry.issued:
            lines.append(
                f" &nbsp;<a href='pdf:{issued.document_id}'>[PDF]</a>"
                f" <a href='docx:{issued.document_id}'>[Word]</a>"
            )
        lines.append("<br/>")
    for label, value in entry.details:
        lines.append(f"{escape(label)}: {escape(value)}<br/>")
    if entry.note:
        lines.append(f"<i>{escape(entry.note)}</i><br/>")
    for attachment in entry.attachments:
        name = escape(attachment.original_name)
        lines.append(f"Tệp: <a href='file:{attachment.attachment_id}'>{name}</a><br/>")
    if entry.user_name:
        lines.append(f"<span style='color:#5a6678'>Người ghi: {escape(entry.user_name)}</span>")
    lines.append("</div>")
    return "".join(lines)


def timeline_html(case: CaseDetail) -> str:
    if not case.timeline:
        return "<p>Chưa có bước nào.</p>"
    return "".join(_entry_html(entry) for entry in reversed(case.timeline))


def deadlines_html(case: CaseDetail, today: dt.date) -> str:
    if not case.deadlines:
        return "<p>Không có thời hạn nào được lưu cho vụ việc này.</p>"
    parts = []
    for view in reversed(case.deadlines):
        deadline = view.deadline
        status = DeadlineStatus.of(deadline.status)
        if view.paused_since is not None:
            where = f"tạm dừng từ {_day(view.paused_since)}"
            colour = SOON
        elif status is DeadlineStatus.OPEN:
            where, colour = due_words(deadline.due_on, today)
        else:
            done = f", xong ngày {_day(deadline.met_on)}" if deadline.met_on else ""
            where = status.label.lower() + done
            colour = LATE if status is DeadlineStatus.MISSED else "#1e6b33"
        parts.append(
            f"<h4 style='color:{colour}'>{escape(deadline.rule_id)} – {escape(deadline.title)}: "
            f"hạn {_day(deadline.due_on)} ({escape(where)})</h4>"
        )
        reasons = json.loads(deadline.explanation_json or "{}").get("explanation", [])
        parts.append("<ol>" + "".join(f"<li>{escape(r)}</li>" for r in reasons) + "</ol>")
    return "".join(parts)


def _figures_rows(figures: OutcomeFigures, done: bool) -> list[tuple[str, str]]:
    recover = "Đã thu hồi cho Nhà nước" if done else "Kiến nghị thu hồi cho Nhà nước"
    give = "Đã trả lại cho tổ chức, cá nhân" if done else "Trả lại cho tổ chức, cá nhân"
    rows = [
        (
            recover,
            f"{number_text(figures.money_to_recover)} triệu đồng; "
            f"{number_text(figures.land_to_recover)} m² đất",
        ),
        (
            give,
            f"{number_text(figures.money_to_return)} triệu đồng; "
            f"{number_text(figures.land_to_return)} m² đất",
        ),
    ]
    if done:
        rows += [
            ("Số người đã bị xử lý", str(figures.sanction_persons)),
            ("Số vụ đã khởi tố", str(figures.police_cases)),
            ("Đã thi hành xong", "Có" if figures.fully_enforced else "Chưa"),
        ]
    else:
        rows += [
            (
                "Tổ chức, cá nhân được khôi phục quyền lợi",
                f"{figures.orgs_restored} tổ chức, {figures.persons_restored} cá nhân",
            ),
            (
                "Kiến nghị xử lý hành chính",
                f"{figures.sanction_persons} người "
                f"({figures.sanction_officials} cán bộ, công chức)",
            ),
            (
                "Chuyển cơ quan điều tra",
                f"{figures.police_cases} vụ, {figures.police_persons} người",
            ),
        ]
    return rows


def outcome_html(case: CaseDetail) -> str:
    if case.decided_on is None and case.verdict is None:
        return "<p>Chưa có quyết định, kết luận.</p>"
    noun = "Kết luận" if case.workflow is Workflow.DENUNCIATION else "Quyết định"
    parts = [
        f"<p><b>{noun} ngày:</b> {_day(case.decided_on)} &nbsp; "
        f"<b>Kết quả:</b> {escape(case.verdict.label if case.verdict else '—')}</p>"
    ]
    for title, figures, done in (
        ("Theo quyết định, kết luận (Biểu 01/KQGQ)", case.figures, False),
        ("Kết quả thực hiện (Biểu 02/KQGQ)", case.enforcement, True),
    ):
        parts.append(f"<h4>{title}</h4><table cellpadding='3'>")
        parts += [
            f"<tr><td>{escape(label)}</td><td><b>{escape(value)}</b></td></tr>"
            for label, value in _figures_rows(figures, done)
        ]
        parts.append("</table>")
    return "".join(parts)


def related_html(case: CaseDetail) -> str:
    if not case.related:
        return "<p>Không có đơn, lượt tiếp nào gắn với vụ việc.</p>"
    return "".join(
        f"<p><b>{escape(r.label)}</b> – {_day(r.on)}<br/>{escape(r.summary)}</p>"
        for r in case.related
    )


def documents_html(case: CaseDetail) -> str:
    if not case.documents:
        return "<p>Chưa ban hành văn bản nào.</p>"
    return "".join(
        f"<p><b>{escape(d.number_label)}</b> ngày {_day(d.issued_on)} – {escape(d.title)} "
        f"({escape(d.signer_name)} ký) &nbsp;<a href='pdf:{d.document_id}'>[PDF]</a> "
        f"<a href='docx:{d.document_id}'>[Word]</a></p>"
        for d in case.documents
    )


def _browser(name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setObjectName(name)
    browser.setOpenLinks(False)
    return browser


class CaseDialog(QDialog):
    def __init__(self, app: AppContext, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDialog")
        self.setWindowTitle(self.tr("Hồ sơ vụ việc số {0}").format(case.label))
        self.resize(1120, 740)
        self._app = app
        self.case = case
        self.header = QLabel()
        self.header.setObjectName("caseHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(self.header.textFormat().RichText)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.timeline = _browser("caseTimeline")
        self.deadlines = _browser("caseDeadlines")
        self.outcome = _browser("caseOutcome")
        self.related = _browser("caseRelated")
        self.documents = _browser("caseDocuments")
        self.history_note = QLabel(
            self.tr(
                "Nhật ký chưa ghi thay đổi riêng nào của vụ việc này (dữ liệu nhập hàng loạt "
                "chỉ có một dòng nhật ký chung)."
            )
        )
        self.history_note.setObjectName("hint")
        self.history_note.setWordWrap(True)
        self.history = HistoryTable("caseHistory")
        for widget, title in (
            (self.timeline, self.tr("Dòng thời gian")),
            (self.deadlines, self.tr("Thời hạn")),
            (self.outcome, self.tr("Kết quả")),
            (self.related, self.tr("Đơn, lượt tiếp liên quan")),
            (self.documents, self.tr("Văn bản")),
        ):
            self.tabs.addTab(widget, title)
        if app.can(Permission.VIEW_AUDIT):  # the log, for those who may read it
            self.tabs.addTab(self._history_page(), self.tr("Lịch sử thay đổi"))
        for browser in (self.timeline, self.documents):
            browser.anchorClicked.connect(self._open_link)
        self.step_button = action_button(
            "primaryButton", self.tr("Ghi bước tiếp theo…"), self.record_step
        )
        self.step_button.setObjectName("recordStepButton")
        self.copy_button = action_button(
            "redactedCopyButton", self.tr("Bản sao cho tổ xác minh…"), self.make_copy
        )
        self.copy_button.setToolTip(
            self.tr("Bản sao hồ sơ đã lược bỏ họ tên, địa chỉ, bút tích người tố cáo (Điều 56)")
        )
        close = action_button("closeCaseButton", self.tr("Đóng"), self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(self.header)
        column.addWidget(self.tabs, 1)
        column.addLayout(buttons)
        self.show_case(case)

    def _history_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.history_note)
        column.addWidget(self.history, 1)
        return page

    def show_case(self, case: CaseDetail) -> None:
        self.case = case
        today = self._app.services.today()
        self.header.setText(case_header_html(case, today))
        self.timeline.setHtml(timeline_html(case))
        self.deadlines.setHtml(deadlines_html(case, today))
        self.outcome.setHtml(outcome_html(case))
        self.related.setHtml(related_html(case))
        self.documents.setHtml(documents_html(case))
        self._show_history(case)
        self.step_button.setEnabled(bool(case.steps))
        self.step_button.setToolTip(
            "" if case.steps else self.tr("Tài khoản của bạn không có bước nào làm được lúc này.")
        )
        self.copy_button.setVisible(
            case.workflow is Workflow.DENUNCIATION and self._app.can(Permission.EDIT_REGISTERS)
        )

    def _show_history(self, case: CaseDetail) -> None:
        self.history_note.setVisible(not case.history)
        self.history.show_records(case.history)

    # --- actions ---------------------------------------------------------------------

    def record_step(self) -> None:
        dialog = StepDialog(self._app, self.case, self)
        if dialog.exec() and isinstance(dialog.saved, CaseDetail):
            self.show_case(dialog.saved)

    def _open_link(self, url: QUrl) -> None:
        kind, _colon, value = url.toString().partition(":")
        try:
            record_id = uuid.UUID(value)
        except ValueError:
            return
        services, actor = self._app.services, self._app.actor
        if kind == "file":
            work = lambda: letter_processing.attachment_path(services, actor, record_id)  # noqa: E731
        else:
            editable = kind == "docx"
            work = lambda: letter_processing.document_path(  # noqa: E731
                services, actor, record_id, editable
            )

        def failed(error: BaseException) -> None:
            if isinstance(error, SealedFileError):
                OpenSealedFileDialog(self._app, error.attachment_id, self).exec()
            else:
                show_failure(self, error, self.tr("Không mở được tệp"))

        self._app.tasks.read(work, open_in_system_viewer, failed, owner=self)

    def make_copy(self) -> None:
        suggested = f"ban-sao-to-xac-minh-vu-viec-{self.case.number}-{self.case.year}.pdf"
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Lưu bản sao cho tổ xác minh"), suggested, self.tr("Tệp PDF (*.pdf)")
        )
        if not name:
            return
        target = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
        services, actor, case_id = self._app.services, self._app.actor, self.case.id
        self._app.tasks.write(  # the copy is written in the audit trail
            lambda: case_copies.make_redacted_copy(services, actor, case_id, target),
            lambda written: show_info(
                self,
                self.tr("Đã lập bản sao"),
                self.tr(
                    "Đã ghi bản sao (đã lược bỏ thông tin người tố cáo) vào {0}.\n\n"
                    "Hãy đọc lại trước khi giao: chương trình lược bỏ họ tên, số giấy tờ, "
                    "điện thoại, địa chỉ đúng như đã ghi trong sổ; tên gọi khác, cách viết "
                    "khác trong nội dung đơn cần được cán bộ tự kiểm tra."
                ).format(written),
            ),
            lambda error: show_failure(self, error, self.tr("Không lập được bản sao")),
            owner=self,
        )
