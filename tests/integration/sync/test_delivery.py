"""Outbox delivery against the real reference platform (in-process, loopback HTTP), with and without faults."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import httpx

from app.data import DEMO_CATALOG
from app.model.records import AttachmentInput
from app.records.service import validate_receipt_no
from app.sync.service import SyncSettings
from sync import protocol
from sync.platform import admin as platform_main
from tests.integration.sync.conftest import FAST, Terminal, enroll
from tests.support.faultproxy import FaultProxy
from tests.support.platform import InProcessPlatform
from tests.support.records import stored_outbox, stored_record


def _platform_blob(platform: InProcessPlatform, sha: str) -> bytes:
    return Path(platform.store.blob_path(sha)).read_bytes()


def test_delivers_every_record_once_in_order_with_identical_attachments(
    terminal: Terminal, platform: InProcessPlatform
) -> None:
    made = terminal.records.make_test(6, attachment_kb=150)  # 150 KiB in 64 KiB chunks: three PATCHes each
    assert all(m.receipt_no and validate_receipt_no(m.receipt_no) for m in made)
    report = terminal.sync.run_until_idle(timeout_s=30)
    assert (report.delivered, report.duplicates, report.quarantined, report.pending) == (6, 0, 0, 0)
    ids = platform.store.record_ids()
    assert ids == [m.record_id for m in made]  # platform arrival order == creation order
    for m in made:
        stored = platform.store.record(m.record_id)
        assert stored["sequence"] == m.seq and stored["content_hash"] == m.content_hash
        assert stored["receipt_no"] == m.receipt_no
        assert stored["payload"]["test_record"] is True
        sha = m.attachments[0].sha256
        assert _platform_blob(platform, sha) == terminal.files.path(sha).read_bytes()
    status = terminal.sync.status()
    assert (status.pending, status.delivered, status.quarantined) == (0, 6, 0)
    assert status.last_success is not None
    # A second run has nothing to do and sends nothing twice.
    again = terminal.sync.run_once()
    assert (again.delivered, again.failures) == (0, 0)
    assert platform.store.stats()["records"] == 6


def test_lost_acknowledgement_is_absorbed_as_duplicate(terminal: Terminal, platform: InProcessPlatform) -> None:
    made = terminal.records.make_test(3, attachment_kb=10)
    terminal.sync.run_until_idle(timeout_s=30)
    # Pretend the acknowledgements were lost: the rows go back to pending, as after a crash before the commit.
    with terminal.db.write():
        terminal.db.conn.execute("UPDATE outbox SET stage = 'record', result = NULL")
    report = terminal.sync.run_until_idle(timeout_s=30)
    assert (report.delivered, report.duplicates) == (3, 3)
    stats = platform.store.stats()
    assert stats["records"] == 3 and stats["duplicates_absorbed"] == 3
    assert [stored_outbox(terminal.db, m.record_id).result for m in made] == ["duplicate"] * 3


def test_conflict_and_rejection_are_quarantined_without_blocking(
    terminal: Terminal, platform: InProcessPlatform
) -> None:
    made = terminal.records.make_test(4)
    # Record 1: the platform already holds its id with other content (409 conflict).
    other = {"something": "else"}
    digest = protocol.content_hash(other)
    assert terminal.creds is not None
    body = {
        "record_id": made[1].record_id,
        "kind": "submission",
        "content_hash": digest,
        "created_at": "2026-01-01T00:00:00Z",
        "sequence": 999,
        "receipt_no": None,
        "payload": other,
        "attachments": [],
        "signature": protocol.b64encode(terminal.creds.signer.sign(protocol.record_signing_bytes(digest))),
    }
    envelope = protocol.record_envelope_bytes(
        record_id=made[1].record_id,
        kind="submission",
        receipt_no=None,
        sequence=999,
        terminal_id=terminal.creds.terminal_id,
        content_hash_hex=digest,
    )
    body["envelope_signature"] = protocol.b64encode(terminal.creds.signer.sign(envelope))
    headers = {"Authorization": f"Bearer {terminal.creds.token}", protocol.HEADER_TERMINAL: terminal.creds.terminal_id}
    assert httpx.post(platform.url + "/v1/records", json=body, headers=headers).status_code == 201
    # Record 2: its stored signature is damaged (400 from the platform).
    with terminal.db.write():
        terminal.db.conn.execute(
            "UPDATE records SET signature = ? WHERE record_id = ?", (protocol.b64encode(b"\0" * 64), made[2].record_id)
        )
    report = terminal.sync.run_until_idle(timeout_s=30)
    assert (report.delivered, report.quarantined, report.pending) == (2, 2, 0)
    q = {r.record_id: r for r in terminal.sync.quarantined()}
    assert q[made[1].record_id].quarantine_kind == "conflict" and q[made[1].record_id].http_status == 409
    assert q[made[2].record_id].quarantine_kind == "rejected" and q[made[2].record_id].http_status == 400
    assert "signature" in q[made[2].record_id].reason
    held = set(platform.store.record_ids())
    assert made[0].record_id in held and made[3].record_id in held
    # The conflicting record on the platform was never overwritten.
    assert platform.store.record(made[1].record_id)["content_hash"] == digest
    # Nothing is deleted locally: quarantined records are still there, whole.
    assert terminal.db.record_count() == 4


def test_retry_after_is_honoured(proxied: Terminal, proxy: FaultProxy) -> None:
    proxied.records.make_test(1)
    proxy.schedule("http:503:7")
    t0 = time.time()
    report = proxied.sync.run_once()
    assert report.failures == 1 and report.pending == 1
    entry = proxied.db.pending()[0]
    assert entry.next_attempt_at >= t0 + 7  # FAST backoff alone would be < 0.05 s
    assert "503" in (entry.last_error or "")
    # Not due yet: a new pass sends nothing.
    assert proxied.sync.run_once().delivered == 0
    assert [r for r in proxy.request_lines if r.startswith("POST")] == ["POST /v1/records"]
    proxied.sync.notify_online()  # connectivity news overrides the wait
    assert proxied.sync.run_once().delivered == 1


def test_upload_resumes_from_last_confirmed_byte(
    proxied: Terminal, proxy: FaultProxy, platform: InProcessPlatform
) -> None:
    made = proxied.records.make_test(1, attachment_kb=256)  # four 64 KiB chunks
    sha = made[0].attachments[0].sha256
    proxy.schedule("pass", "pass", "cut_request:5000")  # third chunk cut mid-body
    report = proxied.sync.run_once()
    assert report.failures == 1
    assert proxied.db.upload_progress(sha) == (128 * 1024, False)
    assert platform.store.attachment(sha)["received"] == 128 * 1024
    proxied.sync.notify_online()
    before = len(proxy.request_lines)
    assert proxied.sync.run_once().delivered == 1
    sent = [r.split(" ")[0] for r in proxy.request_lines[before:] if "/status" not in r]
    assert sent == ["PATCH", "PATCH", "POST"]  # the two remaining chunks + the record: nothing re-sent from byte 0
    assert _platform_blob(platform, sha) == proxied.files.path(sha).read_bytes()


def test_truncated_response_then_duplicate(proxied: Terminal, proxy: FaultProxy, platform: InProcessPlatform) -> None:
    made = proxied.records.make_test(1)
    proxy.schedule("cut_response:20")  # the record is stored, its answer is cut short
    report = proxied.sync.run_once()
    assert report.failures == 1
    assert "RemoteProtocolError" in (report.last_error or "") or "unreadable" in (report.last_error or "")
    proxied.sync.notify_online()
    again = proxied.sync.run_once()
    assert (again.delivered, again.duplicates) == (1, 1)
    assert platform.store.record_ids() == [made[0].record_id]


def test_faults_of_every_kind_still_deliver_exactly_once(
    proxied: Terminal, proxy: FaultProxy, platform: InProcessPlatform
) -> None:
    made = proxied.records.make_test(12, attachment_kb=100)
    proxy.schedule(
        "reset", "reset_after", "cut_request:300", "cut_response:10", "http:500", "http:503:0", "http:429:0",
        "replace:500", "blackhole",
    )  # fmt: skip
    proxied.sync.settings = dataclasses.replace(FAST, timeout_s=1.0)  # the blackhole costs one read timeout
    report = proxied.sync.run_until_idle(timeout_s=60)
    assert report.pending == 0 and report.quarantined == 0
    assert proxy.total_injected == 9
    # Every fault that hit a delivery request (not a health probe) cost exactly one failed, retried step.
    assert report.failures == len([line for line, _ in proxy.fault_log if "/v1/health" not in line])
    assert sorted(platform.store.record_ids()) == sorted(m.record_id for m in made)
    for m in made:
        sha = m.attachments[0].sha256
        assert _platform_blob(platform, sha) == proxied.files.path(sha).read_bytes()


def test_unreachable_at_start_then_probe_triggers_immediate_attempt(
    tmp_path: Path, platform: InProcessPlatform, proxy: FaultProxy
) -> None:
    home = tmp_path / "t"
    home.mkdir()
    # A generous HTTP timeout: on a loaded machine a slow answer must not count as a second failure (which would
    # legitimately wait out an hour-long backoff).
    slow = SyncSettings(backoff_base_s=3600, backoff_cap_s=3600, timeout_s=15, probe_interval_s=0.05)
    t = Terminal(home, proxy.url, enroll(platform.url, platform.enroll_code()), settings=slow)
    try:
        t.records.make_test(2)
        proxy.down = True
        first = t.sync.run_once()
        assert first.failures == 1 and first.pending == 2
        assert t.sync.status().last_error
        assert t.sync.probe() is False
        # The loop now waits up to an hour of backoff; the platform coming back is noticed by the probe.
        import threading

        result: list[object] = []
        runner = threading.Thread(target=lambda: result.append(t.sync.run_until_idle(timeout_s=60)))
        runner.start()
        proxy.down = False
        runner.join(60)
        assert not runner.is_alive()
        assert t.sync.status().pending == 0 and t.sync.status().delivered == 2
    finally:
        t.close()


def test_unreachable_platform_reports_clearly(tmp_path: Path, platform: InProcessPlatform) -> None:
    home = tmp_path / "t"
    home.mkdir()
    creds = enroll(platform.url, platform.enroll_code())
    t = Terminal(home, "http://127.0.0.1:9", creds)  # discard port: nothing listens
    try:
        t.records.make_test(1)
        report = t.sync.run_once()
        assert report.failures == 1 and report.pending == 1
        assert "unreachable" in (report.last_error or "")
        assert "unreachable" in (t.sync.status().last_error or "")
    finally:
        t.close()


def test_clock_years_off(tmp_path: Path, platform: InProcessPlatform, proxy: FaultProxy) -> None:
    home = tmp_path / "t"
    home.mkdir()
    offset = [20 * 365 * 86400.0]  # the terminal believes it is 20 years later
    t = Terminal(home, proxy.url, enroll(platform.url, platform.enroll_code()), clock=lambda: time.time() + offset[0])
    try:
        made = t.records.make_test(3)
        proxy.schedule("http:503")
        assert t.sync.run_once().failures == 1  # backoff scheduled on the far-future clock
        offset[0] = -20 * 365 * 86400.0  # someone "fixes" the clock to 20 years in the past
        report = t.sync.run_once()  # the far-away next_attempt_at must not park the queue for 40 years
        assert report.delivered == 3
        assert platform.store.record_ids() == [m.record_id for m in made]  # order by sequence, not clock
        assert t.sync.probe()
        assert abs(t.sync.server_offset() - 20 * 365 * 86400.0) < 60  # the offset to the platform is measured
        assert t.sync.now_iso()[:4] == time.strftime("%Y", time.gmtime())  # shown times use the platform clock
    finally:
        t.close()


def test_revoked_terminal_stops_without_quarantine(terminal: Terminal, platform: InProcessPlatform) -> None:
    terminal.records.make_test(2)
    assert terminal.creds is not None
    platform_main.revoke(platform.store, terminal.creds.terminal_id)
    report = terminal.sync.run_until_idle(timeout_s=10)
    assert report.pending == 2 and report.quarantined == 0
    assert "403" in (report.last_error or "")
    assert terminal.sync.status().pending == 2


def test_status_updates_pulled_by_cursor(terminal: Terminal, platform: InProcessPlatform) -> None:
    made = terminal.records.make_test(2)
    terminal.sync.run_until_idle(timeout_s=30)
    receipt = made[0].receipt_no
    assert receipt is not None
    platform_main.set_status(platform.store, receipt, protocol.STATUS_ACCEPTED)
    platform_main.set_status(platform.store, receipt, protocol.STATUS_REJECTED, "材料不全")
    report = terminal.sync.run_once()
    assert report.status_changes == 2
    st = terminal.records.status_of(receipt)
    assert st is not None and st["status"] == protocol.STATUS_REJECTED and st["note"] == "材料不全"
    assert [h["status"] for h in st["history"]] == [protocol.STATUS_ACCEPTED, protocol.STATUS_REJECTED]
    assert terminal.sync.run_once().status_changes == 0  # the cursor was stored with the page
    assert int(terminal.db.get_meta("status_cursor") or 0) > 0


def test_record_without_signature_is_signed_at_delivery(tmp_path: Path, platform: InProcessPlatform) -> None:
    home = tmp_path / "t"
    home.mkdir()
    t = Terminal(home, platform.url, None)  # records made before enrollment
    try:
        rec = t.records.finalise(
            kind="evaluation", payload={"rating": "满意"}, attachments=[AttachmentInput("a.txt", b"x")]
        )
        assert rec.receipt_no is None and stored_record(t.db, rec.record_id).signature is None
        t.creds = enroll(platform.url, platform.enroll_code())
        assert t.sync.run_once().delivered == 1
        assert stored_record(t.db, rec.record_id).signature is not None
        assert json.loads(stored_record(t.db, rec.record_id).payload)["rating"] == "满意"
    finally:
        t.close()


def test_platform_lacking_an_attachment_gets_it_again(terminal: Terminal, platform: InProcessPlatform) -> None:
    data = b"shared scan " * 1000
    first = terminal.records.finalise(kind="complaint", payload={"n": 1}, attachments=[AttachmentInput("a", data)])
    assert terminal.sync.run_once().delivered == 1
    # The platform loses the blob (restored from an older backup); the terminal still believes it is there.
    sha = first.attachments[0].sha256
    with platform.store._tx() as conn:
        conn.execute("DELETE FROM attachments WHERE sha256 = ?", (sha,))
    second = terminal.records.finalise(kind="complaint", payload={"n": 2}, attachments=[AttachmentInput("b", data)])
    report = terminal.sync.run_until_idle(timeout_s=30)
    assert report.delivered == 1 and report.failures == 1 and report.quarantined == 0
    assert "missing" in (report.last_error or "") or "does not hold" in (report.last_error or "")
    assert platform.store.record(second.record_id) is not None
    assert platform.store.attachment(sha)["complete"]


def test_platform_ahead_of_local_progress_is_adopted(
    proxied: Terminal, proxy: FaultProxy, platform: InProcessPlatform
) -> None:
    """Killed after the platform confirmed a chunk but before our commit: the platform's offset wins."""
    made = proxied.records.make_test(1, attachment_kb=256)
    sha = made[0].attachments[0].sha256
    proxy.schedule("pass", "pass", "reset")
    proxied.sync.run_once()
    assert proxied.db.upload_progress(sha) == (128 * 1024, False)
    proxied.db.set_upload_progress(sha, total=256 * 1024, confirmed=0, complete=False)  # our commit "lost"
    proxied.sync.notify_online()
    before = len(proxy.request_lines)
    assert proxied.sync.run_once().delivered == 1
    sent = [r.split(" ")[0] for r in proxy.request_lines[before:] if "/status" not in r]
    assert sent == ["PATCH", "PATCH", "PATCH", "POST"]  # offset 0 → 409 received=131072 → two chunks → record
    assert _platform_blob(platform, sha) == proxied.files.path(sha).read_bytes()


