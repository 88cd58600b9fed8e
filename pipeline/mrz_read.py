"""Reads the lines of a located MRZ with the PP-OCRv4 recognizer.

Each band is cut out levelled, its background flattened, scaled to the
recognizer's 48 px height and decoded with CTC restricted to the MRZ alphabet
(``0-9 A-Z <``).  Every character keeps its time step, so a line whose filler
count came out wrong can be re-laid onto its fixed number of positions.
"""
from __future__ import annotations

import logging
import string
from dataclasses import dataclass

import cv2
import numpy as np

from sohoa.pipeline.mrz_locate import Band, Zone
from sohoa.pipeline.ocr import rapid

log = logging.getLogger(__name__)
ALPHABET = string.digits + string.ascii_uppercase + "<"
REC_H = 48
MAX_PITCH = 40       # widest character pitch passed to the recognizer, in pixels
_INDEX: dict[str, np.ndarray] = {}


@dataclass
class LineRead:
    chars: list[str]
    probs: list[float]
    alts: list[dict[str, float]]   # per character: the top alternatives and their probabilities
    xs: list[float]                # per character: centre, 0..1 of the ink span
    sym: np.ndarray | None = None  # (T, 37) probabilities of the MRZ symbols per time step
    step_xs: np.ndarray | None = None  # (T,) each time step's centre, 0..1 of the ink span

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _class_index() -> np.ndarray:
    """For each MRZ symbol, the recognizer classes that mean it (upper and lower case)."""
    if "idx" not in _INDEX:
        chars = rapid.recognizer_charset()
        pos = {c: i for i, c in enumerate(chars)}
        rows = []
        for c in ALPHABET:
            alts = [c, c.lower()] if c.isalpha() else [c]
            if c == "<":
                alts += ["«", "‹", "く"]
            rows.append([pos.get(a, -1) for a in alts] + [-1] * (5 - len(alts)))
        _INDEX["idx"] = np.array(rows)
    return _INDEX["idx"]


def _mrz_probs(raw: np.ndarray) -> np.ndarray:
    """(T, 1 + 37): blank, then the MRZ alphabet, from the full class distribution."""
    idx = _class_index()
    padded = np.concatenate([raw, np.zeros((raw.shape[0], 1), raw.dtype)], axis=1)
    sym = padded[:, idx].sum(axis=2)
    return np.concatenate([raw[:, :1], sym], axis=1)


def decode(raw: np.ndarray) -> tuple[list[str], list[float], list[dict[str, float]], list[int]]:
    """Greedy CTC over the MRZ alphabet; returns chars, probs, alternatives, time steps.

    A step emits when the non-blank mass beats the blank; the symbol is the
    most likely MRZ character (case merged), so O/0 splits do not drop a glyph.
    """
    p = _mrz_probs(raw)
    blank = raw[:, 0]
    sym = p[:, 1:]
    best = np.where(blank > 1.0 - blank, -1, sym.argmax(axis=1))
    chars, probs, alts, steps = [], [], [], []
    prev = -1
    for t, k in enumerate(best):
        if k >= 0 and k != prev:
            row = sym[t]
            top = np.argsort(row)[::-1][:3]
            chars.append(ALPHABET[k])
            probs.append(float(row[k]))
            alts.append({ALPHABET[j]: float(row[j]) for j in top if row[j] > 0.01})
            steps.append(t)
        elif k >= 0 and chars and sym[t, k] > probs[-1]:
            probs[-1] = float(sym[t, k])
            alts[-1][ALPHABET[k]] = probs[-1]
        prev = k
    return chars, probs, alts, steps


def ordered_bands(zone: Zone, flip: bool = False) -> list[Band]:
    """The zone's bands top to bottom once the zone is levelled (and turned if ``flip``)."""
    t = np.radians(zone.angle + (180.0 if flip else 0.0))
    return sorted(zone.bands, key=lambda b: -b.cx * np.sin(t) + b.cy * np.cos(t))


