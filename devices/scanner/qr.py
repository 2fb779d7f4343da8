"""QR codes in camera pictures, decoded with zxing-cpp (the receipt's QR under the document camera).

Contract: `decode_qr(image)` returns the texts found, empty when none; it never raises for a picture without one.
"""

from __future__ import annotations

from PIL import Image

__all__ = ["decode_qr"]


def decode_qr(image: Image.Image, *, max_side: int = 1600) -> list[str]:
    """The texts of the QR codes in `image` (empty when none is found)."""
    import zxingcpp

    # A receipt QR on a 5 MP frame has 6-10 pixels per module: decoding a copy reduced to `max_side` is enough and
    # several times faster; the full picture is tried only when the reduced one gave nothing (a small, distant code).
    gray = image.convert("L")
    tries = [gray]
    if max(gray.size) > max_side:
        scale = max_side / max(gray.size)
        small = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.BILINEAR)
        tries.insert(0, small)
    for img in tries:
        found = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
        texts = [b.text for b in found if b.valid and b.text]
        if texts:
            return texts
    return []
