"""Reading the identity vault's public side: which people are sealed, and the
keyed tags that clean free texts of them (domain/identity_vault.py)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Hashable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import IdentityVault, SealedPerson
from tiepdan_desktop.domain.identity_vault import TextCleaner


def index_key(session: Session) -> bytes | None:
    return session.scalar(select(IdentityVault.index_key).limit(1))


def tag_cleaners[K: Hashable](
    session: Session, people: Mapping[K, Sequence[uuid.UUID]]
) -> dict[K, TextCleaner]:
    """For each group of people, a cleaner of the sealed ones (groups with none
    sealed, or no vault, are left out).  One query for all groups."""
    wanted = {person for ids in people.values() for person in ids}
    key = index_key(session) if wanted else None
    if key is None:
        return {}
    tags = {
        row.person_id: (json.loads(row.tags_json), row.longest)
        for row in session.execute(
            select(SealedPerson.person_id, SealedPerson.tags_json, SealedPerson.longest).where(
                SealedPerson.person_id.in_(list(wanted))
            )
        )
    }
    cleaners: dict[K, TextCleaner] = {}
    for group, ids in people.items():
        for person in ids:
            if person in tags:
                cleaners.setdefault(group, TextCleaner(key)).add_tags(*tags[person])
    return cleaners
