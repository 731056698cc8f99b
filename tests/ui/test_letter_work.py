"""Letters handled as an official would on 25/11/2026: a letter handed in at
reception comes to the letter register, is classified, a re-sent letter is
linked to its matter, and an outcome issues its official document, opened
with the PC's own viewer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import settle
from tests.ui.typing import type_text
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import (
    IdDocumentType,
    LetterOutcome,
    LetterSource,
    LetterState,
    LetterType,
    Role,
)
from tiepdan_desktop.domain.letter_classification import FilerIdentity
from tiepdan_desktop.domain.letter_records import LetterDetail, LetterFiler, LetterInput
from tiepdan_desktop.domain.visit_records import PersonInput
from tiepdan_desktop.services import letters, unit
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.letter_dialog import LetterDialog
from tiepdan_desktop.ui.dialogs.letter_work_dialog import LetterWorkDialog
from tiepdan_desktop.ui.dialogs.visit_dialog import VisitDialog
from tiepdan_desktop.ui.pages.catalogue import SCREENS
from tiepdan_desktop.ui.pages.letters_page import LettersPage
from tiepdan_desktop.ui.pages.reception_page import ReceptionPage
from tiepdan_desktop.ui.widgets.choices import select_member
from tiepdan_desktop.ui.widgets.outcome_form import OPTION_ROLE

NOW = dt.datetime(2026, 11, 25, 10, 30)
SCREENS_BY_KEY = {screen.key: screen for screen in SCREENS}
AN = PersonInput(
    "Trần Văn An",
    birth_year=1970,
    id_type=IdDocumentType.CCCD,
    id_number="079070001234",
    address="Số 5 Lê Lợi",
)


@pytest.fixture
def clocked(app_context: AppContext) -> AppContext:
    app_context.services.clock = lambda: NOW
    return app_context


@pytest.fixture
def page(gui: QApplication, qtbot: QtBot, clocked: AppContext) -> LettersPage:
    shown = LettersPage(clocked, SCREENS_BY_KEY["letters"])
    qtbot.addWidget(shown)
    shown.resize(1300, 700)
    shown.show()
    settle(qtbot, clocked.tasks)
    return shown


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[LetterWorkDialog]:
    """The processing dialogs the page opens, shown without blocking the test."""
    dialogs: list[LetterWorkDialog] = []

    def show(dialog: LetterWorkDialog) -> int:
        dialogs.append(dialog)
        dialog.show()
        return 0

    monkeypatch.setattr(LetterWorkDialog, "exec", show)
    return dialogs


def _complaint(
    content: str = "Khiếu nại quyết định thu hồi thửa đất số 123 tờ bản đồ 7",
) -> LetterInput:
    return LetterInput(
        received_on=dt.date(2026, 11, 20),
        source=LetterSource.POST,
        letter_type=LetterType.COMPLAINT,
        content=content,
        filers=(LetterFiler(AN),),
    )


def _work(qtbot: QtBot, app: AppContext, letter: LetterDetail) -> LetterWorkDialog:
    dialog = LetterWorkDialog(app, letter, [], [], None)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, app.tasks)
    return dialog


def _classify(dialog: LetterWorkDialog, qtbot: QtBot, competent: bool, body: str = "") -> None:
    dialog.classification.all_met_button.click()
    (
        dialog.classification.competent_yes if competent else dialog.classification.competent_no
    ).click()
    if body:
        type_text(dialog.classification.competent_body, body)
    dialog.classify_button.click()
    settle(qtbot, dialog._app.tasks)


def _options(dialog: LetterWorkDialog) -> list[tuple[str, bool]]:
    """Each outcome offered and whether it may be chosen."""
    items = [dialog.outcome.options.item(r) for r in range(dialog.outcome.options.count())]
    return [(i.data(OPTION_ROLE).outcome.label, i.data(OPTION_ROLE).blocked is None) for i in items]


def _choose(dialog: LetterWorkDialog, outcome: LetterOutcome) -> None:
    for row in range(dialog.outcome.options.count()):
        item = dialog.outcome.options.item(row)
        if item.data(OPTION_ROLE).outcome is outcome:
            dialog.outcome.options.setCurrentItem(item)
            return
    pytest.fail(f"{outcome.label} is not offered")


def test_a_letter_handed_in_at_reception_is_processed_from_the_letter_register(
    qtbot: QtBot, clocked: AppContext, page: LettersPage, opened: list[LetterWorkDialog]
) -> None:
    reception = ReceptionPage(clocked, SCREENS_BY_KEY["reception"])
    qtbot.addWidget(reception)
    settle(qtbot, clocked.tasks)
    visit = VisitDialog(clocked, [], [], "Nguyễn Văn Thành", None, reception)
    qtbot.addWidget(visit)
    visit.show()
    type_text(visit.visitors.editor.full_name, "Lê Thị Đào")
    type_text(visit.visitors.editor.address, "Số 9 Hai Bà Trưng")
    type_text(visit.content, "Khiếu nại việc UBND phường không cấp giấy phép sửa nhà")
    select_member(visit.letter_type, LetterType.COMPLAINT)
    assert visit.make_letter.isChecked()  # the citizen handed in a letter
    visit.submit()
    qtbot.waitUntil(lambda: visit.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    settle(qtbot, clocked.tasks)

    assert page.count.text() == "1 đơn"  # the register read itself again
    page.table.selectRow(0)
    settle(qtbot, clocked.tasks)
    page.process_button.click()
    settle(qtbot, clocked.tasks)
    dialog = opened[0]
    assert dialog.windowTitle() == "Xử lý đơn số 1/2026"
    assert "Lê Thị Đào" in dialog.header.text() and "Mới tiếp nhận" in dialog.header.text()
    # The clocks started on the day of the visit, each with its explanation.
    deadlines = dialog.deadlines.toPlainText()
    assert "X1 – " in deadlines and "K2 – " in deadlines and "R1 – " in deadlines
    assert "Hãy phân loại đơn" in dialog.outcome_state.text()
    assert dialog.outcome.isHidden()
    _classify(dialog, qtbot, competent=True)
    assert dialog.letter.state is LetterState.CLASSIFIED
    assert dialog.tabs.currentIndex() == 2  # on to the outcome
    # Received in person: the officer proposes; the chairman accepts.
    assert _options(dialog)[0] == ("Đề xuất thụ lý", True)
    assert dialog.outcome.chosen() is not None
    assert dialog.outcome.chosen().outcome is LetterOutcome.PROPOSE_ACCEPTANCE  # type: ignore[union-attr]


def test_the_checklist_decides_eligibility_and_keeps_the_reason(
    qtbot: QtBot, clocked: AppContext, page: LettersPage
) -> None:
    letter = letters.register_letter(clocked.services, Actor.command_line(), _complaint())
    dialog = _work(qtbot, clocked, letter)
    form = dialog.classification
    assert [c.text() for c in form.condition_checks.values()][-1].startswith("Nêu rõ tên")
    form.all_met_button.click()
    assert form.eligibility.text() == "Đủ điều kiện xử lý."
    signed = next(c for k, c in form.condition_checks.items() if k.value == "chu_ky")
    signed.setChecked(False)
    assert "có chữ ký hoặc điểm chỉ" in form.eligibility.text()
    # Competence unanswered: the service's message comes under the field.
    dialog.classify_button.click()
    settle(qtbot, clocked.tasks)
    assert "thẩm quyền" in form.competence_form.error_text("competent")
    assert dialog.letter.classification is None
    # A denunciation has its own conditions; the status choices follow the type.
    select_member(form.letter_type, LetterType.DENUNCIATION)
    labels = [c.text() for c in form.condition_checks.values()]
    assert "Nêu rõ người bị tố cáo và hành vi vi phạm pháp luật bị tố cáo" in labels
    assert form.prior_status.itemText(1) == "Tố cáo lần đầu"
    select_member(form.letter_type, LetterType.COMPLAINT)
    form.competent_no.click()
    assert not form.competence_form._rows["competent_body"].isHidden()
    type_text(form.competent_body, "UBND tỉnh")
    dialog.classify_button.click()
    settle(qtbot, clocked.tasks)
    stored = letters.get_letter(clocked.services, clocked.actor, letter.id)
    assert stored.classification is not None and stored.classification.competent is False
    assert stored.ineligible_reason is not None
    assert "Có chữ ký hoặc điểm chỉ" in stored.ineligible_reason
    assert "Không đủ điều kiện" in dialog.header.text() or stored.state is LetterState.CLASSIFIED


def test_a_resent_letter_is_linked_to_its_matter_at_intake(
    qtbot: QtBot, clocked: AppContext, page: LettersPage
) -> None:
    first = letters.register_letter(clocked.services, Actor.command_line(), _complaint())
    dialog = LetterDialog(clocked, [], [], None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.filers.editor.full_name, "Trần Văn An")
    type_text(dialog.filers.editor.id_number, "079070001234")
    qtbot.waitUntil(lambda: dialog.filers.matches.list.count() == 1, timeout=5000)
    dialog.filers.matches.use_button.click()  # the citizen already in the register
    type_text(
        dialog.content,
        "Tôi tiếp tục khiếu nại quyết định thu hồi thửa đất 123, tờ bản đồ số 7 của gia đình",
    )
    qtbot.waitUntil(lambda: dialog.duplicates.table.rowCount() == 1, timeout=5000)
    assert dialog.duplicates.table.item(0, 0).text() == "1/2026"
    assert dialog.duplicates.table.item(0, 2).text().startswith("Cùng số giấy tờ")
    dialog.duplicates.table.selectRow(0)
    assert dialog.duplicates.is_repeat.isChecked()
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    saved: LetterDetail = dialog.saved
    assert saved.number == 2 and saved.duplicate_of is not None
    assert saved.duplicate_of.letter_id == first.id and saved.matter_letters == 2
    assert saved.filers[0][0].person_id == first.filers[0][0].person_id  # the same citizen


def test_a_duplicate_is_linked_later_and_a_forwarded_matter_warns(
    qtbot: QtBot, clocked: AppContext, page: LettersPage
) -> None:
    machine = Actor.command_line()
    first = letters.register_letter(clocked.services, machine, _complaint())
    second = letters.register_letter(clocked.services, machine, _complaint())
    dialog = _work(qtbot, clocked, second)
    assert "Chưa xem xét đơn trùng" in dialog.matter.text()
    assert dialog.duplicates.table.rowCount() == 1
    dialog.duplicates.table.selectRow(0)
    dialog.duplicate_button.click()
    settle(qtbot, clocked.tasks)
    assert dialog.letter.duplicate_of is not None
    assert dialog.letter.duplicate_of.letter_id == first.id
    assert dialog.matter.text() == "Đơn này trùng đơn số 1/2026; vụ việc có 2 đơn."
    # Nothing chosen in the table: the officer is told, nothing changes.
    dialog.duplicates.table.clearSelection()
    dialog.duplicates.is_repeat.setChecked(True)
    assert dialog.duplicates.problem() == "Hãy chọn trong bảng đơn mà đơn này trùng."


def test_an_outcome_issues_its_document_opened_with_the_system_viewer(
    qtbot: QtBot,
    clocked: AppContext,
    page: LettersPage,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[tuple[str, str]],
) -> None:
    petition = LetterInput(
        received_on=dt.date(2026, 11, 23),
        source=LetterSource.POST,
        letter_type=LetterType.PETITION,
        content="Kiến nghị sửa chữa đường điện trung thế qua khu phố 4",
        filers=(LetterFiler(PersonInput("Võ Thị Hoa", address="Khu phố 4")),),
    )
    letter = letters.register_letter(clocked.services, Actor.command_line(), petition)
    dialog = _work(qtbot, clocked, letter)
    _classify(dialog, qtbot, competent=False, body="Công ty Điện lực Sài Gòn")
    settle(qtbot, clocked.tasks)
    _choose(dialog, LetterOutcome.FORWARDED)
    assert not dialog.outcome.form._rows["body"].isHidden()
    assert "Phiếu chuyển đơn" in dialog.outcome.documents.text()
    dialog.decide_button.click()  # the body is missing: said under its field
    settle(qtbot, clocked.tasks)
    assert "cơ quan" in dialog.outcome.form.error_text("body")
    assert dialog.letter.outcome is None
    type_text(dialog.outcome.body, "Công ty Điện lực Sài Gòn")
    dialog.decide_button.click()
    settle(qtbot, clocked.tasks)
    assert dialog.letter.state is LetterState.AWAITING_REPLY
    assert "Hướng xử lý: Chuyển đơn (ngày 25/11/2026)" in dialog.outcome_state.text()
    assert shown_messages[-1][0] == "Đã xử lý đơn"
    assert dialog.tabs.currentWidget() is dialog.files
    assert dialog.files.documents.rowCount() == 1
    number = dialog.files.documents.item(0, 0).text()
    assert number.startswith("01/")

    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    dialog.files.open_pdf_button.click()
    settle(qtbot, clocked.tasks)
    dialog.files.open_docx_button.click()
    settle(qtbot, clocked.tasks)
    pdf, docx = (Path(url.toLocalFile()) for url in urls)
    assert pdf.read_bytes().startswith(b"%PDF") and docx.suffix == ".docx"
    words = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "Công ty Điện lực Sài Gòn" in words and "Võ Thị Hoa" in words

    # Waiting for the reply: an urging letter, then the reply closes it.
    assert not dialog.reply_box.isHidden()
    dialog.urge_button.click()
    settle(qtbot, clocked.tasks)
    assert dialog.files.documents.rowCount() == 2
    dialog.reply_button.click()  # no note: said under the field
    settle(qtbot, clocked.tasks)
    assert dialog.reply_form.error_text("reply_note")
    type_text(dialog.reply_note, "Công văn 45/ĐL ngày 24/11/2026: đã sửa xong")
    dialog.reply_button.click()
    settle(qtbot, clocked.tasks)
    assert dialog.letter.state is LetterState.PROCESSED
    assert dialog.reply_box.isHidden()


def test_scans_are_attached_and_an_anonymous_letter_has_no_filer(
    qtbot: QtBot,
    clocked: AppContext,
    page: LettersPage,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    dialog = LetterDialog(clocked, [], [], None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    select_member(dialog.filers.identity, FilerIdentity.ANONYMOUS)
    assert dialog.filers.editor.isHidden()
    select_member(dialog.source, LetterSource.MAILBOX)
    type_text(dialog.content, "Phản ánh quán karaoke hát quá 22 giờ ở hẻm 12")
    select_member(dialog.letter_type, LetterType.PETITION)
    dialog.duplicates.is_new.setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    saved: LetterDetail = dialog.saved
    assert saved.filers == () and saved.filer_identity is FilerIdentity.ANONYMOUS
    assert saved.checked_new

    work = _work(qtbot, clocked, saved)
    scan = tmp_path / "don-trang-1.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n trang don")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    work.findChild(QPushButton, "addScanButton").click()
    settle(qtbot, clocked.tasks)
    assert work.files.attachments.item(0, 0).text() == "don-trang-1.png"


def test_an_officer_cannot_accept_and_sees_why(
    qtbot: QtBot, clocked: AppContext, actors: dict[Role, Actor], page: LettersPage
) -> None:
    officer = AppContext(
        clocked.services, actors[Role.OFFICER], clocked.tasks, clocked.ui_state, ""
    )
    letter = letters.register_letter(clocked.services, officer.actor, _complaint())
    dialog = _work(qtbot, officer, letter)
    _classify(dialog, qtbot, competent=True)
    offered = dict(_options(dialog))
    assert offered["Đề xuất thụ lý"] and offered["Thụ lý"]
    assert "Chủ tịch quyết định" in next(
        dialog.outcome.options.item(r).text()
        for r in range(dialog.outcome.options.count())
        if dialog.outcome.options.item(r).data(OPTION_ROLE).outcome is LetterOutcome.ACCEPTED
    )


def test_work_in_progress_survives_other_actions_and_closing_asks(
    qtbot: QtBot,
    clocked: AppContext,
    page: LettersPage,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: list[tuple[str, str]],
) -> None:
    letter = letters.register_letter(clocked.services, Actor.command_line(), _complaint())
    dialog = _work(qtbot, clocked, letter)
    _classify(dialog, qtbot, competent=False, body="UBND tỉnh")
    _choose(dialog, LetterOutcome.ARCHIVED)
    type_text(dialog.outcome.note, "Đã trả lời tại buổi tiếp ngày 10/11")
    scan = tmp_path / "don.pdf"
    scan.write_bytes(b"%PDF-1.4 don")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    dialog.files.add_scan_button.click()
    settle(qtbot, clocked.tasks)
    assert dialog.files.attachments.rowCount() == 1
    # The outcome being prepared is still the one chosen, with its note.
    chosen = dialog.outcome.chosen()
    assert chosen is not None and chosen.outcome is LetterOutcome.ARCHIVED
    assert dialog.outcome.note.text() == "Đã trả lời tại buổi tiếp ngày 10/11"
    dialog.reject()  # unsaved: asks (the recorded box answers «no»), stays open
    assert shown_messages[-1][0] == "Đóng khi chưa lưu?" and dialog.isVisible()


def test_a_read_only_user_sees_the_checklist_but_cannot_tick_it(
    qtbot: QtBot, clocked: AppContext, actors: dict[Role, Actor], page: LettersPage
) -> None:
    reader = AppContext(
        clocked.services, actors[Role.READ_ONLY], clocked.tasks, clocked.ui_state, ""
    )
    letter = letters.register_letter(clocked.services, Actor.command_line(), _complaint())
    dialog = _work(qtbot, reader, letter)
    form = dialog.classification
    assert form.condition_checks and not any(c.isEnabled() for c in form.condition_checks.values())
    assert not form.prior_status.isEnabled() and not dialog.classify_button.isEnabled()
    assert not dialog.edit_button.isEnabled() and not dialog.files.add_scan_button.isEnabled()


def test_enter_in_the_search_box_does_not_open_a_letter(
    qtbot: QtBot, clocked: AppContext, page: LettersPage, opened: list[LetterWorkDialog]
) -> None:
    letters.register_letter(clocked.services, Actor.command_line(), _complaint())
    page.query()
    settle(qtbot, clocked.tasks)
    page.table.selectRow(0)
    settle(qtbot, clocked.tasks)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    settle(qtbot, clocked.tasks)
    assert opened == []
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    settle(qtbot, clocked.tasks)
    assert len(opened) == 1


def test_new_matter_is_asked_again_when_a_likely_duplicate_appears(
    qtbot: QtBot, clocked: AppContext, page: LettersPage
) -> None:
    letters.register_letter(clocked.services, Actor.command_line(), _complaint())
    dialog = LetterDialog(clocked, [], [], None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.duplicates.is_new.setChecked(True)  # said before anything was found
    type_text(dialog.filers.editor.full_name, "Trần Văn An")
    type_text(dialog.filers.editor.id_number, "079070001234")
    qtbot.waitUntil(lambda: dialog.duplicates.table.rowCount() == 1, timeout=5000)
    assert dialog.duplicates.undecided.isChecked()
    assert dialog.duplicates.answer() == (None, False)


def test_correcting_a_letter_keeps_an_area_no_longer_offered(
    qtbot: QtBot, clocked: AppContext, page: LettersPage
) -> None:
    area = unit.list_subject_areas(clocked.services, clocked.actor)[0]
    letter = letters.register_letter(
        clocked.services, Actor.command_line(), replace(_complaint(), area_code=area.code)
    )
    dialog = LetterDialog(clocked, [], [], letter, page)  # the areas not loaded (yet)
    qtbot.addWidget(dialog)
    assert dialog.area.currentText() == area.code and not dialog.has_changes()
    assert dialog.letter_input().area_code == area.code
