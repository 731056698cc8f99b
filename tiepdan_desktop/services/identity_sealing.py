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
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.audit import HIDE_OLD_TEXTS
from tiepdan_desktop.db.models import (
    IdentityVault,
    Letter,
    LetterPerson,
    Person,
    SealedPerson,
    VisitPerson,
)
from tiepdan_desktop.db.repositories.letters import BlindKeys, people_of
from tiepdan_desktop.db.repositories.sealed_people import tag_cleaners
from tiepdan_desktop.domain import identity_vault as crypto
from tiepdan_desktop.domain.confidentiality import identity_is_protected
from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.identity_vault import SealedIdentity, TextCleaner
from tiepdan_desktop.domain.reception import protected_visitor_label
from tiepdan_desktop.domain.text import search_key
from tiepdan_desktop.domain.visit_records import PersonInput


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


def seal_label(seal_id: uuid.UUID) -> bytes:
    """Binds a sealed identity to its seal: a blob copied onto another fails to open."""
    return f"sealed_person:{seal_id}".encode()


@dataclass
class RecordCodes:
    """The pseudonyms of a protected record's people: the code the register has
    always shown for it («Người tố cáo TC-2026-0012», from its type and number),
    then «.2», «.3» for the further people of a group."""

    letter_type: LetterType
    year: int
    number: int
    used: int = 0

    def keep(self, code: str) -> None:
        """A person kept under `code`: later ones are numbered after it."""
        suffix = code.rpartition(".")[2] if "." in code else "1"
        self.used = max(self.used, int(suffix) if suffix.isdigit() else 1)

    def next(self) -> tuple[str, str]:
        """(code, the name shown) of the next person sealed for the record."""
        self.used += 1
        label = protected_visitor_label(self.letter_type, self.year, self.number)
        if self.used > 1:
            label += f".{self.used}"
        return label.rsplit(" ", 1)[1], label


def _blind_values(index_key: bytes, identity: SealedIdentity) -> dict[str, str | None]:
    name = search_key(identity.full_name)
    address = search_key(identity.address) if identity.address else None
    with_year = None if identity.birth_year is None else f"{name} {identity.birth_year}"
    return {
        "blind_id": crypto.blind_id(index_key, identity.id_number),
        "blind_name_year": crypto.blind_name(index_key, with_year) if with_year else None,
        "blind_name_address": (
            crypto.blind_name(index_key, f"{name} | {address}") if address else None
        ),
    }


def sealed_values(
    writer: VaultWriter, seal_id: uuid.UUID, code: str, identity: SealedIdentity
) -> dict[str, str | bytes | int | uuid.UUID | None]:
    """The `sealed_person` columns of an identity (but its person_id)."""
    tags, longest = crypto.identity_tags(writer.index_key, identity)
    return {
        "code": code,
        "seal_id": seal_id,
        "sealed": crypto.seal(writer.public_key, identity.to_bytes(), seal_label(seal_id)),
        **_blind_values(writer.index_key, identity),
        "tags_json": json.dumps(tags),
        "longest": longest,
    }


def _blind_keys(rows: Iterable[tuple[str | None, str | None, str | None]]) -> BlindKeys:
    ids: set[str] = set()
    names: set[str] = set()
    for blind_id, name_year, name_address in rows:
        ids.update(value for value in (blind_id,) if value)
        names.update(value for value in (name_year, name_address) if value)
    return BlindKeys(frozenset(ids), frozenset(names))


def blind_keys_of(writer: VaultWriter, identities: Iterable[SealedIdentity]) -> BlindKeys:
    """The blind index values a duplicate search looks for, from typed people."""
    values = [_blind_values(writer.index_key, identity) for identity in identities]
    return _blind_keys(
        (v["blind_id"], v["blind_name_year"], v["blind_name_address"]) for v in values
    )


def blind_keys_stored(session: Session, person_ids: Iterable[uuid.UUID]) -> BlindKeys:
    """The same for people already sealed: read from their seals, no plaintext."""
    ids = list(person_ids)
    rows = session.execute(
        select(
            SealedPerson.blind_id, SealedPerson.blind_name_year, SealedPerson.blind_name_address
        ).where(SealedPerson.person_id.in_(ids))
    )
    return _blind_keys((row[0], row[1], row[2]) for row in rows)


def new_sealed_person(
    session: Session,
    writer: VaultWriter,
    codes: RecordCodes,
    unit_id: uuid.UUID,
    identity: SealedIdentity,
) -> Person:
    """A person row that shows only a pseudonym, with the identity sealed."""
    code, shown = codes.next()
    row = Person(unit_id=unit_id, full_name=shown)
    session.add(row)
    session.flush()
    session.add(SealedPerson(person_id=row.id, **sealed_values(writer, row.id, code, identity)))
    return row


def is_sealed(session: Session, person_id: uuid.UUID) -> bool:
    return session.get(SealedPerson, person_id) is not None


