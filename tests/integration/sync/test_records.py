"""records.db and RecordsService: one transaction per record, receipt numbers, atomic attachments, failure cases."""

from __future__ import annotations

import datetime as dt
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.context import AppContext
from app.errors import UserError
from app.model.records import AttachmentInput
from app.records.service import AttachmentStore, RecordsService, format_receipt_no, iso7064_mod11_2, validate_receipt_no
from local_db.records.store import RecordsDB, RecordsLockedError, migrations
from tests.support.platform import REPO, YUNBAN

TERMINAL = "53252410320501"


def _service(home: Path, clock: Callable[[], float] | None = None, busy_ms: int = 5000) -> RecordsService:
    db = RecordsDB(home / "records.db", busy_timeout_ms=busy_ms)
    return RecordsService(db, AttachmentStore(home / "attachments"), terminal_code=TERMINAL, clock=clock)


def test_pragmas_and_schema(tmp_path: Path) -> None:
    db = RecordsDB(tmp_path / "records.db")
    conn = db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"records", "attachments", "record_attachments", "outbox", "upload_progress", "status_changes"} <= names
    assert {"sync_meta", "receipt_counters", "_sqlite_migrations"} <= names
    db.close()
    again = RecordsDB(tmp_path / "records.db")  # reopening applies nothing twice
    assert again.conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(migrations._migrations)
    again.close()


def test_finalise_writes_record_attachment_and_outbox_together(tmp_path: Path) -> None:
    svc = _service(tmp_path)
    rec = svc.finalise(
        kind="submission",
        payload={"item_code": "X", "form": {"name": "张三"}},
        attachments=[AttachmentInput("scan.jpg", b"\xff\xd8" + os.urandom(5000))],
    )
    assert rec.receipt_no and validate_receipt_no(rec.receipt_no) and rec.receipt_no.startswith(TERMINAL)
    entry = svc.db.outbox_entry(rec.record_id)
    assert entry is not None and entry.stage == "attachments" and entry.record.seq == rec.seq
    sha = rec.attachments[0].sha256
    assert svc.store.path(sha).read_bytes()[:2] == b"\xff\xd8" and svc.store.verify(sha)
    assert svc.db.has_attachment(sha)
    # Same record id again: the whole transaction is refused, nothing half-written, the receipt counter unchanged.
    with pytest.raises(sqlite3.IntegrityError):
        svc.finalise(kind="submission", payload={"n": 2}, record_id=rec.record_id)
    assert svc.db.record_count() == 1 and svc.db.outbox_counts()["attachments"] == 1
    nxt = svc.finalise(kind="submission", payload={"n": 3})
    assert nxt.receipt_no is not None and nxt.receipt_no[20:24] == "0002"
    # Evaluations get no receipt number; unknown kinds are refused.
    assert svc.finalise(kind="evaluation", payload={"rating": "满意"}).receipt_no is None
    with pytest.raises(UserError):
        svc.finalise(kind="letter", payload={})


def test_make_test_records_are_marked(tmp_path: Path) -> None:
    svc = _service(tmp_path)
    made = svc.make_test(3, attachment_kb=4)
    assert [m.seq for m in made] == [1, 2, 3]
    assert len({m.attachments[0].sha256 for m in made}) == 3
    assert all(m.is_test for m in made)
    row = svc.db.get_record(made[0].record_id)
    assert row is not None and '"test_record":true' in row.payload and "测试记录" in row.payload


def test_receipt_numbers_unique_per_day_even_when_the_clock_goes_back(tmp_path: Path) -> None:
    now = [time.time()]
    svc = _service(tmp_path, clock=lambda: now[0])
    first = [svc.finalise(kind="submission", payload={"n": i}).receipt_no for i in range(5)]
    now[0] -= 3 * 86400  # clock set back three days and then forward again
    back = [svc.finalise(kind="submission", payload={"n": i}).receipt_no for i in range(3)]
    now[0] += 3 * 86400
    later = [svc.finalise(kind="submission", payload={"n": i}).receipt_no for i in range(3)]
    all_numbers = first + back + later
    assert len(set(all_numbers)) == len(all_numbers)
    assert all(n is not None and validate_receipt_no(n) for n in all_numbers)
    assert [n[20:24] for n in later if n] == ["0006", "0007", "0008"]


def test_receipt_layout_and_check_character() -> None:
    assert iso7064_mod11_2("11010519491231002") == "X"  # the GB 11643 example
    number = format_receipt_no(TERMINAL, dt.date(2026, 11, 27), 1)
    assert number == TERMINAL + "261127" + "0001" + iso7064_mod11_2(TERMINAL + "2611270001")
    assert len(number) == 25 and validate_receipt_no(number) and validate_receipt_no(number.lower())
    assert not validate_receipt_no(TERMINAL + "261332" + "0001" + "0")  # no 32 March... nor month 13
    assert not validate_receipt_no(number[:-1])
    with pytest.raises(ValueError):
        format_receipt_no(TERMINAL, dt.date(2026, 1, 1), 10000)


@given(
    division=st.from_regex(r"\d{12}", fullmatch=True),
    terminal=st.integers(1, 99),
    day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    seq=st.integers(1, 9999),
    pos=st.integers(0, 23),
    delta=st.integers(1, 9),
)
def test_any_single_digit_error_is_detected(
    division: str, terminal: int, day: dt.date, seq: int, pos: int, delta: int
) -> None:
    number = format_receipt_no(f"{division}{terminal:02d}", day, seq)
    assert validate_receipt_no(number)
    wrong = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    assert not validate_receipt_no(wrong)


