"""Unit checks of the storage hardening (issue 11 #6, #7): damaged attachment headers are refused clearly, the
numbering marker's rules on a real encrypted-file keystore, and the data key that data needs is never replaced."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from app.errors import UserError
from app.records.crypto import (
    KEY_NAME,
    AesGcmCipher,
    DecryptionError,
    EncryptedAttachmentStore,
    PayloadCodec,
    data_key_cipher,
    data_key_fingerprint,
)
from app.records.keystore import EncryptedFileBackend, Keystore
from app.records.marker import MARKER_KEY, NumberingMarker
from local_db.records.store import RecordsDB


@pytest.fixture
def keystore(tmp_path: Path) -> Keystore:
    backend = EncryptedFileBackend(tmp_path / "keystore.enc", "unit-test-passphrase")
    backend.SCRYPT_N = 2**10  # fast derivation for unit tests; the format is the same
    return Keystore(backend, tmp_path, "file")


@pytest.mark.parametrize(
    ("chunk", "truncate"),
    [(0, None), (2**32 - 1, None), (65 * 1024 * 1024, None), (4096, 20), (4096, 17)],
    ids=["chunk-0", "chunk-max", "chunk-65MiB", "body-shorter-than-tag", "header-only"],
)
def test_damaged_attachment_headers_are_refused_clearly(tmp_path: Path, chunk: int, truncate: int | None) -> None:
    store = EncryptedAttachmentStore(tmp_path / "att", AesGcmCipher(secrets.token_bytes(32)), chunk=4096)
    sha, size = store.put_bytes(secrets.token_bytes(10_000))
    path = store.path(sha)
    data = bytearray(path.read_bytes())
    data[5:9] = chunk.to_bytes(4, "big") if chunk < 2**32 else bytes(4)
    path.write_bytes(bytes(data[:truncate] if truncate is not None else data))
    assert store.verify(sha) is False
    with pytest.raises(DecryptionError):
        store.read_range(sha, 0, size)


def test_stale_temporaries_only_older_than_the_limit(tmp_path: Path) -> None:
    store = EncryptedAttachmentStore(tmp_path / "att", AesGcmCipher(secrets.token_bytes(32)))
    store.put_bytes(b"x")
    (tmp_path / "att" / ".tmp-young").write_bytes(b"")
    assert store.remove_stale_temporaries(older_than_s=60) == 0
    assert store.remove_stale_temporaries(older_than_s=-1) == 1


@pytest.mark.parametrize("stored", ["enc1:!!", "enc1:" + "A" * 8, "enc1:"])
def test_payload_codec_refuses_garbage(stored: str) -> None:
    codec = PayloadCodec(lambda: AesGcmCipher(secrets.token_bytes(32)))
    with pytest.raises((DecryptionError, ValueError)):
        codec.decode("rid", stored)


def test_data_key_is_kept_and_never_replaced_when_data_needs_it(keystore: Keystore) -> None:
    first = data_key_cipher(keystore)
    key = keystore.get(KEY_NAME)
    assert key is not None
    fp = data_key_fingerprint(key)
    again = data_key_cipher(keystore, expected_fingerprint=fp)
    blob = first.encrypt(b"\0" * 12, b"x", b"")
    assert again.decrypt(b"\0" * 12, blob, b"") == b"x"
    keystore.delete(KEY_NAME)
    with pytest.raises(UserError) as err:
        data_key_cipher(keystore, expected_fingerprint=fp)
    assert err.value.code == "records.data_key_lost" and keystore.get(KEY_NAME) is None
    data_key_cipher(keystore)  # nothing needs the old one: a new key is made
    assert keystore.get(KEY_NAME) not in (None, key)


def test_marker_rules(tmp_path: Path, keystore: Keystore) -> None:
    db = RecordsDB(tmp_path / "records.db")
    marker = NumberingMarker(db, lambda: keystore, db.path)
    assert not marker.replaced()  # first sight: the marker follows this database
    marker.note("2026-12-01", 7)
    marker.note("2026-11-30", 99)  # an older day never lowers it
    db.close()
    for name in ("records.db", "records.db-wal", "records.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    db = RecordsDB(tmp_path / "records.db")
    marker = NumberingMarker(db, lambda: keystore, db.path)
    assert marker.replaced()
    with pytest.raises(UserError) as err:
        marker.check()
    assert err.value.code == "records.db_new"
    with db.write():
        db.next_receipt_sequence("2026-12-01")  # the new database already numbered 1 today
    assert marker.acknowledge() == ("2026-12-01", 8)
    assert not marker.replaced()
    with db.write():
        assert db.next_receipt_sequence("2026-12-01") == 8
    with pytest.raises(UserError):
        marker.acknowledge()  # nothing to acknowledge now
    keystore.set(MARKER_KEY, "{not json")  # an unreadable marker is set again, never a crash
    assert not marker.replaced()
    assert NumberingMarker(db, lambda: None, db.path).replaced() is False  # no keystore: no marker
    db.close()
