"""The kiosk's visual theme: one stylesheet (QSS) generated for a type scale, and the CJK application font.
Contract: touch targets of at least `MIN_TARGET_PX`; body text above 7:1 contrast on its background (WCAG AAA)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

__all__ = ["CJK_FAMILIES", "ELDER_SCALE", "MIN_TARGET_PX", "SCROLLBAR_PX", "build_stylesheet", "cjk_font", "px"]

CJK_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "Microsoft YaHei")
"""Preferred families, first installed one wins (Debian: fonts-noto-cjk, fonts-wqy-microhei)."""

# Sizes are pixels scaled as a whole: 大字模式 (适老化) is the same design at a larger scale, not a second stylesheet to
# keep in step. Touch targets (buttons, list rows, inputs) never go below MIN_TARGET_PX.
MIN_TARGET_PX = 64
SCROLLBAR_PX = 36
"""Scroll bars a finger can hold and drag (about 7 mm on a 21.5-inch 1920×1080 panel); the arrows stay off."""
BASE_PX = 20
ELDER_SCALE = 1.4

# Body text keeps a contrast ratio above 7:1 on its background (WCAG AAA), as the elder-friendly guidance for
# government websites (《互联网网站适老化通用设计规范》) asks.
PRIMARY = "#1456a0"
PRIMARY_DARK = "#0d3f78"
ACCENT = "#c8102e"
INK = "#1a1a1a"
MUTED = "#4a4f57"
PAPER = "#f3f5f8"
CARD = "#ffffff"
LINE = "#cdd3db"

TILE_COLOURS = {
    "guide": "#1456a0",
    "apply": "#0f7b5f",
    "progress": "#8a4b08",
    "evaluate": "#6b3fa0",
    "consult": "#b0243b",
    "browse": "#1d6f8a",
}


def cjk_font(point_size: int | None = None) -> QFont:
    """The application font: the first installed CJK family (Qt's fallback alone renders tofu on minimal systems)."""
    installed = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in installed), None)
    font = QFont(family) if family else QFont()
    if family:
        font.setFamilies([family, *[f for f in CJK_FAMILIES if f in installed and f != family]])
    font.setPixelSize(point_size or BASE_PX)
    return font


def px(size: float, scale: float) -> int:
    return round(size * scale)


