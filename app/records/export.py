"""Encrypted export bundle of the records the platform has not acknowledged, for a technician to carry by hand
(`yunban sync export DIR`); the format is `sync.handover` (shared with the platform that imports it).

Contract: AES-256-GCM in 1 MiB segments with a scrypt passphrase key, written as a stream (memory does not grow with
the bundle); nothing is deleted or marked by an export (records are marked
delivered only when the platform's signed acknowledgement comes back: `app.sync.handover`); a wrong passphrase or a
damaged bundle raises `UserError` (records.* messages). Every record in the bundle carries its signatures: a record
not signed yet (finalised before enrollment, or after re-enrollment cleared its signature) is signed at export with
`sign`, so the platform can verify it came from this terminal.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.records import messages as m
from app.records.service import AttachmentStore
from local_db.records.store import OutboxRow, RecordRow, RecordsDB
from sync.handover import SEGMENT, BundleWriter, HandoverError, open_bundle
from sync.protocol import canonical_json

__all__ = ["ExportResult", "Signatures", "export_bundle", "read_bundle"]

Signatures = Callable[[RecordRow], tuple[str, str]]
"""(content-hash signature, envelope signature) of a record, made with the terminal's enrolled key."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    records: int
    attachments: int
    bytes: int
    unsigned: int = 0
    """Records that went without an envelope signature (no enrolled key to sign them): the platform refuses them."""


def export_bundle(
    db: RecordsDB,
    store: AttachmentStore,
    out_dir: Path,
    *,
    terminal: str,
    passphrase: str,
    terminal_id: str | None = None,
    sign: Signatures | None = None,
) -> ExportResult:
    """Write every pending and quarantined record with its attachments into one encrypted bundle in `out_dir`,
    `yunban-export-<terminal>-<UTC time>.ybx` (the format: `sync.handover`). The manifest names the terminal code and
    its enrollment id (`terminal_id`), so the platform knows whose key the records must verify with. The key is
    derived from the passphrase with scrypt (RFC 7914, n=2^15, r=8, p=1): one the technician passes on separately
    (`--passphrase-file`, `$YUNBAN_EXPORT_PASSPHRASE`, a prompt) or one provisioned into the terminal's keystore
    (`yunban sync export-passphrase`, then `export --keystore`), e.g. the county's, so the technician never sees it.
    """
    if len(passphrase) < 8:
        raise UserError(m.EXPORT_PASSPHRASE_SHORT)
    rows = db.pending() + db.quarantined()
    rows.sort(key=lambda r: r.record.seq)
    manifest: dict[str, Any] = {
        "format": "yunban-export",
        "version": 2,
        "terminal": terminal,
        "terminal_id": terminal_id,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "records": [
            {
                "record_id": row.record.record_id,
                "sequence": row.record.seq,
                "kind": row.record.kind,
                "receipt_no": row.record.receipt_no,
                "stage": row.stage,
                "quarantine_kind": row.quarantine_kind,
                "reason": row.quarantine_reason or row.last_error,
                "is_test": row.record.is_test,
            }
            for row in rows
        ],
    }
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(m.EXPORT_FAILED, error=exc) from exc
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"yunban-export-{terminal}-{stamp}.ybx"
    tmp = path.with_suffix(".tmp")
    unsigned = 0
    shas: set[str] = set()
    try:
        # Streamed (sync.handover format 2): one record body and one segment of an attachment in memory at a time.
        with open(tmp, "wb") as f:
            writer = BundleWriter(f, passphrase, records=len(rows))
            writer.add("manifest", "manifest.json", canonical_json(manifest))
            for row in rows:
                body, signed = _body(db, row, sign)
                unsigned += 0 if signed else 1
                writer.add("record", f"records/{row.record.record_id}.json", canonical_json(body))
                for att in row.attachments:
                    if att.sha256 not in shas:
                        shas.add(att.sha256)
                        # Plaintext, also when the store encrypts at rest (the export has its own encryption).
                        writer.add_stream("attachment", f"attachments/{att.sha256}", att.size,
                                          _ranges(store, att.sha256, att.size))  # fmt: skip
            writer.close()
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except HandoverError as exc:
        tmp.unlink(missing_ok=True)
        if exc.code == "passphrase_short":
            raise UserError(m.EXPORT_PASSPHRASE_SHORT) from exc
        raise UserError(m.EXPORT_FAILED, error=exc) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(m.EXPORT_FAILED, error=exc) from exc
    return ExportResult(
        path=path, records=len(rows), attachments=len(shas), bytes=path.stat().st_size, unsigned=unsigned
    )


def _body(db: RecordsDB, row: OutboxRow, sign: Signatures | None) -> tuple[dict[str, Any], bool]:
    """(the `POST /v1/records` body of a record, whether it carries its envelope signature); a record not signed
    yet is signed now with the enrolled key and the signature kept."""
    rec = row.record
    signature, envelope_signature = rec.signature, rec.envelope_signature
    if (signature is None or envelope_signature is None) and sign is not None:
        signature, envelope_signature = sign(rec)
        db.set_signature(rec.record_id, signature, envelope_signature)
    body: dict[str, Any] = {
        "record_id": rec.record_id,
        "kind": rec.kind,
        "content_hash": rec.content_hash,
        "created_at": rec.created_at,
        "sequence": rec.seq,
        "receipt_no": rec.receipt_no,
        "payload": json.loads(rec.payload),
        "attachments": [a.sha256 for a in row.attachments],
        "signature": signature,
    }
    if envelope_signature is not None:
        body["envelope_signature"] = envelope_signature
    return body, envelope_signature is not None


def _ranges(store: AttachmentStore, sha256: str, size: int) -> Iterator[bytes]:
    for offset in range(0, size, SEGMENT):
        yield store.read_range(sha256, offset, min(SEGMENT, size - offset))


def read_bundle(path: Path, passphrase: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Open a bundle: (manifest, {zip member name: bytes}). Raises UserError on a wrong passphrase or damage."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(m.NOT_AN_EXPORT, path=path) from exc
    try:
        return open_bundle(data, passphrase)
    except HandoverError as exc:
        if exc.code == "passphrase_short":
            raise UserError(m.EXPORT_PASSPHRASE_SHORT) from exc
        if exc.code == "wrong_passphrase":
            raise UserError(m.EXPORT_WRONG_PASSPHRASE, path=path) from exc
        raise UserError(m.NOT_AN_EXPORT, path=path) from exc
