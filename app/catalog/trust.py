"""Whose catalog a terminal trusts (目录信任): the platform key pinned at enrollment, the signed key rotation that
alone may change it, and the rules for unsigned bundle folders.

Contract (docs/catalog-format.md, "Trust"):
- An enrolled terminal verifies every snapshot and change page against its pinned key; `--platform-key` may not name
  another key (`catalog.pinned_key_override`). Only a rotation document signed by the pinned key (and by the new key,
  proving it is held) changes the pin: `{"page": {kind: "platform_key_rotation", algorithm, old_public_key,
  new_public_key, issued_at}, "signature": sig_old, "new_key_signature": sig_new}`, both over the canonical JSON of
  the page (`sync.protocol.canonical_json`), exactly as the platform signs catalog pages.
- An unsigned bundle folder is imported only on a terminal that is not enrolled, and never one older than the mirror
  (on any terminal): `catalog.unsigned_on_enrolled`, `catalog.older_bundle`.
Everything that refuses raises a `UserError`; nothing is written before every check passed.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path
from typing import Any

from app.catalog import messages as m
from app.catalog.limits import DocumentTooLarge, parse_json
from app.errors import UserError
from app.model.terminal import TerminalIdentity
from sync import protocol

__all__ = [
    "ROTATION_KIND",
    "apply_rotation",
    "check_folder_import",
    "check_platform_key",
    "is_rotation",
    "make_rotation",
    "read_document",
]

log = logging.getLogger(__name__)

ROTATION_KIND = "platform_key_rotation"


def read_document(path: Path) -> Any:
    """A JSON document carried in (snapshot or rotation file): a regular file within the size and depth limits of
    `app.catalog.limits`, read without trusting its size (a FIFO or /dev/zero is refused, not read forever)."""
    from app.catalog.limits import MAX_DOCUMENT_BYTES

    try:
        if not path.is_file():
            raise UserError(m.DOCUMENT_REFUSED, source=path, reason="not a regular file")
        with path.open("rb") as f:
            raw = f.read(MAX_DOCUMENT_BYTES + 1)
        return parse_json(raw)
    except DocumentTooLarge as exc:
        raise UserError(m.DOCUMENT_REFUSED, source=path, reason=exc) from exc
    except (OSError, ValueError) as exc:
        raise UserError(m.DOCUMENT_REFUSED, source=path, reason=f"not a signed JSON document ({exc})") from exc


def is_rotation(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and isinstance(document.get("page"), dict)
        and (document["page"].get("kind") == ROTATION_KIND)
    )


def make_rotation(old: protocol.Signer, new: protocol.Signer, issued_at: str) -> dict[str, Any]:
    """The rotation document from the platform's old key to its new one (the platform, or a test, makes it)."""
    page = {
        "kind": ROTATION_KIND,
        "algorithm": new.algorithm,
        "old_public_key": protocol.b64encode(old.public_key_bytes()),
        "new_public_key": protocol.b64encode(new.public_key_bytes()),
        "issued_at": issued_at,
    }
    envelope = protocol.sign_envelope(old, page)
    envelope["new_key_signature"] = protocol.b64encode(new.sign(protocol.canonical_json(page)))
    return envelope


def _pinned(ctx: Any) -> TerminalIdentity | None:
    identity: TerminalIdentity | None = ctx.enrollment.identity()
    return identity


def check_platform_key(ctx: Any, platform_key: str) -> None:
    """`--platform-key` is for a terminal not enrolled yet; on an enrolled one it must be the pinned key itself."""
    identity = _pinned(ctx)
    if identity is not None and platform_key.strip() != identity.platform_public_key:
        raise UserError(m.PINNED_KEY_OVERRIDE, pinned=identity.platform_public_key)


def _rotation_target(identity: TerminalIdentity, document: Any) -> tuple[str, str]:
    """(algorithm, new key base64) of a rotation document that verifies against the pinned key."""

    def refuse(reason: str) -> UserError:
        return UserError(m.ROTATION_REFUSED, reason=reason)

    try:
        pinned = protocol.make_verifier(identity.platform_algorithm, protocol.b64decode(identity.platform_public_key))
        page = protocol.verify_envelope(pinned, document)
    except protocol.SignatureError as exc:
        raise refuse(f"not signed by the pinned platform key ({exc})") from exc
    except protocol.ProtocolError as exc:
        raise refuse(str(exc)) from exc
    if page.get("kind") != ROTATION_KIND:
        raise refuse(f"not a key rotation (page kind {str(page.get('kind'))[:40]!r})")
    fields = ("algorithm", "old_public_key", "new_public_key", "issued_at")
    if any(not isinstance(page.get(k), str) for k in fields) or set(page) != {"kind", *fields}:
        raise refuse(f"the page must hold exactly kind, {', '.join(fields)} (strings)")
    if page["old_public_key"] != identity.platform_public_key:
        raise refuse("it rotates from another key than the pinned one")
    if page["new_public_key"] == identity.platform_public_key:
        raise refuse("the new key is the pinned key")
    try:
        new = protocol.make_verifier(page["algorithm"], protocol.b64decode(page["new_public_key"]))
        proof = protocol.b64decode(document.get("new_key_signature"))
    except protocol.ProtocolError as exc:
        raise refuse(f"the new key or its signature is malformed ({exc})") from exc
    if not new.verify(protocol.canonical_json(page), proof):
        raise refuse("new_key_signature does not verify: the new key is not proven to be held")
    return page["algorithm"], page["new_public_key"]


def apply_rotation(ctx: Any, document: Any) -> TerminalIdentity:
    """Check a rotation document against the pinned key and, if it holds, pin the new key in enrollment.json
    (atomically, 0600). Returns the new identity; replaying it later fails (it no longer starts at the pinned key)."""
    identity = _pinned(ctx)
    if identity is None:
        raise UserError(m.ROTATION_NOT_ENROLLED)
    algorithm, key = _rotation_target(identity, document)
    rotated = dataclasses.replace(identity, platform_algorithm=algorithm, platform_public_key=key)
    path = Path(ctx.enrollment.identity_path)
    tmp = path.with_name(path.name + ".rotate.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(dataclasses.asdict(rotated), ensure_ascii=False, indent=2))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    log.warning("platform key rotated: %s -> %s", identity.platform_public_key, key)
    return rotated


def check_folder_import(ctx: Any, bundle_dir: Path | None, version: int | None, current: int | None) -> None:
    """An unsigned bundle folder (`bundle_dir`, None: the packaged demo) of `version` over a mirror at `current`:
    refused on an enrolled terminal, and refused when older than the mirror on any terminal."""
    source = str(bundle_dir) if bundle_dir is not None else "demo"
    if _pinned(ctx) is not None:
        raise UserError(m.UNSIGNED_ON_ENROLLED, source=source)
    if version is not None and current is not None and version < current:
        raise UserError(m.OLDER_BUNDLE, source=source, version=version, current=current)
