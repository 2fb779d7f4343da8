"""Size, depth and node limits for catalog documents from outside (snapshot files, platform replies, bundle YAML),
checked before and right after parsing so hostile input is a clear refusal, never a RecursionError or a blow-up.

Contract: `parse_json` and `check_shape` raise `DocumentTooLarge` (a ValueError) naming the limit that was hit; the
callers turn it into their own `UserError`. Limits are ~70× the demo catalog (0.9 MB, depth 8, 36k nodes).
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_DOCUMENT_BYTES", "MAX_NODES", "DocumentTooLarge", "check_shape", "parse_json"]

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""A snapshot file or reply; a provincial catalog of ~10,000 items is ~40 MB of JSON."""
MAX_DEPTH = 32
"""Nesting of arrays and objects (a snapshot envelope is 10 deep)."""
MAX_NODES = 5_000_000
"""Values in one document, counted through YAML aliases (an alias bomb expands past it at once)."""

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class DocumentTooLarge(ValueError):
    """A document over one of the limits; the message says which."""


def _max_depth(text: str) -> int:
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def parse_json(raw: bytes | str, *, max_bytes: int = MAX_DOCUMENT_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """JSON after its size and bracket depth are checked (`json.loads` recurses per level: ~1,000 levels would be a
    RecursionError). Raises `DocumentTooLarge`, or ValueError (`json.JSONDecodeError`, UnicodeDecodeError)."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DocumentTooLarge(f"document of {size} bytes is over the limit of {max_bytes} bytes")
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    depth = _max_depth(text)
    if depth > max_depth:
        raise DocumentTooLarge(f"document nested {depth} levels deep, over the limit of {max_depth}")
    try:
        return json.loads(text)
    except RecursionError as exc:  # not reached within the depth limit; kept as a guard
        raise DocumentTooLarge("document nested too deeply") from exc


def check_shape(value: Any, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> None:
    """Walk a parsed document without recursion; refuse one nested deeper than `max_depth` or with more than
    `max_nodes` values (shared subtrees, e.g. YAML aliases, count every time they appear)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            raise DocumentTooLarge(f"document has more than {max_nodes} values")
        if isinstance(node, dict | list):
            if depth > max_depth:
                raise DocumentTooLarge(f"document nested more than {max_depth} levels deep")
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
