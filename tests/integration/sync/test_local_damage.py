"""Issue 11 #6 and #8 (terminal side): a record this terminal can no longer read (a flipped byte in its encrypted
payload, another data key, a damaged or missing attachment file) is quarantined as `local_damage` with the reason
and the rest of the queue is delivered; every delivered record carries a signature over its whole envelope, also
records finalised before envelope signatures existed (sig_version 1), which the outbox signs on the way out."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.model.records import FinalisedRecord
from app.records.crypto import AesGcmCipher, EncryptedAttachmentStore, PayloadCodec
from app.records.service import RecordsService
from app.sync.enrollment import TerminalCredentials
from app.sync.service import SyncService
from local_db.records.store import RecordsDB
from sync import protocol
from tests.integration.sync.conftest import FAST, enroll
from tests.support.platform import DEMO_DIVISION, InProcessPlatform


class SealedTerminal:
    """A terminal whose payloads and attachments are encrypted at rest, wired as app.context does."""

    def __init__(self, home: Path, url: str, creds: TerminalCredentials) -> None:
        self.creds = creds
        self.cipher = AesGcmCipher(secrets.token_bytes(32))
        self.db = RecordsDB(home / "records.db")
        self.db.payload_codec = PayloadCodec(lambda: self.cipher)
        self.files = EncryptedAttachmentStore(home / "attachments", lambda: self.cipher, chunk=4096)
        self.records = RecordsService(
            self.db,
            self.files,
            terminal_code=DEMO_DIVISION + "01",
            signer=lambda: self.creds.signer,
            terminal_id=lambda: self.creds.terminal_id,
        )
        self.sync = SyncService(self.db, self.files, platform_url=url, credentials=lambda: self.creds, settings=FAST)

    def close(self) -> None:
        self.sync.close()
        self.db.close()


@pytest.fixture
def sealed(tmp_path: Path, platform: InProcessPlatform) -> Iterator[SealedTerminal]:
    t = SealedTerminal(tmp_path, platform.url, enroll(platform.url, platform.enroll_code()))
    yield t
    t.close()


def _flip_payload_byte(db: RecordsDB, record_id: str) -> None:
    stored = db.conn.execute("SELECT payload FROM records WHERE record_id = ?", (record_id,)).fetchone()[0]
    assert stored.startswith("enc1:")
    blob = bytearray(base64.b64decode(stored[5:]))
    blob[-3] ^= 0x01
    with db.write():
        db.conn.execute(
            "UPDATE records SET payload = ? WHERE record_id = ?",
            ("enc1:" + base64.b64encode(bytes(blob)).decode(), record_id),
        )


def _set_payload(db: RecordsDB, record_id: str, stored: str) -> None:
    with db.write():
        db.conn.execute("UPDATE records SET payload = ? WHERE record_id = ?", (stored, record_id))


def _assert_rest_delivered(
    t: SealedTerminal, platform: InProcessPlatform, made: list[FinalisedRecord], damaged: set[str]
) -> None:
    report = t.sync.run_until_idle(timeout_s=30)
    assert report.pending == 0
    assert report.quarantined == len(damaged)
    assert set(platform.store.record_ids()) == {m.record_id for m in made} - damaged
    rows = {r.record_id: r for r in t.sync.quarantined()}
    assert set(rows) == damaged
    for rid in damaged:
        assert rows[rid].quarantine_kind == "local_damage" and rows[rid].reason
        entry = t.db.outbox_entry(rid)
        assert entry is not None and entry.last_error == rows[rid].reason
    # A second pass has nothing to do and does not raise.
    again = t.sync.run_once()
    assert (again.delivered, again.quarantined, again.failures) == (0, 0, 0)


def test_flipped_payload_byte_is_quarantined_and_the_rest_flows(
    sealed: SealedTerminal, platform: InProcessPlatform
) -> None:
    made = sealed.records.make_test(5)
    _flip_payload_byte(sealed.db, made[1].record_id)
    _assert_rest_delivered(sealed, platform, made, {made[1].record_id})
    entry = sealed.db.outbox_entry(made[1].record_id)
    assert entry is not None and "cannot be read" in (entry.quarantine_reason or "")


@pytest.mark.parametrize(
    "stored",
    ["enc1:@@not base64@@", "enc1:", "enc1:" + base64.b64encode(b"YBS1\x01" + bytes(40)).decode(), "{not json"],
    ids=["bad-base64", "empty", "garbage-blob", "plain-not-json"],
)
def test_unreadable_payload_forms_are_quarantined(
    sealed: SealedTerminal, platform: InProcessPlatform, stored: str
) -> None:
    made = sealed.records.make_test(3)
    _set_payload(sealed.db, made[0].record_id, stored)
    _assert_rest_delivered(sealed, platform, made, {made[0].record_id})


def test_records_under_another_data_key_are_quarantined_not_blocking(
    sealed: SealedTerminal, platform: InProcessPlatform
) -> None:
    old = sealed.records.make_test(3)
    sealed.cipher = AesGcmCipher(secrets.token_bytes(32))  # the key those records need is gone
    new = sealed.records.make_test(2)
    _assert_rest_delivered(sealed, platform, old + new, {m.record_id for m in old})


def _attachment_file(t: SealedTerminal, sha: str) -> Path:
    return t.files.path(sha)


@pytest.mark.parametrize(
    "damage",
    ["chunk-zero", "chunk-huge", "header-cut", "body-truncated", "body-flipped", "deleted", "magic-garbled"],
)
def test_damaged_attachment_is_quarantined_and_sync_never_crashes(
    sealed: SealedTerminal, platform: InProcessPlatform, damage: str
) -> None:
    made = sealed.records.make_test(4, attachment_kb=20)
    path = _attachment_file(sealed, made[2].attachments[0].sha256)
    data = bytearray(path.read_bytes())
    if damage == "chunk-zero":
        data[5:9] = bytes(4)
    elif damage == "chunk-huge":
        data[5:9] = (2**32 - 1).to_bytes(4, "big")
    elif damage == "header-cut":
        data = data[:10]
    elif damage == "body-truncated":
        data = data[: len(data) // 2]
    elif damage == "body-flipped":
        data[-40] ^= 0xFF
    elif damage == "magic-garbled":
        data[0:4] = b"XXXX"
    if damage == "deleted":
        path.unlink()
    else:
        path.write_bytes(bytes(data))
    _assert_rest_delivered(sealed, platform, made, {made[2].record_id})


def test_attachment_damaged_mid_upload_is_quarantined(sealed: SealedTerminal, platform: InProcessPlatform) -> None:
    made = sealed.records.make_test(2, attachment_kb=100)
    sha = made[0].attachments[0].sha256
    # The upload had started (progress recorded) when the file's header was damaged.
    sealed.db.set_upload_progress(sha, total=made[0].attachments[0].size, confirmed=4096, complete=False)
    path = _attachment_file(sealed, sha)
    data = bytearray(path.read_bytes())
    data[5:9] = bytes(4)
    path.write_bytes(bytes(data))
    report = sealed.sync.run_until_idle(timeout_s=30)
    assert (report.delivered, report.quarantined, report.pending) == (1, 1, 0)
    assert sealed.sync.quarantined()[0].quarantine_kind == "local_damage"


def _verify_envelope(t: SealedTerminal, record_id: str) -> None:
    row = t.db.get_record(record_id)
    assert row is not None and row.sig_version == 2 and row.envelope_signature is not None
    envelope = protocol.record_envelope_bytes(
        record_id=row.record_id,
        kind=row.kind,
        receipt_no=row.receipt_no,
        sequence=row.seq,
        terminal_id=t.creds.terminal_id,
        content_hash_hex=row.content_hash,
    )
    verifier = t.creds.signer.verifier()
    assert verifier.verify(envelope, protocol.b64decode(row.envelope_signature))
    assert verifier.verify(protocol.record_signing_bytes(row.content_hash), protocol.b64decode(row.signature or ""))
    # The envelope signature covers the envelope: another record id, kind, receipt number, sequence or terminal
    # does not verify.
    for field, value in (
        ("record_id", "other"),
        ("kind", "complaint"),
        ("receipt_no", "X"),
        ("sequence", row.seq + 1),
        ("terminal_id", "T-other"),
    ):
        fields = {
            "record_id": row.record_id,
            "kind": row.kind,
            "receipt_no": row.receipt_no,
            "sequence": row.seq,
            "terminal_id": t.creds.terminal_id,
            field: value,
        }
        forged = protocol.record_envelope_bytes(content_hash_hex=row.content_hash, **fields)  # type: ignore[arg-type]
        assert not verifier.verify(forged, protocol.b64decode(row.envelope_signature))


def test_finalise_signs_the_whole_envelope(sealed: SealedTerminal, platform: InProcessPlatform) -> None:
    made = sealed.records.make_test(2)
    for m in made:
        _verify_envelope(sealed, m.record_id)
    assert sealed.sync.run_until_idle(timeout_s=30).delivered == 2


def test_old_and_unsigned_records_are_signed_over_the_envelope_when_delivered(
    sealed: SealedTerminal, platform: InProcessPlatform
) -> None:
    made = sealed.records.make_test(4)
    with sealed.db.write():
        # Two finalised before envelope signatures (content hash only), one before enrollment (no signature at all).
        sealed.db.conn.execute(
            "UPDATE records SET envelope_signature = NULL, sig_version = 1 WHERE record_id IN (?, ?)",
            (made[0].record_id, made[1].record_id),
        )
        sealed.db.conn.execute(
            "UPDATE records SET signature = NULL, envelope_signature = NULL, sig_version = 1 WHERE record_id = ?",
            (made[2].record_id,),
        )
    assert sealed.sync.run_until_idle(timeout_s=30).delivered == 4
    for m in made:
        _verify_envelope(sealed, m.record_id)


def test_migration_keeps_rows_and_allows_local_damage(tmp_path: Path) -> None:
    db = RecordsDB(tmp_path / "r.db")
    cols = {r[1] for r in db.conn.execute("PRAGMA table_info(records)")}
    assert {"envelope_signature", "sig_version"} <= cols
    sql = db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'outbox'").fetchone()[0]
    assert "local_damage" in sql
    assert db.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'outbox_stage_seq'").fetchone()
    db.close()
    assert os.stat(tmp_path / "r.db").st_mode & 0o777 == 0o600
