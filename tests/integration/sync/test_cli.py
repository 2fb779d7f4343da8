"""`yunban records make-test` and `yunban sync ...` as a technician runs them (child processes, real platform)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.records.export import read_bundle
from tests.support.cli import make_home, terminal_env
from tests.support.platform import InProcessPlatform


class Cli:
    """`yunban` run in this process (as the console script does), with the terminal's environment."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, env: dict[str, str]):
        self.capsys = capsys
        self.monkeypatch = monkeypatch
        self.set_env(env)

    def set_env(self, env: dict[str, str]) -> None:
        for key in ("YUNBAN_HOME", "YUNBAN_PLATFORM_URL", "YUNBAN_KEYRING_PASSPHRASE", "YUNBAN_EXPORT_PASSPHRASE"):
            if key in env:
                self.monkeypatch.setenv(key, env[key])
            else:
                self.monkeypatch.delenv(key, raising=False)
        self.monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        rc = main(list(args))
        out = self.capsys.readouterr()
        return rc, out.out, out.err

    def json(self, *args: str) -> Any:
        rc, out, err = self(*args, "--json")
        assert rc == 0, f"yunban {' '.join(args)} failed ({rc}): {out} {err}"
        return json.loads(out)


@pytest.fixture
def cli_factory(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    return lambda env: Cli(capsys, monkeypatch, env)


def test_make_test_run_status_quarantine_export(tmp_path: Path, platform: InProcessPlatform, cli_factory: Any) -> None:
    home = make_home(tmp_path / "home")
    env = terminal_env(home, platform.url)
    cli = cli_factory(env)
    made = cli.json("records", "make-test", "--count", "3", "--attachment-kb", "8")
    assert made["created"] == 3 and made["test_records"] is True and made["pending"] == 3
    # Not enrolled yet: a clear error, nothing lost.
    rc, out, _ = cli("sync", "run", "--json")
    assert rc == 2 and json.loads(out)["code"] == "cli.sync_not_enrolled"
    assert cli.json("sync", "status") == {
        "pending": 3,
        "delivered": 0,
        "quarantined": 0,
        "last_success": None,
        "last_error": None,
        "enrolled": False,
    }
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    report = cli.json("sync", "run", "--until-idle", "--timeout", "60")
    assert report["delivered"] == 3 and report["status"]["pending"] == 0
    status = cli.json("sync", "status")
    assert set(status) == {"pending", "delivered", "quarantined", "last_success", "last_error", "enrolled"}
    assert status["enrolled"] is True
    assert (status["pending"], status["delivered"], status["quarantined"]) == (0, 3, 0)
    assert status["last_success"]
    assert cli.json("sync", "quarantine") == []
    assert platform.store.stats()["submissions"] == 3

    shown = cli.json("records", "show", made["receipts"][0])
    assert shown["outbox"]["stage"] == "delivered" and shown["is_test"] is True

    # Two more made while the platform is "away"; the export carries exactly the unacknowledged ones.
    cli.json("records", "make-test", "--count", "2", "--attachment-kb", "4")
    cli.monkeypatch.setenv("YUNBAN_EXPORT_PASSPHRASE", "correct horse battery")
    exported = cli.json("sync", "export", str(tmp_path / "usb"))
    assert exported["records"] == 2 and exported["attachments"] == 2
    bundle = Path(exported["path"])
    manifest, files = read_bundle(bundle, "correct horse battery")
    assert [r["sequence"] for r in manifest["records"]] == [4, 5]
    for entry in manifest["records"]:
        body = json.loads(files[f"records/{entry['record_id']}.json"])
        assert body["signature"] and body["payload"]["test_record"] is True
        sha = body["attachments"][0]
        # The store encrypts at rest (app/crypto_at_rest.py); the export carries the plaintext it is named after.
        assert hashlib.sha256(files[f"attachments/{sha}"]).hexdigest() == sha
        assert (home / "attachments" / sha[:2] / sha).read_bytes()[:4] == b"YBE1"
    assert b"test_record" not in bundle.read_bytes()  # encrypted
    cli.monkeypatch.delenv("YUNBAN_EXPORT_PASSPHRASE")
    rc, _, err = cli("sync", "export", str(tmp_path / "usb2"))
    assert rc == 2 and "passphrase" in err
    from app.errors import UserError

    try:
        read_bundle(bundle, "wrong passphrase!")
    except UserError as exc:
        assert exc.code == "records.export_wrong_passphrase" and "wrong passphrase" in exc.message("en")
    else:
        raise AssertionError("a wrong passphrase opened the bundle")


def test_quarantine_lists_refused_records(tmp_path: Path, platform: InProcessPlatform, cli_factory: Any) -> None:
    home = make_home(tmp_path / "home")
    env = terminal_env(home, platform.url)
    cli = cli_factory(env)
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    cli.json("records", "make-test", "--count", "2")
    import sqlite3

    conn = sqlite3.connect(home / "records.db")
    conn.execute("UPDATE records SET signature = 'AAAA' WHERE seq = 1")  # the platform will refuse it (400)
    conn.commit()
    conn.close()
    report = cli.json("sync", "run", "--until-idle", "--timeout", "60")
    assert (report["delivered"], report["quarantined"]) == (1, 1)
    rows = cli.json("sync", "quarantine")
    assert len(rows) == 1 and rows[0]["seq"] == 1 and rows[0]["quarantine_kind"] == "rejected"
    assert rows[0]["http_status"] == 400 and rows[0]["reason"]
    assert cli.json("sync", "status")["quarantined"] == 1
    assert cli.json("sync", "requeue", rows[0]["record_id"]) == {"requeued": rows[0]["record_id"]}
    assert cli.json("sync", "status")["pending"] == 1


def test_platform_unreachable_at_start(tmp_path: Path, platform: InProcessPlatform, cli_factory: Any) -> None:
    home = make_home(tmp_path / "home")
    env = terminal_env(home, platform.url)
    cli = cli_factory(env)
    cli.json("enroll", "--platform", platform.url, "--code", platform.enroll_code())
    cli.json("records", "make-test", "--count", "1")
    cli.monkeypatch.setenv("YUNBAN_PLATFORM_URL", "http://127.0.0.1:9")
    rc, out, _ = cli("sync", "probe", "--json")
    assert rc == 1 and json.loads(out)["reachable"] is False
    rc, out, _ = cli("sync", "run", "--until-idle", "--timeout", "1", "--json", "--backoff-base", "0.05")
    assert rc == 1  # still pending when the time ran out
    report = json.loads(out)
    assert report["status"]["pending"] == 1 and "unreachable" in report["last_error"]


def test_export_with_the_keystore_passphrase(tmp_path: Path, cli_factory: Any) -> None:
    home = make_home(tmp_path / "home")
    cli = cli_factory(terminal_env(home, "http://127.0.0.1:9"))
    cli.json("records", "make-test", "--count", "1", "--attachment-kb", "1")
    rc, _, err = cli("sync", "export", str(tmp_path / "usb"), "--keystore")
    assert rc == 2 and "export-passphrase" in err
    secret = tmp_path / "province-passphrase.txt"
    secret.write_text("云南省导出口令 2026\n", encoding="utf-8")
    assert cli.json("sync", "export-passphrase", "--from-file", str(secret))["stored"] is True
    assert "云南省导出口令" not in (home / "keystore.enc").read_text(encoding="utf-8")  # kept encrypted
    exported = cli.json("sync", "export", str(tmp_path / "usb"), "--keystore")
    manifest, _ = read_bundle(Path(exported["path"]), "云南省导出口令 2026")
    assert len(manifest["records"]) == 1
