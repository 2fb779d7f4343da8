"""The terminal's configuration: one TOML file (`<home>/config.toml`) with typed defaults, every setting declared
once here; drivers and services receive their settings from the composition root and never read globals.

Contract: unknown keys and wrong types are refused with `ConfigError` (a `config.*` message naming the file and key),
so a technician's typo never silently falls back to a default.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
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
    time_zone: str = "Asia/Shanghai"
    """IANA time zone of every time a person reads (screens, receipts, CLI output); records keep UTC."""


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
    unlock: str = "provisioned"
    """provisioned (the file backend's passphrase from the system: a kiosk) or worker (typed by the grid worker and
    never stored on the disk: a laptop; app/records/recovery.py)."""
    recovery_public_key: str = ""
    """With unlock = worker: the county's recovery public key (base64 X25519, `yunban keyring recovery-keygen`); the
    worker's passphrase is sealed to it in <home>/keystore.recovery. Empty: no recovery slot."""


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
class A4PrinterConfig:
    queue: str = ""
    """The CUPS queue of the counter's A4 printer for formal notices (`lpstat -p` lists them); empty: none."""
    server: str = ""
    """The CUPS server, host[:port] or a socket path; empty: the system's (`CUPS_SERVER`, client.conf)."""
    counter_default: str = "a4"
    """What a counter prints notices on unless the clerk chooses per document: a4 or thermal (kiosks: thermal)."""


@dataclass(slots=True)
class PrintersConfig:
    a4: A4PrinterConfig = field(default_factory=A4PrinterConfig)


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
class StaffConfig:
    window: str = ""
    """The hall's window (窗口) this terminal serves, e.g. "3" or "3号窗口": on every record a clerk creates or
    decides, with the clerk's id (app/staff/, docs/staff.md)."""
    session_timeout_min: int = 15
    """Minutes without a touch after which a staff session ends (the next action asks for the password again)."""
    offline_warn_hours: int = 24
    """Hours since the last staff roster sync after which screens warn that the terminal is offline."""
    offline_limit_hours: int = 72
    """Hours since the last staff roster sync after which decisions are refused until a sync or a supervisor's
    audited override (a laptop in the field sets days here, e.g. 168)."""
    laptop_clerks: bool = False
    """A laptop (`terminal.role = laptop`) lent to clerks: their accounts may log in to the grid worker's window too
    (by default only 网格员 `grid_worker` and 值班长 `supervisor`; app/visits/laptop.py)."""


@dataclass(slots=True)
class IdentityConfig:
    earliest_birth: str = ""
    """A local policy's earliest birth date accepted in identity numbers, `YYYY-MM-DD`; empty (the default): no bound,
    as GB 11643 sets none (its annex example is born in 1880). A bound needs `earliest_birth_reason`."""
    earliest_birth_reason: str = ""
    """Why the bound exists (the rule that sets it): shown with every refusal it causes, in both languages."""


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
    printer: PrintersConfig = field(default_factory=PrintersConfig)
    apply: ApplyConfig = field(default_factory=ApplyConfig)
    update: UpdateConfig = field(default_factory=UpdateConfig)
    staff: StaffConfig = field(default_factory=StaffConfig)
    identity: IdentityConfig = field(default_factory=IdentityConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)


@dataclass(frozen=True, slots=True)
class Rule:
    """What one setting may hold beyond its type: a closed set (`choices`), an integer range (`low`..`high`), a
    pattern (`pattern`, explained by `message`), a maximum length. Checked after the type, for every key."""

    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    pattern: str = ""
    message: Message | None = None
    """The refusal for a `pattern` (or a special rule): a `config.*` message with {source}, {key}, {value}."""
    max_len: int = 256
    fold_case: bool = False
    """`choices` compared case-insensitively (log levels)."""


DIVISION_RE = "[0-9]{12}"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
KEYRING_BACKENDS = ("auto", "secretservice", "file", "fail")
"""Must match `app.records.keystore.BACKENDS` (tests/unit/config checks): no other backend exists, and none stores
secrets or records unencrypted."""

