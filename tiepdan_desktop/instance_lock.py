"""One program per data folder: a lock the operating system holds for the
running process (and drops if it dies), so a second window — or a restore from
the command line — cannot work on the database the first one has open."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

LOCK_FILE = "tiepdan.lock"


class InstanceLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._stream: IO[bytes] | None = None

    def acquire(self) -> bool:
        """True when this process now holds the folder; False when another does."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stream = self.path.open("a+b")
        try:
            if sys.platform == "win32":
                import msvcrt

                stream.seek(0)
                msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            stream.close()
            return False
        stream.truncate(0)
        stream.write(str(os.getpid()).encode())
        stream.flush()
        self._stream = stream
        return True

    def release(self) -> None:
        if self._stream is not None:
            self._stream.close()  # closing the file drops the lock
            self._stream = None
