"""Accounts and unit details, edited through the settings tabs as an admin would."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import FAST_HASHER
from tests.ui.conftest import settle
from tests.ui.typing import replace_text, type_text
from tiepdan_desktop.domain.enums import LetterType, Role
from tiepdan_desktop.domain.text import name_sort_key
from tiepdan_desktop.services import accounts, letter_processing, setup
from tiepdan_desktop.services.letter_documents import NumberingSettings, number_label
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.area_dialog import AreaDialog
from tiepdan_desktop.ui.dialogs.reset_password import ResetPasswordDialog
from tiepdan_desktop.ui.dialogs.user_dialog import UserDialog
from tiepdan_desktop.ui.pages.catalogue import SCREENS
from tiepdan_desktop.ui.pages.letters_page import LettersPage
from tiepdan_desktop.ui.pages.settings.areas_tab import AreasTab
from tiepdan_desktop.ui.pages.settings.documents_tab import DocumentsTab
from tiepdan_desktop.ui.pages.settings.unit_tab import UnitTab
from tiepdan_desktop.ui.pages.settings.users_tab import UsersTab


def _users_tab(qtbot: QtBot, app: AppContext) -> UsersTab:
    app.services.password_hasher = FAST_HASHER
    tab = UsersTab(app)
    qtbot.addWidget(tab)
    settle(qtbot, app.tasks)
    return tab


def test_an_admin_adds_an_officer_and_the_list_shows_it(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> None:
    tab = _users_tab(qtbot, app_context)
    before = tab.model.rowCount()
    dialog = UserDialog(app_context, None, tab)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "Nguyễn Thị Ánh")
    type_text(dialog.username, "anh.nt")
    dialog.role.setCurrentIndex(list(Role).index(Role.OFFICER))
    type_text(dialog.password, "Tạm-thời-2026")
    type_text(dialog.confirm, "Tạm-thời-2026")
    dialog.buttons.accepted.emit()
    settle(qtbot, app_context.tasks)
    assert dialog.result() == 1 and dialog.saved is not None
    names = [tab.model.record(row).full_name for row in range(tab.model.rowCount())]
    assert len(names) == before + 1 and "Nguyễn Thị Ánh" in names
    assert (
        accounts.authenticate(app_context.services, "anh.nt", "Tạm-thời-2026").role is Role.OFFICER
    )


def test_mistakes_are_shown_under_the_fields_and_nothing_is_saved(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> None:
    tab = _users_tab(qtbot, app_context)
    dialog = UserDialog(app_context, None, tab)
    qtbot.addWidget(dialog)
    type_text(dialog.username, "nguyễn")
    type_text(dialog.password, "Mùa-thu-2026")
    type_text(dialog.confirm, "Mùa-hè-2026")
    dialog.buttons.accepted.emit()
    assert dialog.form.error_text("full_name") == "Hãy nhập họ và tên."
    assert dialog.form.error_text("username").startswith("Tên đăng nhập gồm")
    assert not app_context.tasks.busy and dialog.result() == 0


def test_a_taken_username_is_reported_by_the_service_next_to_the_field(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> None:
    tab = _users_tab(qtbot, app_context)
    dialog = UserDialog(app_context, None, tab)
    qtbot.addWidget(dialog)
    type_text(dialog.full_name, "Người Trùng Tên")
    type_text(dialog.username, "QUANTRI")
    type_text(dialog.password, "Mùa-thu-2026")
    type_text(dialog.confirm, "Mùa-thu-2026")
    dialog.buttons.accepted.emit()
    settle(qtbot, app_context.tasks)
    assert "đã có người dùng" in dialog.form.error_text("username")
    assert dialog.buttons.isEnabled()


def test_selecting_an_account_enables_edit_and_reset(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> None:
    tab = _users_tab(qtbot, app_context)
    assert not tab.edit_button.isEnabled()
    shown = [tab.proxy.index(row, 0).data() for row in range(tab.proxy.rowCount())]
    assert shown == sorted(shown, key=name_sort_key)  # Vietnamese order, given name first
    row = shown.index("Người dùng Cán bộ")
    tab.table.selectionModel().select(
        tab.proxy.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert tab.edit_button.isEnabled() and tab.reset_button.isEnabled()
    user = tab.selected_user()
    assert user is not None and user.username == "nguoidung-can_bo"
    reset = ResetPasswordDialog(app_context, user, tab)
    qtbot.addWidget(reset)
    type_text(reset.password, "Đặt-lại-2026")
    type_text(reset.confirm, "Đặt-lại-2026")
    reset.buttons.accepted.emit()
    settle(qtbot, app_context.tasks)
    assert accounts.authenticate(app_context.services, "nguoidung-can_bo", "Đặt-lại-2026")
    records = [tab.model.record(r) for r in range(tab.model.rowCount())]
    refreshed = next(record for record in records if record.username == "nguoidung-can_bo")
    assert refreshed.must_change_password  # the list refreshed itself


def test_unit_details_are_saved_from_the_form(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    shown_messages: list[tuple[str, str]],
) -> None:
    tab = UnitTab(app_context)
    qtbot.addWidget(tab)
    settle(qtbot, app_context.tasks)
    assert tab.chairman.text() == "Nguyễn Văn Thành"
    replace_text(tab.chairman, "Lê Thị Hồng Nhung")
    tab.remote.setChecked(True)
    tab.save_button.click()
    settle(qtbot, app_context.tasks)
    unit = setup.get_unit(app_context.services)
    assert unit is not None and unit.chairman_name == "Lê Thị Hồng Nhung" and unit.remote_area
    assert shown_messages == [("Đã lưu", "Đã lưu thông tin đơn vị.")]
    replace_text(tab.name, " ")
    tab.save_button.click()
    settle(qtbot, app_context.tasks)
    assert tab.form.error_text("name") == "Hãy nhập tên đơn vị."


def test_document_numbering_is_set_and_used_by_the_next_document(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> None:
    tab = DocumentsTab(app_context)
    qtbot.addWidget(tab)
    tab.show()
    settle(qtbot, app_context.tasks)
    assert tab.pattern.text() == "{so}/{ky_hieu}" and tab.example.text() == "Ví dụ: 15/TB-UBND"
    replace_text(tab.pattern, "{ky_hieu}")  # no number: refused under the field
    assert tab.example.text() == "Ví dụ: (mẫu chưa đúng)"
    tab.save_button.click()
    assert "{so}" in tab.form.error_text("pattern")
    replace_text(tab.pattern, "{so}/{ky_hieu}-TCD")
    row = tab._codes.index("nd124-mau-03")
    tab.table.item(row, 3).setText("TB-KN")
    tab.per_symbol.setChecked(False)
    tab.save_button.click()
    settle(qtbot, app_context.tasks)
    stored = letter_processing.get_numbering(app_context.services, app_context.actor)
    assert stored == NumberingSettings("{so}/{ky_hieu}-TCD", False, {"nd124-mau-03": "TB-KN"}, "")
    assert number_label(stored, 3, stored.symbols["nd124-mau-03"]) == "03/TB-KN-TCD"


def test_the_office_adds_and_retires_a_subject_area(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    letters_page = LettersPage(app_context, next(s for s in SCREENS if s.key == "letters"))
    qtbot.addWidget(letters_page)
    tab = AreasTab(app_context)
    qtbot.addWidget(tab)
    settle(qtbot, app_context.tasks)
    dialogs: list[AreaDialog] = []

    def fill_and_save(dialog: AreaDialog) -> int:
        dialogs.append(dialog)
        if dialog._is_new:
            type_text(dialog.code, "HC.XD")
            type_text(dialog.name, "Trật tự xây dựng")
            dialog.parent_area.setCurrentIndex(dialog.parent_area.findData("HC"))
            for letter_type, check in dialog.types.items():
                check.setChecked(letter_type is LetterType.PETITION)
        else:
            dialog.active.setChecked(False)
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=5000)
        return int(dialog.result())

    monkeypatch.setattr(AreaDialog, "exec", fill_and_save)
    tab.add_button.click()
    settle(qtbot, app_context.tasks)
    added = tab.tree.findItems("Trật tự xây dựng", Qt.MatchFlag.MatchRecursive)
    assert added and added[0].parent().text(1) == "HC"
    assert added[0].text(2) == "Kiến nghị, phản ánh"
    assert "HC.XD" in {a.code for a in letters_page._areas}  # the letter forms offer it
    tab.tree.setCurrentItem(added[0])
    assert tab.edit_button.isEnabled()
    tab.edit_button.click()
    settle(qtbot, app_context.tasks)
    assert dialogs[1].code.isReadOnly()
    retired = tab.tree.findItems("Trật tự xây dựng", Qt.MatchFlag.MatchRecursive)[0]
    assert retired.text(2).startswith("(ngừng dùng)")


def test_a_read_only_user_cannot_change_the_catalogue(
    gui: QApplication, qtbot: QtBot, app_context: AppContext
) -> None:
    app_context.actor = replace(app_context.actor, role=Role.READ_ONLY)
    tab = AreasTab(app_context)
    qtbot.addWidget(tab)
    settle(qtbot, app_context.tasks)
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    assert not tab.add_button.isEnabled() and not tab.edit_button.isEnabled()
