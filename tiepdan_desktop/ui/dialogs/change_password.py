"""Change one's own password (also forced after the admin set a temporary one)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tiepdan_desktop.domain.accounts import MIN_PASSWORD_LENGTH, new_password_problems
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.services import accounts
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.ui.errors import show_form_failure
from tiepdan_desktop.ui.tasks import TaskRunner
from tiepdan_desktop.ui.widgets.form import ValidatedForm, password_field


class ChangePasswordDialog(QDialog):
    def __init__(
        self,
        services: ServiceContext,
        actor: Actor,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        forced: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle("Đổi mật khẩu")
        self.setMinimumWidth(460)
        self._services, self._actor, self._tasks = services, actor, tasks
        column = QVBoxLayout(self)
        if forced:
            notice = QLabel(
                "Mật khẩu hiện tại do người quản trị đặt. Hãy đặt mật khẩu mới của riêng "
                "anh/chị trước khi làm việc."
            )
            notice.setWordWrap(True)
            column.addWidget(notice)
        self.form = ValidatedForm()
        self.current = password_field("currentPasswordEdit")
        self.new = password_field("newPasswordEdit")
        self.confirm = password_field("confirmPasswordEdit")
        self.form.add_field("current_password", "Mật khẩu hiện tại", self.current)
        self.form.add_field(
            "new_password", "Mật khẩu mới", self.new, f"Ít nhất {MIN_PASSWORD_LENGTH} ký tự."
        )
        self.form.add_field("confirm", "Nhập lại mật khẩu mới", self.confirm)
        column.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Đổi mật khẩu")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)

    def _submit(self) -> None:
        typed, again = self.new.text(), self.confirm.text()
        if problems := new_password_problems(typed, again, self._actor.username, "new_password"):
            self.form.show_errors(problems)
            return
        self.buttons.setEnabled(False)
        current, new = self.current.text(), self.new.text()
        self._tasks.write(
            lambda: accounts.change_own_password(self._services, self._actor, current, new),
            lambda _none: self.accept(),
            self._failed,
            changes={"users"},
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_form_failure(self, self.form, error)
