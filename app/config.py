"""The terminal's configuration: one TOML file (`<home>/config.toml`) with typed defaults, every setting declared
once here; drivers and services receive their settings from the composition root and never read globals.

Contract: unknown keys and wrong types are refused with `ConfigError` (a `config.*` message naming the file and key),
so a technician's typo never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import messages as m
from app.i18n import Message, cli_language

log = logging.getLogger(__name__)

REMOVED_KEYS = {("kiosk", "technician_pin"): "yunban provision --technician-pin PIN (argon2id hash in technician.json)"}
"""Keys older configurations may still carry: ignored with a warning naming what replaced them, so a home keeps
starting."""

DEFAULT_DIVISION = "532524103205"  # 云南省红河州建水县西庄镇团山村委会 (the demo terminal's village)
ROLES = ("kiosk", "counter", "laptop")
"""`terminal.role`: the shell's keyboard (virtual keyboard on a kiosk) and channel (draft retention, apply flow)."""


class ConfigError(ValueError):
    """The configuration file cannot be used; the message (a `config.*` catalog message) names the file and key.

    Like `app.errors.UserError` (which this bottom layer cannot import): `code`, `message(language)`, and `str()` in
    the CLI's language; `AppContext` re-raises it as a `UserError`."""

    def __init__(self, message: Message, /, **params: object) -> None:
        self.msg = message
        self.params = params
        super().__init__(message.render("zh_CN", **params))

    @property
    def code(self) -> str:
        return self.msg.code

    def message(self, language: str = "zh_CN") -> str:
        return self.msg.render(language, **self.params)

    def __str__(self) -> str:
        return self.message(cli_language())


@dataclass(slots=True)
class TerminalConfig:
    division_code: str = DEFAULT_DIVISION
    """12-digit statistical division code (GB/T 2260 + township/village digits) where the terminal stands."""
    role: str = "kiosk"
    """kiosk (self-service, touch only), counter (clerk), laptop (village grid worker)."""
    hall_name: str = ""
    """Shown on receipts; empty: derived from the division name."""
    language: str = "zh_CN"
    """zh_CN (default) or en."""


@dataclass(slots=True)
class CatalogConfig:
    scope: str = "chain"
    """chain: the terminal's own division chain; subtree: every division below `subtree_root` too."""
    subtree_root: str = ""


@dataclass(slots=True)
class KioskConfig:
    fullscreen: bool = True
    idle_timeout_s: int = 120
    """Seconds without a touch before the idle warning."""
    idle_warning_s: int = 15
    """Length of the countdown shown before the session is wiped."""
    elder_mode: bool = False
    """Large-type mode (适老化) on at start."""
    virtual_keyboard: bool = True
    """Qt Virtual Keyboard (Pinyin) for touch kiosks; counters and laptops use the system keyboard and IME."""
    sync_interval_s: int = 60
    """Seconds between background sync attempts in the kiosk (0: none; connectivity changes still trigger one)."""


@dataclass(slots=True)
class PlatformConfig:
    url: str = "http://127.0.0.1:8700"
    """The provincial platform's sync endpoint; `YUNBAN_PLATFORM_URL` overrides it."""


@dataclass(slots=True)
class KeyringConfig:
    backend: str = "auto"
    """auto, secretservice, file (encrypted file, for terminals without a Secret Service), or fail."""


@dataclass(slots=True)
class CardReaderConfig:
    driver: str = "simulated"
    """ga467, pcsc, simulated."""
    port: str = ""
    """Serial port of a GA 467 reader, or PC/SC reader name (empty: the first one)."""
    baud: int = 115200


@dataclass(slots=True)
class PrinterConfig:
    uri: str = ""
    """tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600, file:PATH; empty: no printer."""
    profile: str = "POS-5890"
    mode: str = "text"
    """text (printer's Chinese font) or raster (rendered image)."""


@dataclass(slots=True)
class ScannerConfig:
    driver: str = "file"
    """sane, camera, file."""
    device: str = ""
    source: str = "flatbed"
    """What the apply flow's 扫描 button scans with a SANE scanner: flatbed (one page) or adf (the whole stack in
    the document feeder, for counters)."""
    resolution: int = 200
    """dpi of the apply flow's scans (75–600); 200 keeps an A4 page within the 1 MB upload budget."""


@dataclass(slots=True)
class DevicesConfig:
    card: CardReaderConfig = field(default_factory=CardReaderConfig)
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    scanner: ScannerConfig = field(default_factory=ScannerConfig)


@dataclass(slots=True)
class ApplyConfig:
    draft_retention_days: int = 30
    """Days a kiosk draft the citizen chose to keep (草稿编号) stays retrievable; then it is purged, scans too."""
    counter_draft_retention_days: int = 90
    """Days counter and laptop drafts persist after their last change (0: kept until finalised or deleted)."""


