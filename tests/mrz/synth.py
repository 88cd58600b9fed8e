"""A synthetic chip-ID back rendered with the OCR-B font (for the MRZ tests)."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
VN_EXAMPLE = ["IDVNM0930470641001093047064<<2",
              "9301054M3301052VNM<<<<<<<<<<<8",
              "UNG<<HOANG<HIEP<<<<<<<<<<<<<<<"]


def _font(path: str, size: int):
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.load_default()


def render_card(lines: list[str] = VN_EXAMPLE, width: int = 1012, seed: int = 0) -> np.ndarray:
    """A card back (85.6 x 54 mm at ~300 dpi), BGR, light noise, MRZ at the bottom."""
    rng = np.random.default_rng(seed)
    height = int(width * 54 / 85.6)
    img = Image.new("RGB", (width, height), (236, 238, 230))
    draw = ImageDraw.Draw(img)
    draw.text((40, 40), "DAC DIEM NHAN DANG / PERSONAL IDENTIFICATION",
              font=_font(SANS, 22), fill=(40, 40, 60))
    draw.text((40, 80), "Ngay, thang, nam / Date, month, year: 10/07/2021",
              font=_font(SANS, 22), fill=(40, 40, 60))
    draw.rectangle((700, 30, 960, 250), outline=(120, 120, 120), width=3)
    mrz_font = _font(OCRB, 37)
    y = height - 50 * len(lines) - 30
    for line in lines:
        draw.text((45, y), line, font=mrz_font, fill=(20, 20, 20))
        y += 50
    arr = np.asarray(img, dtype=np.float32)
    arr += rng.normal(0, 6, arr.shape)
    return np.clip(arr, 0, 255).astype(np.uint8)[:, :, ::-1].copy()
