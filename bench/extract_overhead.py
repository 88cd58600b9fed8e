"""What extraction (classification + fields + validation + cross-checks) adds to OCR time.

For every scan of a truth set: CPU seconds of the page analysis (load,
prepare, OCR, MRZ, QR) and of the extraction on its result, in one process.

    python bench/extract_overhead.py [DIR]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from sohoa.models.ocr import Document
from sohoa.models.settings import Settings
from sohoa.pipeline.runner import get_pipeline

DEV = Path("/work/shared/data/dev-scans")
SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}


def measure(path: Path, pipeline) -> tuple[float, float]:
    start = time.process_time()
    pages = pipeline.analyse_pages(path.read_bytes())
    ocr = time.process_time() - start
    document = Document(pages=[p.ocr for p in pages])
    start = time.process_time()
    for _ in range(5):  # extraction is fast: repeat for a stable figure
        pipeline.extract(pages, document, None)
    return ocr, (time.process_time() - start) / 5


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    pipeline = get_pipeline(Settings())
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    measure(files[0], pipeline)  # warm-up: engines and tables loaded once
    rows = [measure(p, pipeline) for p in files]
    ocr, ext = sum(r[0] for r in rows), sum(r[1] for r in rows)
    share = [r[1] / r[0] for r in rows if r[0] > 0]
    print(f"documents={len(rows)} ocr_cpu_s={ocr:.1f} extraction_cpu_s={ext:.2f} "
          f"overhead_total={100 * ext / ocr:.1f}% overhead_median={100 * statistics.median(share):.1f}% "
          f"overhead_max={100 * max(share):.1f}%")


if __name__ == "__main__":
    main()
