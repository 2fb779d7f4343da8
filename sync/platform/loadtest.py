"""A load generator for the platform (`yunban platform load-test`): thousands of simulated terminals over HTTP.

Contract:
- Terminals are enrolled first, each with its own Ed25519 key and enrollment code (codes are made through the
  platform's store, `--data`/`--database`, as an operator's `enroll-code` makes them; divisions of at most 99
  terminals each), over HTTP through the same route real terminals use.
- Then records are sent at `rate` records/s with bursts of up to `burst` (a token bucket), each by a terminal picked
  at random: its attachment (`attachment_bytes` of unique bytes) uploaded with PATCH, then the signed record POSTed
  (envelope signature v2 and the v1 signature, as terminals send them). Every `status_every`-th record the same
  terminal also fetches its status feed and a catalog change page. At most `concurrency` records are in flight.
- Bounded: it stops after `records` records or `duration` seconds, whichever comes first. An answer other than
  201/200 is an error, counted by status and not retried; only a kept-alive connection the server closed while idle
  is tried again once (counted as `retries`).
- Cheap, so that the platform and not the generator is measured (they share the machine's cores): every record is
  built and signed before the load starts (`prepare_s` in the report), an attachment is a shared prefix plus 40
  unique bytes (its SHA-256 continues a precomputed hash state; the body is written from both parts without a
  copy), and requests go over a minimal keep-alive HTTP/1.1 client on asyncio streams (`_Http`) instead of a
  general-purpose one. The generator's own CPU per record is reported (`load_generator`).
- `catalog_phase`: every enrolled terminal fetches a catalog change page and its status feed once (what 15,000
  terminals do after a catalog release); the time to serve them all is reported.
- `progress` (optional) is told each piece of work as it finishes: `progress(phase, n, nbytes)` with `phase`
  `"enroll"` (a terminal enrolled), `"records"` (a record answered or failed; `nbytes` its attachment bytes when
  it was acknowledged) or `"catalog"` (a terminal's catalog-phase fetches); phases come in that order. It runs on the
  event loop's thread and must be cheap (the CLI's progress bar: `yunban platform load-test`).
- The report: records/s, MB/s of attachment bytes, latency percentiles (p50/p95/p99) of one record's intake (upload +
  record) and of the record POST alone, errors by status, duplicates answered, and, for the platform processes
  named by `pids` (and apart the database's, `db_pids`), CPU (seconds, cores used, milliseconds per record) and peak
  resident memory (from /proc).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sync import protocol

__all__ = ["LoadConfig", "ProcessWatch", "enroll_codes", "run_load"]

Progress = Callable[[str, int, int], None]
"""`progress(phase, n, nbytes)`: see the module's contract."""


def _no_progress(phase: str, n: int, nbytes: int) -> None:
    return None


TERMINALS_PER_DIVISION = 99
IDLE_REUSE_S = 3.0
"""A pooled connection idle longer than this is closed rather than reused (servers close idle ones after a few
seconds, the platform after `--keep-alive` 5 s; reusing one then costs a failed request and a retry)."""


@dataclass
class LoadConfig:
    url: str
    terminals: int = 1000
    records: int = 3000
    duration: float = 60.0
    rate: float = 100.0
    burst: int = 50
    attachment_bytes: int = 200 * 1024
    concurrency: int = 64
    status_every: int = 10
    catalog_phase: bool = False
    enroll_concurrency: int = 32
    timeout: float = 60.0
    seed: int = 16


@dataclass
class _Terminal:
    terminal_id: str
    token: str
    signer: Any
    sequence: int = 0
    headers: bytes = b""
    """The authentication header lines, rendered once."""


@dataclass
class _Planned:
    """One record's requests, built and signed before the load starts."""

    terminal: _Terminal
    n: int
    suffix: bytes
    patch_head: bytes
    post: bytes
    extra: list[bytes] = field(default_factory=list)


class _TransportError(Exception):
    """The connection failed (reset, closed, timed out, a reply that is not HTTP)."""


