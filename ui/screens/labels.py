"""Translatable names of catalog vocabulary (levels, item types, audiences); catalog content itself stays Chinese."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["audience_name", "level_name", "level_rank", "summary_line", "type_name"]

_LEVELS = {
    "province": QT_TRANSLATE_NOOP("Labels", "省级"),
    "prefecture": QT_TRANSLATE_NOOP("Labels", "市级"),
    "county": QT_TRANSLATE_NOOP("Labels", "县级"),
    "township": QT_TRANSLATE_NOOP("Labels", "乡级"),
    "village": QT_TRANSLATE_NOOP("Labels", "村级"),
}
_TYPES = {
    "行政许可": QT_TRANSLATE_NOOP("Labels", "行政许可"),
    "行政确认": QT_TRANSLATE_NOOP("Labels", "行政确认"),
    "行政给付": QT_TRANSLATE_NOOP("Labels", "行政给付"),
    "行政奖励": QT_TRANSLATE_NOOP("Labels", "行政奖励"),
    "行政裁决": QT_TRANSLATE_NOOP("Labels", "行政裁决"),
    "行政征收": QT_TRANSLATE_NOOP("Labels", "行政征收"),
    "行政检查": QT_TRANSLATE_NOOP("Labels", "行政检查"),
    "其他行政权力": QT_TRANSLATE_NOOP("Labels", "其他行政权力"),
    "公共服务": QT_TRANSLATE_NOOP("Labels", "公共服务"),
}
_AUDIENCES = {
    "自然人": QT_TRANSLATE_NOOP("Labels", "自然人"),
    "法人": QT_TRANSLATE_NOOP("Labels", "法人"),
}


def _t(text: object) -> str:
    return QCoreApplication.translate("Labels", str(text))


def level_rank(level: str) -> int:
    """Position in a division chain from the top (province 0 … village 4; unknown levels last)."""
    order = list(_LEVELS)  # keys in app.model.catalog.LEVELS order (a test checks they agree)
    return order.index(level) if level in _LEVELS else len(order)


def level_name(level: str) -> str:
    return _t(_LEVELS[level]) if level in _LEVELS else level


def type_name(item_type: str) -> str:
    return _t(_TYPES[item_type]) if item_type in _TYPES else item_type


def audience_name(audience: str) -> str:
    return _t(_AUDIENCES[audience]) if audience in _AUDIENCES else audience


def summary_line(department: str, item_type: str, level: str) -> str:
    return " · ".join(p for p in (department, type_name(item_type), level_name(level)) if p)
