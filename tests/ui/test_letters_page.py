"""The letter register screen on 25/11/2026: quick views, colours for overdue
and due-soon letters, search without diacritics, the masked denouncer, the
selected letter's details, and the export to Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import LetterSource, LetterType
from tiepdan_desktop.domain.letter_records import LetterFiler, LetterInput
from tiepdan_desktop.domain.periods import Period
from tiepdan_desktop.domain.visit_records import PersonInput
from tiepdan_desktop.services import letters
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.period_dialog import PeriodDialog
from tiepdan_desktop.ui.models.letter_register_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from tiepdan_desktop.ui.pages.catalogue import SCREENS
from tiepdan_desktop.ui.pages.letters_page import LettersPage

NOW = dt.datetime(2026, 11, 25, 10, 30)
SCREEN = next(screen for screen in SCREENS if screen.key == "letters")


def _letter(received: dt.date, name: str, kind: LetterType, content: str) -> LetterInput:
    return LetterInput(
        received_on=received,
        source=LetterSource.POST,
        letter_type=kind,
        content=content,
        filers=(LetterFiler(PersonInput(name, address="Phường Bến Thành")),),
    )


@pytest.fixture
def page(gui: QApplication, qtbot: QtBot, app_context: AppContext) -> LettersPage:
    app_context.services.clock = lambda: NOW
    machine = Actor.command_line()
    for letter in (
        _letter(dt.date(2026, 11, 2), "Trần Văn An", LetterType.COMPLAINT, "Khiếu nại thu hồi đất"),
        _letter(dt.date(2026, 11, 16), "Lê Thị Bình", LetterType.COMPLAINT, "Khiếu nại bồi thường"),
        _letter(NOW.date(), "Phạm Thị Tố", LetterType.DENUNCIATION, "Tố cáo cán bộ địa chính"),
    ):
        letters.register_letter(app_context.services, machine, letter)
    shown = LettersPage(app_context, SCREEN)
    qtbot.addWidget(shown)
    shown.resize(1300, 700)
    shown.show()
    settle(qtbot, app_context.tasks)
    return shown


def _column(page: LettersPage, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_quick_views_and_colours(page: LettersPage, qtbot: QtBot, app_context: AppContext) -> None:
    assert page.count.text() == "3 đơn"
    # Newest first; the denouncer (an admin may not know them) is a code.
    assert _column(page, 2)[0].startswith("Người tố cáo TC-2026-0003")
    model = page.model
    colours = [model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) for row in range(3)]
    assert colours == [None, DUE_SOON_COLOUR, OVERDUE_COLOUR]
    page.findChild(QPushButton, "view_overdue").click()
    settle(qtbot, app_context.tasks)
    assert _column(page, 0) == ["1/2026"] and page.count.text() == "1 đơn"
    page.findChild(QPushButton, "view_due_soon").click()
    settle(qtbot, app_context.tasks)
    assert _column(page, 0) == ["2/2026"]


def test_search_and_details(page: LettersPage, qtbot: QtBot, app_context: AppContext) -> None:
    qtbot.keyClicks(page.search, "tran van")
    qtbot.waitUntil(lambda: page.count.text() == "1 đơn", timeout=5000)
    settle(qtbot, app_context.tasks)
    page.table.selectRow(0)
    settle(qtbot, app_context.tasks)
    text = page.detail.toPlainText()
    assert "Đơn số 1/2026 – Khiếu nại" in text and "Trần Văn An" in text
    assert "K2 – Thụ lý hoặc thông báo không thụ lý khiếu nại lần đầu: hạn 12/11/2026" in text
    page.search.clear()
    qtbot.keyClicks(page.search, "pham thi to")
    qtbot.waitUntil(lambda: page.count.text() == "0 đơn", timeout=5000)


def test_the_register_is_exported_to_excel(
    page: LettersPage,
    qtbot: QtBot,
    app_context: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "so-don.xlsx"
    monkeypatch.setattr(PeriodDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        PeriodDialog, "period", lambda self: Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.excel_button.click()
    settle(qtbot, app_context.tasks)
    sheet = load_workbook(target).active
    assert sheet is not None
    written = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "Trần Văn An" in written and "Phạm Thị Tố" not in written


def test_a_letters_history_opens_from_the_register(
    page: LettersPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiepdan_desktop.ui.dialogs.history_dialog import HistoryDialog

    assert page.history_button.isVisibleTo(page)  # the administrator reads the audit trail
    assert not page.history_button.isEnabled()
    page.table.selectRow(0)
    assert page.history_button.isEnabled()
    opened: list[HistoryDialog] = []

    def look(dialog: HistoryDialog) -> int:
        qtbot.addWidget(dialog)
        opened.append(dialog)
        return 0

    monkeypatch.setattr(HistoryDialog, "exec", look)
    page.history_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    dialog = opened[0]
    assert dialog.windowTitle().startswith("Lịch sử thay đổi: đơn số ")
    assert dialog.table.rowCount() >= 1
    assert dialog.table.item(dialog.table.rowCount() - 1, 2).text().startswith("Vào sổ đơn")
