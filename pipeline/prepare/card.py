"""Finding an ID card / driving licence in a photo or a small flatbed scan.

A card (ISO/IEC 7810 ID-1, 85.6 x 54 mm) lying on a table or on the scanner
glass differs from its surroundings in brightness and colour; the largest
such region that is roughly a quadrilateral of card proportions is warped
flat with a perspective transform.
"""
from __future__ import annotations

import logging

import cv2
import numpy as np

log = logging.getLogger(__name__)

CARD_MM = (85.6, 54.0)
MAX_CARD_CAPTURE_MM = 200  # photos/scans with a longer side are pages, not cards


def looks_like_card_capture(image: np.ndarray, dpi: int) -> bool:
    h, w = image.shape[:2]
    return max(h, w) / dpi * 25.4 <= MAX_CARD_CAPTURE_MM


def _candidate_masks(small: np.ndarray) -> list[np.ndarray]:
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    grey = cv2.GaussianBlur(grey, (5, 5), 0)
    _, bright = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    masks = [bright]
    if small.ndim == 3:  # colour distance from the border colour (the table)
        lab = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2LAB).astype(np.float32)
        border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])
        dist = np.linalg.norm(lab - np.median(border, axis=0), axis=2)
        _, diff = cv2.threshold(np.clip(dist, 0, 255).astype(np.uint8), 0, 255,
                                cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        masks.append(diff)
    return masks


def _quad_from_mask(mask: np.ndarray, min_frac: float) -> np.ndarray | None:
    k = max(3, mask.shape[1] // 60)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    area, total = cv2.contourArea(hull), mask.shape[0] * mask.shape[1]
    if not min_frac * total <= area <= 0.93 * total:
        return None
    peri = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
            break
    else:
        quad = cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float32)
    if cv2.contourArea(quad) < 0.85 * area or not _card_shaped(quad):
        return None
    return quad


def _order(quad: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    s, d = quad.sum(axis=1), np.diff(quad, axis=1).ravel()
    return np.array([quad[np.argmin(s)], quad[np.argmin(d)], quad[np.argmax(s)], quad[np.argmax(d)]],
                    np.float32)


def _sides(q: np.ndarray) -> tuple[float, float]:
    q = _order(q)
    w = (np.linalg.norm(q[1] - q[0]) + np.linalg.norm(q[2] - q[3])) / 2
    h = (np.linalg.norm(q[3] - q[0]) + np.linalg.norm(q[2] - q[1])) / 2
    return float(w), float(h)


def _card_shaped(quad: np.ndarray) -> bool:
    w, h = _sides(quad)
    ratio = max(w, h) / max(1.0, min(w, h))
    return 1.3 <= ratio <= 1.9


def find_card(image: np.ndarray, min_frac: float = 0.12) -> np.ndarray | None:
    """Corners (TL, TR, BR, BL) of the card in ``image`` pixels, or None.

    ``min_frac``: the smallest share of the image the card may cover (a card
    on an A4 flatbed covers ~7 %).
    """
    scale = 600 / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    for mask in _candidate_masks(small):
        quad = _quad_from_mask(mask, min_frac)
        if quad is not None:
            return _order(quad / scale)
    return None


def warp_card(image: np.ndarray, quad: np.ndarray, dpi: int) -> np.ndarray:
    """The card flattened to its physical size at ``dpi`` (landscape or portrait as found)."""
    w, h = _sides(quad)
    long_px, short_px = (round(CARD_MM[0] / 25.4 * dpi), round(CARD_MM[1] / 25.4 * dpi))
    out_w, out_h = (long_px, short_px) if w >= h else (short_px, long_px)
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(image, m, (out_w, out_h), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def card_dpi(image: np.ndarray) -> int:
    """Resolution implied by an image that is exactly one card."""
    return round(max(image.shape[:2]) / (CARD_MM[0] / 25.4))


def small_content_box(image: np.ndarray, dpi: int) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1) of all ink when it fits in a card-sized box, plus 3 mm."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    small = cv2.resize(grey, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(small < 200)
    if len(xs) < 20:
        return None
    x0, x1, y0, y1 = xs.min() * 8, (xs.max() + 1) * 8, ys.min() * 8, (ys.max() + 1) * 8
    long_mm, short_mm = (max(x1 - x0, y1 - y0) / dpi * 25.4, min(x1 - x0, y1 - y0) / dpi * 25.4)
    if not (40 <= long_mm <= 95 and short_mm <= 65):
        return None
    pad = int(3 / 25.4 * dpi)
    h, w = grey.shape
    return max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
