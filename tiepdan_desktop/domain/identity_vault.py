"""The denouncer identity vault's cryptography (Luật Tố cáo Đ8.3, Đ56: «chế độ mật»).

Envelope encryption: each identity is encrypted with its own random AES-256-GCM
data key, and that key is sealed to the unit's vault public key (X25519, an
ephemeral key per record, HKDF-SHA256).  Anyone may seal; only the holder of the
vault private key opens.  The private key is kept wrapped (AES-GCM) under keys
derived from each custodian's password (argon2id) and from a printed recovery key.

A keyed blind index (HMAC-SHA256) of the normalised ID number and name lets the
register find a denouncer's earlier letters without the plaintext, and keyed
tags of each identity fragment let free texts be cleaned of it on reading.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tiepdan_desktop.domain.confidentiality import REDACTED, identity_fragments, redact_identity
from tiepdan_desktop.domain.text import search_key

_VERSION = b"\x01"
_NONCE = 12
_KEY = 32


class VaultKeyError(Exception):
    """A password or recovery key that does not open the vault, or damaged data."""


@dataclass(frozen=True)
class SealedIdentity:
    """What a denouncer is: the fields the register no longer keeps in clear."""

    full_name: str
    birth_year: int | None = None
    id_number: str | None = None
    address: str | None = None
    phone: str | None = None

    def to_bytes(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> SealedIdentity:
        try:
            return cls(**json.loads(data.decode()))
        except (ValueError, TypeError) as error:
            raise VaultKeyError("not a sealed identity") from error

    def fragments(self) -> list[str]:
        """The pieces of this identity a free text may repeat."""
        return identity_fragments(self.full_name, self.id_number, self.phone, self.address)


# --- keys ----------------------------------------------------------------------------


def new_vault_keys() -> tuple[bytes, bytes]:
    """(private, public) raw 32-byte X25519 keys of a new vault."""
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private.private_bytes_raw(), public


def new_secret() -> bytes:
    return secrets.token_bytes(_KEY)


@dataclass(frozen=True)
class KdfCost:
    """argon2id's cost for a password-derived key."""

    passes: int = 3
    memory_kib: int = 64 * 1024  # 64 MiB, 3 passes: RFC 9106's second profile


def password_key(password: str, salt: bytes, cost: KdfCost = KdfCost()) -> bytes:
    """A key-encryption key from a custodian's password (argon2id)."""
    return hash_secret_raw(password.encode(), salt, cost.passes, cost.memory_kib, 1, _KEY, Type.ID)


def new_salt() -> bytes:
    return secrets.token_bytes(16)


def wrap(key: bytes, secret: bytes, label: bytes) -> bytes:
    """`secret` encrypted under `key`; `label` binds it to its use."""
    nonce = secrets.token_bytes(_NONCE)
    return _VERSION + nonce + AESGCM(key).encrypt(nonce, secret, label)


def unwrap(key: bytes, wrapped: bytes, label: bytes) -> bytes:
    if not wrapped.startswith(_VERSION):
        raise VaultKeyError("unknown format")
    nonce, body = wrapped[1 : 1 + _NONCE], wrapped[1 + _NONCE :]
    try:
        return AESGCM(key).decrypt(nonce, body, label)
    except InvalidTag as error:
        raise VaultKeyError("wrong key or damaged data") from error


# --- sealing -------------------------------------------------------------------------


def _wrapping_key(shared: bytes, ephemeral_public: bytes, vault_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=_KEY,
        salt=ephemeral_public + vault_public,
        info=b"tiepdan vault data key",
    ).derive(shared)


def seal(vault_public: bytes, plaintext: bytes, label: bytes) -> bytes:
    """Encrypt `plaintext` with a fresh data key sealed to the vault's public key."""
    data_key = AESGCM.generate_key(bit_length=256)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(vault_public))
    sealed_key = wrap(_wrapping_key(shared, ephemeral_public, vault_public), data_key, label)
    return _VERSION + ephemeral_public + sealed_key + wrap(data_key, plaintext, label)


def open_sealed(vault_private: bytes, sealed: bytes, label: bytes) -> bytes:
    """The plaintext of `sealed`; VaultKeyError for a wrong key, a changed label
    or bytes that are not a seal (damaged, truncated)."""
    if not sealed.startswith(_VERSION) or len(sealed) < 1 + _KEY + 1 + _NONCE + _KEY + 16:
        raise VaultKeyError("unknown format")
    ephemeral_public = sealed[1 : 1 + _KEY]
    key_end = 1 + _KEY + 1 + _NONCE + _KEY + 16
    sealed_key, body = sealed[1 + _KEY : key_end], sealed[key_end:]
    private = X25519PrivateKey.from_private_bytes(vault_private)
    vault_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    data_key = unwrap(_wrapping_key(shared, ephemeral_public, vault_public), sealed_key, label)
    return unwrap(data_key, body, label)


