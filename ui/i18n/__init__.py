"""Translations of the kiosk. Source strings are Chinese (zh_CN, the default); `yunban_en.ts` holds English.

Regenerate after changing UI strings (the .qm is committed; tests check it is up to date with the .ts):

    .venv/bin/pyside6-lupdate $(find ui -name '*.py' -not -path 'ui/forms/*' | sort) -ts ui/i18n/yunban_en.ts \
        -no-obsolete -source-language zh_CN -target-language en
    .venv/bin/pyside6-lrelease ui/i18n/yunban_en.ts -qm ui/i18n/yunban_en.qm
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

__all__ = ["LANGUAGES", "LanguageSwitcher", "qm_path", "ts_path"]

LANGUAGES = ("zh_CN", "en")
_DIR = Path(__file__).resolve().parent


def ts_path(language: str) -> Path:
    return _DIR / f"yunban_{language}.ts"


def qm_path(language: str) -> Path:
    return _DIR / f"yunban_{language}.qm"


class LanguageSwitcher(QObject):
    """Installs the translator of the chosen language on the application; widgets retranslate on LanguageChange."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator: QTranslator | None = None
        self.language = "zh_CN"

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r} (supported: {', '.join(LANGUAGES)})")
        if language == self.language and (language == "zh_CN" or self._translator is not None):
            return
        app = QCoreApplication.instance()
        if self._translator is not None:
            if app is not None:
                QCoreApplication.removeTranslator(self._translator)
            self._translator = None
        if language != "zh_CN":
            translator = QTranslator(self)
            if not translator.load(str(qm_path(language))):
                raise FileNotFoundError(f"translation file missing: {qm_path(language)}")
            QCoreApplication.installTranslator(translator)
            self._translator = translator
        else:
            # No translator for the source language: removing the English one already sent LanguageChange.
            pass
        # The locale (and so the virtual keyboard's Pinyin layout) stays zh_CN: visitors reading English may still
        # type Chinese item names.
        self.language = language

    def close(self) -> None:
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
