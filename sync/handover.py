"""Hand-over bundles (交接包): records carried by hand on a USB stick when a terminal has no network at all.

Contract, shared by the terminal (`app.records.export` writes a bundle, `app.sync.handover` relays one and applies
the acknowledgement) and the reference platform (`sync.platform.handover` imports one); nothing here touches a
database or the network. Bundles are written and read as streams: memory stays bounded (about one segment, 1 MiB,
plus one record body) whatever the bundle's size.

Format 2 (`YBX2`, written since issue 15's streaming work):

    b"YBX2\\n"
    header: one line of canonical JSON + b"\\n"
        {"format": "yunban-export", "version": 2, "cipher": "AES-256-GCM", "kdf": "scrypt", "n", "r", "p",
         "salt": base64 (16 bytes), "nonce_prefix": base64 (7 bytes), "segment": 1048576, "records": N}
    segments: the plaintext stream cut into `segment`-byte pieces, each sealed with AES-256-GCM (16-byte tag
        appended), so every segment but the last is exactly `segment` + 16 bytes and the last is shorter or equal.

The key is derived per bundle from the passphrase and the bundle's random salt with scrypt (RFC 7914). Segment `i`
(from 0) is sealed with the 96-bit nonce `nonce_prefix ‖ i (4 bytes, big-endian) ‖ last (1 byte: 1 for the final
segment, else 0)` and the associated data `b"YBX2\\n" + header line`: the STREAM construction (Hoang, Reyhanitabar,
Rogaway, Vizár, CRYPTO 2015). Hence a changed byte anywhere, segments reordered, dropped or duplicated, a segment
taken from another bundle (another salt, so another key), and a bundle cut short (even exactly at a segment boundary:
the last segment left was not sealed as the last) all fail to open.

The plaintext stream is a sequence of entries, each `kind (1 byte) ‖ name length (2 bytes) ‖ name (UTF-8) ‖ size
(8 bytes) ‖ size bytes`, big-endian, in this order: `M` `manifest.json` (terminal code and id, export time, one entry
per record), then per record `R` `records/<record_id>.json` (the exact body `POST /v1/records` carries, signatures
included) followed by `A` `attachments/<sha256>` for each of its attachments not already in the bundle, and last `E`
`end` (empty). Records after their body so that an importer verifies a record's signature before it writes its
attachments anywhere.

Format 1 (`YBX1`, bundles written before): the same header without `nonce_prefix`/`segment` but with one `nonce`, and
one AES-256-GCM ciphertext of a ZIP (`manifest.json`, `records/…`, `attachments/…`). Still read (`BundleReader`
presents it as the same entries), never written: a v1 bundle was built in memory by the laptop that made it, so
reading it in memory needs no more than that laptop had.

An acknowledgement (`*.yback`) is what the platform answers for an imported bundle: canonical JSON
`{"ack": {...}, "signature": base64}` where `ack` is

    {"format": "yunban-handover-ack", "version": 1, "bundle_sha256", "terminal_id", "imported_at",
     "first_import": bool, "records": [{"record_id", "content_hash", "result"}]}

signed with the platform's key (the one every terminal pins at enrollment). `result` is the platform's answer for
that record: `stored`, `duplicate` (already held: delivered before, over the network or another bundle),
`conflict`, `receipt_taken`, `missing_attachments`, `bad_signature` or `invalid`.

Size: one file format shared by both ends (the writer, the reader of both versions, the acknowledgement): kept in
one module so that the security argument above is checked against one piece of code.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from sync.protocol import b64decode, b64encode, canonical_json

__all__ = [
    "ACK_FORMAT",
    "DELIVERED_RESULTS",
    "MAGIC",
    "MAGIC_V1",
    "SEGMENT",
    "BundleEntry",
    "BundleReader",
    "BundleWriter",
    "HandoverError",
    "file_sha256",
    "make_ack",
    "open_bundle",
    "read_ack",
    "seal_bundle",
    "verify_bundle",
]

MAGIC = b"YBX2\n"
MAGIC_V1 = b"YBX1\n"
MAGICS = (MAGIC, MAGIC_V1)
FORMAT = "yunban-export"
ACK_FORMAT = "yunban-handover-ack"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 8
MAX_HEADER = 4096
SEGMENT = 1024 * 1024
"""Plaintext bytes per sealed segment (format 2); readers accept 4 KiB to 16 MiB."""
TAG = 16
MAX_MANIFEST = 64 * 1024 * 1024
MAX_RECORD = 16 * 1024 * 1024
"""Largest manifest and record body a reader holds in memory (attachments are streamed, never held whole)."""
KINDS = {b"M": "manifest", b"R": "record", b"A": "attachment", b"E": "end"}
_KIND_BYTES = {v: k for k, v in KINDS.items()}
_ENTRY_HEAD = struct.Struct(">cH")
_SIZE = struct.Struct(">Q")
DELIVERED_RESULTS = frozenset({"stored", "duplicate"})
"""Results after which the record is on the platform: the terminal that made it may mark it delivered."""


class HandoverError(Exception):
    """A bundle or acknowledgement that cannot be used. `code`: `passphrase_short`, `not_a_bundle`,
    `wrong_passphrase` (or the first segment damaged: AES-GCM cannot tell the two apart), `damaged` (a later segment
    changed, moved, cut or taken from another bundle), `truncated` (cut short: every segment present opens but the
    last one is missing), `bad_content`, `not_an_ack`, `ack_signature`."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _key(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise HandoverError("passphrase_short", f"at least {MIN_PASSPHRASE} characters")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _header(version: int, salt: bytes, records: int, **more: Any) -> bytes:
    """The header line (canonical JSON) of a bundle of format `version`."""
    fields = {"format": FORMAT, "version": version, "cipher": "AES-256-GCM", "kdf": "scrypt", "n": SCRYPT_N,
              "r": SCRYPT_R, "p": SCRYPT_P, "salt": b64encode(salt), "records": records}  # fmt: skip
    return canonical_json(fields | more)


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    if index >= 2**32:
        raise HandoverError("bad_content", "more than 2^32 segments")
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


