"""The filesystem attachment store under concurrent commits (sync/platform/storage/blobs.py): the blob folder's
fsync after a rename is shared by the commits that run at once (group commit), and no commit returns before an
fsync that started after its own rename has finished."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest

from sync.platform.storage import blobs as blobs_module
from sync.platform.storage.blobs import FilesystemBlobs

COMMITS = 24


def test_concurrent_commits_share_directory_fsyncs_and_each_waits_for_one_after_its_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FilesystemBlobs(tmp_path / "blobs")
    lock = threading.Lock()
    syncs: list[tuple[float, float]] = []
    renamed: dict[str, float] = {}
    real_sync, real_replace = blobs_module._fsync_dir, os.replace

    def slow_disk_sync(path: Path) -> None:  # the real fsync, on a disk made slow so that commits overlap
        started = time.monotonic()
        time.sleep(0.2)
        real_sync(path)
        with lock:
            syncs.append((started, time.monotonic()))

    def noting_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        real_replace(src, dst)
        with lock:
            renamed[Path(dst).name] = time.monotonic()

    monkeypatch.setattr(blobs_module, "_fsync_dir", slow_disk_sync)
    monkeypatch.setattr(os, "replace", noting_replace)
    payloads = {}
    for i in range(COMMITS):
        data = os.urandom(4096) + i.to_bytes(2, "big")
        sha = hashlib.sha256(data).hexdigest()
        payloads[sha] = data
        store.write_part("T0000000000000001", sha, 0, data)
    returned: dict[str, float] = {}
    gate = threading.Barrier(COMMITS)

    def commit(sha: str) -> None:
        gate.wait()
        store.commit_part("T0000000000000001", sha)
        with lock:
            returned[sha] = time.monotonic()

    threads = [threading.Thread(target=commit, args=(sha,)) for sha in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert set(returned) == set(payloads)
    for sha, data in payloads.items():
        assert store.path(sha).read_bytes() == data
        assert not store.has_part("T0000000000000001", sha)
        # durable before it returned: some fsync of the folder began after this rename and ended before the return
        assert any(renamed[sha] <= start and end <= returned[sha] for start, end in syncs), sha
    assert len(syncs) < COMMITS  # shared: far fewer folder fsyncs than commits


def test_a_failed_folder_fsync_is_raised_to_its_commit_and_the_next_commit_syncs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = FilesystemBlobs(tmp_path / "blobs")
    calls: list[Path] = []
    real_sync = blobs_module._fsync_dir

    def failing_once(path: Path) -> None:
        calls.append(path)
        if len(calls) == 1:
            raise OSError(5, "Input/output error")
        real_sync(path)

    monkeypatch.setattr(blobs_module, "_fsync_dir", failing_once)
    first, second = b"first attachment", b"second attachment"
    for data in (first, second):
        store.write_part("T0000000000000002", hashlib.sha256(data).hexdigest(), 0, data)
    with pytest.raises(OSError):
        store.commit_part("T0000000000000002", hashlib.sha256(first).hexdigest())
    store.commit_part("T0000000000000002", hashlib.sha256(second).hexdigest())
    assert len(calls) == 2  # the failure covered nobody: the next commit ran its own fsync
