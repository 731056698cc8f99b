"""Reference data every new database starts with."""

from __future__ import annotations

from sqlalchemy import Connection, insert

from tiepdan_desktop.db.models import SubjectAreaRow
from tiepdan_desktop.domain.areas import DEFAULT_SUBJECT_AREAS


def seed_subject_areas(connection: Connection) -> None:
    rows = [
        {
            "code": area.code,
            "name": area.name,
            "parent_code": area.parent_code,
            "applies_to": ",".join(sorted(area.applies_to)),
            "sort_order": position,
            "active": True,
        }
        for position, area in enumerate(DEFAULT_SUBJECT_AREAS)
    ]
    connection.execute(insert(SubjectAreaRow), rows)


def seed_reference_data(connection: Connection) -> None:
    seed_subject_areas(connection)
