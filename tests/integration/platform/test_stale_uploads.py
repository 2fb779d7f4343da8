"""Abandoned partial uploads on the reference platform: dropped after a cut-off, never a complete attachment,
and a terminal coming back afterwards simply starts that attachment again."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from app.cli import main as cli
from sync.platform.store import PlatformStore

DAY = 86400.0


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_stale_partial_uploads_are_dropped_and_complete_ones_kept(tmp_path: Path) -> None:
    store = PlatformStore(tmp_path)
    try:
        done, half, fresh = b"a" * 5000, b"b" * 8000, b"c" * 3000
        assert store.write_chunk("T1", sha(done), 0, len(done), done)["complete"] is True
        assert store.write_chunk("T1", sha(half), 0, len(half), half[:4000])["received"] == 4000
        # A `.part` with no row: a platform killed between the fsync and the row.
        orphan = store.parts / f"T1-{'d' * 64}.part"
        orphan.write_bytes(b"x" * 100)
        old = time.time() - 20 * DAY
        os.utime(orphan, (old, old))

        # Nothing is old yet, except the orphan file by its mtime.
        assert store.purge_stale_uploads(14 * DAY) == {"uploads": 1, "bytes": 100}
        assert not orphan.exists()
        attachment = store.attachment(sha(half))
        assert attachment is not None and attachment["received"] == 4000

        # A fortnight later both partial uploads are stale; the complete attachment stays.
        assert store.write_chunk("T1", sha(fresh), 0, len(fresh), fresh[:1000])["received"] == 1000
        result = store.purge_stale_uploads(14 * DAY, now=time.time() + 15 * DAY)
        assert result == {"uploads": 2, "bytes": 5000}
        assert store.attachment(sha(half)) is None and store.attachment(sha(fresh)) is None
        assert not list(store.parts.glob("*.part"))
        assert store.attachment(sha(done)) == {"sha256": sha(done), "length": 5000, "received": 5000, "complete": True}
        assert store.blob_path(sha(done)).read_bytes() == done

        # The terminal comes back: offset 4000 is refused with received 0, and it starts again from 0.
        assert store.write_chunk("T1", sha(half), 4000, len(half), half[4000:]) == {
            "outcome": "offset_mismatch", "received": 0, "complete": False,
        }  # fmt: skip
        assert store.write_chunk("T1", sha(half), 0, len(half), half)["complete"] is True
        assert store.blob_path(sha(half)).read_bytes() == half
    finally:
        store.close()


def test_purge_uploads_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = PlatformStore(tmp_path)
    try:
        part = b"p" * 700
        store.write_chunk("T1", sha(part + b"rest"), 0, len(part) + 4, part)
    finally:
        store.close()
    assert cli(["platform", "purge-uploads", "--data", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"uploads": 0, "bytes": 0}
    assert cli(["platform", "purge-uploads", "--older-than-days", "0", "--data", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"uploads": 1, "bytes": 700}
    assert cli(["platform", "purge-uploads", "--older-than-days", "-1", "--data", str(tmp_path)]) != 0
    assert "--older-than-days" in capsys.readouterr().err
