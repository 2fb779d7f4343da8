"""Importing a hand-over bundle (交接包, `sync.handover`) that a terminal without network wrote to a USB stick.

Contract: `import_bundle(store, data, passphrase)` opens the bundle with the county's hand-over passphrase, finds
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

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from sync import protocol
from sync.handover import MIN_PASSPHRASE, HandoverError, bundle_sha256, make_ack, open_bundle
from sync.platform import keys, validation
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
    "passphrase_short": "the platform's hand-over passphrase is not set (or shorter than 8 characters)",
}


class ImportOutcome(dict[str, Any]):
    """{"ack": bytes of the signed acknowledgement, "summary": {...}} (a dict so it serialises plainly)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _record_result(store: PlatformStorage, terminal: dict[str, Any], body: bytes | None,
                   files: dict[str, bytes]) -> str:  # fmt: skip
    if body is None:
        return "invalid"
    try:
        record = validate_record(json.loads(body))
    except (HttpError, ValueError):
        return "invalid"
    verifier = protocol.make_verifier(terminal["algorithm"], protocol.b64decode(terminal["public_key"]))
    if not protocol.envelope_verifies(verifier, terminal["terminal_id"], record):
        return "bad_signature"
    for sha in record["attachments"]:
        state = store.attachment(sha, terminal["terminal_id"])
        if state is not None and state.get("complete"):
            continue
        data = files.get(f"attachments/{sha}")
        if data is None:
            return "missing_attachments"
        offset = int(state["received"]) if state is not None else 0
        written = store.write_chunk(terminal["terminal_id"], sha, offset, len(data), data[offset:])
        if written.get("outcome") != "ok" or not written.get("complete"):
            return "missing_attachments"
    result = store.put_record(terminal["terminal_id"], record)
    return "missing_attachments" if result["result"] == "missing" else str(result["result"])


def import_bundle(store: PlatformStorage, data: bytes, passphrase: str) -> ImportOutcome:
    """Import one bundle (see the module doc); HttpError (422 unusable bundle or unknown terminal, 403 revoked
    terminal) when nothing can be imported. Per-record refusals are results in the acknowledgement."""
    try:
        manifest, files = open_bundle(data, passphrase)
    except HandoverError as exc:
        raise HttpError(422, _REFUSALS.get(exc.code, exc.code), reason=exc.code) from exc
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
    results: list[dict[str, str]] = []
    for entry in manifest["records"]:
        record_id = entry.get("record_id") if isinstance(entry, dict) else None
        if not isinstance(record_id, str):
            continue
        body = files.get(f"records/{record_id}.json")
        result = _record_result(store, terminal, body, files)
        content_hash = ""
        if body is not None:
            try:
                content_hash = str(json.loads(body).get("content_hash", ""))
            except (ValueError, AttributeError):
                content_hash = ""
        results.append({"record_id": record_id, "content_hash": content_hash, "result": result})
    counts: dict[str, int] = {}
    for r in results:
        counts[r["result"]] = counts.get(r["result"], 0) + 1
    first_import = counts.get("stored", 0) > 0 or not results
    sha = bundle_sha256(data)
    signer = protocol.load_signer(protocol.ALGORITHM_ED25519, store.signing_key())
    ack = make_ack(
        signer.sign,
        bundle_sha=sha,
        terminal_id=terminal["terminal_id"],
        imported_at=_now(),
        first_import=first_import,
        results=results,
    )
    summary = {
        "bundle_sha256": sha,
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
        terminal = authenticate(request)
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
        state = store.attachment(sha, terminal["terminal_id"])
        if state is None or not state["complete"]:
            raise HttpError(409, "upload the bundle first (PATCH /v1/attachments/{sha256})", reason="not_uploaded")
        secret = passphrase()
        if not secret:
            raise HttpError(
                503, "this platform has no hand-over passphrase set (yunban platform handover-passphrase)",
                reason="no_passphrase",
            )  # fmt: skip
        data = await run_in_threadpool(store.blob_path(sha).read_bytes)
        outcome = await run_in_threadpool(import_bundle, store, data, secret)
        log.info("hand-over bundle %s relayed by %s: %s", sha[:12], terminal["terminal_id"], outcome["summary"])
        return JSONResponse({"summary": outcome["summary"], "ack": json.loads(outcome["ack"])})

    return handover_post
