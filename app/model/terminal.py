"""This terminal's identity towards the platform (终端身份): what enrollment leaves behind, secrets excluded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TerminalIdentity:
    """Non-secret enrollment facts (kept in `<home>/enrollment.json`; the token and private key are in the keystore)."""

    terminal_id: str
    division: str
    platform_url: str
    platform_public_key: str
    """Base64 of the platform's signing key, pinned at enrollment: catalog pages must verify against it."""
    algorithm: str
    public_key: str
    """Base64 of this terminal's public key (the private half never leaves the keystore)."""
    enrolled_at: str
    platform_algorithm: str = "ed25519"
    terminal_no: str | None = None
    """The number the platform gave this terminal in its division (`01`-`99`); also in records.db's
    `sync_meta.terminal_no`, where receipt numbers read it. None when enrolled with a platform that gives none."""
