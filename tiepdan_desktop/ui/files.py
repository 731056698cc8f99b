"""Reading and writing the files an official picks, with messages they can act on."""

from __future__ import annotations

from pathlib import Path

from tiepdan_desktop.domain.errors import DomainError


def read_chosen_file(path: Path, limit: int) -> bytes:
    """The file's bytes; a file larger than `limit` is not read at all."""
    try:
        if path.stat().st_size > limit:
            raise DomainError(f"Tệp {path.name} quá lớn (tối đa {limit // 1_000_000} MB).")
        return path.read_bytes()
    except OSError as error:
        raise DomainError(f"Không đọc được tệp {path.name}: {error.strerror or error}.") from error


def write_chosen_file(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise DomainError(f"Không ghi được tệp {path.name}: {error.strerror or error}.") from error
    return path


def open_in_system_viewer(path: Path) -> bool:
    """Open a stored file with the program the PC uses for it (Word, a PDF reader,
    the picture viewer); False when the system has none."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
