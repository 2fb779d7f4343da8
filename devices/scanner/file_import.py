"""File import for laptops: JPEG, PNG, TIFF (every frame) and PDF (every page, rendered by QtPdf at a chosen dpi).

Contract: a file that is not a readable image or PDF (truncated, corrupt, empty, renamed, a decompression bomb)
raises `ScannerError("unreadable")` naming the file, never a Pillow traceback; QtPdf needs no widgets.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from devices.scanner.errors import ScannerError

MAX_PIXELS = 60_000_000
"""A page larger than this (e.g. 7,000 × 8,500) is refused: no real scan of a document needs it."""
MAX_PAGES = 60
"""More pages than this in one file are refused (each page is ~14 MB in memory at 200 dpi before compression)."""


def _unreadable(path: Path, why: str) -> ScannerError:
    return ScannerError("unreadable", file=path.name, why=why)


class FileImport:
    """The `file` driver as a scanner: `scan()` imports the file (`open_scanner` makes one)."""

    def __init__(self, path: str | Path, *, pdf_dpi: int = 200) -> None:
        self.path = Path(path)
        self.pdf_dpi = pdf_dpi

    def scan(self) -> list[Image.Image]:
        return import_file(self.path, pdf_dpi=self.pdf_dpi)


def import_file(path: str | Path, *, pdf_dpi: int = 200, max_pages: int = MAX_PAGES) -> list[Image.Image]:
    """The pages of one file, as RGB or L images (EXIF orientation applied)."""
    p = Path(path)
    try:
        head = p.open("rb").read(5)
    except OSError as exc:
        raise _unreadable(p, exc.strerror or str(exc)) from exc
    if not head:
        raise _unreadable(p, "empty file")
    if head == b"%PDF-":
        return _import_pdf(p, pdf_dpi, max_pages)
    pages: list[Image.Image] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(p) as img:
                frames = getattr(img, "n_frames", 1)
                if frames > max_pages:
                    raise _too_many(p, frames, max_pages)
                for frame in range(frames):
                    img.seek(frame)
                    if img.width * img.height > MAX_PIXELS:
                        raise _unreadable(p, f"image too large ({img.width}×{img.height})")
                    img.load()
                    page = ImageOps.exif_transpose(img)
                    pages.append(page.convert("L" if page.mode in ("1", "L", "I;16", "I") else "RGB"))
    except ScannerError:
        raise
    except UnidentifiedImageError as exc:
        raise _unreadable(p, "not an image or PDF") from exc
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _unreadable(p, str(exc) or type(exc).__name__) from exc
    return pages


def _too_many(p: Path, pages: int, limit: int) -> ScannerError:
    return ScannerError("too_many_pages", file=p.name, pages=pages, limit=limit)


def _import_pdf(p: Path, dpi: int, max_pages: int) -> list[Image.Image]:
    try:
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QImage
        from PySide6.QtPdf import QPdfDocument
    except ImportError as exc:
        raise ScannerError("missing_library", reason="no_qtpdf", error=str(exc)) from exc
    doc = QPdfDocument()
    try:
        error = doc.load(str(p))
        if error != QPdfDocument.Error.None_ or doc.pageCount() == 0:
            raise _unreadable(p, f"PDF: {error.name}")
        if doc.pageCount() > max_pages:
            raise _too_many(p, doc.pageCount(), max_pages)
        pages = []
        for n in range(doc.pageCount()):
            pt = doc.pagePointSize(n)
            size = QSize(max(1, round(pt.width() * dpi / 72)), max(1, round(pt.height() * dpi / 72)))
            if size.width() * size.height() > MAX_PIXELS:
                raise _unreadable(p, f"PDF page {n + 1} too large at {dpi} dpi")
            qimg = doc.render(n, size).convertToFormat(QImage.Format.Format_RGBA8888)
            if qimg.isNull():
                raise _unreadable(p, f"PDF page {n + 1} cannot be rendered")
            rgba = Image.frombuffer(
                "RGBA", (qimg.width(), qimg.height()), bytes(qimg.constBits()), "raw", "RGBA", qimg.bytesPerLine(), 1
            )
            white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            page = Image.alpha_composite(white, rgba).convert("RGB")
            page.info["dpi"] = (dpi, dpi)
            pages.append(page)
        return pages
    finally:
        doc.close()
