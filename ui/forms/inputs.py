"""Input widgets for the simple field types: text, textarea, number, amount, phone, id_number, uscc, date, choice,
multichoice and yes/no. Every one keeps exactly what the person typed or chose (validation only reads it), and
text inputs refuse an oversized paste with a message instead of taking it in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.model.forms import Field
from ui.forms.style import target
from ui.forms.texts import pick, text
from ui.plain import PlainLabel
from ui.touch import enable_touch_scroll

__all__ = [
    "ChoiceInput",
    "DateInput",
    "FieldInput",
    "IdKeypad",
    "LineInput",
    "MultiChoiceInput",
    "TextAreaInput",
    "TouchComboBox",
    "YesNoInput",
]


class FieldInput(QWidget):
    """The common face of every field widget: value in, value out, a change signal, language, scale."""

    changed = Signal()
    paste_refused = Signal(int, int)
    """(pasted characters, cap): a paste too long for the field was not taken in."""

    def __init__(self, field: Field, *, language: str = "zh_CN", scale: float = 1.0, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.language = language
        self.scale = scale

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def clear_value(self) -> None:
        self.set_value(None)

    def set_language(self, language: str) -> None:
        self.language = language

    def focus_target(self) -> QWidget:
        return self


def _cap(field: Field) -> int:
    return field.max_length or 32_767


class GuardedLineEdit(QLineEdit):
    """A QLineEdit whose keyboard paste is refused, whole, when it would exceed the field's cap (QLineEdit would
    otherwise truncate silently at maxLength)."""

    paste_refused = Signal(int, int)

    def __init__(self, cap: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cap = cap
        self.setMaxLength(cap)  # the backstop for any other route (drag and drop, input methods)

    def guarded_paste(self) -> bool:
        """Paste the clipboard if it fits; otherwise say so and leave the text as it is. Returns whether it pasted."""
        pasted = QGuiApplication.clipboard().text()
        kept = len(self.text()) - len(self.selectedText())
        if kept + len(pasted) > self.cap:
            self.paste_refused.emit(len(pasted), self.cap)
            return False
        self.paste()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.guarded_paste()
            event.accept()
            return
        super().keyPressEvent(event)

    def standard_menu(self) -> QMenu:
        """Qt's context menu with its paste action routed through the guard (Qt names its standard actions)."""
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(self.guarded_paste)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.standard_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()


