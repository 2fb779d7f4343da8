"""帮办代办 (applying on a villager's behalf): the grid worker recorded as the agent (代办人) of a laptop application,
and the villager's consent the record must carry before it is finalised.

Contract:
- The agent and the consent live on `ApplySession.operator` (set by `app.visits.consent.AgentConsent`, never typed
  by the citizen): `agent_id`, `agent_name`, `agent_role` (the worker's staff id, name and role), `consent`
  (`signature`: a PNG drawn on the laptop's screen, held in the encrypted attachment store as `consent_sha256` /
  `consent_size`; `mandate`: a scanned signed 委托书 in the item's own 委托书 material slot `consent_slot`) and
  `consent_at`.
- On the `laptop` channel `check_agent` refuses to finalise without an agent and a consent that still holds (the
  signature stored, or the 委托书 slot with at least one page): `apply.agent_consent_missing`. Other channels are
  untouched.
- On the record: `agent` in the payload (staff id, name, role, consent kind, and for a signature the attachment's
  name), the signature PNG as the attachment `agent-consent-signature.png`; on the receipt: 代办人 with the
  worker's name, staff id and role (`agent_line`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP, Message
from app.model.apply import ApplySession, MaterialSlot

__all__ = [
    "AGENT_CHANNEL",
    "AGENT_CONSENT_MISSING",
    "MANDATE_MARK",
    "ROLE_NAMES",
    "SIGNATURE_ATTACHMENT",
    "agent_line",
    "agent_of",
    "agent_payload",
    "check_agent",
    "consent_holds",
    "describe_agent",
    "mandate_slot",
]

AGENT_CHANNEL = "laptop"
"""The channel on which every application is made on someone's behalf (the grid worker's laptop)."""
MANDATE_MARK = "委托书"
"""A material whose catalog name contains this is the item's 委托书 (代为申请委托书, 授权委托书及受托人身份证)."""
SIGNATURE_ATTACHMENT = "agent-consent-signature.png"
ROLE_NAMES = {"grid_worker": "网格员", "supervisor": "值班长", "clerk": "窗口工作人员", "technician": "运维"}
"""The agent's role as printed on the receipt (a laptop without a staff roster: 网格员)."""

AGENT_CONSENT_MISSING = Message(
    "apply.agent_consent_missing",
    QT_TRANSLATE_NOOP(
        "messages",
        "代办申请还没有村民本人的同意，不能提交：请村民在屏幕上签名，或扫描村民签字的委托书",
    ),
)


def mandate_slot(session: ApplySession) -> MaterialSlot | None:
    """The item's 委托书 material slot, when its catalog entry names one."""
    return next((s for s in session.slots if MANDATE_MARK in s.name), None)


def agent_of(session: ApplySession) -> dict[str, str] | None:
    """The agent recorded on the session (None: not an application on someone's behalf)."""
    op = session.operator
    return op if op is not None and op.get("agent_id") else None


def consent_holds(session: ApplySession) -> bool:
    """The villager's consent recorded on the session still holds: the signature stored, or the 委托书 scanned."""
    agent = agent_of(session)
    if agent is None:
        return False
    if agent.get("consent") == "signature":
        return bool(agent.get("consent_sha256")) and int(agent.get("consent_size") or 0) > 0
    if agent.get("consent") == "mandate":
        slot = session.slot(agent.get("consent_slot", "")) or mandate_slot(session)
        return slot is not None and bool(slot.pages)
    return False


def check_agent(session: ApplySession) -> None:
    """Refuse to finalise an application made on someone's behalf without their consent (see the contract)."""
    if session.channel == AGENT_CHANNEL and not consent_holds(session):
        raise UserError(AGENT_CONSENT_MISSING)


def agent_payload(session: ApplySession) -> dict[str, Any] | None:
    """The record's `agent` (代办人): who applied on the citizen's behalf and how the citizen consented."""
    agent = agent_of(session)
    if agent is None:
        return None
    out: dict[str, Any] = {
        "staff_id": agent["agent_id"],
        "name": agent.get("agent_name", ""),
        "role": agent.get("agent_role", ""),
        "consent": agent.get("consent"),
        "consent_at": agent.get("consent_at"),
    }
    if agent.get("consent") == "signature":
        out["consent_attachment"] = SIGNATURE_ATTACHMENT
        out["consent_sha256"] = agent.get("consent_sha256")
    elif agent.get("consent") == "mandate":
        slot = session.slot(agent.get("consent_slot", "")) or mandate_slot(session)
        out["consent_material"] = slot.material_id if slot is not None else None
    return out


def agent_line(session: ApplySession) -> str:
    """代办人 as printed: name（工号 id，role）; "" when nobody applied on the citizen's behalf."""
    agent = agent_of(session)
    return describe_agent(agent) if agent is not None else ""


def describe_agent(agent: Mapping[str, str]) -> str:
    """name（工号 id，role） of an agent (`agent_id`, `agent_name`, `agent_role`); the local worker of a laptop
    without a staff roster is 网格员（本机）."""
    role = ROLE_NAMES.get(agent.get("agent_role", ""), agent.get("agent_role", ""))
    if agent["agent_id"] == "local":
        return f"{role or '网格员'}（本机）"
    name = agent.get("agent_name") or role or "代办人"
    return f"{name}（工号 {agent['agent_id']}，{role}）" if role else f"{name}（工号 {agent['agent_id']}）"