class _Http:
    """A minimal HTTP/1.1 client for the load: keep-alive connections to one host, reused in turn; requests are
    written from pre-rendered bytes; replies read by Content-Length (or chunked). A connection the server closed
    while it sat idle in the pool is retried once on a new one (`retries`)."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"load-test speaks plain http:// only, not {url!r}")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.host_line = f"Host: {parts.netloc}\r\n".encode()
        self.timeout = timeout
        self.retries = 0
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []

    def head(self, method: str, path: str, headers: bytes, length: int | None) -> bytes:
        """The request line and headers (ending in the blank line) of a request with a body of `length` bytes."""
        body = b"" if length is None else f"Content-Length: {length}\r\n".encode()
        return f"{method} {self.prefix}{path} HTTP/1.1\r\n".encode() + self.host_line + headers + body + b"\r\n"

    async def request(self, *parts: bytes) -> tuple[int, bytes]:
        """Send a request (its head and body parts) and read the reply: (status, body)."""
        reused = bool(self._idle)
        try:
            return await asyncio.wait_for(self._once(parts, reused), self.timeout)
        except _TransportError:
            if not reused:
                raise
        self.retries += 1
        return await asyncio.wait_for(self._once(parts, False), self.timeout)

    async def _once(self, parts: tuple[bytes, ...], reuse: bool) -> tuple[int, bytes]:
        try:
            reader = writer = None
            while reuse and self._idle:
                reader, writer, since = self._idle.pop()
                if time.monotonic() - since < IDLE_REUSE_S and not reader.at_eof():
                    break
                writer.close()  # idle long enough for the server to close it (keep-alive): not worth the retry
                reader = writer = None
            if reader is None or writer is None:
                reader, writer = await asyncio.open_connection(self.host, self.port)
        except OSError as exc:
            raise _TransportError(f"connect: {exc}") from exc
        keep = False
        try:
            writer.writelines(parts)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            fields = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                fields[name.strip().lower()] = value.strip()
            if "content-length" in fields:
                body = await reader.readexactly(int(fields["content-length"]))
            elif fields.get("transfer-encoding", "").lower() == "chunked":
                body = await _read_chunked(reader)
            else:
                body = await reader.read()  # until the server closes
                fields["connection"] = "close"
            keep = fields.get("connection", "").lower() != "close"
            return status, body
        except (OSError, EOFError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            raise _TransportError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            if keep:
                self._idle.append((reader, writer, time.monotonic()))
            else:
                writer.close()

    def close(self) -> None:
        for _, writer, _ in self._idle:
            writer.close()
        self._idle.clear()


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    out: list[bytes] = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return b"".join(out)
        out.append(await reader.readexactly(size))
        await reader.readexactly(2)


def enroll_codes(store: Any, count: int, prefix: str = "53") -> list[tuple[str, str]]:
    """`count` enrollment codes with their divisions (99 terminals per 12-digit division at most)."""
    run = random.randrange(10**6)
    out = []
    for i in range(count):
        division = f"{prefix}{run:06d}{i // TERMINALS_PER_DIVISION:04d}"
        out.append((store.create_enroll_code(division), division))
    return out


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": round(ordered[-1] * 1000, 1)}


class ProcessWatch:
    """CPU seconds and peak resident memory of some processes (and their children), sampled from /proc."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self.peak_rss = 0
        self._start_cpu = self._cpu()
        self._start = time.monotonic()
        self._task: asyncio.Task[None] | None = None

    def _tree(self) -> list[int]:
        pids = list(self.pids)
        for pid in self.pids:
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            pids += [int(c) for c in children]
        return pids

    def _cpu(self) -> float:
        total = 0.0
        tick = os.sysconf("SC_CLK_TCK")
        for pid in self._tree():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def _rss(self) -> int:
        total = 0
        for pid in self._tree():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                continue
        return total

    async def _sample(self) -> None:
        while True:
            self.peak_rss = max(self.peak_rss, self._rss())
            await asyncio.sleep(0.5)

    def start(self) -> None:
        self._start_cpu = self._cpu()
        self._start = time.monotonic()
        self._task = asyncio.get_running_loop().create_task(self._sample())

    def stop(self) -> dict[str, float]:
        if self._task is not None:
            self._task.cancel()
        self.peak_rss = max(self.peak_rss, self._rss())
        cpu = self._cpu() - self._start_cpu
        wall = max(1e-9, time.monotonic() - self._start)
        return {"cpu_s": round(cpu, 2), "cores": round(cpu / wall, 2), "peak_rss_mb": round(self.peak_rss / 2**20, 1)}


async def _enroll(http: _Http, code: str, division: str) -> _Terminal:
    signer = protocol.generate_signer()
    body = json.dumps(
        {
            "code": code,
            "public_key": protocol.b64encode(signer.public_key_bytes()),
            "algorithm": "ed25519",
            "division": division,
        }
    ).encode()
    request = http.head("POST", "/v1/enroll", b"Content-Type: application/json\r\n", len(body))
    status, reply = 0, b""
    for _ in range(30):  # busy (enrollment bodies are read a few at a time): wait as Retry-After says, as terminals do
        try:
            status, reply = await http.request(request, body)
        except (_TransportError, TimeoutError):
            await asyncio.sleep(random.uniform(0.1, 0.5))
            continue
        if status != 503:
            break
        await asyncio.sleep(2 * random.uniform(0.5, 1.0))
    if status != 200:
        raise RuntimeError(f"enrollment failed: {status} {reply[:200]!r}")
    answer = json.loads(reply)
    t = _Terminal(answer["terminal_id"], answer["token"], signer)
    t.headers = f"Authorization: Bearer {t.token}\r\n{protocol.HEADER_TERMINAL}: {t.terminal_id}\r\n".encode()
    return t


