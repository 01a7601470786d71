"""Make a scan of a real PDF fixture: what an agency's printer-and-scanner leaves of each page.

Every page is rasterized in grey (150-200 dpi), turned by up to a degree, sprinkled with speckle,
blurred slightly, saved as JPEG and wrapped as an image-only PDF (no text layer). Randomness is
seeded from the file name, so a scan is the same on every run and its OCR result can be cached.
"""
from __future__ import annotations

import io
import random
import zlib
from pathlib import Path

from PIL import Image, ImageFilter

MAX_TURN = 1.0  # degrees
SPECKLE_PER_MEGAPIXEL = 400
JPEG_QUALITY = 75


def _speckle(img: Image.Image, rng: random.Random) -> None:
    """Dark and light dots, as dust on the scanner glass and toner flecks leave them."""
    w, h = img.size
    px = img.load()
    for _ in range(int(SPECKLE_PER_MEGAPIXEL * w * h / 1e6)):
        x, y = rng.randrange(w), rng.randrange(h)
        shade = rng.choice((0, 40, 80, 255))
        for dx in range(rng.choice((1, 1, 2))):
            for dy in range(rng.choice((1, 1, 2))):
                if x + dx < w and y + dy < h:
                    px[x + dx, y + dy] = shade


def scan_page(page, dpi: int, rng: random.Random) -> Image.Image:
    """One pypdfium2 page as a scanner would return it (grey, turned, speckled, blurred, JPEG'd)."""
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    img = img.rotate(rng.uniform(-MAX_TURN, MAX_TURN), resample=Image.BICUBIC, expand=False, fillcolor=255)
    _speckle(img, rng)
    img = img.filter(ImageFilter.GaussianBlur(radius=0.6))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=JPEG_QUALITY)
    return Image.open(io.BytesIO(buf.getvalue()))


def make_scan(pdf: Path, out: Path, dpi: int = 150, pages: list[int] | None = None) -> Path:
    """Write an image-only PDF scan of ``pdf`` (all pages, or the 1-based ``pages``) to ``out``."""
    import pypdfium2

    rng = random.Random(zlib.crc32(pdf.name.encode()) + dpi)
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        images = [scan_page(doc[n - 1], dpi, rng) for n in numbers]
    finally:
        doc.close()
    images[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return out
