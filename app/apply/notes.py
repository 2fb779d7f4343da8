"""What a card read tells the citizen, as plain data that can be said in any language: a `CardNote` is a message
of app/apply/messages.py with its parameters (an expiry warning, the refusal of an expired card). The session keeps
a refusal as `CardNote.to_json()` (`ApplySession.refusal_note`), and finalising a refused session raises
`CardRefused`, which says it in the language asked. Light on purpose (messages and errors only): the screens render
a session's refusal with it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.apply import messages
from app.errors import UserError
from app.i18n import Message

if TYPE_CHECKING:
    from app.model.apply import ApplySession

__all__ = ["CardNote", "CardRefused"]


@dataclass(frozen=True, slots=True)
class CardNote:
    """One thing a card read tells the citizen (an expiry warning), renderable in any language: `message` with
    `params`, a parameter that is itself a `Message` rendered in the same language."""

    message: Message
    params: Mapping[str, object]

    def render(self, language: str = "zh_CN") -> str:
        values = {k: v.render(language) if isinstance(v, Message) else v for k, v in self.params.items()}
        return self.message.render(language, **values)

    def to_json(self) -> dict[str, Any]:
        """`{"code", "params"}`, a parameter that is a message as `{"message": code}` (plain data for the session)."""
        params = {k: {"message": v.code} if isinstance(v, Message) else v for k, v in self.params.items()}
        return {"code": self.message.code, "params": params}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CardNote:
        """The note `to_json` gave (its messages are app/apply/messages.py's)."""

        def value(v: object) -> object:
            if isinstance(v, Mapping) and set(v) == {"message"}:
                return _MESSAGES[str(v["message"])]
            return v

        params = data.get("params") or {}
        return cls(_MESSAGES[str(data["code"])], {str(k): value(v) for k, v in params.items()})


_MESSAGES = {m.code: m for m in vars(messages).values() if isinstance(m, Message)}
"""The apply messages by code: what a note kept as plain data (`CardNote.to_json`) names."""


class CardRefused(UserError):
    """`apply.card_refused`: the laid card cannot be used for these items (`ApplySession.refusal`). It carries the
    refusal as a note (`note`: `apply.card_expired_refused` with its parameters) and says it in the language asked
    (`message(language)`), not only in the Chinese the session keeps for the record; `params["reason"]` is that
    Chinese text, as before."""

    def __init__(self, note: CardNote) -> None:
        self.note = note
        super().__init__(messages.CARD_REFUSED, reason=note.render("zh_CN"))

    def message(self, language: str = "zh_CN") -> str:
        return self.msg.render(language, reason=self.note.render(language))

    @staticmethod
    def of(session: ApplySession) -> UserError:
        """The session's refusal: from its note, or its Chinese text alone for a session refused without one."""
        if session.refusal_note is not None:
            return CardRefused(CardNote.from_json(session.refusal_note))
        return UserError(messages.CARD_REFUSED, reason=session.refusal or "")