RULES: dict[str, Rule] = {
    "terminal.division_code": Rule(pattern=DIVISION_RE, message=m.DIVISION_CODE),
    "terminal.role": Rule(choices=ROLES, message=m.TERMINAL_ROLE),
    "terminal.hall_name": Rule(max_len=100),
    "terminal.language": Rule(choices=("zh_CN", "en")),
    "catalog.scope": Rule(choices=("chain", "subtree")),
    "catalog.subtree_root": Rule(pattern=f"|{DIVISION_RE}", message=m.DIVISION_CODE),
    "kiosk.idle_timeout_s": Rule(low=10, high=86_400),
    "kiosk.idle_warning_s": Rule(low=1, high=600),
    "kiosk.sync_interval_s": Rule(low=0, high=86_400),
    "platform.url": Rule(message=m.PLATFORM_URL, max_len=2048),
    "keyring.backend": Rule(choices=KEYRING_BACKENDS),
    "keyring.unlock": Rule(choices=("provisioned", "worker")),
    "keyring.recovery_public_key": Rule(pattern=r"|[A-Za-z0-9+/]{43}=", message=m.RECOVERY_PUBLIC_KEY),
    "devices.card.driver": Rule(choices=("ga467", "pcsc", "simulated")),
    "devices.card.baud": Rule(low=1200, high=4_000_000),
    "devices.printer.uri": Rule(max_len=2048),
    "devices.printer.profile": Rule(pattern=r"[A-Za-z0-9_.:+ -]{1,64}", message=m.PRINTER_PROFILE),
    "devices.printer.mode": Rule(choices=("text", "raster")),
    "printer.a4.queue": Rule(pattern=r"|[A-Za-z0-9_.@-]{1,127}", message=m.CUPS_QUEUE),
    "printer.a4.server": Rule(pattern=r"|[A-Za-z0-9_.:/\[\]-]{1,255}", message=m.CUPS_SERVER),
    "printer.a4.counter_default": Rule(choices=("a4", "thermal")),
    "devices.scanner.driver": Rule(choices=("sane", "camera", "file")),
    "devices.scanner.device": Rule(max_len=4096),
    "devices.scanner.source": Rule(choices=("flatbed", "adf")),
    "devices.scanner.resolution": Rule(low=75, high=600),
    "apply.draft_retention_days": Rule(low=1, high=3650),
    "apply.counter_draft_retention_days": Rule(low=0, high=3650),
    "update.bundle_root": Rule(message=m.UPDATE_PATH, max_len=4096),
    "update.dpkg_root": Rule(message=m.UPDATE_PATH, max_len=4096),
    "staff.window": Rule(max_len=20),
    "staff.session_timeout_min": Rule(low=1, high=480),
    "staff.offline_warn_hours": Rule(low=1, high=2160),
    "staff.offline_limit_hours": Rule(low=1, high=2160),
    "identity.earliest_birth": Rule(pattern=r"|[0-9]{4}-[0-9]{2}-[0-9]{2}", message=m.EARLIEST_BIRTH, max_len=10),
    "identity.earliest_birth_reason": Rule(max_len=200),
    "logging.level": Rule(choices=LOG_LEVELS, fold_case=True),
    "logging.max_bytes": Rule(low=10_000, high=1_000_000_000),
    "logging.backups": Rule(low=0, high=100),
}
"""Every scalar setting's constraint beyond its type (a key without an entry is a free string of ≤256 characters)."""

_TYPE_NAMES = {str: "string", int: "integer", bool: "true/false"}


