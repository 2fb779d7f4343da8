"""One message catalog for every text a person reads: Chinese (zh_CN) source strings in the code, English in
`yunban_en.ts` (compiled to `yunban_en.qm` for Qt). Services raise `UserError(Message, **params)`; the UI and the
CLI render the message in the current language. Regenerate the .ts and .qm with `scripts/i18n.sh`.

Contract: the bottom layer of `app` (imports nothing of the project); no Qt import (the CLI reads the .ts itself).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "QT_TRANSLATE_NOOP",
    "Message",
    "cli_language",
    "qm_path",
    "translate",
    "ts_path",
]

LANGUAGES = ("zh_CN", "en")
MESSAGES_CONTEXT = "messages"
_DIR = Path(__file__).resolve().parent


def ts_path(language: str) -> Path:
    return _DIR / f"yunban_{language}.ts"


def qm_path(language: str) -> Path:
    return _DIR / f"yunban_{language}.qm"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for lupdate under `context`; returns it unchanged (translation happens when rendered)."""
    return text


@functools.cache
def _translations(language: str) -> dict[tuple[str, str], str]:
    import xml.etree.ElementTree as ET  # on first English rendering only: the kiosk starts without it

    path = ts_path(language)
    if not path.exists():
        return {}
    table: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is not None and translation is not None and translation.text:
                table[(name, source)] = translation.text
    return table


def translate(context: str, source: str, language: str) -> str:
    """`source` (Chinese) in `language`; the source itself for zh_CN or where the .ts has no translation."""
    if language.startswith("zh"):
        return source
    return _translations("en").get((context, source), source)


def cli_language(env: dict[str, str] | None = None) -> str:
    """The CLI's language: `$YUNBAN_LANG` (zh_CN or en), else `$LC_ALL` / `$LC_MESSAGES` / `$LANG` starting with
    "en", else Chinese."""
    env = dict(os.environ) if env is None else env
    chosen = env.get("YUNBAN_LANG") or env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return "en" if chosen.lower().startswith("en") else "zh_CN"


@dataclass(frozen=True, slots=True)
class Message:
    """One catalog entry: a stable `code` (for programs, `--json`) and its Chinese `text`, a `str.format` template
    whose English is in the .ts. Declare as `Message("domain.name", QT_TRANSLATE_NOOP("messages", "…{param}…"))`."""

    code: str
    text: str

    def render(self, language: str = "zh_CN", /, **params: object) -> str:
        template = translate(MESSAGES_CONTEXT, self.text, language)
        if not params:
            return template
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):  # a translation that names a parameter the source lacks
            return self.text.format(**params)
