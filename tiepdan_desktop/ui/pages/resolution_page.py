"""Giải quyết: the matters opened by an acceptance or an assignment, with their
lists (đang giải quyết, sắp đến hạn, quá hạn, tạm đình chỉ, sau quyết định,
khiếu nại tiếp, trễ hạn, đã kết thúc), search without diacritics, the nearest
due date in colour, the selected matter beside the table, and its file (the
case view) on Enter or a double click.
"""

from __future__ import annotations

import datetime as dt
import uuid
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
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

from tiepdan_desktop.domain.case_records import CaseDetail, CaseFilter, CaseRow, CaseView
from tiepdan_desktop.domain.enums import CaseType
from tiepdan_desktop.services import cases
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.case_dialog import CaseDialog, case_header_html
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.formatting import format_number
from tiepdan_desktop.ui.models.case_register_model import CaseRegisterModel
from tiepdan_desktop.ui.pages.catalogue import Screen
from tiepdan_desktop.ui.register_feed import RegisterFeed
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.choices import enum_combo, enum_value
from tiepdan_desktop.ui.widgets.page_header import page_header

SEARCH_PAUSE_MS = 150
DEFAULT_WIDTHS = (90, 150, 240, 360, 170, 150, 100, 120)
QUICK_VIEWS = (
    CaseView.OPEN,
    CaseView.DUE_SOON,
    CaseView.OVERDUE,
    CaseView.SUSPENDED,
    CaseView.AFTER_DECISION,
    CaseView.ESCALATED,
    CaseView.LATE,
    CaseView.FINISHED,
    CaseView.ALL,
)


