"""Báo cáo on screen: the form table for the chosen period, the period picker,
Excel export through the progress window, the print preview, freezing and the
late entries it then shows, a failed check that blocks the buttons, and the
cut-off setting."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from tests.services.report_data import EXPECTED, build_register, late_visit
from tests.ui.conftest import settle
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.domain.report_periods import CutoffMode, PeriodKind
from tiepdan_desktop.domain.report_spec import SpecError
from tiepdan_desktop.services import reports
from tiepdan_desktop.services.report_specs import form_specs
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.print_preview import PrintPreviewDialog
from tiepdan_desktop.ui.pages.catalogue import SCREENS
from tiepdan_desktop.ui.pages.reports_page import FreezeDialog, ReportsPage
from tiepdan_desktop.ui.pages.settings.reports_tab import ReportSettingsTab
from tiepdan_desktop.ui.widgets.report_table import CHANGED_BACKGROUND

SCREEN = next(screen for screen in SCREENS if screen.key == "reports")


def _as(app: AppContext, actor: Actor) -> AppContext:
    return AppContext(app.services, actor, app.tasks, app.ui_state, app.database_description)


@pytest.fixture
def page(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    unit: UnitInfo,
    actors: dict[Role, Actor],
) -> ReportsPage:
    build_register(app_context.services, actors[Role.ADMIN], unit)
    shown = ReportsPage(_as(app_context, actors[Role.OFFICER]), SCREEN)
    qtbot.addWidget(shown)
    shown.resize(1300, 760)
    shown.show()  # a hidden page leaves its figures to be recomputed when next shown
    shown.picker.set_period(PeriodKind.MONTH, 2026, 10)
    settle(qtbot, app_context.tasks)
    qtbot.waitUntil(lambda: shown.run is not None and shown.run.period.index == 10)
    return shown


def _choose(qtbot: QtBot, page: ReportsPage, code: str) -> None:
    page.form.setCurrentIndex(page.form.findData(code))
    qtbot.waitUntil(lambda: page.run is not None and page.run.spec.code == code, timeout=5000)


def test_the_table_shows_every_figure_of_the_chosen_form(qtbot: QtBot, page: ReportsPage) -> None:
    assert page.picker.range_label.text() == "Số liệu tính từ ngày 15/09/2026 đến ngày 14/10/2026"
    for code in ("01/TCD", "02/XLD", "03/GQKN"):
        _choose(qtbot, page, code)
        for number, value in EXPECTED[code].items():
            shown = page.table.figure_text(number)
            assert shown == f"{value:g}".replace(".", ","), (code, number)
    assert "Các phép kiểm tra đều đạt" in page.status.text()
    assert "Tỷ lệ vụ việc khiếu nại đã giải quyết: 60%" in page.notes.toPlainText()
    assert page.table.item(0, 2).text() == "Đơn thuộc thẩm quyền"
    assert page.table.columnSpan(0, 2) == 1 and page.table.columnSpan(0, 3) == 3


def test_the_picker_names_each_kind_of_period(qtbot: QtBot, page: ReportsPage) -> None:
    page.picker.set_period(PeriodKind.QUARTER, 2026, 1)
    assert page.picker.range_label.text().endswith("15/12/2025 đến ngày 14/03/2026")
    page.picker.set_period(PeriodKind.NINE_MONTHS, 2026)
    assert not page.picker.index.isVisibleTo(page)
    page.picker.set_period(PeriodKind.CUSTOM, 2026)
    assert page.picker.first.isVisibleTo(page)
    page.picker.first.setDate(page.picker.last.date().addDays(3))
    assert "phải sau ngày bắt đầu" in page.picker.range_label.text()


def test_excel_export_writes_the_form_through_the_progress_window(
    qtbot: QtBot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "thang-10"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page.excel_button.click()
    written = tmp_path / "thang-10.xlsx"
    qtbot.waitUntil(written.exists, timeout=10_000)
    settle(qtbot, page._app.tasks)
    sheet = load_workbook(written).active
    assert sheet["C8"].value == "Tổng số lượt tiếp"


def test_the_print_preview_shows_the_pdf_and_leaves_nothing_behind(
    qtbot: QtBot, page: ReportsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Path] = []

    def look(preview: PrintPreviewDialog) -> int:
        qtbot.addWidget(preview)
        seen.append(preview.pages.path)
        assert len(preview.pages) == 2  # the form, the summary with its charts
        assert preview.pages.path.name == "bao-cao-01-TCD-2026-10.pdf"
        return 0

    monkeypatch.setattr(PrintPreviewDialog, "exec", look)
    page.preview_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    qtbot.waitUntil(lambda: not seen[0].parent.exists())


def test_freezing_then_a_late_entry_is_shown_not_silently_printed(
    qtbot: QtBot,
    page: ReportsPage,
    actors: dict[Role, Actor],
    unit: UnitInfo,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
) -> None:
    def fill(dialog: FreezeDialog) -> int:
        dialog.note.setText("Số 15/BC-UBND gửi Thanh tra tỉnh")
        return 1

    monkeypatch.setattr(FreezeDialog, "exec", fill)
    page.freeze_button.click()
    qtbot.waitUntil(
        lambda: ("Đã chốt số liệu", "Đã chốt số liệu 01/TCD, Tháng 10/2026.") in shown_messages,
        timeout=5000,
    )
    qtbot.waitUntil(lambda: page.run is not None and page.run.snapshot is not None)
    assert "không có thay đổi" in page.status.text()
    late_visit(page._app.services, actors[Role.ADMIN], unit.id)
    page.hide()
    page._app.tasks.notify_changed({"visits"})
    settle(qtbot, page._app.tasks)
    assert page.run is not None and not page.run.changes  # hidden: nothing recomputed
    page.show()
    qtbot.waitUntil(lambda: page.run is not None and bool(page.run.changes), timeout=5000)
    assert "6 chỉ tiêu thay đổi" in page.status.text()
    assert page.table.figure_text(1) == "9"
    cell = page.table.item(page.table.figure_row, 2)
    assert cell.background().color() == CHANGED_BACKGROUND
    assert "Đã chốt: 8 → nay: 9" in cell.toolTip()
    assert "lượt tiếp số 99/2026" in page.notes.toPlainText()
    page.frozen.setChecked(True)
    qtbot.waitUntil(lambda: page.run is not None and page.run.frozen_figures, timeout=5000)
    assert page.table.figure_text(1) == "8"


def test_a_failed_check_blocks_export_and_names_the_records(
    qtbot: QtBot, page: ReportsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = form_specs()["02/XLD"]
    broken = dataclasses.replace(spec, checks=((6, (14, 15, 16)),))
    monkeypatch.setitem(form_specs(), "02/XLD", broken)
    _choose(qtbot, page, "02/XLD")
    assert "Số liệu không khớp ở 1 chỗ" in page.status.text()
    assert not page.excel_button.isEnabled() and not page.freeze_button.isEnabled()
    notes = page.notes.toPlainText()
    assert "Ô (6) «Đơn đủ điều kiện xử lý › Số đơn»: bằng 9 nhưng (14)+(15)+(16) = 7." in notes
    assert "đơn số 4/2026" in notes and "đơn số 5/2026" in notes


def test_a_read_only_user_may_view_but_not_freeze(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    unit: UnitInfo,
    actors: dict[Role, Actor],
) -> None:
    shown = ReportsPage(_as(app_context, actors[Role.READ_ONLY]), SCREEN)
    qtbot.addWidget(shown)
    shown.show()
    settle(qtbot, app_context.tasks)
    qtbot.waitUntil(lambda: shown.run is not None)
    assert shown.excel_button.isEnabled() and not shown.freeze_button.isEnabled()


def test_the_cut_off_setting_changes_the_periods(
    gui: QApplication,
    qtbot: QtBot,
    page: ReportsPage,
    app_context: AppContext,
    shown_messages: list[tuple[str, str]],
) -> None:
    tab = ReportSettingsTab(app_context)
    qtbot.addWidget(tab)
    settle(qtbot, app_context.tasks)
    assert tab.start_day.value() == 15 and tab.start_day.isVisibleTo(tab)
    tab.cutoff.setCurrentIndex(tab.cutoff.findData(CutoffMode.CALENDAR.value))
    assert not tab.start_day.isVisibleTo(tab)
    tab.save_button.click()
    qtbot.waitUntil(lambda: any(title == "Đã lưu" for title, _ in shown_messages))
    assert reports.get_report_settings(app_context.services, app_context.actor).cutoff is (
        CutoffMode.CALENDAR
    )
    qtbot.waitUntil(
        lambda: page.picker.range_label.text().endswith("01/10/2026 đến ngày 31/10/2026"),
        timeout=5000,
    )


def test_the_outline_button_writes_the_word_report(
    qtbot: QtBot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx import Document

    target = tmp_path / "de-cuong"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page.outline_button.click()
    written = tmp_path / "de-cuong.docx"
    qtbot.waitUntil(written.exists, timeout=10_000)
    settle(qtbot, page._app.tasks)
    text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    assert "đã tiếp 8 lượt với 21 người được tiếp" in text


def test_files_and_freezing_wait_for_the_chosen_figures(qtbot: QtBot, page: ReportsPage) -> None:
    assert page.freeze_button.isEnabled()
    page.picker.set_period(PeriodKind.MONTH, 2026, 11)
    # Until November's figures are on screen, October's must not be frozen as November's.
    assert not page.freeze_button.isEnabled() and not page.excel_button.isEnabled()
    qtbot.waitUntil(lambda: page.run is not None and page.run.period.index == 11, timeout=5000)
    assert page.freeze_button.isEnabled()


def test_a_broken_spec_file_is_told_and_the_window_still_opens(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    unit: UnitInfo,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object) -> None:
        raise SpecError("01-tcd.toml, cột (3): thuộc tính «mau» không có ở «visit».")

    monkeypatch.setattr(reports, "list_forms", broken)
    shown = ReportsPage(app_context, SCREEN)
    qtbot.addWidget(shown)
    assert shown.run is None  # nothing computed for a screen nobody opened
    shown.show()
    qtbot.waitUntil(lambda: shown.status.text() != "", timeout=5000)
    assert shown.status.text().startswith("01-tcd.toml, cột (3)")
    assert not shown.excel_button.isEnabled()
