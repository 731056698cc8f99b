"""Programs some tests drive (poppler, LibreOffice).  The test command installs
them and sets TIEPDAN_REQUIRE_TOOLS=1, so in CI a missing one fails the test;
elsewhere the test is skipped with the reason."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tools(*names: str) -> None:
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)} (installed by installer/dev.sh test)"
    if os.environ.get("TIEPDAN_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)
