"""Errors a service raises for the UI and the command line to show as they are.

Every message is Vietnamese and written for an official, not a programmer.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping


class DomainError(Exception):
    """An expected failure with a message fit to show to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Input that cannot be accepted; `fields` maps a field name to its problem."""

    def __init__(self, fields: Mapping[str, str], message: str | None = None) -> None:
        self.fields = dict(fields)
        super().__init__(message or "; ".join(self.fields.values()))


class PermissionDeniedError(DomainError):
    pass


class NotFoundError(DomainError):
    pass


class AuthenticationError(DomainError):
    pass


class ConflictError(DomainError):
    """The action clashes with the current state (already set up, duplicate name …)."""


class StorageError(DomainError):
    """The database could not be read or written (locked by another program, disk full …)."""


class CancelledError(DomainError):
    """The official stopped a long task (an export, a print); nothing was kept."""

    def __init__(self, message: str = "Đã hủy theo yêu cầu; không có tệp nào được ghi.") -> None:
        super().__init__(message)


class SealedFileError(PermissionDeniedError):
    """A file kept encrypted in the identity vault: a custodian opens it (with a reason)."""

    def __init__(self, message: str, attachment_id: uuid.UUID) -> None:
        super().__init__(message)
        self.attachment_id = attachment_id
