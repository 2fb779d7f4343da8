"""Personal data at rest: drafts, receipt facts, record payloads and attachments encrypted with a terminal data key.

Contract: the data key lives only in the terminal keystore (created on first use, never written beside the data);
the algorithm is AES-256-GCM (default) or SM4-GCM (GB/T 32907, where the province asks for Chinese commercial
cryptography); data that cannot be decrypted raises `DecryptionError` (records.* messages).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher as _CipherPrim
from cryptography.hazmat.primitives.ciphers import algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import UserError
from app.records import messages as m
from app.records.service import AttachmentStore

if TYPE_CHECKING:
    from pathlib import Path

    from app.records.keystore import Keystore

__all__ = [
    "ALGORITHMS",
    "AesGcmCipher",
    "Cipher",
    "DecryptionError",
    "EncryptedAttachmentStore",
    "Sm4GcmCipher",
    "data_key_cipher",
    "data_key_fingerprint",
    "make_cipher",
    "open_sealed",
    "seal",
]

CHUNK = 1024 * 1024
_FILE_MAGIC = b"YBE1"
_BLOB_MAGIC = b"YBS1"
_HEADER = len(_FILE_MAGIC) + 1 + 4 + 8
_TAG = 16
_MAX_CHUNK = 64 * 1024 * 1024
KEY_NAME = "data_key"


class DecryptionError(UserError):
    """Encrypted data could not be decrypted: wrong key, tampered or truncated."""


class Cipher(Protocol):
    """An AEAD cipher with a 12-byte nonce and a 16-byte tag."""

    alg_id: int
    name: str

    def encrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes: ...

    def decrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes: ...


class AesGcmCipher:
    alg_id = 1
    name = "aes-256-gcm"

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("AES-256-GCM needs a 32-byte key")
        self._aead = AESGCM(key)

    def encrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes:
        return self._aead.encrypt(nonce, data, aad)

    def decrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes:
        try:
            return self._aead.decrypt(nonce, data, aad)
        except InvalidTag as exc:
            raise DecryptionError(m.CANNOT_DECRYPT) from exc


class Sm4GcmCipher:
    """SM4 (GB/T 32907) in GCM mode; uses the first 16 bytes of the data key."""

    alg_id = 2
    name = "sm4-gcm"

    def __init__(self, key: bytes) -> None:
        self._key = key[:16]

    def encrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes:
        enc = _CipherPrim(algorithms.SM4(self._key), modes.GCM(nonce)).encryptor()
        enc.authenticate_additional_data(aad)
        return enc.update(data) + enc.finalize() + enc.tag

    def decrypt(self, nonce: bytes, data: bytes, aad: bytes) -> bytes:
        if len(data) < _TAG:
            raise DecryptionError(m.TOO_SHORT)
        dec = _CipherPrim(algorithms.SM4(self._key), modes.GCM(nonce, data[-_TAG:])).decryptor()
        dec.authenticate_additional_data(aad)
        try:
            return dec.update(data[:-_TAG]) + dec.finalize()
        except InvalidTag as exc:
            raise DecryptionError(m.CANNOT_DECRYPT) from exc


ALGORITHMS: dict[str, type[AesGcmCipher] | type[Sm4GcmCipher]] = {"aes-256-gcm": AesGcmCipher, "sm4-gcm": Sm4GcmCipher}


def make_cipher(name: str, key: bytes) -> Cipher:
    try:
        cls = ALGORITHMS[name]
    except KeyError:
        raise UserError(m.UNKNOWN_CIPHER, name=repr(name), known=", ".join(ALGORITHMS)) from None
    return cls(key)


def data_key_fingerprint(key_b64: str) -> str:
    """A non-secret name of a data key (16 hex digits), kept in records.db to notice a keystore that lost it."""
    return hashlib.sha256(b"yunban-data-key-fingerprint\0" + base64.b64decode(key_b64)).hexdigest()[:16]


def data_key_cipher(
    keystore: Keystore, name: str = "aes-256-gcm", *, expected_fingerprint: str | None = None
) -> Cipher:
    """The terminal's data-at-rest cipher; the 32-byte data key is created in the keystore on first use.

    `expected_fingerprint` names the key data already stored needs (records.db `sync_meta.data_key_fp`): when the
    keystore has no key then, none is made (it would silently orphan that data: `records.data_key_lost`). Enrolling
    again (`enroll --force`) never touches the data key."""
    stored = keystore.get(KEY_NAME)
    if stored is None:
        if expected_fingerprint is not None:
            raise UserError(m.DATA_KEY_LOST)
        # setdefault: two processes starting at once on a fresh terminal must end up with the same key.
        stored = keystore.setdefault(KEY_NAME, base64.b64encode(secrets.token_bytes(32)).decode("ascii"))
        if not stored:
            raise UserError(m.DATA_KEY_NOT_STORED)
    return make_cipher(name, base64.b64decode(stored))


def seal(cipher: Cipher, data: bytes, aad: bytes = b"") -> bytes:
    """Encrypt one small blob: `YBS1 | alg | nonce (12) | ciphertext+tag`."""
    nonce = secrets.token_bytes(12)
    return _BLOB_MAGIC + bytes([cipher.alg_id]) + nonce + cipher.encrypt(nonce, data, aad)


def open_sealed(cipher: Cipher, blob: bytes, aad: bytes = b"") -> bytes:
    if blob[:4] != _BLOB_MAGIC or len(blob) < 17 + _TAG:
        raise DecryptionError(m.NOT_SEALED)
    if blob[4] != cipher.alg_id:
        raise DecryptionError(m.OTHER_ALGORITHM, found=blob[4], cipher=cipher.name)
    return cipher.decrypt(blob[5:17], blob[17:], aad)


def _chunk_aad(sha256: str, index: int, last: bool) -> bytes:
    return sha256.encode("ascii") + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class EncryptedAttachmentStore(AttachmentStore):
    """AttachmentStore whose files are chunked AEAD frames; names (SHA-256), sizes and reads are of the plaintext,
    so the outbox's resumable `read_range(offset, length)` decrypts only the chunks it needs:

        header  = b"YBE1" | alg id (1 byte) | chunk size (4 bytes BE) | nonce prefix (8 random bytes)
        chunk i = AEAD(key, nonce = prefix | i (4 bytes BE), plaintext[i*C:(i+1)*C], aad = sha256 | i | last flag)

    The last flag in the AAD makes a truncated file fail to decrypt instead of silently reading short; the hash in the
    AAD binds a chunk to its file. Files written before encryption (no `YBE1` header) are still read as plaintext."""

    def __init__(self, root: Path, cipher: Cipher | Callable[[], Cipher | None], *, chunk: int = CHUNK) -> None:
        """`cipher` may be a callable, asked on first need: a terminal without a usable keystore can still read
        and deliver plain files (test records) and writes plain files; the apply flow refuses to start without one."""
        super().__init__(root)
        self._cipher: Cipher | None = None
        self._source: Callable[[], Cipher | None] | None = None
        if hasattr(cipher, "encrypt"):
            self._cipher = cipher  # type: ignore[assignment]
        else:
            self._source = cipher
        self.chunk = chunk

    @property
    def cipher(self) -> Cipher | None:
        if self._cipher is None and self._source is not None:
            self._cipher = self._source()
        return self._cipher

    def _need_cipher(self) -> Cipher:
        cipher = self.cipher
        if cipher is None:
            raise DecryptionError(m.ATTACHMENT_NO_KEYSTORE)
        return cipher

    def put_stream(self, stream: BinaryIO) -> tuple[str, int]:
        """Encrypt a stream into the store; returns (plaintext sha256, plaintext size).

        The hash names the file and is part of each chunk's AAD, so it is computed in a first pass; the stream is
        then rewound and encrypted chunk by chunk. A stream that cannot seek is read into memory first: plaintext
        never touches the disk."""
        cipher = self.cipher
        if cipher is None:
            return super().put_stream(stream)
        if not stream.seekable():
            stream = io.BytesIO(stream.read())
        digest = hashlib.sha256()
        size = 0
        start = stream.tell()
        while block := stream.read(self.chunk):
            digest.update(block)
            size += len(block)
        sha = digest.hexdigest()
        if self.path(sha).is_file() and self.verify(sha):
            return sha, size
        stream.seek(start)

        def write(out: BinaryIO) -> str:
            prefix = secrets.token_bytes(8)
            out.write(_FILE_MAGIC + bytes([cipher.alg_id]) + self.chunk.to_bytes(4, "big") + prefix)
            index = 0
            block = stream.read(self.chunk)
            while True:
                nxt = stream.read(self.chunk)
                last = not nxt
                nonce = prefix + index.to_bytes(4, "big")
                out.write(cipher.encrypt(nonce, block, _chunk_aad(sha, index, last)))
                if last:
                    return sha
                block, index = nxt, index + 1

        return self._write_atomically(write), size

    def _layout(self, f: BinaryIO) -> tuple[int, int, bytes, int] | None:
        """(alg id, chunk size, nonce prefix, plaintext size) of an encrypted file, None for a legacy plain file."""
        head = f.read(_HEADER)
        if head[:4] != _FILE_MAGIC or len(head) < _HEADER:
            return None
        chunk = int.from_bytes(head[5:9], "big")
        body = os.fstat(f.fileno()).st_size - _HEADER
        if not 1 <= chunk <= _MAX_CHUNK:  # a damaged header: refuse clearly instead of dividing by zero
            raise DecryptionError(m.ATTACHMENT_HEADER_DAMAGED, chunk=chunk, size=body + _HEADER)
        frames = max(1, -(-body // (chunk + _TAG)))
        plain = body - frames * _TAG
        if plain < 0:
            raise DecryptionError(m.ATTACHMENT_HEADER_DAMAGED, chunk=chunk, size=body + _HEADER)
        return head[4], chunk, head[9:17], plain

    def plain_size(self, sha256: str) -> int:
        with open(self.path(sha256), "rb") as f:
            layout = self._layout(f)
            return os.fstat(f.fileno()).st_size if layout is None else layout[3]

    def _read_chunk(self, f: BinaryIO, sha: str, layout: tuple[int, int, bytes, int], index: int) -> bytes:
        alg, chunk, prefix, total = layout
        cipher = self._need_cipher()
        if alg != cipher.alg_id:
            raise DecryptionError(m.ATTACHMENT_OTHER_ALGORITHM, found=alg)
        frames = max(1, -(-total // chunk)) if total else 1
        f.seek(_HEADER + index * (chunk + _TAG))
        data = f.read(chunk + _TAG)
        return cipher.decrypt(prefix + index.to_bytes(4, "big"), data, _chunk_aad(sha, index, index == frames - 1))

    def read_range(self, sha256: str, offset: int, length: int) -> bytes:
        with open(self.path(sha256), "rb") as f:
            layout = self._layout(f)
            if layout is None:
                f.seek(offset)
                return f.read(length)
            chunk, total = layout[1], layout[3]
            end = min(offset + length, total)
            if offset >= end:
                return b""
            out = bytearray()
            for index in range(offset // chunk, (end - 1) // chunk + 1):
                plain = self._read_chunk(f, sha256, layout, index)
                start = index * chunk
                out += plain[max(0, offset - start) : end - start]
            return bytes(out)

    def read_all(self, sha256: str) -> bytes:
        return self.read_range(sha256, 0, self.plain_size(sha256))

    def verify(self, sha256: str) -> bool:
        """True if the file decrypts (every tag checks) and the plaintext hashes to its name."""
        try:
            with open(self.path(sha256), "rb") as f:
                layout = self._layout(f)
                if layout is None:
                    return super().verify(sha256)
                digest = hashlib.sha256()
                frames = max(1, -(-layout[3] // layout[1])) if layout[3] else 1
                for index in range(frames):
                    digest.update(self._read_chunk(f, sha256, layout, index))
        except (OSError, DecryptionError):
            return False
        return digest.hexdigest() == sha256


_PAYLOAD_PREFIX = "enc1:"


class PayloadCodec:
    """Record payloads at rest in records.db: `enc1:` + base64 of a sealed blob bound to the record id. Plaintext
    payloads (test records from a terminal without a keystore, rows written before encryption) read as they are."""

    def __init__(self, cipher: Callable[[], Cipher | None]) -> None:
        self._cipher = cipher

    def encode(self, record_id: str, payload: str) -> str:
        cipher = self._cipher()
        if cipher is None:
            return payload
        blob = seal(cipher, payload.encode("utf-8"), record_id.encode("utf-8"))
        return _PAYLOAD_PREFIX + base64.b64encode(blob).decode("ascii")

    def decode(self, record_id: str, stored: str) -> str:
        if not stored.startswith(_PAYLOAD_PREFIX):
            return stored
        cipher = self._cipher()
        if cipher is None:
            raise DecryptionError(m.RECORD_NO_KEYSTORE)
        blob = base64.b64decode(stored[len(_PAYLOAD_PREFIX) :])
        return open_sealed(cipher, blob, record_id.encode("utf-8")).decode("utf-8")
