"""A register form (a visit, a letter): many fields, so its input problems come
back under the fields of several sub-forms, and what was typed is never dropped
by Esc or the close button without the official saying so."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent

from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.ui.dialogs.service_dialog import ServiceFormDialog
from tiepdan_desktop.ui.messages import confirm


class RegisterFormDialog(ServiceFormDialog):
    discard_title = "Bỏ phần đang nhập?"

    def has_changes(self) -> bool:
        raise NotImplementedError

    def show_problems(self, problems: dict[str, str]) -> None:
        raise NotImplementedError

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.saving = False
            self.buttons.setEnabled(True)
            self.show_problems(dict(error.fields))
            return
        super()._failed(error)

    def _may_leave(self) -> bool:
        return not self.has_changes() or confirm(
            self,
            self.discard_title,
            self.tr("Các thông tin vừa nhập chưa được lưu. Bỏ đi và đóng?"),
            self.tr("Bỏ, không lưu"),
        )

    def reject(self) -> None:
        if not self.saving and self._may_leave():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.saving or not self._may_leave():
            event.ignore()
        else:
            event.accept()
