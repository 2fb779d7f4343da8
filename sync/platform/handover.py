"""Importing a hand-over bundle (交接包, `sync.handover`) that a terminal without network wrote to a USB stick.

Contract: `import_bundle(store, path, passphrase)` opens the bundle with the county's hand-over passphrase, finds
the terminal that made it (the manifest's `terminal_id`, enrolled on this platform and not revoked), and takes every
record in exactly as `POST /v1/records` would from that terminal: same validation, the same envelope signature
checked with *that* terminal's key, its attachments written into that terminal's uploads, stored through the same
`put_record` whose database constraints make it exactly once. So a bundle imported twice, or a record that already
came over the network, is a `duplicate`, never a second copy; a bundle whose bytes were changed does not open; a
bundle from a terminal this platform never enrolled, or whose records another key signed, stores nothing.

It answers the signed acknowledgement (`sync.handover.make_ack`) that the terminal which made the bundle applies to
mark its records delivered, and a summary. Used by `POST /v1/handover` (a township terminal relays the bundle it was
handed, `yunban sync import`) and by `yunban platform import-bundle` (the platform's operator imports it directly).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sync import protocol
from sync.handover import MIN_PASSPHRASE, BundleEntry, BundleReader, HandoverError, make_ack, verify_bundle
from sync.platform import keys, validation
from sync.platform.blocking import run_blocking
from sync.platform.errors import HttpError, PlatformError
from sync.platform.ports import PlatformStorage
from sync.platform.validation import validate_record

__all__ = [
    "PASSPHRASE_FILE",
    "ImportOutcome",
    "handover_endpoint",
    "import_bundle",
    "load_passphrase",
    "set_passphrase",
]

log = logging.getLogger(__name__)

PASSPHRASE_FILE = "handover.passphrase"
"""In the platform's data directory, 0600: the county's hand-over passphrase, written by
`yunban platform handover-passphrase` (the same one provisioned into its terminals' keystores with
`yunban sync export-passphrase`)."""


def set_passphrase(data_dir: Path, passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PlatformError(f"the hand-over passphrase needs at least {MIN_PASSPHRASE} characters")
    keys.write_key_file(keys.private_dir(data_dir) / PASSPHRASE_FILE, passphrase.encode("utf-8"))


def load_passphrase(data_dir: Path) -> str | None:
    """The passphrase set for this platform, None if none is (read on every import: setting it needs no restart)."""
    try:
        text = (data_dir / PASSPHRASE_FILE).read_text(encoding="ascii").strip()
        return bytes.fromhex(text).decode("utf-8")
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError) as exc:
        raise PlatformError(f"{data_dir / PASSPHRASE_FILE} is damaged: set the passphrase again") from exc


_REFUSALS = {
    "not_a_bundle": "not a Yunban hand-over bundle",
    "wrong_passphrase": "the bundle does not open with the hand-over passphrase: a wrong passphrase, or the file was "
    "changed after export",
    "bad_content": "the bundle opened but its content is damaged",
    "truncated": "the bundle is cut short (copied or written only in part): copy it again from the laptop",
    "damaged": "the bundle was changed after export (a segment is altered, out of place, cut or from another bundle):"
    " copy it again from the laptop",
    "passphrase_short": "the platform's hand-over passphrase is not set (or shorter than 8 characters)",
}


class ImportOutcome(dict[str, Any]):
    """{"ack": bytes of the signed acknowledgement, "summary": {...}} (a dict so it serialises plainly)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _check_record(terminal: dict[str, Any], body: bytes, name: str) -> tuple[dict[str, Any] | None, str, str]:
    """(the validated record or None, its result if refused, its content hash) for one record body."""
    try:
        doc = json.loads(body)
        content_hash = str(doc.get("content_hash", "")) if isinstance(doc, dict) else ""
    except ValueError:
        return None, "invalid", ""
    try:
        record = validate_record(doc)
    except (HttpError, ValueError):
        return None, "invalid", content_hash
    if name != f"records/{record['record_id']}.json":
        return None, "invalid", content_hash
    verifier = protocol.make_verifier(terminal["algorithm"], protocol.b64decode(terminal["public_key"]))
    if not protocol.envelope_verifies(verifier, terminal["terminal_id"], record):
        return None, "bad_signature", content_hash
    return record, "", content_hash


