"""The kiosk's language and type size (大字模式), with the defaults an idle wipe returns to. Switching retranslates
every screen of the window's stack at once and emits `changed` for the window's own texts."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from ui.i18n import LanguageSwitcher
from ui.screens.base import Screen
from ui.theme import CJK_FAMILIES, ELDER_SCALE, build_stylesheet, cjk_font

__all__ = ["Appearance"]


class Appearance(QObject):
    changed = Signal()
    """The language or the type size changed (after the screens were retranslated or restyled)."""

    def __init__(self, window: QWidget, stack: QStackedWidget, *, language: str = "zh_CN", elder: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self._stack = stack
        self._default_language = language
        self._default_elder = elder
        self._elder = False
        self.languages = LanguageSwitcher(self)
        app_family = QApplication.font().family()  # app.main sets a CJK font; tests may not
        self._font_family = app_family if app_family in CJK_FAMILIES else cjk_font().family()

    @property
    def language(self) -> str:
        return self.languages.language

    @property
    def elder(self) -> bool:
        return self._elder

    def set_language(self, language: str) -> None:
        self.languages.set_language(language)
        # Qt posts LanguageChange to windows; retranslate now so the switch is visible before the next event turn.
        for index in range(self._stack.count()):
            screen = self._stack.widget(index)
            if isinstance(screen, Screen):
                screen.retranslate()
        self.changed.emit()

    def toggle_language(self) -> None:
        self.set_language("en" if self.language == "zh_CN" else "zh_CN")

    def set_elder(self, on: bool) -> None:
        self._elder = on
        self._window.setStyleSheet(build_stylesheet(ELDER_SCALE if on else 1.0, self._font_family))
        self.changed.emit()

    def at_defaults(self) -> bool:
        return self.language == self._default_language and self._elder == self._default_elder

    def restore_defaults(self) -> None:
        self.set_language(self._default_language)
        self.set_elder(self._default_elder)

    def close(self) -> None:
        self.languages.close()
