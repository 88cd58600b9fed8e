"""MRZ reader on the specimen images: exact reads, seconds per image, no-MRZ time.

    python bench/mrz_specimens.py [--dir /work/shared/data/mrz-specimens] [--show]

Prints one JSON object on stdout (``--show`` adds per-image lines on stderr,
which hold MRZ text of specimen documents only).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from sohoa.pipeline.mrz import read_mrz  # noqa: E402
from sohoa.pipeline.ocr.rapid import get_rapidocr  # noqa: E402

DEFAULT_DIR = "/work/shared/data/mrz-specimens"


def run(folder: Path, show: bool = False) -> dict:
    truth = json.loads((folder / "ground_truth.json").read_text())
    cv2.setNumThreads(1)
    get_rapidocr(1)  # build the engine outside the timings
    exact, times, cpus, no_mrz_times, no_mrz_cpus, misses = 0, [], [], [], [], []
    for name, gt in sorted(truth.items()):
        image = cv2.imread(str(folder / name), cv2.IMREAD_COLOR)
        t0, c0 = time.perf_counter(), time.process_time()
        reading = read_mrz(image)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        if gt["mrz_type"] == "none":
            no_mrz_times.append(dt)
            no_mrz_cpus.append(cpu)
            ok = reading is None
        else:
            times.append(dt)
            cpus.append(cpu)
            ok = reading is not None and reading.lines == gt["lines"]
            exact += ok
            if not ok:
                misses.append(name)
        if show:
            got = reading.lines if reading else None
            print(f"{'OK ' if ok else 'BAD'} {dt:5.2f}s {cpu:5.2f}cpu {name} {got} gt={gt['lines']}",
                  file=sys.stderr)
    return {
        "images_with_mrz": len(times), "exact": exact,
        "median_s": round(float(np.median(times)), 3),
        "p90_s": round(float(np.percentile(times, 90)), 3),
        "median_cpu_s": round(float(np.median(cpus)), 3),
        "p90_cpu_s": round(float(np.percentile(cpus, 90)), 3),
        "no_mrz_pages": len(no_mrz_times),
        "no_mrz_max_s": round(max(no_mrz_times), 3) if no_mrz_times else None,
        "no_mrz_max_cpu_s": round(max(no_mrz_cpus), 3) if no_mrz_cpus else None,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "misses": misses,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", default=DEFAULT_DIR)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    print(json.dumps(run(Path(args.dir), args.show), indent=1))


if __name__ == "__main__":
    main()
