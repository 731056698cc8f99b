"""Likely duplicates of a letter (đơn trùng): the letters of the same person
or with similar content already in the register, with their state, and the
officer's answer — a new matter, or a repeat of the chosen one.

A warning says when the matter was already guided or forwarded: the law allows
each once (no endless forwarding between bodies)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.letter_records import DuplicateCandidate
from tiepdan_desktop.domain.letter_similarity import SIMILAR_CONTENT

HEADERS = ("Đơn số", "Ngày nhận", "Vì sao giống", "Tình trạng", "Người đứng đơn", "Nội dung")
MAX_COLUMN_WIDTH = 220


def why_similar(candidate: DuplicateCandidate) -> str:
    reasons = []
    if candidate.same_id_number:
        reasons.append("Cùng số giấy tờ")
    elif candidate.same_person:
        reasons.append("Cùng họ tên, năm sinh hoặc địa chỉ")
    if candidate.similarity >= SIMILAR_CONTENT:
        reasons.append(f"nội dung giống {round(candidate.similarity * 100)}%")
    return "; ".join(reasons) or "Nội dung gần giống"


def matter_warning(guided: int, forwarded: int, letters: int) -> str:
    """What the matter already went through, in the words an officer needs."""
    parts = []
    if letters > 1:
        parts.append(f"vụ việc đã có {letters} đơn")
    if guided:
        parts.append(f"đã hướng dẫn {guided} lần")
    if forwarded:
        parts.append(f"đã chuyển đơn {forwarded} lần")
    if not parts:
        return ""
    text = "⚠ " + ", ".join(parts).capitalize() + "."
    if guided or forwarded:
        text += " Đơn đã được hướng dẫn hoặc chuyển thì không hướng dẫn, chuyển lại lần nữa."
    return text


class DuplicatesPanel(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Đơn có thể trùng"), parent)
        self.setObjectName("duplicatesPanel")
        self._candidates: list[DuplicateCandidate] = []
        self.status = QLabel(self.tr("Gõ nội dung hoặc người đứng đơn để tìm đơn đã có."))
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("duplicateTable")
        self.table.setAccessibleName(self.tr("Đơn có thể trùng"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.table.setMinimumHeight(110)
        self.warning = QLabel()
        self.warning.setObjectName("calendarWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.undecided = QRadioButton(self.tr("Xem xét sau"))
        self.undecided.setObjectName("duplicateUndecided")
        self.is_new = QRadioButton(self.tr("Là vụ việc mới"))
        self.is_new.setObjectName("duplicateIsNew")
        self.is_repeat = QRadioButton(self.tr("Trùng với đơn đang chọn ở bảng trên"))
        self.is_repeat.setObjectName("duplicateIsRepeat")
        answers = QButtonGroup(self)
        for button in (self.undecided, self.is_new, self.is_repeat):
            answers.addButton(button)
        self.undecided.setChecked(True)
        answer_row = QHBoxLayout()
        for button in (self.undecided, self.is_new, self.is_repeat):
            answer_row.addWidget(button)
        answer_row.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.status)
        column.addWidget(self.table, 1)
        column.addWidget(self.warning)
        column.addLayout(answer_row)
        answers.buttonToggled.connect(lambda *_a: self._answer_changed())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._answer_changed()

    def clear(self) -> None:
        """Nothing typed to compare yet."""
        self.show_candidates([])
        self.status.setText(self.tr("Gõ nội dung hoặc người đứng đơn để tìm đơn đã có."))

    def show_candidates(self, candidates: list[DuplicateCandidate]) -> None:
        chosen = self.chosen_id()
        seen = {c.letter_id for c in self._candidates}
        if self.is_new.isChecked() and any(c.letter_id not in seen for c in candidates):
            self.undecided.setChecked(True)  # «new» was said before this letter was shown
        self._candidates = candidates
        self.table.setRowCount(len(candidates))
        for row, candidate in enumerate(candidates):
            state = candidate.outcome.label if candidate.outcome else candidate.state.label
            cells = (
                candidate.label,
                f"{candidate.received_on:%d/%m/%Y}",
                why_similar(candidate),
                state,
                candidate.filer_label,
                candidate.content,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    f"{text}\n\n{candidate.content}" if column < len(HEADERS) - 1 else text
                )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(len(HEADERS) - 1):
            if self.table.columnWidth(column) > MAX_COLUMN_WIDTH:
                self.table.setColumnWidth(column, MAX_COLUMN_WIDTH)
        self.status.setText(
            self.tr("Có {0} đơn đã vào sổ có thể là cùng vụ việc:").format(len(candidates))
            if candidates
            else self.tr("Không thấy đơn nào đã có trùng người hoặc nội dung.")
        )
        ids = [c.letter_id for c in candidates]
        self.table.clearSelection()
        if chosen in ids:
            self.table.selectRow(ids.index(chosen))
        elif self.is_repeat.isChecked():
            self.undecided.setChecked(True)
        self._show_warning()
        self._answer_changed()

    def _selection_changed(self) -> None:
        if self.chosen_id() is not None and not self.is_repeat.isChecked():
            self.is_repeat.setChecked(True)
        self._show_warning()
        self._answer_changed()

    def _answer_changed(self) -> None:
        self.is_repeat.setEnabled(bool(self._candidates))
        self.changed.emit()

    def _show_warning(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        shown = [self._candidates[rows[0].row()]] if rows else self._candidates
        worst = max(shown, key=lambda c: (c.guided + c.forwarded, c.matter_letters), default=None)
        text = (
            matter_warning(worst.guided, worst.forwarded, worst.matter_letters)
            if worst is not None
            else ""
        )
        if text and worst is not None:
            text = f"Đơn số {worst.label}: {text}"
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def chosen_id(self) -> uuid.UUID | None:
        rows = self.table.selectionModel().selectedRows()
        return self._candidates[rows[0].row()].letter_id if rows else None

    def answer(self) -> tuple[uuid.UUID | None, bool]:
        """(the letter this one repeats, or None; whether it was confirmed new)."""
        if self.is_repeat.isChecked():
            return self.chosen_id(), False
        return None, self.is_new.isChecked()

    def set_answer(self, repeats: uuid.UUID | None, checked_new: bool) -> None:
        """The answer stored: the letter it repeats (chosen in the table), or new."""
        ids = [c.letter_id for c in self._candidates]
        if repeats in ids:
            self.table.selectRow(ids.index(repeats))
        button = self.is_repeat if repeats else self.is_new if checked_new else self.undecided
        button.setChecked(True)

    def problem(self) -> str | None:
        if self.is_repeat.isChecked() and self.chosen_id() is None:
            return self.tr("Hãy chọn trong bảng đơn mà đơn này trùng.")
        return None