def _record(t: _Terminal, sha: str, n: int) -> dict[str, Any]:
    payload = {"n": n, "item_code": "530000000000", "form": {"note": "负载测试"}, "materials": [sha]}
    digest = protocol.content_hash(payload)
    t.sequence += 1
    record_id = str(uuid.uuid4())
    signature, envelope_signature = protocol.sign_record(
        t.signer,
        terminal_id=t.terminal_id,
        record_id=record_id,
        kind="submission",
        receipt_no=None,
        sequence=t.sequence,
        content_hash_hex=digest,
    )
    return {
        "record_id": record_id,
        "kind": "submission",
        "content_hash": digest,
        "created_at": "2026-12-07T00:00:00Z",
        "sequence": t.sequence,
        "receipt_no": None,
        "payload": payload,
        "attachments": [sha],
        "signature": signature,
        "envelope_signature": envelope_signature,
    }


def _plan(config: LoadConfig, http: _Http, terminals: list[_Terminal], prefix: bytes) -> list[_Planned]:
    """Every record the load may send (at most `records`, and what `rate` x `duration` + `burst` allows), each by a
    terminal picked at random: its attachment's unique suffix, the PATCH head, the whole signed record POST and the
    status and catalog GETs of every `status_every`-th."""
    rng = random.Random(config.seed)
    prefix_state = hashlib.sha256(prefix)
    count = min(config.records, int(config.rate * config.duration) + config.burst + 1)
    json_type = b"Content-Type: application/json\r\n"
    out = []
    for n in range(count):
        t = terminals[rng.randrange(len(terminals))]
        suffix = n.to_bytes(8, "big") + t.terminal_id.encode().ljust(32, b"-")[:32]
        digest = prefix_state.copy()
        digest.update(suffix)
        sha = digest.hexdigest()
        length = len(prefix) + len(suffix)
        upload = (
            f"{protocol.HEADER_UPLOAD_OFFSET}: 0\r\n{protocol.HEADER_UPLOAD_LENGTH}: {length}\r\n"
            "Content-Type: application/offset+octet-stream\r\n"
        ).encode()
        patch_head = http.head("PATCH", f"/v1/attachments/{sha}", t.headers + upload, length)
        body = json.dumps(_record(t, sha, n), ensure_ascii=False).encode()
        post = http.head("POST", "/v1/records", t.headers + json_type, len(body)) + body
        extra = []
        if config.status_every and n % config.status_every == 0:
            extra = [http.head("GET", path, t.headers, None) for path in ("/v1/status", "/v1/catalog/changes")]
        out.append(_Planned(t, n, suffix, patch_head, post, extra))
    return out


async def _load(
    config: LoadConfig, codes: list[tuple[str, str]], pids: list[int], db_pids: list[int], progress: Progress
) -> dict[str, Any]:
    prefix = os.urandom(max(0, config.attachment_bytes - 40))
    http = _Http(config.url, config.timeout)
    try:
        return await _run(config, http, codes, pids, db_pids, prefix, progress)
    finally:
        http.close()


