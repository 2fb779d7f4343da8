"""The kiosk's language switch: installs the compiled catalog (`app.i18n`, one .ts for the UI and the services'
messages) on the application. Regenerate the catalog after changing strings with `scripts/i18n.sh`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from app.i18n import LANGUAGES, qm_path, ts_path

__all__ = ["LANGUAGES", "LanguageSwitcher", "qm_path", "ts_path"]


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
