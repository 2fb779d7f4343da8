"""Catalog trust on a terminal (app/catalog/trust.py): the pinned platform key is changed only by a signed rotation,
`--platform-key` cannot override it, unsigned folders only before enrollment, and never an older catalog; hostile
snapshot files (deep, huge, not a file) are clear refusals. Snapshots are signed here with real Ed25519 keys, as the
platform signs them (`sync.protocol.sign_envelope`)."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.catalog.trust import make_rotation
from app.catalog.updates import mirror_version
from app.cli import main
from app.data import DEMO_CATALOG
from app.model.terminal import TerminalIdentity
from sync import protocol
from sync.platform.catalog_source import load_bundle

DIVISION = "532524103205"


@pytest.fixture(scope="module")
def bundle_json() -> dict[str, Any]:
    loaded: dict[str, Any] = load_bundle(DEMO_CATALOG)
    return loaded


def snapshot(signer: protocol.Signer, bundle_json: dict[str, Any], version: int, name: str = "") -> dict[str, Any]:
    bundle = copy.deepcopy(bundle_json)
    bundle["bundle"]["version"] = version
    if name:
        bundle["items"][0]["name"] = name
    page = {"kind": "snapshot", "division": DIVISION, "cursor": 0, "bundle_version": version, "bundle": bundle}
    return protocol.sign_envelope(signer, page)


def write(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def enroll(home: Path, key: protocol.Signer) -> None:
    """enrollment.json as `yunban enroll` leaves it (the import path reads only the pinned key from it)."""
    identity = TerminalIdentity(
        terminal_id="T-1",
        division=DIVISION,
        platform_url="http://127.0.0.1:9",
        platform_public_key=protocol.b64encode(key.public_key_bytes()),
        algorithm="ed25519",
        public_key=protocol.b64encode(protocol.generate_signer().public_key_bytes()),
        enrolled_at="2026-12-01T00:00:00+00:00",
        terminal_no="01",
    )
    (home / "enrollment.json").write_text(json.dumps(dataclasses.asdict(identity)), encoding="utf-8")


def cli(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, Any]:
    code = main(["catalog", *args, "--home", str(home), "--json"])
    return code, json.loads(capsys.readouterr().out)


def first_name(home: Path, capsys: pytest.CaptureFixture[str], code: str) -> str:
    assert main(["catalog", "show", code, "--home", str(home), "--json"]) == 0
    name: str = json.loads(capsys.readouterr().out)["name"]
    return name


@pytest.fixture
def platform_key() -> protocol.Signer:
    return protocol.generate_signer()


@pytest.fixture
def enrolled(home: Path, platform_key: protocol.Signer, bundle_json: dict[str, Any], tmp_path: Path,
             capsys: pytest.CaptureFixture[str]) -> Path:  # fmt: skip
    """An enrolled terminal whose mirror holds the pinned platform's snapshot, version 4."""
    enroll(home, platform_key)
    code, out = cli(capsys, home, "import", str(write(tmp_path / "v4.json", snapshot(platform_key, bundle_json, 4))))
    assert code == 0, out
    assert out["bundle_version"] == 4 and mirror_version(home / "catalog.db") == 4
    return home


