"""How many questions a form page holds: as many whole fields as the page's room shows at once, at least one.

The kiosk's panels differ (1280×800 landscape, 1080×1920 portrait) and 大字模式 makes every field taller, so a fixed
count either leaves half a portrait panel blank or cuts a field in two. `fit_per_page` takes the measured height of
every field's row and the page's room, and returns the largest count for which every page of the form
(`app.forms.engine.definition.form_pages`: signature, material and long-text fields still get a page of their own)
shows all its fields without scrolling; a single field taller than the room gets a page of its own and scrolls.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.forms.engine.definition import form_pages
from app.model.forms import FormDefinition

__all__ = ["fit_per_page", "page_height"]


def page_height(fields: tuple[str, ...], heights: Mapping[str, int], spacing: int) -> int:
    """The height a page of these fields (ids) takes: their rows and the spacing between them."""
    return sum(heights.get(f, 0) for f in fields) + spacing * max(0, len(fields) - 1)


def fit_per_page(definition: FormDefinition, heights: Mapping[str, int], room: int, spacing: int) -> int:
    """The largest fields-per-page count whose every page fits `room` pixels (at least 1)."""
    count = len(definition.fields)
    for per_page in range(max(1, count), 1, -1):
        pages = form_pages(definition, per_page=per_page)
        if all(len(p) == 1 or page_height(tuple(f.id for f in p), heights, spacing) <= room for p in pages):
            return per_page
    return 1
