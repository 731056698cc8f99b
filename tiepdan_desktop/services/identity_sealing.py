"""Sealing denouncers as they are written: support for the reception and letter
services, the demo data and the vault's own sealing of older entries.

A protected record (a denunciation, or a letter that may hold one) never stores
its filer's name, address, ID number or phone: the person row holds a pseudonym
(«Người tố cáo TC-2026-0012»), the identity goes sealed into `sealed_person`, and
the record's own texts lose the identity before they are first written.  The
plaintext exists only in the form being saved.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import (
    IdentityVault,
    LetterPerson,
    Person,
    SealedPerson,
    VisitPerson,
)
from tiepdan_desktop.domain import identity_vault as crypto
from tiepdan_desktop.domain.confidentiality import redact_identity
from tiepdan_desktop.domain.identity_vault import SealedIdentity
from tiepdan_desktop.domain.text import search_key


@dataclass(frozen=True)
class VaultWriter:
    """What sealing needs (no secret that opens anything): the vault public key
    and the blind-index key."""

    public_key: bytes
    index_key: bytes


def vault_writer(session: Session) -> VaultWriter | None:
    """The unit's vault, or None before it is created (an upgraded register)."""
    vault = session.scalar(select(IdentityVault).limit(1))
    return None if vault is None else VaultWriter(vault.public_key, vault.index_key)


def code_label(code: str) -> bytes:
    """Binds a sealed identity to its row: a blob copied onto another fails to open."""
    return f"sealed_person:{code}".encode()


@dataclass
class CodeCounter:
    """Pseudonym numbers per year, read once per transaction."""

    session: Session
    _last: dict[int, int] = field(default_factory=dict)

    def next(self, year: int) -> str:
        if year not in self._last:
            prefix = f"TC-{year}-"
            codes = self.session.scalars(
                select(SealedPerson.code).where(SealedPerson.code.startswith(prefix))
            )
            self._last[year] = max((int(c.removeprefix(prefix)) for c in codes), default=0)
        self._last[year] += 1
        return crypto.pseudonym_code(year, self._last[year])


def sealed_values(
    writer: VaultWriter, code: str, identity: SealedIdentity
) -> dict[str, str | bytes | int | None]:
    """The `sealed_person` columns of an identity (person_id left to the caller)."""
    tags, longest = crypto.identity_tags(writer.index_key, identity)
    name = search_key(identity.full_name)
    address = search_key(identity.address) if identity.address else None
    return {
        "code": code,
        "sealed": crypto.seal(writer.public_key, identity.to_bytes(), code_label(code)),
        "blind_id": crypto.blind_id(writer.index_key, identity.id_number),
        "blind_name_year": (
            crypto.blind_name(writer.index_key, f"{name} {identity.birth_year}")
            if identity.birth_year is not None
            else None
        ),
        "blind_name_address": (
            crypto.blind_name(writer.index_key, f"{name} | {address}") if address else None
        ),
        "tags_json": json.dumps(tags),
        "longest": longest,
    }


def new_sealed_person(
    session: Session,
    writer: VaultWriter,
    counter: CodeCounter,
    unit_id: uuid.UUID,
    identity: SealedIdentity,
    year: int,
) -> Person:
    """A person row that shows only a pseudonym, with the identity sealed."""
    code = counter.next(year)
    row = Person(unit_id=unit_id, full_name=crypto.pseudonym(code))
    session.add(row)
    session.flush()
    session.add(SealedPerson(person_id=row.id, **sealed_values(writer, code, identity)))
    return row


def is_sealed(session: Session, person_id: uuid.UUID) -> bool:
    return session.get(SealedPerson, person_id) is not None


@dataclass
class TextCleaner:
    """Takes a protected record's people out of its free texts: by their words
    when the form holds them, by their keyed tags when only the seal does."""

    index_key: bytes
    fragments: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    longest: int = 1

    def add_identity(self, identity: SealedIdentity) -> None:
        self.fragments += identity.fragments()

    def add_sealed(self, sealed: SealedPerson) -> None:
        self.tags |= set(json.loads(sealed.tags_json))
        self.longest = max(self.longest, sealed.longest)

    def clean(self, text: str | None) -> str | None:
        if not text:
            return text
        if self.fragments:
            text = redact_identity(text, self.fragments)
        if self.tags:
            text = crypto.redact_tagged(text, self.index_key, self.tags, self.longest)
        return text


