"""The audit trail as a hash chain: each entry carries the SHA-256 of its own
fields and of the entry before it, so an entry edited, removed or slipped in
afterwards breaks every hash from there on, and the check names the first one.

(Anyone who can write the file could recompute the whole chain; the chain
shows tampering by someone who edits rows by hand, which is what an office PC
with a shared SQLite file is exposed to.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Final

# The "previous hash" of the first entry.
GENESIS: Final = "0" * 64

# The fields an entry's hash covers, in this order.
HASHED_FIELDS: Final = (
    "at",
    "user_id",
    "username",
    "action",
    "entity",
    "entity_id",
    "operation",
    "changes_json",
    "reason",
)


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


def entry_hash(previous: str, entry: Mapping[str, object]) -> str:
    """The hash of an entry, given the hash of the entry before it."""
    fields = [_plain(entry.get(name)) for name in HASHED_FIELDS]
    text = json.dumps([previous, fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
