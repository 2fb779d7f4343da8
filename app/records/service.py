"""Finalising records: the record and its outbox row in one transaction, attachments in a content-addressed store.

Contract: a finalised record is immutable, signed (once enrolled), numbered with a receipt number unique without
network (docs/receipt-number.md) and delivered by the outbox exactly once; failures raise `UserError` (records.*).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import io
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from app.errors import UserError
from app.identity.checksums import iso7064_mod11_2
from app.model.records import RECORD_KINDS, AttachmentInput, FinalisedRecord, StoredAttachment
from app.records import messages
from local_db.records.store import AttachmentRow, RecordsDB, RecordsDBError, RecordsDiskFullError, RecordsLockedError
from sync.protocol import Signer, b64encode, canonical_json, content_hash, record_envelope_bytes, record_signing_bytes

__all__ = [
    "AttachmentStore",
    "RecordsService",
    "format_receipt_no",
    "iso7064_mod11_2",
    "validate_receipt_no",
]

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")
"""Receipt dates are the terminal's local date in China Standard Time (UTC+8, no daylight saving)."""

_RECEIPT_RE = re.compile(r"^(\d{12})(\d{2})(\d{6})(\d{4})([0-9X])$")
_CHUNK = 1024 * 1024


def format_receipt_no(terminal_code: str, day: dt.date, sequence: int) -> str:
    """`<division 12><terminal 2><YYMMDD><sequence 4><check>` (25 characters), see docs/receipt-number.md."""
    if not re.fullmatch(r"\d{14}", terminal_code):
        raise ValueError("terminal code must be 14 digits: 12-digit division code + 2-digit terminal number")
    if not 1 <= sequence <= 9999:
        raise ValueError("receipt sequence must be 1..9999 per terminal and day")
    body = f"{terminal_code}{day:%y%m%d}{sequence:04d}"
    return body + iso7064_mod11_2(body)


def validate_receipt_no(receipt_no: str) -> bool:
    """True if `receipt_no` has the layout of docs/receipt-number.md, a real date and a correct check character."""
    m = _RECEIPT_RE.match(receipt_no.strip().upper())
    if not m:
        return False
    division, terminal, yymmdd, seq, check = m.groups()
    try:
        dt.datetime.strptime(yymmdd, "%y%m%d")
    except ValueError:
        return False
    if int(seq) == 0 or terminal == "00":
        return False
    return iso7064_mod11_2(division + terminal + yymmdd + seq) == check


