"""CER and seconds per page of prepare + OCR on the dev scans.

    python bench/ocr_quality.py [--data DIR] [--only SUBSTR] [--raw] [-v]

CER is score.py's own (order-independent bag-of-words edit distance, dot
leaders dropped, text read where there is none counted).  ``--raw`` also
times plain tesserocr on the grey page (no preparation) for the speed ratio.
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import logging
import os
import sys
import time

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np  # noqa: E402
from PIL import Image, ImageSequence  # noqa: E402

DATA = "/work/shared/data/dev-scans"
SCORE = "/work/shared/eval/score.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("sohoa_score", SCORE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def rasterize(path: str) -> list[tuple[np.ndarray, int]]:
    """BGR pages and their dpi."""
    if path.lower().endswith(".pdf"):
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(path)
        return [(np.array(doc[i].render(scale=300 / 72).to_pil().convert("RGB"))[..., ::-1].copy(), 300)
                for i in range(len(doc))]
    img = Image.open(path)
    dpi = int(round(float((img.info.get("dpi") or (300, 300))[0]))) or 300
    return [(np.array(f.convert("RGB"))[..., ::-1].copy(), dpi) for f in ImageSequence.Iterator(img)]


def raw_seconds(api, img) -> float:
    """CPU seconds of plain tesserocr on the grey page as it comes."""
    import cv2

    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    t0 = time.process_time()
    api.SetImage(Image.fromarray(grey))
    api.Recognize()
    return time.process_time() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--only", default="")
    ap.add_argument("--raw", action="store_true")
    ap.add_argument("--ocr-dpi", type=int, default=300)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.v else logging.WARNING, stream=sys.stderr)
    from sohoa.pipeline.ocr.tesseract import TesseractEngine
    from sohoa.pipeline.prepare import prepare_page

    score, engine = load_scorer(), TesseractEngine()
    raw_api = None
    if args.raw:
        import tesserocr

        from sohoa.pipeline.ocr.tessdata import find_tessdata
        raw_api = tesserocr.PyTessBaseAPI(path=find_tessdata(), lang="vie")  # Tesseract's defaults
    num = den = 0
    t_prep = t_ocr = t_raw = 0.0
    n_pages = 0
    a4 = [0.0, 0.0, 0.0, 0]  # prepare, ocr, raw seconds and count of A4 (non-card) pages
    for truth_path in sorted(glob.glob(os.path.join(args.data, "*.truth.json"))):
        truth = json.load(open(truth_path, encoding="utf-8"))
        if args.only not in truth["id"]:
            continue
        pages = rasterize(os.path.join(args.data, truth["file"]))
        texts = []
        for i, (img, dpi) in enumerate(pages, 1):
            t0 = time.process_time()
            prep = prepare_page(img, dpi, args.ocr_dpi)
            t1 = time.process_time()
            page = engine.recognize(prep, i)
            t2 = time.process_time()
            t_prep, t_ocr = t_prep + t1 - t0, t_ocr + t2 - t1
            texts.append(page.text)
            if raw_api is not None:
                raw = raw_seconds(raw_api, img)
                t_raw += raw
                if not prep.is_card:
                    a4[0] += t1 - t0
                    a4[1] += t2 - t1
                    a4[2] += raw
                    a4[3] += 1
            info = f"rot={prep.rotation} skew={prep.skew:+.2f} card={prep.is_card} dpi={prep.dpi}"
        n_pages += len(pages)
        ref = score.text_norm("\n".join(truth.get("text_lines") or []))
        hyp = score.text_norm("\n".join(texts))
        dist = score.bag_distance(ref, hyp)
        n = len(ref.replace(" ", ""))
        num, den = num + dist, den + n
        print(f"{truth['id']:28s} cer={dist / max(1, n):6.3f} {info}", flush=True)
        if args.v:
            print(hyp, "\n---", file=sys.stderr)
    cer = num / max(1, den)
    line = (f"CER={cer:.4f} pages={n_pages} prepare_s/page={t_prep / n_pages:.3f} "
            f"ocr_s/page={t_ocr / n_pages:.3f} total_s/page={(t_prep + t_ocr) / n_pages:.3f}")
    if raw_api is not None:
        line += f" raw_tesserocr_s/page={t_raw / n_pages:.3f}"
        if a4[3]:
            line += (f"\nA4 pages: {a4[3]} prepare_s/page={a4[0] / a4[3]:.3f} ocr_s/page={a4[1] / a4[3]:.3f}"
                     f" raw_tesserocr_s/page={a4[2] / a4[3]:.3f} ratio={(a4[0] + a4[1]) / a4[2]:.2f}")
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