def public_of(vault_private: bytes) -> bytes:
    key = X25519PrivateKey.from_private_bytes(vault_private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


# --- the printed recovery key ---------------------------------------------------------

_RECOVERY_GROUPS = 13  # 52 base32 letters: 260 bits, 256 of them random


def new_recovery_key() -> str:
    """32 random bytes as 13 groups of 4 letters and digits, to print and seal."""
    text = base64.b32encode(secrets.token_bytes(_KEY)).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_key_bytes(typed: str) -> bytes:
    """The key a typed recovery key stands for; spaces, dashes and case ignored,
    and the digits 0, 1, 8 (not in base32) read as the letters O, I, B."""
    text = re.sub(r"[\s\-]", "", typed).upper().replace("0", "O").replace("1", "I")
    text = text.replace("8", "B")
    if len(text) != _RECOVERY_GROUPS * 4 or not re.fullmatch(r"[A-Z2-7]+", text):
        raise VaultKeyError("not a recovery key")
    return base64.b32decode(text + "====")


def recovery_wrapping_key(recovery: bytes) -> bytes:
    # The recovery key is 256 random bits: a plain KDF is enough, no stretching.
    return hashlib.sha256(b"tiepdan vault recovery" + recovery).digest()


# --- blind index and identity tags ------------------------------------------------------


def _tag(index_key: bytes, kind: str, value: str) -> str:
    digest = hmac.new(index_key, f"{kind}:{value}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest[:16]).decode()


def blind_id(index_key: bytes, id_number: str | None) -> str | None:
    digits = re.sub(r"\D", "", id_number or "")
    return _tag(index_key, "id", digits) if digits else None


def blind_name(index_key: bytes, full_name: str) -> str | None:
    key = search_key(full_name)
    return _tag(index_key, "name", key) if key else None


def _canonical(words: list[str]) -> str:
    """Words as a tag sees them: a run of numbers is one number (0903 123 456)."""
    if all(word.isdigit() for word in words):
        return "".join(words)
    return " ".join(words)


def _words(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"\w+", text))


def identity_tags(index_key: bytes, identity: SealedIdentity) -> tuple[list[str], int]:
    """Keyed tags of each fragment of `identity` and the longest fragment in words."""
    tags: set[str] = set()
    longest = 1
    for fragment in identity.fragments():
        words = [search_key(match.group()) for match in _words(fragment)]
        words = [word for word in words if word]
        if not words:
            continue
        longest = max(longest, len(words))
        tags.add(_tag(index_key, "text", _canonical(words)))
        digits = "".join(words)
        if digits.isdigit():  # a number typed with other spacing: 0903123456 or 0903 123456
            tags.add(_tag(index_key, "text", digits))
    return sorted(tags), longest


def redact_tagged(text: str, index_key: bytes, tags: set[str], longest: int) -> str:
    """`text` with every run of whole words whose tag is one of `tags` replaced by
    REDACTED: the same words as `redact_identity` finds, found without the plaintext."""
    words = _words(text)
    folded = [search_key(match.group()) for match in words]
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(words):
        found = 0
        # Numbers may be written in up to four groups («0903 123 456»).
        for count in range(min(max(longest, 4), len(words) - start), 0, -1):
            window = folded[start : start + count]
            if _tag(index_key, "text", _canonical(window)) in tags:
                found = count
                break
        if found:
            spans.append((words[start].start(), words[start + found - 1].end()))
            start += found
        else:
            start += 1
    for first, last in reversed(spans):
        text = text[:first] + REDACTED + text[last:]
    return text


@dataclass
class TextCleaner:
    """Takes protected people out of free texts: by their words when the form being
    saved holds them, by their keyed tags when only their seal does."""

    index_key: bytes
    fragments: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    longest: int = 1

    def add_identity(self, identity: SealedIdentity) -> None:
        self.fragments += identity.fragments()

    def add_tags(self, tags: list[str], longest: int) -> None:
        self.tags.update(tags)
        self.longest = max(self.longest, longest)

    def clean(self, text: str | None) -> str | None:
        if not text:
            return text
        if self.fragments:
            text = redact_identity(text, self.fragments)
        if self.tags:
            text = redact_tagged(text, self.index_key, self.tags, self.longest)
        return text
