"""Validation of everything a client sends the platform, before any of it is used (issue 11 #4).

Contract: every function here either returns a value of the documented shape or raises `HttpError` with a 4xx status
and a reason; no input makes them raise anything else (no ValueError from int parsing, no RecursionError from deep
nesting). The limits are the ones docs/platform-api.yaml states (maxLength, maximum, ...); change both together.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from sync import protocol
from sync.platform.errors import HttpError

SHA256_RE = re.compile(r"^[0-9a-f]{64}\Z")
RECORD_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\Z")
RECEIPT_NO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}\Z")
ENROLL_CODE_RE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\Z")
DIVISION_RE = re.compile(r"^(?:[0-9]{6}|[0-9]{9}|[0-9]{12})\Z")
TERMINAL_ID_RE = re.compile(r"^[A-Za-z0-9]{1,64}\Z")
DECIMAL_RE = re.compile(r"^[0-9]{1,19}\Z")

MAX_SAFE_INTEGER = 2**53 - 1
"""Largest integer every JSON implementation reads exactly: the bound of sequences and of integers in payloads."""
MAX_DEPTH = 32
"""Deepest nesting of objects and arrays in a record payload (forms nest a few levels)."""
MAX_STRING = 1024 * 1024
"""Longest string in a payload, in characters (a signature image as base64 fits)."""
MAX_KEY = 256
MAX_NUMBER_CHARS = 64
"""Longest number token accepted in any JSON body (a 5,000-digit number is refused before int() sees it)."""
MAX_ATTACHMENTS = 64
MAX_SIGNATURE = 256
MAX_CREATED_AT = 64
MAX_ENROLL_CODE = 64
MAX_PUBLIC_KEY = 256
MAX_CURSOR = 2**62

_RECORD_FIELDS = {
    "record_id",
    "kind",
    "content_hash",
    "created_at",
    "sequence",
    "receipt_no",
    "payload",
    "attachments",
    "signature",
    "envelope_signature",
}


def _parse_int(token: str) -> int:
    if len(token) > MAX_NUMBER_CHARS:
        raise HttpError(400, f"number with more than {MAX_NUMBER_CHARS} characters")
    return int(token)


def _parse_float(token: str) -> float:
    if len(token) > MAX_NUMBER_CHARS:
        raise HttpError(400, f"number with more than {MAX_NUMBER_CHARS} characters")
    value = float(token)
    if not math.isfinite(value):
        raise HttpError(400, "number out of range")
    return value


def _parse_constant(token: str) -> Any:
    raise HttpError(400, f"{token} is not JSON")


def parse_json(body: bytes) -> Any:
    """A request body as JSON: UTF-8, standard JSON only (no NaN/Infinity), number tokens of at most 64 characters,
    nesting no deeper than the parser's limit; anything else is a 400 naming the problem."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"body is not valid UTF-8: {exc.reason} at byte {exc.start}") from exc
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except RecursionError as exc:
        raise HttpError(400, f"JSON nested deeper than {MAX_DEPTH} levels") from exc
    except json.JSONDecodeError as exc:
        raise HttpError(400, f"body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except ValueError as exc:  # int() limits and the like: never a 500
        raise HttpError(400, f"body is not acceptable JSON: {exc}") from exc


def check_tree(value: Any, where: str = "payload") -> None:
    """Walk a parsed JSON value without recursion: depth at most MAX_DEPTH, strings and keys bounded, integers
    within ±(2^53-1); 400 naming the first offence."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > MAX_DEPTH:
                raise HttpError(400, f"{where} nested deeper than {MAX_DEPTH} levels")
            if isinstance(node, dict):
                for key, child in node.items():
                    if len(key) > MAX_KEY:
                        raise HttpError(400, f"{where} has a key longer than {MAX_KEY} characters")
                    stack.append((child, depth + 1))
            else:
                stack.extend((child, depth + 1) for child in node)
        elif isinstance(node, str):
            if len(node) > MAX_STRING:
                raise HttpError(400, f"{where} has a string longer than {MAX_STRING} characters")
        elif isinstance(node, int) and not isinstance(node, bool) and not -MAX_SAFE_INTEGER <= node <= MAX_SAFE_INTEGER:
            raise HttpError(400, f"{where} has an integer outside ±(2^53-1)")


def _string(body: dict[str, Any], name: str, pattern: re.Pattern[str] | None, max_len: int, what: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not 1 <= len(value) <= max_len or (pattern and not pattern.match(value)):
        raise HttpError(400, f"{name} must be {what}")
    return value


def _base64(body: dict[str, Any], name: str, max_len: int) -> bytes:
    value = _string(body, name, None, max_len, f"a base64 string of at most {max_len} characters")
    try:
        return protocol.b64decode(value)
    except protocol.ProtocolError as exc:
        raise HttpError(400, f"{name}: {exc}") from exc


def validate_record(body: Any) -> dict[str, Any]:
    """Check a record's every field (type, length, range, pattern) and its content hash, not its signature; raise
    HttpError(400) naming the first problem. The record returned is the body as sent."""
    if not isinstance(body, dict):
        raise HttpError(400, "a record must be a JSON object")
    required = ("record_id", "kind", "content_hash", "sequence", "payload", "attachments", "envelope_signature")
    missing = [k for k in required if k not in body]
    if missing:
        raise HttpError(400, f"missing field: {', '.join(missing)}")
    unknown = sorted(set(body) - _RECORD_FIELDS)
    if unknown:
        raise HttpError(400, f"unknown field: {', '.join(k[:64] for k in unknown[:5])}")
    _string(body, "record_id", RECORD_ID_RE, 128, "1 to 128 characters of A-Z a-z 0-9 . _ : -")
    if body["kind"] not in protocol.RECORD_KINDS:
        raise HttpError(400, f"kind must be one of {', '.join(protocol.RECORD_KINDS)}")
    _string(body, "content_hash", SHA256_RE, 64, "64 lowercase hex digits")
    sequence = body["sequence"]
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 1 <= sequence <= MAX_SAFE_INTEGER:
        raise HttpError(400, "sequence must be an integer from 1 to 2^53-1")
    if body.get("receipt_no") is not None:
        _string(body, "receipt_no", RECEIPT_NO_RE, 64, "null or 1 to 64 characters of A-Z a-z 0-9 -")
    if body.get("created_at") is not None:
        _string(body, "created_at", None, MAX_CREATED_AT, f"null or a string of at most {MAX_CREATED_AT} characters")
    if not isinstance(body["payload"], dict):
        raise HttpError(400, "payload must be a JSON object")
    check_tree(body["payload"])
    attachments = body["attachments"]
    if (
        not isinstance(attachments, list)
        or len(attachments) > MAX_ATTACHMENTS
        or not all(isinstance(a, str) and SHA256_RE.match(a) for a in attachments)
    ):
        raise HttpError(400, f"attachments must be a list of at most {MAX_ATTACHMENTS} sha256 hex digests")
    if body.get("signature") is not None:
        _base64(body, "signature", MAX_SIGNATURE)
    _base64(body, "envelope_signature", MAX_SIGNATURE)
    if protocol.content_hash(body["payload"]) != body["content_hash"]:
        raise HttpError(400, "content_hash does not match the canonical JSON of payload")
    return body


def validate_enrollment(body: Any) -> dict[str, Any]:
    """Check an enrollment request; returns {"code" (normalised: stripped, upper case), "public_key", "algorithm",
    "division" (or None)}. A code that is no string is a 400; a string that cannot be a code is an unknown code
    (403), as the terminal shows it."""
    if not isinstance(body, dict):
        raise HttpError(400, "enrollment body must be a JSON object")
    unknown = sorted(set(body) - {"code", "public_key", "algorithm", "division"})
    if unknown:
        raise HttpError(400, f"unknown field: {', '.join(k[:64] for k in unknown[:5])}")
    code = body.get("code")
    if not isinstance(code, str) or not code.strip():
        raise HttpError(400, "code is required (a string)")
    algorithm = body.get("algorithm")
    if not isinstance(algorithm, str) or algorithm != protocol.ALGORITHM_ED25519:
        raise HttpError(400, f"unsupported signature algorithm: algorithm must be {protocol.ALGORITHM_ED25519}")
    raw = _base64(body, "public_key", MAX_PUBLIC_KEY)
    try:
        protocol.make_verifier(algorithm, raw)
    except protocol.ProtocolError as exc:
        raise HttpError(400, f"public_key: {exc}") from exc
    division = body.get("division")
    if division is not None and (not isinstance(division, str) or not DIVISION_RE.match(division)):
        raise HttpError(400, "division must be null or a 6, 9 or 12-digit division code")
    normalised = code.strip().upper()
    if len(code) > MAX_ENROLL_CODE or not ENROLL_CODE_RE.match(normalised):
        raise HttpError(403, "unknown enrollment code (codes look like XXXX-XXXX-XXXX)")
    return {"code": normalised, "public_key": body["public_key"], "algorithm": algorithm, "division": division}


def decimal(raw: str | None, name: str, low: int, high: int, default: int | None = None) -> int:
    """A query parameter or header holding a decimal integer in [low, high] (ASCII digits only, at most 19)."""
    if raw is None:
        if default is None:
            raise HttpError(400, f"{name} is required")
        return default
    raw = raw.strip()
    if not DECIMAL_RE.match(raw):
        raise HttpError(400, f"{name} must be a decimal integer")
    value = int(raw)
    if not low <= value <= high:
        raise HttpError(400, f"{name} must be between {low} and {high}")
    return value


def only_params(names: Any, allowed: tuple[str, ...]) -> None:
    """Refuse a query naming a parameter the route does not take (a typo must not be silently ignored)."""
    unknown = sorted(set(names) - set(allowed))
    if unknown:
        raise HttpError(400, f"unknown query parameter: {', '.join(repr(n[:64]) for n in unknown[:5])}")


def sha256_param(raw: Any) -> str:
    sha = str(raw)
    if not SHA256_RE.match(sha):
        raise HttpError(400, "attachment id must be a lowercase sha256 hex digest")
    return sha


def division_param(raw: str | None, default: str) -> str:
    if raw is None:
        return default
    if not DIVISION_RE.match(raw):
        raise HttpError(400, "division must be a 6, 9 or 12-digit division code")
    return raw
