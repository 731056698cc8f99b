"""For developers: write the next migration from the models.

    python -m tiepdan_desktop.db.revision "add visit appointment slip"

A temporary database is brought to the current head, Alembic compares it with
the models and writes versions/NNNN_<message>.py.  Read the result before
committing: autogenerate misses renames and data changes, and migrations must
use plain SQL types (see 0001), never the application's own column classes.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from tiepdan_desktop.db.engine import make_engine, sqlite_url
from tiepdan_desktop.db.migrate import alembic_config


def write_revision(message: str) -> Path:
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    number = f"{int(head or '0') + 1:04d}"
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(sqlite_url(Path(folder) / "head.sqlite"))
        try:
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                command.revision(config, message=message, autogenerate=True, rev_id=number)
        finally:
            engine.dispose()
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")
    return Path(script.versions) / f"{number}_{slug}.py"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit('usage: python -m tiepdan_desktop.db.revision "what changes"')
    print(write_revision(sys.argv[1]))
