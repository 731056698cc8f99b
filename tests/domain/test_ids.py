from __future__ import annotations

import time
import uuid

from tiepdan_desktop.domain.ids import new_id, uuid7_at


def test_ids_are_version_7_and_unique() -> None:
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    assert {i.version for i in ids} == {7}


def test_ids_sort_by_creation_time_as_stored_hex() -> None:
    earlier = uuid7_at(1_700_000_000_000, (1 << 74) - 1)
    later = uuid7_at(1_700_000_000_001, 0)
    assert earlier.hex < later.hex


def test_timestamp_is_recoverable() -> None:
    now_ms = time.time_ns() // 1_000_000
    assert abs((new_id().int >> 80) - now_ms) < 5_000


def test_the_quick_construction_is_a_plain_uuid() -> None:
    for unix_ms, bits in ((0, 0), (1_700_000_000_000, (1 << 74) - 1), (2**48 - 1, 12345)):
        made = uuid7_at(unix_ms, bits)
        plain = uuid.UUID(int=made.int)
        assert made == plain and hash(made) == hash(plain) and str(made) == str(plain)
        assert made.version == 7 and made.variant == uuid.RFC_4122
        assert made.is_safe is plain.is_safe
