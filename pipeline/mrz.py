"""Reads the machine-readable zone (ICAO 9303 TD1/TD2/TD3) of a card or page image.

``read_mrz(image)`` locates the zone with cheap morphology (no OCR, so a page
without an MRZ costs a few milliseconds), levels it, reads each line with the
PP-OCRv4 recognizer restricted to ``0-9 A-Z <``, lays every line onto its
fixed length and repairs look-alike characters with the check digits.
MRZ text is personal data: it is never logged above DEBUG.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from sohoa.extractors.mrz import parse_mrz
from sohoa.extractors.mrz_repair import repair_mrz
from sohoa.pipeline.mrz_locate import Zone, locate
from sohoa.pipeline.prepare.clean import to_grey
from sohoa.pipeline.mrz_read import (LineRead, band_strip, fit_length, ordered_bands,
                                     read_line)

log = logging.getLogger(__name__)
_FORMATS = {30: "TD1", 36: "TD2", 44: "TD3"}
# preprocessing tried in turn on a line read with low confidence:
# (margin x text height, flatten background, stretch contrast)
_VARIANTS = ((0.15, False, True), (0.15, False, False), (0.3, True, False), (0.05, False, False))

SURE_LINE = 0.85  # a line read with a lower mean probability is re-read another way


@dataclass
class MrzReading:
    lines: list[str]
    format: str                                # TD1 | TD2 | TD3 (visas: by their length)
    bbox: tuple[float, float, float, float]    # relative x0, y0, x1, y1 on the given image
    confidence: float
    checks_ok: bool


def _bbox(zone: Zone, shape: tuple[int, ...]) -> tuple[float, float, float, float]:
    pts = np.concatenate([cv2.boxPoints(((b.cx, b.cy), (b.length, b.thick * 1.6), b.angle))
                          for b in zone.bands])
    h, w = shape[:2]
    x0, y0 = max(0.0, pts[:, 0].min() / w), max(0.0, pts[:, 1].min() / h)
    x1, y1 = min(1.0, pts[:, 0].max() / w), min(1.0, pts[:, 1].max() / h)
    return (round(float(x0), 4), round(float(y0), 4), round(float(x1), 4), round(float(y1), 4))


def _plausible(line: LineRead, n_est: int) -> bool:
    return len(line.chars) >= 0.6 * n_est and float(np.mean(line.probs)) >= 0.6


def _width(reads: list[LineRead]) -> int:
    if len(reads) == 3:
        return 30
    longest = max(len(r.chars) for r in reads)
    return 36 if abs(longest - 36) < abs(longest - 44) else 44


def _assemble(reads: list[LineRead]) -> tuple[list[str], float, bool, int]:
    n = _width(reads)
    fitted = [fit_length(r, n) for r in reads]
    lines = repair_mrz([f[0] for f in fitted], [f[2] for f in fitted])
    parsed = parse_mrz(lines)
    probs = [p for f in fitted for p in f[1]]
    conf = float(np.mean(probs)) * (1.0 if parsed.checks_ok else 0.8)
    return lines, conf, parsed.checks_ok, sum(parsed.checks.values())


def _read_zone(grey: np.ndarray, zone: Zone, flip: bool, threads: int) -> MrzReading | None:
    """Reads the zone; while check digits fail, re-reads it with other preprocessing."""
    bands = ordered_bands(zone, flip)
    thick = float(np.median([b.thick for b in bands]))
    n_est = 30 if len(bands) == 3 else 44
    best = None
    for margin, flat, stretch in _VARIANTS:
        def read(band):
            strip = band_strip(grey, band, zone.angle, thick, flip, margin, flat)
            return read_line(strip, n_est, threads, stretch)
        reads = {0: read(bands[0])}
        if not _plausible(reads[0], n_est):
            reads[len(bands) - 1] = read(bands[-1])
            if not _plausible(reads[len(bands) - 1], n_est):
                if best is None:
                    return None  # not an MRZ this way up: let the caller try it turned
                continue
        reads = [reads[i] if i in reads else read(b) for i, b in enumerate(bands)]
        lines, conf, ok, n_ok = _assemble(reads)
        if best is None or (ok, n_ok, conf) > (best[2], best[3], best[1]):
            best = (lines, conf, ok, n_ok)
        if ok and min(float(np.mean(r.probs)) if r.probs else 0.0 for r in reads) >= SURE_LINE:
            break
    lines, conf, ok, _ = best
    return MrzReading(lines, _FORMATS[len(lines[0])], _bbox(zone, grey.shape), round(conf, 4), ok)


def read_mrz(image: np.ndarray, dpi: int | None = None, threads: int = 1) -> MrzReading | None:
    """The MRZ of a BGR or grey card/page image, or None when it has none.

    ``dpi`` is accepted for symmetry with the other readers; the zone's own
    band thickness sets the scale.  A zone read upside down is retried turned
    by 180 degrees; the reading whose check digits verify wins.
    """
    if image is None or image.size == 0:
        return None
    grey = to_grey(image)
    best: MrzReading | None = None
    for zone in locate(grey):
        for flip in (False, True):
            reading = _read_zone(grey, zone, flip, threads)
            if reading is None:
                continue
            if best is None or (reading.checks_ok, reading.confidence) > (best.checks_ok,
                                                                           best.confidence):
                best = reading
            if reading.checks_ok:
                log.debug("mrz read: %s, checks ok", reading.format)
                return reading
    if best is None or not _looks_like_mrz(best):
        return None
    log.debug("mrz read: %s, checks failing, confidence %.2f", best.format, best.confidence)
    return best


def _looks_like_mrz(reading: MrzReading) -> bool:
    """A zone whose check digits do not all verify is kept only if it has an MRZ's ``<<`` fillers.

    One check digit passes by chance one time in ten, so dense body text on a
    form (a capital amount, a title) that the locator took for a zone could
    otherwise replace real text with a garbage "MRZ".
    """
    return any("<<" in ln for ln in reading.lines)