def sealed_copy(session: Session, person: Person, codes: RecordCodes) -> Person | None:
    """For a new record of a sealed person (a letter from a visit): a row of its
    own under the record's pseudonym, with the same sealed identity.  None when
    the person is not sealed."""
    sealed = session.get(SealedPerson, person.id)
    if sealed is None:
        return None
    code, shown = codes.next()
    row = Person(unit_id=person.unit_id, full_name=shown, gender=person.gender)
    row.id_type = person.id_type
    session.add(row)
    session.flush()
    copied = {
        column: getattr(sealed, column)
        for column in ("seal_id", "sealed", "blind_id", "blind_name_year", "blind_name_address")
    }
    session.add(
        SealedPerson(
            person_id=row.id,
            code=code,
            tags_json=sealed.tags_json,
            longest=sealed.longest,
            **copied,
        )
    )
    return row


def cleaner_for(
    session: Session, person_ids: Iterable[uuid.UUID], unsealed_too: bool = False
) -> TextCleaner | None:
    """A cleaner for texts about these people, from their seals (and, with
    `unsealed_too`, the words of those about to be sealed); None when there is
    nothing to clean by (or no vault)."""
    ids = list(person_ids)
    cleaner = tag_cleaners(session, {None: ids}).get(None)
    if not unsealed_too:
        return cleaner
    writer = vault_writer(session) if ids else None
    if writer is None:
        return None
    cleaner = cleaner or TextCleaner(writer.index_key)
    sealed = set(
        session.scalars(select(SealedPerson.person_id).where(SealedPerson.person_id.in_(ids)))
    )
    for person_id in set(ids) - sealed:
        if (person := session.get(Person, person_id)) is not None:
            cleaner.add_identity(stored_identity(person))
    return cleaner if cleaner.tags or cleaner.fragments else None


def cleaned_for_letter(session: Session, letter: Letter, text: str | None) -> str | None:
    """A text written later on a letter whose filers are sealed (a note, a reply),
    without their identity; other letters' texts as they are."""
    if not text or not identity_is_protected(letter.letter_type):
        return text or None
    people = [person.id for _role, person in people_of(session, [letter.id]).get(letter.id, [])]
    cleaner = cleaner_for(session, people)
    return (cleaner.clean(text) if cleaner is not None else text) or None


def stored_identity(person: Person) -> SealedIdentity:
    """An unsealed person's identity, to seal it."""
    return SealedIdentity(
        full_name=person.full_name,
        birth_year=person.birth_year,
        id_number=person.id_number,
        address=person.address,
        phone=person.phone,
    )


# --- the form being saved ------------------------------------------------------------


@dataclass
class Sealing:
    """Sealing the people of one protected record as the form saves it."""

    writer: VaultWriter
    codes: RecordCodes
    cleaner: TextCleaner


def start_sealing(session: Session, writer: VaultWriter, codes: RecordCodes) -> Sealing:
    session.info[HIDE_OLD_TEXTS] = True  # texts rewritten here may have named them
    return Sealing(writer, codes, TextCleaner(writer.index_key))


def unchanged(text: str | None) -> str | None:
    """The texts of an open record are written as typed."""
    return text


def kept_seal(session: Session, person: PersonInput) -> SealedPerson | None:
    """The sealed person a form kept as it was shown: its pseudonym unchanged and
    nothing typed beside it.  A real name typed over the pseudonym is a new person
    (None); details typed beside the pseudonym are refused, as they could be
    neither sealed with the identity nor kept in clear."""
    if person.person_id is None:
        return None
    sealed = session.get(SealedPerson, person.person_id)
    row = session.get(Person, person.person_id)
    if sealed is None or row is None or " ".join(person.full_name.split()) != row.full_name:
        return None
    typed = (person.id_number, person.address, person.phone)
    if person.birth_year is not None or any(value and value.strip() for value in typed):
        raise ValidationError(
            {
                "people": f"{row.full_name} đã được niêm phong: không bổ sung từng phần được. "
                "Muốn thay, hãy xóa dòng này và nhập lại đầy đủ người đó."
            }
        )
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

LETTER_TEXTS = (
    "content",
    "requests",
    "authorisation_doc",
    "classification_note",
    "ineligible_reason",
    "outcome_note",
    "reply_note",
)
VISIT_TEXTS = ("content", "prior_handling", "forwarded_to", "result_followup", "notes")


def seal_stored(
    session: Session,
    writer: VaultWriter,
    codes: RecordCodes,
    record: object,
    links: Sequence[LetterPerson | VisitPerson],
    texts: tuple[str, ...],
) -> bool:
    """Seal the people of a record that became protected (or was written before the
    vault): each unsealed person gets a sealed copy linked in its place, its old
    row goes when nothing else links to it, and the record's texts lose the
    identity.  `links` are its VisitPerson or LetterPerson rows.  True when
    anything changed."""
    session.info[HIDE_OLD_TEXTS] = True  # the texts rewritten here named them
    cleaner = TextCleaner(writer.index_key)
    replaced: list[uuid.UUID] = []
    for link in links:  # the people already sealed keep their codes; new ones follow
        if (kept := session.get(SealedPerson, link.person_id)) is not None:
            codes.keep(kept.code)
    for link in links:
        person_id = link.person_id
        sealed = session.get(SealedPerson, person_id)
        if sealed is not None:
            cleaner.add_tags(json.loads(sealed.tags_json), sealed.longest)
            continue
        person = session.get(Person, person_id)
        assert person is not None  # the link's foreign key
        identity = stored_identity(person)
        cleaner.add_identity(identity)
        copy = new_sealed_person(session, writer, codes, person.unit_id, identity)
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
