"""The enrollment call (POST /v1/enroll): register a locally made public key with a one-time code.

Contract: safe to retry (same code + same key → same terminal).
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from sync import protocol

__all__ = ["EnrollReply", "EnrollmentError", "EnrollmentRefused", "PlatformUnreachable", "request_enrollment"]


class EnrollmentError(Exception):
    """Enrollment did not complete; the message is fit for a technician."""


class PlatformUnreachable(EnrollmentError):
    """No answer at all (refused, DNS, timeout): nothing happened on the platform, or the reply was lost."""


class EnrollmentRefused(EnrollmentError):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class EnrollReply:
    terminal_id: str
    token: str
    platform_public_key: bytes
    algorithm: str
    division: str
    terminal_no: str | None = None
    """The terminal's number within its division (`01`-`99`, in every receipt number); None from a platform that
    assigns none."""


def request_enrollment(
    url: str,
    code: str,
    signer: protocol.Signer,
    division: str | None = None,
    *,
    timeout: float = 20.0,
    transport: httpx.BaseTransport | None = None,
) -> EnrollReply:
    body = {
        "code": code,
        "public_key": protocol.b64encode(signer.public_key_bytes()),
        "algorithm": signer.algorithm,
        "division": division,
    }
    endpoint = url.rstrip("/") + protocol.API_PREFIX + "/enroll"
    try:
        with httpx.Client(timeout=timeout, transport=transport) as client:
            reply = client.post(endpoint, json=body)
            raw = reply.read()
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise PlatformUnreachable(f"platform unreachable at {url}: {exc}") from exc
    except httpx.TransportError as exc:  # reset, read timeout, truncated body
        raise PlatformUnreachable(f"the platform's reply was lost or cut short ({exc}); safe to retry") from exc
    try:
        data = reply.json() if raw else {}
    except ValueError as exc:
        raise PlatformUnreachable("the platform's reply was cut short or garbled; safe to retry") from exc
    if reply.status_code != 200:
        reason = data.get("error") if isinstance(data, dict) else None
        messages = {
            403: "enrollment code not recognised by the platform",
            409: "enrollment code already used by another terminal; ask for a new code",
        }
        message = messages.get(reply.status_code) or f"platform refused enrollment ({reply.status_code})"
        raise EnrollmentRefused(f"{message}: {reason}" if reason else message, reply.status_code)
    try:
        key = protocol.b64decode(data["platform_public_key"])
        algorithm = str(data.get("algorithm", protocol.ALGORITHM_ED25519))
        protocol.make_verifier(algorithm, key)
        terminal_no = data.get("terminal_no")
        if terminal_no is not None and not (
            isinstance(terminal_no, str) and len(terminal_no) == 2 and terminal_no.isdigit() and terminal_no != "00"
        ):
            raise EnrollmentError(f"the platform's enrollment reply is malformed: terminal_no {terminal_no!r}")
        return EnrollReply(
            terminal_id=str(data["terminal_id"]),
            token=str(data["token"]),
            platform_public_key=key,
            algorithm=algorithm,
            division=str(data["division"]),
            terminal_no=terminal_no,
        )
    except (KeyError, TypeError, protocol.ProtocolError) as exc:
        raise EnrollmentError(f"the platform's enrollment reply is malformed: {exc}") from exc
