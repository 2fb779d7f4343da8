"""`ProvisioningService`: setting a terminal up on first boot, step by step, for the provisioning screen
(`ui/screens/provisioning/`) and `yunban provision` alike: the division (picked from the real tree by a cascade or a
search), enrollment with the platform (one-time code typed or read from a QR under the document camera), device
checks (through the technician service), and the technician's own PIN.

Contract: every method may block (disk, network, devices): the screen calls them on a `TaskRunner` worker. Failures
raise `UserError`. Nothing is half-applied: `enroll` checks the division and that `config.toml` can be written
before it asks the platform, and writes `[platform] url` and `[terminal] division_code` only after the platform
accepted the code; a refused or unreachable enrollment leaves the configuration, the keystore's credentials and
`enrollment.json` as they were (`app.sync.enrollment` keeps only a pending key, which makes a retry safe). The
running process's configuration (and its sync service, if built) follows what was saved.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from app.errors import UserError
from app.model.provisioning import DivisionOption, Enrolled, EnrollmentQr
from app.provisioning import divisions
from app.provisioning import messages as m
from app.provisioning.config_file import check_writable, save_config_keys

if TYPE_CHECKING:
    from app.context import AppContext
    from app.model.devices import PrintResult, ScanResult
    from app.model.identity import CardData
    from app.model.technician import DeviceState
    from app.model.terminal import TerminalIdentity
    from app.technician.service import TechnicianService

log = logging.getLogger(__name__)

__all__ = ["ProvisioningService", "decode_enrollment_qr", "parse_enrollment_text"]

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]{3,63}")


def parse_enrollment_text(text: str) -> EnrollmentQr:
    """An enrollment QR's text: the bare code (`K7QX-3MPD-W9TA`), or a link carrying `code=` (and `platform=`)."""
    text = text.strip()
    if _CODE.fullmatch(text):
        return EnrollmentQr(code=text.upper())
    query = parse_qs(urlsplit(text).query)
    code = (query.get("code") or [""])[0].strip()
    if _CODE.fullmatch(code):
        platform = (query.get("platform") or [""])[0].strip() or None
        return EnrollmentQr(code=code.upper(), platform_url=platform)
    raise UserError(m.QR_NOT_A_CODE, text=text[:40])


def decode_enrollment_qr(image: Any) -> EnrollmentQr:
    """The enrollment code in a picture (a Pillow image of a scanned page): `UserError(NO_QR)` when there is no
    QR code, `UserError(QR_NOT_A_CODE)` when none of them holds an enrollment code."""
    from devices.scanner.qr import decode_qr

    texts = decode_qr(image)
    if not texts:
        raise UserError(m.NO_QR)
    for text in texts:
        try:
            return parse_enrollment_text(text)
        except UserError:
            continue
    return parse_enrollment_text(texts[0])  # raises, naming what was found


