"""The technician screen's update facade (`UpdateStatusService`) and the hand-off files between the kiosk and root's
updater (`app.updates.handoff`): real TUF bundles, real dpkg in a private root, the check run as an unprivileged user
(`nobody`, through setpriv) against root's trust."""

from __future__ import annotations

import functools
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import app.cli.update as cli_update
from app.apply.busy import SessionLock
from app.errors import UserError
from app.updates.handoff import read_request, read_result, request_path, result_path
from app.updates.manager import UpdateManager
from app.updates.publish import build_bundle
from app.updates.status_service import UpdateStatusService
from tests.integration.updates.helpers import REPO, Terminal, make_deb, make_terminal


def _bundle(t: Terminal, version: str, out: str) -> Path:
    return build_bundle(t.keys, make_deb(t.debs, version), t.home.parent / out)


def _service(t: Terminal) -> UpdateStatusService:
    return UpdateStatusService(t.home, t.config, manager=t.manager())


def _tamper(bundle: Path, version: str) -> None:
    deb = bundle / "targets" / f"yunban_{version}_amd64.deb"
    data = bytearray(deb.read_bytes())
    data[len(data) // 2] ^= 0xFF
    deb.write_bytes(bytes(data))


def test_status_check_and_request(terminal: Terminal) -> None:
    service = _service(terminal)
    status = service.status()
    assert status == {"installed": "0.1.0", "previous": None, "journal_pending": False, "busy": False,
                      "last_result": None, "request": None}  # fmt: skip
    bundle = _bundle(terminal, "0.2.0", "usb")
    checked = service.check(str(bundle))
    assert checked["version"] == "0.2.0" and checked["installed"] == "0.1.0" and str(checked["expires"]).endswith("Z")
    written = service.request_apply(str(checked["bundle"]), "0.2.0")
    path = request_path(terminal.home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk == written and on_disk["bundle"] == str(bundle) and on_disk["version"] == "0.2.0"
    assert on_disk["requested_by"] and on_disk["requested_at"].endswith("Z")
    assert service.status()["request"] == written
    assert not (terminal.home / "updates").exists()  # the kiosk side writes nothing under root's directory


def test_a_refused_bundle_is_a_clear_message(terminal: Terminal) -> None:
    service = _service(terminal)
    bundle = _bundle(terminal, "0.2.0", "usb")
    _tamper(bundle, "0.2.0")
    with pytest.raises(UserError) as refused:
        service.check(str(bundle))
    assert refused.value.code == "updates.tampered"
    assert "被篡改" in refused.value.message("zh_CN")
    assert "tampered" in refused.value.message("en").lower()
    old = _bundle(terminal, "0.1.0", "old")
    with pytest.raises(UserError) as same:
        service.check(str(old))
    assert same.value.code == "updates.already_installed"
    service.manager.media_globs = [str(terminal.home.parent / "nowhere/*/yunban-update")]
    with pytest.raises(UserError) as none:
        service.check(None)
    assert none.value.code == "updates.no_bundle" and "U 盘" in none.value.message("zh_CN")
    assert read_request(terminal.home) is None


# -- the check as the unprivileged kiosk user ------------------------------------------------------------------------


@pytest.fixture
def shared_terminal() -> Iterator[Terminal]:
    """A terminal under a world-readable directory (pytest's tmp_path is 0700: `nobody` could not reach it)."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run the check as another user")
    base = Path(tempfile.mkdtemp(prefix="yunban-kiosk-check-"))
    try:
        base.chmod(0o755)
        yield make_terminal(base / "t")
    finally:
        shutil.rmtree(base, ignore_errors=True)


_CHECK_AS_KIOSK = """
import json, sys
from pathlib import Path
from app.config import UpdateConfig
from app.errors import UserError
from app.updates.status_service import UpdateStatusService
home, anchor, root, bundle = sys.argv[1:5]
service = UpdateStatusService(Path(home), UpdateConfig(bundle_root=anchor, dpkg_root=root))
try:
    print(json.dumps({"ok": service.check(bundle)["version"], "status": service.status()["installed"]}))
except UserError as exc:
    print(json.dumps({"code": exc.code, "error": exc.message("en")}))
"""


def _check_as_nobody(t: Terminal, bundle: Path) -> dict[str, Any]:
    done = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", _CHECK_AS_KIOSK,
         str(t.home), str(t.anchor), str(t.root), str(bundle)],
        capture_output=True, text=True, cwd=REPO, env={**os.environ, "HOME": "/tmp", "PYTHONPATH": str(REPO)},
        check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_kiosk_user_checks_against_roots_read_only_trust(shared_terminal: Terminal, capsys: Any) -> None:
    t = shared_terminal
    code, data = t.cli("update", "apply", str(_bundle(t, "0.2.0", "usb2")), capsys=capsys)  # root: trust committed
    assert code == 0, data
    trust = t.home / "updates" / "trust"
    for path in (t.home / "updates", trust, *trust.rglob("*")):
        assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644), path
    bundle = _bundle(t, "0.3.0", "usb3")
    for path in sorted(trust.rglob("*"), reverse=True):  # as read-only as it gets: a check may write none of it
        path.chmod(0o555 if path.is_dir() else 0o444)
    trust.chmod(0o555)
    before = {str(p): p.read_bytes() for p in trust.rglob("*") if p.is_file()}
    assert _check_as_nobody(t, bundle) == {"ok": "0.3.0", "status": "0.2.0"}
    assert {str(p): p.read_bytes() for p in trust.rglob("*") if p.is_file()} == before  # no trust moved forward
    trust.chmod(0o700)  # an old terminal's trust nobody else may read: a clear message, not a crash
    refused = _check_as_nobody(t, bundle)
    assert refused["code"] == "updates.trust_unreadable" and "sudo yunban update status" in refused["error"]
    code, _ = t.cli("update", "status", capsys=capsys)  # root's status makes it readable again
    assert code == 0 and _check_as_nobody(t, bundle)["ok"] == "0.3.0"


# -- last-result.json and the request, as `yunban update apply` leaves them -------------------------------------------


def _request(t: Terminal) -> None:
    _service(t).request_apply("/media/tech/STICK/yunban-update", "0.2.0")


def test_apply_records_a_good_result_and_clears_the_request(terminal: Terminal, capsys: Any) -> None:
    _request(terminal)
    code, _ = terminal.cli("update", "apply", str(_bundle(terminal, "0.2.0", "usb")), "--when-idle", capsys=capsys)
    assert code == 0
    result = read_result(terminal.home)
    assert result is not None
    assert result["outcome"] == "ok" and result["code"] == "updates.applied" and result["version"] == "0.2.0"
    assert result["requested"] is True and str(result["time"]).endswith("Z")
    assert result["message"] == {"zh_CN": "已更新到 0.2.0（上一版本 0.1.0 已保留）",
                                 "en": "Updated to 0.2.0 (the previous version 0.1.0 is kept)"}  # fmt: skip
    assert stat.S_IMODE(result_path(terminal.home).stat().st_mode) == 0o644
    assert stat.S_IMODE((terminal.home / "updates").stat().st_mode) == 0o755
    assert read_request(terminal.home) is None
    assert _service(terminal).status()["last_result"] == result


def test_apply_records_a_refusal_and_clears_the_request(terminal: Terminal, capsys: Any) -> None:
    _request(terminal)
    bundle = _bundle(terminal, "0.2.0", "usb")
    _tamper(bundle, "0.2.0")
    code, data = terminal.cli("update", "apply", str(bundle), "--when-idle", capsys=capsys)
    assert code == 2 and data["code"] == "updates.tampered"
    result = read_result(terminal.home)
    assert result is not None and result["outcome"] == "refused" and result["code"] == "updates.tampered"
    messages = result["message"]
    assert isinstance(messages, dict) and messages["zh_CN"] == data["error"] and "tampered" in messages["en"]
    assert read_request(terminal.home) is None and terminal.installed() == "0.1.0"


def test_a_deferred_apply_keeps_the_request(terminal: Terminal, capsys: Any) -> None:
    _request(terminal)
    marker = SessionLock(terminal.home / "run" / "session.lock")
    marker.hold("citizen")
    try:
        code, data = terminal.cli("update", "apply", str(_bundle(terminal, "0.2.0", "usb")), "--when-idle",
                                  capsys=capsys)  # fmt: skip
    finally:
        marker.release("citizen")
    assert code == 3 and data["code"] == "updates.busy"
    result = read_result(terminal.home)
    assert result is not None and result["outcome"] == "deferred" and result["code"] == "updates.busy"
    assert read_request(terminal.home) is not None  # the path unit starts the service again
    assert terminal.installed() == "0.1.0"


def test_nothing_to_do_is_recorded_only_when_requested(
    terminal: Terminal, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    nowhere = [str(terminal.home.parent / "nowhere/*/yunban-update")]
    monkeypatch.setattr(cli_update, "UpdateManager", functools.partial(UpdateManager, media_globs=nowhere))
    code, data = terminal.cli("update", "apply", "--when-idle", capsys=capsys)  # the timer, no stick
    assert code == 0 and data == {"applied": False, "reason": "updates.no_bundle"}
    assert read_result(terminal.home) is None
    _request(terminal)  # requested, but the stick was pulled out meanwhile
    code, data = terminal.cli("update", "apply", "--when-idle", capsys=capsys)
    assert code == 0 and data["reason"] == "updates.no_bundle"
    result = read_result(terminal.home)
    assert result is not None and result["outcome"] == "refused" and result["code"] == "updates.no_bundle"
    assert read_request(terminal.home) is None


def test_rollback_records_its_result(terminal: Terminal, capsys: Any) -> None:
    terminal.cli("update", "apply", str(_bundle(terminal, "0.2.0", "usb")), capsys=capsys)
    code, _ = terminal.cli("update", "rollback", capsys=capsys)
    assert code == 0
    result = read_result(terminal.home)
    assert result is not None and result["code"] == "updates.rolled_back" and result["version"] == "0.1.0"
    assert _service(terminal).status()["previous"] == "0.2.0"
