"""Pipeline speed side by side, in one run, on the same 300-dpi A4 pages.

Measures per page (CPU seconds, one process):
  raw_rgb   tesserocr `vie` on the page as loaded (colour)
  raw_grey  tesserocr `vie` on the same page converted to grey
  pipeline  sohoa's whole analysis: prepare + OCR + MRZ/QR + classify + extract
and, in wall time for the whole set with 2 processes: sohoa vs
`ocrmypdf --output-type pdfa-2 -l vie --jobs 2 --optimize 0` (pages/minute),
sohoa's peak RSS per worker, and the MRZ reader's time per card image.

    python bench/pipeline_speed.py [--pages-from DIR] [--out docs/benchmarks.md]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

DEV = Path("/work/shared/data/dev-scans")


def a4_pages(folder: Path) -> list[tuple[str, np.ndarray]]:
    from sohoa.pipeline.loader import load_pages
    pages = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".pdf", ".jpg", ".png", ".tif", ".tiff"}:
            continue
        for page in load_pages(path.read_bytes()):
            h, w = page.image.shape[:2]
            if page.dpi == 300 and min(h, w) >= 2300 and page.text_layer is None:
                pages.append((f"{path.name}#{page.number}", page.image))
    return pages


def cpu() -> float:
    return time.process_time()


def raw_tesseract(pages, grey: bool) -> list[float]:
    import tesserocr
    from sohoa.pipeline.ocr.tessdata import find_tessdata
    times = []
    with tesserocr.PyTessBaseAPI(path=find_tessdata(), lang="vie") as api:
        for _, image in pages:
            pil = Image.fromarray(image[:, :, ::-1] if image.ndim == 3 else image)
            if grey:
                pil = pil.convert("L")
            start = cpu()
            api.SetImage(pil)
            api.GetUTF8Text()
            times.append(cpu() - start)
    return times


def pipeline_times(pages) -> list[float]:
    from sohoa.models.settings import Settings
    from sohoa.pipeline.loader import LoadedPage
    from sohoa.pipeline.runner import get_pipeline
    from sohoa.models.ocr import Document
    pipe = get_pipeline(Settings())
    pipe.analyse_page(LoadedPage(1, pages[0][1], 300))  # warm-up: engines loaded once per process
    times = []
    for _, image in pages:
        start = cpu()
        page = pipe.analyse_page(LoadedPage(1, image, 300))
        pipe.extract([page], Document(pages=[page.ocr]), None)
        times.append(cpu() - start)
    return times


def _sohoa_file(path: str) -> int:
    from sohoa.models.settings import Settings
    from sohoa.pipeline.pdfa import PdfPage, write_searchable_pdfa
    from sohoa.pipeline.runner import get_pipeline
    analysis = get_pipeline(Settings()).analyse(Path(path).read_bytes())
    write_searchable_pdfa([PdfPage(p.image, p.ocr) for p in analysis.pages])  # as ocrmypdf writes its PDF/A
    return peak_rss_kb()


def peak_rss_kb() -> int:
    """VmHWM of this process's own address space (ru_maxrss would include the parent's before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def sohoa_wall(files: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    # spawned, not forked: a worker's RSS must not include this process's page images
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        rss = list(pool.map(_sohoa_file, map(str, files)))
    return time.perf_counter() - start, max(rss) // 1024


def ocrmypdf_wall(files: list[Path]) -> float | None:
    if not shutil.which("ocrmypdf"):
        return None
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            subprocess.run(["ocrmypdf", "--output-type", "pdfa-2", "-l", "vie", "--jobs", "2",
                            "--optimize", "0", "--image-dpi", "300", "-q", str(path),
                            str(Path(tmp) / "out.pdf")], check=True,
                           env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin:" + str(Path(sys.executable).parent)})
    return time.perf_counter() - start


def page_files(pages, tmp: Path) -> list[Path]:
    files = []
    for i, (_, image) in enumerate(pages):
        path = tmp / f"page{i}.png"
        Image.fromarray(image[:, :, ::-1] if image.ndim == 3 else image).save(path, dpi=(300, 300))
        files.append(path)
    return files


def mrz_times(folder: Path) -> list[float]:
    from sohoa.pipeline.loader import load_pages
    from sohoa.pipeline.mrz import read_mrz
    times = []
    for truth in sorted(folder.glob("*.truth.json")):
        if "mrz" not in json.loads(truth.read_text())["fields"]:
            continue
        scan = next(p for p in folder.glob(truth.name.replace(".truth.json", ".*")) if not p.name.endswith(".json"))
        image = load_pages(scan.read_bytes())[0].image
        read_mrz(image)  # warm-up
        start = cpu()
        read_mrz(image)
        times.append(cpu() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages-from", type=Path, default=DEV)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    pages = a4_pages(args.pages_from)
    rgb, grey, pipe = raw_tesseract(pages, False), raw_tesseract(pages, True), pipeline_times(pages)
    with tempfile.TemporaryDirectory() as tmp:
        files = page_files(pages, Path(tmp))
        sohoa_s, rss_mb = sohoa_wall(files)
        ocrmypdf_s = ocrmypdf_wall(files)
    mrz = mrz_times(args.pages_from)
    result = {
        "pages": len(pages),
        "raw_rgb_cpu_s_per_page": statistics.mean(rgb),
        "raw_grey_cpu_s_per_page": statistics.mean(grey),
        "pipeline_cpu_s_per_page": statistics.mean(pipe),
        "pipeline_vs_raw_rgb": statistics.mean(pipe) / statistics.mean(rgb),
        "pipeline_vs_raw_grey": statistics.mean(pipe) / statistics.mean(grey),
        "sohoa_pages_per_min_2proc": 60 * len(pages) / sohoa_s,
        "ocrmypdf_pages_per_min_jobs2": 60 * len(pages) / ocrmypdf_s if ocrmypdf_s else None,
        "throughput_vs_ocrmypdf": ocrmypdf_s / sohoa_s if ocrmypdf_s else None,
        "peak_rss_mb_per_worker": rss_mb,
        "mrz_cpu_s_median": statistics.median(mrz) if mrz else None,
        "mrz_cpu_s_max": max(mrz) if mrz else None,
        "mrz_images": len(mrz),
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
