"""`yunban update check|apply|rollback|status` on a terminal whose dpkg is a private root: real dpkg, real TUF
metadata built with the publishing side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from app.apply.busy import SessionLock
from app.errors import UserError
from app.updates.manager import find_bundle
from app.updates.publish import build_bundle
from tests.integration.updates.helpers import Terminal, make_deb, make_terminal


def _bundle(t: Terminal, version: str, out: str, **kw: Any) -> Path:
    return build_bundle(t.keys, make_deb(t.debs, version), t.home.parent / out, **kw)


def test_apply_installs_the_new_version_and_keeps_the_old_one(terminal: Terminal, capsys: Any) -> None:
    bundle = _bundle(terminal, "0.2.0", "usb")
    code, data = terminal.cli("update", "apply", str(bundle.parent), capsys=capsys)
    assert code == 0, data
    assert data["applied"] is True and data["version"] == "0.2.0" and data["previous"] == "0.1.0"
    assert terminal.installed() == "0.2.0" and terminal.probe() == "0.2.0"
    code, status = terminal.cli("update", "status", capsys=capsys)
    assert code == 0
    assert status["installed"] == "0.2.0" and status["previous"] == "0.1.0"
    assert status["journal"] is None and status["dpkg_state"] == "ii" and status["trusted_root_version"] == 1
    assert status["current_deb"].endswith("yunban_0.2.0_amd64.deb")
    assert list((terminal.home / "updates" / "staging").iterdir()) == []


def test_rollback_restores_the_previous_version(terminal: Terminal, capsys: Any) -> None:
    terminal.cli("update", "apply", str(_bundle(terminal, "0.2.0", "usb")), capsys=capsys)
    code, data = terminal.cli("update", "rollback", capsys=capsys)
    assert code == 0, data
    assert data == {"rolled_back": True, "version": "0.1.0", "previous": "0.2.0", "kiosk_restarted": False}
    assert terminal.installed() == "0.1.0" and terminal.probe() == "0.1.0"
    status = terminal.manager().status()
    assert status["previous"] == "0.2.0" and status["journal"] is None


def test_rollback_without_a_kept_version_is_refused(terminal: Terminal, capsys: Any) -> None:
    code, data = terminal.cli("update", "rollback", capsys=capsys)
    assert code == 2 and data["code"] == "updates.nothing_to_roll_back"
    assert terminal.installed() == "0.1.0"


def test_check_verifies_and_changes_nothing(terminal: Terminal, capsys: Any) -> None:
    bundle = _bundle(terminal, "0.2.0", "usb")
    code, data = terminal.cli("update", "check", str(bundle), capsys=capsys)
    assert code == 0, data
    assert data["version"] == "0.2.0" and data["architecture"] == "amd64" and data["installed"] == "0.1.0"
    assert data["targets"][0]["path"] == "yunban_0.2.0_amd64.deb" and len(data["targets"][0]["sha256"]) == 64
    assert data["expires"].endswith("Z") and data["root_version"] == 1
    assert terminal.installed() == "0.1.0"
    assert not (terminal.home / "updates" / "trust").exists()


def _refused(t: Terminal, bundle: Path, code: str, capsys: Any, *extra: str) -> None:
    """Refused by check and by apply with `code`; the terminal keeps 0.1.0 and nothing is half-applied."""
    for command in ("check", "apply"):
        status, data = t.cli("update", command, str(bundle), *extra, capsys=capsys)
        assert status == 2 and data["code"] == code, (command, data)
        assert data["error"]
    assert t.installed() == "0.1.0" and t.probe() == "0.1.0"
    updates = t.home / "updates"
    assert not (updates / "journal").exists()
    assert not (updates / "trust").exists()
    assert not any((updates / "staging").glob("*")) if (updates / "staging").exists() else True


def test_a_tampered_package_is_refused(terminal: Terminal, capsys: Any) -> None:
    bundle = _bundle(terminal, "0.2.0", "usb")
    deb = bundle / "targets" / "yunban_0.2.0_amd64.deb"
    data = bytearray(deb.read_bytes())
    data[len(data) // 2] ^= 0xFF
    deb.write_bytes(bytes(data))
    _refused(terminal, bundle, "updates.tampered", capsys)


def test_a_truncated_package_is_refused(terminal: Terminal, capsys: Any) -> None:
    bundle = _bundle(terminal, "0.2.0", "usb")
    deb = bundle / "targets" / "yunban_0.2.0_amd64.deb"
    deb.write_bytes(deb.read_bytes()[:-100])
    _refused(terminal, bundle, "updates.tampered", capsys)


def test_tampered_metadata_is_refused(terminal: Terminal, capsys: Any) -> None:
    bundle = _bundle(terminal, "0.2.0", "usb")
    targets = bundle / "metadata" / "targets.json"
    targets.write_text(targets.read_text().replace('"version": 1', '"version": 7'))
    _refused(terminal, bundle, "updates.tampered", capsys)


def test_a_bundle_signed_by_unknown_keys_is_refused(terminal: Terminal, tmp_path: Path, capsys: Any) -> None:
    stranger = make_terminal(tmp_path / "stranger", installed=None)
    bundle = build_bundle(stranger.keys, make_deb(terminal.debs, "0.2.0"), tmp_path / "usb")
    _refused(terminal, bundle, "updates.unknown_keys", capsys)


def test_an_expired_bundle_is_refused(terminal: Terminal, capsys: Any) -> None:
    bundle = _bundle(terminal, "0.2.0", "usb", timestamp_expires=dt.timedelta(days=-1))
    _refused(terminal, bundle, "updates.expired", capsys)


def test_an_older_or_equal_version_is_refused(terminal: Terminal, capsys: Any) -> None:
    _refused(terminal, _bundle(terminal, "0.0.9", "usb-old"), "updates.not_newer", capsys)
    same = _bundle(terminal, "0.1.0", "usb-same")
    _refused(terminal, same, "updates.already_installed", capsys)
    code, data = terminal.cli("update", "apply", str(same), "--when-idle", capsys=capsys)
    assert code == 0 and data == {"applied": False, "reason": "updates.already_installed"}


def test_another_architecture_is_refused(terminal: Terminal, capsys: Any) -> None:
    bundle = build_bundle(terminal.keys, make_deb(terminal.debs, "0.2.0", arch="arm64"), terminal.home.parent / "u")
    _refused(terminal, bundle, "updates.wrong_arch", capsys)


def test_replayed_older_metadata_is_refused(terminal: Terminal, capsys: Any) -> None:
    old = _bundle(terminal, "0.2.0", "usb-1")
    new = _bundle(terminal, "0.3.0", "usb-2")
    assert terminal.cli("update", "apply", str(new), capsys=capsys)[0] == 0
    code, data = terminal.cli("update", "apply", str(old), capsys=capsys)
    assert code == 2 and data["code"] == "updates.replayed"
    assert terminal.installed() == "0.3.0"


def test_updates_wait_while_a_citizen_is_mid_application(terminal: Terminal, capsys: Any) -> None:
    bundle = _bundle(terminal, "0.2.0", "usb")
    marker = SessionLock(terminal.home / "run" / "session.lock")
    marker.hold("session-1")
    code, data = terminal.cli("update", "apply", str(bundle), "--when-idle", capsys=capsys)
    assert code == 3 and data["code"] == "updates.busy"
    code, data = terminal.cli("update", "apply", str(bundle), capsys=capsys)
    assert code == 2 and data["code"] == "updates.busy"
    assert terminal.installed() == "0.1.0" and terminal.manager().status()["busy"] is True
    marker.release("session-1")
    code, data = terminal.cli("update", "apply", str(bundle), "--when-idle", capsys=capsys)
    assert code == 0 and data["version"] == "0.2.0"


def test_force_applies_while_busy(terminal: Terminal, capsys: Any) -> None:
    marker = SessionLock(terminal.home / "run" / "session.lock")
    marker.hold("s")
    code, _ = terminal.cli("update", "apply", str(_bundle(terminal, "0.2.0", "usb")), "--force", capsys=capsys)
    assert code == 0 and terminal.installed() == "0.2.0"
    marker.release("s")


def test_a_failing_install_falls_back_to_the_previous_version(terminal: Terminal, capsys: Any) -> None:
    broken = make_deb(terminal.debs, "0.2.0", fail_postinst=True)
    bundle = build_bundle(terminal.keys, broken, terminal.home.parent / "usb")
    code, data = terminal.cli("update", "apply", str(bundle), capsys=capsys)
    assert code == 2 and data["code"] == "updates.dpkg_failed"
    assert terminal.installed() == "0.1.0" and terminal.probe() == "0.1.0"
    assert terminal.manager().status()["dpkg_state"] == "ii"
    assert not (terminal.home / "updates" / "journal").exists()


def test_no_previous_package_refuses_unless_no_rollback(terminal: Terminal, capsys: Any) -> None:
    for deb in (terminal.root / "var/cache/apt/archives").glob("*.deb"):
        deb.unlink()
    bundle = _bundle(terminal, "0.2.0", "usb")
    code, data = terminal.cli("update", "apply", str(bundle), capsys=capsys)
    assert code == 2 and data["code"] == "updates.no_previous" and "0.1.0" in data["error"]
    assert terminal.installed() == "0.1.0"
    code, data = terminal.cli("update", "apply", str(bundle), "--no-rollback", capsys=capsys)
    assert code == 0 and data["previous_deb"] is None and terminal.installed() == "0.2.0"


def test_a_pending_journal_blocks_apply_until_recovered(terminal: Terminal, capsys: Any) -> None:
    (terminal.home / "updates").mkdir()
    (terminal.home / "updates" / "journal").write_text("action=apply\n")
    code, data = terminal.cli("update", "apply", str(_bundle(terminal, "0.2.0", "usb")), capsys=capsys)
    assert code == 2 and data["code"] == "updates.journal_pending"


def test_bundle_found_on_usb_media_and_clear_messages_without_one(terminal: Terminal, tmp_path: Path) -> None:
    media = tmp_path / "media" / "tech" / "USB-STICK"
    bundle = build_bundle(terminal.keys, make_deb(terminal.debs, "0.2.0"), media)
    assert find_bundle(None, [str(tmp_path / "media/*/*/yunban-update")]) == bundle
    manager = terminal.manager()
    manager.media_globs = [str(tmp_path / "media/*/*/yunban-update")]
    assert manager.check()["version"] == "0.2.0"
    manager.media_globs = [str(tmp_path / "nowhere/*/yunban-update")]
    with pytest.raises(UserError) as refused:
        manager.check()
    assert refused.value.code == "updates.no_bundle"


def test_not_a_bundle(terminal: Terminal, tmp_path: Path, capsys: Any) -> None:
    code, data = terminal.cli("update", "check", str(tmp_path), capsys=capsys)
    assert code == 2 and data["code"] == "updates.not_a_bundle"


def test_a_signed_catalog_snapshot_travels_with_the_package(terminal: Terminal, capsys: Any) -> None:
    snapshot = terminal.debs / "catalog-snapshot.json"
    snapshot.write_text('{"snapshot": true}')
    bundle = _bundle(terminal, "0.2.0", "usb", catalog=snapshot)
    code, data = terminal.cli("update", "apply", str(bundle), capsys=capsys)
    assert code == 0
    assert Path(data["catalog"]).read_text() == '{"snapshot": true}'


def test_a_package_missing_from_the_stick_is_refused(terminal: Terminal, capsys: Any) -> None:
    bundle = _bundle(terminal, "0.2.0", "usb")
    (bundle / "targets" / "yunban_0.2.0_amd64.deb").unlink()
    _refused(terminal, bundle, "updates.tampered", capsys)