def _store_attachment(store: PlatformStorage, terminal_id: str, entry: BundleEntry) -> bool:
    """Stream one attachment entry into the terminal's uploads (resumable: a part left by an interrupted import
    goes on from its offset, the bytes before it read and dropped). True when the platform holds it complete."""
    sha = entry.name.removeprefix("attachments/")
    state = store.attachment(sha, terminal_id)
    if state is not None and state.get("complete"):
        return True
    offset = int(state["received"]) if state is not None else 0
    position = 0
    for piece in entry.pieces(UPLOAD_PIECE):
        start, position = position, position + len(piece)
        if position <= offset:
            continue
        data = piece[offset - start :] if start < offset else piece
        written = store.write_chunk(terminal_id, sha, max(start, offset), entry.size, data)
        if written.get("outcome") != "ok":
            return False
        offset = int(written["received"])
    done = store.attachment(sha, terminal_id)
    return done is not None and bool(done.get("complete"))


def _import_entries(
    store: PlatformStorage, terminal: dict[str, Any], bundle: BundleReader
) -> dict[str, tuple[str, str]]:
    """record id → (result, content hash) for the records of an open bundle, stored as they come: each record's
    signature checked before its attachments are written, `put_record` once its attachments are in."""
    terminal_id = terminal["terminal_id"]
    wanted = {e.get("record_id") for e in bundle.manifest["records"] if isinstance(e, dict)}
    out: dict[str, tuple[str, str]] = {}
    current: tuple[str, dict[str, Any] | None, str] | None = None  # (record id, verified record, content hash)

    def finish() -> None:
        if current is None:
            return
        record_id, record, content_hash = current
        if record is None:
            return
        for sha in record["attachments"]:
            state = store.attachment(sha, terminal_id)
            if state is None or not state.get("complete"):
                out[record_id] = ("missing_attachments", content_hash)
                return
        result = store.put_record(terminal_id, record)
        out[record_id] = ("missing_attachments" if result["result"] == "missing" else str(result["result"]),
                          content_hash)  # fmt: skip

    for entry in bundle.entries():
        if entry.kind == "record":
            finish()
            record_id = entry.name.removeprefix("records/").removesuffix(".json")
            if record_id not in wanted or record_id in out:
                current = None
                continue
            record, refused, content_hash = _check_record(terminal, entry.read_all(), entry.name)
            current = (record_id, record, content_hash)
            if record is None:
                out[record_id] = (refused, content_hash)
        elif (
            entry.kind == "attachment"
            and current is not None
            and current[1] is not None
            and entry.name.removeprefix("attachments/") in current[1]["attachments"]
        ):
            _store_attachment(store, terminal_id, entry)
    finish()
    return out


UPLOAD_PIECE = 1024 * 1024
"""Bytes of an attachment handed to the blob store at a time by an import."""


