"""Encrypted export bundle of the records the platform has not acknowledged, for a technician to carry by hand
(`yunban sync export DIR`).

Contract: AES-256-GCM with a scrypt passphrase key; nothing is deleted or marked by an export; a wrong passphrase or a
damaged bundle raises `UserError` (records.* messages).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.errors import UserError
from app.records import messages as m
from app.records.service import AttachmentStore
from local_db.records.store import RecordsDB
from sync.protocol import b64decode, b64encode, canonical_json

__all__ = ["ExportResult", "export_bundle", "read_bundle"]

MAGIC = b"YBX1\n"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    records: int
    attachments: int
    bytes: int


def _key(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    if len(passphrase) < 8:
        raise UserError(m.EXPORT_PASSPHRASE_SHORT)
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def export_bundle(
    db: RecordsDB, store: AttachmentStore, out_dir: Path, *, terminal: str, passphrase: str
) -> ExportResult:
    """Write every pending and quarantined record with its attachments into one encrypted bundle in `out_dir`,
    `yunban-export-<terminal>-<UTC time>.ybx`:

        b"YBX1\n"
        header: one line of canonical JSON + b"\n"
            {"format": "yunban-export", "version": 1, "cipher": "AES-256-GCM", "kdf": "scrypt", "n", "r", "p",
             "salt": base64, "nonce": base64, "records": N}
        AES-256-GCM ciphertext (tag appended) of a ZIP file; the header line is the associated data, so it cannot
        be altered without the bundle failing to open.

    The ZIP holds `manifest.json` (terminal code, export time, one entry per record with its outbox stage and
    quarantine reason), `records/<record_id>.json` (the exact body `POST /v1/records` would carry, signature
    included) and `attachments/<sha256>` (the raw files). The key is derived from the passphrase with scrypt (RFC
    7914, n=2^15, r=8, p=1): one the technician passes on separately (`--passphrase-file`,
    `$YUNBAN_EXPORT_PASSPHRASE`, a prompt) or one provisioned into the terminal's keystore
    (`yunban sync export-passphrase`, then `export --keystore`), e.g. the county's, so the technician never sees it.
    """
    rows = db.pending() + db.quarantined()
    rows.sort(key=lambda r: r.record.seq)
    buf = io.BytesIO()
    manifest: dict[str, Any] = {
        "format": "yunban-export",
        "version": 1,
        "terminal": terminal,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "records": [],
    }
    shas: set[str] = set()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for row in rows:
            rec = row.record
            body = {
                "record_id": rec.record_id,
                "kind": rec.kind,
                "content_hash": rec.content_hash,
                "created_at": rec.created_at,
                "sequence": rec.seq,
                "receipt_no": rec.receipt_no,
                "payload": json.loads(rec.payload),
                "attachments": [a.sha256 for a in row.attachments],
                "signature": rec.signature,
            }
            zf.writestr(f"records/{rec.record_id}.json", canonical_json(body))
            manifest["records"].append(
                {
                    "record_id": rec.record_id,
                    "sequence": rec.seq,
                    "kind": rec.kind,
                    "receipt_no": rec.receipt_no,
                    "stage": row.stage,
                    "quarantine_kind": row.quarantine_kind,
                    "reason": row.quarantine_reason or row.last_error,
                    "is_test": rec.is_test,
                }
            )
            for att in row.attachments:
                if att.sha256 not in shas:
                    shas.add(att.sha256)
                    # Plaintext, also when the store encrypts at rest (the export has its own encryption).
                    zf.writestr(f"attachments/{att.sha256}", store.read_range(att.sha256, 0, att.size))
        zf.writestr("manifest.json", canonical_json(manifest))
    salt, nonce = os.urandom(16), os.urandom(12)
    header = canonical_json(
        {
            "format": "yunban-export",
            "version": 1,
            "cipher": "AES-256-GCM",
            "kdf": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": b64encode(salt),
            "nonce": b64encode(nonce),
            "records": len(rows),
        }
    )
    ciphertext = AESGCM(_key(passphrase, salt)).encrypt(nonce, buf.getvalue(), header)
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"yunban-export-{terminal}-{stamp}.ybx"
    tmp = path.with_suffix(".tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(MAGIC + header + b"\n" + ciphertext)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(m.EXPORT_FAILED, error=exc) from exc
    return ExportResult(path=path, records=len(rows), attachments=len(shas), bytes=path.stat().st_size)


def read_bundle(path: Path, passphrase: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Open a bundle: (manifest, {zip member name: bytes}). Raises UserError on a wrong passphrase or damage."""
    data = path.read_bytes()
    if not data.startswith(MAGIC):
        raise UserError(m.NOT_AN_EXPORT, path=path)
    end = data.index(b"\n", len(MAGIC))
    header_bytes = data[len(MAGIC) : end]
    header = json.loads(header_bytes)
    key = _key(passphrase, b64decode(header["salt"]), header["n"], header["r"], header["p"])
    try:
        plain = AESGCM(key).decrypt(b64decode(header["nonce"]), data[end + 1 :], header_bytes)
    except InvalidTag as exc:
        raise UserError(m.EXPORT_WRONG_PASSPHRASE, path=path) from exc
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    return json.loads(files["manifest.json"]), files
