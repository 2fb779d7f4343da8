"""How many questions a form page holds: as many whole fields as the page's room shows at once, at least one.

The kiosk's panels differ (1280×800 landscape, 1080×1920 portrait) and 大字模式 makes every field taller, so a fixed
count either leaves half a portrait panel blank or cuts a field in two. `room_check` takes the measured height of
every field's row and the page's room and answers whether a page of fields shows whole; the form's pages are packed
with it (`app.forms.engine.definition.form_pages(fits=…)`: each page takes questions while they fit, signature,
material and long-text fields still get a page of their own), so one tall question (an address picker, a long list
of options) does not leave every other page with one question. A single field taller than the room gets a page of
its own and scrolls. `fit_per_page` is the uniform count (the largest for which every page fits), kept as the
starting count of the next form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from app.forms.engine.definition import form_pages
from app.model.forms import Field, FormDefinition

__all__ = ["fit_per_page", "page_height", "room_check"]


def page_height(fields: tuple[str, ...], heights: Mapping[str, int], spacing: int) -> int:
    """The height a page of these fields (ids) takes: their rows and the spacing between them."""
    return sum(heights.get(f, 0) for f in fields) + spacing * max(0, len(fields) - 1)


def fit_per_page(definition: FormDefinition, heights: Mapping[str, int], room: int, spacing: int) -> int:
    """The largest fields-per-page count whose every page fits `room` pixels (at least 1)."""
    fits = room_check(heights, room, spacing)
    count = len(definition.fields)
    for per_page in range(max(1, count), 1, -1):
        if all(fits(p) for p in form_pages(definition, per_page=per_page)):
            return per_page
    return 1


def room_check(heights: Mapping[str, int], room: int, spacing: int) -> Callable[[tuple[Field, ...]], bool]:
    """`fits(page)`: whether these fields, one under the other, show whole in `room` pixels (a lone field always
    does: it gets its page and scrolls)."""

    def fits(page: tuple[Field, ...]) -> bool:
        return len(page) <= 1 or page_height(tuple(f.id for f in page), heights, spacing) <= room

    return fits
