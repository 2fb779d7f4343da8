"""The villager's consent to the grid worker applying on their behalf (帮办代办), and the worker as the agent.

Contract:
- Two ways to consent, per the catalog's material rules (`app.apply.agent`): a signature drawn on the laptop's screen
  (a PNG that decodes and has ink on it; stored in the encrypted attachment store like a scanned page, attached to
  the record as `agent-consent-signature.png`), or a scanned signed 委托书 in the item's own 委托书 material slot
  (through the scanner, like every material). Where the item names a required 委托书 that is not 容缺, only the scan
  satisfies it: a signature is refused with `visits.mandate_required` naming the material.
- The agent (代办人) written with the consent is the logged-in worker: staff id, name, role (a laptop without a staff
  roster: its single local worker, `local`, 网格员).
- Nothing here finalises: `ApplyService.finalise` refuses a laptop application without a consent that still holds
  (`apply.agent_consent_missing`).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.apply.agent import agent_of, consent_holds, mandate_slot
from app.apply.shared import now_iso
from app.errors import UserError
from app.forms.engine.answers import png_decodes
from app.model.apply import ApplySession
from app.visits import messages as m
from app.visits.model import ConsentState

if TYPE_CHECKING:
    from app.apply.service import ApplyService

__all__ = ["Agent", "AgentConsent", "ConsentState"]

MAX_SIGNATURE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Agent:
    """The worker applying on someone's behalf (代办人)."""

    staff_id: str
    name: str
    role: str


class AgentConsent:
    def __init__(self, apply: Callable[[], ApplyService], *, clock: Callable[[], float] = time.time) -> None:
        self._apply = apply
        self.clock = clock

    def state(self, session: ApplySession) -> ConsentState:
        slot = mandate_slot(session)
        given = agent_of(session)
        return ConsentState(
            given=(given or {}).get("consent") if consent_holds(session) else None,
            mandate=slot.name if slot is not None else "",
            mandate_required=slot is not None and slot.required and not slot.deferred,
            mandate_pages=len(slot.pages) if slot is not None else 0,
        )

    def _record(self, session: ApplySession, agent: Agent, **consent: str) -> ConsentState:
        session.operator = {
            "agent_id": agent.staff_id,
            "agent_name": agent.name,
            "agent_role": agent.role,
            "consent_at": now_iso(self.clock()),
            **consent,
        }
        return self.state(session)

    def sign(self, session: ApplySession, png: bytes, agent: Agent) -> ConsentState:
        """The villager signed on the screen: the PNG is stored encrypted and recorded as the consent."""
        slot = mandate_slot(session)
        if slot is not None and slot.required and not slot.deferred:
            raise UserError(m.MANDATE_REQUIRED, material=slot.name)
        if not png or len(png) > MAX_SIGNATURE_BYTES or not png_decodes(png) or not _has_ink(png):
            raise UserError(m.NO_SIGNATURE)
        sha, size = self._apply().store.put_bytes(png)
        return self._record(session, agent, consent="signature", consent_sha256=sha, consent_size=str(size))

    def scan_mandate(self, session: ApplySession, agent: Agent) -> ConsentState:
        """Scan the villager's signed 委托书 into the item's 委托书 material slot and record it as the consent."""
        slot = mandate_slot(session)
        if slot is None:
            raise UserError(m.NO_MANDATE_MATERIAL)
        self._apply().scan_into(session, slot.slot_id)
        return self.mandate_given(session, agent)

    def mandate_given(self, session: ApplySession, agent: Agent) -> ConsentState:
        """The 委托书 is already in its slot (scanned or photographed on the materials page): record it."""
        slot = mandate_slot(session)
        if slot is None:
            raise UserError(m.NO_MANDATE_MATERIAL)
        if not slot.pages:
            raise UserError(m.MANDATE_NOT_SCANNED, material=slot.name)
        return self._record(session, agent, consent="mandate", consent_slot=slot.slot_id)


def _has_ink(png: bytes) -> bool:
    """Something was drawn: the darkest pixel is clearly darker than the pad's white."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        extrema = image.convert("L").getextrema()
    low = extrema[0]
    return isinstance(low, int | float) and low < 160