def cleaner_for(
    session: Session, person_ids: Iterable[uuid.UUID], unsealed_too: bool = False
) -> TextCleaner | None:
    """A cleaner for texts about these people, from their seals (and, with
    `unsealed_too`, the words of those about to be sealed); None when there is
    nothing to clean by (or no vault)."""
    ids = list(person_ids)
    writer = vault_writer(session) if ids else None
    if writer is None:
        return None
    cleaner = TextCleaner(writer.index_key)
    sealed_ids = set()
    for sealed in session.scalars(select(SealedPerson).where(SealedPerson.person_id.in_(ids))):
        cleaner.add_sealed(sealed)
        sealed_ids.add(sealed.person_id)
    if unsealed_too:
        for person_id in set(ids) - sealed_ids:
            if (person := session.get(Person, person_id)) is not None:
                cleaner.add_identity(identity_of(person))
    return cleaner if cleaner.tags or cleaner.fragments else None


def identity_of(person: Person) -> SealedIdentity:
    """An unsealed person's identity, to seal it."""
    return SealedIdentity(
        full_name=person.full_name,
        birth_year=person.birth_year,
        id_number=person.id_number,
        address=person.address,
        phone=person.phone,
    )


_PSEUDONYM = re.compile(r"^Người tố cáo TC-\d{4}-\d{4,}$")


def looks_like_pseudonym(name: str) -> bool:
    return bool(_PSEUDONYM.match(name.strip()))


# --- the form being saved ------------------------------------------------------------


@dataclass
class Sealing:
    """Sealing the people of one protected record as the form saves it."""

    writer: VaultWriter
    counter: CodeCounter
    year: int
    cleaner: TextCleaner


def start_sealing(session: Session, writer: VaultWriter, year: int) -> Sealing:
    return Sealing(writer, CodeCounter(session), year, TextCleaner(writer.index_key))


def kept_seal(
    session: Session, person_id: uuid.UUID | None, typed_name: str
) -> SealedPerson | None:
    """The sealed person a form kept as it was shown (its pseudonym unchanged)."""
    if person_id is None:
        return None
    sealed = session.get(SealedPerson, person_id)
    if sealed is None or " ".join(typed_name.split()) != crypto.pseudonym(sealed.code):
        return None
    return sealed


def drop_orphans(session: Session, person_ids: Iterable[uuid.UUID]) -> None:
    """Delete people no record links to any more: a denouncer's plaintext row
    replaced by a sealed one must not stay behind (secure_delete zeroes it)."""
    session.flush()
    for person_id in set(person_ids):
        linked = session.scalar(
            select(VisitPerson.person_id).where(VisitPerson.person_id == person_id).limit(1)
        ) or session.scalar(
            select(LetterPerson.person_id).where(LetterPerson.person_id == person_id).limit(1)
        )
        if linked is None and (row := session.get(Person, person_id)) is not None:
            session.delete(row)
    session.flush()


# --- records written before they were protected -----------------------------------------

LETTER_TEXTS = ("content", "requests", "authorisation_doc")
VISIT_TEXTS = ("content", "prior_handling", "forwarded_to", "result_followup", "notes")


def seal_stored(
    session: Session,
    writer: VaultWriter,
    counter: CodeCounter,
    record: object,
    links: Sequence[LetterPerson | VisitPerson],
    year: int,
    texts: tuple[str, ...],
) -> bool:
    """Seal the people of a record that became protected (or was written before the
    vault): each unsealed person gets a sealed copy linked in its place, its old
    row goes when nothing else links to it, and the record's texts lose the
    identity.  `links` are its VisitPerson or LetterPerson rows.  True when
    anything changed."""
    cleaner = TextCleaner(writer.index_key)
    replaced: list[uuid.UUID] = []
    for link in links:
        person_id = link.person_id
        sealed = session.get(SealedPerson, person_id)
        if sealed is not None:
            cleaner.add_sealed(sealed)
            continue
        person = session.get(Person, person_id)
        assert person is not None  # the link's foreign key
        identity = identity_of(person)
        cleaner.add_identity(identity)
        copy = new_sealed_person(session, writer, counter, person.unit_id, identity, year)
        copy.gender, copy.id_type = person.gender, person.id_type if identity.id_number else None
        _relink(session, link, copy.id)
        replaced.append(person_id)
    for name in texts:
        value = getattr(record, name)
        cleaned = cleaner.clean(value)
        if cleaned != value:
            setattr(record, name, cleaned)
    if replaced:
        drop_orphans(session, replaced)
    return bool(replaced)


def _relink(session: Session, link: LetterPerson | VisitPerson, person_id: uuid.UUID) -> None:
    """Point a link at another person.  The person is part of the link's primary
    key, so the row's key is updated in place (the ORM allows that)."""
    link.person_id = person_id
    session.flush()
