"""Terminal enrollment (终端注册): make a key pair here, register the public half with a one-time code.

Contract: the private key goes straight into the keystore and never leaves the terminal; enrolling is safe to retry
with the same code; `<home>/enrollment.json` holds only non-secret facts. Failures raise `UserError` (sync.*).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import messages as config_messages
from app.config import platform_url_ok
from app.errors import UserError
from app.model.terminal import TerminalIdentity
from app.records.keystore import Keystore
from app.sync import messages as m
from app.sync.identity_file import IDENTITY_FILE, read_identity
from sync import protocol
from sync.enrollment import EnrollmentError, EnrollmentRefused, PlatformUnreachable, request_enrollment

log = logging.getLogger(__name__)

SECRET_KEY = "signing_key"
SECRET_PENDING_KEY = "pending_signing_key"
SECRET_TOKEN = "token"
SECRET_TERMINAL_ID = "terminal_id"


class NotEnrolled(UserError):
    """The terminal has no enrollment yet (`yunban enroll --platform URL --code CODE`)."""


@dataclass(frozen=True, slots=True)
class TerminalCredentials:
    """What the sync client needs (satisfies `sync.client.Credentials`). Never logged or printed."""

    terminal_id: str
    token: str
    signer: protocol.Signer

    def __repr__(self) -> str:
        return f"TerminalCredentials(terminal_id={self.terminal_id!r}, token=***, signer={self.signer.algorithm})"


def _encode_key(signer: protocol.Signer) -> str:
    return f"{signer.algorithm}:{protocol.b64encode(signer.private_key_bytes())}"


def _decode_key(text: str) -> protocol.Signer:
    algorithm, _, b64 = text.partition(":")
    return protocol.load_signer(algorithm, protocol.b64decode(b64))


class Enrollment:
    """Enrollment state of one terminal home. The keystore is opened only when a secret is needed.

    - The signing key pair is made locally (Ed25519 behind `sync.protocol.Signer`, so SM2 can be added); the private
      key goes straight into the keystore (`app.records.keystore`) and never touches disk in plaintext.
    - Safe to retry: the key is stored as *pending* before the request, so if the reply is lost, running the same
      command again sends the same key with the same code, and the platform answers with the same terminal.
    - Afterwards the keystore holds the terminal id, token and private key; `<home>/enrollment.json` holds only
      non-secret facts (terminal id, platform URL, the platform's pinned public key, division, terminal number).
    - The terminal number the platform gives (unique in the division, new on every enrollment) goes into records.db
      (`store_terminal_no`) before anything else is written, so every receipt number after enrollment embeds it.
    """

    def __init__(
        self,
        home: Path,
        keystore: Callable[[], Keystore],
        division: str,
        platform_url: str,
        *,
        store_terminal_no: Callable[[str], None] | None = None,
    ) -> None:
        self.home = home
        self._store_terminal_no = store_terminal_no
        """Where receipt numbers read the terminal number from (records.db `sync_meta.terminal_no`)."""
        self._keystore_factory = keystore
        self._keystore: Keystore | None = None
        self.division = division
        self.platform_url = platform_url

    @property
    def keystore(self) -> Keystore:
        if self._keystore is None:
            self._keystore = self._keystore_factory()
        return self._keystore

    @property
    def identity_path(self) -> Path:
        return self.home / IDENTITY_FILE

    def identity(self) -> TerminalIdentity | None:
        return read_identity(self.home)

    def enroll(
        self, code: str, platform_url: str | None = None, *, force: bool = False, transport: Any = None
    ) -> TerminalIdentity:
        url = (self.platform_url if platform_url is None else platform_url).strip().rstrip("/")
        if not platform_url_ok(url):  # an explicit empty --platform too: never silently the configured one
            raise UserError(config_messages.BAD_PLATFORM_URL, url=repr(url))
        code = code.strip().upper()
        if not code:
            raise UserError(m.EMPTY_CODE)
        current = self.identity()
        if current is not None and not force:
            raise UserError(m.ALREADY_ENROLLED, terminal=current.terminal_id, platform=current.platform_url)
        keystore = self.keystore  # fail on an unusable keystore before anything goes over the network
        pending = keystore.get(SECRET_PENDING_KEY)
        if pending is None:
            signer = protocol.generate_signer()
            keystore.set(SECRET_PENDING_KEY, _encode_key(signer))
        else:
            signer = _decode_key(pending)
        try:
            reply = request_enrollment(url, code, signer, self.division, transport=transport)
        except PlatformUnreachable as exc:
            raise UserError(m.PLATFORM_UNREACHABLE, error=exc) from exc
        except EnrollmentRefused as exc:
            raise UserError(m.ENROLLMENT_REFUSED, error=exc) from exc
        except EnrollmentError as exc:
            raise UserError(m.ENROLLMENT_FAILED, error=exc) from exc
        if reply.division != self.division:
            log.warning("enrolled for division %s but configured for %s", reply.division, self.division)
        if reply.terminal_no is not None and self._store_terminal_no is not None:
            # Before the identity file: if anything below fails, the same command retries with the same code and
            # key and gets the same number back.
            self._store_terminal_no(reply.terminal_no)
        keystore.set(SECRET_KEY, _encode_key(signer))
        keystore.set(SECRET_TOKEN, reply.token)
        keystore.set(SECRET_TERMINAL_ID, reply.terminal_id)
        identity = TerminalIdentity(
            terminal_id=reply.terminal_id,
            division=reply.division,
            platform_url=url,
            platform_public_key=protocol.b64encode(reply.platform_public_key),
            algorithm=signer.algorithm,
            public_key=protocol.b64encode(signer.public_key_bytes()),
            enrolled_at=datetime.now(UTC).isoformat(timespec="seconds"),
            platform_algorithm=reply.algorithm,
            terminal_no=reply.terminal_no,
        )
        tmp = self.identity_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(identity), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.identity_path)
        keystore.delete(SECRET_PENDING_KEY)
        log.info("enrolled as terminal %s with %s", reply.terminal_id, url)
        return identity

    def credentials(self) -> TerminalCredentials | None:
        """The enrolled terminal's id, token and signer; None before enrollment."""
        identity = self.identity()
        if identity is None:
            return None
        keystore = self.keystore
        token, key = keystore.get(SECRET_TOKEN), keystore.get(SECRET_KEY)
        if token is None or key is None:
            raise UserError(m.NO_CREDENTIALS, terminal=identity.terminal_id, backend=keystore.backend_name)
        return TerminalCredentials(identity.terminal_id, token, _decode_key(key))

    def platform_verifier(self) -> protocol.Verifier:
        """The platform's key pinned at enrollment (catalog snapshots and pages must verify against it)."""
        identity = self.identity()
        if identity is None:
            raise NotEnrolled(m.NOT_ENROLLED)
        return protocol.make_verifier(identity.platform_algorithm, protocol.b64decode(identity.platform_public_key))
