"""The sync protocol, version 1: constants, canonical JSON and signatures shared by client and platform.

Contract: no I/O; what both sides must agree on byte for byte (wire contract: docs/platform-api.yaml).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "API_PREFIX",
    "HEADER_TERMINAL",
    "HEADER_UPLOAD_LENGTH",
    "HEADER_UPLOAD_OFFSET",
    "MAX_CHUNK",
    "PROTOCOL_VERSION",
    "RECORD_KINDS",
    "STATUSES",
    "STATUS_CORRECTION",
    "STATUS_REJECTED",
    "STATUS_TRANSITIONS",
    "Ed25519Signer",
    "Ed25519Verifier",
    "ProtocolError",
    "SignatureError",
    "Signer",
    "Verifier",
    "b64decode",
    "b64encode",
    "canonical_json",
    "content_hash",
    "generate_signer",
    "load_signer",
    "make_verifier",
    "record_signing_bytes",
    "sign_envelope",
    "verify_envelope",
]

PROTOCOL_VERSION = 1
API_PREFIX = "/v1"

HEADER_TERMINAL = "X-Yunban-Terminal"
"""Every authenticated request names its terminal id here, beside `Authorization: Bearer <token>`."""
HEADER_UPLOAD_OFFSET = "Upload-Offset"
HEADER_UPLOAD_LENGTH = "Upload-Length"

MAX_CHUNK = 1024 * 1024
"""Largest attachment chunk accepted in one PATCH (1 MiB)."""

RECORD_KINDS = ("submission", "evaluation", "complaint", "usage", "audit", "decision")
"""What travels through the outbox: submissions (申请), evaluations (好差评), complaints (投诉), usage events,
batches of the terminal's hash-chained audit log (审计日志, `audit`: payload `{"audit": {...}}`, docs/audit.md) and
the counter's decisions (`decision`: 受理 / 不予受理 / 补正 / 容缺受理 and their review, docs/counter-workspace.md)."""

STATUS_ACCEPTED = "已受理"
STATUS_REVIEWING = "审查中"
STATUS_DONE = "已办结"
STATUS_REJECTED = "不予受理"
STATUS_DELIVERED = "已送达"
STATUS_CORRECTION = "待补正"
"""The counter asked for corrections (补正, issue 14): back to 已受理 or 不予受理 once the materials are in."""
STATUSES = (STATUS_ACCEPTED, STATUS_REVIEWING, STATUS_DONE, STATUS_REJECTED, STATUS_DELIVERED, STATUS_CORRECTION)
"""Application status values (办件状态) that flow back from the platform; 不予受理 always carries a reason."""

ALGORITHM_ED25519 = "ed25519"


class ProtocolError(ValueError):
    """A message does not follow the protocol (malformed body, wrong field type, bad base64...)."""


class SignatureError(ProtocolError):
    """A signature does not verify, or names an algorithm we do not know."""


def canonical_json(obj: Any) -> bytes:
    """The one byte form of a JSON value that hashes and signatures are computed over."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_hash(payload: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of a record payload."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    """Strict standard base64; anything else raises ProtocolError."""
    if not isinstance(text, str):
        raise ProtocolError("expected a base64 string")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ProtocolError(f"not valid base64: {exc}") from exc


class Verifier(Protocol):
    """Checks signatures made with one public key."""

    @property
    def algorithm(self) -> str: ...

    def public_key_bytes(self) -> bytes: ...

    def verify(self, data: bytes, signature: bytes) -> bool:
        """True if `signature` is a valid signature of `data`; never raises for a bad signature."""
        ...


class Signer(Protocol):
    """Signs with one private key that never leaves this object's owner."""

    @property
    def algorithm(self) -> str: ...

    def public_key_bytes(self) -> bytes: ...

    def sign(self, data: bytes) -> bytes: ...

    def private_key_bytes(self) -> bytes:
        """The raw private key, for the caller to store protected (keyring or encrypted file), never in plaintext."""
        ...

    def verifier(self) -> Verifier: ...


class Ed25519Verifier:
    algorithm = ALGORITHM_ED25519

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != 32:
            raise ProtocolError("an Ed25519 public key is 32 bytes")
        self._raw = bytes(public_key)
        self._key = Ed25519PublicKey.from_public_bytes(self._raw)

    def public_key_bytes(self) -> bytes:
        return self._raw

    def verify(self, data: bytes, signature: bytes) -> bool:
        try:
            self._key.verify(signature, data)
        except InvalidSignature:
            return False
        return True


class Ed25519Signer:
    algorithm = ALGORITHM_ED25519

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key

    def public_key_bytes(self) -> bytes:
        return self._key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def private_key_bytes(self) -> bytes:
        return self._key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)

    def verifier(self) -> Verifier:
        return Ed25519Verifier(self.public_key_bytes())


_SIGNERS = {ALGORITHM_ED25519: lambda raw: Ed25519Signer(Ed25519PrivateKey.from_private_bytes(raw))}
_VERIFIERS = {ALGORITHM_ED25519: Ed25519Verifier}


def generate_signer(algorithm: str = ALGORITHM_ED25519) -> Signer:
    """A fresh key pair made locally."""
    if algorithm != ALGORITHM_ED25519:
        raise SignatureError(f"unsupported signature algorithm: {algorithm}")
    return Ed25519Signer(Ed25519PrivateKey.generate())


