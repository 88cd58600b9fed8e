"""Text-line geometry: skew angle and whether lines run across or down the page.

Both work on a binarized, downscaled copy (~75 dpi): characters of a line are
smeared together with a horizontal close, each elongated component is a text
line, and ``cv2.minAreaRect`` gives its angle; the median over lines is the
page skew (robust to noise, unlike one rectangle over all ink).
"""
from __future__ import annotations

import cv2
import numpy as np

WORK_DPI = 75


def analysis_image(norm: np.ndarray, dpi: int) -> tuple[np.ndarray, float]:
    """Binary ink image at ~WORK_DPI and its scale relative to ``norm``."""
    scale = min(1.0, WORK_DPI / dpi)
    small = cv2.resize(norm, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.mean() > 0.35:  # Otsu on an almost empty page picks noise
        ink = (small < 170).astype(np.uint8)
    return ink, scale


def line_components(ink: np.ndarray) -> list[tuple[tuple[float, float], tuple[float, float], float]]:
    """minAreaRect of each elongated text-line blob, in raster order of the blobs.

    A blob's outer contour has the same convex hull, hence the same
    minAreaRect, as all its pixels, at a fraction of the points (and without
    labelling the image and collecting each label's pixels).
    """
    smear = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, 9), np.uint8))
    smear = cv2.morphologyEx(smear, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    rects = []
    for outline in _outer_contours(smear):
        _x, _y, w, h = cv2.boundingRect(outline)
        if max(w, h) < 30:  # after the 2x2 open such a blob has >= 60 pixels
            continue
        rect = cv2.minAreaRect(outline)
        (rw, rh) = rect[1]
        long_side, short_side = max(rw, rh), max(1.0, min(rw, rh))
        if long_side / short_side >= 5 and short_side <= 12:
            rects.append(rect)
    return rects


def _outer_contours(binary: np.ndarray) -> list[np.ndarray]:
    """Outer contours of all blobs, those inside a frame's hole too (RETR_CCOMP, not EXTERNAL)."""
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return []
    outer = [c for c, link in zip(contours, hierarchy[0]) if link[3] < 0]
    outer.sort(key=lambda c: (c[0, 0, 1], c[0, 0, 0]))  # first pixel of each blob, row by row
    return outer


def _rect_angle(rect) -> float:
    """Angle of the long side in degrees, in (-45, 45]."""
    (_, _), (w, h), a = rect
    if w < h:
        a -= 90
    while a <= -45:
        a += 90
    while a > 45:
        a -= 90
    return a


def skew_angle(ink: np.ndarray, rects=None) -> float:
    """Length-weighted median text-line angle: the counter-clockwise turn that levels the lines."""
    rects = line_components(ink) if rects is None else rects
    rects = [r for r in rects if max(r[1]) >= 6 * max(1.0, min(r[1]))]
    if len(rects) < 2:
        return 0.0
    angles = np.array([_rect_angle(r) for r in rects])
    weights = np.array([max(r[1]) for r in rects])
    order = np.argsort(angles)
    cum = np.cumsum(weights[order])
    return float(angles[order][np.searchsorted(cum, cum[-1] / 2)])


def line_direction_score(ink: np.ndarray, rects=None) -> float:
    """How much more line-like the ink is across than down (log ratio), tilt-tolerant."""
    across = _line_length(line_components(ink) if rects is None else rects)
    down = _line_length(line_components(np.ascontiguousarray(ink.T)))
    return float(np.log((across + 1) / (down + 1)))


def _line_length(rects) -> float:
    total = 0.0
    for rect in rects:
        if min(rect[1]) >= 4 and _is_across(rect):
            total += max(rect[1])
    return total


def _is_across(rect) -> bool:
    """The long side of the rectangle runs within 20 degrees of horizontal."""
    p = cv2.boxPoints(rect)
    e1, e2 = p[1] - p[0], p[2] - p[1]
    dx, dy = e1 if np.hypot(*e1) >= np.hypot(*e2) else e2
    return abs(dy) < np.tan(np.radians(20)) * abs(dx)


def rotate(image: np.ndarray, angle: float, fill: int | tuple = 255) -> np.ndarray:
    """Rotate by ``angle`` degrees counter-clockwise about the centre, same size."""
    if abs(angle) < 0.05:
        return image
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    if image.ndim == 3 and not isinstance(fill, tuple):
        fill = (fill, fill, fill)
    return cv2.warpAffine(image, m, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=fill)


def rot90(image: np.ndarray, degrees: int) -> np.ndarray:
    """Rotate by a multiple of 90 degrees counter-clockwise."""
    k = (degrees // 90) % 4
    codes = {1: cv2.ROTATE_90_COUNTERCLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_CLOCKWISE}
    return image if k == 0 else cv2.rotate(image, codes[k])
