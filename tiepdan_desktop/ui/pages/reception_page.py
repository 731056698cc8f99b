"""Tiếp công dân: the reception register (Mẫu số 03) with its filters and
search, the citizen of the selected row beside it, and the actions of the day:
record a visit (Ctrl+N), open one (Enter, double-click), enter its letter in
the letter register, print the register, export it to Excel.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.confidentiality import identity_is_protected
from tiepdan_desktop.domain.periods import Period
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import SubjectAreaInfo
from tiepdan_desktop.domain.visit_records import (
    PersonHistory,
    RegisterFilter,
    RegisterRow,
    RegisterSort,
    VisitDetail,
)
from tiepdan_desktop.services import setup, unit, visit_exports, visits
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.history_dialog import show_history
from tiepdan_desktop.ui.dialogs.period_dialog import PeriodDialog
from tiepdan_desktop.ui.dialogs.print_preview import PrintPreviewDialog
from tiepdan_desktop.ui.dialogs.reveal_dialog import RevealDialog
from tiepdan_desktop.ui.dialogs.visit_dialog import VisitDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.export_runner import ExportRunner
from tiepdan_desktop.ui.formatting import format_number
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.models.visit_register_model import VisitRegisterModel
from tiepdan_desktop.ui.pages.catalogue import Screen
from tiepdan_desktop.ui.register_feed import RegisterFeed
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.page_header import page_header
from tiepdan_desktop.ui.widgets.person_history_panel import PersonHistoryPanel
from tiepdan_desktop.ui.widgets.register_filter_bar import RegisterFilterBar

HEADER_STATE_KEY = "reception_page/header"
SPLITTER_STATE_KEY = "reception_page/splitter"
HISTORY_PAUSE_MS = 120
DEFAULT_WIDTHS = (64, 128, 230, 120, 320, 120, 150, 70, 150, 150, 140, 140, 110, 150, 70)
# A new order starts this way: newest first for dates, A → Z for names.
FIRST_DIRECTION = {RegisterSort.NAME: False, RegisterSort.LETTER_TYPE: False}


class ReceptionPage(QWidget):
    def __init__(self, app: AppContext, screen: Screen) -> None:
        super().__init__()
        self.setObjectName("receptionPage")
        self._app = app
        self._can_edit = app.can(Permission.EDIT_REGISTERS)
        self._officers: list[tuple[uuid.UUID, str]] = []
        self._areas: list[SubjectAreaInfo] = []
        self._sort, self._descending = RegisterSort.DATE, True
        # The visit to select once its row is read (rows arrive in blocks, later).
        self._to_select: uuid.UUID | None = None
        self.shown_filter: RegisterFilter | None = None

        self.filters = RegisterFilterBar(app.services.today)
        self.model = VisitRegisterModel(app.tasks, self._load_rows, self)
        self.model.dataChanged.connect(lambda *_args: self._reselect())
        self.table = self._make_table()
        self.history = PersonHistoryPanel()
        self.count = QLabel("…")
        self.count.setObjectName("registerCount")
        self.new_button = action_button(
            "newVisitButton", self.tr("Ghi lượt tiếp (Ctrl+N)"), self.new_visit
        )
        self.new_button.setObjectName("primaryButton")
        self.new_button.setEnabled(self._can_edit)
        self.open_button = action_button("openVisitButton", self.tr("Mở"), self.open_selected)
        self.letter_button = action_button(
            "letterFromVisitButton", self.tr("Vào sổ đơn"), self.letter_from_selected
        )
        self.history_button = action_button(
            "visitHistoryButton", self.tr("Lịch sử…"), self.show_history
        )
        self.history_button.setToolTip(self.tr("Ai đã sửa gì ở lượt tiếp này, lúc nào (nhật ký)"))
        self.history_button.setVisible(app.can(Permission.VIEW_AUDIT))
        self.reveal_button = action_button(
            "visitRevealButton", self.tr("Xem danh tính…"), self.reveal_identity
        )
        self.reveal_button.setToolTip(
            self.tr("Người giữ két bảo mật xem người tố cáo là ai (ghi nhật ký, cần lý do)")
        )
        self.print_button = action_button(
            "printRegisterButton", self.tr("In sổ…"), self.print_register
        )
        self.excel_button = action_button(
            "excelRegisterButton", self.tr("Xuất Excel…"), self.export_excel
        )
        self.exports = ExportRunner(app, self)
        self._history_timer = self._timer(HISTORY_PAUSE_MS, self._load_history)
        services, actor = app.services, app.actor
        self.feed: RegisterFeed[RegisterFilter] = RegisterFeed(
            app.tasks,
            self,
            self.table,
            self.model,
            lambda wanted: visits.register_start(services, actor, wanted),
            lambda wanted: visits.register_keys(services, actor, wanted),
            self.tr("Không đọc được sổ"),
        )
        self.feed.before_reset = self._keep_selection
        self.feed.arrived = self._register_arrived
        self.feed.completed = self._show_count
        self._layout(screen)
        # A keystroke too asks at once: the feed reads one question at a time.
        self.filters.changed.connect(self.query)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.pressed.connect(lambda _index: setattr(self, "_to_select", None))
        self.table.activated.connect(lambda _index: self.open_selected())
        self.history.visit_requested.connect(self.open_visit)
        app.tasks.changed.connect(self._on_changed)
        self._update_buttons()
        self._load_lists()
        self.query()

    # --- construction ------------------------------------------------------------------

    def _timer(self, interval: int, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("registerTable")
        table.setAccessibleName(self.tr("Sổ tiếp công dân"))
        table.setModel(self.model)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        # Fixed row heights: a table of 200,000 rows never measures them.
        table.verticalHeader().setDefaultSectionSize(30)
        table.verticalHeader().setSectionResizeMode(table.verticalHeader().ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sectionClicked.connect(self._header_clicked)
        for column, width in enumerate(DEFAULT_WIDTHS):
            table.setColumnWidth(column, width)
        for column, spec in enumerate(self.model.columns):
            table.setColumnHidden(column, not spec.shown_by_default)
        if (state := self._app.ui_state.load_bytes(HEADER_STATE_KEY)) is not None:
            header.restoreState(state)
        return table

    def _layout(self, screen: Screen) -> None:
        actions = QHBoxLayout()
        for button in (
            self.new_button,
            self.open_button,
            self.letter_button,
            self.history_button,
            self.reveal_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        actions.addSpacing(12)
        for button in (self.print_button, self.excel_button):
            actions.addWidget(button)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.history)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([1000, 300])
        if (state := self._app.ui_state.load_bytes(SPLITTER_STATE_KEY)) is not None:
            self.splitter.restoreState(state)
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 22, 28, 16)
        column.addWidget(page_header(screen.title, screen.subtitle))
        column.addWidget(self.filters)
        column.addLayout(actions)
        column.addWidget(self.splitter, 1)

    def _load_lists(self) -> None:
        """Officers for the filter and the form, subject areas for the form."""
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: visits.list_officers(services, actor), self._officers_loaded, owner=self
        )
        self._app.tasks.read(
            lambda: unit.list_subject_areas(services, actor), self._areas_loaded, owner=self
        )

    def _officers_loaded(self, officers: list[tuple[uuid.UUID, str]]) -> None:
        self._officers = officers
        self.filters.set_officers(officers)

    def _areas_loaded(self, areas: list[SubjectAreaInfo]) -> None:
        self._areas = areas

    # --- querying ----------------------------------------------------------------------

    def _load_rows(self, keys: list[int]) -> list[RegisterRow]:
        return visits.register_rows(self._app.services, self._app.actor, keys)

    def current_filter(self) -> RegisterFilter:
        chosen = self.filters.current()
        return RegisterFilter(
            **{**chosen.__dict__, "sort": self._sort, "descending": self._descending}
        )

    def query(self) -> None:
        """Show the register for the current filter and order: the count and the
        first rows at once, the rest of the keys next."""
        self.feed.load(self.current_filter())

    def _keep_selection(self) -> None:
        selected = self.selected_row()
        if selected is not None:
            self._to_select = selected.visit_id

    def _register_arrived(self, wanted: RegisterFilter, total: int) -> None:
        self.shown_filter = wanted
        self._show_count(total)
        self._reselect()
        self._selection_changed()  # a reset model says nothing of its selection

    def _show_count(self, total: int) -> None:
        self.count.setText(self.tr("{0} lượt tiếp").format(format_number(total)))

    def _reselect(self) -> None:
        if self._to_select is None:
            return
        row = self.model.row_of_visit(self._to_select)
        if row is not None:
            self._to_select = None
            self.table.selectRow(row)

    def _header_clicked(self, column: int) -> None:
        sort = self.model.columns[column].sort
        header = self.table.horizontalHeader()
        if sort is None:  # this column does not sort: keep showing the current order
            header.setSortIndicator(self._sort_column(), self._order())
            return
        if sort is self._sort:
            self._descending = not self._descending
        else:
            self._sort, self._descending = sort, FIRST_DIRECTION.get(sort, True)
        header.setSortIndicator(column, self._order())
        self.query()

    def _sort_column(self) -> int:
        for index, column in enumerate(self.model.columns):
            if column.sort is self._sort:
                return index
        return 1

    def _order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def sort_by(self, sort: RegisterSort, descending: bool) -> None:
        self._sort, self._descending = sort, descending
        self.table.horizontalHeader().setSortIndicator(self._sort_column(), self._order())
        self.query()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if "visits" in kinds:
            self.query()
        if "users" in kinds:
            self._load_lists()

    # --- the selected row ----------------------------------------------------------------

    def selected_row(self) -> RegisterRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        self._update_buttons()
        self._history_timer.start()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None)
        self.letter_button.setEnabled(self._can_edit and row is not None)
        self.reveal_button.setEnabled(row is not None and identity_is_protected(row.letter_type))
        self.history_button.setEnabled(row is not None)

    def show_history(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        services, actor, visit_id = self._app.services, self._app.actor, row.visit_id
        title = self.tr("Lịch sử thay đổi: lượt tiếp số {0}/{1}").format(row.number, row.year)
        show_history(
            self._app, self, title, lambda: visits.visit_history(services, actor, visit_id)
        )

    def reveal_identity(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        label = self.tr("Lượt tiếp số {0}/{1}: {2}").format(
            row.number, row.year, row.names_and_addresses
        )
        RevealDialog(self._app, "visit", row.visit_id, label, self).exec()

    def _load_history(self) -> None:
        row = self.selected_row()
        if row is None:
            self.history.show_message(
                self.tr("Chọn một dòng trong sổ để xem lịch sử của công dân.")
            )
            return
        if row.identity_hidden:
            self.history.show_message(
                self.tr("Danh tính người tố cáo được bảo mật (Luật Tố cáo Điều 8, 47).")
            )
            return
        if row.first_person_id is None:
            self.history.show_message(self.tr("Lượt tiếp này không ghi tên công dân."))
            return
        person_id, services, actor = row.first_person_id, self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: visits.person_history(services, actor, person_id),
            self._history_arrived,
            lambda error: self.history.show_message(str(error)),
            owner=self,
        )

    def _history_arrived(self, history: PersonHistory) -> None:
        row = self.selected_row()
        if row is not None and row.first_person_id == history.person.person_id:
            self.history.show_history(history)

    # --- visits ------------------------------------------------------------------------

    def _open_dialog(self, visit: VisitDetail | None) -> None:
        unit_info = setup.get_unit(self._app.services)
        dialog = VisitDialog(
            self._app,
            self._officers,
            self._areas,
            unit_info.chairman_name if unit_info else "",
            visit,
            self,
        )
        if dialog.exec() and isinstance(dialog.saved, VisitDetail):
            saved: VisitDetail = dialog.saved
            self._after_save(saved)

    def _after_save(self, saved: VisitDetail) -> None:
        lines = [self.tr("Đã lưu lượt tiếp số {0}/{1}.").format(saved.number, saved.year)]
        if saved.letter_label:
            lines.append(self.tr("{0} đã vào sổ đơn.").format(saved.letter_label))
        lines += list(saved.warnings)
        if len(lines) > 1:
            show_info(self, self.tr("Sổ tiếp công dân"), "\n".join(lines))
        self._to_select = saved.id
        self._reselect()

    def new_visit(self) -> None:
        if self._can_edit:
            self._open_dialog(None)

    def open_visit(self, visit_id: uuid.UUID) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: visits.get_visit(services, actor, visit_id),
            self._open_dialog,
            lambda error: show_failure(self, error),
            owner=self,
        )

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_visit(row.visit_id)

    def letter_from_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        services, actor, visit_id = self._app.services, self._app.actor, row.visit_id
        self._app.tasks.write(
            lambda: visits.create_letter_from_visit(services, actor, visit_id),
            lambda letter: show_info(
                self,
                self.tr("Vào sổ đơn"),
                self.tr("{0} đã vào sổ đơn, thời hạn xử lý đơn bắt đầu từ ngày tiếp.").format(
                    letter.label
                ),
            ),
            lambda error: show_failure(self, error, self.tr("Không vào sổ đơn được")),
            changes={"letters"},
            owner=self,
        )

    # --- printing ----------------------------------------------------------------------

    def _period_on_screen(self) -> Period | None:
        date_from, date_to = self.filters.dates()
        if date_from is None or date_to is None:
            return None
        return Period(date_from, date_to)

    def _choose_period(self, title: str, action: str) -> Period | None:
        dialog = PeriodDialog(
            title, action, self._app.services.today(), self._period_on_screen(), self
        )
        return dialog.period() if dialog.exec() else None

    def print_register(self) -> None:
        period = self._choose_period(self.tr("In sổ tiếp công dân"), self.tr("Xem trước bản in"))
        if period is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="tiepdan-in-"))
        target = folder / f"so-tiep-cong-dan-{period.first:%Y%m%d}-{period.last:%Y%m%d}.pdf"
        services, actor = self._app.services, self._app.actor
        self.exports.run(
            self.tr("Đang dựng bản in sổ tiếp công dân…"),
            lambda progress: visit_exports.export_register(
                services, actor, period.first, period.last, pdf=target, progress=progress
            ),
            lambda _summary: self._preview(target),
        )

    def _preview(self, pdf: Path) -> None:
        try:
            PrintPreviewDialog(pdf, self.tr("Xem trước: sổ tiếp công dân"), pdf.name, self).exec()
        finally:
            # A leader's printout names denouncers: it must not stay in the temp folder.
            shutil.rmtree(pdf.parent, ignore_errors=True)

    def export_excel(self) -> None:
        period = self._choose_period(
            self.tr("Xuất sổ tiếp công dân ra Excel"), self.tr("Chọn tệp…")
        )
        if period is None:
            return
        suggested = f"so-tiep-cong-dan-{period.first:%Y%m%d}-{period.last:%Y%m%d}.xlsx"
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Lưu sổ ra Excel"), suggested, self.tr("Bảng tính Excel (*.xlsx)")
        )
        if not name:
            return
        target = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        services, actor = self._app.services, self._app.actor
        self.exports.run(
            self.tr("Đang ghi sổ ra Excel…"),
            lambda progress: visit_exports.export_register(
                services, actor, period.first, period.last, xlsx=target, progress=progress
            ),
            lambda summary: show_info(
                self,
                self.tr("Đã xuất Excel"),
                self.tr("Đã ghi {0} lượt tiếp vào {1}.").format(
                    format_number(summary.rows), str(target)
                ),
            ),
        )

    # --- columns -----------------------------------------------------------------------

    def _column_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("columnMenu")
        for column, spec in enumerate(self.model.columns):
            action = menu.addAction(spec.header)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.table.setColumnHidden(c, not shown))
        menu.exec(self.table.horizontalHeader().mapToGlobal(point))

    def save_state(self) -> None:
        self._app.ui_state.save_bytes(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())
        self._app.ui_state.save_bytes(SPLITTER_STATE_KEY, self.splitter.saveState())