def load_signer(algorithm: str, private_key: bytes) -> Signer:
    factory = _SIGNERS.get(algorithm)
    if factory is None:
        raise SignatureError(f"unsupported signature algorithm: {algorithm}")
    try:
        return factory(private_key)
    except ValueError as exc:
        raise SignatureError(f"invalid {algorithm} private key: {exc}") from exc


def make_verifier(algorithm: str, public_key: bytes) -> Verifier:
    factory = _VERIFIERS.get(algorithm)
    if factory is None:
        raise SignatureError(f"unsupported signature algorithm: {algorithm}")
    try:
        return factory(public_key)
    except ValueError as exc:
        raise SignatureError(f"invalid {algorithm} public key: {exc}") from exc


def sign_envelope(signer: Signer, page: dict[str, Any]) -> dict[str, Any]:
    """`{"page": page, "signature": base64(sign(canonical_json(page)))}`."""
    return {"page": page, "signature": b64encode(signer.sign(canonical_json(page)))}


def verify_envelope(verifier: Verifier, envelope: Any) -> dict[str, Any]:
    """Return the page of a signed envelope, or raise SignatureError (ProtocolError if it is not an envelope)."""
    if not isinstance(envelope, dict) or not isinstance(envelope.get("page"), dict):
        raise ProtocolError("not a signed envelope: expected {page: {...}, signature: ...}")
    signature = envelope.get("signature")
    if not isinstance(signature, str):
        raise ProtocolError("signed envelope without a signature")
    page: dict[str, Any] = envelope["page"]
    if not verifier.verify(canonical_json(page), b64decode(signature)):
        raise SignatureError("signature does not verify against the pinned platform key")
    return page


def record_signing_bytes(content_hash_hex: str) -> bytes:
    """What a terminal signs for a record: the ASCII bytes of its content hash (64 lowercase hex digits)."""
    return content_hash_hex.encode("ascii")


ENVELOPE_SIGNATURE_CONTEXT = "yunban-record-envelope-v2"


def record_envelope_bytes(
    *,
    record_id: str,
    kind: str,
    receipt_no: str | None,
    sequence: int,
    terminal_id: str,
    content_hash_hex: str,
) -> bytes:
    """What a terminal signs for a record from protocol v2 on: the canonical JSON of the whole envelope (record id,
    kind, receipt number, sequence, terminal id, content hash) under a fixed context string, so a signed payload can
    not be re-sent as another record id, kind, receipt number, sequence or terminal. The platform recomputes it from
    the request and the authenticated terminal and verifies the signature over it (issue 11 #8)."""
    return canonical_json(
        {
            "context": ENVELOPE_SIGNATURE_CONTEXT,
            "record_id": record_id,
            "kind": kind,
            "receipt_no": receipt_no,
            "sequence": sequence,
            "terminal_id": terminal_id,
            "content_hash": content_hash_hex,
        }
    )


def sign_record(
    signer: Signer,
    *,
    terminal_id: str,
    record_id: str,
    kind: str,
    receipt_no: str | None,
    sequence: int,
    content_hash_hex: str,
    signature: str | None = None,
) -> tuple[str, str]:
    """(content-hash signature, envelope signature), base64: what a record carries to the platform. A content-hash
    signature already made (`signature`) is kept; the envelope signature is made for this terminal id."""
    signature = signature or b64encode(signer.sign(record_signing_bytes(content_hash_hex)))
    envelope = record_envelope_bytes(
        record_id=record_id,
        kind=kind,
        receipt_no=receipt_no,
        sequence=sequence,
        terminal_id=terminal_id,
        content_hash_hex=content_hash_hex,
    )
    return signature, b64encode(signer.sign(envelope))


def envelope_verifies(verifier: Verifier, terminal_id: str, record: dict[str, Any]) -> bool:
    """Whether a validated record's `envelope_signature` verifies, with `terminal_id`'s key, over its record id, kind,
    receipt number, sequence, terminal and content hash (a malformed signature does not verify)."""
    envelope = record_envelope_bytes(
        record_id=record["record_id"],
        kind=record["kind"],
        receipt_no=record.get("receipt_no"),
        sequence=record["sequence"],
        terminal_id=terminal_id,
        content_hash_hex=record["content_hash"],
    )
    try:
        return verifier.verify(envelope, b64decode(record["envelope_signature"]))
    except ProtocolError:
        return False


STATUS_TRANSITIONS: dict[str | None, tuple[str, ...]] = {
    None: (STATUS_ACCEPTED, STATUS_REJECTED, STATUS_CORRECTION),
    STATUS_CORRECTION: (STATUS_ACCEPTED, STATUS_REJECTED, STATUS_CORRECTION),
    STATUS_ACCEPTED: (STATUS_REVIEWING, STATUS_DONE, STATUS_REJECTED),
    STATUS_REVIEWING: (STATUS_DONE, STATUS_REJECTED),
    STATUS_DONE: (STATUS_DELIVERED,),
    STATUS_REJECTED: (STATUS_DELIVERED,),
    STATUS_DELIVERED: (),
}
"""Allowed moves of an application: 已受理 → 审查中 → 已办结 → 已送达; 不予受理 (with a reason) before 已办结; 待补正 (a
补正材料通知书) before 已受理 or 不予受理, and again while the corrections are still short."""
