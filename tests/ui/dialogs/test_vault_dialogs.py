"""The vault's windows: creating it with the recovery key shown once, revealing a
denouncer as a custodian (and the refusal for anyone else), the reveal buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import ADMIN_USERNAME, PASSWORD
from tests.services.test_vault import DENOUNCER
from tests.ui.conftest import settle
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import LetterSource, LetterType, Role
from tiepdan_desktop.domain.letter_records import LetterDetail, LetterFiler, LetterInput
from tiepdan_desktop.domain.records import NewUser
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services import accounts, letters
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs import vault_dialog
from tiepdan_desktop.ui.dialogs.reveal_dialog import RevealDialog
from tiepdan_desktop.ui.dialogs.vault_dialog import RecoveryKeyDialog, VaultDialog
from tiepdan_desktop.ui.tasks import TaskRunner
from tiepdan_desktop.ui.ui_state import UiState


def _open_through_vault(qtbot: QtBot, tasks: TaskRunner, dialog: RevealDialog, reason: str) -> None:
    """The custodian types a reason and their password, and opens the vault."""
    qtbot.addWidget(dialog)
    dialog.reason.setText(reason)
    dialog.password.setText(PASSWORD)
    dialog.open_button.click()
    settle(qtbot, tasks)


def _denunciation(services: ServiceContext, actor: Actor) -> LetterDetail:
    data = LetterInput(
        received_on=dt.date(2026, 11, 16),
        source=LetterSource.POST,
        letter_type=LetterType.DENUNCIATION,
        content="Tố cáo ông Lê Văn Sai nhận tiền để cấp giấy",
        filers=(LetterFiler(DENOUNCER),),
    )
    return letters.register_letter(services, actor, data)


def test_the_chairman_creates_the_vault_and_sees_the_key_once(
    gui: QApplication,
    qtbot: QtBot,
    services: ServiceContext,
    unit: object,
    tasks: TaskRunner,
    data_paths: DataPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin = accounts.authenticate(services, ADMIN_USERNAME, PASSWORD)
    _denunciation(services, admin)  # entered before the vault existed
    state = UiState(data_paths.ui_state)
    as_admin = VaultDialog(AppContext(services, admin, tasks, state, "db"), "UBND")
    qtbot.addWidget(as_admin)
    settle(qtbot, tasks)
    assert "Chưa thiết lập két" in as_admin.summary.text()
    assert not as_admin.create_button.isVisibleTo(as_admin)  # never the administrator
    accounts.create_user(
        services, admin, NewUser("chutich", "Nguyễn Văn Thành", Role.LEADER, "Tam-thoi-2026")
    )
    first = accounts.authenticate(services, "chutich", "Tam-thoi-2026")
    accounts.change_own_password(services, first, "Tam-thoi-2026", PASSWORD)
    chairman = accounts.authenticate(services, "chutich", PASSWORD)
    shown: list[RecoveryKeyDialog] = []

    def record(dialog: RecoveryKeyDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(vault_dialog.RecoveryKeyDialog, "exec", record)
    monkeypatch.setattr(
        vault_dialog.QInputDialog, "getText", lambda *_args, **_kw: (PASSWORD, True)
    )
    dialog = VaultDialog(AppContext(services, chairman, tasks, state, "db"), "UBND")
    qtbot.addWidget(dialog)
    settle(qtbot, tasks)
    assert dialog.create_button.isVisibleTo(dialog)
    dialog.create_button.click()
    settle(qtbot, tasks)
    [key_dialog] = shown
    qtbot.addWidget(key_dialog)
    assert "niêm phong 1 người tố cáo" in key_dialog.findChildren(type(dialog.summary))[0].text()
    key = key_dialog.key_label.text()
    assert len(key.split("-")) == 13
    assert not key_dialog.close_button.isEnabled()  # not before it is printed
    key_dialog.reject()
    assert key_dialog.result() == 0 and key_dialog.key_label.text() == key
    key_dialog.done_box.setChecked(True)
    assert key_dialog.close_button.isEnabled()
    assert key in key_dialog.page().toPlainText()
    settle(qtbot, tasks)
    assert "đang niêm phong danh tính 1 người" in dialog.summary.text()
    assert not dialog.create_button.isVisibleTo(dialog)
    assert dialog.table.item(0, 2).text() == "Đang giữ"  # the chairman holds it at once


def test_a_custodian_reveals_and_the_window_forgets(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    services: ServiceContext,
    officer: Actor,
    custodian: Actor,
    tasks: TaskRunner,
) -> None:
    letter = _denunciation(services, officer)
    app = AppContext(services, custodian, tasks, app_context.ui_state, "tiepdan.sqlite")
    dialog = RevealDialog(app, "letter", letter.id, "Đơn số 1/2026")
    qtbot.addWidget(dialog)
    dialog.reason.setText("xem")
    dialog.password.setText(PASSWORD)
    dialog.open_button.click()
    settle(qtbot, tasks)
    assert "lý do" in dialog.error.text() and not dialog.shown.isVisibleTo(dialog)
    dialog.reason.setText("Gửi thông báo thụ lý cho người tố cáo")
    dialog.password.setText(PASSWORD)
    dialog.open_button.click()
    settle(qtbot, tasks)
    text = dialog.shown.toPlainText()
    assert "TC-2026-0001: Hoàng Thị Bí Mật" in text and "079175004321" in text
    assert dialog.password.text() == ""
    dialog.accept()
    assert dialog.shown.toPlainText() == ""


def test_anyone_else_is_told_why_not(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    services: ServiceContext,
    officer: Actor,
    tasks: TaskRunner,
) -> None:
    letter = _denunciation(services, officer)
    dialog = RevealDialog(app_context, "letter", letter.id, "Đơn số 1/2026")
    qtbot.addWidget(dialog)
    dialog.reason.setText("Tò mò muốn biết ai đã tố cáo")
    dialog.password.setText(PASSWORD)
    dialog.open_button.click()
    settle(qtbot, tasks)
    assert "không giữ khóa két" in dialog.error.text()
    assert dialog.shown.toPlainText() == ""


def test_the_letter_register_offers_the_reveal_for_a_denunciation_only(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    services: ServiceContext,
    officer: Actor,
    tasks: TaskRunner,
) -> None:
    from tiepdan_desktop.ui.pages.catalogue import SCREENS
    from tiepdan_desktop.ui.pages.letters_page import LettersPage

    _denunciation(services, officer)
    page = LettersPage(app_context, next(s for s in SCREENS if s.key == "letters"))
    qtbot.addWidget(page)
    page.show()
    settle(qtbot, tasks)
    page.table.selectRow(0)
    settle(qtbot, tasks)
    assert page.selected_row() is not None
    assert page.reveal_button.isEnabled()
    assert "Hoàng" not in page.selected_row().filer  # type: ignore[union-attr]


def test_a_sealed_page_opens_for_a_custodian_through_the_vault(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    services: ServiceContext,
    officer: Actor,
    custodian: Actor,
    tasks: TaskRunner,
    tmp_path: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    from tiepdan_desktop.services import letter_processing
    from tiepdan_desktop.ui.dialogs import reveal_dialog

    letter = _denunciation(services, officer)
    scan = Path(str(tmp_path)) / "trang-viet-tay.pdf"
    scan.write_bytes(b"%PDF-1.4 trang viet tay")
    view = letter_processing.add_scan(services, officer, letter.id, scan)
    opened: list[Path] = []
    monkeypatch.setattr(reveal_dialog, "open_in_system_viewer", lambda p: opened.append(p) or True)
    app = AppContext(services, custodian, tasks, app_context.ui_state, "tiepdan.sqlite")
    dialog = reveal_dialog.OpenSealedFileDialog(app, view.attachment_id)
    _open_through_vault(qtbot, tasks, dialog, "Đối chiếu chữ ký trên đơn gốc")
    assert [p.name for p in opened] == ["trang-viet-tay.pdf"]
    assert opened[0].read_bytes() == b"%PDF-1.4 trang viet tay" and dialog.result() == 1


def test_the_custodian_addresses_the_notice_from_the_letters_files(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    services: ServiceContext,
    officer: Actor,
    custodian: Actor,
    tasks: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    from tiepdan_desktop.domain.enums import LetterOutcome
    from tiepdan_desktop.domain.letter_classification import CONDITIONS_BY_TYPE, Classification
    from tiepdan_desktop.domain.letter_records import OutcomeChoice
    from tiepdan_desktop.services import letter_processing
    from tiepdan_desktop.ui.dialogs import reveal_dialog
    from tiepdan_desktop.ui.widgets.letter_files_panel import LetterFilesPanel

    services.clock = lambda: dt.datetime(2026, 11, 25, 9, 0)
    letter = _denunciation(services, officer)
    kinds = frozenset(CONDITIONS_BY_TYPE[LetterType.DENUNCIATION])
    letters.classify_letter(
        services, officer, letter.id, Classification(LetterType.DENUNCIATION, kinds, True)
    )
    choice = OutcomeChoice(LetterOutcome.ACCEPTED, dt.date(2026, 11, 25))
    result = letter_processing.decide_outcome(services, custodian, letter.id, choice)
    notice = next(d for d in result.documents if d.form_code == "nd31-mau-05")
    panel = LetterFilesPanel()
    qtbot.addWidget(panel)
    asked: list[object] = []
    panel.addressed_copy.connect(asked.append)
    panel.show_files(result.detail.documents, ())
    panel.show_denouncer_copies(True)
    assert panel.addressed_button.isVisibleTo(panel)
    panel.documents.selectRow(result.detail.documents.index(notice))
    panel.addressed_button.click()
    assert asked == [notice.document_id]
    opened: list[Path] = []
    monkeypatch.setattr(reveal_dialog, "open_in_system_viewer", lambda p: opened.append(p) or True)
    app = AppContext(services, custodian, tasks, app_context.ui_state, "tiepdan.sqlite")
    dialog = reveal_dialog.AddressedCopyDialog(app, notice.document_id)
    _open_through_vault(qtbot, tasks, dialog, "Gửi thông báo thụ lý cho người tố cáo")
    assert [p.name for p in opened] == [
        f"nd31-mau-05-2026-{notice.number_label.split('/')[0].zfill(4)}-ban-gui.pdf"
    ]