def test_damaged_local_attachment_is_quarantined_not_retried_forever(
    terminal: Terminal, platform: InProcessPlatform
) -> None:
    made = terminal.records.make_test(2, attachment_kb=8)
    path = terminal.files.path(made[0].attachments[0].sha256)
    path.write_bytes(b"bit rot" + path.read_bytes()[7:])  # the disk damaged the stored scan
    report = terminal.sync.run_until_idle(timeout_s=30)
    assert (report.delivered, report.quarantined, report.pending) == (1, 1, 0)
    (q,) = terminal.sync.quarantined()
    assert q.record_id == made[0].record_id and "damaged" in q.reason
    assert platform.store.record_ids() == [made[1].record_id]


def test_attachment_damaged_mid_upload_is_caught_by_the_platform_hash(
    proxied: Terminal, proxy: FaultProxy, platform: InProcessPlatform
) -> None:
    made = proxied.records.make_test(1, attachment_kb=256)
    sha = made[0].attachments[0].sha256
    proxy.schedule("pass", "pass", "reset")
    proxied.sync.run_once()
    assert proxied.db.upload_progress(sha) == (128 * 1024, False)
    path = proxied.files.path(sha)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF  # damage in the part not yet sent
    path.write_bytes(bytes(data))
    proxied.sync.notify_online()
    report = proxied.sync.run_once()
    assert report.quarantined == 1 and report.delivered == 0
    assert "damaged" in proxied.sync.quarantined()[0].reason
    assert not platform.store.attachment(sha)  # the platform discarded the mismatching upload


