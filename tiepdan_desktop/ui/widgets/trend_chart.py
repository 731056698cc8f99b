"""A small stacked bar chart: letters received each of the last 12 months, by
type (complaints, denunciations, petitions, the rest).  Drawn with QPainter (Qt
Charts is not in PySide6-Essentials); each bar's figures show on hover."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.overview_records import MonthLetters
from tiepdan_desktop.ui.formatting import format_number

# (name on the legend, types counted, colour)
SERIES: tuple[tuple[str, frozenset[LetterType], QColor], ...] = (
    ("Khiếu nại", frozenset({LetterType.COMPLAINT}), QColor("#1d3557")),
    ("Tố cáo", frozenset({LetterType.DENUNCIATION}), QColor("#c1121f")),
    ("Kiến nghị, phản ánh", frozenset({LetterType.PETITION}), QColor("#457b9d")),
    (
        "Khác",
        frozenset(LetterType)
        - {LetterType.COMPLAINT, LetterType.DENUNCIATION, LetterType.PETITION},
        QColor("#a8b5c4"),
    ),
)
LEGEND_ROW = 16
AXIS_HEIGHT = 18


def series_counts(month: MonthLetters) -> list[int]:
    counts = dict(month.by_type)
    return [sum(counts.get(kind, 0) for kind in kinds) for _name, kinds, _colour in SERIES]


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setAccessibleName(self.tr("Số đơn nhận 12 tháng gần nhất theo loại"))
        self.setMouseTracking(True)
        self.months: tuple[MonthLetters, ...] = ()
        self._legend_bottom = 2.0 * LEGEND_ROW + 6  # until painted: room for two rows

    def sizeHint(self) -> QSize:
        return QSize(340, 190)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 150)

    def set_months(self, months: tuple[MonthLetters, ...]) -> None:
        self.months = months
        self.setAccessibleDescription(
            "; ".join(f"{m.first_day:%m/%Y}: {m.total} đơn" for m in months)
        )
        self.update()

    def _plot(self) -> QRectF:
        top = self._legend_bottom
        return QRectF(4, top, self.width() - 8, self.height() - top - AXIS_HEIGHT)

    def _bar(self, index: int) -> QRectF:
        plot = self._plot()
        slot = plot.width() / max(len(self.months), 1)
        return QRectF(
            plot.left() + index * slot + slot * 0.15, plot.top(), slot * 0.7, plot.height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 7))
        painter.setFont(small)
        x, y = 4.0, 6.0
        for name, _kinds, colour in SERIES:
            width = 20 + painter.fontMetrics().horizontalAdvance(name)
            if x + width > self.width() and x > 4:  # the legend wraps
                x, y = 4.0, y + LEGEND_ROW
            painter.fillRect(QRectF(x, y, 10, 10), colour)
            painter.setPen(QColor("#33415c"))
            painter.drawText(QPointF(x + 14, y + 9), name)
            x += width
        self._legend_bottom = y + LEGEND_ROW
        if not self.months:
            painter.end()
            return
        highest = max((m.total for m in self.months), default=0) or 1
        plot = self._plot()
        painter.setPen(QColor("#d9dee7"))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        for index, month in enumerate(self.months):
            bar = self._bar(index)
            bottom = plot.bottom()
            for (_name, _kinds, colour), count in zip(SERIES, series_counts(month), strict=True):
                height = plot.height() * count / highest
                painter.fillRect(QRectF(bar.left(), bottom - height, bar.width(), height), colour)
                bottom -= height
            painter.setPen(QColor("#5a6678"))
            label = f"{month.first_day:%m}"
            painter.drawText(
                QRectF(bar.left() - 6, plot.bottom() + 2, bar.width() + 12, AXIS_HEIGHT - 2),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
        painter.end()

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            for index, month in enumerate(self.months):
                if self._bar(index).contains(QPointF(event.pos())):
                    lines = [f"Tháng {month.first_day:%m/%Y}: {format_number(month.total)} đơn"]
                    lines += [
                        f"{name}: {format_number(count)}"
                        for (name, _k, _c), count in zip(SERIES, series_counts(month), strict=True)
                    ]
                    QToolTip.showText(event.globalPos(), "\n".join(lines), self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]
