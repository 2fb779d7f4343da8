"""Enrollment and the keystore: a real platform over loopback, real keystore backends, failure cases."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from app.cli import main as cli
from app.context import AppContext
from app.errors import UserError
from app.records.keystore import KeystoreError, open_keystore
from sync import protocol
from tests.support.platform import REPO, YUNBAN, InProcessPlatform

PASSPHRASE = "correct horse battery staple"


def write_config(home: Path, backend: str, url: str = "http://127.0.0.1:9") -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        f'[keyring]\nbackend = "{backend}"\n\n[platform]\nurl = "{url}"\n', encoding="utf-8"
    )


@pytest.fixture
def file_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A terminal home whose keystore is the encrypted file, its passphrase provisioned in the environment."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", PASSPHRASE)
    write_config(home, "file")
    return home


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = cli([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_enroll_stores_credentials_encrypted_and_pins_the_platform_key(
    platform: InProcessPlatform, file_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = platform.enroll_code()
    rc, out = run_json(capsys, "enroll", "--platform", platform.url, "--code", code)
    assert rc == 0, out
    assert out["division"] == "532524103205"
    assert out["platform_public_key"] == platform.public_key
    assert out["keyring_backend"] == "file"
    terminal_id = str(out["terminal_id"])
    assert platform.store.terminal(terminal_id) is not None

    ctx = AppContext(file_home)
    creds = ctx.enrollment.credentials()
    assert creds is not None and creds.terminal_id == terminal_id
    assert "token=***" in repr(creds)
    private = creds.signer.private_key_bytes()
    # The private key and token are nowhere in plaintext under the home directory (config, identity, logs, keystore).
    for path in file_home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert private not in data, path
            assert protocol.b64encode(private).encode() not in data, path
            assert creds.token.encode() not in data, path
    assert (file_home / "keystore.enc").stat().st_mode & 0o077 == 0
    # The credentials work against the platform, and records signed with the key verify there.
    headers = {"Authorization": f"Bearer {creds.token}", protocol.HEADER_TERMINAL: creds.terminal_id}
    assert httpx.get(platform.url + "/v1/status", headers=headers).status_code == 200
    assert ctx.sync_credentials() is not None  # the outbox's credentials hook sees it
    ctx.close()

    rc, shown = run_json(capsys, "enroll", "--show")
    assert shown["enrolled"] is True and shown["terminal_id"] == terminal_id
    rc, again = run_json(capsys, "enroll", "--platform", platform.url, "--code", platform.enroll_code())
    assert rc == 2 and again["code"] == "sync.already_enrolled"


class LoseReply(httpx.HTTPTransport):
    """Delivers the request to the real platform, then loses the reply (as a network cut would)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        response.read()
        raise httpx.ReadError("connection reset after the request was applied", request=request)


def test_enrollment_is_safe_to_retry_after_a_lost_reply(platform: InProcessPlatform, file_home: Path) -> None:
    ctx = AppContext(file_home)
    code = platform.enroll_code()
    with pytest.raises(UserError, match="safe to retry"):
        ctx.enrollment.enroll(code, platform.url, transport=LoseReply())
    assert platform.store.stats()["terminals"] == 1  # the platform did enroll us
    assert ctx.enrollment.identity() is None
    identity = ctx.enrollment.enroll(code, platform.url)  # same code, same (pending) key: same answer
    assert platform.store.stats()["terminals"] == 1
    assert platform.store.terminal(identity.terminal_id)["public_key"] == identity.public_key
    ctx.close()


def test_used_code_and_wrong_code_are_refused_clearly(platform: InProcessPlatform, file_home: Path) -> None:
    code = platform.enroll_code()
    other = protocol.generate_signer()
    taken = httpx.post(
        platform.url + "/v1/enroll",
        json={"code": code, "public_key": protocol.b64encode(other.public_key_bytes()), "algorithm": "ed25519"},
    )
    assert taken.status_code == 200
    ctx = AppContext(file_home)
    with pytest.raises(UserError, match="already used by another terminal"):
        ctx.enrollment.enroll(code, platform.url)
    with pytest.raises(UserError, match="not recognised"):
        ctx.enrollment.enroll("NOPE-NOPE-NOPE", platform.url)
    assert ctx.enrollment.identity() is None
    ctx.close()


