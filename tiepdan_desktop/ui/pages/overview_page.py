"""Tổng quan: what needs the office today.

Tiles with the count of each work list (cần xử lý, đến hạn hôm nay, đến hạn tuần
này, quá hạn, chờ phúc đáp, cần đôn đốc); clicking one lists its letters and
matters below, the most pressing first, and a double click opens the letter or
the matter.  Beside the list: the chairman's next periodic reception days and
whether this week's or month's are held, and the letters of the last 12 months
by type.  Every figure is counted by the services from the database.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.calendar import weekday_name
from tiepdan_desktop.domain.overview_records import TodaySummary, WorkItem, WorkList, WorkListPage
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services import overview
from tiepdan_desktop.services.overview import RegisterSummary
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.formatting import format_number
from tiepdan_desktop.ui.models.letter_register_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from tiepdan_desktop.ui.models.record_table import Column, RecordTableModel
from tiepdan_desktop.ui.pages.catalogue import Screen
from tiepdan_desktop.ui.widgets.card import card
from tiepdan_desktop.ui.widgets.page_header import page_header
from tiepdan_desktop.ui.widgets.trend_chart import TrendChart

TILES = (
    (WorkList.TO_PROCESS, "Đơn chưa có hướng xử lý"),
    (WorkList.DUE_TODAY, "Thời hạn kết thúc hôm nay"),
    (WorkList.DUE_THIS_WEEK, "Hết hạn từ hôm nay đến Chủ nhật"),
    (WorkList.OVERDUE, "Đã quá hạn, chưa xong"),
    (WorkList.AWAITING_REPLY, "Đơn đã chuyển, chưa có trả lời"),
    (WorkList.NEEDS_URGING, "Chờ lâu, nên có văn bản đôn đốc"),
)
# Lists whose count is bad news when it is not zero.
ALARMING = {WorkList.OVERDUE: "#c1121f", WorkList.DUE_TODAY: "#c1121f"}
WARNING = {WorkList.NEEDS_URGING: "#8a5a00", WorkList.DUE_THIS_WEEK: "#8a5a00"}


class WorkTile(QPushButton):
    """A work list's count and name; checked while its list is shown."""

    def __init__(self, which: WorkList, hint: str) -> None:
        super().__init__()
        self.which = which
        self.setObjectName("workTile")
        self.setCheckable(True)
        self.setAccessibleName(which.label)
        self.setToolTip(hint)
        self.setMinimumHeight(78)
        self.count = QLabel("…")
        self.count.setObjectName("tileCount")
        self.name = QLabel(which.label)
        self.name.setObjectName("tileName")
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 8, 14, 8)
        column.setSpacing(0)
        for label in (self.count, self.name):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            column.addWidget(label)

    def show_count(self, value: int) -> None:
        self.count.setText(format_number(value))
        colour = (ALARMING.get(self.which) or WARNING.get(self.which)) if value else None
        self.count.setStyleSheet(f"color: {colour};" if colour else "")
        self.setAccessibleDescription(f"{value} việc")


def _work_columns() -> list[Column[WorkItem]]:
    return [
        Column("Hồ sơ", lambda i: i.label, tooltip=lambda i: i.type_label),
        Column("Người đứng đơn", lambda i: i.people, tooltip=lambda i: i.people),
        Column("Nội dung", lambda i: i.summary.replace("\n", " · "), tooltip=lambda i: i.summary),
        Column("Việc phải làm", lambda i: i.what, tooltip=lambda i: i.what),
        Column(
            "Hạn",
            lambda i: f"{i.due_on:%d/%m/%Y}" if i.due_on else "",
            sort_value=lambda i: i.due_on or dt.date.max,
        ),
    ]