class ProvisioningService:
    """The provisioning steps on one terminal's `AppContext`.

    `technician` is the kiosk's `TechnicianService` (the one watching the card reader, so a test read pauses the
    watch); the composition root sets it once the kiosk's services are attached. Without one, the device checks
    make their own on first use (the CLI, tests)."""

    def __init__(self, ctx: AppContext, technician: TechnicianService | None = None) -> None:
        self.ctx = ctx
        self.technician = technician
        self._own_technician: TechnicianService | None = None
        self.started_division = ctx.config.terminal.division_code
        """The division this process started with: the catalog and the apply service were opened for it."""

    # -- division -------------------------------------------------------------------------------------------------

    def division_children(self, parent: str | None = None) -> list[DivisionOption]:
        """The divisions under `parent` (None: the province), for the cascade."""
        return divisions.children(parent)

    def search_divisions(self, query: str, *, limit: int = 50) -> list[DivisionOption]:
        """By name, pinyin, initials or code prefix; the first call builds the pinyin index (about a second)."""
        return divisions.search(query, limit=limit)

    def check_division(self, code: str) -> DivisionOption:
        """A terminal's division: a known 12-digit code of a county, township or village, else `UserError`."""
        return divisions.terminal_division(code)

    @property
    def division(self) -> str:
        """The configured division (what the terminal runs with now)."""
        return self.ctx.config.terminal.division_code

    @property
    def platform_url(self) -> str:
        """The configured platform URL (the screen's default)."""
        return self.ctx.config.platform.url

    # -- enrollment -----------------------------------------------------------------------------------------------

    def identity(self) -> TerminalIdentity | None:
        """The terminal's enrollment, or None before it."""
        from app.sync.identity_file import read_identity

        return read_identity(self.ctx.home)

    def enroll(self, platform_url: str, code: str, division: str | None = None, *, force: bool = False) -> Enrolled:
        """Enroll with the platform, then save `platform.url` and `terminal.division_code` in `config.toml`."""
        identity = self.enroll_terminal(platform_url, code, division, force=force)
        values = {("platform", "url"): identity.platform_url}
        if division is not None:
            values[("terminal", "division_code")] = division.strip()
        self.save_config(values)
        return Enrolled(
            terminal_id=identity.terminal_id,
            division=identity.division,
            platform_url=identity.platform_url,
            terminal_no=identity.terminal_no,
            saved=tuple((t, k, v) for (t, k), v in values.items()),
        )

    def enroll_terminal(
        self, platform_url: str | None, code: str, division: str | None = None, *, force: bool = False
    ) -> TerminalIdentity:
        """Enrollment alone (the configuration is saved by `save_config`). Checks first: the division, the URL, and
        that the configuration can be written afterwards."""
        if division is not None:
            division = division.strip()
            divisions.check_division(division)
        url = (platform_url or "").strip()
        if platform_url is not None and not url:
            raise UserError(m.NO_PLATFORM_URL)  # a malformed one: app.sync.enrollment says why
        planned = {("platform", "url"): url or self.ctx.config.platform.url}
        if division is not None:
            planned[("terminal", "division_code")] = division
        check_writable(self.ctx.paths.config, planned)
        config = self.ctx.config.terminal
        before = config.division_code
        enrollment = self.ctx.enrollment
        if division is not None:
            config.division_code = enrollment.division = division  # the platform is asked for this division
        try:
            identity = enrollment.enroll(code, url or None, force=force)
        except BaseException:
            config.division_code = enrollment.division = before
            raise
        log.info("enrolled as %s with %s (division %s)", identity.terminal_id, identity.platform_url, division)
        return identity

    def _audit(self, event: str, *, subject: str | None = None, **detail: object) -> None:
        """Provisioning is the technician's: audited under that actor (app/audit)."""
        from app.audit.service import audit_event

        audit_event(lambda: self.ctx.audit, event, actor="technician", subject=subject, **detail)

    def save_config(self, values: dict[tuple[str, str], str]) -> None:
        """Write `values` into `config.toml` (the symlink's target on an installed terminal) and into this process's
        configuration: the division and the platform URL a running kiosk syncs with."""
        save_config_keys(self.ctx.paths.config, values)
        self._audit("config.change", keys=",".join(f"{table}.{key}" for table, key in values))
        config = self.ctx.config
        if ("terminal", "division_code") in values:
            config.terminal.division_code = values[("terminal", "division_code")]
        if ("platform", "url") in values:
            config.platform.url = values[("platform", "url")]
            sync = self.ctx.__dict__.get("sync")  # built already (the kiosk's sync loop): follow the new platform
            if sync is not None:
                sync.platform_url = config.platform.url

    def needs_restart(self) -> bool:
        """The division changed since this process started: the catalog and the apply service were opened for the
        old one, so the kiosk must start again to serve the new one."""
        return self.division != self.started_division

    # -- the technician's PIN ---------------------------------------------------------------------------------------

    def pin_is_set(self) -> bool:
        from app.technician.credential import TechnicianCredential

        return TechnicianCredential(self.ctx.home).is_set()

    def check_pin(self, pin: str) -> bool:
        """Re-provisioning a terminal that has a PIN already: the screen asks for it first (lock-out persisted)."""
        return self._technician().check_pin(pin)

    def set_technician_pin(self, pin: str, repeat: str | None = None) -> None:
        """Set the technician's PIN (argon2id hash in `<home>/technician.json`); `repeat`, when given, must match."""
        from app.technician import messages as tm
        from app.technician.credential import TechnicianCredential, valid_pin

        if not valid_pin(pin):
            raise UserError(tm.PIN_FORMAT)
        if repeat is not None and repeat != pin:
            raise UserError(m.PIN_MISMATCH)
        if self.technician is not None:
            self.technician.credential.set_pin(pin)
        else:
            TechnicianCredential(self.ctx.home).set_pin(pin)
        self._audit("key.technician_pin")

    # -- devices ----------------------------------------------------------------------------------------------------

    def _technician(self) -> TechnicianService:
        if self.technician is not None:
            return self.technician
        if self._own_technician is None:
            from app.technician.service import TechnicianService

            self._own_technician = TechnicianService(self.ctx)
        return self._own_technician

    def device_states(self) -> list[DeviceState]:
        return self._technician().device_states()

    def print_test(self) -> PrintResult:
        return self._technician().print_test()

    def read_card(self, *, timeout: float = 10.0) -> CardData:
        return self._technician().read_card(timeout=timeout)

    def scan_page(self) -> ScanResult:
        return self._technician().scan_page()

    def scan_qr(self) -> EnrollmentQr:
        """Scan one page from the document camera or scanner and read the enrollment QR on it."""
        pages = self.ctx.scanner.acquire()
        errors: list[UserError] = []
        for page in pages:
            try:
                return decode_enrollment_qr(page)
            except UserError as exc:
                errors.append(exc)
        raise errors[0] if errors else UserError(m.NO_QR)

    def close(self) -> None:
        if self._own_technician is not None:
            self._own_technician.close()
            self._own_technician = None
