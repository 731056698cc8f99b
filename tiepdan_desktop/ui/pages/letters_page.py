"""Xử lý đơn: the letter register with its quick views (Cần xử lý, Sắp đến hạn,
Quá hạn, Chờ phúc đáp), search without diacritics, filters by type and state,
deadlines in colour, the selected letter's details beside it, and the export
of a period to Excel and PDF.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.confidentiality import identity_is_protected
from tiepdan_desktop.domain.enums import LetterState, LetterType
from tiepdan_desktop.domain.letter_records import (
    LetterDetail,
    LetterFilter,
    LetterRow,
    LetterSort,
    LetterView,
)
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.services import letter_exports, letters, unit, visits
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.history_dialog import show_history
from tiepdan_desktop.ui.dialogs.letter_dialog import LetterDialog
from tiepdan_desktop.ui.dialogs.letter_work_dialog import LetterWorkDialog
from tiepdan_desktop.ui.dialogs.period_dialog import PeriodDialog
from tiepdan_desktop.ui.dialogs.reveal_dialog import RevealDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.formatting import format_number
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.models.letter_register_model import LetterRegisterModel
from tiepdan_desktop.ui.pages.catalogue import Screen
from tiepdan_desktop.ui.register_feed import RegisterFeed
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.choices import enum_combo, enum_value
from tiepdan_desktop.ui.widgets.page_header import page_header

DEFAULT_WIDTHS = (96, 90, 230, 330, 120, 200, 120, 180, 80, 120)
QUICK_VIEWS = (
    (LetterView.ALL, "Tất cả"),
    (LetterView.TO_PROCESS, "Cần xử lý"),
    (LetterView.DUE_SOON, "Sắp đến hạn"),
    (LetterView.OVERDUE, "Quá hạn"),
    (LetterView.AWAITING_REPLY, "Chờ phúc đáp"),
)


class LettersPage(QWidget):
    # The matter of the selected letter, to open on the Giải quyết screen.
    open_case = Signal(object)

    def __init__(self, app: AppContext, screen: Screen) -> None:
        super().__init__()
        self.setObjectName("lettersPage")
        self._app = app
        self._detail_number = 0
        self._sort, self._descending = LetterSort.DATE, True
        self._view = LetterView.ALL
        self._due_soon_until: dt.date = app.services.today()
        self._can_edit = app.can(Permission.EDIT_REGISTERS)
        self._officers: list[tuple[uuid.UUID, str]] = []
        self._areas: list[SubjectAreaInfo] = []
        self.model = LetterRegisterModel(
            app.tasks,
            lambda keys: letters.register_rows(app.services, app.actor, keys),
            app.services.today,
            lambda: self._due_soon_until,
            self,
        )
        self.views = QButtonGroup(self)
        self.search = QLineEdit()
        self.search.setObjectName("letterSearch")
        self.search.setPlaceholderText(self.tr("Tìm theo tên, nội dung, số giấy tờ (gõ không dấu)"))
        self.search.setClearButtonEnabled(True)
        self.type_filter = enum_combo("letterTypeFilter", LetterType, self.tr("Mọi loại đơn"))
        self.state_filter = enum_combo("letterStateFilter", LetterState, self.tr("Mọi tình trạng"))
        self.count = QLabel("…")
        self.count.setObjectName("letterCount")
        self.table = self._make_table()
        self.detail = QTextBrowser()
        self.detail.setObjectName("letterDetail")
        self.new_button = action_button("newLetterButton", self.tr("Vào sổ đơn…"), self.new_letter)
        self.new_button.setToolTip(self.tr("Vào sổ một đơn mới (Ctrl+Shift+N)"))
        self.new_button.setEnabled(self._can_edit)
        self.process_button = action_button(
            "processLetterButton", self.tr("Xử lý đơn…"), self.open_selected
        )
        self.case_button = action_button(
            "openLetterCaseButton", self.tr("Mở vụ việc…"), self._open_case
        )
        self.case_button.setToolTip(self.tr("Hồ sơ giải quyết của đơn đã thụ lý, giao xem xét"))
        self.case_button.setEnabled(False)
        self._case_id: uuid.UUID | None = None
        self.process_button.setToolTip(
            self.tr("Phân loại, xem đơn trùng, chọn hướng xử lý, ban hành văn bản (Enter)")
        )
        self.history_button = action_button(
            "letterHistoryButton", self.tr("Lịch sử…"), self.show_history
        )
        self.history_button.setToolTip(self.tr("Ai đã sửa gì ở đơn này, lúc nào (nhật ký)"))
        self.history_button.setVisible(app.can(Permission.VIEW_AUDIT))
        self.history_button.setEnabled(False)
        self.reveal_button = action_button(
            "letterRevealButton", self.tr("Xem danh tính…"), self.reveal_identity
        )
        self.reveal_button.setToolTip(
            self.tr("Người giữ két bảo mật xem người tố cáo là ai (ghi nhật ký, cần lý do)")
        )
        self.reveal_button.setEnabled(False)
        self.excel_button = action_button(
            "lettersExcelButton", self.tr("Xuất Excel…"), self.export_excel
        )
        self.pdf_button = action_button("lettersPdfButton", self.tr("Xuất PDF…"), self.export_pdf)
        services, actor = app.services, app.actor
        self.feed: RegisterFeed[LetterFilter] = RegisterFeed(
            app.tasks,
            self,
            self.table,
            self.model,
            lambda wanted: letters.register_start(services, actor, wanted),
            lambda wanted: letters.register_keys(services, actor, wanted),
            self.tr("Không đọc được sổ đơn"),
        )
        self.feed.arrived = self._register_arrived
        self._layout(screen)
        # Each keystroke asks at once: the feed reads one question at a time.
        self.search.textChanged.connect(lambda _t: self.query())
        self.type_filter.currentIndexChanged.connect(lambda _i: self.query())
        self.state_filter.currentIndexChanged.connect(lambda _i: self.query())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        open_key = QShortcut(QKeySequence("Return"), self.table, activated=self.open_selected)
        open_key.setContext(Qt.ShortcutContext.WidgetShortcut)  # not Enter in the search box
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        app.tasks.changed.connect(self._records_changed)
        self._show_detail()
        self._load_warning_date()
        self._load_lists()
        self.query()

    # --- construction ------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("letterTable")
        table.setAccessibleName(self.tr("Sổ theo dõi xử lý đơn"))
        table.setModel(self.model)
        table.setAlternatingRowColors(False)  # the colours say overdue and due soon
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        table.verticalHeader().setSectionResizeMode(table.verticalHeader().ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        for column, width in enumerate(DEFAULT_WIDTHS):
            table.setColumnWidth(column, width)
        for column, spec in enumerate(self.model.columns):
            table.setColumnHidden(column, not spec.shown_by_default)
        return table

    def _layout(self, screen: Screen) -> None:
        quick = QHBoxLayout()
        for index, (view, label) in enumerate(QUICK_VIEWS):
            button = QPushButton(self.tr(label))
            button.setObjectName(f"view_{view.value}")
            button.setCheckable(True)
            button.setChecked(view is LetterView.ALL)
            self.views.addButton(button, index)
            quick.addWidget(button)
        self.views.idClicked.connect(self._view_chosen)
        quick.addSpacing(12)
        quick.addWidget(self.search, 1)
        quick.addWidget(self.type_filter)
        quick.addWidget(self.state_filter)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.process_button)
        actions.addWidget(self.case_button)
        actions.addWidget(self.history_button)
        actions.addWidget(self.reveal_button)
        actions.addSpacing(12)
        legend = QLabel(
            self.tr(
                "<span style='background:#fbe3e1'>&nbsp;Quá hạn&nbsp;</span> "
                "<span style='background:#fff3cd'>&nbsp;Sắp đến hạn&nbsp;</span>"
            )
        )
        actions.addWidget(legend)
        actions.addStretch(1)
        actions.addWidget(self.count)
        actions.addSpacing(12)
        actions.addWidget(self.excel_button)
        actions.addWidget(self.pdf_button)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1000, 340])
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 22, 28, 16)
        column.addWidget(page_header(screen.title, screen.subtitle))
        column.addLayout(quick)
        column.addLayout(actions)
        column.addWidget(splitter, 1)

    # --- querying ----------------------------------------------------------------------

    def _load_warning_date(self) -> None:
        services, actor = self._app.services, self._app.actor

        def arrived(day: dt.date) -> None:
            self._due_soon_until = day
            self.table.viewport().update()

        self._app.tasks.read(lambda: letters.due_soon_until(services, actor), arrived, owner=self)

    def _load_lists(self) -> None:
        """Officers and subject areas for the letter forms."""
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: visits.list_officers(services, actor), self._officers_loaded, owner=self
        )
        self._app.tasks.read(
            lambda: unit.list_subject_areas(services, actor), self._areas_loaded, owner=self
        )

    def _records_changed(self, kinds: frozenset[str]) -> None:
        if "letters" in kinds:
            self.query()
        if kinds & {"areas", "users"}:  # the forms offer the catalogue as it is now
            self._load_lists()

    def _officers_loaded(self, officers: list[tuple[uuid.UUID, str]]) -> None:
        self._officers = officers

    def _areas_loaded(self, areas: list[SubjectAreaInfo]) -> None:
        self._areas = areas

    def _view_chosen(self, index: int) -> None:
        self._view = QUICK_VIEWS[index][0]
        self.query()

    def current_filter(self) -> LetterFilter:
        return LetterFilter(
            letter_type=enum_value(self.type_filter, LetterType),
            state=enum_value(self.state_filter, LetterState),
            view=self._view,
            search=self.search.text(),
            sort=self._sort,
            descending=self._descending,
        )

    def query(self) -> None:
        self.feed.load(self.current_filter())

    def _register_arrived(self, _wanted: LetterFilter, total: int) -> None:
        self.count.setText(self.tr("{0} đơn").format(format_number(total)))
        self._show_detail()

    def _header_clicked(self, column: int) -> None:
        sort = self.model.columns[column].sort
        if sort is None:
            return
        if sort is self._sort:
            self._descending = not self._descending
        else:
            self._sort, self._descending = sort, sort is LetterSort.DATE
        self.query()

    # --- the selected letter -----------------------------------------------------------

    def show_history(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        services, actor, letter_id = self._app.services, self._app.actor, row.letter_id
        title = self.tr("Lịch sử thay đổi: đơn số {0}/{1}").format(row.number, row.year)
        show_history(
            self._app, self, title, lambda: letters.letter_history(services, actor, letter_id)
        )

    def reveal_identity(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        label = self.tr("Đơn số {0}/{1}: {2}").format(row.number, row.year, row.filer)
        RevealDialog(self._app, "letter", row.letter_id, label, self).exec()

    def selected_row(self) -> LetterRow | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return record if isinstance(record, LetterRow) else None

    def _show_detail(self) -> None:
        row = self.selected_row()
        self.process_button.setEnabled(row is not None)
        self.history_button.setEnabled(row is not None)
        self.reveal_button.setEnabled(row is not None and identity_is_protected(row.letter_type))
        self.case_button.setEnabled(False)
        self._case_id = None
        self._detail_number += 1
        if row is None:
            self.detail.setHtml(self.tr("<p>Chọn một đơn trong sổ để xem chi tiết.</p>"))
            return
        number, services, actor = self._detail_number, self._app.services, self._app.actor
        letter_id = row.letter_id
        self._app.tasks.read(
            lambda: letters.get_letter(services, actor, letter_id),
            lambda detail: self._detail_arrived(number, detail),
            lambda error: self.detail.setPlainText(str(error)),
            owner=self,
        )

    def _detail_arrived(self, number: int, letter: LetterDetail) -> None:
        if number == self._detail_number:
            self.detail.setHtml(detail_html(letter, self._app.services.today()))
            self._case_id = letter.case_id
            self.case_button.setEnabled(letter.case_id is not None)

    def _open_case(self) -> None:
        if self._case_id is not None:
            self.open_case.emit(self._case_id)

    # --- entering and processing letters ------------------------------------------------

    def new_letter(self) -> None:
        if not self._can_edit:
            return
        dialog = LetterDialog(self._app, self._officers, self._areas, None, self)
        if dialog.exec() and isinstance(dialog.saved, LetterDetail):
            self.process(dialog.saved)  # intake done: classification comes next

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_letter(row.letter_id)

    def open_letter(self, letter_id: uuid.UUID) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: letters.get_letter(services, actor, letter_id),
            self.process,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def process(self, letter: LetterDetail) -> None:
        LetterWorkDialog(self._app, letter, self._officers, self._areas, self).exec()

    # --- export ------------------------------------------------------------------------

    def _export(self, suffix: str, kind: str) -> None:
        dialog = PeriodDialog(
            self.tr("Xuất sổ theo dõi xử lý đơn"),
            self.tr("Chọn tệp…"),
            self._app.services.today(),
            None,
            self,
        )
        if not dialog.exec() or (period := dialog.period()) is None:
            return
        suggested = f"so-don-{period.first:%Y%m%d}-{period.last:%Y%m%d}{suffix}"
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Lưu sổ đơn"), suggested, kind)
        if not name:
            return
        target = Path(name if name.lower().endswith(suffix) else name + suffix)
        services, actor = self._app.services, self._app.actor
        files = {"xlsx": target} if suffix == ".xlsx" else {"pdf": target}
        self._app.tasks.write(  # the export is recorded in the audit trail
            lambda: letter_exports.export_letters(
                services, actor, period.first, period.last, **files
            ),
            lambda summary: show_info(
                self,
                self.tr("Đã xuất sổ đơn"),
                self.tr("Đã ghi {0} đơn vào {1}.").format(format_number(summary.rows), target),
            ),
            lambda error: show_failure(self, error, self.tr("Không xuất được sổ đơn")),
            owner=self,
        )

    def export_excel(self) -> None:
        self._export(".xlsx", self.tr("Bảng tính Excel (*.xlsx)"))

    def export_pdf(self) -> None:
        self._export(".pdf", self.tr("Tệp PDF (*.pdf)"))

    def save_state(self) -> None:
        return None


def detail_html(letter: LetterDetail, today: dt.date) -> str:
    """The selected letter, for the panel beside the register."""

    def line(label: str, value: object) -> str:
        return f"<p><b>{escape(label)}:</b> {escape(str(value))}</p>" if value else ""

    filers = (
        "; ".join(view.full_name for view, _role in letter.filers) or letter.filer_identity.label
    )
    parts = [
        f"<h3>Đơn số {letter.number}/{letter.year} – {escape(letter.letter_type.label)}</h3>",
        line("Ngày nhận", f"{letter.received_on:%d/%m/%Y}"),
        line("Nguồn đơn", letter.forwarded_by or letter.source.label),
        line("Người đứng đơn", filers),
        line("Nội dung", letter.content),
        line("Người bị khiếu nại, tố cáo", letter.subject_name),
        line("Tình trạng", letter.state.label),
        line("Hướng xử lý", letter.outcome.label if letter.outcome else ""),
        line("Không đủ điều kiện", letter.ineligible_reason),
        line("Đơn trùng với", letter.duplicate_of.label if letter.duplicate_of else ""),
        line("Số đơn cùng vụ việc", letter.matter_letters if letter.matter_letters > 1 else ""),
        line("Vụ việc đang giải quyết", letter.case_label or ""),
    ]
    if letter.deadlines:
        parts.append("<p><b>Thời hạn:</b></p><ul>")
        for deadline in letter.deadlines:
            late = deadline.status == "dang_chay" and deadline.due_on < today
            colour = " style='color:#a11'" if late else ""
            parts.append(
                f"<li{colour}>{escape(deadline.rule_id)} – {escape(deadline.title)}: "
                f"hạn {deadline.due_on:%d/%m/%Y}</li>"
            )
        parts.append("</ul>")
    if letter.documents:
        parts.append("<p><b>Văn bản đã ban hành:</b></p><ul>")
        parts += [
            f"<li>{escape(d.number_label)} ngày {d.issued_on:%d/%m/%Y} – {escape(d.title)}</li>"
            for d in letter.documents
        ]
        parts.append("</ul>")
    return "".join(parts)
