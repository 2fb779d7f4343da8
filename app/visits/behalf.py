"""帮办代办 on the laptop: what the screens call to apply on a villager's behalf (`OnBehalf`, a part of
`app.visits.laptop.LaptopServices`): the offline limit's restriction and the supervisor's override, the worker as
the agent, the villager's consent (`app.visits.consent`), and the receipt for the villager (`app.visits.slip`).
Every method may block (records.db, the keystore, the scanner, the printer): the screens call them off the GUI
thread. The contract is `app.visits.laptop`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.apply.agent import describe_agent
from app.apply.shared import group_receipt_no
from app.errors import UserError
from app.model.apply import ApplySession, PrintOutcome
from app.staff import messages as staff_messages
from app.visits import messages as m
from app.visits.consent import Agent, AgentConsent
from app.visits.model import ConsentState, ReceiptView
from app.visits.service import LOCAL_WORKER, VisitsService
from app.visits.slip import qr_png, qr_text, slip_document, slip_lines

if TYPE_CHECKING:
    from app.apply.service import ApplyService
    from app.staff.service import StaffService

__all__ = ["OnBehalf", "days", "days_out"]


def days(hours: float) -> int:
    """Hours told in whole days (a limit: at least 1)."""
    return max(1, round(hours / 24))


def days_out(hours: float) -> int:
    """Whole days since the last sync (0 when never synced)."""
    return int(hours // 24) if hours != float("inf") else 0


class OnBehalf:
    """The applying-on-behalf part of the laptop's services (mixed into `LaptopServices`)."""

    visits: VisitsService
    consent: AgentConsent
    _apply: Callable[[], ApplyService]
    _staff: Callable[[], StaffService] | None

    def needs_login(self) -> bool:
        raise NotImplementedError

    def offline_restricted(self) -> bool:
        """Past the offline limit without a supervisor's override: no new application on behalf."""
        return self.needs_login() and self._staff is not None and self._staff().offline_state().restricted

    def check_apply(self) -> None:
        """Refuse starting or finishing an application on behalf past the offline limit (`visits.offline_restricted`,
        in days); the visit list, drafts and delivery are never refused for it."""
        if self.offline_restricted():
            assert self._staff is not None
            state = self._staff().offline_state()
            raise UserError(m.OFFLINE_RESTRICTED, days=days_out(state.hours), limit=days(state.limit_hours))

    def override_offline(self, supervisor_id: str, secret: str, hours: int) -> None:
        """A supervisor lifts the restriction for `hours` with their own password (audited by the staff service)."""
        if self._staff is None:
            raise UserError(staff_messages.NO_ROSTER)
        self._staff().override_offline(supervisor_id, secret, hours)

    # -- applying on behalf (帮办代办) --------------------------------------------------------------------------

    def agent(self) -> Agent:
        """The worker applying on the villager's behalf (the laptop's local worker without a staff roster)."""
        session = self._staff().current() if self._staff is not None else None
        if session is not None:
            return Agent(session.staff_id, session.name, session.role)
        if self.needs_login():
            raise UserError(staff_messages.NOT_LOGGED_IN)
        return Agent(LOCAL_WORKER, "", "grid_worker")

    def agent_label(self) -> str:
        """代办人 as the receipt prints it (name（工号 id，role）), for the consent panel."""
        agent = self.agent()
        return describe_agent({"agent_id": agent.staff_id, "agent_name": agent.name, "agent_role": agent.role})

    def consent_state(self, session: ApplySession) -> ConsentState:
        return self.consent.state(session)

    def sign_consent(self, session: ApplySession, png: bytes) -> ConsentState:
        """The villager signed on the screen (refused past the offline limit, or where only a 委托书 will do)."""
        self.check_apply()
        state = self.consent.sign(session, png, self.agent())
        self.visits.audit_event("consent", session.session_id, kind="signature")
        return state

    def scan_mandate(self, session: ApplySession) -> ConsentState:
        """Scan the villager's signed 委托书 into the item's 委托书 slot as the consent."""
        self.check_apply()
        state = self.consent.scan_mandate(session, self.agent())
        self.visits.audit_event("consent", session.session_id, kind="mandate")
        return state

    def mandate_given(self, session: ApplySession) -> ConsentState:
        """The 委托书 already scanned on the materials page is the consent."""
        self.check_apply()
        state = self.consent.mandate_given(session, self.agent())
        self.visits.audit_event("consent", session.session_id, kind="mandate")
        return state

    def receipt_view(self, receipt_no: str, language: str = "zh_CN") -> ReceiptView:
        """The receipt for the villager: its QR (the receipt's own QR text) and the plain-words slip."""
        apply = self._apply()
        row = apply.tables.get_receipt(receipt_no)
        if row is None:
            from app.apply import messages as apply_messages

            raise UserError(apply_messages.NO_SUCH_RECEIPT, number=receipt_no)
        facts = apply.receipts.receipt_facts(row.receipt_no)
        text = qr_text(row.receipt_no, row.verification)
        return ReceiptView(row.receipt_no, group_receipt_no(row.receipt_no), row.verification, text, qr_png(text),
                           m.SLIP_TITLE.render(language),
                           tuple(slip_lines(row.receipt_no, row.verification, facts, language)))  # fmt: skip

    def print_slip(self, receipt_no: str) -> PrintOutcome:
        """Print the plain-words slip (in Chinese, as the hall's documents) on the receipt printer."""
        apply = self._apply()
        view = self.receipt_view(receipt_no, "zh_CN")
        return apply.receipts.print_document(slip_document(view, hall=apply.terminal.hall_name), view.title)

    def reprint_receipt(self, receipt_no: str) -> PrintOutcome:
        """Print the 受理回执 again (a job still queued for it is retried)."""
        return self._apply().reprint(receipt_no)
