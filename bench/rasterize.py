"""pypdfium2 vs pdf2image (poppler), CPU ms per page at 300 dpi, same PDFs, one run.

    python bench/rasterize.py [DIR]
"""
from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
from pdf2image import convert_from_bytes

DEV = Path("/work/shared/data/dev-scans")


def cpu_total() -> float:
    """CPU of this process and its finished children (pdftoppm runs as a child)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def pdfium_ms(data: bytes) -> list[float]:
    doc, times = pdfium.PdfDocument(data), []
    for page in doc:
        start = cpu_total()
        page.render(scale=300 / 72).to_numpy()
        times.append((cpu_total() - start) * 1000)
    return times


def poppler_ms(data: bytes) -> list[float]:
    n, times = len(pdfium.PdfDocument(data)), []
    for i in range(1, n + 1):
        start = cpu_total()
        convert_from_bytes(data, dpi=300, first_page=i, last_page=i)[0].load()
        times.append((cpu_total() - start) * 1000)
    return times


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    pdfs = sorted(folder.glob("*.pdf"))
    a = [t for p in pdfs for t in pdfium_ms(p.read_bytes())]
    b = [t for p in pdfs for t in poppler_ms(p.read_bytes())]
    print(f"pages={len(a)} pypdfium2_ms_median={statistics.median(a):.0f} "
          f"pdf2image_ms_median={statistics.median(b):.0f} ratio={statistics.median(b) / statistics.median(a):.1f}")


if __name__ == "__main__":
    main()