def _text_rows(strip: np.ndarray) -> tuple[int, int]:
    """The rows of the text line nearest the strip's middle (ink-row profile, Otsu)."""
    thr, _ = cv2.threshold(strip, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    prof = (strip < thr).sum(axis=1).astype(np.float32)
    on = prof > 0.2 * prof.max() if prof.max() > 0 else np.ones_like(prof, bool)
    mid = len(prof) // 2
    if not on[mid]:
        near = np.flatnonzero(on)
        if not len(near):
            return 0, len(prof)
        mid = int(near[np.argmin(np.abs(near - mid))])
    top, bottom = mid, mid
    while top > 0 and on[top - 1]:
        top -= 1
    while bottom < len(prof) - 1 and on[bottom + 1]:
        bottom += 1
    return top, bottom + 1


def band_strip(grey: np.ndarray, band: Band, angle: float, thick: float, flip: bool,
               margin: float, flatten: bool) -> np.ndarray:
    """One line cut out level, tight around its text rows plus ``margin`` x text height."""
    if abs(((band.angle - angle) + 90) % 180 - 90) < 3:
        angle = band.angle
    w, h = int(band.length + 1.5 * thick), int(2.4 * thick) + 1
    rot = cv2.getRotationMatrix2D((band.cx, band.cy), angle + (180.0 if flip else 0.0), 1.0)
    rot[0, 2] += w / 2 - band.cx
    rot[1, 2] += h / 2 - band.cy
    strip = cv2.warpAffine(grey, rot, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    if flatten:
        strip = _flatten(strip)
    top, bottom = _text_rows(strip[int(0.25 * h):int(0.75 * h) + 1])
    top, bottom = top + int(0.25 * h), bottom + int(0.25 * h)
    if bottom - top < 0.4 * thick or bottom - top > 1.3 * thick:
        top, bottom = int(h / 2 - 0.45 * thick), int(h / 2 + 0.45 * thick)
    pad = margin * (bottom - top)
    return strip[max(0, int(top - pad)):min(h, int(bottom + pad) + 1)]


def _flatten(strip: np.ndarray) -> np.ndarray:
    """Background to white, ink to black, contrast stretched."""
    k = max(3, int(strip.shape[0] * 0.6)) | 1
    bg = cv2.morphologyEx(strip, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    norm = cv2.divide(strip, np.maximum(bg, 1), scale=255)
    lo = float(np.percentile(norm, 2))
    return cv2.normalize(np.clip(norm, lo, 255), None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)


def line_input(strip: np.ndarray, n_est: int, stretch: bool = False) -> tuple[np.ndarray, float, float]:
    """One line ready for the recognizer (3 x 48 x W, float) plus its ink span 0..1.

    PP-OCR wants the text to fill most of the 48 px height, at its natural
    width (squeezing the pitch loses characters).
    """
    width = int(strip.shape[1] * REC_H / strip.shape[0])
    width = max(64, min(width, MAX_PITCH * n_est))
    strip = cv2.resize(strip, (width, REC_H), interpolation=cv2.INTER_AREA
                       if strip.shape[0] > REC_H else cv2.INTER_CUBIC)
    thr, _ = cv2.threshold(strip, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    cols = np.flatnonzero((strip < thr).sum(axis=0) > 2)
    strip = strip.astype(np.float32)
    if stretch:
        lo, hi = float(strip.min()), float(np.percentile(strip, 99))
        strip = np.clip((strip - lo) * (255.0 / max(8.0, hi - lo)), 0, 255)
    x0, x1 = (cols[0], cols[-1] + 1) if len(cols) else (0, width)
    img = np.repeat(strip[None] / 127.5 - 1.0, 3, axis=0)
    return img, x0 / width, x1 / width


def _decode_segment(img: np.ndarray, a: int, b: int, px0: float, span: float, threads: int):
    """Recognizes columns a..b of a prepared line; positions relative to the line's ink span."""
    raw = rapid.recognize_logits(np.ascontiguousarray(img[None, :, :, a:b]), threads)[0]
    chars, probs, alts, steps = decode(raw)
    step_xs = (a + (np.arange(raw.shape[0]) + 0.5) / raw.shape[0] * (b - a) - px0) / span
    return chars, probs, alts, [float(step_xs[t]) for t in steps], _mrz_probs(raw)[:, 1:], step_xs


def read_line(strip: np.ndarray, n_est: int, threads: int = 1, stretch: bool = False,
              split: bool = True) -> LineRead:
    """Reads one line; by default as two overlapping halves, merged at the middle.

    PP-OCR loses letters next to a long run of fillers ('VO<<VAN<KHANH<<<...'
    comes out 'O<<A<HAN<<<'); each half alone reads cleanly.
    """
    img, x0, x1 = line_input(strip, n_est, stretch)
    width = img.shape[2]
    px0, span = x0 * width, max(1.0, (x1 - x0) * width)
    if not split or span < 8 * REC_H:
        parts = [(0, width, -np.inf, np.inf)]
    else:
        mid, over = px0 + span / 2, max(REC_H, 0.08 * span)
        parts = [(0, int(mid + over), -np.inf, 0.5), (int(mid - over), width, 0.5, np.inf)]
    out = LineRead([], [], [], [], [], [])
    for a, b, lo, hi in parts:
        chars, probs, alts, xs, sym, step_xs = _decode_segment(img, a, b, px0, span, threads)
        for c, p, al, x in zip(chars, probs, alts, xs):
            if lo <= x < hi:
                out.chars.append(c), out.probs.append(p), out.alts.append(al), out.xs.append(x)
        keep = (step_xs >= lo) & (step_xs < hi)
        out.sym.append(sym[keep]), out.step_xs.append(step_xs[keep])
    out.sym, out.step_xs = np.concatenate(out.sym), np.concatenate(out.step_xs)
    return out


def _slot_guess(line: LineRead, i: int, n: int) -> tuple[str, float, dict[str, float]]:
    """A position the decoder left empty: the likeliest symbol over its time steps.

    Every MRZ position holds ink (fillers too); the recognizer tends to drop
    narrow letters (I, L) standing alone in OCR-B's wide pitch.
    """
    if line.sym is None or line.step_xs is None:
        return "<", 0.3, {"<": 0.3}
    pos = line.step_xs * n
    rows = line.sym[(pos >= i) & (pos < i + 1)]
    if not len(rows):
        return "<", 0.3, {"<": 0.3}
    peak = rows.max(axis=0)
    k = int(peak.argmax())
    top = np.argsort(peak)[::-1][:3]
    return ALPHABET[k], float(peak[k]), {ALPHABET[j]: float(peak[j]) for j in top}


def fit_length(line: LineRead, n: int) -> tuple[str, list[float], list[dict[str, float]]]:
    """The line laid onto exactly ``n`` positions (by time step when the count is off)."""
    if len(line.chars) == n:
        return line.text, list(line.probs), list(line.alts)
    slots: list[tuple[str, float, dict] | None] = [None] * n
    for c, p, a, x in zip(line.chars, line.probs, line.alts, line.xs):
        i = min(n - 1, max(0, int(x * n)))
        if slots[i] is not None and slots[i][1] >= p:
            i = i + 1 if x * n - i > 0.5 else i - 1
            if not 0 <= i < n or slots[i] is not None:
                continue
        slots[i] = (c, p, a)
    filled = [s if s is not None else _slot_guess(line, i, n) for i, s in enumerate(slots)]
    return "".join(s[0] for s in filled), [s[1] for s in filled], [s[2] for s in filled]
