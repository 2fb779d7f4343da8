"""Files a person names (`yunban submit --attach/--data/--card-json`, a page added from a path): read safely and
checked for what they claim to be.

Contract: `read_regular_file` refuses anything that is not a regular file (a device such as /dev/zero or
/dev/urandom, a FIFO, a socket, a directory) from `os.stat` *before* opening, opens with `O_NONBLOCK` (a FIFO
swapped in after the check cannot block) and checks the opened descriptor again, then reads at most `cap` bytes
while streaming: a file that grows past the cap (or lies about its size, like /proc files that stat as 0 bytes) is
refused, never read whole. `document_type` accepts a material page only by its magic bytes — JPEG, PNG, TIFF (what
scanners produce) or PDF — and only when it decodes (Pillow for images; a PDF must open in Qt's PDF engine with at least
one page); an empty file, an ELF binary, text or /proc/self/environ satisfies nothing. `load_json`
applies a size cap and a nesting-depth limit before `json.loads` runs. Every refusal is a `UserError` (`apply.*`).
"""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path
from typing import Any

from app.apply import messages
from app.errors import UserError

__all__ = [
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_PAGE_PIXELS",
    "document_type",
    "json_depth_exceeds",
    "load_json",
    "read_regular_file",
]

MAX_JSON_BYTES = 4 * 1024 * 1024
"""`--data` / `--card-json`: answers of one form (and a card read) are a few KiB; 4 MiB leaves room for signatures."""
MAX_JSON_DEPTH = 32
"""Nesting depth of `--data` / `--card-json` (answers are at most 3 levels deep)."""
MAX_PAGE_PIXELS = 20_000 * 20_000
"""A page image larger than this (in pixels) is refused before decoding (a decompression bomb)."""
_CHUNK = 64 * 1024
_KINDS = {
    stat.S_IFDIR: "directory",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFIFO: "FIFO",
    stat.S_IFSOCK: "socket",
}


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "special file")


def read_regular_file(path: Path, *, cap: int) -> bytes:
    """The bytes of a regular file of at most `cap` bytes (see the module contract)."""
    name = str(path)
    try:
        before = os.stat(path)
    except OSError as exc:
        raise UserError(messages.CANNOT_READ_FILE, name=name, reason=exc.strerror or str(exc)) from exc
    if not stat.S_ISREG(before.st_mode):
        raise UserError(messages.NOT_REGULAR_FILE, name=name, kind=_kind(before.st_mode))
    if before.st_size > cap:
        raise UserError(messages.FILE_TOO_LARGE, limit_mb=max(1, cap // 2**20))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UserError(messages.CANNOT_READ_FILE, name=name, reason=exc.strerror or str(exc)) from exc
    try:
        after = os.fstat(fd)
        if not stat.S_ISREG(after.st_mode):  # swapped between stat and open
            raise UserError(messages.NOT_REGULAR_FILE, name=name, kind=_kind(after.st_mode))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > cap:
                raise UserError(messages.FILE_TOO_LARGE, limit_mb=max(1, cap // 2**20))
            chunks.append(chunk)
    except OSError as exc:
        raise UserError(messages.CANNOT_READ_FILE, name=name, reason=exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)
    return b"".join(chunks)


# --------------------------------------------------------------------------------------------------------------------
# Material pages


def _magic(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _image_decodes(data: bytes, expected: str) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as probe:
            if Image.MIME.get(probe.format or "") != expected or probe.width * probe.height > MAX_PAGE_PIXELS:
                return False
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except Exception:
        return False
    return True


def _pdf_opens(data: bytes) -> bool:
    """A PDF that opens: its version header, then Qt's PDF engine (pdfium, `QPdfDocument`) loads it and finds at
    least one page."""
    header = data[:16]
    if not (header.startswith(b"%PDF-1.") or header.startswith(b"%PDF-2.")):
        return False
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        return document.status() == QPdfDocument.Status.Ready and document.pageCount() >= 1
    finally:
        document.close()
        buffer.close()


def document_type(data: bytes, name: str) -> str:
    """The media type of a material page (image/jpeg, image/png, image/tiff, application/pdf) by its magic bytes,
    once it decodes; `apply.empty_page`, `apply.not_a_document` or `apply.document_damaged` otherwise."""
    if not data:
        raise UserError(messages.EMPTY_PAGE)
    media_type = _magic(data)
    if media_type is None:
        raise UserError(messages.NOT_A_DOCUMENT, name=name)
    ok = _pdf_opens(data) if media_type == "application/pdf" else _image_decodes(data, media_type)
    if not ok:
        raise UserError(messages.DOCUMENT_DAMAGED, name=name)
    return media_type


# --------------------------------------------------------------------------------------------------------------------
# JSON given on the command line


def json_depth_exceeds(text: str, limit: int) -> bool:
    """Whether JSON text nests arrays/objects deeper than `limit` (brackets inside strings are not counted); one
    pass over the characters, before any parser sees the text."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def load_json(path: Path, *, option: str, cap: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse a JSON file named on the command line: a regular file, at most `cap` bytes, UTF-8, nested at most
    `max_depth` levels, numbers of at most 4,300 digits (Python's int limit, caught as an error)."""
    data = read_regular_file(path, cap=cap)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(messages.NOT_JSON, option=option, name=str(path), error=exc.reason) from exc
    if json_depth_exceeds(text, max_depth):
        raise UserError(messages.JSON_TOO_DEEP, option=option, name=str(path), limit=max_depth)
    try:
        return json.loads(text)
    except (json.JSONDecodeError, ValueError, RecursionError) as exc:
        raise UserError(messages.NOT_JSON, option=option, name=str(path), error=str(exc)[:200]) from exc