# -- writing (format 2) ------------------------------------------------------------------------------------------


class BundleWriter:
    """Writes a format-2 bundle to a binary file as entries are added; `close()` seals the last segment (a bundle
    not closed does not open: the reader sees it as cut short). Holds at most one segment of plaintext."""

    def __init__(self, out: IO[bytes], passphrase: str, *, records: int, segment: int = SEGMENT) -> None:
        salt, self._prefix = os.urandom(16), os.urandom(7)
        header = _header(2, salt, records, nonce_prefix=b64encode(self._prefix), segment=segment)
        self._aead = AESGCM(_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P))
        self._aad = MAGIC + header
        self._out = out
        self._segment = segment
        self._buf = bytearray()
        self._index = 0
        self._closed = False
        out.write(MAGIC + header + b"\n")

    def _write(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        while view:
            room = self._segment - len(self._buf)
            if room == 0:
                # A full segment is sealed only once more data follows: the final one must carry the last flag.
                self._seal(last=False)
                room = self._segment
            self._buf += view[:room]
            view = view[room:]

    def _seal(self, *, last: bool) -> None:
        nonce = _nonce(self._prefix, self._index, last)
        self._out.write(self._aead.encrypt(nonce, bytes(self._buf), self._aad))
        self._buf.clear()
        self._index += 1

    def _head(self, kind: str, name: str, size: int) -> None:
        raw = name.encode("utf-8")
        self._write(_ENTRY_HEAD.pack(_KIND_BYTES[kind], len(raw)) + raw + _SIZE.pack(size))

    def add(self, kind: str, name: str, data: bytes) -> None:
        """One entry held in memory (the manifest, a record body)."""
        self._head(kind, name, len(data))
        self._write(data)

    def add_stream(self, kind: str, name: str, size: int, pieces: Iterable[bytes]) -> None:
        """One entry of `size` bytes given in pieces (an attachment read in ranges); HandoverError if the pieces
        do not add up to `size` (the bundle would be unreadable)."""
        self._head(kind, name, size)
        written = 0
        for piece in pieces:
            written += len(piece)
            if written > size:
                raise HandoverError("bad_content", f"{name}: more than the {size} bytes announced")
            self._write(piece)
        if written != size:
            raise HandoverError("bad_content", f"{name}: {written} bytes instead of {size}")

    def close(self) -> None:
        if not self._closed:
            self.add("end", "end", b"")
            self._seal(last=True)
            self._closed = True


# -- reading (formats 2 and 1) -----------------------------------------------------------------------------------


class _Source(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...

    def readline(self, n: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class _Header:
    version: int
    raw: bytes
    fields: dict[str, Any]


def _read_header(f: _Source) -> _Header:
    magic = f.read(len(MAGIC))
    if magic not in MAGICS:
        raise HandoverError("not_a_bundle", "the file does not start with YBX2 or YBX1")
    line = f.readline(MAX_HEADER + 1)
    if not line.endswith(b"\n"):
        raise HandoverError("not_a_bundle", "no header line")
    raw = line[:-1]
    version = 2 if magic == MAGIC else 1
    try:
        fields = json.loads(raw)
        if not isinstance(fields, dict) or fields.get("format") != FORMAT or fields.get("version") != version:
            raise HandoverError("not_a_bundle", "unknown format or version")
        n, r, p = int(fields["n"]), int(fields["r"]), int(fields["p"])
        if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise HandoverError("not_a_bundle", "key derivation parameters out of range")
        b64decode(fields["salt"])
        if version == 2:
            if len(b64decode(fields["nonce_prefix"])) != 7:
                raise HandoverError("not_a_bundle", "nonce prefix is not 7 bytes")
            if not 4096 <= int(fields["segment"]) <= 16 * 1024 * 1024:
                raise HandoverError("not_a_bundle", "segment size out of range")
        else:
            b64decode(fields["nonce"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise HandoverError("not_a_bundle", f"bad header: {exc}") from exc
    return _Header(version=version, raw=raw, fields=fields)


class _Plain:
    """The decrypted plaintext of a format-2 bundle as a readable stream: one segment decrypted at a time."""

    def __init__(self, f: _Source, header: _Header, passphrase: str) -> None:
        h = header.fields
        self._f = f
        self._aead = AESGCM(_key(passphrase, b64decode(h["salt"]), int(h["n"]), int(h["r"]), int(h["p"])))
        self._prefix = b64decode(h["nonce_prefix"])
        self._aad = MAGIC + header.raw
        self._sealed = int(h["segment"]) + TAG
        self._index = 0
        self._buf = memoryview(b"")
        self._next = f.read(self._sealed)
        self.finished = False
        """True once the last segment has been opened (the stream is complete and authentic)."""

    def _open_next(self) -> bool:
        if self.finished:
            return False
        sealed = self._next
        if not sealed:
            raise HandoverError("truncated", f"the bundle ends after segment {self._index}: cut short")
        self._next = self._f.read(self._sealed)
        last = not self._next
        try:
            plain = self._aead.decrypt(_nonce(self._prefix, self._index, last), sealed, self._aad)
        except InvalidTag as exc:
            if last and self._opens_as_middle(sealed):
                raise HandoverError("truncated", f"the bundle ends after segment {self._index}: cut short") from exc
            if self._index == 0:
                raise HandoverError("wrong_passphrase", "wrong passphrase, or the file was changed") from exc
            # The passphrase is right (segment 0 opened): the file itself was changed.
            where = "changed, moved or cut short" if last else "changed or moved"
            raise HandoverError("damaged", f"segment {self._index} was {where}") from exc
        self._index += 1
        self.finished = last
        self._buf = memoryview(plain)
        return True

    def _opens_as_middle(self, sealed: bytes) -> bool:
        try:
            self._aead.decrypt(_nonce(self._prefix, self._index, False), sealed, self._aad)
        except InvalidTag:
            return False
        return True

    def read(self, n: int) -> bytes:
        """Exactly `n` bytes; HandoverError `bad_content` if the authentic stream ends first."""
        out = bytearray()
        while len(out) < n:
            out += self.read_some(n - len(out))
        return bytes(out)

    def read_some(self, n: int) -> bytes:
        """Up to `n` bytes (at least one) of the current segment."""
        if not self._buf and not self._open_next():
            raise HandoverError("bad_content", "the entries run past the end of the bundle")
        take = self._buf[:n]
        self._buf = self._buf[len(take) :]
        return bytes(take)

    def at_end(self) -> bool:
        """True when nothing is left: every segment opened, the last one included."""
        while not self._buf:
            if not self._open_next():
                return True
        return False


class BundleEntry:
    """One entry of a bundle being read: `kind` (manifest, record, attachment), `name`, `size`. Read its bytes
    with `read_all()` (manifest and record bodies, bounded) or `pieces()` (attachments) before asking for the next
    entry; what is not read is skipped (still decrypted and authenticated)."""

    def __init__(self, kind: str, name: str, size: int, source: Callable[[int], bytes]) -> None:
        self.kind, self.name, self.size = kind, name, size
        self._source = source
        self._left = size

    def pieces(self, piece: int = SEGMENT) -> Iterator[bytes]:
        while self._left > 0:
            data = self._source(min(piece, self._left))
            self._left -= len(data)
            yield data

    def read_all(self, limit: int = MAX_RECORD) -> bytes:
        if self.size > limit:
            raise HandoverError("bad_content", f"{self.name}: {self.size} bytes, over {limit}")
        return b"".join(self.pieces())

    def skip(self) -> None:
        for _ in self.pieces():
            pass


class _Tap:
    """A read-only file that hands every byte read to `tap` (the bundle's digest and progress in one pass)."""

    def __init__(self, f: IO[bytes], tap: Callable[[bytes], None]) -> None:
        self._f, self._tap = f, tap

    def read(self, n: int = -1) -> bytes:
        data = self._f.read(n)
        self._tap(data)
        return data

    def readline(self, n: int = -1) -> bytes:
        data = self._f.readline(n)
        self._tap(data)
        return data

    def close(self) -> None:
        self._f.close()


class BundleReader:
    """Reads a bundle (format 2 streamed, format 1 in memory) as entries:

        with BundleReader(path, passphrase) as bundle:
            bundle.manifest            # the manifest (read on opening)
            for entry in bundle.entries(): ...   # records and attachments, in bundle order

    `entries()` raises HandoverError (`wrong_passphrase`, `truncated`, `bad_content`) where the bundle stops being
    authentic; entries yielded before that were authentic. `verify_bundle` reads a whole bundle first, so an
    importer can refuse a damaged or cut-short bundle before it stores anything. `tap` sees every byte of the file
    as it is read."""

    def __init__(
        self, source: Path | IO[bytes], passphrase: str, *, tap: Callable[[bytes], None] | None = None
    ) -> None:
        raw: IO[bytes] = open(source, "rb") if isinstance(source, Path) else source  # noqa: SIM115 - close()
        self._f: _Source = raw if tap is None else _Tap(raw, tap)
        try:
            self.header = _read_header(self._f)
            self.version = self.header.version
            self._plain: _Plain | None = None
            self._v1_files: dict[str, bytes] = {}
            if self.version == 2:
                self._plain = _Plain(self._f, self.header, passphrase)
                first = self._next_entry()
                if first is None or first.kind != "manifest":
                    raise HandoverError("bad_content", "the bundle does not start with its manifest")
                self.manifest = _manifest(first.read_all(MAX_MANIFEST))
            else:
                data = MAGIC_V1 + self.header.raw + b"\n" + self._f.read()
                self.manifest, self._v1_files = open_bundle(data, passphrase)
        except BaseException:
            self._f.close()
            raise

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._f.close()

    def _next_entry(self) -> BundleEntry | None:
        assert self._plain is not None
        plain = self._plain
        kind_byte, name_len = _ENTRY_HEAD.unpack(plain.read(_ENTRY_HEAD.size))
        kind = KINDS.get(kind_byte)
        if kind is None:
            raise HandoverError("bad_content", f"unknown entry kind {kind_byte!r}")
        try:
            name = plain.read(name_len).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise HandoverError("bad_content", "entry name is not UTF-8") from exc
        (size,) = _SIZE.unpack(plain.read(_SIZE.size))
        if kind == "end":
            if size or not plain.at_end():
                raise HandoverError("bad_content", "data after the end entry")
            return None
        return BundleEntry(kind, name, size, plain.read_some)

    def entries(self) -> Iterator[BundleEntry]:
        """Record and attachment entries in bundle order (each record's body before its new attachments); the
        iteration ends normally only after the bundle's authentic end."""
        if self.version == 1:
            yield from _v1_entries(self.manifest, self._v1_files)
            return
        while True:
            entry = self._next_entry()
            if entry is None:
                return
            if entry.kind == "manifest":
                raise HandoverError("bad_content", "a second manifest")
            yield entry
            entry.skip()


def _manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw)
    except ValueError as exc:
        raise HandoverError("bad_content", f"manifest: {exc}") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("records"), list):
        raise HandoverError("bad_content", "manifest without a record list")
    return manifest


def _v1_entries(manifest: dict[str, Any], files: dict[str, bytes]) -> Iterator[BundleEntry]:
    seen: set[str] = set()
    for item in manifest["records"]:
        record_id = item.get("record_id") if isinstance(item, dict) else None
        name = f"records/{record_id}.json"
        body = files.get(name) if isinstance(record_id, str) else None
        if body is None:
            continue
        yield _memory_entry("record", name, body)
        try:
            shas = json.loads(body).get("attachments") or []
        except (ValueError, AttributeError):
            shas = []
        for sha in shas if isinstance(shas, list) else []:
            att = f"attachments/{sha}"
            if isinstance(sha, str) and sha not in seen and att in files:
                seen.add(sha)
                yield _memory_entry("attachment", att, files[att])


def _memory_entry(kind: str, name: str, data: bytes) -> BundleEntry:
    stream = io.BytesIO(data)
    return BundleEntry(kind, name, len(data), stream.read)


@dataclass(frozen=True, slots=True)
class VerifiedBundle:
    manifest: dict[str, Any]
    sha256: str
    size: int
    version: int
    entries: int


def verify_bundle(path: Path, passphrase: str, *, progress: Callable[[int, int], None] | None = None) -> VerifiedBundle:
    """Read a whole bundle once, decrypting and authenticating every segment and walking every entry, in bounded
    memory: its manifest, SHA-256 (of the very bytes authenticated) and size if it is complete and authentic,
    HandoverError otherwise. `progress(bytes read, file size)` is called as it goes."""
    size = Path(path).stat().st_size
    digest = hashlib.sha256()
    done = 0

    def tap(data: bytes) -> None:
        nonlocal done
        digest.update(data)
        done += len(data)
        if progress is not None and data:
            progress(done, size)

    entries = 0
    with BundleReader(Path(path), passphrase, tap=tap) as bundle:
        for entry in bundle.entries():
            entries += 1
            if entry.kind == "record":
                entry.read_all()
        if done != size:
            raise HandoverError("bad_content", f"{size - done} bytes after the bundle's end")
        return VerifiedBundle(bundle.manifest, digest.hexdigest(), size, bundle.version, entries)


def file_sha256(path: Path, *, progress: Callable[[int, int], None] | None = None) -> str:
    size = Path(path).stat().st_size
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(SEGMENT):
            digest.update(chunk)
            if progress is not None:
                progress(f.tell(), size)
    return digest.hexdigest()


# -- format 1 (read; written only by tests, to prove old bundles still import) -----------------------------------


def seal_bundle(zip_bytes: bytes, passphrase: str, *, records: int) -> bytes:
    """A format-1 bundle for a ZIP (see the module doc): no longer written by the export, kept so the tests can
    make the bundles older laptops wrote."""
    salt, nonce = os.urandom(16), os.urandom(12)
    header = _header(1, salt, records, nonce=b64encode(nonce))
    return (
        MAGIC_V1
        + header
        + b"\n"
        + AESGCM(_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, zip_bytes, header)
    )


def open_bundle(data: bytes, passphrase: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(manifest, {member name: bytes}) of a whole bundle held in memory (either format; for small bundles and
    tests: importers stream with `BundleReader`); HandoverError when it is not a bundle, the passphrase is wrong, a
    byte was changed or it was cut short."""
    f = io.BytesIO(data)
    header = _read_header(f)
    if header.version == 2:
        files: dict[str, bytes] = {}
        with BundleReader(io.BytesIO(data), passphrase) as bundle:
            files["manifest.json"] = canonical_json(bundle.manifest)
            for entry in bundle.entries():
                files[entry.name] = entry.read_all(len(data))
            return bundle.manifest, files
    h = header.fields
    key = _key(passphrase, b64decode(h["salt"]), int(h["n"]), int(h["r"]), int(h["p"]))
    try:
        plain = AESGCM(key).decrypt(b64decode(h["nonce"]), data[f.tell() :], header.raw)
    except (InvalidTag, ValueError) as exc:
        raise HandoverError("wrong_passphrase", "wrong passphrase, or the file was changed") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(plain)) as zf:
            files = {name: zf.read(name) for name in zf.namelist()}
        manifest = _manifest(files["manifest.json"])
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise HandoverError("bad_content", str(exc)) from exc
    return manifest, files


# -- acknowledgements ---------------------------------------------------------------------------------------------


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
