"""Keyring errors made short for the command line: what is wrong in a few words, in Chinese and English, and the
one thing to do (README "CLI"; docs/cli.md). The keystore's own long message stays in `--json` as `detail`.

Contract: the error keeps the keystore's code (`records.keystore_*`); `--json` adds `fix` (the command or step)
and `detail` (the keystore's full message in the CLI's language).
"""

from __future__ import annotations

import shlex
from pathlib import Path

from app.cli import messages as m
from app.cli.output import CliError
from app.errors import UserError
from app.i18n import Message, cli_language

DEMO_PASSPHRASE_FILE = "demo-keyring-passphrase"  # app/demo/home.py: the demo's own passphrase, beside its keystore
PASSPHRASE_ENV = "YUNBAN_KEYRING_PASSPHRASE"

_NO_SESSION = {"records.keystore_no_dbus", "records.keystore_dbus_failed"}
_LOCKED = {
    "records.keystore_no_default",
    "records.keystore_locked",
    "records.keystore_timeout_open",
    "records.keystore_timeout_read",
    "records.keystore_timeout_write",
    "records.keystore_timeout_delete",
}


def _bilingual(message: Message, **params: object) -> str:
    """Both languages, the CLI's first: `密钥库不可用（…） / keyring unavailable (…)`."""
    first = cli_language()
    other = "en" if first == "zh_CN" else "zh_CN"
    return f"{message.render(first, **params)} / {message.render(other, **params)}"


def explain(exc: UserError, home: Path) -> UserError:
    """The short form of a keystore error, or `exc` itself when it already says the one thing to do."""
    code = exc.code
    inner = exc.params.get("error")
    inner_code = inner.code if isinstance(inner, UserError) else None
    demo = home / DEMO_PASSPHRASE_FILE
    set_passphrase = (
        f'export {PASSPHRASE_ENV}="$(cat {shlex.quote(str(demo))})"'
        if demo.is_file()
        else f"export {PASSPHRASE_ENV}='<passphrase>'"
    )
    if code in ("records.keystore_none", "records.keystore_no_passphrase"):
        cause = m.KEYRING_CAUSE_NO_PASSPHRASE if inner_code in _NO_SESSION or inner is None else m.KEYRING_CAUSE_LOCKED
        if inner_code == "records.keystore_no_service":
            cause = m.KEYRING_CAUSE_NO_SERVICE
        fix, fix_text = set_passphrase, m.KEYRING_FIX_RUN
    elif code == "records.keystore_wrong_passphrase":
        cause = m.KEYRING_CAUSE_WRONG
        if demo.is_file():
            fix, fix_text = set_passphrase, m.KEYRING_FIX_RUN
        else:
            fix, fix_text = str(exc.params.get("path", home / "keystore.enc")), m.KEYRING_FIX_SAME
    elif code in _NO_SESSION or code == "records.keystore_no_service":
        cause = m.KEYRING_CAUSE_NO_DBUS if code in _NO_SESSION else m.KEYRING_CAUSE_NO_SERVICE
        fix, fix_text = "", m.KEYRING_FIX_SESSION
    elif code in _LOCKED:
        cause = m.KEYRING_CAUSE_LOCKED
        fix, fix_text = "gnome-keyring-daemon --unlock", m.KEYRING_FIX_UNLOCK
    else:
        return exc
    lang = cli_language()
    other = "en" if lang == "zh_CN" else "zh_CN"
    lines = [m.KEYRING_UNAVAILABLE.render(other, cause=cause.render(other)), _bilingual(fix_text, path=fix)]
    if fix and fix_text is m.KEYRING_FIX_RUN:
        lines.append("  " + fix)
    return CliError(
        m.KEYRING_UNAVAILABLE,
        code=code,
        cause=cause.render(lang),
        details={
            "fix": fix if fix and fix_text is m.KEYRING_FIX_RUN else fix_text.render(lang, path=fix),
            "detail": str(exc),
        },
        lines=lines,
    )
