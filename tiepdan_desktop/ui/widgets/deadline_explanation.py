"""«Vì sao hạn là ngày này?»: a due date with where it stands today and the
reasons the engine gives, step by step.  Used by the calculator and by every
screen that shows a due date (as a panel, or as a tooltip)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

from tiepdan_desktop.domain.calendar import format_day
from tiepdan_desktop.domain.deadlines import DeadlineResult
from tiepdan_desktop.domain.deadlines.status import DueStatus


def explanation_html(result: DeadlineResult) -> str:
    """The reasons as a numbered list (rich text for a panel or a tooltip)."""
    items = "".join(f"<li>{escape(line)}</li>" for line in result.explanation)
    return f"<ol style='margin-left: -18px'>{items}</ol>"


def explanation_tooltip(result: DeadlineResult) -> str:
    title = escape(f"Hạn {format_day(result.due)} – vì sao hạn là ngày này?")
    return f"<b>{title}</b>{explanation_html(result)}"


def explanation_text(result: DeadlineResult) -> str:
    """Plain text, for the clipboard: the due date, then the numbered reasons."""
    lines = [f"Hạn cuối: {format_day(result.due)}", f"{result.rule.id} – {result.rule.title}"]
    lines += [f"{number}. {line}" for number, line in enumerate(result.explanation, 1)]
    return "\n".join(lines)


class DeadlineExplanationView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 14, 16, 14)
        caption = QLabel(self.tr("Hạn cuối"))
        caption.setObjectName("cardTitle")
        self.due = QLabel("—")
        self.due.setObjectName("dueDate")
        self.due.setAccessibleName(self.tr("Hạn cuối"))
        self.status = QLabel()
        self.status.setObjectName("dueStatus")
        self.status.setAccessibleName(self.tr("Tình trạng so với hôm nay"))
        self.rule = QLabel()
        self.rule.setObjectName("hint")
        self.rule.setWordWrap(True)
        self.provisional = QLabel()
        self.provisional.setObjectName("provisionalWarning")
        self.provisional.setWordWrap(True)
        self.provisional.hide()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.why = QLabel(self.tr("Vì sao hạn là ngày này?"))
        self.why.setObjectName("cardTitle")
        self.reasons = QTextBrowser()
        self.reasons.setObjectName("explanationText")
        self.reasons.setAccessibleName(self.tr("Giải thích cách tính hạn"))
        self.reasons.setOpenLinks(False)
        for widget in (caption, self.due, self.status, self.rule, self.provisional, self.error):
            column.addWidget(widget)
        column.addSpacing(6)
        column.addWidget(self.why)
        column.addWidget(self.reasons, 1)
        self.result: DeadlineResult | None = None

    def show_result(self, result: DeadlineResult, status: DueStatus | None = None) -> None:
        """`status` (where the date stands today) is left out for past events."""
        self.result = result
        self.error.hide()
        self.due.setText(format_day(result.due))
        self.status.setText(status.describe() if status else "")
        self.status.setProperty("state", status.state.value if status else "")
        self._restyle(self.status)
        self.status.setVisible(status is not None)
        self.rule.setText(f"{result.rule.id} – {result.rule.title} · {result.rule.basis}")
        self.provisional.setText(self._provisional_text(result))
        self.provisional.setVisible(result.provisional)
        self.why.show()
        self.reasons.setHtml(explanation_html(result))

    def _provisional_text(self, result: DeadlineResult) -> str:
        parts = []
        if result.provisional_days:
            days = ", ".join(f"{s.day:%d/%m/%Y} ({s.name})" for s in result.provisional_days)
            parts.append(
                self.tr("khoảng tính có ngày nghỉ chưa được xác nhận chính thức ({0})").format(days)
            )
        if result.missing_years:
            years = ", ".join(map(str, result.missing_years))
            parts.append(self.tr("phần mềm chưa có lịch nghỉ lễ năm {0}").format(years))
        return self.tr(
            "Hạn dự kiến: {0}. Hạn có thể đổi; xem và xác nhận trong Danh mục & Cài đặt → "
            "Lịch làm việc."
        ).format("; ".join(parts))

    def show_problem(self, message: str) -> None:
        """The request cannot be computed (a variant the rule does not have, …)."""
        self.result = None
        self.due.setText("—")
        self.status.hide()
        self.provisional.hide()
        self.rule.clear()
        self.error.setText(message)
        self.error.show()
        self.why.hide()
        self.reasons.clear()

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        """A dynamic property changed: let the style sheet see it."""
        widget.style().unpolish(widget)
        widget.style().polish(widget)