def platform_url_ok(url: str) -> bool:
    """An http(s) URL with a host name, a port (if any) in 1–65535, and no spaces, control characters or
    credentials: what `platform.url`, `$YUNBAN_PLATFORM_URL` and `yunban enroll/provision --platform` accept."""
    from urllib.parse import urlsplit

    if not url or len(url) > 2048 or any(c.isspace() or ord(c) < 0x20 or c == "\x7f" for c in url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return False
    return port is None or 1 <= port <= 65_535


_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hostile_char(c: str) -> bool:
    """C0/C1 controls and DEL (a NUL or an escape sequence in a hall name reaches receipts and logs) and the bidi
    controls that reorder what a receipt shows."""
    return ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in _BIDI_CONTROLS


def _zone_known(name: str) -> bool:
    """An IANA time zone the system's tz database has (Asia/Shanghai always passes: it is a fixed UTC+8)."""
    import zoneinfo

    if name == "Asia/Shanghai":
        return True
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _check(key: str, value: object, source: str) -> None:
    """Refuse a value of the right type that its `RULES` entry does not allow, naming the key and what is allowed."""
    rule = RULES.get(key, Rule())
    if isinstance(value, str):
        if len(value) > rule.max_len or any(_hostile_char(c) for c in value):
            raise ConfigError(m.BAD_TEXT, source=source, key=key, value=repr(value[:80]), limit=rule.max_len)
        if rule.choices:
            found = value.upper() if rule.fold_case else value
            if found not in rule.choices:
                raise ConfigError(
                    rule.message or m.NOT_ONE_OF,
                    source=source,
                    key=key,
                    allowed=" | ".join(rule.choices),
                    value=repr(value),
                )
        if rule.pattern and not re.fullmatch(rule.pattern, value):
            raise ConfigError(rule.message or m.NOT_ONE_OF, source=source, key=key, value=repr(value), allowed="")
        if key == "platform.url" and not platform_url_ok(value):
            raise ConfigError(m.PLATFORM_URL, source=source, key=key, value=repr(value))
        if key.startswith("update.") and value and not os.path.isabs(value):
            raise ConfigError(m.UPDATE_PATH, source=source, key=key, value=repr(value))
        if key == "terminal.time_zone" and not _zone_known(value):
            zone = "IANA 时区名（如 Asia/Shanghai）"
            raise ConfigError(m.NOT_ONE_OF, source=source, key=key, allowed=zone, value=repr(value))
    elif isinstance(value, int) and not isinstance(value, bool) and (rule.low is not None or rule.high is not None):
        low = -(2**63) if rule.low is None else rule.low
        high = 2**63 if rule.high is None else rule.high
        if not low <= value <= high:
            raise ConfigError(m.OUT_OF_RANGE, source=source, key=key, low=low, high=high, value=value)


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
            if hint is str and isinstance(value, int) and not isinstance(value, bool):
                raise ConfigError(m.UNQUOTED, source=source, key=key, value=repr(value))
            shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
            raise ConfigError(
                m.WRONG_TYPE, source=source, key=key, type=_TYPE_NAMES.get(hint, str(hint)), value=shown[:80]
            )
        _check(key, value, source)
        kwargs[f.name] = value
    return cls(**kwargs)


def load_config(path: Path | None, env: typing.Mapping[str, str] | None = None) -> Config:
    """Read the config file (absent file: all defaults) and apply environment overrides; every key is checked for its
    type and against `RULES`, and `$YUNBAN_PLATFORM_URL` like `platform.url`."""
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    if path is not None and path.exists():
        try:
            raw = path.read_bytes()
            if len(raw) > MAX_CONFIG_BYTES:
                raise ConfigError(m.TOO_LARGE, source=path, size=len(raw), limit=MAX_CONFIG_BYTES)
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
            raise ConfigError(m.NOT_TOML, source=path, error=_short(exc)) from exc
    for (table, key), instead in REMOVED_KEYS.items():
        section = data.get(table)
        if isinstance(section, dict) and key in section:
            del section[key]
            log.warning("%s: %s.%s is no longer used and was ignored; use %s", path, table, key, instead)
    config: Config = _build(Config, data, "", str(path))
    if config.kiosk.idle_warning_s >= config.kiosk.idle_timeout_s:
        raise ConfigError(
            m.IDLE_WARNING, source=path, warning=config.kiosk.idle_warning_s, timeout=config.kiosk.idle_timeout_s
        )
    if config.catalog.scope == "subtree" and not config.catalog.subtree_root:
        raise ConfigError(m.SUBTREE_ROOT, source=path)
    _check_identity(config.identity, str(path))
    override = env.get("YUNBAN_PLATFORM_URL")
    if override:
        if not platform_url_ok(override):
            raise ConfigError(
                m.PLATFORM_URL, source="$YUNBAN_PLATFORM_URL", key="YUNBAN_PLATFORM_URL", value=repr(override)
            )
        config.platform.url = override
    return config


def _check_identity(identity: IdentityConfig, source: str) -> None:
    """`identity.earliest_birth`: a real date, not after today, and never without `identity.earliest_birth_reason`
    (a bound is a stated policy, not a silent rule)."""
    import datetime as dt

    value = identity.earliest_birth
    if not value:
        return
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or day > dt.date.today():
        raise ConfigError(m.EARLIEST_BIRTH, source=source, key="identity.earliest_birth", value=repr(value))
    if not identity.earliest_birth_reason.strip():
        raise ConfigError(m.EARLIEST_BIRTH_REASON, source=source, key="identity.earliest_birth_reason")


MAX_CONFIG_BYTES = 256 * 1024
"""A config file is a few hundred bytes; anything this large is not one (and is not parsed)."""


def _short(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)[:200]


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
