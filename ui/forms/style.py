"""The form renderer's stylesheet: scoped to `#FormView`, large type and touch targets of at least 64 px, scaled as a
whole for the elder mode (适老化). Colours follow the kiosk palette (body text contrast above 7:1)."""

from __future__ import annotations

from pathlib import Path

ARROW = (Path(__file__).resolve().parent / "arrow-down.svg").as_posix()

MIN_TARGET_PX = 64
SCROLLBAR_PX = 36
"""Scroll bars a finger can hold (about 7 mm on a 21.5-inch 1920×1080 panel), scaled with the text."""
PRIMARY = "#1456a0"
PRIMARY_DARK = "#0d3f78"
INK = "#1a1a1a"
MUTED = "#4a4f57"
PAPER = "#f3f5f8"
LINE = "#8a96a6"
ERROR = "#a3001b"
ERROR_BG = "#fdecee"


def target(scale: float) -> int:
    return max(MIN_TARGET_PX, round(MIN_TARGET_PX * scale))


def form_stylesheet(scale: float = 1.0) -> str:
    def s(size: float) -> int:
        return round(size * scale)

    t = target(scale)
    return f"""
QWidget#FormView {{ background: {PAPER}; color: {INK}; font-size: {s(22)}px; }}
QWidget#FormView QLabel {{ color: {INK}; font-size: {s(22)}px; background: transparent; }}
QWidget#FormPage {{ background: {PAPER}; }}
QWidget#FormView QLabel#FormGroupTitle {{ font-size: {s(32)}px; font-weight: bold; color: {PRIMARY_DARK}; }}
QWidget#FormView QLabel#FormProgress {{ font-size: {s(20)}px; color: {MUTED}; }}
QFrame#FieldRow {{ background: white; border: 1px solid #cdd3db; border-radius: {s(10)}px; }}
QFrame#FieldRow[invalid="true"] {{ border: 3px solid {ERROR}; background: {ERROR_BG}; }}
QWidget#FormView QLabel#FieldLabel {{ font-size: {s(26)}px; font-weight: bold; color: {INK}; }}
QWidget#FormView QLabel#FieldRequired {{ font-size: {s(18)}px; color: white; background: {ERROR};
  border-radius: {s(4)}px;
  padding: {s(2)}px {s(8)}px; }}
QWidget#FormView QLabel#FieldHelp {{ font-size: {s(20)}px; color: {MUTED}; }}
QWidget#FormView QLabel#FieldError {{ font-size: {s(22)}px; font-weight: bold; color: {ERROR}; }}
QWidget#FormView QLabel#FormSummary {{ font-size: {s(22)}px; font-weight: bold; color: {ERROR}; }}
QWidget#FormView QLineEdit, QWidget#FormView QPlainTextEdit, QWidget#FormView QComboBox {{
  font-size: {s(26)}px; color: {INK}; background: white; border: 2px solid {LINE}; border-radius: {s(8)}px;
  padding: {s(6)}px {s(12)}px; min-height: {t - 2 * s(8)}px; }}
QWidget#FormView QLineEdit:focus, QWidget#FormView QPlainTextEdit:focus, QWidget#FormView QComboBox:focus {{
  border: 3px solid {PRIMARY}; }}
QWidget#FormView QComboBox::drop-down {{ width: {s(48)}px; border-left: 2px solid {LINE}; }}
QWidget#FormView QComboBox::down-arrow {{ image: url({ARROW}); width: {s(22)}px; height: {s(22)}px; }}
QWidget#FormView QComboBox:disabled {{ color: {MUTED}; background: #e9edf2; }}
QWidget#FormView QComboBox QAbstractItemView {{ font-size: {s(26)}px; }}
QWidget#FormView QComboBox QAbstractItemView::item {{ min-height: {t}px; padding: 0 {s(14)}px; }}
QWidget#FormView QPushButton {{ min-height: {t}px; min-width: {t}px; font-size: {s(24)}px; border-radius: {s(8)}px;
  padding: 0 {s(20)}px; background: white; color: {PRIMARY_DARK}; border: 2px solid {PRIMARY}; }}
QWidget#FormView QPushButton:pressed {{ background: #dbe7f5; }}
QWidget#FormView QPushButton:checked {{ background: {PRIMARY}; color: white; font-weight: bold; }}
QWidget#FormView QPushButton#FormPrimary, QWidget#FormView QPushButton#FormPrev {{ min-width: {s(220)}px;
  min-height: {max(t, s(76))}px; font-size: {s(28)}px; }}
QWidget#FormView QPushButton#FormPrimary {{ background: {PRIMARY}; color: white; border: none; font-weight: bold; }}
QWidget#FormView QPushButton#FormPrimary:pressed {{ background: {PRIMARY_DARK}; }}
QWidget#FormView QPushButton#FormLanguage {{ font-size: {s(20)}px; }}
QWidget#FormView QPushButton#PadKey {{ font-size: {s(30)}px; font-weight: bold; padding: 0; }}
QWidget#FormView QScrollArea {{ border: none; background: transparent; }}
QWidget#FormView QScrollBar:vertical {{ width: {s(SCROLLBAR_PX)}px; background: {PAPER}; }}
QWidget#FormView QScrollBar::add-line, QWidget#FormView QScrollBar::sub-line {{ height: 0; border: none; }}
QWidget#FormView QScrollBar::handle:vertical {{ background: #9fb2c8; border-radius: {s(10)}px; min-height: {s(60)}px; }}
QFrame#MaterialThumb {{ background: white; border: 1px solid {LINE}; border-radius: {s(8)}px; }}
QWidget#FormView QLabel#MaterialEmpty {{ color: {MUTED}; font-size: {s(22)}px; }}
"""
