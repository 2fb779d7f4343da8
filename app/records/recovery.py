"""The county's recovery slot (恢复槽) for a laptop's unlock passphrase, and the passphrase the worker types.

Contract. On a grid worker's laptop (`keyring.unlock = "worker"`) the encrypted file keystore's passphrase is never
stored on the disk (no systemd credential): the worker types it when the laptop starts (or exports it in their own
shell for the CLI), so a thief with the disk holds only ciphertext (records, attachments, drafts and visit notes are
encrypted with the data key inside that keystore). So that a forgotten passphrase or a worker who left never loses
undelivered records, the passphrase is also sealed to the county's recovery public key
(`keyring.recovery_public_key`) in `<home>/keystore.recovery`, rewritten at every unlock: X25519 with an ephemeral
key, HKDF-SHA256, AES-256-GCM (the construction of age and of libsodium's sealed boxes). Only the county's private
key, kept offline (`yunban keyring recovery-keygen`), opens it (`yunban keyring recover`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import UserError
from app.records import messages as m

__all__ = [
    "RECOVERY_FILE",
    "fingerprint",
    "make_keypair",
    "open_slot",
    "public_key_ok",
    "public_of",
    "write_slot",
]

RECOVERY_FILE = "keystore.recovery"
_INFO = b"yunban-keystore-recovery-v1"
_RAW = serialization.Encoding.Raw
_PUB = serialization.PublicFormat.Raw


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _public(text: str) -> X25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        if len(raw) != 32:
            raise ValueError("not 32 bytes")
        return X25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise UserError(m.RECOVERY_BAD_KEY, error=exc) from exc


def public_key_ok(text: str) -> bool:
    try:
        _public(text)
    except UserError:
        return False
    return True


def fingerprint(public_b64: str) -> str:
    """First 16 hex digits of SHA-256 over the raw public key: what the slot and the county's key file name."""
    return hashlib.sha256(_public(public_b64).public_bytes(_RAW, _PUB)).hexdigest()[:16]


def public_of(private_b64: str) -> str:
    """The public key (base64) of a private key file's content."""
    try:
        private = X25519PrivateKey.from_private_bytes(base64.b64decode(private_b64.strip(), validate=True))
    except ValueError as exc:
        raise UserError(m.RECOVERY_BAD_KEY, error=exc) from exc
    return _b64(private.public_key().public_bytes(_RAW, _PUB))


def make_keypair() -> tuple[str, str]:
    """(private key, public key), both base64 of the raw 32 bytes."""
    private = X25519PrivateKey.generate()
    raw = private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return _b64(raw), _b64(private.public_key().public_bytes(_RAW, _PUB))


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=ephemeral + recipient, info=_INFO).derive(shared)


def write_slot(home: Path, passphrase: str, public_b64: str) -> Path:
    """Seal `passphrase` to the county's public key into `<home>/keystore.recovery` (0600, atomic)."""
    recipient = _public(public_b64)
    recipient_raw = recipient.public_bytes(_RAW, _PUB)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(_RAW, _PUB)
    nonce = os.urandom(12)
    key = _key(ephemeral.exchange(recipient), ephemeral_raw, recipient_raw)
    sealed = AESGCM(key).encrypt(nonce, passphrase.encode("utf-8"), _INFO)
    doc = {
        "version": 1,
        "scheme": "X25519-HKDF-SHA256-AES256GCM",
        "recipient": fingerprint(public_b64),
        "ephemeral": _b64(ephemeral_raw),
        "nonce": _b64(nonce),
        "data": _b64(sealed),
    }
    path = home / RECOVERY_FILE
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def open_slot(path: Path, private_b64: str) -> str:
    """The passphrase sealed in a recovery slot, with the county's private key; UserError naming what is wrong."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        ephemeral_raw, nonce, sealed = (base64.b64decode(doc[k], validate=True) for k in ("ephemeral", "nonce", "data"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(m.RECOVERY_UNREADABLE, path=path, error=exc) from exc
    try:
        private = X25519PrivateKey.from_private_bytes(base64.b64decode(private_b64.strip(), validate=True))
    except ValueError as exc:
        raise UserError(m.RECOVERY_BAD_KEY, error=exc) from exc
    recipient_raw = private.public_key().public_bytes(_RAW, _PUB)
    if doc.get("recipient") != fingerprint(_b64(recipient_raw)):
        raise UserError(m.RECOVERY_OTHER_KEY, path=path, recipient=doc.get("recipient"))
    try:
        key = _key(private.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw)), ephemeral_raw, recipient_raw)
        return AESGCM(key).decrypt(nonce, sealed, _INFO).decode("utf-8")
    except (InvalidTag, ValueError) as exc:
        raise UserError(m.RECOVERY_UNREADABLE, path=path, error="damaged") from exc