def test_attachment_write_is_atomic(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "att")
    sha, size = store.put_bytes(b"hello")
    assert size == 5 and store.path(sha).read_bytes() == b"hello"
    assert not [p for p in (tmp_path / "att").iterdir() if p.name.startswith(".tmp")]
    assert store.put_bytes(b"hello") == (sha, 5)  # content-addressed: same bytes, same file


def _limited_make_test(home: Path, limit: int) -> subprocess.CompletedProcess[str]:
    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a signal, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [*YUNBAN, "records", "make-test", "--count", "1", "--attachment-kb", "2048", "--home", str(home)],
        env={**os.environ, "YUNBAN_LANG": "en", "YUNBAN_KEYRING_PASSPHRASE": "test"},  # never stored unencrypted
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_files,
    )


def test_disk_full_while_writing_an_attachment(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")
    _service(home).db.close()  # records.db exists before space runs out
    out = _limited_make_test(home, 1024 * 1024)  # no file may grow past 1 MiB: the 2 MiB attachment cannot fit
    assert out.returncode == 2, out.stderr
    assert "attachment not stored" in out.stderr and "no space" in out.stderr
    assert "Traceback" not in out.stderr
    svc = _service(home)
    assert svc.db.record_count() == 0 and svc.db.outbox_counts()["attachments"] == 0
    assert svc.db.integrity_check() == "ok"
    leftovers = [p for p in (home / "attachments").rglob("*") if p.is_file()]
    assert leftovers == []  # the half-written temporary file was removed, nothing counted as stored
    svc.make_test(1, attachment_kb=64)  # space back: it works
    assert svc.db.record_count() == 1


def test_disk_full_on_a_real_tiny_tmpfs(tmp_path: Path) -> None:
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)]).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    try:
        svc = _service(mnt)
        svc.make_test(1, attachment_kb=16)
        with pytest.raises(UserError) as refused:
            svc.make_test(1, attachment_kb=2048)
        assert refused.value.code == "records.attachment_disk_full"
        assert svc.db.record_count() == 1 and svc.db.integrity_check() == "ok"
        assert not [p for p in (mnt / "attachments").iterdir() if p.name.startswith(".tmp")]
        svc.db.close()
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_records_db_locked_by_another_process(tmp_path: Path) -> None:
    svc = _service(tmp_path, busy_ms=300)
    svc.make_test(1)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('BEGIN EXCLUSIVE'); c.execute('DELETE FROM sync_meta'); print('locked', flush=True); "
            "sys.stdin.read()",
            str(tmp_path / "records.db"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(UserError, match="locked by another process"):
            svc.make_test(1)
        with pytest.raises(RecordsLockedError):
            svc.db.set_meta("x", "y")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(10)
    assert svc.db.record_count() == 1 and svc.db.integrity_check() == "ok"
    svc.make_test(1)
    assert svc.db.record_count() == 2 and svc.db.outbox_counts()["record"] == 2


def test_sigkill_while_finalising_leaves_no_half_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text('[keyring]\nbackend = "file"\n', encoding="utf-8")  # never unencrypted
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "test")  # this test's child and its AppContext below
    proc = subprocess.Popen(
        [*YUNBAN, "records", "make-test", "--count", "100000", "--attachment-kb", "32", "--home", str(home)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db_path = home / "records.db"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # strike once some records are committed
        if db_path.exists():
            try:
                with sqlite3.connect(db_path) as c:
                    if c.execute("SELECT COUNT(*) FROM records").fetchone()[0] >= 5:
                        break
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    # Open the terminal as the killed command did, so its attachment store has the same cipher (encrypted at rest
    # when a keystore is available, as under scripts/with-services.sh).
    ctx = AppContext(home)
    svc = ctx.records
    assert svc.db.integrity_check() == "ok"
    n = svc.db.record_count()
    assert n >= 5
    counts = svc.db.outbox_counts()
    assert counts["attachments"] == n  # every record has its outbox row, and no outbox row lacks its record
    for row in svc.db.pending():
        assert len(row.attachments) == 1 and svc.store.verify(row.attachments[0].sha256)
    seqs = [row.record.seq for row in svc.db.pending()]
    assert seqs == list(range(1, n + 1))
    svc.make_test(1)  # and the terminal carries on
    assert svc.db.record_count() == n + 1
    ctx.close()


def test_receipt_numbers_run_out_clearly(tmp_path: Path) -> None:
    now = time.time()
    svc = _service(tmp_path, clock=lambda: now)
    day = dt.datetime.fromtimestamp(now, dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    with svc.db.write():
        svc.db.conn.execute("INSERT INTO receipt_counters(day, last) VALUES (?, 9998)", (day,))
    receipt_no = svc.finalise(kind="submission", payload={}).receipt_no
    assert receipt_no is not None and receipt_no.endswith("9999", 0, 24)
    with pytest.raises(UserError) as refused:
        svc.finalise(kind="submission", payload={})
    assert refused.value.code == "records.receipts_used_up" and "used up" in refused.value.message("en")
    assert svc.db.record_count() == 1  # the refused record left nothing behind
    assert svc.finalise(kind="evaluation", payload={}).receipt_no is None  # other kinds carry on