class OverviewPage(QWidget):
    # ("letter" or "case", its id): the main window opens it on its own screen.
    open_record = Signal(str, object)
    # Today's work as read for the tiles (the start-up summary shows the same).
    summary_loaded = Signal(object)

    def __init__(self, app: AppContext, screen: Screen) -> None:
        super().__init__()
        self.setObjectName("overviewPage")
        self._app = app
        self._today = app.services.today()
        self._list_number = 0
        self.chosen = WorkList.OVERDUE
        self.loaded: TodaySummary | None = None
        self.registers: RegisterSummary | None = None
        self.header = page_header(screen.title, screen.subtitle)
        self.date_line = QLabel()
        self.date_line.setObjectName("pageSubtitle")
        self.tiles = {which: WorkTile(which, hint) for which, hint in TILES}
        self.tile_group = QButtonGroup(self)
        self.tile_group.setExclusive(True)
        self.list_title = QLabel()
        self.list_title.setObjectName("cardTitle")
        self.list_note = QLabel()
        self.list_note.setObjectName("hint")
        self.model: RecordTableModel[WorkItem] = RecordTableModel(
            _work_columns(), lambda item: (item.kind, item.record_id), self, self._background
        )
        self.table = self._make_table()
        self.reception = QLabel("…")
        self.reception.setObjectName("receptionDays")
        self.reception.setWordWrap(True)
        self.reception.setTextFormat(Qt.TextFormat.RichText)
        self.chart = TrendChart()
        self.figures = QLabel()
        self.figures.setObjectName("hint")
        self._layout()
        app.tasks.changed.connect(lambda _kinds: self.refresh())
        self.refresh()

    # --- construction ------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("workListTable")
        table.setAccessibleName(self.tr("Danh sách việc cần làm"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(28)
        for column, width in enumerate((132, 150, 160, 176, 84)):
            table.setColumnWidth(column, width)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda index: self._open(index.row()))
        return table

    def _layout(self) -> None:
        tiles = QGridLayout()
        tiles.setSpacing(10)
        for position, (which, _hint) in enumerate(TILES):
            tile = self.tiles[which]
            self.tile_group.addButton(tile, position)
            tiles.addWidget(tile, 0, position)
        self.tile_group.idClicked.connect(lambda index: self.choose(TILES[index][0]))
        listing = QWidget()
        list_column = QVBoxLayout(listing)
        list_column.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.list_title)
        heading.addStretch(1)
        heading.addWidget(self.list_note)
        list_column.addLayout(heading)
        list_column.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addWidget(card(self.tr("Lịch tiếp công dân của Chủ tịch UBND"), self.reception))
        side.addWidget(card(self.tr("Đơn nhận 12 tháng gần nhất"), self.chart), 1)
        side_holder = QWidget()
        side_holder.setLayout(side)
        side_holder.setFixedWidth(350)
        list_card = QFrame()
        list_card.setObjectName("card")
        card_column = QVBoxLayout(list_card)
        card_column.setContentsMargins(14, 10, 14, 12)
        card_column.addWidget(listing)
        middle = QHBoxLayout()
        middle.addWidget(list_card, 1)
        middle.addWidget(side_holder)
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 18, 28, 14)
        column.addWidget(self.header)
        column.addWidget(self.date_line)
        column.addLayout(tiles)
        column.addLayout(middle, 1)
        column.addWidget(self.figures)

    # --- reading -----------------------------------------------------------------------

    def refresh(self) -> None:
        if not self._app.can(Permission.VIEW_REGISTERS):
            return
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: overview.today_summary(services, actor),
            self._show_summary,
            lambda error: show_failure(self, error, self.tr("Không tải được việc cần làm")),
            owner=self,
        )
        self._app.tasks.read(
            lambda: overview.register_summary(services, actor), self._show_registers, owner=self
        )
        self.load_list()

    def choose(self, which: WorkList) -> None:
        """Show one work list (a tile, or the start-up summary's button)."""
        self.chosen = which
        self.tiles[which].setChecked(True)
        self.load_list()

    def load_list(self) -> None:
        self._list_number += 1
        number, which = self._list_number, self.chosen
        self.tiles[which].setChecked(True)
        self.list_title.setText(which.label)
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: overview.work_list(services, actor, which),
            lambda page: self._show_list(number, page),
            lambda error: show_failure(self, error, self.tr("Không tải được danh sách")),
            owner=self,
        )

    def _show_summary(self, summary: TodaySummary) -> None:
        self.loaded = summary
        self._today = summary.today
        self.date_line.setText(
            self.tr("{0}, {1} – hết tuần vào Chủ nhật {2}").format(
                weekday_name(summary.today),
                f"{summary.today:%d/%m/%Y}",
                f"{summary.week_ends:%d/%m/%Y}",
            )
        )
        for which, value in summary.counts:
            self.tiles[which].show_count(value)
        self.reception.setText(self._reception_html(summary))
        self.summary_loaded.emit(summary)
        self.chart.set_months(summary.months)

    def _reception_html(self, summary: TodaySummary) -> str:
        days = "".join(
            f"<li><b>{weekday_name(day)}, {day:%d/%m/%Y}</b>"
            + (" – hôm nay" if day == summary.today else "")
            + "</li>"
            for day in summary.reception_days
        )
        held, needed = summary.receptions_held, summary.receptions_required
        period = "tuần này" if needed == 1 else "tháng này"
        colour = "#1e6b33" if held >= needed else "#8a5a00"
        return (
            f"<p>Theo Luật Tiếp công dân Điều 15: {summary.reception_rule}.</p>"
            f"<ul style='margin-left:-20px'>{days}</ul>"
            f"<p style='color:{colour}'>Đã tiếp định kỳ {period}: {held}/{needed} ngày.</p>"
        )

    def _show_registers(self, summary: RegisterSummary) -> None:
        self.registers = summary
        self.figures.setText(
            self.tr(
                "Trong sổ: {0} lượt tiếp công dân, {1} đơn, {2} vụ việc đang mở, {3} công dân."
            ).format(
                format_number(summary.visits),
                format_number(summary.letters),
                format_number(summary.cases_open),
                format_number(summary.persons),
            )
        )

    def _show_list(self, number: int, page: WorkListPage) -> None:
        if number != self._list_number:
            return
        self.model.set_records(page.items)
        shown = len(page.items)
        if page.total > shown:
            note = self.tr("{0} việc; hiện {1} việc đầu danh sách").format(
                format_number(page.total), format_number(shown)
            )
        elif page.total:
            note = self.tr("{0} việc – nhấn đúp để mở").format(format_number(page.total))
        else:
            note = self.tr("Không có việc nào.")
        self.list_note.setText(note)

    def _background(self, item: WorkItem) -> QColor | None:
        if item.due_on is None:
            return None
        if item.due_on < self._today:
            return OVERDUE_COLOUR
        if item.due_on <= self._today + dt.timedelta(days=6 - self._today.weekday()):
            return DUE_SOON_COLOUR
        return None

    def _open(self, row: int) -> None:
        item = self.model.record(row)
        self.open_record.emit(item.kind, item.record_id)
