"""The step sequence of `yunban provision` (division, enroll, config, technician_pin), each reported OK or FAIL.

Contract: `precheck` needs no terminal home and changes nothing: every argument is checked before anything is done
(an unknown division or a malformed PIN stops here). `run` then enrolls, writes the configuration (only after
enrollment succeeded) and sets the PIN, stopping at the first failing step with `StepFailed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.errors import UserError
from app.provisioning import divisions
from app.provisioning import messages as m
from app.provisioning.service import ProvisioningService

__all__ = ["Plan", "Report", "StepFailed", "precheck", "run"]

Report = Callable[[str, bool, str], None]
"""(step, ok, detail): called once per step as it ends."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What `yunban provision` was asked to do."""

    division: str | None = None
    platform_url: str | None = None
    code: str | None = None
    technician_pin: str | None = None
    force: bool = False

    @property
    def empty(self) -> bool:
        return not (self.division or self.code or self.platform_url or self.technician_pin is not None)


class StepFailed(Exception):
    """`step` failed with `error` (already reported FAIL)."""

    def __init__(self, step: str, error: UserError) -> None:
        super().__init__(str(error))
        self.step = step
        self.error = error


def _fail(report: Report, step: str, error: UserError) -> StepFailed:
    report(step, False, str(error))
    return StepFailed(step, error)


def precheck(plan: Plan, report: Report) -> None:
    """Check every argument before anything changes; the division step reports OK here."""
    from app.technician import messages as tm
    from app.technician.credential import valid_pin

    if plan.division is not None:
        division = plan.division.strip()
        try:
            option = divisions.check_division(division)
        except UserError:
            raise _fail(report, "division", UserError(m.UNKNOWN_DIVISION, code=plan.division)) from None
        report("division", True, f"{division} {option.full_name}".strip())
    if plan.technician_pin is not None and not valid_pin(plan.technician_pin):
        raise _fail(report, "technician_pin", UserError(tm.PIN_FORMAT))
    if plan.platform_url and not plan.code:
        raise _fail(report, "enroll", UserError(m.PLATFORM_NEEDS_CODE))


def run(service: ProvisioningService, plan: Plan, report: Report) -> dict[str, Any]:
    """Enroll, save the configuration, set the PIN (the steps asked for, in this order); returns what enrollment
    gave (terminal_id, division, platform_url), empty without enrollment."""
    out: dict[str, Any] = {}
    division = plan.division.strip() if plan.division is not None else None
    saved: dict[tuple[str, str], str] = {}
    if plan.code:
        try:
            identity = service.enroll_terminal(plan.platform_url, plan.code, division, force=plan.force)
        except UserError as exc:
            raise _fail(report, "enroll", exc) from exc
        report("enroll", True, f"{identity.terminal_id} @ {identity.platform_url}")
        out.update(terminal_id=identity.terminal_id, division=identity.division, platform_url=identity.platform_url)
        saved[("platform", "url")] = identity.platform_url
    if division is not None:
        saved[("terminal", "division_code")] = division
    if saved:
        try:
            service.save_config(saved)
        except UserError as exc:
            raise _fail(report, "config", exc) from exc
        report("config", True, ", ".join(f"{t}.{k} = {v}" for (t, k), v in saved.items()))
    if plan.technician_pin is not None:
        try:
            service.set_technician_pin(plan.technician_pin)
        except UserError as exc:
            raise _fail(report, "technician_pin", exc) from exc
        report("technician_pin", True, "argon2id → technician.json")
    return out
