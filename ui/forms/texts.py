"""The renderer's own words (buttons, hints, messages), Chinese first with English; field texts come from the form
definition (label / label_en, help / help_en)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "prev": ("上一步", "Back"),
    "next": ("下一步", "Next"),
    "submit": ("检查并提交", "Check and submit"),
    "page": ("第 {n} 步，共 {total} 步", "Step {n} of {total}"),
    "required": ("必填", "Required"),
    "switch_language": ("English", "中文"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "year": ("年", "Year"),
    "month": ("月", "Month"),
    "day": ("日", "Day"),
    "choose": ("请选择", "Choose"),
    "sign_hint": ("请用手指在框内签名", "Sign inside the box with your finger"),
    "sign_clear": ("擦掉重签", "Clear and sign again"),
    "scan": ("扫描 / 拍照", "Scan / photograph"),
    "retake": ("重拍", "Retake"),
    "delete": ("删除", "Delete"),
    "no_pages": ("还没有材料页面", "No pages yet"),
    "page_n": ("第 {n} 页", "Page {n}"),
    "no_divisions": ("（未加载行政区划数据，请输入区划代码）", "(no division data loaded: type the division code)"),
    "fix_errors": ("还有 {n} 处需要修改，请看红色提示", "{n} answers need attention (shown in red)"),
    "paste_refused": (
        "粘贴的内容太长（{n:,} 个字），此项最多 {cap:,} 个字，没有粘贴",
        "The pasted text is too long ({n:,} characters); this field takes at most {cap:,}. Nothing was pasted.",
    ),
    "amount_unit": ("元", "yuan"),
    "fill_in": ("请填写以下信息", "Please fill in the following"),
}


def text(key: str, language: str, **values: object) -> str:
    zh, en = TEXTS[key]
    template = en if language.startswith("en") else zh
    return template.format(**values) if values else template


def pick(language: str, zh: str, en: str | None) -> str:
    """The English text when English is chosen and the definition has one, else the Chinese."""
    return en if language.startswith("en") and en else zh
