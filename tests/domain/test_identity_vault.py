"""The vault's cryptography on its own: sealing, wrapping, the recovery key, the
blind index and the keyed tags that clean texts without the plaintext."""

from __future__ import annotations

import pytest

from tiepdan_desktop.domain import identity_vault as crypto
from tiepdan_desktop.domain.confidentiality import REDACTED
from tiepdan_desktop.domain.identity_vault import (
    KdfCost,
    SealedIdentity,
    TextCleaner,
    VaultKeyError,
)

IDENTITY = SealedIdentity(
    full_name="Hoàng Thị Bí Mật",
    birth_year=1975,
    id_number="079175004321",
    address="Số 77 đường Nguyễn Trãi, phường Bến Thành",
    phone="0912345678",
)
CHEAP = KdfCost(passes=1, memory_kib=1024)


def test_a_seal_opens_with_the_private_key_and_its_label_only() -> None:
    private, public = crypto.new_vault_keys()
    sealed = crypto.seal(public, IDENTITY.to_bytes(), b"row-1")
    assert b"Ho" not in sealed and crypto.public_of(private) == public
    assert SealedIdentity.from_bytes(crypto.open_sealed(private, sealed, b"row-1")) == IDENTITY
    assert crypto.seal(public, IDENTITY.to_bytes(), b"row-1") != sealed  # fresh keys each time
    other_private, _ = crypto.new_vault_keys()
    for key, label, blob in (
        (other_private, b"row-1", sealed),  # another vault
        (private, b"row-2", sealed),  # moved onto another row
        (private, b"row-1", sealed[:-1] + bytes([sealed[-1] ^ 1])),  # one bit changed
        (private, b"row-1", sealed[:40]),  # cut short
        (private, b"row-1", b"\x02" + sealed[1:]),  # an unknown format
    ):
        with pytest.raises(VaultKeyError):
            crypto.open_sealed(key, blob, label)


def test_wrapped_keys_need_the_password_and_a_known_format() -> None:
    secret, salt = crypto.new_secret(), crypto.new_salt()
    key = crypto.password_key("Mật-khẩu-2026", salt, CHEAP)
    wrapped = crypto.wrap(key, secret, b"custodian")
    assert crypto.unwrap(key, wrapped, b"custodian") == secret
    with pytest.raises(VaultKeyError):
        crypto.unwrap(crypto.password_key("sai", salt, CHEAP), wrapped, b"custodian")
    with pytest.raises(VaultKeyError):
        crypto.unwrap(key, b"\x00" + wrapped[1:], b"custodian")


def test_damaged_plaintext_is_not_an_identity() -> None:
    for data in (b"\xff\xfe", b"[1, 2]", b'{"who": 1}'):
        with pytest.raises(VaultKeyError):
            SealedIdentity.from_bytes(data)


def test_the_recovery_key_is_read_as_typed() -> None:
    key = crypto.new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 13 and all(len(group) == 4 for group in groups)
    raw = crypto.recovery_key_bytes(key)
    assert len(raw) == 32
    assert crypto.recovery_key_bytes(" ".join(groups).lower()) == raw
    assert crypto.recovery_key_bytes(key.replace("O", "0").replace("I", "1")) == raw
    for typed in ("", "ABCD-EFGH", key + "-AAAA", key[:-1] + "!"):
        with pytest.raises(VaultKeyError):
            crypto.recovery_key_bytes(typed)
    assert crypto.recovery_wrapping_key(raw) != crypto.recovery_wrapping_key(raw[::-1])


def test_the_blind_index_is_keyed_and_folded() -> None:
    key, other = crypto.new_secret(), crypto.new_secret()
    assert crypto.blind_id(key, "079 175 004 321") == crypto.blind_id(key, "079175004321")
    assert crypto.blind_id(key, "079175004321") != crypto.blind_id(other, "079175004321")
    assert crypto.blind_id(key, None) is None and crypto.blind_id(key, "--") is None
    assert crypto.blind_name(key, "HOANG THI BI MAT") == crypto.blind_name(key, "Hoàng Thị Bí Mật")
    assert crypto.blind_name(key, "   ") is None
    assert "079175004321" not in str(crypto.blind_id(key, "079175004321"))


def test_keyed_tags_clean_a_text_as_the_words_would() -> None:
    key = crypto.new_secret()
    tags, longest = crypto.identity_tags(key, IDENTITY)
    text = (
        "Làm việc với bà HOANG THI BI MAT (0912 345 678), CCCD 079175004321, "
        "ở số 77 đường Nguyễn Trãi; bà Hoàng Thị Bích không liên quan."
    )
    cleaned = crypto.redact_tagged(text, key, set(tags), longest)
    assert cleaned == (
        f"Làm việc với bà {REDACTED} ({REDACTED}), CCCD {REDACTED}, "
        f"ở {REDACTED}; bà Hoàng Thị Bích không liên quan."
    )
    assert crypto.redact_tagged(text, crypto.new_secret(), set(tags), longest) == text
    # A fragment of nothing but punctuation gives no tag.
    assert crypto.identity_tags(key, SealedIdentity("Ẩn", address="--, ..."))[1] == 1


def test_a_cleaner_uses_words_or_tags_or_both() -> None:
    key = crypto.new_secret()
    by_words = TextCleaner(key)
    by_words.add_identity(IDENTITY)
    by_tags = TextCleaner(key)
    by_tags.add_tags(*crypto.identity_tags(key, IDENTITY))
    text = "Đơn của Hoàng Thị Bí Mật, điện thoại 0912345678."
    assert (
        by_words.clean(text) == by_tags.clean(text) == f"Đơn của {REDACTED}, điện thoại {REDACTED}."
    )
    assert by_words.clean(None) is None and by_tags.clean("") == ""
    assert TextCleaner(key).clean(text) == text
