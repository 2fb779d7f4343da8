"""Hand-over bundles (交接包): records carried by hand on a USB stick when a terminal has no network at all.

Contract, shared by the terminal (`app.records.export` writes a bundle, `app.sync.handover` relays one and applies
the acknowledgement) and the reference platform (`sync.platform.handover` imports one); nothing here touches a
database or the network.

A bundle (`*.ybx`) is

    b"YBX1\\n"
    header: one line of canonical JSON + b"\\n"
        {"format": "yunban-export", "version": 1, "cipher": "AES-256-GCM", "kdf": "scrypt", "n", "r", "p",
         "salt": base64, "nonce": base64, "records": N}
    AES-256-GCM ciphertext (tag appended) of a ZIP file; the header line is the associated data.

The ZIP holds `manifest.json` (terminal code and id, export time, one entry per record), `records/<record_id>.json`
(the exact body `POST /v1/records` carries, signatures included) and `attachments/<sha256>`. The key is derived from
a passphrase with scrypt (RFC 7914). Any change to a byte of the file makes it fail to open (`damaged`); the
records inside are signed by the terminal that made them, so a bundle cannot be forged by someone who only knows
the passphrase either.

An acknowledgement (`*.yback`) is what the platform answers for an imported bundle: canonical JSON
`{"ack": {...}, "signature": base64}` where `ack` is

    {"format": "yunban-handover-ack", "version": 1, "bundle_sha256", "terminal_id", "imported_at",
     "first_import": bool, "records": [{"record_id", "content_hash", "result"}]}

signed with the platform's key (the one every terminal pins at enrollment). `result` is the platform's answer for
that record: `stored`, `duplicate` (already held: delivered before, over the network or another bundle),
`conflict`, `receipt_taken`, `missing_attachments`, `bad_signature` or `invalid`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from sync.protocol import b64decode, b64encode, canonical_json

__all__ = [
    "ACK_FORMAT",
    "DELIVERED_RESULTS",
    "MAGIC",
    "HandoverError",
    "bundle_sha256",
    "make_ack",
    "open_bundle",
    "read_ack",
    "seal_bundle",
]

MAGIC = b"YBX1\n"
FORMAT = "yunban-export"
ACK_FORMAT = "yunban-handover-ack"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 8
MAX_HEADER = 4096
DELIVERED_RESULTS = frozenset({"stored", "duplicate"})
"""Results after which the record is on the platform: the terminal that made it may mark it delivered."""


class HandoverError(Exception):
    """A bundle or acknowledgement that cannot be used. `code`: `passphrase_short`, `not_a_bundle`,
    `wrong_passphrase` (or damaged: AES-GCM cannot tell the two apart), `bad_content`, `not_an_ack`,
    `ack_signature`."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _key(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise HandoverError("passphrase_short", f"at least {MIN_PASSPHRASE} characters")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal_bundle(zip_bytes: bytes, passphrase: str, *, records: int) -> bytes:
    """The whole bundle file for a ZIP (see the module doc)."""
    salt, nonce = os.urandom(16), os.urandom(12)
    header = canonical_json(
        {
            "format": FORMAT,
            "version": 1,
            "cipher": "AES-256-GCM",
            "kdf": "scrypt",
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
            "salt": b64encode(salt),
            "nonce": b64encode(nonce),
            "records": records,
        }
    )
    return MAGIC + header + b"\n" + AESGCM(_key(passphrase, salt)).encrypt(nonce, zip_bytes, header)


def bundle_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_bundle(data: bytes, passphrase: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(manifest, {zip member name: bytes}) of a bundle's bytes; HandoverError when it is not a bundle, the
    passphrase is wrong or a byte was changed."""
    if not data.startswith(MAGIC):
        raise HandoverError("not_a_bundle", "the file does not start with YBX1")
    end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
    if end < 0:
        raise HandoverError("not_a_bundle", "no header line")
    header_bytes = data[len(MAGIC) : end]
    try:
        header = json.loads(header_bytes)
        if header.get("format") != FORMAT or header.get("version") != 1:
            raise HandoverError("not_a_bundle", "unknown format or version")
        n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
        if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise HandoverError("not_a_bundle", "key derivation parameters out of range")
        salt, nonce = b64decode(header["salt"]), b64decode(header["nonce"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise HandoverError("not_a_bundle", f"bad header: {exc}") from exc
    try:
        plain = AESGCM(_key(passphrase, salt, n, r, p)).decrypt(nonce, data[end + 1 :], header_bytes)
    except (InvalidTag, ValueError) as exc:
        raise HandoverError("wrong_passphrase", "wrong passphrase, or the file was changed") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(plain)) as zf:
            files = {name: zf.read(name) for name in zf.namelist()}
        manifest = json.loads(files["manifest.json"])
        if not isinstance(manifest, dict) or not isinstance(manifest.get("records"), list):
            raise HandoverError("bad_content", "manifest without a record list")
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise HandoverError("bad_content", str(exc)) from exc
    return manifest, files


def make_ack(
    sign: Callable[[bytes], bytes],
    *,
    bundle_sha: str,
    terminal_id: str,
    imported_at: str,
    first_import: bool,
    results: list[dict[str, str]],
) -> bytes:
    """The signed acknowledgement file's bytes; `sign` is the platform's signing function."""
    ack = {
        "format": ACK_FORMAT,
        "version": 1,
        "bundle_sha256": bundle_sha,
        "terminal_id": terminal_id,
        "imported_at": imported_at,
        "first_import": first_import,
        "records": results,
    }
    return canonical_json({"ack": ack, "signature": b64encode(sign(canonical_json(ack)))})


def read_ack(data: bytes, verify: Callable[[bytes, bytes], bool]) -> dict[str, Any]:
    """The `ack` object of an acknowledgement file, after `verify(message, signature)` (the pinned platform key)
    accepted its signature; HandoverError otherwise."""
    try:
        doc = json.loads(data)
        ack, signature = doc["ack"], b64decode(doc["signature"])
        if not isinstance(ack, Mapping) or ack.get("format") != ACK_FORMAT or ack.get("version") != 1:
            raise HandoverError("not_an_ack", "unknown format or version")
        records = ack["records"]
        if not isinstance(records, list) or not all(isinstance(r, Mapping) for r in records):
            raise HandoverError("not_an_ack", "records is not a list of objects")
    except (ValueError, KeyError, TypeError) as exc:
        raise HandoverError("not_an_ack", str(exc)) from exc
    if not verify(canonical_json(ack), signature):
        raise HandoverError("ack_signature", "the acknowledgement is not signed by this terminal's platform")
    return dict(ack)
