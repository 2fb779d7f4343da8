"""The terminal's half of the USB hand-over (交接包): relaying a bundle another terminal wrote, and applying the
platform's acknowledgement to the terminal that wrote it.

Contract (format: `sync.handover`; the platform's half: `sync.platform.handover`):
- `relay_bundle(client, path, ...)`: on a township terminal that is online, upload the bundle as this terminal's
  attachment (resumable: an interrupted relay goes on from the platform's offset), ask the platform to import it
  (`POST /v1/handover`), and write the signed acknowledgement `<bundle>.yback` beside the bundle (on the stick). The
  relaying terminal never needs the passphrase and never holds the records: with the county's passphrase in its
  keystore (`yunban sync export-passphrase`) it first checks the whole bundle opens (every segment, streamed), so a
  damaged, cut-short or foreign bundle is refused before any upload.
- `apply_ack(db, verifier, own_terminal_id, path, now_iso)`: on the terminal that made the bundle, check the
  acknowledgement's signature with the platform key pinned at enrollment and that it is this terminal's, then mark
  each record the platform holds (`stored` or `duplicate`, same record id and content hash) delivered, in batches
  of 500 per transaction. Applying it twice changes nothing; a record the platform refused stays pending, listed
  with the platform's reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.records.export import Signatures
from app.sync import messages as m
from app.sync.enrollment import TerminalCredentials
from local_db.records.store import RecordRow, RecordsDB
from sync import protocol
from sync.client import AuthError, OfflineError, PlatformClient, RejectedError, TransientError
from sync.handover import (
    DELIVERED_RESULTS,
    MAGIC,
    MAGICS,
    HandoverError,
    file_sha256,
    read_ack,
    verify_bundle,
)

__all__ = [
    "ACK_BATCH",
    "AckResult",
    "RelayResult",
    "ack_summary",
    "apply_ack",
    "export_signatures",
    "relay_bundle",
]

CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class RelayResult:
    bundle_sha256: str
    ack_path: Path
    summary: dict[str, Any]


@dataclass(slots=True)
class AckResult:
    marked: list[str] = field(default_factory=list)
    """Records marked delivered now."""
    already: list[str] = field(default_factory=list)
    """Records that were delivered already (over the network, or this acknowledgement applied before)."""
    refused: dict[str, str] = field(default_factory=dict)
    """record id → the platform's result (conflict, receipt_taken, bad_signature, ...): still pending here."""
    unknown: list[str] = field(default_factory=list)
    """Records this terminal does not hold with that content hash (not its own, or changed since)."""


def _check(path: Path, passphrase: str | None, progress: Callable[[int, int], None] | None) -> str:
    """The bundle's SHA-256 after one read of the whole file (bounded memory): with the county passphrase every
    segment is authenticated on the way, without it only the header is looked at (the platform checks the rest)."""
    try:
        with open(path, "rb") as f:
            magic = f.read(len(MAGIC))
    except OSError as exc:
        raise UserError(m.HANDOVER_NOT_A_BUNDLE, path=path) from exc
    if magic not in MAGICS:
        raise UserError(m.HANDOVER_NOT_A_BUNDLE, path=path)
    try:
        if passphrase:
            return verify_bundle(path, passphrase, progress=progress).sha256
        return file_sha256(path, progress=progress)
    except HandoverError as exc:
        raise UserError(m.HANDOVER_DAMAGED, path=path) from exc
    except OSError as exc:
        raise UserError(m.HANDOVER_NOT_A_BUNDLE, path=path) from exc


