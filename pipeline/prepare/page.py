"""``prepare_page``: from a raw raster to an upright, straight, clean page."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import cv2
import numpy as np

from sohoa.pipeline.prepare import card, clean, geometry, orientation

log = logging.getLogger(__name__)
CARD_OCR_DPI = 450  # card text is small: give Tesseract more pixels per glyph


@dataclass
class PreparedPage:
    upright: np.ndarray          # BGR uint8: rotated, deskewed, cropped (for the output PDF)
    grey: np.ndarray             # normalized grey uint8 with non-text painted white (for OCR)
    dpi: int                     # of ``upright`` and ``grey``
    rotation: int = 0            # degrees (multiple of 90, counter-clockwise) applied
    skew: float = 0.0            # degrees of skew corrected
    is_card: bool = False
    text_mask: np.ndarray | None = None  # True where ink was judged not to be text
    text_height: float = 0.0     # median character height in pixels
    timings: dict = field(default_factory=dict)


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def _crop_card(colour: np.ndarray, grey: np.ndarray, dpi: int) -> tuple[np.ndarray, int, bool]:
    if not card.looks_like_card_capture(colour, dpi):
        return _card_on_flatbed(colour, grey, dpi)
    quad = card.find_card(colour)
    if quad is None:
        return colour, card.card_dpi(colour) if _card_proportions(colour) else dpi, True
    warped = card.warp_card(colour, quad, CARD_OCR_DPI)
    return warped, CARD_OCR_DPI, True


def _card_on_flatbed(colour: np.ndarray, grey: np.ndarray, dpi: int) -> tuple[np.ndarray, int, bool]:
    """A card scanned small on an A4 flatbed: all the ink fits in a card-sized box.

    (Edge detection on a whole A4 costs ~80 ms a page and found frames on
    certificates; the ink box costs ~3 ms.)
    """
    box = card.small_content_box(grey, dpi)
    if box is None:
        return colour, dpi, False
    x0, y0, x1, y1 = box
    return colour[y0:y1, x0:x1].copy(), dpi, True


def _crop_and_resample(colour: np.ndarray, dpi: int, ocr_dpi: int) -> tuple[np.ndarray, np.ndarray, int, bool]:
    """Colour and grey page at the OCR resolution, cropped to the card if it is one.

    The grey copy of a full page is made once, for the card test and for
    normalization (~2.5 ms a page each time); only a cropped or resampled
    page is converted again.
    """
    grey = clean.to_grey(colour)
    out, dpi, is_card = _crop_card(colour, grey, dpi)
    out, dpi = _resample(out, dpi, CARD_OCR_DPI if is_card else ocr_dpi)
    return out, grey if out is colour else clean.to_grey(out), dpi, is_card


def _card_proportions(image: np.ndarray) -> bool:
    h, w = image.shape[:2]
    return 1.45 <= max(h, w) / min(h, w) <= 1.75


def _resample(colour: np.ndarray, dpi: int, target: int) -> tuple[np.ndarray, int]:
    if abs(dpi - target) <= 0.05 * target:
        return colour, dpi
    f = target / dpi
    interp = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
    return cv2.resize(colour, None, fx=f, fy=f, interpolation=interp), target


def prepare_page(image: np.ndarray, dpi: int, ocr_dpi: int = 300) -> PreparedPage:
    """Crop cards, resample, fix orientation and skew, normalize, mask non-text."""
    t0 = time.perf_counter()
    colour = _as_bgr(np.ascontiguousarray(image))
    colour, grey, dpi, is_card = _crop_and_resample(colour, dpi, ocr_dpi)
    norm = clean.normalize_background(grey, dpi)
    ink, scale = geometry.analysis_image(norm, dpi)
    rotation, rects = 0, geometry.line_components(ink)
    if geometry.line_direction_score(ink, rects) < -0.5:
        rotation = 90
        colour, norm, ink = (geometry.rot90(a, 90) for a in (colour, norm, ink))
        rects = None
    skew = geometry.skew_angle(ink, rects)
    if abs(skew) >= 0.1:
        colour = geometry.rotate(colour, skew, fill=_paper(colour))
        norm = geometry.rotate(norm, skew)
    grey, mask, text_h = clean.text_only(colour, norm, dpi)
    ink, scale = geometry.analysis_image(grey, dpi)
    if orientation.upside_down(grey, ink, scale, dpi):
        rotation = (rotation + 180) % 360
        colour, grey, mask = (geometry.rot90(a, 180) for a in (colour, grey, mask))
    elapsed = time.perf_counter() - t0
    log.debug("prepared page: dpi=%d rot=%d skew=%.2f card=%s in %.3fs", dpi, rotation, skew, is_card, elapsed)
    return PreparedPage(upright=colour, grey=grey, dpi=dpi, rotation=rotation, skew=skew,
                        is_card=is_card, text_mask=mask, text_height=text_h,
                        timings={"prepare": elapsed})


def _paper(colour: np.ndarray) -> tuple[int, int, int]:
    """Median colour of the image border, to fill corners uncovered by deskew."""
    border = np.concatenate([colour[0], colour[-1], colour[:, 0], colour[:, -1]])
    return tuple(int(v) for v in np.median(border, axis=0))
