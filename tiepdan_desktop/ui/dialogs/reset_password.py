"""An administrator sets a temporary password for someone who forgot theirs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tiepdan_desktop.domain.accounts import MIN_PASSWORD_LENGTH, new_password_problems
from tiepdan_desktop.domain.records import UserInfo
from tiepdan_desktop.services import accounts
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_form_failure
from tiepdan_desktop.ui.widgets.form import ValidatedForm, password_field


class ResetPasswordDialog(QDialog):
    def __init__(self, app: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle("Đặt lại mật khẩu")
        self.setMinimumWidth(480)
        self._app, self._user = app, user
        column = QVBoxLayout(self)
        intro = QLabel(
            f"Đặt mật khẩu tạm cho {user.full_name} ({user.username}). "
            "Người dùng phải đổi mật khẩu này ở lần đăng nhập tiếp theo."
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.form = ValidatedForm()
        self.password = password_field("newPasswordEdit")
        self.confirm = password_field("confirmPasswordEdit")
        self.form.add_field(
            "password", "Mật khẩu tạm", self.password, f"Ít nhất {MIN_PASSWORD_LENGTH} ký tự."
        )
        self.form.add_field("confirm", "Nhập lại", self.confirm)
        column.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Đặt lại")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)

    def _submit(self) -> None:
        typed, again = self.password.text(), self.confirm.text()
        if problems := new_password_problems(typed, again, self._user.username):
            self.form.show_errors(problems)
            return
        self.buttons.setEnabled(False)
        services, actor, user_id, password = (
            self._app.services,
            self._app.actor,
            self._user.id,
            self.password.text(),
        )
        self._app.tasks.write(
            lambda: accounts.reset_password(services, actor, user_id, password),
            lambda _none: self.accept(),
            self._failed,
            changes={"users"},
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_form_failure(self, self.form, error)
