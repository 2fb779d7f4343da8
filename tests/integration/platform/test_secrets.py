"""Issue 11 #2: the platform's data directory is 0700 and every file in it 0600 whatever the umask; the signing key and
token secret live in key files, not in platform.db; reading platform.db alone forges no token; a platform.db of the
old layout (secrets in its meta table) is migrated and the terminals enrolled before keep delivering."""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from app.data import DEMO_CATALOG
from sync import protocol
from sync.platform import admin as platform_main
from sync.platform import keys
from sync.platform.errors import PlatformError
from sync.platform.schema import m001_initial, m002_terminal_numbers_and_unique_receipts
from sync.platform.store import PlatformStore
from tests.support.platform import DEMO_DIVISION, InProcessPlatform, TestTerminal


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def modes(root: Path) -> dict[str, int]:
    """Permission bits of `root` and of everything under it."""
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.stat().st_mode)
    return found


def assert_private(root: Path) -> None:
    for name, mode in modes(root).items():
        is_dir = name == "." or (root / name).is_dir()
        assert mode == (0o700 if is_dir else 0o600), f"{name}: {oct(mode)}"


@pytest.mark.parametrize("mask", [0o022, 0o000, 0o002])
def test_every_directory_0700_and_every_file_0600_whatever_the_umask(tmp_path: Path, mask: int) -> None:
    data = tmp_path / "nested" / "platform"
    with umask(mask), InProcessPlatform(data) as platform:
        code = platform.enroll_code()
        terminal = TestTerminal(platform.url, code)
        complete = terminal.upload(b"scan " * 3000)
        half = b"half " * 4000
        partial = hashlib.sha256(half).hexdigest()
        reply = terminal.client.patch(
            f"/v1/attachments/{partial}",
            content=half[:100],
            headers={protocol.HEADER_UPLOAD_OFFSET: "0", protocol.HEADER_UPLOAD_LENGTH: str(len(half))},
        )
        assert reply.status_code == 200
        record = terminal.record({"n": 1}, attachments=[complete])
        assert terminal.client.post("/v1/records", json=record).status_code == 201
        platform_main.export_snapshot(platform.store, DEMO_DIVISION, tmp_path / "snapshot.json", DEMO_CATALOG)
        names = set(modes(data))
        assert {"platform.db", "platform.db-wal", "platform.db-shm", "signing.key", "token.key"} <= names
        assert f"blobs/{complete}" in names and f"blobs/parts/{terminal.terminal_id}-{partial}.part" in names
        assert_private(data)
        terminal.close()
    assert_private(data)


def test_an_existing_permissive_layout_is_narrowed_on_open(tmp_path: Path) -> None:
    data = tmp_path / "p"
    with umask(0o022):
        PlatformStore(data).close()
    os.chmod(data, 0o755)
    for path in data.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    PlatformStore(data).close()
    assert_private(data)


def test_secrets_are_in_key_files_and_the_database_alone_forges_nothing(tmp_path: Path) -> None:
    with InProcessPlatform(tmp_path / "p") as platform:
        terminal = TestTerminal(platform.url, platform.enroll_code())
        token = terminal.token
        terminal.close()
    data = tmp_path / "p"
    signing = bytes.fromhex((data / "signing.key").read_text().strip())
    secret = bytes.fromhex((data / "token.key").read_text().strip())
    assert len(signing) == 32 and len(secret) == 32
    assert protocol.b64encode(protocol.load_signer("ed25519", signing).public_key_bytes()) == (
        terminal.platform_public_key
    )
    # Everything platform.db holds, as text: neither secret, nor the token, nor anything the token follows from.
    db = sqlite3.connect(data / "platform.db")
    dumped = "\n".join(db.iterdump())
    db.close()
    raw = b"".join((data / n).read_bytes() for n in ("platform.db", "platform.db-wal") if (data / n).exists())
    for needle in (signing.hex(), secret.hex(), token):
        assert needle not in dumped and needle.encode() not in raw
    assert keys.token_hash(token) in dumped  # only the hash is kept
    # An attacker with platform.db only: HMAC under anything the database holds does not give the token.
    for value in {line for line in dumped.split("'") if len(line) == 64}:
        guess = hmac.new(bytes.fromhex(value) if all(c in "0123456789abcdef" for c in value) else value.encode(),
                         terminal.terminal_id.encode(), hashlib.sha256).hexdigest()  # fmt: skip
        assert guess != token


