"""The demo register's denouncers sealed as the services would have sealed them:
each person of a protected visit or letter becomes a pseudonymous row with the
identity in the vault (services/identity_sealing.py), shared by the later
protected records of the same person, as a letter from a visit shares it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from tiepdan_desktop.domain.confidentiality import (
    identity_fragments,
    identity_is_protected,
    redact_identity,
)
from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.identity_vault import SealedIdentity
from tiepdan_desktop.domain.text import name_sort_key, search_key
from tiepdan_desktop.services.demo.generator import DemoRows, Row
from tiepdan_desktop.services.identity_sealing import RecordCodes, VaultWriter, sealed_values


@dataclass
class _Sealer:
    writer: VaultWriter
    persons: dict[uuid.UUID, Row]
    sealed_copy: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    first_seal: dict[uuid.UUID, dict[str, str | bytes | int | uuid.UUID | None]] = field(
        default_factory=dict
    )
    new_persons: list[Row] = field(default_factory=list)
    sealed_rows: list[Row] = field(default_factory=list)

    def copy_of(self, person_id: uuid.UUID, codes: RecordCodes) -> uuid.UUID:
        """A sealed row standing for `person_id` in one protected record, under the
        record's pseudonym; the identity is sealed once per person."""
        person = self.persons[person_id]
        identity = SealedIdentity(
            full_name=person["full_name"],
            birth_year=person["birth_year"],
            id_number=person["id_number"],
            address=person["address"],
            phone=person["phone"],
        )
        code, shown = codes.next()
        first = self.sealed_copy.get(person_id)
        copy_id = _derived_id(person_id, first, f"{code}#{len(self.new_persons)}")
        self.new_persons.append(
            {
                **person,
                "id": copy_id,
                "full_name": shown,
                "name_key": search_key(shown),
                "name_sort": name_sort_key(shown),
                "birth_year": None,
                "id_type": person["id_type"] if identity.id_number else None,
                "id_number": None,
                "address": None,
                "address_key": None,
                "phone": None,
            }
        )
        if first is None:
            values = sealed_values(self.writer, copy_id, code, identity)
            self.sealed_copy[person_id] = copy_id
            self.first_seal[copy_id] = values
        else:  # the same sealed bytes under this record's code, as sealed_copy does
            values = {**self.first_seal[first], "code": code}
        self.sealed_rows.append({"person_id": copy_id, **values, "sealed_at": person["created_at"]})
        return copy_id


def _derived_id(person_id: uuid.UUID, first: uuid.UUID | None, name: str) -> uuid.UUID:
    """A new id, the same for the same seed: beside the person it replaces, or
    for a later record, from the first copy and `name`, unique among the copies
    (a record's code alone is not: visit n and letter n of a year share it)."""
    if first is None:
        return uuid.UUID(int=person_id.int ^ 0x1)
    return uuid.uuid5(first, name)


def seal_demo_rows(rows: DemoRows, writer: VaultWriter) -> list[Row]:
    """Seal the demo rows in place; returns the `sealed_person` rows to insert."""
    sealer = _Sealer(writer, {person["id"]: person for person in rows.persons})
    _seal_links(sealer, rows.visits, rows.visit_persons, "visit_id")
    _seal_links(sealer, rows.letters, rows.letter_persons, "letter_id")
    still_linked = {link["person_id"] for link in rows.visit_persons + rows.letter_persons}
    rows.persons[:] = [p for p in rows.persons if p["id"] in still_linked] + sealer.new_persons
    return sealer.sealed_rows


def _seal_links(sealer: _Sealer, records: list[Row], links: list[Row], key: str) -> None:
    protected = {r["id"]: r for r in records if identity_is_protected(r["letter_type"])}
    by_record: dict[uuid.UUID, list[Row]] = {}
    for link in links:
        if link[key] in protected:
            by_record.setdefault(link[key], []).append(link)
    for record_id, record_links in by_record.items():
        record = protected[record_id]
        letter_type: LetterType = record["letter_type"]
        codes = RecordCodes(letter_type, record["year"], record["number"])
        fragments: list[str] = []
        for link in sorted(record_links, key=lambda row: row["position"]):
            person = sealer.persons[link["person_id"]]
            fragments += identity_fragments(
                person["full_name"], person["id_number"], person["phone"], person["address"]
            )
            link["person_id"] = sealer.copy_of(link["person_id"], codes)
        record["content"] = redact_identity(record["content"], [f for f in fragments if f])
