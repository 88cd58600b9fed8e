"""Cheap location of a machine-readable zone: 2-3 long, parallel, equal bands.

Works on a downscaled grey image with morphology only (no OCR), so a page
without an MRZ is rejected in a few milliseconds.  Bands are found with a
horizontal and a vertical closing, so zones turned by 90 degrees are found
too; ``minAreaRect`` gives each band's angle, so skew up to ~30 degrees is
tolerated.  Whether a zone is upside down is decided later by the reader.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from sohoa.pipeline.prepare.clean import to_grey

log = logging.getLogger(__name__)
WORK_SIDE = 900          # the longer side of the working image, in pixels
MIN_BAND_FRACTION = 0.22  # a band must span this share of the image's shorter side
MIN_ASPECT = 9.0
GAP_DIVISORS = (60, 36, 22)
MIN_PERIODICITY = 0.33
MIN_ZONE_ASPECT = 20.0   # mean band length / thickness of a zone
MIN_LENGTH_RATIO = 0.9   # lines of one zone have (nearly) the same length


@dataclass
class Band:
    cx: float
    cy: float
    length: float
    thick: float
    angle: float  # degrees, direction of the band's long axis in (-90, 90]


@dataclass
class Zone:
    """A candidate zone in original-image pixels: its lines, centre line order."""
    bands: list[Band]
    angle: float       # degrees to rotate the image by (counter-clockwise) to level it
    score: float
    period: float = 0.0

    @property
    def center(self) -> tuple[float, float]:
        return (float(np.mean([b.cx for b in self.bands])),
                float(np.mean([b.cy for b in self.bands])))


def _text_mask(grey: np.ndarray) -> np.ndarray:
    """Dark, thin strokes on a lighter background (blackhat + Otsu)."""
    k = max(9, int(round(min(grey.shape) / 28)))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    bh = cv2.morphologyEx(grey, cv2.MORPH_BLACKHAT, kernel)
    otsu, _ = cv2.threshold(bh, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    mask = (bh >= max(20.0, otsu)).astype(np.uint8) * 255
    long_ = max(15, min(grey.shape) // 10)
    rules = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, long_), np.uint8))
    rules |= cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((long_, 1), np.uint8))
    return cv2.subtract(mask, cv2.dilate(rules, np.ones((3, 3), np.uint8)))


def periodicity(mask: np.ndarray, band: "Band") -> float:
    """How strongly a band's ink repeats at one pitch (monospaced OCR-B: high)."""
    length, thick = int(band.length), max(3, int(band.thick))
    rot = cv2.getRotationMatrix2D((band.cx, band.cy), band.angle, 1.0)
    rot[0, 2] += length / 2 - band.cx
    rot[1, 2] += thick / 2 - band.cy
    strip = cv2.warpAffine(mask, rot, (length, thick), flags=cv2.INTER_NEAREST)
    prof = strip.astype(np.float32).sum(axis=0)
    prof -= prof.mean()
    denom = float((prof * prof).sum())
    if denom <= 0:
        return 0.0
    lo, hi = max(2, int(0.35 * thick)), max(4, int(1.6 * thick))
    ac = [float((prof[:-lag] * prof[lag:]).sum()) / denom for lag in range(lo, min(hi, length // 4))]
    return max(ac, default=0.0)


def _bands(mask: np.ndarray, vertical: bool, gap: int) -> list[Band]:
    short = min(mask.shape)
    size = (1, gap) if vertical else (gap, 1)
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    opened = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours:
        if len(c) < 4:
            continue
        (cx, cy), (w, h), ang = cv2.minAreaRect(c)
        length, thick = max(w, h), max(1.0, min(w, h))
        if length < MIN_BAND_FRACTION * short or length / thick < MIN_ASPECT:
            continue
        if w < h:
            ang += 90.0
        ang = ((ang + 90.0) % 180.0) - 90.0
        if thick < 3 or cv2.contourArea(c) < 0.5 * length * thick:
            continue
        out.append(Band(cx, cy, length, thick, ang))
    return out


def _compatible(a: Band, b: Band) -> bool:
    d_ang = abs(((a.angle - b.angle) + 90) % 180 - 90)
    if d_ang > 4 or min(a.length, b.length) / max(a.length, b.length) < MIN_LENGTH_RATIO:
        return False
    t = np.radians(a.angle)
    ux, uy = np.cos(t), np.sin(t)
    dx, dy = b.cx - a.cx, b.cy - a.cy
    along, across = dx * ux + dy * uy, -dx * uy + dy * ux
    thick = max(a.thick, b.thick)
    starts = abs(along - (b.length - a.length) / 2)  # left ends of the two lines
    return starts < 2.5 * thick and 1.1 * thick < abs(across) < 3.2 * thick


def _groups(bands: list[Band]) -> list[list[Band]]:
    groups = []
    for i, a in enumerate(bands):
        mates = [b for j, b in enumerate(bands) if j != i and _compatible(a, b)]
        group = sorted([a] + mates, key=lambda b: (b.cx * np.sin(np.radians(a.angle)) * -1
                                                   + b.cy * np.cos(np.radians(a.angle))))
        if 2 <= len(group) <= 3 and all(_compatible(group[k], group[k + 1])
                                        for k in range(len(group) - 1)):
            groups.append(group)
    unique = {}
    for g in groups:
        unique.setdefault(tuple(sorted(id(b) for b in g)), g)
    return list(unique.values())


def _score(group: list[Band], mask: np.ndarray) -> tuple[float, float]:
    lengths = [b.length for b in group]
    evenness = min(lengths) / max(lengths)
    aspect = float(np.mean([b.length / b.thick for b in group]))
    period = float(np.mean([periodicity(mask, b) for b in group]))
    return evenness * min(aspect, 40.0) / 40.0 + 0.1 * len(group) + period, period


def _unrotate(b: Band, inv: np.ndarray, scale: float) -> Band:
    """A band found on a rotated working image, back in original-image pixels."""
    t = np.radians(b.angle)
    ends = np.array([[b.cx - b.length / 2 * np.cos(t), b.cy - b.length / 2 * np.sin(t), 1.0],
                     [b.cx + b.length / 2 * np.cos(t), b.cy + b.length / 2 * np.sin(t), 1.0]])
    (x0, y0), (x1, y1) = ends @ inv.T
    ang = ((np.degrees(np.arctan2(y1 - y0, x1 - x0)) + 90.0) % 180.0) - 90.0
    return Band((x0 + x1) / 2 / scale, (y0 + y1) / 2 / scale, b.length / scale, b.thick / scale,
                float(ang))


def _zones_at(small: np.ndarray, scale: float, turn: float,
              tilts: list[float] | None = None) -> list[Zone]:
    """Zones on the working image turned by ``turn`` degrees (0: also vertical lines).

    Angles of long bands tilted 8-45 degrees are appended to ``tilts``.
    """
    inv = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    if turn:
        h, w = small.shape
        rot = cv2.getRotationMatrix2D((w / 2, h / 2), turn, 1.0)
        small = cv2.warpAffine(small, rot, (w, h), borderMode=cv2.BORDER_REPLICATE)
        inv = cv2.invertAffineTransform(rot)
    mask = _text_mask(small)
    short = min(mask.shape)
    zones = []
    for vertical, gap in [(v, max(4, int(round(short / d)))) for v in ((False, True) if not turn
                                                                       else (False,))
                          for d in GAP_DIVISORS]:
        bands = _bands(mask, vertical, gap)
        if tilts is not None:
            tilts.extend(b.angle for b in bands if 8 < abs(b.angle) < 45)
        for group in _groups(bands):
            if np.mean([b.length / b.thick for b in group]) < MIN_ZONE_ASPECT:
                continue  # MRZ lines are ~30-44 characters long: prose headings are shorter
            score, period = _score(group, mask)
            if period < MIN_PERIODICITY:
                continue
            bands = [_unrotate(b, inv, scale) for b in group]
            zones.append(Zone(bands, float(np.mean([b.angle for b in bands])), score, period))
    return zones


def _working_image(image: np.ndarray) -> tuple[np.ndarray, float]:
    """Grey, longer side WORK_SIDE; big pages are first thinned by striding (cheap)."""
    step = max(1, int(max(image.shape[:2]) / (2 * WORK_SIDE)))
    thin = np.ascontiguousarray(image[::step, ::step]) if step > 1 else image
    grey = to_grey(thin)
    scale = WORK_SIDE / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale,
                       interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    return small, scale / step


def locate(image: np.ndarray, max_zones: int = 2) -> list[Zone]:
    """Candidate zones, best first; empty when nothing looks like an MRZ.

    Level and 90-degree zones are looked for first; only when there is none
    and long bands lie at a slant is the working image levelled on them.
    """
    small, scale = _working_image(image)
    tilts: list[float] = []
    zones = _zones_at(small, scale, 0.0, tilts)
    if not zones and tilts:  # long bands at a slant: level the image on them and look again
        zones = _zones_at(small, scale, float(np.median(tilts)))
    zones.sort(key=lambda z: -z.score)
    kept: list[Zone] = []
    for z in zones:
        if all(np.hypot(z.center[0] - k.center[0], z.center[1] - k.center[1])
               > 0.5 * k.bands[0].thick for k in kept):
            kept.append(z)
    log.debug("mrz locate: %d candidate zone(s)", len(kept))
    return kept[:max_zones]
