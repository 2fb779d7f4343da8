"""The streamed hand-over bundle (format 2, `sync.handover`): segments sealed one by one, so the bundle is never held
whole, and still nothing slips through. With the real CLI, keystores and the loopback platform:

- a bundle cut short in the middle of a segment, or exactly at a segment boundary, a byte flipped in a late segment,
  a segment swapped in from another bundle of the same laptop: refused before anything is stored (the platform
  authenticates the whole bundle before its first record), told as such;
- the same bundle imported again after its acknowledgement was applied: every record `duplicate`, nothing marked
  twice;
- a bundle written by an older laptop (format 1) still imports;
- an attachment larger than a segment streams through whole;
- `yunban platform import-bundle` killed while it stores records, and `yunban sync import-ack` killed while it marks
  them: run again, every record is on the platform once and marked delivered once;
- `yunban sync import` reports its progress in bytes up to the total;
- a stick that fills up during the export leaves no bundle, no part of one, and nothing marked.
"""

# ruff: noqa: F811  (the `terminals` fixture comes from test_handover.py)
from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.records.export import read_bundle
from app.sync import handover as app_handover
from local_db.records.store import RecordsDB
from sync.handover import MAGIC, SEGMENT, TAG, seal_bundle
from tests.integration.sync.test_handover import PASSPHRASE, Terminal, terminals  # noqa: F401 (fixture)
from tests.support.platform import REPO, YUNBAN, InProcessPlatform

SEALED = SEGMENT + TAG


def _export(laptop: Terminal, stick: Path, count: int, kb: int) -> tuple[Path, int]:
    laptop.json("records", "make-test", "--count", str(count), "--attachment-kb", str(kb))
    exported = laptop.json("sync", "export", str(stick))
    return Path(exported["path"]), int(exported["records"])


def _segments_start(data: bytes) -> int:
    assert data.startswith(MAGIC)
    return data.index(b"\n", len(MAGIC)) + 1


def _refused(township: Terminal, platform: InProcessPlatform, bundle: Path, *, said: str) -> None:
    """Relayed and imported directly: refused (exit 2) with `said` in the message, nothing stored, no ack."""
    before = platform.store.stats()["records"]
    code, _, err = township("sync", "import", str(bundle))
    assert code == 2 and said in err, err
    code, _, err = township("platform", "import-bundle", "--data", str(platform.data), str(bundle))
    assert code == 2 and said in err, err
    assert platform.store.stats()["records"] == before
    assert not bundle.with_suffix(".yback").exists()