def test_platform_denying_attachments_it_just_confirmed_is_quarantined(tmp_path: Path) -> None:
    from typing import Any

    from sync.platform.server import ThreadedServer

    store = platform_main.open_store(tmp_path / "platform")
    inner = platform_main.build_app(store, DEMO_CATALOG)

    async def forgetful(scope: Any, receive: Any, send: Any) -> None:
        """A broken platform: it forgets every attachment just before taking a record."""
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == "/v1/records":
            with store._tx() as conn:
                conn.execute("DELETE FROM attachments")
        await inner(scope, receive, send)

    server = ThreadedServer(forgetful).start()
    home = tmp_path / "t"
    home.mkdir()
    t = Terminal(home, server.url, enroll(server.url, platform_main.enroll_code(store, "532524103205")))
    try:
        with_file = t.records.finalise(kind="complaint", payload={"n": 1}, attachments=[AttachmentInput("a", b"x")])
        plain = t.records.finalise(kind="complaint", payload={"n": 2})
        report = t.sync.run_until_idle(timeout_s=30)
        assert (report.delivered, report.quarantined, report.pending) == (1, 1, 0)
        (q,) = t.sync.quarantined()
        assert q.record_id == with_file.record_id and q.http_status == 422 and "just confirmed" in q.reason
        assert store.record_ids() == [plain.record_id]
    finally:
        t.close()
        server.stop()
        store.close()


def test_slow_narrow_link_and_a_link_flap(proxied: Terminal, proxy: FaultProxy, platform: InProcessPlatform) -> None:
    proxy.latency_s = 0.005
    proxy.bandwidth_bps = 4_000_000  # a village uplink: every write is paced in 16 KiB slices
    made = proxied.records.make_test(3, attachment_kb=100)
    assert proxied.sync.run_until_idle(timeout_s=60).delivered == 3
    proxy.drop_connections()  # the kept-alive connection is reset under the client's feet
    made += proxied.records.make_test(2, attachment_kb=100)
    report = proxied.sync.run_until_idle(timeout_s=60)
    assert report.pending == 0 and report.quarantined == 0
    assert platform.store.record_ids() == [m.record_id for m in made]
    for m in made:
        sha = m.attachments[0].sha256
        assert _platform_blob(platform, sha) == proxied.files.path(sha).read_bytes()