def _utc_iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class AttachmentStore:
    """Content-addressed files (name = SHA-256 of the bytes) written atomically.

    Attachments (附件) live beside records.db in `attachments/<first two hex digits>/<sha256>`. A blob is written to a
    temporary file in the same directory, fsynced, renamed over its final name and the directory fsynced; only then
    is it counted in the `attachments` table. A full disk (ENOSPC) or a file-size limit (EFBIG) therefore never
    leaves a half file counted as stored: the temporary file is removed and the caller gets a clear `UserError`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put_stream(self, stream: BinaryIO) -> tuple[str, int]:
        """Copy a stream into the store; returns (sha256, size). Raises UserError on a full disk."""
        size = 0

        def write(out: BinaryIO) -> str:
            nonlocal size
            digest = hashlib.sha256()
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            return digest.hexdigest()

        return self._write_atomically(write), size

    def _write_atomically(self, write: Callable[[BinaryIO], str]) -> str:
        """Run `write(temporary file)`, which returns the SHA-256 naming the content, then fsync, rename into place
        and fsync the directory. Any OSError (a full disk: ENOSPC, EFBIG, EDQUOT) removes the temporary file and
        becomes a UserError, so nothing half-written is ever counted as stored."""
        _private_dir(self.root)
        tmp = self.root / f".tmp-{uuid.uuid4().hex}"
        try:
            # 0600 and 0700 whatever the umask: attachments are personal data (scans of ID cards).
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
                sha = write(out)
                out.flush()
                os.fsync(out.fileno())
            final = self.path(sha)
            _private_dir(final.parent)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                raise UserError(messages.ATTACHMENT_DISK_FULL, error=exc.strerror) from exc
            raise UserError(messages.ATTACHMENT_NOT_STORED, error=exc) from exc
        return sha

    def remove_stale_temporaries(self, older_than_s: float = 60.0) -> int:
        """Delete `.tmp-*` files older than `older_than_s` (left by a writer killed mid-write; a live writer's file
        is younger); returns how many were removed."""
        removed = 0
        if not self.root.is_dir():
            return 0
        cutoff = time.time() - older_than_s
        for entry in os.scandir(self.root):
            if not (entry.name.startswith(".tmp-") and entry.is_file(follow_symlinks=False)):
                continue
            with contextlib.suppress(FileNotFoundError):
                if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
        return removed

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        return self.put_stream(io.BytesIO(data))

    def read_range(self, sha256: str, offset: int, length: int) -> bytes:
        with open(self.path(sha256), "rb") as f:
            f.seek(offset)
            return f.read(length)

    def hashes(self) -> Iterator[tuple[str, float]]:
        """(sha256, modification time) of every stored blob (temporary files excluded)."""
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if not (len(sub.name) == 2 and sub.is_dir()):
                continue
            for entry in os.scandir(sub):
                if entry.is_file() and re.fullmatch(r"[0-9a-f]{64}", entry.name):
                    yield entry.name, entry.stat().st_mtime

    def remove(self, sha256: str) -> bool:
        """Delete a blob (one that nothing refers to any more); True if it existed."""
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def verify(self, sha256: str) -> bool:
        """True if the stored file still hashes to its name."""
        digest = hashlib.sha256()
        try:
            with open(self.path(sha256), "rb") as f:
                while chunk := f.read(_CHUNK):
                    digest.update(chunk)
        except OSError:
            return False
        return digest.hexdigest() == sha256


def _private_dir(path: Path) -> None:
    """Create `path` (and parents) 0700 whatever the umask; an existing one is narrowed to 0700."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class RecordsService:
    """Finalise records (record + outbox row in one transaction) and read them back: what the apply flow and
    `yunban records make-test` use to turn a record into an immutable, signed, numbered entry of `records.db`."""

    def __init__(
        self,
        db: RecordsDB,
        store: AttachmentStore,
        *,
        terminal_code: str | Callable[[], str],
        signer: Callable[[], Signer | None] = lambda: None,
        terminal_id: Callable[[], str | None] = lambda: None,
        clock: Callable[[], float] | None = None,
        on_receipt: Callable[[str, int], None] | None = None,
    ) -> None:
        """`terminal_id` is the enrolled terminal's id (the envelope signature names it); `on_receipt(day, sequence)`
        runs inside the finalising transaction after a receipt sequence is taken (the keystore's numbering marker,
        `app.records.marker`): if it raises, nothing is stored."""
        self.db = db
        self.store = store
        self._terminal_code = terminal_code
        self._signer = signer
        self._terminal_id = terminal_id
        self._on_receipt = on_receipt
        self._clock = clock or time.time

    @property
    def terminal_code(self) -> str:
        """Division code + terminal number (14 digits), read afresh when given as a callable (it changes at
        enrollment)."""
        code = self._terminal_code
        return code() if callable(code) else code

    def finalise(
        self,
        *,
        kind: str,
        payload: dict[str, Any],
        attachments: Sequence[AttachmentInput] = (),
        with_receipt: bool | None = None,
        is_test: bool = False,
        record_id: str | None = None,
    ) -> FinalisedRecord:
        """Make a record immutable: store attachments, hash and sign the canonical payload, number it, enqueue it.

        Submissions get a receipt number unless `with_receipt=False`. `payload` must not use the keys
        `attachments` or `test_record`: the service adds them (the attachment list is part of the signed content).
        """
        if kind not in RECORD_KINDS:
            raise UserError(messages.UNKNOWN_KIND, kind=kind, known=", ".join(RECORD_KINDS))
        if "attachments" in payload or "test_record" in payload:
            raise ValueError("payload keys 'attachments' and 'test_record' are reserved")
        stored = [self._store(att) for att in attachments]
        now = self._clock()
        body: dict[str, Any] = dict(payload)
        body["attachments"] = [{"sha256": a.sha256, "name": a.name, "size": a.size} for a in stored]
        if is_test:
            body["test_record"] = True
        payload_text = canonical_json(body).decode("utf-8")
        chash = content_hash(body)
        signer = self._signer()
        signature = b64encode(signer.sign(record_signing_bytes(chash))) if signer is not None else None
        rid = record_id or str(uuid.uuid4())
        created_at = _utc_iso(now)
        receipt_wanted = kind == "submission" if with_receipt is None else with_receipt
        terminal_code = self.terminal_code if receipt_wanted else ""
        try:
            with self.db.write():
                receipt_no = None
                if receipt_wanted:
                    day = dt.datetime.fromtimestamp(now, CHINA_TZ).date()
                    sequence = self.db.next_receipt_sequence(day.isoformat())
                    if sequence > 9999:
                        raise UserError(messages.RECEIPTS_USED_UP, day=day)
                    receipt_no = format_receipt_no(terminal_code, day, sequence)
                    if self._on_receipt is not None:
                        self._on_receipt(day.isoformat(), sequence)
                for att in stored:
                    self.db.add_attachment(att.sha256, att.size, created_at)
                seq = self.db.insert_record(
                    record_id=rid,
                    kind=kind,
                    receipt_no=receipt_no,
                    created_at=created_at,
                    payload=payload_text,
                    content_hash=chash,
                    signature=signature,
                    is_test=is_test,
                    attachments=[AttachmentRow(a.sha256, a.name, a.size) for a in stored],
                )
                terminal_id = self._terminal_id() if signer is not None and signature is not None else None
                if signer is not None and signature is not None and terminal_id is not None:
                    envelope = record_envelope_bytes(
                        record_id=rid,
                        kind=kind,
                        receipt_no=receipt_no,
                        sequence=seq,
                        terminal_id=terminal_id,
                        content_hash_hex=chash,
                    )
                    self.db.set_signature(rid, signature, b64encode(signer.sign(envelope)))
        except RecordsLockedError as exc:
            raise UserError(messages.LOCKED, error=exc) from exc
        except RecordsDiskFullError as exc:
            raise UserError(messages.DISK_FULL, path=self.db.path, error=exc) from exc
        except RecordsDBError as exc:
            raise UserError(messages.NOT_SAVED, error=exc) from exc
        return FinalisedRecord(
            record_id=rid,
            seq=seq,
            kind=kind,
            receipt_no=receipt_no,
            created_at=created_at,
            content_hash=chash,
            is_test=is_test,
            attachments=tuple(stored),
        )

    def _store(self, att: AttachmentInput) -> StoredAttachment:
        if att.data is not None:
            sha, size = self.store.put_bytes(att.data)
        elif att.path is not None:
            with open(att.path, "rb") as f:
                sha, size = self.store.put_stream(f)
        else:
            raise ValueError("an attachment needs data or a path")
        return StoredAttachment(sha256=sha, name=att.name, size=size)

    def make_test(
        self, count: int, *, attachment_kb: int = 0, progress: Callable[[int], None] | None = None
    ) -> list[FinalisedRecord]:
        """Write `count` real finalised test submissions (payload `test_record: true`), each with one attachment of
        `attachment_kb` KiB of random bytes (distinct per record) when `attachment_kb > 0`."""
        out = []
        for n in range(count):
            atts: list[AttachmentInput] = []
            if attachment_kb > 0:
                atts.append(AttachmentInput(name=f"test-scan-{n + 1}.bin", data=os.urandom(attachment_kb * 1024)))
            out.append(
                self.finalise(
                    kind="submission",
                    payload={
                        "item_code": "TEST-0000",
                        "item_name": "测试事项（测试记录，非真实申请）",
                        "applicant": {"name": "测试用户", "id_number": None},
                        "form": {"note": f"test record {n + 1} of {count}"},
                    },
                    attachments=atts,
                    is_test=True,
                )
            )
            if progress is not None:
                progress(n + 1)
        return out

    def get(self, record_id: str) -> FinalisedRecord | None:
        row = self.db.get_record(record_id)
        if row is None:
            return None
        entry = self.db.outbox_entry(record_id)
        atts = tuple(StoredAttachment(a.sha256, a.name, a.size) for a in (entry.attachments if entry else ()))
        return FinalisedRecord(
            record_id=row.record_id,
            seq=row.seq,
            kind=row.kind,
            receipt_no=row.receipt_no,
            created_at=row.created_at,
            content_hash=row.content_hash,
            is_test=row.is_test,
            attachments=atts,
        )

    def status_of(self, receipt_no: str) -> dict[str, Any] | None:
        """The latest platform status of a submission, by receipt number (for the kiosk's status lookup)."""
        row = self.db.find_by_receipt(receipt_no.strip().upper())
        if row is None:
            return None
        return {
            "record_id": row.record_id,
            "receipt_no": row.receipt_no,
            "status": row.status,
            "note": row.status_note,
            "at": row.status_at,
            "history": self.db.status_history(row.record_id),
        }

    def verify_store(self, shas: Iterable[str]) -> list[str]:
        """The attachments among `shas` whose stored file is missing or no longer matches its hash."""
        return [s for s in shas if not self.store.verify(s)]