async def _run(
    config: LoadConfig,
    http: _Http,
    codes: list[tuple[str, str]],
    pids: list[int],
    db_pids: list[int],
    prefix: bytes,
    progress: Progress = _no_progress,
) -> dict[str, Any]:
    started = time.monotonic()
    gate = asyncio.Semaphore(config.enroll_concurrency)

    async def enroll_one(code: str, division: str) -> _Terminal:
        async with gate:
            terminal = await _enroll(http, code, division)
        progress("enroll", 1, 0)
        return terminal

    terminals = list(await asyncio.gather(*(enroll_one(c, d) for c, d in codes)))
    enroll_s = time.monotonic() - started
    started = time.monotonic()
    plan = _plan(config, http, terminals, prefix)
    prepare_s = time.monotonic() - started

    intake: list[float] = []
    posts: list[float] = []
    errors: dict[str, int] = {}
    outcome = {"stored": 0, "duplicate": 0}
    sent_bytes = 0
    in_flight = asyncio.Semaphore(config.concurrency)

    def error(what: str, status: int | str) -> None:
        errors[f"{what}:{status}"] = errors.get(f"{what}:{status}", 0) + 1

    async def one(p: _Planned) -> None:
        nonlocal sent_bytes
        acknowledged = 0
        try:
            t0 = time.monotonic()
            status, _ = await http.request(p.patch_head, prefix, p.suffix)
            if status != 200:
                error("upload", status)
                return
            t1 = time.monotonic()
            status, _ = await http.request(p.post)
            t2 = time.monotonic()
            if status not in (200, 201):
                error("record", status)
                return
            outcome["stored" if status == 201 else "duplicate"] += 1
            intake.append(t2 - t0)
            posts.append(t2 - t1)
            sent_bytes += len(prefix) + len(p.suffix)
            acknowledged = len(prefix) + len(p.suffix)
            for request, path in zip(p.extra, ("/v1/status", "/v1/catalog/changes"), strict=False):
                status, _ = await http.request(request)
                if status != 200:
                    error(path, status)
        except (_TransportError, TimeoutError) as exc:
            error("transport", type(exc.__cause__ or exc).__name__)
        finally:
            in_flight.release()
            progress("records", 1, acknowledged)

    client_cpu = time.process_time()
    watch = ProcessWatch(pids)
    watch.start()
    db_watch = ProcessWatch(db_pids)
    db_watch.start()
    tasks: list[asyncio.Task[None]] = []
    tokens = float(config.burst)
    last = time.monotonic()
    load_start = last
    deadline = load_start + config.duration
    n = 0
    while n < len(plan) and time.monotonic() < deadline:
        now = time.monotonic()
        tokens = min(float(config.burst), tokens + (now - last) * config.rate)
        last = now
        if tokens < 1:
            await asyncio.sleep((1 - tokens) / config.rate)
            continue
        tokens -= 1
        await in_flight.acquire()
        tasks.append(asyncio.create_task(one(plan[n])))
        n += 1
    await asyncio.gather(*tasks)
    load_s = time.monotonic() - load_start
    done = outcome["stored"] + outcome["duplicate"]
    platform = _per_record(watch.stop(), done) if pids else {}
    database = _per_record(db_watch.stop(), done) if db_pids else {}
    client_cpu = time.process_time() - client_cpu

    catalog: dict[str, Any] = {}
    if config.catalog_phase:
        fetch_lat: list[float] = []
        watch = ProcessWatch(pids)
        watch.start()
        c_start = time.monotonic()

        async def fetch(t: _Terminal) -> None:
            async with gate:
                for path in ("/v1/catalog/changes", "/v1/status"):
                    t0 = time.monotonic()
                    try:
                        status, _ = await http.request(http.head("GET", path, t.headers, None))
                    except (_TransportError, TimeoutError) as exc:
                        error("catalog-phase transport", type(exc.__cause__ or exc).__name__)
                        continue
                    fetch_lat.append(time.monotonic() - t0)
                    if status != 200:
                        error("catalog-phase " + path, status)
            progress("catalog", 1, 0)

        await asyncio.gather(*(fetch(t) for t in terminals))
        c_s = time.monotonic() - c_start
        catalog = {
            "terminals": len(terminals),
            "requests": len(fetch_lat),
            "seconds": round(c_s, 2),
            "requests_per_s": round(len(fetch_lat) / c_s, 1),
            "latency_ms": _percentiles(fetch_lat),
            "platform": watch.stop() if pids else {},
        }

    return {
        "terminals": len(terminals),
        "enroll_s": round(enroll_s, 2),
        "prepare_s": round(prepare_s, 2),
        "records_sent": n,
        "records_acknowledged": done,
        "stored": outcome["stored"],
        "duplicates": outcome["duplicate"],
        "seconds": round(load_s, 2),
        "records_per_s": round(done / load_s, 1),
        "mb_per_s": round(sent_bytes / load_s / 1e6, 2),
        "intake_latency_ms": _percentiles(intake),
        "record_post_latency_ms": _percentiles(posts),
        "errors": dict(sorted(errors.items())),
        "error_count": sum(errors.values()),
        "retries": http.retries,
        "platform": platform,
        "database": database,
        "load_generator": _per_record(
            {"cpu_s": round(client_cpu, 2), "cores": round(client_cpu / load_s, 2)}, done, client_cpu
        ),
        "catalog_phase": catalog,
        "config": {k: v for k, v in vars(config).items() if k != "url"},
    }


def _per_record(usage: dict[str, float], records: int, cpu_s: float | None = None) -> dict[str, float]:
    """`usage` with the CPU milliseconds per acknowledged record added."""
    cpu = usage.get("cpu_s", 0.0) if cpu_s is None else cpu_s
    return {**usage, "cpu_ms_per_record": round(cpu * 1000 / records, 2) if records else 0.0}


def run_load(
    config: LoadConfig,
    codes: list[tuple[str, str]],
    pids: list[int] | None = None,
    db_pids: list[int] | None = None,
    *,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Enroll one terminal per code, send the load, return the report (see the module's contract); `db_pids` the
    database server's processes (its CPU and memory are reported apart, as `database`); `progress` told each piece
    of work done."""
    return asyncio.run(_load(config, codes, pids or [], db_pids or [], progress or _no_progress))