def test_cut_flipped_and_swapped_segments_are_refused_before_anything_is_stored(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    # 4 records of 700 KiB: a bundle of 3 sealed segments and a shorter last one.
    first, _ = _export(laptop, tmp_path / "stick1", count=4, kb=700)
    second, _ = _export(laptop, tmp_path / "stick2", count=1, kb=16)  # holds the same 4 again, under another key
    data, other = first.read_bytes(), second.read_bytes()
    start = _segments_start(data)
    assert len(data) - start > 2 * SEALED  # really several segments
    bad = tmp_path / "bad"
    bad.mkdir()

    mid = bad / "cut-mid-segment.ybx"
    mid.write_bytes(data[: start + SEALED + SEALED // 2])
    _refused(township, platform, mid, said="changed after export")  # the cut segment does not open

    boundary = bad / "cut-at-boundary.ybx"
    boundary.write_bytes(data[: start + 2 * SEALED])
    _refused(township, platform, boundary, said="cut short")  # every segment opens, but not as the last one

    flipped = bytearray(data)
    flipped[len(data) - 100] ^= 0x01  # in the last segment: everything before it is authentic
    late = bad / "flipped-late.ybx"
    late.write_bytes(bytes(flipped))
    _refused(township, platform, late, said="changed after export")

    other_start = _segments_start(other)
    swapped = bad / "swapped.ybx"
    swapped.write_bytes(data[:start] + other[other_start : other_start + SEALED] + data[start + SEALED :])
    _refused(township, platform, swapped, said="changed after export")

    # The untouched bundles still go through whole.
    relayed = township.json("sync", "import", str(first))
    assert relayed["results"] == {"stored": relayed["records"]}


def test_a_township_terminal_with_the_passphrase_refuses_a_cut_bundle_without_uploading(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, _ = _export(laptop, tmp_path / "stick", count=3, kb=700)
    secret = tmp_path / "county.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    township.json("sync", "export-passphrase", "--from-file", str(secret))
    data = bundle.read_bytes()
    bundle.write_bytes(data[: _segments_start(data) + SEALED])
    code, _, err = township("sync", "import", str(bundle))
    assert code == 2 and "交接包打不开" in err
    assert platform.store.attachment(hashlib.sha256(bundle.read_bytes()).hexdigest()) is None


def test_replay_after_the_acknowledgement_stores_and_marks_nothing_twice(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, n = _export(laptop, tmp_path / "stick", count=3, kb=64)
    relayed = township.json("sync", "import", str(bundle))
    assert relayed["results"] == {"stored": n}
    applied = laptop.json("sync", "import-ack", relayed["ack"])
    assert len(applied["marked_delivered"]) == n
    held = platform.store.stats()["records"]

    # The stick is handed in again, at the hall and at the county.
    again = township.json("sync", "import", str(bundle))
    assert again["results"] == {"duplicate": n} and again["first_import"] is False
    direct = township.json("platform", "import-bundle", "--data", str(platform.data), str(bundle))
    assert direct["results"] == {"duplicate": n} and direct["first_import"] is False
    assert platform.store.stats()["records"] == held
    # Their acknowledgements, carried back: nothing more to mark.
    for ack in (again["ack"], direct["ack"]):
        replayed = laptop.json("sync", "import-ack", ack)
        assert replayed["marked_delivered"] == [] and len(replayed["already_delivered"]) == n
    assert laptop.json("sync", "status")["delivered"] == n


def test_a_format_1_bundle_from_an_older_laptop_still_imports(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, n = _export(laptop, tmp_path / "stick", count=2, kb=16)
    # The same records as an older laptop wrote them: one AES-GCM ciphertext of a ZIP.
    manifest, files = read_bundle(bundle, PASSPHRASE)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    old = tmp_path / "stick" / "old-laptop.ybx"
    old.write_bytes(seal_bundle(buf.getvalue(), PASSPHRASE, records=n))
    assert old.read_bytes().startswith(b"YBX1\n")
    relayed = township.json("sync", "import", str(old))
    assert relayed["results"] == {"stored": n} and relayed["records"] == len(manifest["records"])
    assert len(laptop.json("sync", "import-ack", relayed["ack"])["marked_delivered"]) == n


def test_an_attachment_larger_than_a_segment_streams_through_whole(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, n = _export(laptop, tmp_path / "stick", count=1, kb=2600)  # 2.5 segments in one attachment
    _, files = read_bundle(bundle, PASSPHRASE)
    [sha] = [name.removeprefix("attachments/") for name in files if name.startswith("attachments/")]
    relayed = township.json("sync", "import", str(bundle), "--progress", "json")
    assert relayed["results"] == {"stored": n}
    state = platform.store.attachment(sha)
    assert state is not None and state["complete"] and state["length"] == len(files[f"attachments/{sha}"])
    assert platform.store.blob_path(sha).stat().st_size == 2600 * 1024


def test_sync_import_reports_bytes_up_to_the_total(tmp_path: Path, platform: InProcessPlatform, terminals: Any) -> None:
    laptop, township = terminals
    bundle, _ = _export(laptop, tmp_path / "stick", count=3, kb=700)
    code, out, err = township("sync", "import", str(bundle), "--json", "--progress", "json")
    assert code == 0, err
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert lines and lines[-1]["event"] == "done"
    total = 2 * bundle.stat().st_size  # read once to hash it, once to upload it
    assert lines[-1]["total_bytes"] == total and lines[-1]["bytes"] == total
    done = [line["bytes"] for line in lines]
    assert done == sorted(done) and lines[0]["total_bytes"] == total  # the total known from the start
    assert json.loads(out)["records"] >= 3
    # As plain lines (no terminal): once the bytes are all up, it says the platform is importing (a large bundle
    # takes minutes there, under a full bar).
    again, _ = _export(laptop, tmp_path / "stick2", count=1, kb=64)
    code, out, err = township("sync", "import", str(again), "--progress", "plain")
    assert code == 0, err
    waiting = [line for line in err.splitlines() if "平台正在核验并导入" in line]
    lines = [line for line in err.splitlines() if line.startswith("sync import: ")]
    assert len(waiting) == 1 and lines.index(waiting[0]) > 0, err  # after the bytes' lines, said once


def _child(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*YUNBAN, *args], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def _has_open(pid: int, path: Path) -> bool:
    """Whether process `pid` has `path` open (its /proc fd links)."""
    target = str(path.resolve())
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(fd) == target:
                return True
        except OSError:
            continue
    return False


def test_import_and_ack_killed_midway_then_run_again_lose_and_double_nothing(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, n = _export(laptop, tmp_path / "stick", count=150, kb=24)
    before = platform.store.stats()["records"]

    # The operator's import killed (SIGKILL) once it has stored some records but not all.
    proc = _child(township.env, "platform", "import-bundle", "--data", str(platform.data), str(bundle))
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        stored = platform.store.stats()["records"] - before
        if stored >= 5:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed midway"
    held = platform.store.stats()["records"] - before
    assert 0 < held < n  # killed midway: a prefix of authentic records, no acknowledgement written
    assert not bundle.with_suffix(".yback").exists()

    again = township.json("platform", "import-bundle", "--data", str(platform.data), str(bundle))
    assert again["results"].get("duplicate", 0) >= held and sum(again["results"].values()) == n
    assert set(again["results"]) <= {"stored", "duplicate"}
    assert platform.store.stats()["records"] - before == n  # each record once

    # The acknowledgement applied by a process killed at points spread over its work on records.db (counted from
    # the moment it has the database open); each kill leaves every batch whole or absent. Then applied once more
    # to the end: every record marked once.
    records_db = laptop.home / "records.db"
    killed_at: list[float] = []
    # (Measured here: killed 0.05 s after the open nothing was marked yet, 0.1 s after all was: the kills bracket
    # the transaction; the finer steps between land in it when the machine's load allows.)
    for delay in (0.0, 0.03, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.2, 0.4, 0.8):
        proc = _child(laptop.env, "sync", "import-ack", again["ack"])
        while proc.poll() is None and not _has_open(proc.pid, records_db):
            time.sleep(0.002)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed_at.append(delay)
        proc.wait()
        db = RecordsDB(records_db, quick_check=False)
        try:
            delivered = db.outbox_counts()["delivered"]
        finally:
            db.close()
        assert delivered in range(0, n + 1)
        assert delivered % app_handover.ACK_BATCH == 0 or delivered == n  # whole batches only
        if delivered == n:
            break
    assert killed_at, "import-ack always finished before the first kill"
    final = laptop.json("sync", "import-ack", again["ack"])
    assert len(final["marked_delivered"]) + len(final["already_delivered"]) == n
    assert laptop.json("sync", "status")["delivered"] == n


def test_an_acknowledgement_interrupted_between_batches_resumes(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches commit one by one: stopped after the first, the first stays marked, the rest are marked by the
    next run, none twice."""
    laptop, township = terminals
    bundle, n = _export(laptop, tmp_path / "stick", count=5, kb=4)
    ack = township.json("sync", "import", str(bundle))["ack"]
    monkeypatch.setattr(app_handover, "ACK_BATCH", 2)
    real = RecordsDB.mark_delivered_many
    calls: list[int] = []

    def dies_after_first_batch(self: RecordsDB, entries: Any, **kw: Any) -> list[str]:
        calls.append(len(entries))
        if len(calls) == 2:
            raise SystemExit(137)  # the process is gone before the second batch
        return real(self, entries, **kw)

    monkeypatch.setattr(RecordsDB, "mark_delivered_many", dies_after_first_batch)
    with pytest.raises(SystemExit):
        laptop("sync", "import-ack", ack)
    assert laptop.json("sync", "status")["delivered"] == 2
    monkeypatch.setattr(RecordsDB, "mark_delivered_many", real)
    applied = laptop.json("sync", "import-ack", ack)
    assert len(applied["already_delivered"]) == 2 and len(applied["marked_delivered"]) == n - 2
    assert laptop.json("sync", "status")["delivered"] == n


def test_a_stick_that_fills_up_mid_export_leaves_no_bundle_and_nothing_marked(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    """The bundle is written as it is read: the stick filling up (here a file-size limit, EFBIG, on the exporting
    process) stops it midway; the part written is removed, the command says why, the records stay pending."""
    import resource

    laptop, _ = terminals
    laptop.json("records", "make-test", "--count", "3", "--attachment-kb", "700")
    pending = laptop.json("sync", "status")["pending"]
    stick = tmp_path / "small-stick"

    def small_stick() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1536 * 1024, 1536 * 1024))

    out = subprocess.run([*YUNBAN, "sync", "export", str(stick), "--json"], cwd=REPO, env=laptop.env,
                         capture_output=True, text=True, preexec_fn=small_stick, timeout=120)  # fmt: skip
    assert out.returncode == 2, out.stdout + out.stderr
    reply = json.loads(out.stdout.strip().splitlines()[-1])
    assert reply["code"] == "records.export_failed" and "File too large" in reply["error"], reply
    assert not stick.exists() or list(stick.iterdir()) == []
    assert laptop.json("sync", "status")["pending"] >= pending  # nothing marked (the export's own audit batch aside)
    exported = laptop.json("sync", "export", str(stick))
    assert Path(exported["path"]).stat().st_size > 1536 * 1024 and [p.name for p in stick.iterdir()] == [
        Path(exported["path"]).name
    ]
