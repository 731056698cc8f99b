"""The charts of a report's summary page, drawn with reportlab graphics (vector,
so they print sharp): visits by month and type, letters by outcome, resolved
matters on time vs late."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from tiepdan_desktop.domain.report_records import ReportCharts

# Colour-blind-safe, and distinct when printed in grey.
PALETTE = (
    colors.HexColor("#1f5fa8"),
    colors.HexColor("#d9822b"),
    colors.HexColor("#2e8b57"),
    colors.HexColor("#9a9a9a"),
)


def _title(drawing: Drawing, text: str, font: str) -> None:
    drawing.add(
        String(
            drawing.width / 2,
            drawing.height - 12,
            text,
            fontName=font,
            fontSize=10,
            textAnchor="middle",
        )
    )


def _value_step(largest: int) -> int:
    """A round grid step giving about five lines."""
    step = 1
    while largest / step > 6:
        for factor in (2, 5, 10):
            if largest / (step * factor) <= 6:
                return step * factor
        step *= 10
    return step


def visits_chart(charts: ReportCharts, font: str, width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    _title(drawing, "Lượt tiếp công dân theo tháng và loại việc", font)
    months = charts.visits_by_month
    series_names = [name for name, _ in months[0][1]] if months else []
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 45
    chart.width, chart.height = width - 60, height - 80
    chart.data = [[dict(series)[name] for _, series in months] for name in series_names] or [[0]]
    chart.categoryAxis.style = "stacked"
    chart.barLabels.fontName = font
    chart.categoryAxis.categoryNames = [label for label, _ in months] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(months) > 8 else 0
    chart.categoryAxis.labels.dy = -8 if len(months) > 8 else -2
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    tallest = max((sum(count for _, count in series) for _, series in months), default=0)
    chart.valueAxis.valueStep = _value_step(max(tallest, 1))
    chart.valueAxis.labelTextFormat = lambda value: f"{int(value):,}".replace(",", ".")
    for index in range(len(series_names)):
        chart.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 40, 14
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = font
    legend.fontSize = 8
    legend.colorNamePairs = [
        (PALETTE[index % len(PALETTE)], name) for index, name in enumerate(series_names)
    ]
    drawing.add(legend)
    return drawing


def _horizontal(
    title: str, pairs: tuple[tuple[str, int], ...], font: str, width: float, height: float
) -> Drawing:
    drawing = Drawing(width, height)
    _title(drawing, title, font)
    shown = pairs[:8] or (("Không có", 0),)
    chart = HorizontalBarChart()
    chart.x, chart.y = width * 0.42, 20
    chart.width, chart.height = width * 0.5, height - 50
    chart.data = [[count for _, count in reversed(shown)]]
    chart.categoryAxis.categoryNames = [label[:38] for label, _ in reversed(shown)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = _value_step(max(max(c for _, c in shown), 1))
    chart.bars[0].fillColor = PALETTE[0]
    chart.bars[0].strokeColor = None
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = "%d"
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def outcomes_chart(charts: ReportCharts, font: str, width: float, height: float) -> Drawing:
    return _horizontal(
        "Đơn đã xử lý trong kỳ theo hướng xử lý", charts.letters_by_outcome, font, width, height
    )


def on_time_chart(charts: ReportCharts, font: str, width: float, height: float) -> Drawing:
    return _horizontal(
        "Vụ việc đã giải quyết trong kỳ: đúng hạn, trễ hạn", charts.on_time, font, width, height
    )