@dataclass(slots=True)
class UpdateConfig:
    bundle_root: str = "/usr/share/yunban/update-root.json"
    """The TUF root metadata the terminal trusts first (installed with the package; see docs/updates.md)."""
    dpkg_root: str = ""
    """Tests only: install into this directory with `dpkg --root` instead of this machine's dpkg database."""


@dataclass(slots=True)
class LoggingConfig:
    level: str = "INFO"
    max_bytes: int = 1_000_000
    backups: int = 5


@dataclass(slots=True)
class Config:
    terminal: TerminalConfig = field(default_factory=TerminalConfig)
    catalog: CatalogConfig = field(default_factory=CatalogConfig)
    kiosk: KioskConfig = field(default_factory=KioskConfig)
    platform: PlatformConfig = field(default_factory=PlatformConfig)
    keyring: KeyringConfig = field(default_factory=KeyringConfig)
    devices: DevicesConfig = field(default_factory=DevicesConfig)
    apply: ApplyConfig = field(default_factory=ApplyConfig)
    update: UpdateConfig = field(default_factory=UpdateConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)


def _build(cls: type[Any], data: dict[str, Any], where: str, source: str) -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(m.UNKNOWN_SETTING, source=source, key=f"{where}{unknown[0]}", known=", ".join(sorted(known)))
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        hint = hints[f.name]
        key = f"{where}{f.name}"
        if dataclasses.is_dataclass(hint):
            if not isinstance(value, dict):
                raise ConfigError(m.NOT_A_TABLE, source=source, key=key)
            kwargs[f.name] = _build(typing.cast(type, hint), value, key + ".", source)
            continue
        expected = hint if not isinstance(hint, types.UnionType) else typing.get_args(hint)
        if (hint is int and isinstance(value, bool)) or not isinstance(value, expected):
            raise ConfigError(
                m.WRONG_TYPE, source=source, key=key, type=getattr(hint, "__name__", hint), value=repr(value)
            )
        kwargs[f.name] = value
    return cls(**kwargs)


def load_config(path: Path | None, env: typing.Mapping[str, str] | None = None) -> Config:
    """Read the config file (absent file: all defaults) and apply environment overrides."""
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    if path is not None and path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(m.NOT_TOML, source=path, error=exc) from exc
    for (table, key), instead in REMOVED_KEYS.items():
        section = data.get(table)
        if isinstance(section, dict) and key in section:
            del section[key]
            log.warning("%s: %s.%s is no longer used and was ignored; use %s", path, table, key, instead)
    config: Config = _build(Config, data, "", str(path))
    if config.apply.draft_retention_days < 1:
        raise ConfigError(m.DRAFT_RETENTION, source=path, value=config.apply.draft_retention_days)
    if config.apply.counter_draft_retention_days < 0:
        raise ConfigError(m.COUNTER_DRAFT_RETENTION, source=path, value=config.apply.counter_draft_retention_days)
    if config.terminal.role not in ROLES:
        raise ConfigError(m.TERMINAL_ROLE, source=path, allowed=" | ".join(ROLES), value=repr(config.terminal.role))
    if config.devices.scanner.source not in ("flatbed", "adf"):
        raise ConfigError(m.SCANNER_SOURCE, source=path, value=repr(config.devices.scanner.source))
    if not 75 <= config.devices.scanner.resolution <= 600:
        raise ConfigError(m.SCANNER_RESOLUTION, source=path, value=config.devices.scanner.resolution)
    for key in ("bundle_root", "dpkg_root"):
        value = getattr(config.update, key)
        if value and not os.path.isabs(value):
            raise ConfigError(m.UPDATE_PATH, source=path, key=f"update.{key}", value=repr(value))
    if env.get("YUNBAN_PLATFORM_URL"):
        config.platform.url = env["YUNBAN_PLATFORM_URL"]
    return config


def config_template() -> str:
    """A commented config file with every default, written on first use so technicians can see the keys."""
    lines = ["# Yunban terminal configuration. Every key is optional; the values shown are the defaults.", ""]

    def emit(obj: Any, prefix: str) -> None:
        scalars = [f for f in dataclasses.fields(obj) if not dataclasses.is_dataclass(getattr(obj, f.name))]
        nested = [f for f in dataclasses.fields(obj) if dataclasses.is_dataclass(getattr(obj, f.name))]
        if scalars:
            lines.append(f"[{prefix}]")
            for f in scalars:
                value = getattr(obj, f.name)
                if isinstance(value, bool):
                    text = "true" if value else "false"
                elif isinstance(value, int):
                    text = str(value)
                else:
                    text = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
                lines.append(f"# {f.name} = {text}")
            lines.append("")
        for f in nested:
            emit(getattr(obj, f.name), f"{prefix}.{f.name}" if prefix else f.name)

    for f in dataclasses.fields(Config):
        emit(getattr(Config(), f.name), f.name)
    return "\n".join(lines)
