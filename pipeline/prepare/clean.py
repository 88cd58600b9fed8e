"""Background normalization and masking of what is not text.

The page is divided by a morphological close of itself, which flattens
uneven illumination, paper colour and smooth card backgrounds.  Then the
connected components of the binarized page are sorted into text-sized ones
and the rest: photos, fingerprints, QR codes, barcodes, guilloche patterns,
seal rings and dotted leader lines are painted white so that they never
reach the OCR engine.
"""
from __future__ import annotations

import cv2
import numpy as np

from sohoa.pipeline.prepare.blobs import components
from sohoa.pipeline.prepare.scale import shrink

INK = 170  # normalized grey below this counts as ink
PAPER = 205  # normalized grey above this is paper


def to_grey(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def normalize_background(grey: np.ndarray, dpi: int) -> np.ndarray:
    """Divide by the page's own closed background (done at quarter scale: cheap)."""
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    k = max(3, int(dpi / 4 / 12) | 1)  # ~2 mm: wider than any stroke
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    bg = cv2.resize(bg, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    cv2.max(bg, grey, dst=bg)
    return cv2.divide(grey, bg, scale=255)


def ink_mask(norm: np.ndarray) -> np.ndarray:
    return (norm < INK).astype(np.uint8)


def _red_pixels(image: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    return (((hue < 12) | (hue > 165)) & (sat > 70) & (val > 60)).astype(np.uint8)


def seal_boxes(image: np.ndarray, dpi: int) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of red stamps and seals: saturated red in a large round blob."""
    if image.ndim != 3:
        return []
    colour = _red_pixels(image)
    k = max(3, dpi // 25)
    blob = cv2.dilate(colour, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, _labels, stats = components(blob)
    min_side, max_side = dpi * 0.5, dpi * 2.2  # seals are 13..55 mm across
    return [tuple(int(v) for v in stats[i][:4]) for i in range(1, n)
            if min_side <= stats[i][2] <= max_side and min_side <= stats[i][3] <= max_side
            and 0.7 < stats[i][2] / stats[i][3] < 1.4]


def seal_mask(image: np.ndarray, dpi: int, scan_scale: float = 0.25) -> np.ndarray | None:
    """Full-resolution mask of a seal's red pixels only (grown by one pixel), None without a seal.

    Seals are found on a small copy, but the mask is the red pixels of the
    full page inside each seal's box: black text printed over the seal
    (the signer's name, the title) is dark, not red, and survives.  Only the
    boxes are dilated: most pages have no seal, and a full-page dilate of
    an empty mask cost ~6 ms.
    """
    if image.ndim != 3:
        return None
    boxes = seal_boxes(shrink(image, scan_scale), int(dpi * scan_scale))
    if not boxes:
        return None
    out = np.zeros(image.shape[:2], np.uint8)
    for x, y, w, h in boxes:
        x0, y0 = int(x / scan_scale), int(y / scan_scale)
        _grow_red(image, out, x0, y0, x0 + int(w / scan_scale), y0 + int(h / scan_scale))
    return out


def _grow_red(image: np.ndarray, out: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> None:
    """OR into ``out`` the red pixels of the box, dilated 3x3 (hence a one-pixel margin)."""
    H, W = out.shape
    x1, y1 = min(x1, W), min(y1, H)
    if x1 <= x0 or y1 <= y0:
        return
    mx0, my0, mx1, my1 = max(0, x0 - 1), max(0, y0 - 1), min(W, x1 + 1), min(H, y1 + 1)
    red = np.zeros((my1 - my0, mx1 - mx0), np.uint8)
    red[y0 - my0:y1 - my0, x0 - mx0:x1 - mx0] = _red_pixels(image[y0:y1, x0:x1])
    out[my0:my1, mx0:mx1] |= cv2.dilate(red, np.ones((3, 3), np.uint8))


def component_filter(ink: np.ndarray, dpi: int) -> tuple[np.ndarray, float, np.ndarray]:
    """Mask of non-text ink, the median text height (pixels), component stats.

    Components much taller or wider than a letter are not text.  Frames and
    rules (ink in the corners of their box) lose only their own pixels; blobs,
    rings and dense patches (photos, fingerprints, QR codes, emblems, seals)
    lose their whole box, with whatever small specks lie inside it.
    """
    n, labels, stats = components(ink)
    if n <= 1:
        return np.zeros_like(ink), dpi / 12, stats
    w, h, area = stats[1:, 2], stats[1:, 3], stats[1:, 4]
    char_like = (h > dpi / 30) & (h < dpi / 4) & (w < dpi / 2.5)  # not dots, not blobs
    text_h = float(np.median(h[char_like])) if char_like.any() else dpi / 12
    big = (h > max(3.5 * text_h, dpi / 8)) | (w > max(12 * text_h, dpi))
    mask = np.zeros_like(ink)
    blob_like = (w < 5 * h) & (h < 5 * w)
    framed = []  # frames, underlines, bars: only their straight lines go
    for i in np.flatnonzero(big):
        x, y, bw, bh = stats[i + 1, :4]
        box = labels[y:y + bh, x:x + bw] == i + 1
        if blob_like[i] and (area[i] > 0.22 * bw * bh or _corners_inked(box) < 3):
            mask[y:y + bh, x:x + bw] = 1
        else:
            framed.append((x, y, bw, bh, box))
    _mask_rules(mask, ink, text_h, framed)
    return mask, text_h, stats


def _mask_rules(mask: np.ndarray, ink: np.ndarray, text_h: float, framed: list) -> None:
    """Set in ``mask`` the pixels of each framed component that lie on a rule.

    The rules are found around each component's box only, unless the boxes
    cover most of the page (a page-wide frame): half the pages have no frame,
    and the two openings of a whole page cost ~8 ms.
    """
    page_rules = _rules(ink, text_h) if sum(b[2] * b[3] for b in framed) > ink.size / 2 else None
    for x, y, bw, bh, box in framed:
        if page_rules is not None:
            on_rule = page_rules[y:y + bh, x:x + bw]
        else:
            on_rule = _rules_in_box(ink, text_h, x, y, bw, bh)
        mask[y:y + bh, x:x + bw] |= box & (on_rule > 0)


def _rules_in_box(ink: np.ndarray, text_h: float, x: int, y: int, w: int, h: int) -> np.ndarray:
    """``_rules(ink, text_h)[y:y + h, x:x + w]``, computed on the box and a margin only.

    An opening by a k-pixel line reads at most k pixels either side, so a
    margin of k + 1 (or the page edge, treated as the page treats it) gives
    the same pixels as opening the whole page.
    """
    m = _rule_length(text_h) + 1
    y0, x0 = max(0, y - m), max(0, x - m)
    crop = np.ascontiguousarray(ink[y0:y + h + m, x0:x + w + m])
    return _rules(crop, text_h)[y - y0:y - y0 + h, x - x0:x - x0 + w]


def dense_mask(ink: np.ndarray, text_h: float) -> np.ndarray:
    """Boxes of patches much denser than print (QR codes, photos, fingerprints).

    Ink density over windows of 4x4 letter heights: text with its line gaps
    stays under ~30 %, even bold titles; QR codes and photos are ~50 %.
    """
    out = np.zeros_like(ink)
    s = max(1, int(text_h / 3))
    small = cv2.resize(ink.astype(np.float32), (ink.shape[1] // s, ink.shape[0] // s),
                       interpolation=cv2.INTER_AREA)
    k = max(3, int(4 * text_h / s))
    dense = (cv2.boxFilter(small, -1, (k, k)) > 0.42).astype(np.uint8)
    n, _, stats = components(dense)
    for x, y, w, h, _area in stats[1:]:
        x0, y0 = max(0, (x - k // 2) * s), max(0, (y - k // 2) * s)
        out[y0:(y + h + k // 2) * s, x0:(x + w + k // 2) * s] = 1
    return out


def _rules(ink: np.ndarray, text_h: float) -> np.ndarray:
    """Ink on straight horizontal or vertical runs longer than three letters."""
    k = _rule_length(text_h)
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, k), np.uint8))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((k, 1), np.uint8))
    return across | down


def _rule_length(text_h: float) -> int:
    return max(5, int(3 * text_h))


def _corners_inked(box: np.ndarray) -> int:
    """How many of the four corners of a component's box hold its ink."""
    ch, cw = max(1, box.shape[0] // 10), max(1, box.shape[1] // 10)
    corners = (box[:ch, :cw], box[:ch, -cw:], box[-ch:, :cw], box[-ch:, -cw:])
    return sum(bool(c.any()) for c in corners)


def leader_mask(ink: np.ndarray, text_h: float, stats: np.ndarray) -> np.ndarray:
    """Rows of dots ("........") as a mask.

    Dots are small round components; four or more on one row, each within
    2.5 letter heights of the next, are a leader.  A dot with other ink right
    above or below it is a diacritic (the dot of "ậ", a tone mark) and stays.
    Works on component statistics, not pixels: a form page has thousands of dots.
    """
    out = np.zeros_like(ink)
    x, y, w, h = (stats[1:, i] for i in range(4))
    dots = (w <= 0.35 * text_h) & (h <= 0.35 * text_h) & (w <= 2.5 * h) & (h <= 2.5 * w)
    x, y, w, h = x[dots], y[dots], w[dots], h[dots]
    if len(x) < 4:
        return out
    k = max(2, int(0.45 * text_h))
    integral = cv2.integral(ink)
    H, W = ink.shape

    def ink_in(y0, y1):  # ink in the dot's columns between rows y0..y1 (exclusive)
        y0, y1 = np.clip(y0, 0, H), np.clip(y1, 0, H)
        return (integral[y1, x + w] - integral[y0, x + w] - integral[y1, x] + integral[y0, x])

    alone = (ink_in(y - k, y) == 0) & (ink_in(y + h, y + h + k) == 0)
    x, y, w, h = x[alone], y[alone], w[alone], h[alone]
    band = np.floor((y + h / 2) / max(1.0, 0.3 * text_h)).astype(np.int64)
    order = np.lexsort((x, band))
    x, y, w, h, band = x[order], y[order], w[order], h[order], band[order]
    new_run = np.ones(len(x), bool)
    new_run[1:] = (band[1:] != band[:-1]) | (x[1:] - (x[:-1] + w[:-1]) > 2.5 * text_h)
    run_id = np.cumsum(new_run)
    counts = np.bincount(run_id)
    for i in np.flatnonzero(counts[run_id] >= 4):
        out[y[i]:y[i] + h[i], x[i]:x[i] + w[i]] = 1
    return out


def text_only(image: np.ndarray, norm: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Grey page with non-text painted white, the non-text mask, text height (pixels).

    The component analysis runs at half resolution above 250 dpi: it only has
    to tell blobs from letters, and it is the costliest step of preparation.
    """
    f = 0.5 if dpi >= 250 else 1.0
    small_norm = cv2.resize(norm, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else norm
    sdpi = int(dpi * f)
    ink = ink_mask(small_norm)
    seal_full = seal_mask(image, dpi)
    ink_wo_seal = ink if seal_full is None else _without(ink, seal_full)
    junk, text_h, stats = component_filter(ink_wo_seal, sdpi)
    leaders = leader_mask(ink_wo_seal, text_h, stats)
    small_mask = cv2.dilate(leaders, np.ones((3, 3), np.uint8)) | junk  # no halo for rules
    small_mask |= dense_mask(ink_wo_seal, text_h)
    mask = cv2.resize(small_mask, (norm.shape[1], norm.shape[0]), interpolation=cv2.INTER_NEAREST)
    if seal_full is not None:
        cv2.bitwise_or(mask, seal_full, dst=mask)
    return _paint_white(norm, mask), mask.view(bool), text_h / f


def _without(ink: np.ndarray, seal_full: np.ndarray) -> np.ndarray:
    """``ink`` less the (full-resolution) seal mask, at the resolution of ``ink``."""
    seal = cv2.resize(seal_full, (ink.shape[1], ink.shape[0]), interpolation=cv2.INTER_NEAREST)
    return ink & (1 - seal)


def _paint_white(norm: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``norm`` with the 0/1 ``mask`` and the faint background left by normalization (> PAPER) white.

    OpenCV calls writing into one new page instead of boolean indexing: ~3 ms
    instead of ~11 on an A4 page.
    """
    _, out = cv2.threshold(norm, PAPER, 255, cv2.THRESH_BINARY)
    cv2.max(out, norm, dst=out)
    cv2.bitwise_or(out, 255, dst=out, mask=mask)
    return out
