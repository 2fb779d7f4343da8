"""Making scanned pages upload-ready: rotate, crop to content, grayscale, JPEG within a per-page size budget, and a
multi-page PDF of them. Contract: pure functions over Pillow images and bytes; the budget is a hard limit.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat


@dataclass(frozen=True, slots=True)
class PageOptions:
    rotate: int = 0
    """Extra clockwise rotation in degrees (a multiple of 90), after EXIF orientation."""
    crop: bool = True
    crop_tolerance: int = 48
    grayscale: bool = False
    quality: int = 85
    min_quality: int = 45
    max_bytes: int = 1_000_000
    """Per-page budget for the JPEG (the platform's attachment limit, with room for the PDF)."""
    min_side: int = 600
    dpi: int = 200


@dataclass(frozen=True, slots=True)
class PreparedPage:
    jpeg: bytes
    width: int
    height: int
    quality: int
    dpi: int
    gray: bool


def crop_to_content(img: Image.Image, tolerance: int = 48, margin_ratio: float = 0.01) -> Image.Image:
    """The page cut to its content plus a small margin (a blank page is kept whole): the background is the median of
    the border, and pixels differing from it by more than `tolerance` are content."""
    gray = img.convert("L")
    # Work on a reduced copy: the bounding box is the same to within the margin and it is ~16× faster.
    scale = max(1, min(gray.width, gray.height) // 400)
    small = gray.reduce(scale) if scale > 1 else gray
    w, h = small.size
    border = [small.crop(box) for box in ((0, 0, w, 2), (0, h - 2, w, h), (0, 0, 2, h), (w - 2, 0, w, h))]
    values: list[int] = []
    for b in border:
        values.extend(b.tobytes())
    values.sort()
    background = values[len(values) // 2]
    diff = ImageChops.difference(small, Image.new("L", small.size, background)).filter(ImageFilter.MedianFilter(3))
    mask = diff.point(lambda v: 255 if v > tolerance else 0)
    box = mask.getbbox()
    if box is None:
        return img
    margin = int(max(img.width, img.height) * margin_ratio)
    left, top, right, bottom = (v * scale for v in box)
    return img.crop(
        (max(0, left - margin), max(0, top - margin), min(img.width, right + margin), min(img.height, bottom + margin))
    )


def _encode(img: Image.Image, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True, dpi=(dpi, dpi))
    return buf.getvalue()


def prepare_page(img: Image.Image, options: PageOptions = PageOptions()) -> PreparedPage:
    """One page, upload-ready. Over budget, the JPEG quality steps down from `quality` to `min_quality`, then the
    page is scaled down by 15 % at a time, never below `min_side` pixels on the short side."""
    page = ImageOps.exif_transpose(img)
    if options.rotate % 360:
        if options.rotate % 90:
            raise ValueError("rotation must be a multiple of 90 degrees")
        page = page.rotate(-options.rotate, expand=True)
    if page.mode not in ("RGB", "L"):
        page = page.convert("RGB")
    if options.crop:
        page = crop_to_content(page, options.crop_tolerance)
    gray = options.grayscale or page.mode == "L"
    if options.grayscale and page.mode != "L":
        page = page.convert("L")
    elif not gray and _is_gray(page):
        page, gray = page.convert("L"), True
    quality = options.quality
    while True:
        data = _encode(page, quality, options.dpi)
        if len(data) <= options.max_bytes:
            return PreparedPage(data, page.width, page.height, quality, options.dpi, gray)
        if quality > options.min_quality:
            quality = max(options.min_quality, quality - 10)
            continue
        if min(page.size) * 0.85 < options.min_side:
            raise ValueError(f"page cannot fit {options.max_bytes} bytes without going below {options.min_side} px")
        page = page.resize((int(page.width * 0.85), int(page.height * 0.85)), Image.Resampling.LANCZOS)
        quality = options.quality


def _is_gray(img: Image.Image) -> bool:
    """A colour scan of a black-and-white document: store it as grayscale (about a third of the bytes)."""
    small = img.reduce(max(1, min(img.size) // 100)).convert("RGB")
    r, g, b = small.split()
    spread = ImageStat.Stat(ImageChops.difference(r, g)).mean[0] + ImageStat.Stat(ImageChops.difference(g, b)).mean[0]
    return spread < 2.0


def pages_to_pdf(pages: Sequence[PreparedPage]) -> bytes:
    """A PDF 1.4 with one page per JPEG, embedded as is (DCTDecode) at its dpi — no re-encoding, so the size
    budget holds for the PDF too."""
    objects: list[bytes] = []
    kids = []
    for n, page in enumerate(pages):
        img_id, content_id, page_id = 3 + 3 * n, 4 + 3 * n, 5 + 3 * n
        w_pt, h_pt = page.width * 72 / page.dpi, page.height * 72 / page.dpi
        space = b"/DeviceGray" if page.gray else b"/DeviceRGB"
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 "
            b"/Filter /DCTDecode /Length %d >>\nstream\n"
            % (page.width, page.height, space, len(page.jpeg))
            + page.jpeg
            + b"\nendstream"
        )
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (w_pt, h_pt)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (w_pt, h_pt, img_id, content_id)
        )
        kids.append(b"%d 0 R" % page_id)
    objects.insert(0, b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.insert(1, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages)))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
