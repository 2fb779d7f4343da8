"""A private PostgreSQL cluster for the tests: `initdb` + `pg_ctl` in a temporary directory, listening on a Unix
socket in that directory only (no TCP port), stopped and deleted at the end.

    cluster = PostgresCluster.start()          # or the session fixture `postgres_cluster`
    url = cluster.new_schema()                 # a fresh schema of its own: postgresql://...?options=-csearch_path=s1
    cluster.stop()

PostgreSQL refuses to run as root, so when the tests run as root (CI) the server runs as the unprivileged user
`nobody` (runuser / setpriv), owning only its temporary directory; the tests connect as the cluster's superuser
`yunban` over the socket (trust authentication, reachable by nobody else: the directory is 0700). `find_bindir()`
is Debian's /usr/lib/postgresql/<version>/bin (package postgresql-15, scripts/apt-packages.txt) or whatever
`pg_ctl` on PATH is; without one the fixtures skip with that reason.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

__all__ = ["PostgresCluster", "find_bindir"]

SUPERUSER = "yunban"
TEST_SETTINGS = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
"""For the test suite only (durability is the platform's concern there, not the cluster's); benchmarks run with the
defaults (fsync on)."""


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl are: the newest /usr/lib/postgresql/<v>/bin, else the directory of pg_ctl on PATH."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return candidates[-1].parent
    found = shutil.which("pg_ctl")
    if found and Path(found).resolve().with_name("initdb").exists():
        return Path(found).resolve().parent
    return None


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--", *cmd]
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]


class PostgresCluster:
    def __init__(self, bindir: Path, root: Path, settings: tuple[str, ...] = TEST_SETTINGS) -> None:
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.socket_dir = root
        self.settings = settings
        self._schemas = itertools.count(1)
        self.running = False

    @classmethod
    def start(cls, settings: tuple[str, ...] = TEST_SETTINGS, max_connections: int = 300) -> PostgresCluster:
        bindir = find_bindir()
        if bindir is None:
            raise FileNotFoundError("PostgreSQL is not installed (initdb/pg_ctl not found; apt install postgresql-15)")
        root = Path(tempfile.mkdtemp(prefix="yunban-pg-"))
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(root, nobody.pw_uid, nobody.pw_gid)
        os.chmod(root, 0o700)
        cluster = cls(bindir, root, settings)
        cluster._init(max_connections)
        return cluster

    def _run(self, *cmd: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            _as_server_user([str(self.bindir / cmd[0]), *cmd[1:]]),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
            env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed ({done.returncode}): {done.stdout}\n{done.stderr}")
        return done

    def _init(self, max_connections: int) -> None:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-instructions")
        self.start_server(max_connections)

    def start_server(self, max_connections: int = 300) -> None:
        """Start (or restart after `stop_server`) the server on the cluster's socket."""
        options = " ".join(
            [
                "-c listen_addresses=''",
                f"-c unix_socket_directories='{self.socket_dir}'",
                f"-c max_connections={max_connections}",
                "-c shared_buffers=128MB",
                *(" ".join(self.settings[i : i + 2]) for i in range(0, len(self.settings), 2)),
            ]
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w", "start")
        self.running = True

    def stop_server(self, mode: str = "fast") -> None:
        """Stop the server (`immediate`: as if it crashed); the cluster's files stay for `start_server`."""
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
            self.running = False

    @property
    def url(self) -> str:
        """The cluster's database `postgres` as the superuser, over the socket."""
        return f"postgresql://{SUPERUSER}@/postgres?host={quote(str(self.socket_dir), safe='')}"

    def psql(self, sql: str) -> str:
        done = subprocess.run(
            [str(self.bindir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", self.url, "-c", sql],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr}")
        return done.stdout.strip()

    def new_schema(self, name: str | None = None) -> str:
        """A fresh, empty schema and the URL whose connections use it (one platform database per test)."""
        name = name or f"t{os.getpid()}_{next(self._schemas)}_{int(time.time() * 1000) % 100000}"
        self.psql(f"CREATE SCHEMA {name}")
        return f"{self.url}&options={quote(f'-csearch_path={name}', safe='')}"

    def new_database(self, name: str) -> str:
        """A fresh database (benchmarks: its own statistics and size)."""
        self.psql(f"CREATE DATABASE {name}")
        return f"postgresql://{SUPERUSER}@/{name}?host={quote(str(self.socket_dir), safe='')}"

    def stop(self) -> None:
        try:
            self.stop_server()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
