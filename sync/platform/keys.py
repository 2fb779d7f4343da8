"""The platform's secrets and private files: the data directory 0700, every file in it 0600 whatever the umask, and
the two secrets (Ed25519 signing key, bearer-token secret) in key files beside the database, never in it.

Contract: `private_dir` / `open_private` / `write_key_file` make nothing readable by another local user (modes are
set by `os.open`/`mkdir` flags and re-applied with chmod, so neither umask 022 nor 000 widens them); a key file is
written whole (temporary file, fsync, rename) or not at all. Tokens are HMAC-SHA256 of the terminal id under the token
secret: the database holds only SHA-256 of each token, so reading platform.db alone forges nothing. Layout:
docs/platform.md ("Secrets and files").
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

SIGNING_KEY_FILE = "signing.key"
"""The platform's Ed25519 private key, 32 raw bytes as 64 hex digits."""
TOKEN_SECRET_FILE = "token.key"
"""The secret bearer tokens are derived from, 32 random bytes as 64 hex digits."""

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700; an existing directory is narrowed to 0700."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return path


def make_private(path: Path) -> None:
    """Narrow an existing file to 0600 (files made by an earlier version under a permissive umask)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, FILE_MODE)


def touch_private(path: Path) -> None:
    """Create `path` empty as 0600 if missing, and make it 0600 if it exists (SQLite gives its -wal and -shm files
    the database file's mode, so creating platform.db this way first keeps them private too).

    An existing file is never opened, only chmod-ed: closing a descriptor of a SQLite database drops every POSIX lock
    this process holds on it, and another connection of the process would then lose its locks (and its WAL)."""
    if path.exists():
        make_private(path)
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    except FileExistsError:
        make_private(path)
        return
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def open_private(path: Path, flags: int) -> int:
    """`os.open(path, flags | O_CREAT)` with mode 0600 enforced (the caller closes the descriptor)."""
    fd = os.open(path, flags | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    os.fchmod(fd, FILE_MODE)
    return fd


def read_key_file(path: Path) -> bytes | None:
    """The 32-byte secret in `path`, None if there is no such file; ValueError if the file is malformed."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    raw = bytes.fromhex(text)
    if len(raw) != 32:
        raise ValueError(f"{path}: expected 64 hex digits")
    make_private(path)
    return raw


def write_key_file(path: Path, raw: bytes) -> None:
    """Write a secret atomically as 0600 (temporary file in the same directory, fsync, rename, fsync the dir)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        os.write(fd, raw.hex().encode("ascii") + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def derive_token(secret: bytes, terminal_id: str) -> str:
    """A terminal's bearer token: HMAC-SHA256(token secret, terminal id), hex. Deterministic, so a retried
    enrollment gets the same token and terminals enrolled before the key file existed keep theirs."""
    return hmac.new(secret, terminal_id.encode("utf-8"), hashlib.sha256).hexdigest()


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, hex (a token is 256 bits of HMAC output: no salt needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens_equal(stored_hash: str | None, presented: str) -> bool:
    """Constant-time check of a presented token against the stored hash (None: no token issued)."""
    if stored_hash is None:
        return False
    return hmac.compare_digest(stored_hash, token_hash(presented))
