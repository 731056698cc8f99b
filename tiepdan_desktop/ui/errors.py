"""How a failed action is shown: expected errors as their own message,
anything else as a short apology with the details in the log file."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QWidget

from tiepdan_desktop.domain.errors import DomainError, PermissionDeniedError, ValidationError
from tiepdan_desktop.ui.messages import show_error, show_warning
from tiepdan_desktop.ui.widgets.form import ValidatedForm

log = logging.getLogger(__name__)


def explain(error: BaseException) -> str:
    """One paragraph an official can act on."""
    if isinstance(error, ValidationError):
        return "\n".join(error.fields.values()) or error.message
    if isinstance(error, DomainError):
        return error.message
    return (
        "Đã xảy ra lỗi không mong đợi. Thao tác chưa được thực hiện; dữ liệu đã lưu không bị "
        "ảnh hưởng. Chi tiết đã được ghi vào nhật ký của chương trình."
    )


def show_failure(
    parent: QWidget | None, error: BaseException, title: str = "Không thực hiện được"
) -> None:
    if isinstance(error, PermissionDeniedError):
        show_warning(parent, "Không có quyền", explain(error))
    elif isinstance(error, DomainError):
        show_warning(parent, title, explain(error))
    else:
        log.error("Unexpected error", exc_info=error)
        details = "".join(traceback.format_exception(error))
        show_error(parent, title, explain(error), details)


def show_form_failure(parent: QWidget, form: ValidatedForm, error: BaseException) -> None:
    """Input problems go under their fields (any no field takes, in a box);
    every other failure is shown as show_failure does."""
    if isinstance(error, ValidationError):
        leftover = form.show_errors(error.fields)
        if leftover:
            show_warning(parent, "Không thực hiện được", "\n".join(leftover))
    else:
        show_failure(parent, error)