def _old_layout(data: Path, signing: bytes, secret: bytes, public_key: str) -> str:
    """A platform.db as versions before issue 11 wrote it: secrets in the meta table, no token hashes, one enrolled
    terminal (returns its id). Built by hand with the migrations of that time, under umask 022."""
    data.mkdir(parents=True)
    os.chmod(data, 0o755)
    db = Database(sqlite3.connect(data / "platform.db"))
    old = Migrations("yunban-platform")
    old()(m001_initial)
    old()(m002_terminal_numbers_and_unique_receipts)
    old.apply(db)
    db.execute(
        "INSERT INTO meta VALUES ('platform_signing_key', ?), ('token_secret', ?)", (signing.hex(), secret.hex())
    )
    terminal_id = "T00112233AABBCCDD"
    db.execute(
        "INSERT INTO terminals(terminal_id, division, algorithm, public_key, enrolled_at, terminal_no) "
        "VALUES (?, ?, 'ed25519', ?, '2026-01-01T00:00:00.000Z', '01')",
        (terminal_id, DEMO_DIVISION, public_key),
    )
    db.execute(
        "INSERT INTO enroll_codes VALUES ('AAAA-BBBB-CCCC', ?, '2026-01-01T00:00:00.000Z', ?, ?)",
        (DEMO_DIVISION, terminal_id, public_key),
    )
    db.execute(
        "INSERT INTO records(record_id, terminal_id, kind, content_hash, sequence, receipt_no, created_at, "
        "received_at, payload, attachments, signature) VALUES ('old-1', ?, 'usage', 'h', 1, NULL, NULL, 'now', '{}', "
        "'[]', 's')",
        (terminal_id,),
    )
    db.conn.commit()
    db.conn.close()
    os.chmod(data / "platform.db", 0o644)
    return terminal_id


def test_old_layout_is_migrated_and_its_terminal_keeps_delivering(tmp_path: Path) -> None:
    data = tmp_path / "old"
    signing, secret = os.urandom(32), os.urandom(32)
    terminal_key = protocol.generate_signer()
    public_key = protocol.b64encode(terminal_key.public_key_bytes())
    terminal_id = _old_layout(data, signing, secret, public_key)
    token = hmac.new(secret, terminal_id.encode(), hashlib.sha256).hexdigest()  # what the terminal was given

    with InProcessPlatform(data) as platform:
        # The same platform key (terminals pinned it) and the same token.
        assert platform.public_key == protocol.b64encode(protocol.load_signer("ed25519", signing).public_key_bytes())
        headers = {"Authorization": f"Bearer {token}", protocol.HEADER_TERMINAL: terminal_id}
        payload = {"after": "migration"}
        digest = protocol.content_hash(payload)
        envelope = protocol.record_envelope_bytes(
            record_id="new-1", kind="usage", receipt_no=None, sequence=2, terminal_id=terminal_id,
            content_hash_hex=digest,
        )  # fmt: skip
        record = {
            "record_id": "new-1",
            "kind": "usage",
            "content_hash": digest,
            "sequence": 2,
            "payload": payload,
            "attachments": [],
            "envelope_signature": protocol.b64encode(terminal_key.sign(envelope)),
        }
        reply = httpx.post(platform.url + "/v1/records", json=record, headers=headers)
        assert reply.status_code == 201, reply.text
        assert httpx.get(platform.url + "/v1/status", headers=headers).status_code == 200
        wrong = {**headers, "Authorization": "Bearer " + "0" * 64}
        assert httpx.get(platform.url + "/v1/status", headers=wrong).status_code == 401
        # A retried enrollment of that terminal still gets its token back.
        retry = httpx.post(
            platform.url + "/v1/enroll",
            json={"code": "aaaa-bbbb-cccc", "public_key": public_key, "algorithm": "ed25519"},
        )
        assert retry.status_code == 200 and retry.json()["token"] == token
        assert platform.store.record("old-1") is not None

    assert bytes.fromhex((data / "signing.key").read_text()) == signing
    assert bytes.fromhex((data / "token.key").read_text()) == secret
    raw = b"".join((data / n).read_bytes() for n in ("platform.db", "platform.db-wal") if (data / n).exists())
    assert signing.hex().encode() not in raw and secret.hex().encode() not in raw
    db = sqlite3.connect(data / "platform.db")
    assert db.execute("SELECT count(*) FROM meta WHERE key IN ('platform_signing_key', 'token_secret')").fetchone() == (
        0,
    )
    db.close()
    assert_private(data)


def test_a_key_file_disagreeing_with_the_old_database_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "old"
    _old_layout(data, os.urandom(32), os.urandom(32), protocol.b64encode(b"k" * 32))
    keys.write_key_file(data / "token.key", os.urandom(32))
    with pytest.raises(PlatformError, match="differs"):
        PlatformStore(data)
    (data / "token.key").write_text("not hex")
    with pytest.raises(PlatformError, match="damaged key file"):
        PlatformStore(data)


def test_a_lost_token_key_keeps_enrolled_terminals_working(tmp_path: Path) -> None:
    data = tmp_path / "p"
    with InProcessPlatform(data) as platform:
        code = platform.enroll_code()
        terminal = TestTerminal(platform.url, code)
        terminal.close()
    (data / "token.key").unlink()
    with InProcessPlatform(data) as platform:
        headers = terminal.headers
        assert httpx.get(platform.url + "/v1/status", headers=headers).status_code == 200
        # A retried enrollment (same code, same key) now gets a token under the new secret, which is the valid one.
        body = {
            "code": code,
            "public_key": protocol.b64encode(terminal.signer.public_key_bytes()),
            "algorithm": "ed25519",
        }
        retry = httpx.post(platform.url + "/v1/enroll", json=body).json()
        assert retry["terminal_id"] == terminal.terminal_id and retry["token"] != terminal.token
        fresh = {**headers, "Authorization": f"Bearer {retry['token']}"}
        assert httpx.get(platform.url + "/v1/status", headers=fresh).status_code == 200
        assert httpx.get(platform.url + "/v1/status", headers=headers).status_code == 401
