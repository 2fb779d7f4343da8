"""Card portraits: the WLT photo of a GA 467 card is encrypted and needs a licensed vendor decoder.

`PhotoDecoder` is the seam for such a decoder (a vendor library wrapped by whoever holds the licence). Without
one, `portrait_png` returns a neutral placeholder so screens and receipts have something to show; the raw bytes
stay in `CardData.photo` and are never written anywhere unencrypted.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Protocol

from app.model.identity import PhotoData

PHOTO_SIZE = (102, 126)
"""Pixels of the decoded portrait of a second-generation ID card."""


class PhotoDecoder(Protocol):
    """Decodes a card photo (e.g. 1,024-byte WLT) into image bytes (PNG, BMP or JPEG)."""

    def decode(self, photo: PhotoData) -> bytes: ...


@cache
def placeholder_png() -> bytes:
    """A grey head-and-shoulders silhouette at the portrait size."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", PHOTO_SIZE, (232, 236, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((31, 18, 71, 64), fill=(170, 178, 188))
    draw.ellipse((14, 70, 88, 150), fill=(170, 178, 188))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def portrait_png(photo: PhotoData | None, decoder: PhotoDecoder | None = None) -> tuple[bytes, bool]:
    """(image bytes, decoded?) for a card photo: decoded when a decoder is configured and the photo is WLT or
    already an image; otherwise the placeholder."""
    if photo is None:
        return placeholder_png(), False
    if photo.format in ("png", "jpeg", "bmp"):
        return photo.data, True
    if decoder is not None:
        return decoder.decode(photo), True
    return placeholder_png(), False
