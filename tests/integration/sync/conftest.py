"""Fixtures of the outbox tests: an in-process platform and a terminal whose records.db and sync service are real,
enrolled over the real /v1/enroll endpoint with a fresh Ed25519 key."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from app.records.service import AttachmentStore, RecordsService
from app.sync.enrollment import TerminalCredentials
from app.sync.service import SyncService, SyncSettings
from local_db.records.store import RecordsDB
from sync import protocol
from tests.support.faultproxy import FaultProxy
from tests.support.platform import DEMO_DIVISION, InProcessPlatform, platform, platform_process

__all__ = ["Terminal", "enroll", "platform", "platform_process"]

FAST = SyncSettings(backoff_base_s=0.01, backoff_cap_s=0.05, timeout_s=3.0, probe_interval_s=0.05, chunk_size=64 * 1024)


def enroll(url: str, code: str) -> TerminalCredentials:
    signer = protocol.generate_signer()
    reply = httpx.post(
        f"{url}/v1/enroll",
        json={
            "code": code,
            "public_key": protocol.b64encode(signer.public_key_bytes()),
            "algorithm": "ed25519",
            "division": DEMO_DIVISION,
        },
        timeout=10,
    )
    reply.raise_for_status()
    body = reply.json()
    return TerminalCredentials(terminal_id=body["terminal_id"], token=body["token"], signer=signer)


class Terminal:
    """records.db + attachment store + RecordsService + SyncService of one terminal, wired as app.context does."""

    def __init__(
        self,
        home: Path,
        url: str,
        creds: TerminalCredentials | None,
        *,
        settings: SyncSettings = FAST,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.home = home
        self.creds = creds
        self.db = RecordsDB(home / "records.db")
        self.files = AttachmentStore(home / "attachments")
        self.records = RecordsService(
            self.db,
            self.files,
            terminal_code=DEMO_DIVISION + "01",
            signer=lambda: self.creds.signer if self.creds else None,
            clock=clock,
        )
        self.sync = SyncService(
            self.db,
            self.files,
            platform_url=url,
            credentials=lambda: self.creds,
            settings=settings,
            clock=clock,
            lock_path=home / "sync.lock",
        )

    def close(self) -> None:
        self.sync.close()
        self.db.close()


@pytest.fixture
def terminal(tmp_path: Path, platform: InProcessPlatform) -> Iterator[Terminal]:
    home = tmp_path / "terminal"
    home.mkdir()
    t = Terminal(home, platform.url, enroll(platform.url, platform.enroll_code()))
    yield t
    t.close()


@pytest.fixture
def proxy(platform: InProcessPlatform) -> Iterator[FaultProxy]:
    with FaultProxy(int(platform.url.rsplit(":", 1)[1])) as p:
        yield p


@pytest.fixture
def proxied(tmp_path: Path, platform: InProcessPlatform, proxy: FaultProxy) -> Iterator[Terminal]:
    """A terminal that reaches the platform through the fault proxy."""
    home = tmp_path / "terminal"
    home.mkdir()
    t = Terminal(home, proxy.url, enroll(platform.url, platform.enroll_code()))
    yield t
    t.close()