class GuardedPlainTextEdit(QPlainTextEdit):
    """A QPlainTextEdit that refuses any paste or drop (keyboard, menu, drag) that would exceed the field's cap."""

    paste_refused = Signal(int, int)

    def __init__(self, cap: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cap = cap

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            pasted = len(source.text())
            kept = len(self.toPlainText()) - len(self.textCursor().selectedText())
            if kept + pasted > self.cap:
                self.paste_refused.emit(pasted, self.cap)
                return
        super().insertFromMimeData(source)


class LineInput(FieldInput):
    """text, phone, id_number, uscc, number, amount: one line of text, kept as typed."""

    def __init__(self, field: Field, *, language: str = "zh_CN", scale: float = 1.0, parent: QWidget | None = None):
        super().__init__(field, language=language, scale=scale, parent=parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = GuardedLineEdit(_cap(field), self)
        self.edit.setObjectName(f"input_{field.id}")
        self.edit.setMinimumHeight(target(scale))
        hints = {
            "phone": Qt.InputMethodHint.ImhDialableCharactersOnly,
            "number": Qt.InputMethodHint.ImhFormattedNumbersOnly,
            "amount": Qt.InputMethodHint.ImhFormattedNumbersOnly,
            "id_number": Qt.InputMethodHint.ImhPreferNumbers | Qt.InputMethodHint.ImhPreferUppercase,
            "uscc": Qt.InputMethodHint.ImhPreferUppercase | Qt.InputMethodHint.ImhNoPredictiveText,
        }
        if field.type in hints:
            self.edit.setInputMethodHints(hints[field.type])
        layout.addWidget(self.edit, 1)
        self.keypad: IdKeypad | None = None
        if field.type == "id_number":
            # The on-screen keyboard has no pad with X: this field brings its own, shown while it has the focus
            # (below the line), and takes no input method (a physical keyboard still types into it).
            layout.setDirection(QBoxLayout.Direction.TopToBottom)
            self.edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
            self.keypad = IdKeypad(self.edit, scale=scale, parent=self)
            layout.addWidget(self.keypad)
        self.unit: QLabel | None = None
        if field.type == "amount":
            self.unit = PlainLabel(text("amount_unit", language), self)
            layout.addWidget(self.unit)
        self.edit.textChanged.connect(self.changed)
        self.edit.paste_refused.connect(self.paste_refused)

    def value(self) -> Any:
        raw = self.edit.text()
        stripped = raw.strip()
        if not stripped:
            return None
        if self.field.type in ("id_number", "uscc"):
            return stripped.upper()
        if self.field.type == "number":
            try:
                return int(stripped)
            except ValueError:
                pass
            try:
                number = float(stripped)
            except ValueError:
                return raw  # not a number yet: the validator says so and the text stays as typed
            return number if number == number and abs(number) != float("inf") else raw
        return raw

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def set_language(self, language: str) -> None:
        super().set_language(language)
        if self.unit is not None:
            self.unit.setText(text("amount_unit", language))

    def focus_target(self) -> QWidget:
        return self.edit


class IdKeypad(QWidget):
    """The number pad of an ID number field: 0–9, X (the GB 11643 check character) and ⌫, two rows of big keys that
    never take the focus from the line. Shown while `edit` has the focus; `shown` when it appears."""

    KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "X", "⌫")

    shown = Signal()

    def __init__(self, edit: QLineEdit, *, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IdKeypad")
        self.edit = edit
        grid = QGridLayout(self)
        grid.setContentsMargins(0, round(6 * scale), 0, 0)
        grid.setSpacing(round(8 * scale))
        self.keys: dict[str, QPushButton] = {}
        for n, key in enumerate(self.KEYS):
            button = QPushButton(key, self)
            button.setObjectName("PadKey")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName("⌫" if key == "⌫" else f"key_{key}")
            button.setMaximumWidth(round(140 * scale))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _c=False, k=key: self.press(k))
            grid.addWidget(button, n // 6, n % 6)
            self.keys[key] = button
        grid.setColumnStretch(6, 1)
        self.hide()
        edit.installEventFilter(self)

    def press(self, key: str) -> None:
        if key == "⌫":
            self.edit.backspace()
        else:
            self.edit.insert(key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusIn:
            if self.isHidden():
                self.show()
                self.shown.emit()
        elif watched is self.edit and event.type() == QEvent.Type.FocusOut:
            reason = event.reason() if isinstance(event, QFocusEvent) else None
            if reason not in (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason):
                self.hide()
        return False


class TextAreaInput(FieldInput):
    """textarea: several lines; a paste beyond the cap is refused whole."""

    def __init__(self, field: Field, *, language: str = "zh_CN", scale: float = 1.0, parent: QWidget | None = None):
        super().__init__(field, language=language, scale=scale, parent=parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = GuardedPlainTextEdit(_cap(field), self)
        self.edit.setObjectName(f"input_{field.id}")
        self.edit.setMinimumHeight(target(scale) * 3)
        self.edit.setTabChangesFocus(True)
        layout.addWidget(self.edit)
        self.edit.textChanged.connect(self.changed)
        self.edit.paste_refused.connect(self.paste_refused)

    def value(self) -> Any:
        raw = self.edit.toPlainText()
        return raw if raw.strip() else None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def focus_target(self) -> QWidget:
        return self.edit


class TouchComboBox(QComboBox):
    """A drop-down whose popup rows are touch-sized: item heights follow the stylesheet only with a plain QListView
    as the view. The view is swapped in on the first opening, since building it costs ~2 ms per combo box."""

    touch_view: QListView | None = None

    def showPopup(self) -> None:
        if self.touch_view is None:
            self.touch_view = QListView(self)
            self.setView(self.touch_view)
            enable_touch_scroll(self.touch_view)
        super().showPopup()


def _combo(scale: float, parent: QWidget) -> QComboBox:
    combo = TouchComboBox(parent)
    combo.setMinimumHeight(target(scale))
    combo.setMaxVisibleItems(8)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


class DateInput(FieldInput):
    """date: three large drop-downs (year, month, day) instead of a tiny calendar; a partial choice is kept and
    reported as incomplete."""

    def __init__(
        self,
        field: Field,
        *,
        language: str = "zh_CN",
        scale: float = 1.0,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(field, language=language, scale=scale, parent=parent)
        today = today or dt.date.today()
        lo, hi = self._bound(field.validation.min, today), self._bound(field.validation.max, today)
        first = lo.year if lo else 1900
        last = hi.year if hi else today.year + 10
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.year = _combo(scale, self)
        self.month = _combo(scale, self)
        self.day = _combo(scale, self)
        for combo in (self.year, self.month, self.day):
            combo.addItem("—", None)
        for y in range(last, first - 1, -1):  # recent years first: fewer swipes for most dates
            self.year.addItem(str(y), y)
        for m in range(1, 13):
            self.month.addItem(str(m), m)
        for d in range(1, 32):
            self.day.addItem(str(d), d)
        self.units: list[QLabel] = []
        for combo, key in ((self.year, "year"), (self.month, "month"), (self.day, "day")):
            layout.addWidget(combo, 2 if key == "year" else 1)
            unit = PlainLabel(text(key, language), self)
            unit.setProperty("unit_key", key)
            self.units.append(unit)
            layout.addWidget(unit)
            combo.currentIndexChanged.connect(self.changed)
        self.year.setObjectName(f"input_{field.id}_year")
        self.month.setObjectName(f"input_{field.id}_month")
        self.day.setObjectName(f"input_{field.id}_day")

    @staticmethod
    def _bound(value: object, today: dt.date) -> dt.date | None:
        if value == "today":
            return today
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
        return None

    def value(self) -> Any:
        y, m, d = self.year.currentData(), self.month.currentData(), self.day.currentData()
        if y is None and m is None and d is None:
            return None
        # A partial date stays a (non-date) string, so validation asks for the rest without anything being lost.
        return f"{y if y else '????'}-{m:02d}-{d:02d}" if m and d else f"{y or '????'}-{m or '??'}-{d or '??'}"

    def set_value(self, value: Any) -> None:
        y = m = d = None
        if isinstance(value, str):
            parts = value.split("-")
            if len(parts) == 3:
                y, m, d = (int(p) if p.isdigit() else None for p in parts)
        for combo, part in ((self.year, y), (self.month, m), (self.day, d)):
            index = combo.findData(part) if part is not None else 0
            combo.setCurrentIndex(max(index, 0))

    def set_language(self, language: str) -> None:
        super().set_language(language)
        for unit in self.units:
            unit.setText(text(str(unit.property("unit_key")), language))

    def focus_target(self) -> QWidget:
        return self.year


class _ButtonsInput(FieldInput):
    """Options as large toggle buttons in two columns (a radio dot is too small to hit for many elderly users)."""

    exclusive = True

    def __init__(self, field: Field, *, language: str = "zh_CN", scale: float = 1.0, parent: QWidget | None = None):
        super().__init__(field, language=language, scale=scale, parent=parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(self.exclusive)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(round(12 * scale))
        self.buttons: dict[Any, QPushButton] = {}
        for index, (value, zh, en) in enumerate(self.choices()):
            button = QPushButton(pick(language, zh, en), self)
            button.setCheckable(True)
            button.setMinimumHeight(target(scale))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setObjectName(f"option_{field.id}_{value}")
            button.setProperty("texts", (zh, en))
            self.group.addButton(button)
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[value] = button
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())

    def choices(self) -> list[tuple[Any, str, str | None]]:
        return [(o.value, o.label, o.label_en) for o in self.field.options]

    def set_language(self, language: str) -> None:
        super().set_language(language)
        for button in self.buttons.values():
            zh, en = button.property("texts")
            button.setText(pick(language, zh, en))

    def _set_checked(self, values: set[Any]) -> None:
        self.group.blockSignals(True)
        self.group.setExclusive(False)  # an exclusive group cannot go back to nothing chosen
        for value, button in self.buttons.items():
            button.setChecked(value in values)
        self.group.setExclusive(self.exclusive)
        self.group.blockSignals(False)
        self.changed.emit()

    def focus_target(self) -> QWidget:
        return next(iter(self.buttons.values()), self)


class ChoiceInput(_ButtonsInput):
    def value(self) -> Any:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: Any) -> None:
        self._set_checked(set() if value is None else {str(value)})


class MultiChoiceInput(_ButtonsInput):
    exclusive = False

    def value(self) -> Any:
        chosen = [v for v, b in self.buttons.items() if b.isChecked()]
        return chosen or None

    def set_value(self, value: Any) -> None:
        self._set_checked(set(value) if isinstance(value, list | tuple) else set())


class YesNoInput(_ButtonsInput):
    def choices(self) -> list[tuple[Any, str, str | None]]:
        return [(True, *_yes()), (False, *_no())]

    def value(self) -> Any:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: Any) -> None:
        self._set_checked(set() if not isinstance(value, bool) else {value})


def _yes() -> tuple[str, str]:
    return (text("yes", "zh_CN"), text("yes", "en"))


def _no() -> tuple[str, str]:
    return (text("no", "zh_CN"), text("no", "en"))