def import_bundle(store: PlatformStorage, source: Path, passphrase: str) -> ImportOutcome:
    """Import one bundle file (see the module doc); HttpError (422 unusable bundle or unknown terminal, 403 revoked
    terminal) when nothing can be imported. Per-record refusals are results in the acknowledgement.

    Two passes over the file, in bounded memory: the first decrypts and authenticates all of it (a bundle cut short,
    changed or foreign is refused before anything is stored), the second stores. If the file changes between the
    two (a stick pulled out), the second pass stops with 422; the records stored until then are each authentic and
    held exactly once, no acknowledgement is made, and importing the bundle again completes it."""
    try:
        verified = verify_bundle(source, passphrase)
    except HandoverError as exc:
        raise HttpError(422, _REFUSALS.get(exc.code, exc.code), reason=exc.code) from exc
    except OSError as exc:
        raise HttpError(422, f"the bundle cannot be read: {exc.strerror}", reason="unreadable") from exc
    manifest = verified.manifest
    terminal_id = manifest.get("terminal_id")
    terminal = store.terminal(terminal_id) if isinstance(terminal_id, str) and terminal_id else None
    if terminal is None:
        raise HttpError(
            422,
            "the bundle comes from a terminal this platform never enrolled (or was exported before enrollment)",
            reason="foreign",
        )
    if terminal.get("revoked_at"):
        raise HttpError(403, "the terminal that made the bundle is revoked", reason="revoked")
    try:
        with BundleReader(source, passphrase) as bundle:
            done = _import_entries(store, terminal, bundle)
    except HandoverError as exc:
        raise HttpError(422, "the bundle changed while it was imported: " + _REFUSALS.get(exc.code, exc.code),
                        reason=exc.code) from exc  # fmt: skip
    except OSError as exc:
        raise HttpError(422, f"the bundle cannot be read: {exc.strerror}", reason="unreadable") from exc
    results: list[dict[str, str]] = []
    for entry in manifest["records"]:
        record_id = entry.get("record_id") if isinstance(entry, dict) else None
        if not isinstance(record_id, str):
            continue
        result, content_hash = done.get(record_id, ("invalid", ""))
        results.append({"record_id": record_id, "content_hash": content_hash, "result": result})
    counts: dict[str, int] = {}
    for r in results:
        counts[r["result"]] = counts.get(r["result"], 0) + 1
    first_import = counts.get("stored", 0) > 0 or not results
    signer = protocol.load_signer(protocol.ALGORITHM_ED25519, store.signing_key())
    ack = make_ack(
        signer.sign,
        bundle_sha=verified.sha256,
        terminal_id=terminal["terminal_id"],
        imported_at=_now(),
        first_import=first_import,
        results=results,
    )
    summary = {
        "bundle_sha256": verified.sha256,
        "terminal_id": terminal["terminal_id"],
        "records": len(results),
        "first_import": first_import,
        "results": counts,
    }
    return ImportOutcome(ack=ack, summary=summary)


MAX_HANDOVER_REQUEST = 4096


def handover_endpoint(
    store: PlatformStorage,
    authenticate: Callable[[Request], dict[str, Any]],
    passphrase: Callable[[], str | None],
) -> Callable[[Request], Awaitable[Response]]:
    """`POST /v1/handover` `{"bundle_sha256"}`: a terminal that was handed a bundle uploaded it first as its own
    attachment (`PATCH /v1/attachments/{sha256}`, resumable like every upload); the platform imports it and answers
    `{"summary", "ack"}` (the acknowledgement object the terminal writes back to the stick). Importing the same
    bundle again answers the same results as `duplicate` with `first_import` false."""

    async def handover_post(request: Request) -> Response:
        terminal = await run_blocking(authenticate, request)
        if request.query_params:
            raise HttpError(400, "this endpoint takes no query parameters")
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_HANDOVER_REQUEST:
                raise HttpError(413, f"request body over {MAX_HANDOVER_REQUEST} bytes")
        body = validation.parse_json(raw)
        if not isinstance(body, dict) or set(body) != {"bundle_sha256"}:
            raise HttpError(400, 'body must be {"bundle_sha256": "<64 hex digits>"}')
        sha = validation.sha256_param(body["bundle_sha256"])
        state = await run_blocking(store.attachment, sha, terminal["terminal_id"])
        if state is None or not state["complete"]:
            raise HttpError(409, "upload the bundle first (PATCH /v1/attachments/{sha256})", reason="not_uploaded")
        secret = passphrase()
        if not secret:
            raise HttpError(
                503, "this platform has no hand-over passphrase set (yunban platform handover-passphrase)",
                reason="no_passphrase",
            )  # fmt: skip
        outcome = await run_blocking(import_bundle, store, store.blob_path(sha), secret)
        log.info("hand-over bundle %s relayed by %s: %s", sha[:12], terminal["terminal_id"], outcome["summary"])
        return JSONResponse({"summary": outcome["summary"], "ack": json.loads(outcome["ack"])})

    return handover_post