def relay_bundle(
    client: PlatformClient,
    path: Path,
    *,
    ack_out: Path | None = None,
    passphrase: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RelayResult:
    """Relay one bundle to the platform and write its acknowledgement (see the module doc), streaming: the file is
    read twice, 1 MiB at a time (once to hash and check it, once to upload it), never held whole.
    `progress(done, total)` counts those bytes: `total` is twice the file's size, the upload's half advancing as
    the platform confirms bytes."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(m.HANDOVER_NOT_A_BUNDLE, path=path) from exc
    total = 2 * size

    def checked(done: int, _size: int) -> None:
        if progress is not None:
            progress(done, total)

    sha = _check(path, passphrase, checked)
    try:
        with open(path, "rb") as f:
            state = client.attachment_state(sha)
            offset = 0 if state is None else (size if state.complete else state.received)
            if progress is not None:
                progress(size + offset, total)
            while offset < size:
                f.seek(offset)
                state = client.upload_chunk(sha, offset, size, f.read(CHUNK))
                offset = size if state.complete else state.received
                if progress is not None:
                    progress(size + offset, total)
        answer = client.handover(sha)
    except OSError as exc:
        raise UserError(m.HANDOVER_NOT_A_BUNDLE, path=path) from exc
    except OfflineError as exc:
        raise UserError(m.HANDOVER_OFFLINE, error=exc) from exc
    except (TransientError, RejectedError, AuthError) as exc:
        raise UserError(m.HANDOVER_REFUSED, error=exc) from exc
    ack_path = (ack_out or path.parent) / (path.stem + ".yback")
    ack_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = ack_path.with_suffix(".tmp")
    tmp.write_bytes(protocol.canonical_json(answer["ack"]))
    tmp.replace(ack_path)
    return RelayResult(bundle_sha256=sha, ack_path=ack_path, summary=dict(answer["summary"]))


ACK_BATCH = 500
"""Records marked delivered per transaction by `apply_ack`: the write lock is held for one batch at a time (the
outbox worker and the counter go on between batches); each batch commits whole or not at all."""


def apply_ack(
    db: RecordsDB, verifier: protocol.Verifier, own_terminal_id: str, path: Path, now_iso: Callable[[], str]
) -> AckResult:
    """Mark this terminal's records delivered from a platform acknowledgement (see the module doc), in batches of
    `ACK_BATCH` records per transaction. Killed midway, the batches committed stay marked and the rest stay pending:
    applying the acknowledgement again marks the rest (the ones marked already are `already`), nothing twice."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(m.HANDOVER_NOT_AN_ACK, path=path, error=exc.strerror) from exc
    try:
        ack = read_ack(data, verifier.verify)
    except HandoverError as exc:
        if exc.code == "ack_signature":
            raise UserError(m.HANDOVER_ACK_SIGNATURE, path=path) from exc
        raise UserError(m.HANDOVER_NOT_AN_ACK, path=path, error=exc.detail or exc.code) from exc
    if ack.get("terminal_id") != own_terminal_id:
        raise UserError(m.HANDOVER_ACK_OTHER_TERMINAL, path=path, terminal=ack.get("terminal_id"), own=own_terminal_id)
    out = AckResult()
    entries = [(str(e.get("record_id", "")), str(e.get("result", "")), e.get("content_hash")) for e in ack["records"]]
    states = db.delivery_states([record_id for record_id, _, _ in entries])
    to_mark: list[tuple[str, str]] = []
    for record_id, result, content_hash in entries:
        local = states.get(record_id)
        if local is None or local[0] != content_hash:
            out.unknown.append(record_id)
        elif result not in DELIVERED_RESULTS:
            out.refused[record_id] = result
        elif local[1] == "delivered":
            out.already.append(record_id)
        else:
            to_mark.append((record_id, f"handover_{result}"))
    for i in range(0, len(to_mark), ACK_BATCH):
        batch = to_mark[i : i + ACK_BATCH]
        marked = set(db.mark_delivered_many(batch, http_status=200, at=now_iso()))
        for record_id, _ in batch:
            (out.marked if record_id in marked else out.already).append(record_id)
    return out


def ack_summary(result: AckResult) -> dict[str, Any]:
    """The JSON shape of `yunban sync import-ack --json`."""
    return {
        "marked_delivered": list(result.marked),
        "already_delivered": list(result.already),
        "refused": dict(result.refused),
        "unknown": list(result.unknown),
    }


def export_signatures(credentials: TerminalCredentials | None) -> tuple[str | None, Signatures | None]:
    """(terminal id, signing function) for `app.records.export.export_bundle`: records not signed yet are signed
    with the enrolled key at export, exactly as the outbox would sign them before delivery (`sync.outbox`)."""
    if credentials is None:
        return None, None
    signer, terminal_id = credentials.signer, credentials.terminal_id

    def sign(rec: RecordRow) -> tuple[str, str]:
        return protocol.sign_record(
            signer,
            terminal_id=terminal_id,
            record_id=rec.record_id,
            kind=rec.kind,
            receipt_no=rec.receipt_no,
            sequence=rec.seq,
            content_hash_hex=rec.content_hash,
            signature=rec.signature,
        )

    return terminal_id, sign
