"""`yunban platform audit verify`: prove each terminal's audit log as the platform holds it (issue 14 §4).

    yunban platform audit verify [--terminal ID] [--json]

For each terminal that delivered audit batches (records of kind `audit`), every stored batch is checked against
what the terminal signed — its payload must still give the stored content hash, and the envelope signature (and
the protocol-v1 content-hash signature, when present) must verify with the key the terminal enrolled with — and the
batches together are proved with `sync.audit_chain.verify_batches`, the hashing the terminal itself uses: entries
from 1 without a gap, each `prev` the hash of the one before, each hash over its fields. The report names, per
terminal, the first broken link (the lowest entry number with a problem).

Exit 0 when every terminal's log holds, 1 when one is broken, 2 for a usage failure (an unknown `--terminal`, or
one that delivered no audit batch). `--json` keys (stable): `{ok, terminals: [{terminal_id, ok, batches, entries,
head_seq, first_broken: null | {seq, reason, record_id}}]}`; `reason` is one of verify_batches' (`gap`, `duplicate`,
`prev_mismatch`, `hash_mismatch`, `head_mismatch`, `malformed`) or `content_hash` (a stored payload no longer gives
the content hash its terminal signed: edited on the platform) or `signature` (the signatures do not verify with
the terminal's key: hash and payload rewritten together, or a record not from that terminal).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from sync import audit_chain, protocol
from sync.platform import admin as platform_main
from sync.platform import store_audit
from sync.platform.cli_common import data_dir, print_json
from sync.platform.errors import PlatformError

__all__ = ["register", "verify_terminal"]


def _first_seq(payload: Any) -> int:
    batch = payload.get("audit") if isinstance(payload, dict) else None
    first = batch.get("first_seq") if isinstance(batch, dict) else None
    return first if isinstance(first, int) and not isinstance(first, bool) else 0


def _signed(verifier: protocol.Verifier | None, terminal_id: str, row: store_audit.AuditRow) -> bool:
    if verifier is None or row.envelope_signature is None:
        return False
    record = {"record_id": row.record_id, "kind": row.kind, "receipt_no": row.receipt_no, "sequence": row.sequence,
              "content_hash": row.content_hash, "envelope_signature": row.envelope_signature}  # fmt: skip
    if not protocol.envelope_verifies(verifier, terminal_id, record):
        return False
    if row.signature is None:
        return True
    try:
        return verifier.verify(protocol.record_signing_bytes(row.content_hash), protocol.b64decode(row.signature))
    except protocol.ProtocolError:
        return False


def verify_terminal(store: Any, terminal_id: str) -> dict[str, Any]:
    """One terminal's report (the `terminals[]` entry of `--json`)."""
    key = store_audit.terminal_key(store, terminal_id)
    verifier: protocol.Verifier | None = None
    if key is not None:
        try:
            verifier = protocol.make_verifier(key[0], protocol.b64decode(key[1]))
        except (protocol.SignatureError, protocol.ProtocolError):
            verifier = None
    rows = store_audit.audit_records(store, terminal_id)
    payloads: list[Any] = []
    problems: list[tuple[int, str, str | None]] = []
    for row in rows:
        try:
            payload = json.loads(row.payload)
        except (ValueError, RecursionError):
            payload = None
        payloads.append(payload if isinstance(payload, dict) else {})
        first = _first_seq(payload)
        if payload is None or protocol.content_hash(payload) != row.content_hash:
            problems.append((first, "content_hash", row.record_id))
        elif not _signed(verifier, terminal_id, row):
            problems.append((first, "signature", row.record_id))
    entries, head, broken = audit_chain.verify_batches(payloads)
    if broken is not None:
        seq, reason = broken
        holder = next((r.record_id for r, p in zip(rows, payloads, strict=True) if _holds(p, seq)), None)
        problems.append((seq, reason, holder))
    first_broken = None
    if problems:
        seq, reason, record_id = min(problems, key=lambda p: (p[0], p[1]))
        first_broken = {"seq": seq, "reason": reason, "record_id": record_id}
    return {"terminal_id": terminal_id, "ok": first_broken is None, "batches": len(rows), "entries": entries,
            "head_seq": head, "first_broken": first_broken}  # fmt: skip


def _holds(payload: Any, seq: int) -> bool:
    batch = payload.get("audit") if isinstance(payload, dict) else None
    if not isinstance(batch, dict):
        return False
    first, last = batch.get("first_seq"), batch.get("last_seq")
    return isinstance(first, int) and isinstance(last, int) and first <= seq <= last


def verify(store: Any, terminal_id: str | None = None) -> dict[str, Any]:
    """The whole report: every terminal with audit batches, or the one asked for."""
    if terminal_id is not None:
        if store_audit.terminal_key(store, terminal_id) is None:
            raise PlatformError(f"--terminal {terminal_id}: no such terminal")
        if terminal_id not in store_audit.audit_terminals(store):
            raise PlatformError(f"--terminal {terminal_id}: it has delivered no audit batch yet")
        ids = [terminal_id]
    else:
        ids = store_audit.audit_terminals(store)
    reports = [verify_terminal(store, t) for t in ids]
    return {"ok": all(r["ok"] for r in reports), "terminals": reports}


def _verify(args: Any) -> int:
    store = platform_main.open_store(data_dir(args), getattr(args, "database", None))
    try:
        report = verify(store, args.terminal)
    finally:
        store.close()
    if getattr(args, "json", False):
        print_json(report)
    else:
        for r in report["terminals"]:
            if r["ok"]:
                print(f"{r['terminal_id']}  ok  {r['entries']} entries in {r['batches']} batches, head {r['head_seq']}")
            else:
                b = r["first_broken"]
                print(f"{r['terminal_id']}  BROKEN at entry {b['seq']}: {b['reason']} (batch {b['record_id'] or '-'})")
        if not report["terminals"]:
            print("no terminal has delivered audit batches")
    return 0 if report["ok"] else 1


def register(psub: Any, common: argparse.ArgumentParser, data_opt: Callable[[argparse.ArgumentParser], None]) -> None:
    p = psub.add_parser("audit", parents=[common], help="the terminals' audit logs as delivered (verify)")
    asub = p.add_subparsers(dest="platform_audit_command", metavar="SUBCOMMAND", required=True)
    v = asub.add_parser(
        "verify", parents=[common], help="prove each terminal's delivered audit chain; name the first broken link"
    )
    v.add_argument("--terminal", metavar="ID", help="only this terminal")
    data_opt(v)
    v.set_defaults(func=_verify)
