"""The form renderer's own words (buttons, hints, messages): Chinese source strings marked for lupdate (context
`FormTexts`), English in `app/i18n/yunban_en.ts`; field texts come from the form definition (label / label_en).

Contract: `text(key, language, **values)` translates at call time (no QApplication needed) and formats `values`;
without values it returns the template unformatted.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "FormTexts"

TEXTS: dict[str, str] = {
    "prev": QT_TRANSLATE_NOOP("FormTexts", "上一步"),
    "next": QT_TRANSLATE_NOOP("FormTexts", "下一步"),
    "submit": QT_TRANSLATE_NOOP("FormTexts", "检查并提交"),
    "page": QT_TRANSLATE_NOOP("FormTexts", "第 {n} 步，共 {total} 步"),
    "required": QT_TRANSLATE_NOOP("FormTexts", "必填"),
    "switch_language": QT_TRANSLATE_NOOP("FormTexts", "English"),
    "yes": QT_TRANSLATE_NOOP("FormTexts", "是"),
    "no": QT_TRANSLATE_NOOP("FormTexts", "否"),
    "year": QT_TRANSLATE_NOOP("FormTexts", "年"),
    "month": QT_TRANSLATE_NOOP("FormTexts", "月"),
    "day": QT_TRANSLATE_NOOP("FormTexts", "日"),
    "choose": QT_TRANSLATE_NOOP("FormTexts", "请选择"),
    "sign_hint": QT_TRANSLATE_NOOP("FormTexts", "请用手指在框内签名"),
    "sign_clear": QT_TRANSLATE_NOOP("FormTexts", "擦掉重签"),
    "scan": QT_TRANSLATE_NOOP("FormTexts", "扫描 / 拍照"),
    "retake": QT_TRANSLATE_NOOP("FormTexts", "重拍"),
    "delete": QT_TRANSLATE_NOOP("FormTexts", "删除"),
    "no_pages": QT_TRANSLATE_NOOP("FormTexts", "还没有材料页面"),
    "page_n": QT_TRANSLATE_NOOP("FormTexts", "第 {n} 页"),
    "no_divisions": QT_TRANSLATE_NOOP("FormTexts", "（未加载行政区划数据，请输入区划代码）"),
    "fix_errors": QT_TRANSLATE_NOOP("FormTexts", "还有 {n} 处需要修改，请看红色提示"),
    "paste_refused": QT_TRANSLATE_NOOP("FormTexts", "粘贴的内容太长（{n:,} 个字），此项最多 {cap:,} 个字，没有粘贴"),
    "amount_unit": QT_TRANSLATE_NOOP("FormTexts", "元"),
    "fill_in": QT_TRANSLATE_NOOP("FormTexts", "请填写以下信息"),
}


def text(key: str, language: str, **values: object) -> str:
    template = translate(CONTEXT, TEXTS[key], language)
    return template.format(**values) if values else template


def pick(language: str, zh: str, en: str | None) -> str:
    """The English text when English is chosen and the definition has one, else the Chinese."""
    return en if language.startswith("en") and en else zh