def test_foreign_snapshot_with_platform_key_is_refused_on_an_enrolled_terminal(
    enrolled: Path, bundle_json: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code0 = bundle_json["items"][0]["basic_code"]
    before = first_name(enrolled, capsys, code0)
    foreign = protocol.generate_signer()
    path = write(tmp_path / "foreign.json", snapshot(foreign, bundle_json, 9, name="假事项"))
    key = protocol.b64encode(foreign.public_key_bytes())
    code, out = cli(capsys, enrolled, "import", str(path), "--platform-key", key)
    assert code == 2 and out["code"] == "catalog.pinned_key_override", out
    code, out = cli(capsys, enrolled, "import", str(path))  # without the flag: checked against the pinned key
    assert code == 2 and out["code"] == "catalog.update_refused" and "bad signature" in out["error"]
    assert first_name(enrolled, capsys, code0) == before and mirror_version(enrolled / "catalog.db") == 4


def test_platform_key_flag_naming_the_pinned_key_is_harmless(
    enrolled: Path, platform_key: protocol.Signer, bundle_json: dict[str, Any], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path = write(tmp_path / "v5.json", snapshot(platform_key, bundle_json, 5))
    code, out = cli(
        capsys, enrolled, "import", str(path), "--platform-key", protocol.b64encode(platform_key.public_key_bytes())
    )
    assert code == 0 and out["bundle_version"] == 5, out


def test_unsigned_folder_is_refused_on_an_enrolled_terminal(
    enrolled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(DEMO_CATALOG, folder)
    (folder / "bundle.yaml").write_text(
        (folder / "bundle.yaml").read_text(encoding="utf-8").replace("version: 1", "version: 99"), encoding="utf-8"
    )
    for args in (["import", str(folder)], ["import"]):  # a newer folder, and the packaged demo
        code, out = cli(capsys, enrolled, *args)
        assert code == 2 and out["code"] == "catalog.unsigned_on_enrolled", out
    assert mirror_version(enrolled / "catalog.db") == 4


def test_older_snapshot_is_refused(
    enrolled: Path, platform_key: protocol.Signer, bundle_json: dict[str, Any], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path = write(tmp_path / "v3.json", snapshot(platform_key, bundle_json, 3))
    code, out = cli(capsys, enrolled, "import", str(path))
    assert code == 2 and "rollback" in out["error"], out
    assert mirror_version(enrolled / "catalog.db") == 4


def test_older_folder_is_refused_on_a_terminal_not_enrolled(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = Path(__file__).parent / "fixtures" / "bundle"  # version 3
    code, out = cli(capsys, home, "import", str(fixture))
    assert code == 0, out
    code, out = cli(capsys, home, "import")  # the packaged demo, version 1: backwards
    assert code == 2 and out["code"] == "catalog.older_bundle" and "1" in out["error"] and "3" in out["error"]
    assert mirror_version(home / "catalog.db") == 3
    code, out = cli(capsys, home, "import", str(fixture), "--platform-key", "AAAA")  # a key checks nothing here
    assert code == 2 and out["code"] == "catalog.key_for_folder"


def test_rotation_is_accepted_then_the_old_key_is_refused(
    enrolled: Path, platform_key: protocol.Signer, bundle_json: dict[str, Any], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    new = protocol.generate_signer()
    rotation = write(tmp_path / "rotation.json", make_rotation(platform_key, new, "2026-12-06T10:00:00+08:00"))
    code, out = cli(capsys, enrolled, "import", str(rotation))
    assert code == 0 and out == {
        "rotated": True,
        "platform_public_key": protocol.b64encode(new.public_key_bytes()),
        "platform_algorithm": "ed25519",
    }
    pinned = json.loads((enrolled / "enrollment.json").read_text(encoding="utf-8"))
    assert pinned["platform_public_key"] == protocol.b64encode(new.public_key_bytes())
    assert pinned["terminal_id"] == "T-1" and pinned["terminal_no"] == "01"  # the rest is kept
    assert (enrolled / "enrollment.json").stat().st_mode & 0o777 == 0o600

    old = write(tmp_path / "old.json", snapshot(platform_key, bundle_json, 6))
    code, out = cli(capsys, enrolled, "import", str(old))
    assert code == 2 and "bad signature" in out["error"], out
    code, out = cli(capsys, enrolled, "import", str(rotation))  # replayed: it starts from a key no longer pinned
    assert code == 2 and out["code"] == "catalog.rotation_refused"
    fresh = write(tmp_path / "new.json", snapshot(new, bundle_json, 6))
    code, out = cli(capsys, enrolled, "import", str(fresh))
    assert code == 0 and out["bundle_version"] == 6


def _tampered(doc: dict[str, Any], **page: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    out["page"].update(page)
    return out


def test_bad_rotations_are_refused(
    enrolled: Path, platform_key: protocol.Signer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new, stranger = protocol.generate_signer(), protocol.generate_signer()
    good = make_rotation(platform_key, new, "2026-12-06")
    no_proof = {k: v for k, v in good.items() if k != "new_key_signature"}
    wrong_proof = dict(good, new_key_signature=make_rotation(platform_key, stranger, "x")["new_key_signature"])
    cases = {
        "signed by a stranger": make_rotation(stranger, new, "2026-12-06"),
        "page changed after signing": _tampered(good, new_public_key=protocol.b64encode(stranger.public_key_bytes())),
        "no proof of the new key": no_proof,
        "proof by another key": wrong_proof,
        "extra field": protocol.sign_envelope(platform_key, {**good["page"], "extra": 1}),
        "to the pinned key": make_rotation(platform_key, platform_key, "2026-12-06"),
        "not a signature": dict(good, signature="!!"),
    }
    for name, doc in cases.items():
        code, out = cli(capsys, enrolled, "import", str(write(tmp_path / "r.json", doc)))
        assert code == 2 and out["code"] in ("catalog.rotation_refused", "catalog.update_refused"), (name, out)
    pinned = json.loads((enrolled / "enrollment.json").read_text(encoding="utf-8"))["platform_public_key"]
    assert pinned == protocol.b64encode(platform_key.public_key_bytes())


def test_rotation_needs_an_enrolled_terminal(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = make_rotation(protocol.generate_signer(), protocol.generate_signer(), "2026-12-06")
    path = write(tmp_path / "r.json", doc)
    code, out = cli(capsys, home, "import", str(path))
    assert code == 2 and out["code"] == "catalog.rotation_not_enrolled"
    code, out = cli(capsys, home, "update", "--key-rotation", str(path))
    assert code == 2 and out["code"] == "catalog.rotation_not_enrolled"


def test_hostile_snapshot_files_are_clear_refusals(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"page": ' + "[" * 100_000 + "]" * 100_000 + ', "signature": ""}', encoding="utf-8")
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.truncate(64 * 1024 * 1024 + 1)  # sparse: over the limit without filling the disk
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xff\xfe{not json")
    key = protocol.b64encode(protocol.generate_signer().public_key_bytes())
    for path, needle in ((deep, "nested"), (huge, "over the limit"), (garbage, "JSON")):
        code, out = cli(capsys, home, "import", str(path), "--platform-key", key)
        assert code == 2 and out["code"] == "catalog.document_refused" and needle in out["error"], out
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # not a regular file: refused at once, never read
    code, out = cli(capsys, home, "import", str(fifo))
    assert code == 2 and out["code"] == "catalog.bundle_refused"


def test_yaml_alias_bomb_in_a_folder_is_refused(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "bomb"
    shutil.copytree(DEMO_CATALOG, folder)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 9)]
    (folder / "holidays.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = cli(capsys, home, "import", str(folder))
    assert code == 2 and out["code"] == "catalog.bundle_refused" and "holidays.yaml" in out["error"], out
