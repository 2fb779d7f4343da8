"""First-boot provisioning (终端开通): what the provisioning service hands the screen and the CLI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DivisionOption:
    """One division of the bundled table, as the picker shows it."""

    code: str
    """The table's short form: 2, 4, 6, 9 or 12 digits."""
    name: str
    level: str
    """province, prefecture, county, township or village."""
    full_name: str
    """From the province down (`云南省红河哈尼族彝族自治州建水县西庄镇团山村委会`)."""


@dataclass(frozen=True, slots=True)
class Enrolled:
    """A successful enrollment and what was saved in `config.toml` after it."""

    terminal_id: str
    division: str
    platform_url: str
    terminal_no: str | None
    saved: tuple[tuple[str, str, str], ...]
    """(table, key, value) written to the configuration."""


@dataclass(frozen=True, slots=True)
class EnrollmentQr:
    """What an enrollment QR code says: the one-time code, and the platform's address when the QR carries it."""

    code: str
    platform_url: str | None = None