def build_stylesheet(scale: float = 1.0, family: str = "") -> str:
    """The whole QSS at a type scale (1.0 standard, `ELDER_SCALE` for elder mode)."""

    def s(size: float) -> int:
        return px(size, scale)

    target = max(MIN_TARGET_PX, s(MIN_TARGET_PX))
    fam = f'font-family: "{family}";' if family else ""
    tiles = "\n".join(
        f"""QPushButton#Tile[tile="{key}"] {{ background: {colour}; }}
QPushButton#Tile[tile="{key}"]:pressed {{ background: {PRIMARY_DARK}; }}"""
        for key, colour in TILE_COLOURS.items()
    )
    return f"""
QWidget#KioskRoot, QWidget#Screen {{ background: {PAPER}; color: {INK}; {fam} font-size: {s(BASE_PX)}px; }}
QLabel {{ color: {INK}; font-size: {s(BASE_PX)}px; }}
QWidget#TopBar {{ background: {PRIMARY}; }}
QLabel#AppTitle {{ color: white; font-size: {s(26)}px; font-weight: bold; }}
QLabel#Place {{ color: #dfe9f5; font-size: {s(18)}px; }}
QLabel#DemoBadge {{ background: {ACCENT}; color: white; font-size: {s(18)}px; font-weight: bold;
  border-radius: {s(6)}px; padding: {s(4)}px {s(12)}px; }}
QPushButton {{ min-height: {target}px; min-width: {target}px; font-size: {s(BASE_PX)}px; border-radius: {s(8)}px;
  padding: 0 {s(14)}px; background: {CARD}; color: {PRIMARY_DARK}; border: 2px solid {PRIMARY}; }}
QPushButton:pressed {{ background: #dbe7f5; }}
QPushButton:checked {{ background: {PRIMARY}; color: white; }}
QPushButton:disabled {{ color: #8a9099; border-color: {LINE}; }}
QWidget#TopBar QPushButton {{ background: transparent; color: white; border: 2px solid #8fb3dc; font-size: {s(20)}px; }}
QWidget#TopBar QPushButton:pressed, QWidget#TopBar QPushButton:checked {{ background: {PRIMARY_DARK}; }}
QWidget#TopBar QPushButton#DemoBadge {{ background: {ACCENT}; color: white; border: none; font-weight: bold;
  font-size: {s(18)}px; padding: 0 {s(12)}px; }}
QWidget#TopBar QPushButton#DemoBadge:pressed {{ background: #8f0b21; }}
QPushButton#Tile {{ color: white; border: none; border-radius: {s(16)}px; font-size: {s(34)}px; font-weight: bold;
  min-height: {max(target, s(120))}px; padding: {s(12)}px; text-align: center; }}
{tiles}
QPushButton[touch="action"] {{ min-height: {s(76)}px; min-width: {s(200)}px; font-size: {s(24)}px; }}
QPushButton[touch="big"] {{ min-height: {s(96)}px; min-width: {s(300)}px; font-size: {s(30)}px; }}
QPushButton[touch="level"] {{ min-height: {s(96)}px; font-size: {s(28)}px; font-weight: bold; }}
QPushButton[touch="choice"] {{ min-height: {s(72)}px; min-width: {s(200)}px; font-size: {s(BASE_PX)}px; }}
QPushButton[touch="key"] {{ min-height: {s(66)}px; min-width: {s(80)}px; font-size: {s(30)}px; }}
QLineEdit#TextLine {{ min-height: {target}px; font-size: {s(22)}px; padding: 0 {s(10)}px; border: 2px solid {LINE};
  border-radius: {s(8)}px; background: white; color: {INK}; }}
QPlainTextEdit#TextBox {{ font-size: {s(22)}px; background: white; color: {INK}; border: 2px solid {LINE};
  border-radius: {s(8)}px; padding: {s(6)}px; }}
QPlainTextEdit#TextBox[lines="short"] {{ min-height: {s(100)}px; max-height: {s(130)}px; }}
QPlainTextEdit#TextBox[lines="long"] {{ min-height: {s(160)}px; font-size: {s(24)}px; }}
QLabel#Notice[emphasis="large"] {{ font-size: {s(30)}px; font-weight: bold; padding: {s(10)}px; }}
QLabel#Notice[emphasis="next"] {{ font-size: {s(26)}px; padding: {s(14)}px; }}
QPushButton#Primary {{ background: {PRIMARY}; color: white; border: none; font-weight: bold; }}
QPushButton#Primary:pressed {{ background: {PRIMARY_DARK}; }}
QPushButton#Primary:disabled {{ background: {LINE}; color: #8a9099; }}
QLineEdit#SearchBox {{ min-height: {target}px; font-size: {s(26)}px; padding: 0 {s(14)}px; border: 3px solid {PRIMARY};
  border-radius: {s(10)}px; background: white; color: {INK}; }}
QListWidget {{ background: {CARD}; border: 1px solid {LINE}; border-radius: {s(8)}px; font-size: {s(22)}px;
  color: {INK}; outline: none; }}
QListWidget::item {{ min-height: {target}px; padding: {s(8)}px {s(14)}px; border-bottom: 1px solid {LINE}; }}
QListWidget::item:selected {{ background: #dbe7f5; color: {INK}; }}
QLabel#ScreenTitle {{ font-size: {s(32)}px; font-weight: bold; color: {PRIMARY_DARK}; }}
QLabel#Hint {{ font-size: {s(20)}px; color: {MUTED}; }}
QLabel#Status {{ font-size: {s(20)}px; color: {MUTED}; }}
QLabel#GuideTitle {{ font-size: {s(34)}px; font-weight: bold; color: {PRIMARY_DARK}; }}
QLabel#Notice {{ background: #fff3cd; color: #5c4400; border: 1px solid #e0c36b; border-radius: {s(6)}px;
  padding: {s(8)}px; font-size: {s(18)}px; }}
QFrame#Card {{ background: {CARD}; border: 1px solid {LINE}; border-radius: {s(10)}px; }}
QLabel#SectionTitle {{ font-size: {s(26)}px; font-weight: bold; color: {PRIMARY_DARK}; }}
QLabel#SectionBody {{ font-size: {s(22)}px; color: {INK}; }}
QLabel#Big {{ font-size: {s(40)}px; font-weight: bold; color: {PRIMARY_DARK}; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollBar:vertical {{ width: {s(SCROLLBAR_PX)}px; background: {PAPER}; }}
QScrollBar:horizontal {{ height: {s(SCROLLBAR_PX)}px; background: {PAPER}; }}
QScrollBar::handle:horizontal {{ background: #9fb2c8; border-radius: {s(10)}px; min-width: {s(60)}px; }}
QScrollBar::handle:vertical {{ background: #9fb2c8; border-radius: {s(10)}px; min-height: {s(60)}px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QWidget#Overlay {{ background: rgba(10, 30, 60, 200); }}
QLabel#OverlayTitle {{ font-size: {s(30)}px; font-weight: bold; color: {PRIMARY_DARK}; }}
QLabel#OverlayBody {{ font-size: {s(22)}px; color: {INK}; }}
QFrame#OverlayCard {{ background: white; border-radius: {s(16)}px; }}
QLabel#OverlayText {{ font-size: {s(34)}px; font-weight: bold; color: {INK}; }}
QLabel#OverlayCount {{ font-size: {s(72)}px; font-weight: bold; color: {ACCENT}; }}
QStatusBar {{ background: #e4e9f0; color: {MUTED}; font-size: {s(16)}px; min-height: {s(32)}px; }}
QStatusBar QLabel {{ font-size: {s(16)}px; color: {MUTED}; }}
QTabBar::tab {{ min-height: {target}px; min-width: {s(140)}px; font-size: {s(22)}px; padding: 0 {s(16)}px; }}
"""
