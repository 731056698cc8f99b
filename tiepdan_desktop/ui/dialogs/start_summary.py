"""At start-up, a short word on what is overdue and what ends today: not modal,
so the official can close it or go straight to the list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tiepdan_desktop.domain.overview_records import TodaySummary, WorkList
from tiepdan_desktop.ui.formatting import format_number
from tiepdan_desktop.ui.widgets.buttons import action_button


class StartSummaryDialog(QDialog):
    show_list = Signal(object)  # the WorkList the official wants to see

    def __init__(self, summary: TodaySummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startSummary")
        self.setWindowTitle(self.tr("Việc cần làm hôm nay"))
        overdue, today = summary.count(WorkList.OVERDUE), summary.count(WorkList.DUE_TODAY)
        lines = [self.tr("<h3>Hôm nay {0}</h3>").format(f"{summary.today:%d/%m/%Y}")]
        if overdue:
            lines.append(
                self.tr(
                    "<p style='color:#c1121f'><b>{0} việc đã quá hạn</b> (đơn, vụ việc).</p>"
                ).format(format_number(overdue))
            )
        if today:
            lines.append(
                self.tr("<p><b>{0} việc đến hạn hôm nay.</b></p>").format(format_number(today))
            )
        week = summary.count(WorkList.DUE_THIS_WEEK)
        lines.append(
            self.tr("<p>Đến hạn trong tuần (đến Chủ nhật {0}): {1} việc.</p>").format(
                f"{summary.week_ends:%d/%m/%Y}", format_number(week)
            )
        )
        self.text = QLabel("".join(lines))
        self.text.setObjectName("startSummaryText")
        self.text.setWordWrap(True)
        first = WorkList.OVERDUE if overdue else WorkList.DUE_TODAY
        see = action_button(
            "primaryButton",
            self.tr("Xem danh sách quá hạn") if overdue else self.tr("Xem việc đến hạn hôm nay"),
            lambda: self._show(first),
        )
        see.setObjectName("showWorkListButton")
        see.setDefault(True)
        later = action_button("laterButton", self.tr("Để sau"), self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(see)
        buttons.addWidget(later)
        column = QVBoxLayout(self)
        column.addWidget(self.text)
        column.addLayout(buttons)
        self.setMinimumWidth(420)

    def _show(self, which: WorkList) -> None:
        self.show_list.emit(which)
        self.accept()