def test_enroll_malformed_bodies_get_400(platform: InProcessPlatform) -> None:
    url = platform.url + "/v1/enroll"
    assert httpx.post(url, content=b"[1,2", headers={"content-type": "application/json"}).status_code == 400
    assert httpx.post(url, json={"code": "X"}).status_code == 400
    bad_key = httpx.post(url, json={"code": "X", "public_key": protocol.b64encode(b"short"), "algorithm": "ed25519"})
    assert bad_key.status_code == 400
    assert "32 bytes" in bad_key.json()["error"]
    sm2 = httpx.post(url, json={"code": "X", "public_key": protocol.b64encode(b"k" * 32), "algorithm": "rsa"})
    assert sm2.status_code == 400 and "unsupported" in sm2.json()["error"]


def test_platform_unreachable_at_start_up_fails_fast_and_clearly(file_home: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ctx = AppContext(file_home)
    started = time.monotonic()
    with pytest.raises(UserError, match="platform unreachable"):
        ctx.enrollment.enroll("ABCD-EFGH-JKLM", f"http://127.0.0.1:{port}")
    assert time.monotonic() - started < 15  # refused at once, not a hang (generous bound, not a speed test)
    ctx.close()


def test_truncated_enrollment_reply_is_a_clear_retryable_error(file_home: Path) -> None:
    """A platform (or proxy) that closes the connection mid-body."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]

    def answer() -> None:
        conn, _ = server.accept()
        conn.recv(65536)
        conn.sendall(
            b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"terminal_id": "T'
        )
        conn.close()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    ctx = AppContext(file_home)
    with pytest.raises(UserError, match="safe to retry"):
        ctx.enrollment.enroll("ABCD-EFGH-JKLM", f"http://127.0.0.1:{port}")
    thread.join(5)
    server.close()
    ctx.close()


def test_file_keystore_refuses_missing_or_wrong_passphrase(tmp_path: Path) -> None:
    with pytest.raises(KeystoreError) as refused:
        open_keystore("file", tmp_path, env={})
    assert refused.value.code == "records.keystore_no_passphrase"
    store = open_keystore("file", tmp_path, env={"YUNBAN_KEYRING_PASSPHRASE": "one"})
    store.set("token", "s3cret")
    assert open_keystore("file", tmp_path, env={"YUNBAN_KEYRING_PASSPHRASE": "one"}).get("token") == "s3cret"
    with pytest.raises(KeystoreError) as refused:
        open_keystore("file", tmp_path, env={"YUNBAN_KEYRING_PASSPHRASE": "two"}).get("token")
    assert refused.value.code == "records.keystore_wrong_passphrase"
    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / "yunban-keyring").write_text("one\n")
    assert open_keystore("file", tmp_path, env={"CREDENTIALS_DIRECTORY": str(creds)}).get("token") == "s3cret"
    assert b"s3cret" not in (tmp_path / "keystore.enc").read_bytes()


def test_backend_fail_unknown_and_auto_without_anything(tmp_path: Path) -> None:
    for backend, code in (("fail", "keystore_fail"), ("kwallet", "keystore_bad_backend"), ("auto", "keystore_none")):
        with pytest.raises(KeystoreError) as refused:
            open_keystore(backend, tmp_path, env={})
        assert refused.value.code == f"records.{code}"
    # why each backend failed, in the same language as the whole message
    assert re.search(r"no usable keyring: .*D-Bus.*YUNBAN_KEYRING_PASSPHRASE", refused.value.message("en"))
    assert re.search(r"没有可用的密钥库：.*D-Bus.*YUNBAN_KEYRING_PASSPHRASE", refused.value.message("zh_CN"))
    assert open_keystore("auto", tmp_path, env={"YUNBAN_KEYRING_PASSPHRASE": "x"}).backend_name == "file"


# -- the real Secret Service (gnome-keyring in a private dbus-run-session, via scripts/with-services.sh) ----------


def services(*argv: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run a command inside scripts/with-services.sh (a private D-Bus session with an unlocked gnome-keyring).
    When pytest already runs inside one, the command shares it."""
    return subprocess.run(
        [str(REPO / "scripts" / "with-services.sh"), *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or dict(os.environ),
    )


def test_secretservice_backend_enrolls_and_a_second_process_reads_the_credentials(
    platform: InProcessPlatform, tmp_path: Path
) -> None:
    home = tmp_path / "ss-home"
    write_config(home, "secretservice", platform.url)
    code = platform.enroll_code()
    script = (
        "import json, sys\n"
        "from app.cli import main\n"
        f"rc = main(['enroll', '--code', {code!r}, '--home', {str(home)!r}, '--json'])\n"
        "from app.context import AppContext\n"
        f"ctx = AppContext({str(home)!r})\n"
        "creds = ctx.enrollment.credentials()\n"
        "import secretstorage\n"
        "conn = secretstorage.dbus_init()\n"
        "items = list(secretstorage.Collection(conn).search_items({'service': ctx.keystore.service}))\n"
        "print(json.dumps({'rc': rc, 'backend': ctx.keystore.backend_name, 'terminal_id': creds.terminal_id,"
        " 'items': sorted(i.get_attributes()['username'] for i in items)}))\n"
    )
    done = services(*YUNBAN[:1], "-c", script)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    enrolled = json.loads("\n".join(lines[:-1]))
    result = json.loads(lines[-1])
    assert result["rc"] == 0
    assert result["backend"] == "secretservice"
    assert result["terminal_id"] == enrolled["terminal_id"]
    items = set(result["items"])
    assert {"signing_key", "terminal_id", "token"} <= items and not any("pending" in i for i in items)  # removed
    # records.db's own: its marker, its data key and its audit chain's head (KeystoreHead)
    assert items - {"signing_key", "terminal_id", "token"} <= {"records_db_marker", "data_key", "audit_head"}
    assert platform.store.terminal(result["terminal_id"]) is not None
    assert not list(home.glob("keystore*"))  # nothing on disk: the Secret Service holds the secrets


def test_secretservice_locked_keyring_fails_clearly_without_prompting(tmp_path: Path) -> None:
    home = tmp_path / "locked-home"
    write_config(home, "secretservice")
    script = (
        "import secretstorage, time\n"
        "from app.records.keystore import open_keystore, KeystoreError\n"
        "from pathlib import Path\n"
        "conn = secretstorage.dbus_init()\n"
        "secretstorage.Collection(conn).lock()\n"
        "t = time.monotonic()\n"
        "try:\n"
        f"    open_keystore('secretservice', Path({str(home)!r}))\n"
        "    print('OPENED')\n"
        "except KeystoreError as exc:\n"
        "    print('REFUSED', exc.code, exc.message('en'))\n"
    )
    # A private session of its own: locking the shared one would disturb other tests.
    env = {k: v for k, v in os.environ.items() if k not in ("YUNBAN_IN_SERVICES", "DBUS_SESSION_BUS_ADDRESS")}
    done = services(*YUNBAN[:1], "-c", script, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("REFUSED"), done.stdout
    assert "records.keystore_locked" in done.stdout
    assert "never shows a password prompt" in done.stdout


def test_no_dbus_session_is_a_clear_error_not_a_hang(tmp_path: Path) -> None:
    home = tmp_path / "no-dbus"
    write_config(home, "secretservice")
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "YUNBAN_KEYRING_PASSPHRASE")}
    env["YUNBAN_LANG"] = "en"
    done = subprocess.run(
        [*YUNBAN, "enroll", "--code", "ABCD-EFGH-JKLM", "--home", str(home)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 2
    assert "no D-Bus session" in done.stderr
    assert not (home / "enrollment.json").exists()
