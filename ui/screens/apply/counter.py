"""我要办理, 到窗口办理 page: shown first for an item the catalog does not offer on self-service terminals (an on-site
photo, fingerprints, a fee paid at the window). It says where and how to apply in person (department, window, hours,
phone, fee, the steps done at the window, what to bring) and offers only what the kiosk can take: a 预申请
(pre-application), labelled as such all the way to its receipt. Emits `pre_apply_requested` and `home_requested`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from ui.screens.apply.step import Flow, Step
from ui.screens.apply.widgets import card, primary
from ui.screens.base import make_label

if TYPE_CHECKING:
    from app.model.apply import CounterGuide

__all__ = ["CounterStep", "counter_lines"]


def counter_lines(counter: CounterGuide | None, t: Flow) -> list[str]:
    """`label：value` lines of where and when to apply in person (also shown on the done page)."""
    if counter is None:
        return [t.t("counter_unknown")]
    rows = [
        (t.t("counter_department"), counter.department),
        (t.t("counter_place"), counter.place),
        (t.t("counter_hours"), counter.hours),
        (t.t("counter_fee"), counter.fee or t.t("counter_free")),
        (t.t("counter_phone"), counter.phone),
    ]
    colon = ": " if t.language.startswith("en") else "："
    return [f"{label}{colon}{value}" for label, value in rows if value]


class CounterStep(Step):
    pre_apply_requested = Signal()
    home_requested = Signal()

    def __init__(self, flow: Flow, parent: QWidget | None = None) -> None:
        super().__init__(flow, parent)
        inner = self._scroll_page()
        self.title = make_label("Big")
        inner.addWidget(self.title)
        self.why = make_label("SectionBody")
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.why)
        frame, box = card(self)
        self.where = make_label("SectionBody")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.where)
        inner.addWidget(frame)
        self.on_site = make_label("SectionBody")
        self.on_site.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.on_site)
        self.bring = make_label("SectionBody")
        self.bring.setTextFormat(Qt.TextFormat.PlainText)
        inner.addWidget(self.bring)
        self.pre_hint = make_label("Notice")
        inner.addWidget(self.pre_hint)
        inner.addStretch(1)
        row = self._nav()
        self.home_button = primary(parent=self, name="")
        self.home_button.clicked.connect(self.home_requested.emit)
        self.pre_button = primary(parent=self, big=True)
        self.pre_button.setAccessibleName("pre_apply")
        self.pre_button.clicked.connect(self.pre_apply_requested.emit)
        row.addWidget(self.home_button)
        row.addStretch(1)
        row.addWidget(self.pre_button)

    def retranslate(self) -> None:
        self.title.setText(self._t("counter_title"))
        self.home_button.setText(self._t("home"))
        self.pre_button.setText(self._t("pre_apply"))
        self.pre_hint.setText(self._t("pre_hint"))
        self._render()

    def clear(self) -> None:
        for label in (self.why, self.where, self.on_site, self.bring):
            label.clear()

    def entered(self) -> None:
        self._render()

    def _render(self) -> None:
        session = self.flow.session
        if session is None:
            return
        blocked = [p for p in session.items if not p.self_service]
        names = "、".join(p.name for p in blocked) or session.title
        self.why.setText(self._t("counter_why", item=names))
        counter = next((p.counter for p in blocked if p.counter is not None), None)
        self.where.setText("\n".join(counter_lines(counter, self.flow)))
        steps = counter.on_site if counter is not None else ()
        on_site = "\n".join([self._t("counter_on_site") + self._colon(), *(f"· {s}" for s in steps)])
        self.on_site.setText(on_site if steps else "")
        self.on_site.setVisible(bool(steps))
        bring = counter.bring if counter is not None else ()
        text = "\n".join([self._t("counter_bring") + self._colon(), *(f"{n}. {b}" for n, b in enumerate(bring, 1))])
        self.bring.setText(text if bring else "")
        self.bring.setVisible(bool(bring))
