"""The content-addressed attachment store of the platform (`BlobStore`) and its filesystem implementation.

Contract:
- A complete attachment is stored once under its SHA-256 (equal bytes from many terminals: one copy); it appears
  whole or not at all (written under a temporary name, fsync'ed, renamed into place, the directory fsync'ed), and
  is never changed afterwards.
- An upload in progress is a *part* per (terminal, sha256): `write_part` puts a chunk at an offset (dropping
  anything past it, left by a node killed after its fsync but before the database moved the offset) and returns
  only once the bytes are on disk; the database's `uploads.received` says how much of it counts.
- `commit_part` turns a verified part into the blob (or drops it when the blob is already held). The directory's
  fsync after the rename is shared by the commits that run at once (`_GroupDirSync`, group commit): each still
  returns only after an fsync that started after its own rename.
- Files are 0600 in 0700 folders, whatever the umask. Failures (a full disk, an I/O error) are raised as OSError;
  the platform answers 507 and counts nothing of that chunk as received.

Another backend (an S3-compatible object store) implements the same Protocol: docs/platform.md, "Attachment store".
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from sync.platform import keys

__all__ = ["BlobStore", "FilesystemBlobs"]


class BlobStore(Protocol):
    def has(self, sha256: str) -> bool: ...

    def open(self, sha256: str) -> BinaryIO: ...

    def has_part(self, terminal_id: str, sha256: str) -> bool: ...

    def write_part(self, terminal_id: str, sha256: str, offset: int, data: bytes) -> None: ...

    def part_sha256(self, terminal_id: str, sha256: str, length: int) -> str: ...

    def commit_part(self, terminal_id: str, sha256: str) -> None: ...

    def discard_part(self, terminal_id: str, sha256: str) -> int:
        """Drop a part; its size in bytes (0: there was none)."""

    def parts(self) -> Iterator[tuple[str, str, float]]:
        """Every part held: (terminal id, sha256, last write as a Unix time)."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _GroupDirSync:
    """fsync of one directory, shared by the threads that need it at once (group commit): a rename is durable once
    an fsync of its directory *started after it* has finished. A thread that arrives while an fsync runs waits for
    it to end and then for the next one, which one of the waiters starts for all of them; so N blobs committed at
    once cost about two directory fsyncs, not N, and none returns before its own name is on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cond = threading.Condition()
        self._started = 0
        self._done = 0
        self._running = False

    def sync(self) -> None:
        with self._cond:
            ticket = self._started + 1  # the first fsync to start from now on covers the caller's rename
            while self._done < ticket:
                if not self._running:
                    break
                self._cond.wait()
            else:
                return
            self._running = True
            self._started += 1
            generation = self._started
        ok = False
        try:
            _fsync_dir(self.path)
            ok = True
        finally:
            with self._cond:
                self._running = False
                if ok:
                    self._done = generation
                self._cond.notify_all()


class FilesystemBlobs:
    """`<root>/<sha256>` for complete blobs, `<root>/parts/<terminal>-<sha256>.part` for uploads in progress."""

    def __init__(self, root: Path) -> None:
        self.root = keys.private_dir(root)
        self.parts_dir = keys.private_dir(root / "parts")
        self._root_sync = _GroupDirSync(self.root)
        for path in self.root.iterdir():
            if path.is_file():
                keys.make_private(path)

    def path(self, sha256: str) -> Path:
        return self.root / sha256

    def part_path(self, terminal_id: str, sha256: str) -> Path:
        return self.parts_dir / f"{terminal_id}-{sha256}.part"

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path(sha256), "rb")

    def has_part(self, terminal_id: str, sha256: str) -> bool:
        return self.part_path(terminal_id, sha256).exists()

    def write_part(self, terminal_id: str, sha256: str, offset: int, data: bytes) -> None:
        fd = keys.open_private(self.part_path(terminal_id, sha256), os.O_WRONLY)
        with os.fdopen(fd, "wb") as fh:
            fh.truncate(offset)
            fh.seek(offset)
            fh.write(data)
            fh.flush()
            os.fdatasync(fh.fileno())  # the bytes and the size that reaches them; mtime need not be durable

    def part_sha256(self, terminal_id: str, sha256: str, length: int) -> str:
        digest = hashlib.sha256()
        with open(self.part_path(terminal_id, sha256), "rb") as fh:
            remaining = length
            while remaining > 0:
                block = fh.read(min(1 << 20, remaining))
                if not block:
                    break
                digest.update(block)
                remaining -= len(block)
        return digest.hexdigest()

    def commit_part(self, terminal_id: str, sha256: str) -> None:
        part = self.part_path(terminal_id, sha256)
        if self.has(sha256):
            part.unlink()  # the same bytes are held already (content-addressed): keep one copy
            return
        os.replace(part, self.path(sha256))  # the part was fsync'ed by write_part: the blob appears whole
        self._root_sync.sync()  # the new name is durable before the database says the upload is complete

    def discard_part(self, terminal_id: str, sha256: str) -> int:
        return _unlink_size(self.part_path(terminal_id, sha256))

    def parts(self) -> Iterator[tuple[str, str, float]]:
        for part in [*self.parts_dir.glob("*.part"), *self.root.glob("*.part")]:
            terminal_id, _, sha256 = part.name.removesuffix(".part").rpartition("-")
            try:
                mtime = part.stat().st_mtime
            except FileNotFoundError:
                continue
            yield terminal_id, sha256, mtime

    def discard_stray(self, terminal_id: str, sha256: str) -> int:
        """Drop a part of the shared layout before issue 11 (`<root>/<sha256>.part`, no terminal)."""
        if terminal_id:
            return self.discard_part(terminal_id, sha256)
        return _unlink_size(self.root / f"{sha256}.part")


def _unlink_size(path: Path) -> int:
    try:
        size = path.stat().st_size
        path.unlink()
    except FileNotFoundError:
        return 0
    return size
