"""Encryption at rest (chunked AEAD store, sealed blobs, SM4 option) and property tests for receipt numbers and
promised dates."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.catalog.workdays import calendar_from_dates, promised_date, workdays_between
from app.records.crypto import (
    AesGcmCipher,
    DecryptionError,
    EncryptedAttachmentStore,
    Sm4GcmCipher,
    open_sealed,
    seal,
)
from app.records.service import AttachmentStore, format_receipt_no, validate_receipt_no

KEY = bytes(range(32))


@pytest.mark.parametrize("cipher", [AesGcmCipher(KEY), Sm4GcmCipher(KEY)], ids=lambda c: c.name)
def test_chunked_store_range_reads_and_plaintext_names(tmp_path: Path, cipher: AesGcmCipher | Sm4GcmCipher) -> None:
    store = EncryptedAttachmentStore(tmp_path, cipher, chunk=1000)
    data = os.urandom(4321)
    sha, size = store.put_bytes(data)
    assert sha == hashlib.sha256(data).hexdigest() and size == len(data)
    raw = store.path(sha).read_bytes()
    assert raw[:4] == b"YBE1" and data[:64] not in raw
    assert store.plain_size(sha) == len(data) and store.verify(sha)
    for offset, length in [(0, 10), (995, 10), (999, 1002), (4000, 1000), (4321, 5), (0, 10_000)]:
        assert store.read_range(sha, offset, length) == data[offset : offset + length]
    assert store.put_bytes(data) == (sha, size)  # content-addressed: stored once


def test_tampered_or_truncated_file_fails_verification(tmp_path: Path) -> None:
    store = EncryptedAttachmentStore(tmp_path, AesGcmCipher(KEY), chunk=1000)
    sha, _ = store.put_bytes(os.urandom(3000))
    path = store.path(sha)
    good = path.read_bytes()
    path.write_bytes(good[:-1016])  # last chunk cut off: the new last chunk was not sealed as last
    assert not store.verify(sha)
    with pytest.raises(DecryptionError):
        store.read_range(sha, 1500, 10)
    bad = bytearray(good)
    bad[40] ^= 1
    path.write_bytes(bytes(bad))
    assert not store.verify(sha)
    other = EncryptedAttachmentStore(tmp_path, AesGcmCipher(bytes(32)))
    path.write_bytes(good)
    assert not other.verify(sha)  # wrong key


def test_empty_file_and_legacy_plain_files(tmp_path: Path) -> None:
    store = EncryptedAttachmentStore(tmp_path, AesGcmCipher(KEY))
    sha, size = store.put_bytes(b"")
    assert size == 0 and store.read_range(sha, 0, 10) == b"" and store.verify(sha)
    legacy_sha, _ = AttachmentStore(tmp_path).put_bytes(b"written before encryption")
    assert store.read_range(legacy_sha, 8, 6) == b"before" and store.verify(legacy_sha)


def test_sealed_blobs_bind_their_context() -> None:
    cipher = AesGcmCipher(KEY)
    blob = seal(cipher, "张三 53252419880315002X".encode(), b"draft-1")
    assert "张三".encode() not in blob
    assert open_sealed(cipher, blob, b"draft-1").decode().startswith("张三")
    with pytest.raises(DecryptionError):
        open_sealed(cipher, blob, b"draft-2")  # a blob moved to another row does not open
    with pytest.raises(DecryptionError):
        open_sealed(Sm4GcmCipher(KEY), blob, b"draft-1")


@given(
    division=st.from_regex(r"[1-6][0-9]{11}", fullmatch=True),
    terminal=st.integers(1, 99),
    day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    seq=st.integers(1, 9999),
    pos=st.integers(0, 24),
    digit=st.sampled_from("0123456789X"),
)
@settings(max_examples=300, deadline=None)
def test_receipt_numbers_validate_and_catch_one_wrong_character(
    division: str, terminal: int, day: dt.date, seq: int, pos: int, digit: str
) -> None:
    number = format_receipt_no(f"{division}{terminal:02d}", day, seq)
    assert len(number) == 25 and validate_receipt_no(number) and validate_receipt_no(number.lower())
    if digit != number[pos] and (pos == 24 or digit != "X"):
        assert not validate_receipt_no(number[:pos] + digit + number[pos + 1 :])


@given(
    accepted=st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
    limit=st.integers(0, 60),
    holidays=st.sets(st.dates(dt.date(2024, 1, 1), dt.date(2031, 6, 30)), max_size=40),
)
@settings(max_examples=200, deadline=None)
def test_promised_date_is_a_working_day_exactly_limit_working_days_on(
    accepted: dt.date, limit: int, holidays: set[dt.date]
) -> None:
    cal = calendar_from_dates(holidays)
    due = promised_date(accepted, limit, cal)
    assert due is not None and due >= accepted
    if limit > 0:
        assert cal.is_workday(due)
        start = accepted
        while not cal.is_workday(start):
            start += dt.timedelta(days=1)
        assert workdays_between(start, due, cal) == limit
    assert promised_date(accepted, None, cal) is None


def test_non_seekable_stream_is_stored_without_plaintext_on_disk(tmp_path: Path) -> None:
    store = EncryptedAttachmentStore(tmp_path, AesGcmCipher(KEY), chunk=1000)
    data = b"scan page " * 500
    r, w = os.pipe()
    os.write(w, data)
    os.close(w)
    with os.fdopen(r, "rb") as pipe:
        sha, size = store.put_stream(pipe)
    assert (sha, size) == (hashlib.sha256(data).hexdigest(), len(data))
    on_disk = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert on_disk == [store.path(sha)] and b"scan page" not in on_disk[0].read_bytes()
    assert store.read_range(sha, 0, size) == data
