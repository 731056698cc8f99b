"""The reception screen used as an official would on 25/11/2026: recording
visits with the keyboard, finding returning citizens, the register's filters,
search and orders, printing and exporting."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import setup_request
from tests.tools import require_tools
from tests.ui.conftest import settle
from tests.ui.typing import type_text
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import (
    LetterType,
    ReceptionType,
    Role,
    VisitHandling,
    VisitorRole,
)
from tiepdan_desktop.domain.periods import PeriodChoice
from tiepdan_desktop.domain.visit_records import (
    PersonInput,
    PersonMatch,
    RegisterFilter,
    RegisterSort,
    VisitInput,
)
from tiepdan_desktop.services import setup, visits
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.period_dialog import PeriodDialog
from tiepdan_desktop.ui.dialogs.print_preview import PrintPreviewDialog
from tiepdan_desktop.ui.dialogs.visit_dialog import VisitDialog
from tiepdan_desktop.ui.models.visit_register_model import PENDING, VisitRegisterModel
from tiepdan_desktop.ui.pages.catalogue import SCREENS
from tiepdan_desktop.ui.pages.reception_page import ReceptionPage
from tiepdan_desktop.ui.widgets.choices import select_member
from tiepdan_desktop.ui.widgets.visitors_section import VisitorsSection

NOW = dt.datetime(2026, 11, 25, 10, 30)
SCREEN = next(screen for screen in SCREENS if screen.key == "reception")


def _visit(name: str, when: dt.datetime, **changes: object) -> VisitInput:
    values: dict[str, object] = {
        "visited_at": when,
        "reception_type": ReceptionType.REGULAR,
        "content": f"Khiếu nại của {name} về cấp giấy chứng nhận",
        "letter_type": LetterType.COMPLAINT,
        "handling": VisitHandling.LETTER_RECEIVED,
        "people": (PersonInput(name, birth_year=1970, address="Số 5 Lê Lợi"),),
    }
    values.update(changes)
    return VisitInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def clocked(app_context: AppContext) -> AppContext:
    app_context.services.clock = lambda: NOW
    return app_context


@pytest.fixture
def recorded(clocked: AppContext) -> AppContext:
    """Three visits: two citizens and a denunciation."""
    services, actor = clocked.services, Actor.command_line()
    visits.register_visit(services, actor, _visit("Nguyễn Văn An", dt.datetime(2026, 10, 2, 9)))
    visits.register_visit(services, actor, _visit("Lê Thị Đào", dt.datetime(2026, 11, 3, 9)))
    visits.register_visit(
        services,
        actor,
        _visit(
            "Phạm Văn Tố",
            dt.datetime(2026, 11, 20, 14),
            letter_type=LetterType.DENUNCIATION,
            content="Tố cáo cán bộ thu tiền sai quy định",
        ),
    )
    return clocked


@pytest.fixture
def page(gui: QApplication, qtbot: QtBot, recorded: AppContext) -> ReceptionPage:
    shown = ReceptionPage(recorded, SCREEN)
    qtbot.addWidget(shown)
    shown.resize(1300, 700)
    shown.show()
    settle(qtbot, recorded.tasks)
    return shown


def _names(page: ReceptionPage) -> list[str]:
    return [
        (page.model.record(row) or pytest.fail("row not read")).names_and_addresses.split(" – ")[0]
        for row in range(page.model.rowCount())
    ]


def _press(
    widget: object, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))  # type: ignore[arg-type]


def _dialog(page: ReceptionPage) -> VisitDialog:
    return VisitDialog(page._app, page._officers, page._areas, "Nguyễn Văn Thành", None, page)


# --- the register -------------------------------------------------------------------------


def test_the_register_shows_the_forms_columns_newest_first(page: ReceptionPage) -> None:
    assert page.count.text() == "3 lượt tiếp"
    assert _names(page) == ["Người tố cáo TC-2026-0003", "Lê Thị Đào", "Nguyễn Văn An"]
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(12)]
    assert headers[:3] == ["STT", "Ngày tiếp", "(3) Họ tên – Địa chỉ"]
    assert headers[7:10] == ["(8) Thụ lý", "(9) Trả lại đơn, hướng dẫn", "(10) Chuyển đơn"]
    row = [page.model.index(1, c).data() for c in range(12)]
    assert row[:3] == ["2", "03/11/2026 09:00", "Lê Thị Đào – Số 5 Lê Lợi"]
    assert row[5] == "Khiếu nại · 1 người" and row[11] == "Tiếp nhận đơn để xử lý"
    assert page.table.isColumnHidden(13)  # the officer: shown on request
    protected = page.model.index(0, 2)
    assert protected.data(Qt.ItemDataRole.FontRole).italic()


def test_the_table_model_keeps_the_contract(
    gui: QApplication, qtbot: QtBot, recorded: AppContext, qtmodeltester: object
) -> None:
    services, actor = recorded.services, recorded.actor
    model = VisitRegisterModel(
        recorded.tasks, lambda keys: visits.register_rows(services, actor, keys)
    )
    model.set_keys(visits.register_keys(services, actor, RegisterFilter()))
    assert model.index(0, 0).data() == PENDING  # asked for, not read yet
    settle(qtbot, recorded.tasks)
    assert model.index(0, 0).data() == "3"
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    every = visits.register_keys(services, actor, RegisterFilter())
    model.set_keys(every[:2], total=3)  # the first keys, the rest on their way
    assert model.rowCount() == 3 and not model.complete
    assert model.index(2, 0).data() == PENDING
    settle(qtbot, recorded.tasks)
    assert model.index(2, 0).data() == PENDING  # no key yet: nothing to read
    model.complete_keys(every)
    assert model.complete and model.index(2, 0).data() == PENDING  # asked for now
    settle(qtbot, recorded.tasks)
    assert model.index(2, 0).data() == "1"
    assert model.index(0, 0).data() == "3"  # the rows already read stay
    model.complete_keys(list(reversed(every)))  # the register changed meanwhile
    settle(qtbot, recorded.tasks)
    assert model.index(0, 0).data() == "1"
    model.set_keys([])
    assert model.rowCount() == 0


def _search(qtbot: QtBot, page: ReceptionPage, text: str) -> list[str]:
    page.filters.search.clear()
    type_text(page.filters.search, text)
    qtbot.waitUntil(
        lambda: page.shown_filter is not None and page.shown_filter.search == text,
        timeout=5_000,
    )
    settle(qtbot, page._app.tasks)
    return _names(page)


def test_search_as_you_type_with_or_without_diacritics(qtbot: QtBot, page: ReceptionPage) -> None:
    assert _search(qtbot, page, "dao") == ["Lê Thị Đào"]
    assert page.count.text() == "1 lượt tiếp"
    assert _search(qtbot, page, "nguyễn văn") == ["Nguyễn Văn An"]
    assert _search(qtbot, page, "lê lợi") == ["Lê Thị Đào", "Nguyễn Văn An"]
    # The denouncer cannot be found by name; the content can be.
    assert _search(qtbot, page, "pham van to") == []
    assert _search(qtbot, page, "thu tien") == ["Người tố cáo TC-2026-0003"]


def test_filters_periods_and_orders(qtbot: QtBot, page: ReceptionPage) -> None:
    page.filters.choose_period(PeriodChoice.THIS_MONTH)
    settle(qtbot, page._app.tasks)
    assert page.count.text() == "2 lượt tiếp"
    assert page.filters.dates() == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    page.filters.choose_period(PeriodChoice.REPORT_MONTH)  # 15/11 → 14/12
    settle(qtbot, page._app.tasks)
    assert page.count.text() == "1 lượt tiếp"
    select_member(page.filters.letter_type, LetterType.COMPLAINT)
    settle(qtbot, page._app.tasks)
    assert page.count.text() == "0 lượt tiếp"
    page.filters.clear()
    settle(qtbot, page._app.tasks)
    assert page.count.text() == "3 lượt tiếp"
    page.table.horizontalHeader().sectionClicked.emit(2)  # by name, A → Z (given name first)
    settle(qtbot, page._app.tasks)
    assert page.shown_filter is not None and page.shown_filter.sort is RegisterSort.NAME
    assert _names(page)[1:] == ["Nguyễn Văn An", "Lê Thị Đào"]  # the protected row sorts first
    page.table.horizontalHeader().sectionClicked.emit(4)  # content: no order of its own
    settle(qtbot, page._app.tasks)
    assert page.shown_filter.sort is RegisterSort.NAME


def test_selecting_a_row_shows_the_citizens_history(qtbot: QtBot, page: ReceptionPage) -> None:
    page.table.selectRow(2)
    qtbot.waitUntil(lambda: "Nguyễn Văn An" in page.history.who.text(), timeout=5_000)
    assert "sinh năm 1970" in page.history.who.text() and page.history.visits.count() == 1
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: "bảo mật" in page.history.who.text(), timeout=5_000)
    assert page.history.visits.isHidden()


# --- the visit form -----------------------------------------------------------------------


def test_a_visit_is_typed_and_saved_with_the_keyboard(
    qtbot: QtBot, page: ReceptionPage, shown_messages: list[tuple[str, str]]
) -> None:
    dialog = _dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.visited_at.dateTime().toString("dd/MM/yyyy HH:mm") == "25/11/2026 10:30"
    type_text(dialog.visitors.editor.full_name, "Trần Thị Bích Ngọc")
    type_text(dialog.visitors.editor.birth_year, "1982")
    type_text(dialog.visitors.editor.id_number, "079182001234")
    type_text(dialog.visitors.editor.address, "Số 12 Pasteur, phường Bến Thành")
    type_text(dialog.content, "Kiến nghị sửa chữa vỉa hè trước nhà số 12")
    select_member(dialog.letter_type, LetterType.PETITION)
    dialog.make_letter.setChecked(False)
    type_text(dialog.notes, "Hẹn trả lời trong 10 ngày làm việc")
    dialog.notes.setFocus()
    _press(dialog.notes, Qt.Key.Key_Return)  # Enter in the last field saves
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    saved = dialog.saved
    assert saved.number == 4 and saved.people[0].full_name == "Trần Thị Bích Ngọc"
    assert saved.people[0].id_number == "079182001234" and saved.notes.startswith("Hẹn")
    settle(qtbot, page._app.tasks)
    assert page.count.text() == "4 lượt tiếp"


def test_mistakes_appear_next_to_their_fields_and_nothing_is_saved(
    qtbot: QtBot, page: ReceptionPage
) -> None:
    dialog = _dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.visitors.editor.full_name, "Võ Văn Kiệt")
    type_text(dialog.visitors.editor.id_number, "12345")
    type_text(dialog.visitors.editor.phone, "0123")
    select_member(dialog.handling, VisitHandling.FORWARDED)
    _press(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    dialog.submit()  # Ctrl+S goes to the same place
    editor = dialog.visitors.editor
    assert editor.form.error_text("id_number") == "Số căn cước (CCCD) gồm đúng 12 chữ số."
    assert editor.form.error_text("phone").startswith("Số điện thoại không hợp lệ")
    assert dialog.content_form.error_text("content") == "Hãy ghi tóm tắt nội dung vụ việc."
    assert dialog.content_form.error_text("letter_type").startswith("Hãy phân loại")
    assert dialog.handling_form.error_text("forwarded_to") == "Hãy ghi cơ quan có thẩm quyền."
    assert dialog.result() == 0 and not dialog.saving
    assert len(visits.register_keys(page._app.services, page._app.actor, RegisterFilter())) == 3


def test_a_returning_citizen_is_offered_and_linked(qtbot: QtBot, page: ReceptionPage) -> None:
    dialog = _dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.visitors.editor.full_name, "nguyen van an")
    qtbot.waitUntil(lambda: dialog.visitors.matches.list.count() == 1, timeout=5_000)
    match = dialog.visitors.matches.selected()
    assert match is not None and match.full_name == "Nguyễn Văn An" and match.visits == 1
    dialog.visitors.matches.use_button.click()
    assert dialog.visitors.editor.full_name.text() == "Nguyễn Văn An"
    assert dialog.visitors.editor.person_id == match.person_id
    editor = dialog.visitors.editor
    assert editor.linked.text().startswith("Công dân đã có trong sổ")
    editor.full_name.selectAll()
    type_text(editor.full_name, "Trần Văn Bình")  # retyped: renames the citizen everywhere
    assert editor.linked.text().startswith("⚠") and "Người khác" in editor.linked.text()
    editor.full_name.selectAll()
    type_text(editor.full_name, "Nguyễn Văn An")
    assert editor.linked.text().startswith("Công dân đã có trong sổ")
    qtbot.waitUntil(lambda: dialog.is_repeat.isChecked(), timeout=5_000)
    type_text(dialog.prior_handling, "UBND phường đã hướng dẫn ngày 02/10/2026")
    type_text(dialog.content, "Khiếu nại lần nữa về cấp giấy chứng nhận")
    select_member(dialog.letter_type, LetterType.COMPLAINT)
    dialog.make_letter.setChecked(False)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.saved.is_repeat and dialog.saved.people[0].person_id == match.person_id
    history = visits.person_history(page._app.services, page._app.actor, match.person_id)
    assert len(history.visits) == 2  # the same person, not a copy


def test_a_group_is_checked_against_the_representative_rule(
    qtbot: QtBot, page: ReceptionPage
) -> None:
    dialog = _dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    section = dialog.visitors
    section.group.setChecked(True)
    section.head_count.setValue(8)
    assert "phải cử người đại diện" in section.group_warning.text()
    for name in ("Đặng Văn Bảy", "Hồ Thị Cúc", "Lý Văn Đức"):
        type_text(section.editor.full_name, name)
        section.add_member_button.click()
    assert section.members.count() == 3 and section.editor.full_name.text() == ""
    assert "cử không quá 2 người đại diện" in section.group_warning.text()
    section.members.setCurrentRow(2)
    section.remove_member_button.click()
    assert section.group_warning.isHidden()
    type_text(section.editor.full_name, "Mai Văn Em")
    select_member(section.editor.role, VisitorRole.MEMBER)
    section.add_member_button.click()
    type_text(dialog.content, "Đoàn kiến nghị về ô nhiễm tiếng ồn của xưởng gỗ")
    select_member(dialog.letter_type, LetterType.PETITION)
    dialog.make_letter.setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    saved = dialog.saved
    assert saved.is_group and saved.head_count == 8
    assert [(p.full_name, p.role) for p in saved.people] == [
        ("Đặng Văn Bảy", VisitorRole.REPRESENTATIVE),
        ("Hồ Thị Cúc", VisitorRole.REPRESENTATIVE),
        ("Mai Văn Em", VisitorRole.MEMBER),
    ]
    assert saved.letter_label == "Đơn số 1/2026"  # entered in the letter register at once


def test_leaving_with_unsaved_typing_asks_first(
    qtbot: QtBot, page: ReceptionPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[bool] = [False, True]
    asked: list[str] = []

    def answer(_parent: object, title: str, _text: str, _yes: str = "") -> bool:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr("tiepdan_desktop.ui.dialogs.register_form_dialog.confirm", answer)
    untouched = _dialog(page)
    qtbot.addWidget(untouched)
    untouched.show()
    untouched.reject()  # nothing typed: no question
    assert asked == [] and untouched.result() == QDialog.DialogCode.Rejected
    dialog = _dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.content, "Một nội dung")
    _press(dialog, Qt.Key.Key_Escape)
    assert asked == ["Bỏ lượt tiếp đang ghi?"] and dialog.isVisible()
    dialog.reject()
    assert not dialog.isVisible()


def test_a_protected_visit_opens_without_its_people(
    qtbot: QtBot, page: ReceptionPage, actors: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    page._app.actor = actors[Role.OFFICER]
    opened: list[VisitDialog] = []
    monkeypatch.setattr(VisitDialog, "exec", lambda self: opened.append(self) or 0)
    page.table.selectRow(0)
    page.open_selected()
    qtbot.waitUntil(lambda: bool(opened), timeout=5_000)
    dialog = opened[0]
    qtbot.addWidget(dialog)
    assert dialog.visitors.hidden_identity == "Người tố cáo TC-2026-0003"
    assert dialog.visitors.editor.isHidden() and dialog.visitors.people() is None
    assert "Phạm Văn Tố" not in dialog.visitors.masked.text()


# --- printing and Excel -------------------------------------------------------------------


def test_the_register_is_printed_from_its_preview(
    qtbot: QtBot, page: ReceptionPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    require_tools("pdftotext")
    monkeypatch.setattr(PeriodDialog, "exec", lambda self: 1)
    printed, copy = tmp_path / "may-in.pdf", tmp_path / "ban-sao.pdf"

    def print_to_file(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(copy), ""))
    seen: list[Path] = []

    def use_the_preview(preview: PrintPreviewDialog) -> int:
        """What the official does while the (modal) preview is open."""
        qtbot.addWidget(preview)
        seen.append(preview.pages.path)
        assert len(preview.pages) == 1 and not preview.view.pixmap().isNull()
        assert preview.pages.path.name == "so-tiep-cong-dan-20261115-20261214.pdf"
        preview.resize(1200, 700)
        with qtbot.waitExposed(preview):
            preview.show()
        viewport = preview.scroll.viewport().size()
        whole = preview.view.pixmap().size()  # «Cả trang»: all of the page is in sight
        assert whole.width() <= viewport.width() and whole.height() <= viewport.height()
        assert whole.width() > viewport.width() * 0.6 or whole.height() > viewport.height() * 0.8
        preview.zoom.setCurrentIndex(preview.zoom.findText("Vừa chiều rộng"))
        assert preview.view.pixmap().width() > whole.width()
        preview.print_button.click()
        assert printed.stat().st_size > 10_000  # the page, as an image, went to the printer
        preview.save_button.click()
        assert copy.read_bytes() == preview.pages.path.read_bytes()
        preview.done(0)
        return 0

    monkeypatch.setattr(PrintPreviewDialog, "exec", use_the_preview)
    page.print_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    qtbot.waitUntil(lambda: not seen[0].parent.exists())  # the printout is not left behind


def test_the_register_goes_to_excel_with_what_the_screen_shows(
    qtbot: QtBot,
    page: ReceptionPage,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: list[tuple[str, str]],
) -> None:
    page.filters.choose_period(PeriodChoice.THIS_MONTH)
    settle(qtbot, page._app.tasks)
    chosen: list[PeriodDialog] = []
    monkeypatch.setattr(PeriodDialog, "exec", lambda self: chosen.append(self) or 1)
    target = tmp_path / "so"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page.excel_button.click()
    qtbot.waitUntil(lambda: bool(shown_messages), timeout=20_000)
    assert chosen[0].period().describe() == "01/11/2026 – 30/11/2026"  # the filter's period
    assert shown_messages[-1][0] == "Đã xuất Excel"
    sheet = load_workbook(tmp_path / "so.xlsx").active
    assert sheet is not None
    names = [sheet.cell(row, 3).value for row in range(10, sheet.max_row + 1)]
    assert names == ["Lê Thị Đào – Số 5 Lê Lợi", "Người tố cáo TC-2026-0003"]


def test_a_long_export_can_be_stopped(
    qtbot: QtBot, page: ReceptionPage, tmp_path: Path, shown_messages: list[tuple[str, str]]
) -> None:
    finished: list[object] = []

    def slow(progress: object) -> str:
        for step in range(1000):
            progress("Đang ghi…", step / 1000)  # type: ignore[operator]
            time.sleep(0.005)
        return "xong"

    page.exports.run("Đang thử…", slow, finished.append)
    window = page.exports._window
    assert window is not None
    stop = window.findChild(QPushButton)
    assert stop is not None and stop.text() == "Dừng"
    stop.click()
    settle(qtbot, page._app.tasks)
    assert finished == [] and shown_messages == []  # stopped: no result, no error box


def test_ctrl_n_opens_a_new_visit_from_the_main_window(
    gui: QApplication, qtbot: QtBot, recorded: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiepdan_desktop.ui.main_window import MainWindow

    unit = setup.get_unit(recorded.services) or setup.initialize(recorded.services, setup_request())
    window = MainWindow(recorded, unit, "/du-lieu")
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, recorded.tasks)
    opened: list[VisitDialog] = []
    monkeypatch.setattr(VisitDialog, "exec", lambda self: opened.append(self) or 0)
    window.show_screen("overview")
    window.new_visit()
    assert window.current_screen() == "reception" and len(opened) == 1
    assert opened[0].windowTitle() == "Ghi lượt tiếp công dân"


def test_a_late_answer_to_an_older_lookup_is_dropped(qtbot: QtBot) -> None:
    pending: list[tuple[str, Callable[[list[PersonMatch]], None]]] = []
    section = VisitorsSection(lambda typed, answer: pending.append((typed.full_name, answer)))
    qtbot.addWidget(section)

    def match(name: str) -> PersonMatch:
        return PersonMatch(
            uuid.uuid4(), name, 1970, None, None, None, None, None, False, 1, None, 0
        )

    type_text(section.editor.full_name, "Ng")
    section.lookup._look_up()
    type_text(section.editor.full_name, "uyễn Văn Bình")
    section.lookup._look_up()
    (_first, older), (latest_typed, latest) = pending[0], pending[-1]
    latest([match(latest_typed)])
    older([match("Nguyễn Thị Nga")])  # the slower, older answer comes last
    assert section.matches.selected() is not None
    assert section.matches.selected().full_name == "Nguyễn Văn Bình"  # type: ignore[union-attr]


def test_the_selected_visit_stays_selected_when_the_register_is_read_again(
    qtbot: QtBot, page: ReceptionPage
) -> None:
    page.table.selectRow(1)
    chosen = page.selected_row()
    assert chosen is not None
    page._app.tasks.notify_changed({"visits"})  # another window saved something
    settle(qtbot, page._app.tasks)
    again = page.selected_row()
    assert again is not None and again.visit_id == chosen.visit_id
