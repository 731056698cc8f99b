"""Window geometry, splitter and column layouts, kept in the data folder
(so tests and portable installs never touch the user's registry)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class UiState:
    def __init__(self, file: Path) -> None:
        self._settings = QSettings(str(file), QSettings.Format.IniFormat)

    def save_bytes(self, key: str, value: QByteArray) -> None:
        self._settings.setValue(key, value)

    def load_bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_text(self, key: str, value: str) -> None:
        self._settings.setValue(key, value)

    def load_text(self, key: str, default: str = "") -> str:
        value = self._settings.value(key, default)
        return value if isinstance(value, str) else default

    def sync(self) -> None:
        self._settings.sync()
