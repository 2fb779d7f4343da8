"""Formal notices (通知书) on A4 for the counter: 受理通知书, 不予受理通知书, 补正材料通知书, 一次性告知书 and the
受理回执, built from the item's catalog data (`documents`), drawn as PDF with reportlab and an embedded CJK font
subset (`pdf`), and printed through CUPS with a queue of notices not yet printed (`service.NoticeService`);
docs/counter.md."""
