"""What devices tell people, as catalog keys with parameters: `Note`, and `DeviceError` for failures.

Contract: no words and no import of `app` here; the application installs its catalog with `install_wording`, and
until it does, `str()` of a note or error is its key and parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["DeviceError", "Note", "UnknownDriverError", "Wording", "install_wording"]

Wording = Callable[["Note", "str | None"], str]
"""`wording(note, language)`: the note in words; language None is the process's own (the CLI's)."""

_wording: list[Wording] = []


def install_wording(wording: Wording) -> None:
    """Word every note and device error with `wording` from now on (app/devices/messages.py installs the catalog)."""
    _wording[:] = [wording]


@dataclass(frozen=True, slots=True, eq=True)
class Note:
    """Something to tell a person: a catalog `key` (`devices.card.no_card`) and its template's `params`.

    Parameter values are plain (str, int, float) or Notes, worded first (a status name inside a message)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        if _wording:
            return _wording[0](self, language)
        args = ", ".join(f"{name}={value}" for name, value in self.params.items())
        return f"{self.key}({args})" if args else self.key

    def __str__(self) -> str:
        return self.text()


class DeviceError(Exception):
    """A device failure a person can act on.

    `code` is stable, for programs (`--json`, device states); `reason` picks the message (default: the code) and
    `params` fill it in; `note` is the catalog key `devices.<kind>.<reason>` with those params.
    """

    kind = "device"
    code = "error"

    def __init__(self, code: str | None = None, /, *, reason: str | None = None, **params: object) -> None:
        if code is not None:
            self.code = code
        self.reason = reason or self.code
        self.params: dict[str, object] = params
        super().__init__(self.code, params)

    @property
    def note(self) -> Note:
        return Note(f"devices.{self.kind}.{self.reason}", self.params)

    def message(self, language: str | None = None) -> str:
        return self.note.text(language)

    def __str__(self) -> str:
        return self.message()


class UnknownDriverError(DeviceError, ValueError):
    """The configuration names a driver the kind does not have."""

    code = "unknown_driver"

    def __init__(self, kind: str, driver: str, known: Sequence[str]) -> None:
        super().__init__(driver=driver, known=", ".join(known))
        self.kind = kind
