"""Màn hình đã khóa: the program waited too long without use; the signed-in
official types the password again, or signs out for someone else."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tiepdan_desktop.domain.errors import DomainError
from tiepdan_desktop.services import accounts
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.widgets.buttons import action_button


class LockDialog(QDialog):
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, app: AppContext, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowTitle(self.tr("Màn hình đã khóa"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self._app = app
        heading = QLabel(
            self.tr(
                "Chương trình đã tự khóa sau {0} phút không dùng, để người khác không xem được "
                "sổ sách.\n\nTài khoản: {1} ({2})"
            ).format(minutes, app.actor.full_name, app.actor.username)
        )
        heading.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setAccessibleName(self.tr("Mật khẩu"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Mật khẩu"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.unlock_button = action_button("primaryButton", self.tr("Mở khóa"), self.try_unlock)
        self.unlock_button.setDefault(True)
        logout = action_button("lockLogoutButton", self.tr("Đăng xuất"), self._logout)
        buttons = QHBoxLayout()
        buttons.addWidget(logout)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(self.password)
        column.addWidget(self.error)
        column.addLayout(buttons)
        self.password.returnPressed.connect(self.try_unlock)
        self.resize(440, 220)

    def reject(self) -> None:
        """Escape does not unlock."""

    def try_unlock(self) -> None:
        services, actor, password = self._app.services, self._app.actor, self.password.text()
        self.unlock_button.setEnabled(False)
        # Checking a password takes a moment (argon2) and counts a wrong one: a write.
        self._app.tasks.write(
            lambda: accounts.unlock_screen(services, actor, password),
            lambda _none: self._opened(),
            self._refused,
            owner=self,
        )

    def _opened(self) -> None:
        self.unlocked.emit()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        if isinstance(error, DomainError):
            self.error.setText(error.message)
        else:
            show_failure(self, error, self.tr("Không mở khóa được"))

    def _logout(self) -> None:
        self.logout_requested.emit()
        self.done(QDialog.DialogCode.Rejected)
