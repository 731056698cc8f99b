"""Choosing a backup in a folder of one's own (a USB drive): the folder is
picked, the copy checked in the background (integrity, checksums), and only a
usable one handed on; an unusable one is explained."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from tiepdan_desktop.services import backups
from tiepdan_desktop.services.backups import BackupInfo
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.tasks import TaskRunner


def choose_backup_folder(
    parent: QWidget, tasks: TaskRunner, usable: Callable[[BackupInfo], None]
) -> None:
    name = QFileDialog.getExistingDirectory(parent, "Thư mục bản sao lưu (ổ USB …)")
    if not name:
        return

    def checked(info: BackupInfo) -> None:
        if info.ok:
            usable(info)
            return
        show_failure(
            parent,
            backups.UnusableBackupError("; ".join(info.problems)),
            "Không dùng được bản sao lưu này",
        )

    # Checking reads the whole copy (checksums): in the background.
    tasks.read(
        lambda: backups.verify_backup(Path(name)),
        checked,
        lambda error: show_failure(parent, error, "Không đọc được bản sao lưu"),
        owner=parent,
    )
