"""Home page: the figures in the database now (real counts), and what will come."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services import overview
from tiepdan_desktop.services.overview import RegisterSummary
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.formatting import format_number
from tiepdan_desktop.ui.pages.catalogue import Screen
from tiepdan_desktop.ui.pages.planned_page import bullet_list, card
from tiepdan_desktop.ui.widgets.page_header import page_header


class _Figure(QWidget):
    def __init__(self, object_name: str) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.value = QLabel("…")
        self.value.setObjectName("figure")
        self.value.setAccessibleName(object_name)
        self.detail = QLabel()
        self.detail.setObjectName("hint")
        column.addWidget(self.value)
        column.addWidget(self.detail)
        self.setObjectName(object_name)

    def show_value(self, value: int, detail: str) -> None:
        self.value.setText(format_number(value))
        self.detail.setText(detail)


class OverviewPage(QWidget):
    def __init__(self, app: AppContext, screen: Screen) -> None:
        super().__init__()
        self.setObjectName("overviewPage")
        self._app = app
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 22, 28, 22)
        column.addWidget(page_header(screen.title, screen.subtitle))
        grid = QGridLayout()
        grid.setSpacing(14)
        self.visits = _Figure("visitsFigure")
        self.letters = _Figure("lettersFigure")
        self.cases = _Figure("openCasesFigure")
        self.persons = _Figure("personsFigure")
        for position, (title, figure) in enumerate(
            (
                (self.tr("Lượt tiếp công dân"), self.visits),
                (self.tr("Đơn đã vào sổ"), self.letters),
                (self.tr("Vụ việc đang giải quyết"), self.cases),
                (self.tr("Công dân trong sổ"), self.persons),
            )
        ):
            grid.addWidget(card(title, figure), 0, position)
        column.addLayout(grid)
        column.addWidget(card(self.tr("Sắp có trên trang này"), bullet_list(list(screen.features))))
        column.addStretch(1)
        self.loaded: RegisterSummary | None = None
        app.tasks.changed.connect(lambda _kinds: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        if not self._app.can(Permission.VIEW_REGISTERS):
            return
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: overview.register_summary(services, actor),
            self._show,
            lambda error: show_failure(self, error, self.tr("Không tải được số liệu")),
            owner=self,
        )

    def _show(self, summary: RegisterSummary) -> None:
        self.loaded = summary
        year = summary.year
        self.visits.show_value(
            summary.visits,
            self.tr("năm {0}: {1}").format(year, format_number(summary.visits_this_year)),
        )
        self.letters.show_value(
            summary.letters,
            self.tr("năm {0}: {1}").format(year, format_number(summary.letters_this_year)),
        )
        self.cases.show_value(
            summary.cases_open,
            self.tr("trên tổng số {0} vụ việc").format(format_number(summary.cases)),
        )
        self.persons.show_value(summary.persons, self.tr("người đã đến hoặc gửi đơn"))
