"""Fixtures of the platform/enrollment/catalog-down tests (shared helpers live in tests/support/platform.py).

Every test here that uses the `platform` or `platform_process` fixture runs twice: on SQLite (the embedded default)
and on PostgreSQL (a fresh schema of the session's private cluster, tests/support/postgres.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.platform import InProcessPlatform, PlatformProcess, database_for_engine, postgres_cluster

__all__ = ["platform", "platform_engine", "platform_process", "postgres_cluster"]


@pytest.fixture(params=["sqlite", "postgres"])
def platform_engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def platform(tmp_path: Path, platform_engine: str, pytestconfig: pytest.Config) -> Iterator[InProcessPlatform]:
    """The reference platform in this process on the engine of `platform_engine`."""
    with InProcessPlatform(tmp_path / "platform", database=database_for_engine(pytestconfig, platform_engine)) as p:
        yield p


@pytest.fixture
def platform_process(tmp_path: Path, platform_engine: str, pytestconfig: pytest.Config) -> Iterator[PlatformProcess]:
    """`yunban platform serve --port 0` as a child process on the engine of `platform_engine`."""
    database = database_for_engine(pytestconfig, platform_engine)
    proc = PlatformProcess(tmp_path / "platform-proc", database=database).start()
    try:
        yield proc
    finally:
        proc.stop()