class ResolutionPage(QWidget):
    def __init__(self, app: AppContext, screen: Screen) -> None:
        super().__init__()
        self.setObjectName("resolutionPage")
        self._app = app
        self._detail_number = 0
        self._view = CaseView.OPEN
        self._due_soon_until: dt.date = app.services.today()
        self.model = CaseRegisterModel(
            app.tasks,
            lambda keys: cases.case_rows(app.services, app.actor, keys),
            app.services.today,
            lambda: self._due_soon_until,
            self,
        )
        self.views = QButtonGroup(self)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Tìm theo tên, nội dung (gõ không dấu)"))
        self.search.setClearButtonEnabled(True)
        self.type_filter = enum_combo("caseTypeFilter", CaseType, self.tr("Mọi loại vụ việc"))
        self.count = QLabel("…")
        self.count.setObjectName("caseCount")
        self.table = self._make_table()
        self.detail = QTextBrowser()
        self.detail.setObjectName("caseSummary")
        self.open_button = action_button(
            "openCaseButton", self.tr("Mở hồ sơ vụ việc…"), self.open_selected
        )
        self.open_button.setToolTip(
            self.tr("Dòng thời gian, thời hạn, văn bản; ghi bước giải quyết tiếp theo (Enter)")
        )
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.query)
        services, actor = app.services, app.actor
        self.feed: RegisterFeed[CaseFilter] = RegisterFeed(
            app.tasks,
            self,
            self.table,
            self.model,
            lambda wanted: cases.case_start(services, actor, wanted),
            lambda wanted: cases.case_keys(services, actor, wanted),
            self.tr("Không đọc được danh sách vụ việc"),
        )
        self.feed.arrived = self._list_arrived
        self._layout(screen)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.type_filter.currentIndexChanged.connect(lambda _i: self.query())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_detail())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        open_key = QShortcut(QKeySequence("Return"), self.table, activated=self.open_selected)
        open_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        app.tasks.changed.connect(self._records_changed)
        self._show_detail()
        self._load_warning_date()
        self.query()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("caseTable")
        table.setAccessibleName(self.tr("Danh sách vụ việc"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        table.verticalHeader().setSectionResizeMode(table.verticalHeader().ResizeMode.Fixed)
        for column, width in enumerate(DEFAULT_WIDTHS):
            table.setColumnWidth(column, width)
        return table

    def _layout(self, screen: Screen) -> None:
        quick = QHBoxLayout()
        quick.setSpacing(4)
        for index, view in enumerate(QUICK_VIEWS):
            button = QPushButton(self.tr(view.label))
            button.setObjectName(f"caseView_{view.value}")
            button.setCheckable(True)
            button.setChecked(view is self._view)
            self.views.addButton(button, index)
            quick.addWidget(button)
        quick.addStretch(1)
        self.views.idClicked.connect(self._view_chosen)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.type_filter)
        tools.addSpacing(12)
        tools.addWidget(self.open_button)
        tools.addSpacing(12)
        legend = QLabel(
            self.tr(
                "<span style='background:#fbe3e1'>&nbsp;Quá hạn&nbsp;</span> "
                "<span style='background:#fff3cd'>&nbsp;Sắp đến hạn&nbsp;</span>"
            )
        )
        tools.addWidget(legend)
        tools.addSpacing(12)
        tools.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1000, 340])
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 22, 28, 16)
        column.addWidget(page_header(screen.title, screen.subtitle))
        column.addLayout(quick)
        column.addLayout(tools)
        column.addWidget(splitter, 1)

    # --- querying ----------------------------------------------------------------------

    def _load_warning_date(self) -> None:
        services, actor = self._app.services, self._app.actor

        def arrived(day: dt.date) -> None:
            self._due_soon_until = day
            self.table.viewport().update()

        self._app.tasks.read(lambda: cases.due_soon_until(services, actor), arrived, owner=self)

    def _records_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"cases", "letters", "calendar", "deadline_settings"}:
            self._load_warning_date()
            self.query()

    def _view_chosen(self, index: int) -> None:
        self._view = QUICK_VIEWS[index]
        self.query()

    def show_view(self, view: CaseView) -> None:
        """Open one of the lists (from the home page)."""
        self.views.button(QUICK_VIEWS.index(view)).setChecked(True)
        self._view_chosen(QUICK_VIEWS.index(view))

    def current_filter(self) -> CaseFilter:
        return CaseFilter(
            view=self._view,
            case_type=enum_value(self.type_filter, CaseType),
            search=self.search.text(),
        )

    def query(self) -> None:
        self.feed.load(self.current_filter())

    def _list_arrived(self, _wanted: CaseFilter, total: int) -> None:
        self.count.setText(self.tr("{0} vụ việc").format(format_number(total)))
        self._show_detail()

    # --- the selected matter -----------------------------------------------------------

    def selected_row(self) -> CaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record(rows[0].row()) if rows else None
        return record if isinstance(record, CaseRow) else None

    def _show_detail(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None)
        self._detail_number += 1
        if row is None:
            self.detail.setHtml(self.tr("<p>Chọn một vụ việc để xem tóm tắt.</p>"))
            return
        number, services, actor, case_id = (
            self._detail_number,
            self._app.services,
            self._app.actor,
            row.case_id,
        )
        self._app.tasks.read(
            lambda: cases.get_case(services, actor, case_id),
            lambda detail: self._detail_arrived(number, detail),
            lambda error: self.detail.setPlainText(str(error)),
            owner=self,
        )

    def _detail_arrived(self, number: int, case: CaseDetail) -> None:
        if number != self._detail_number:
            return
        steps = "".join(f"<li>{escape(step.label)}</li>" for step in case.steps[:8])
        next_steps = f"<p><b>Bước có thể làm tiếp:</b></p><ul>{steps}</ul>" if steps else ""
        self.detail.setHtml(case_header_html(case, self._app.services.today()) + next_steps)

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_case(row.case_id)

    def open_case(self, case_id: uuid.UUID) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: cases.get_case(services, actor, case_id),
            lambda case: CaseDialog(self._app, case, self).exec(),
            lambda error: show_failure(self, error),
            owner=self,
        )

    def save_state(self) -> None:
        return None
