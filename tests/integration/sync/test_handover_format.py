"""The hand-over bundle format 2 (`sync.handover`) on its own, on real files: what is written is what is read, entry
by entry, and no cut, flipped byte, dropped, repeated, reordered or foreign segment ever reads as a bundle (the
reader raises before its end; `verify_bundle` refuses it whole). Small segments (4 KiB, the smallest a reader
accepts) so that a few records make many segments, and scrypt at its smallest accepted cost so that hypothesis can
try many damaged copies.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync import handover
from sync.handover import TAG, BundleReader, BundleWriter, HandoverError, open_bundle, verify_bundle

PASSPHRASE = "county hand-over 2026"
SEGMENT = 4096
SEALED = SEGMENT + TAG


def _write(path: Path, attachments: list[bytes], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """A bundle of one record per attachment; {entry name: bytes} as written (the manifest included)."""
    monkeypatch.setattr(handover, "SCRYPT_N", 2**10)
    written: dict[str, bytes] = {}
    manifest = {"terminal_id": "T1", "records": [{"record_id": f"r{i}"} for i in range(len(attachments))]}
    with open(path, "wb") as f:
        writer = BundleWriter(f, PASSPHRASE, records=len(attachments), segment=SEGMENT)
        written["manifest.json"] = json.dumps(manifest).encode()
        writer.add("manifest", "manifest.json", written["manifest.json"])
        for i, data in enumerate(attachments):
            sha = hashlib.sha256(data).hexdigest()
            body = json.dumps({"record_id": f"r{i}", "attachments": [sha]}).encode()
            writer.add("record", f"records/r{i}.json", body)
            writer.add_stream("attachment", f"attachments/{sha}", len(data),
                              [data[j : j + 1000] for j in range(0, len(data), 1000)])  # fmt: skip
            written[f"records/r{i}.json"] = body
            written[f"attachments/{sha}"] = data
        writer.close()
    return written


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, dict[str, bytes], bytes]:
    """(bundle bytes, what was written, another bundle's bytes with the same passphrase)."""
    mp = pytest.MonkeyPatch()
    try:
        root = tmp_path_factory.mktemp("format")
        sizes = [10, 5000, 0, 13000, 700]  # attachments under, over and far over a segment, and empty
        written = _write(root / "a.ybx", [os.urandom(n) for n in sizes], mp)
        _write(root / "b.ybx", [os.urandom(n) for n in sizes], mp)
        return (root / "a.ybx").read_bytes(), written, (root / "b.ybx").read_bytes()
    finally:
        mp.undo()


def _start(data: bytes) -> int:
    return data.index(b"\n", 5) + 1


def test_what_is_written_is_read_back_entry_by_entry(sample: Any, tmp_path: Path) -> None:
    data, written, _ = sample
    path = tmp_path / "a.ybx"
    path.write_bytes(data)
    assert (len(data) - _start(data)) // SEALED >= 4  # several segments
    with BundleReader(path, PASSPHRASE) as bundle:
        assert bundle.version == 2 and bundle.manifest == json.loads(written["manifest.json"])
        read = {entry.name: b"".join(entry.pieces(777)) for entry in bundle.entries()}
    assert read == {k: v for k, v in written.items() if k != "manifest.json"}
    verified = verify_bundle(path, PASSPHRASE)
    assert verified.sha256 == hashlib.sha256(data).hexdigest() and verified.entries == len(written) - 1
    manifest, files = open_bundle(data, PASSPHRASE)  # the in-memory convenience reads the same
    assert manifest == verified.manifest and {k: v for k, v in files.items() if k != "manifest.json"} == read
    with pytest.raises(HandoverError) as wrong:
        verify_bundle(path, "another passphrase")
    assert wrong.value.code == "wrong_passphrase"


def _refused(tmp_path: Path, damaged: bytes) -> str:
    path = tmp_path / "damaged.ybx"
    path.write_bytes(damaged)
    with pytest.raises(HandoverError) as refused:
        verify_bundle(path, PASSPHRASE)
    return refused.value.code


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(min_value=0.0, max_value=0.99999))
def test_no_cut_reads_as_a_bundle(sample: Any, tmp_path: Path, cut: float) -> None:
    data = sample[0]
    assert _refused(tmp_path, data[: int(len(data) * cut)]) in {"not_a_bundle", "wrong_passphrase", "damaged",
                                                                "truncated", "bad_content"}  # fmt: skip


def test_a_cut_at_every_segment_boundary_is_truncated(sample: Any, tmp_path: Path) -> None:
    data = sample[0]
    start = _start(data)
    for boundary in range(start + SEALED, len(data), SEALED):
        assert _refused(tmp_path, data[:boundary]) == "truncated"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(min_value=0.0, max_value=0.99999), bit=st.integers(min_value=0, max_value=7))
def test_no_flipped_bit_reads_as_a_bundle(sample: Any, tmp_path: Path, where: float, bit: int) -> None:
    data = bytearray(sample[0])
    data[int(len(data) * where)] ^= 1 << bit
    _refused(tmp_path, bytes(data))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_no_segment_dropped_repeated_moved_or_foreign_reads_as_a_bundle(sample: Any, tmp_path: Path, data: Any) -> None:
    raw, _, other = sample
    start, other_start = _start(raw), _start(other)
    segments = [raw[i : i + SEALED] for i in range(start, len(raw), SEALED)]
    foreign = [other[i : i + SEALED] for i in range(other_start, len(other), SEALED)]
    i = data.draw(st.integers(0, len(segments) - 1))
    how = data.draw(st.sampled_from(["drop", "repeat", "swap", "foreign"]))
    changed = list(segments)
    if how == "drop":
        del changed[i]
    elif how == "repeat":
        changed.insert(i, segments[i])
    elif how == "swap":
        j = data.draw(st.integers(0, len(segments) - 1).filter(lambda j: j != i))
        changed[i], changed[j] = changed[j], changed[i]
    else:
        changed[i] = foreign[min(i, len(foreign) - 1)]
    assert changed != segments
    _refused(tmp_path, raw[:start] + b"".join(changed))


def test_entries_read_before_the_damage_are_authentic_and_the_reader_stops_there(sample: Any, tmp_path: Path) -> None:
    """A streaming reader meets a flipped late byte only when it gets there; what it gave before is exactly what was
    written (the importer never relies on that: it verifies the whole bundle first)."""
    data, written, _ = sample
    damaged = bytearray(data)
    damaged[-30] ^= 0x40
    path = tmp_path / "late.ybx"
    path.write_bytes(bytes(damaged))
    seen: dict[str, bytes] = {}
    with BundleReader(path, PASSPHRASE) as bundle, pytest.raises(HandoverError) as refused:
        for entry in bundle.entries():
            seen[entry.name] = b"".join(entry.pieces())
    assert refused.value.code == "damaged"
    assert seen and all(written[name] == value for name, value in seen.items())
