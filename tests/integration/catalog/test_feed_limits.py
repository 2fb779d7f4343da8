"""`yunban catalog update` against a hostile platform on loopback (a real HTTP server): a reply that declares or
streams more than the document limit, or nests deeper than JSON can parse, is a clear refusal (exit 2,
`catalog.update_refused`), never a traceback or an endless buffer, and the mirror is untouched."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.catalog.limits import MAX_DOCUMENT_BYTES
from app.catalog.updates import mirror_version
from app.cli import main
from app.context import AppContext
from app.model.terminal import TerminalIdentity
from sync import protocol

MODES = {"declared": b"", "streamed": b"", "deep": b"[" * 200_000 + b"]" * 200_000}


class Hostile(BaseHTTPRequestHandler):
    mode = "deep"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if self.mode == "declared":  # a length over the limit, then next to nothing
            self.send_header("Content-Length", str(MAX_DOCUMENT_BYTES + 1))
            self.end_headers()
            self.wfile.write(b"{")
        elif self.mode == "streamed":  # no length: chunks until the client gives up
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            block = b" " * (1 << 20)
            try:
                for _ in range(MAX_DOCUMENT_BYTES // len(block) + 8):
                    self.wfile.write(f"{len(block):x}\r\n".encode() + block + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                return
        else:
            body = MODES["deep"]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def platform() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def terminal(home: Path, platform: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An enrolled terminal (file keystore with its token and key) whose platform is the hostile server."""
    monkeypatch.setenv("YUNBAN_KEYRING_PASSPHRASE", "feed-limits")
    url = f"http://127.0.0.1:{platform.server_address[1]}"
    (home / "config.toml").write_text(f'[keyring]\nbackend = "file"\n[platform]\nurl = "{url}"\n', encoding="utf-8")
    signer, platform_key = protocol.generate_signer(), protocol.generate_signer()
    identity = TerminalIdentity(
        terminal_id="T-1",
        division="532524103205",
        platform_url=url,
        platform_public_key=protocol.b64encode(platform_key.public_key_bytes()),
        algorithm="ed25519",
        public_key=protocol.b64encode(signer.public_key_bytes()),
        enrolled_at="2026-12-01T00:00:00+00:00",
        terminal_no="01",
    )
    (home / "enrollment.json").write_text(json.dumps(dataclasses.asdict(identity)), encoding="utf-8")
    ctx = AppContext(home)
    ctx.keystore.set("token", "t")
    ctx.keystore.set("terminal_id", "T-1")
    ctx.keystore.set("signing_key", "ed25519:" + protocol.b64encode(signer.private_key_bytes()))
    ctx.close()
    return home


@pytest.mark.parametrize(("mode", "needle"), [("declared", "over the limit"), ("streamed", "over the limit"),
                                              ("deep", "nested too deeply")])  # fmt: skip
def test_hostile_platform_reply_is_refused(
    terminal: Path, mode: str, needle: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(Hostile, "mode", mode)
    assert main(["catalog", "update", "--home", str(terminal), "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "catalog.update_refused" and needle in out["error"], out
    assert mirror_version(terminal / "catalog.db") is None  # nothing applied
