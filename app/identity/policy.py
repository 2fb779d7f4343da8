"""The terminal's identity-number policy: an optional earliest birth date, configured with the reason it is shown
with (`[identity] earliest_birth`, `earliest_birth_reason` in config.toml). GB 11643-1999 sets no lower bound (its
annex example 440524188001010014 is born in 1880), so there is none by default.

Contract: the composition root (`AppContext`) calls `configure(config.identity)` once, like the terminal's clock
zone; `validate_id_number` then applies the bound wherever a number is checked (forms through `validate_answers`,
the kiosk's, counter's and laptop's apply flow, `yunban submit`); `yunban check`, which builds no `AppContext`,
calls `configure_from_home`. A refusal names the bound and the reason, in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from app.config import ConfigError, IdentityConfig, load_config
from app.errors import UserError

__all__ = ["BirthBound", "birth_bound", "bound_of", "configure", "configure_from_home", "set_birth_bound"]


@dataclass(frozen=True, slots=True)
class BirthBound:
    """A policy's earliest accepted birth date and the reason shown with a refusal (GB 11643 sets none)."""

    earliest: dt.date
    reason: str


_bound: BirthBound | None = None


def bound_of(identity: IdentityConfig) -> BirthBound | None:
    """The bound an `[identity]` section configures (None without `earliest_birth`). The section is already checked
    by the config loader (a real date, not in the future, with a reason)."""
    if not identity.earliest_birth:
        return None
    return BirthBound(dt.date.fromisoformat(identity.earliest_birth), identity.earliest_birth_reason.strip())


def set_birth_bound(bound: BirthBound | None) -> None:
    """Make `bound` the terminal's policy (None: no bound)."""
    global _bound
    _bound = bound


def birth_bound() -> BirthBound | None:
    """The configured bound, None when there is none."""
    return _bound


def configure(identity: IdentityConfig) -> BirthBound | None:
    """Apply an `[identity]` section; returns the bound now in force."""
    set_birth_bound(bound_of(identity))
    return _bound


def configure_from_home(home: str | os.PathLike[str] | None) -> BirthBound | None:
    """Apply the `[identity]` section of the terminal's config.toml (`--home`, else `$YUNBAN_HOME`, else the user
    data directory) without creating the home or the file: a missing file means no bound. A malformed section is a
    `UserError` naming the key, like every config error."""
    from app.paths import HomePaths, home_dir

    path = HomePaths(home_dir(home)).config
    if not path.is_file():
        return configure(IdentityConfig())
    try:
        config = load_config(path)
    except ConfigError as exc:
        raise UserError(exc.msg, **exc.params) from exc
    except OSError as exc:
        from app import messages

        raise UserError(messages.CONFIG_UNREADABLE, path=path, error=exc.strerror or exc) from exc
    return configure(config.identity)
