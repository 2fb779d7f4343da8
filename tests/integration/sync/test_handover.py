"""The USB hand-over (交接包, issue 15 row 20) as a grid worker and a township technician do it, with the real CLI,
real keystores and the real platform over loopback HTTP:

the laptop has no network at all → `yunban sync export` to the stick → at the township hall, `yunban sync import`
relays the bundle to the platform and writes the platform's signed acknowledgement back onto the stick → at the
laptop, `yunban sync import-ack` marks the records delivered. Exactly once throughout: a bundle imported twice, a
record that later also travels over the network, an acknowledgement applied twice. Refused: a bundle changed after
export, one from a terminal the platform never enrolled, an acknowledgement for another terminal or not signed by
this terminal's platform.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from sync.platform import handover as platform_handover
from tests.support.cli import make_home, terminal_env
from tests.support.platform import InProcessPlatform

PASSPHRASE = "county hand-over 2026"


class Terminal:
    """One terminal's home driven through `yunban` in this process (the console script's entry point)."""

    def __init__(self, home: Path, url: str, capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch) -> None:
        self.home = make_home(home)
        self.env = terminal_env(self.home, url)
        self.capsys, self.mp = capsys, mp

    def __call__(self, *args: str) -> tuple[int, str, str]:
        for key in ("YUNBAN_HOME", "YUNBAN_PLATFORM_URL", "YUNBAN_KEYRING_PASSPHRASE"):
            self.mp.setenv(key, self.env[key])
        self.mp.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
        self.capsys.readouterr()
        rc = main(list(args))
        out = self.capsys.readouterr()
        return rc, out.out, out.err

    def json(self, *args: str, rc: int = 0) -> Any:
        code, out, err = self(*args, "--json")
        assert code == rc, f"yunban {' '.join(args)} gave {code}: {out} {err}"
        return json.loads(out)


@pytest.fixture
def terminals(tmp_path: Path, platform: InProcessPlatform, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("YUNBAN_EXPORT_PASSPHRASE", PASSPHRASE)
    platform_handover.set_passphrase(platform.store.data_dir, PASSPHRASE)
    laptop = Terminal(tmp_path / "laptop", platform.url, capsys, monkeypatch)
    township = Terminal(tmp_path / "township", platform.url, capsys, monkeypatch)
    laptop.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    township.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    return laptop, township


def _export(laptop: Terminal, stick: Path, count: int = 3) -> tuple[Path, int]:
    """(bundle, records in it): the `count` test submissions plus the audit-log batches (kind `audit`) waiting in
    the outbox beside them (the enrollment and the export are audited)."""
    laptop.json("records", "make-test", "--count", str(count), "--attachment-kb", "16")
    exported = laptop.json("sync", "export", str(stick))
    assert exported["records"] >= count
    return Path(exported["path"]), int(exported["records"])


def test_bundle_relayed_then_acknowledged_exactly_once(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, n = _export(laptop, tmp_path / "stick")
    before = platform.store.stats()["submissions"]

    relayed = township.json("sync", "import", str(bundle))
    assert relayed["records"] == n and relayed["results"] == {"stored": n} and relayed["first_import"] is True
    ack = Path(relayed["ack"])
    assert ack.parent == bundle.parent and ack.suffix == ".yback"  # back onto the stick
    assert platform.store.stats()["submissions"] == before + 3
    # The relaying terminal holds none of the laptop's records.
    assert township.json("sync", "status")["pending"] <= 2  # its own audit batches at most

    # The same stick handed in twice (or at two halls): nothing stored twice, told so, and the same receipt again.
    again = township.json("sync", "import", str(bundle))
    assert again["results"] == {"duplicate": n} and again["first_import"] is False
    assert platform.store.stats()["submissions"] == before + 3
    code, out, _ = township("sync", "import", str(bundle))
    assert code == 0 and "以前已导入过" in out

    assert laptop.json("sync", "status")["pending"] >= n
    applied = laptop.json("sync", "import-ack", str(ack))
    assert len(applied["marked_delivered"]) == n and applied["refused"] == {} and applied["unknown"] == []
    status = laptop.json("sync", "status")
    assert status["delivered"] == n  # what is still pending: audit batches written after the export
    assert len(laptop.json("sync", "import-ack", str(ack))["already_delivered"]) == n  # idempotent

    # Back in coverage the laptop's outbox has nothing left to send, and the platform still holds each record once.
    assert laptop.json("sync", "run", "--until-idle", "--timeout", "30")["status"]["pending"] == 0
    assert platform.store.stats()["submissions"] == before + 3


def test_records_sent_over_the_network_first_are_duplicates_in_the_bundle(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    """The laptop found coverage after exporting: the records went over the network; the stick arrives later."""
    laptop, township = terminals
    bundle, n = _export(laptop, tmp_path / "stick", count=2)
    laptop.json("sync", "run", "--until-idle", "--timeout", "30")
    before = platform.store.stats()["submissions"]
    relayed = township.json("sync", "import", str(bundle))
    assert relayed["results"] == {"duplicate": n}
    assert platform.store.stats()["submissions"] == before
    applied = laptop.json("sync", "import-ack", relayed["ack"])
    assert len(applied["already_delivered"]) == n and applied["marked_delivered"] == []


def test_a_changed_bundle_is_refused_and_nothing_is_stored(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, _ = _export(laptop, tmp_path / "stick", count=1)
    data = bytearray(bundle.read_bytes())
    data[-40] ^= 0x01  # one bit of the ciphertext
    bundle.write_bytes(bytes(data))
    before = platform.store.stats()["submissions"]
    code, _, err = township("sync", "import", str(bundle))
    assert code == 2 and "平台拒收交接包" in err and "passphrase" in err
    assert platform.store.stats()["submissions"] == before
    assert not bundle.with_suffix(".yback").exists()

    not_a_bundle = tmp_path / "stick" / "photo.ybx"
    not_a_bundle.write_bytes(b"\xff\xd8\xff\xe0 a JPEG, not a bundle")
    code, _, err = township("sync", "import", str(not_a_bundle))
    assert code == 2 and "不是云办交接包" in err


def test_a_township_terminal_holding_the_county_passphrase_checks_the_bundle_before_uploading(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, _ = _export(laptop, tmp_path / "stick", count=1)
    secret = tmp_path / "county.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    township.json("sync", "export-passphrase", "--from-file", str(secret))
    data = bytearray(bundle.read_bytes())
    data[-10] ^= 0x80
    bundle.write_bytes(bytes(data))
    code, _, err = township("sync", "import", str(bundle))
    assert code == 2 and "交接包打不开" in err
    # Nothing reached the platform: not even the upload of the bundle's bytes.
    import hashlib

    assert platform.store.attachment(hashlib.sha256(bytes(data)).hexdigest()) is None


def test_a_bundle_from_a_terminal_this_platform_never_enrolled_is_refused(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, township = terminals
    with InProcessPlatform(tmp_path / "other-platform") as other:
        stranger = Terminal(tmp_path / "stranger", other.url, capsys, monkeypatch)
        stranger.json("enroll", "--platform", other.url, "--code", other.enroll_code())
        bundle, _ = _export(stranger, tmp_path / "stick", count=1)
    before = platform.store.stats()["submissions"]
    code, _, err = township("sync", "import", str(bundle))
    assert code == 2 and "never enrolled" in err
    assert platform.store.stats()["submissions"] == before


def test_an_acknowledgement_for_another_terminal_or_forged_marks_nothing(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, township = terminals
    bundle, _ = _export(laptop, tmp_path / "stick", count=1)
    ack = Path(township.json("sync", "import", str(bundle))["ack"])

    code, _, err = township("sync", "import-ack", str(ack))  # the township terminal did not make these records
    assert code == 2 and "不是本终端" in err

    doc = json.loads(ack.read_bytes())
    doc["ack"]["records"][0]["result"] = "stored" if doc["ack"]["records"][0]["result"] != "stored" else "conflict"
    forged = tmp_path / "forged.yback"
    forged.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = laptop("sync", "import-ack", str(forged))
    assert code == 2 and "签名" in err
    assert laptop.json("sync", "status")["delivered"] == 0


def test_the_platform_operator_imports_a_bundle_directly(
    tmp_path: Path, platform: InProcessPlatform, terminals: Any
) -> None:
    laptop, _ = terminals
    bundle, n = _export(laptop, tmp_path / "stick", count=2)
    out_dir = tmp_path / "acks"
    result = laptop.json("platform", "import-bundle", "--data", str(platform.data), str(bundle), "--ack-out",
                         str(out_dir))  # fmt: skip
    assert result["results"] == {"stored": n} and Path(result["ack"]).parent == out_dir
    applied = laptop.json("sync", "import-ack", result["ack"])
    assert len(applied["marked_delivered"]) == n
