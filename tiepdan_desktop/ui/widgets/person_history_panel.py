"""Beside the register: the citizen of the selected row, the times they came
and the matters they have, so a repeat visit is recognised at a glance."""

from __future__ import annotations

import uuid
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tiepdan_desktop.domain.visit_records import PersonHistory, PersonMatch
from tiepdan_desktop.ui.formatting import format_date

VISIT_ROLE = Qt.ItemDataRole.UserRole


def person_summary(person: PersonMatch) -> str:
    """One line about who this is: birth year, paper, phone."""
    parts = []
    if person.birth_year:
        parts.append(f"sinh năm {person.birth_year}")
    if person.id_number:
        kind = person.id_type.label if person.id_type else "Giấy tờ"
        parts.append(f"{kind} {person.id_number}")
    if person.phone:
        parts.append(f"ĐT {person.phone}")
    return " · ".join(parts)


def person_record(person: PersonMatch) -> str:
    """What the office knows of them: visits, letters and open matters."""
    parts = [f"{person.visits} lượt tiếp"]
    if person.last_visit:
        parts.append(f"lần cuối {format_date(person.last_visit)}")
    if person.letters:
        parts.append(f"{person.letters} đơn")
    if person.open_cases:
        parts.append(f"{person.open_cases} vụ việc đang giải quyết")
    return " · ".join(parts)


class PersonHistoryPanel(QFrame):
    visit_requested = Signal(uuid.UUID)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setMinimumWidth(260)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 12, 14, 12)
        title = QLabel(self.tr("Công dân"))
        title.setObjectName("cardTitle")
        self.who = QLabel()
        self.who.setObjectName("historyPerson")
        self.who.setWordWrap(True)
        self.who.setTextFormat(Qt.TextFormat.RichText)
        visits_title = QLabel(self.tr("Các lần đến"))
        visits_title.setObjectName("cardTitle")
        self.visits = QListWidget()
        self.visits.setObjectName("historyVisits")
        self.visits.setAccessibleName(self.tr("Các lần công dân đã đến"))
        self.visits.setWordWrap(True)
        self.visits.itemActivated.connect(self._open_visit)
        cases_title = QLabel(self.tr("Vụ việc"))
        cases_title.setObjectName("cardTitle")
        self.cases = QListWidget()
        self.cases.setObjectName("historyCases")
        self.cases.setAccessibleName(self.tr("Vụ việc của công dân"))
        self.cases.setWordWrap(True)
        self.cases.setMaximumHeight(130)
        for widget in (title, self.who, visits_title, self.visits, cases_title, self.cases):
            column.addWidget(widget)
        self._details = (visits_title, self.visits, cases_title, self.cases)
        column.addStretch(1)
        self.show_message(self.tr("Chọn một dòng trong sổ để xem lịch sử của công dân."))

    def show_message(self, message: str) -> None:
        self.who.setText(f"<span style='color:#5a6678'>{escape(message)}</span>")
        self.visits.clear()
        self.cases.clear()
        for widget in self._details:
            widget.hide()

    def show_history(self, history: PersonHistory) -> None:
        person = history.person
        lines = [f"<b>{escape(person.full_name)}</b>"]
        for line in (person_summary(person), person.address or "", person_record(person)):
            if line:
                lines.append(escape(line))
        self.who.setText("<br>".join(lines))
        for widget in self._details:
            widget.show()
        self.visits.clear()
        for visit in history.visits:
            kind = visit.letter_type.label if visit.letter_type else "Không phân loại"
            item = QListWidgetItem(
                f"{visit.visited_at:%d/%m/%Y} · số {visit.number}/{visit.year} · {kind}\n"
                f"{visit.content}"
            )
            item.setData(VISIT_ROLE, visit.visit_id)
            item.setToolTip(visit.content)
            self.visits.addItem(item)
        self.cases.clear()
        for case in history.cases:
            state = case.state.label
            item = QListWidgetItem(f"{case.label}\n{state} · nhận {format_date(case.received_on)}")
            item.setToolTip(case.summary)
            if not case.is_open:
                item.setForeground(Qt.GlobalColor.gray)
            self.cases.addItem(item)
        if not history.cases:
            self.cases.addItem(self.tr("Chưa có vụ việc."))

    def _open_visit(self, item: QListWidgetItem) -> None:
        visit_id = item.data(VISIT_ROLE)
        if isinstance(visit_id, uuid.UUID):
            self.visit_requested.emit(visit_id)
