"""A load generator for the platform (`yunban platform load-test`): thousands of simulated terminals over HTTP.

Contract:
- Terminals are enrolled first, each with its own Ed25519 key and enrollment code (codes are made through the
  platform's store, `--data`/`--database`, as an operator's `enroll-code` makes them; divisions of at most 99
  terminals each), over HTTP through the same route real terminals use.
- Then records are sent at `rate` records/s with bursts of up to `burst` (a token bucket), each by a terminal picked
  at random: its attachment (`attachment_bytes` of unique bytes) uploaded with PATCH, then the signed record POSTed
  (envelope signature v2 and the v1 signature, as terminals send them). Every `status_every`-th record the same
  terminal also fetches its status feed and a catalog change page. At most `concurrency` requests are in flight.
- Bounded: it stops after `records` records or `duration` seconds, whichever comes first. An answer other than
  201/200 is an error, counted by status and not retried; only a kept-alive connection the server closed while idle
  is tried again once (counted as `retries`).
- `catalog_phase`: every enrolled terminal fetches a catalog change page and its status feed once (what 15,000
  terminals do after a catalog release); the time to serve them all is reported.
- The report: records/s, MB/s of attachment bytes, latency percentiles (p50/p95/p99) of one record's intake (upload +
  record) and of the record POST alone, errors by status, duplicates answered, and, for the platform processes
  named by `pids`, CPU (seconds and cores used) and peak resident memory (from /proc).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from sync import protocol

__all__ = ["LoadConfig", "ProcessWatch", "enroll_codes", "run_load"]

TERMINALS_PER_DIVISION = 99


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
    headers: dict[str, str] = field(default_factory=dict)


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


async def _enroll(client: httpx.AsyncClient, code: str, division: str) -> _Terminal:
    signer = protocol.generate_signer()
    body_sent = {
        "code": code,
        "public_key": protocol.b64encode(signer.public_key_bytes()),
        "algorithm": "ed25519",
        "division": division,
    }
    reply = None
    for _ in range(30):  # busy (enrollment bodies are read a few at a time): wait as Retry-After says, as terminals do
        try:
            reply = await client.post("/v1/enroll", json=body_sent)
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.ConnectError):
            await asyncio.sleep(random.uniform(0.1, 0.5))  # a kept-alive connection closed under it: again
            continue
        if reply.status_code != 503:
            break
        await asyncio.sleep(float(reply.headers.get("retry-after", "1")) * random.uniform(0.5, 1.0))
    if reply is None:
        raise httpx.ConnectError("enrollment never reached the platform")
    reply.raise_for_status()
    body = reply.json()
    t = _Terminal(body["terminal_id"], body["token"], signer)
    t.headers = {"Authorization": f"Bearer {t.token}", protocol.HEADER_TERMINAL: t.terminal_id}
    return t


def _record(t: _Terminal, sha: str, n: int) -> dict[str, Any]:
    payload = {"n": n, "item_code": "530000000000", "form": {"note": "负载测试"}, "materials": [sha]}
    digest = protocol.content_hash(payload)
    t.sequence += 1
    record_id = str(uuid.uuid4())
    envelope = protocol.record_envelope_bytes(
        record_id=record_id,
        kind="submission",
        receipt_no=None,
        sequence=t.sequence,
        terminal_id=t.terminal_id,
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
        "signature": protocol.b64encode(t.signer.sign(protocol.record_signing_bytes(digest))),
        "envelope_signature": protocol.b64encode(t.signer.sign(envelope)),
    }


async def _load(
    config: LoadConfig, codes: list[tuple[str, str]], pids: list[int], db_pids: list[int]
) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=config.concurrency * 2, max_keepalive_connections=config.concurrency * 2)
    rng = random.Random(config.seed)
    base = os.urandom(config.attachment_bytes)
    async with httpx.AsyncClient(base_url=config.url, limits=limits, timeout=config.timeout) as client:
        started = time.monotonic()
        gate = asyncio.Semaphore(config.enroll_concurrency)

        async def enroll_one(code: str, division: str) -> _Terminal:
            async with gate:
                return await _enroll(client, code, division)

        terminals = await asyncio.gather(*(enroll_one(c, d) for c, d in codes))
        enroll_s = time.monotonic() - started

        intake: list[float] = []
        posts: list[float] = []
        errors: dict[str, int] = {}
        outcome = {"stored": 0, "duplicate": 0}
        sent_bytes = 0
        in_flight = asyncio.Semaphore(config.concurrency)

        def error(what: str, status: int | str) -> None:
            errors[f"{what}:{status}"] = errors.get(f"{what}:{status}", 0) + 1

        retries = 0

        async def request(method: str, path: str, **kwargs: Any) -> httpx.Response:
            """One request; a connection the server closed while idle (keep-alive race) is retried once, as a
            terminal's outbox would (PATCH at an offset and POST of a record are both safe to repeat)."""
            nonlocal retries
            try:
                return await client.request(method, path, **kwargs)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError, httpx.ConnectError):
                retries += 1
                return await client.request(method, path, **kwargs)

        async def one(n: int) -> None:
            nonlocal sent_bytes
            t = terminals[rng.randrange(len(terminals))]
            data = n.to_bytes(8, "big") + t.terminal_id.encode() + base[8 + len(t.terminal_id) :]
            sha = hashlib.sha256(data).hexdigest()
            try:
                t0 = time.monotonic()
                reply = await request(
                    "PATCH",
                    f"/v1/attachments/{sha}",
                    content=data,
                    headers={
                        **t.headers,
                        protocol.HEADER_UPLOAD_OFFSET: "0",
                        protocol.HEADER_UPLOAD_LENGTH: str(len(data)),
                    },
                )
                if reply.status_code != 200:
                    error("upload", reply.status_code)
                    return
                t1 = time.monotonic()
                reply = await request("POST", "/v1/records", json=_record(t, sha, n), headers=t.headers)
                t2 = time.monotonic()
                if reply.status_code not in (200, 201):
                    error("record", reply.status_code)
                    return
                outcome["stored" if reply.status_code == 201 else "duplicate"] += 1
                intake.append(t2 - t0)
                posts.append(t2 - t1)
                sent_bytes += len(data)
                if config.status_every and n % config.status_every == 0:
                    for path in ("/v1/status", "/v1/catalog/changes"):
                        got = await request("GET", path, headers=t.headers)
                        if got.status_code != 200:
                            error(path, got.status_code)
            except httpx.HTTPError as exc:
                error("transport", type(exc).__name__)
            finally:
                in_flight.release()

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
        while n < config.records and time.monotonic() < deadline:
            now = time.monotonic()
            tokens = min(float(config.burst), tokens + (now - last) * config.rate)
            last = now
            if tokens < 1:
                await asyncio.sleep((1 - tokens) / config.rate)
                continue
            tokens -= 1
            await in_flight.acquire()
            tasks.append(asyncio.create_task(one(n)))
            n += 1
        await asyncio.gather(*tasks)
        load_s = time.monotonic() - load_start
        platform = watch.stop() if pids else {}
        database = db_watch.stop() if db_pids else {}
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
                        got = await request("GET", path, headers=t.headers)
                        fetch_lat.append(time.monotonic() - t0)
                        if got.status_code != 200:
                            error("catalog-phase " + path, got.status_code)

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

    done = outcome["stored"] + outcome["duplicate"]
    return {
        "terminals": len(terminals),
        "enroll_s": round(enroll_s, 2),
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
        "retries": retries,
        "platform": platform,
        "database": database,
        "load_generator": {"cpu_s": round(client_cpu, 2), "cores": round(client_cpu / load_s, 2)},
        "catalog_phase": catalog,
        "config": {k: v for k, v in vars(config).items() if k != "url"},
    }


def run_load(
    config: LoadConfig, codes: list[tuple[str, str]], pids: list[int] | None = None, db_pids: list[int] | None = None
) -> dict[str, Any]:
    """Enroll one terminal per code, send the load, return the report (see the module's contract); `db_pids` the
    database server's processes (its CPU and memory are reported apart, as `database`)."""
    return asyncio.run(_load(config, codes, pids or [], db_pids or []))
