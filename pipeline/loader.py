"""Turns an input file into page images (and text layers for born-digital PDFs).

Every way a file can be bad ends here as a coded ``InputError``: empty,
truncated, corrupt, encrypted, too many pixels, too many pages, wrong type.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np
from PIL import Image, ImageSequence

from sohoa.models.errors import CorruptImage, DecompressionBomb, FileTooLarge, TooManyPages
from sohoa.models.ocr import Page
from sohoa.models.settings import InputSettings
from sohoa.pipeline.sniff import sniff_media_type

Image.MAX_IMAGE_PIXELS = None  # we enforce our own, configurable limit before decoding
DEFAULT_DPI = 300


@dataclass
class LoadedPage:
    number: int                 # 1-based
    image: np.ndarray           # BGR uint8 (or grey for 1-bit/grey sources)
    dpi: int
    text_layer: Page | None = None  # born-digital PDF page: its own text
    meta: dict = field(default_factory=dict)


def load_pages(data: bytes, limits: InputSettings | None = None) -> list[LoadedPage]:
    return list(iter_pages(data, limits))


def iter_pages(data: bytes, limits: InputSettings | None = None) -> Iterator[LoadedPage]:
    limits = limits or InputSettings()
    if len(data) > limits.max_bytes:
        raise FileTooLarge(f"file is {len(data)} bytes; the limit is {limits.max_bytes}")
    media_type = sniff_media_type(data[:2048])
    if media_type == "application/pdf":
        from sohoa.pipeline.pdfinput import iter_pdf_pages
        yield from iter_pdf_pages(data, limits)
    else:
        yield from _iter_image_pages(data, limits)


def read_file(path: str | Path) -> bytes:
    return Path(path).read_bytes()


def check_pixels(width: int, height: int, limits: InputSettings) -> None:
    if width * height > limits.max_pixels:
        raise DecompressionBomb(
            f"page of {width}x{height} pixels exceeds the limit of {limits.max_pixels}")


def _iter_image_pages(data: bytes, limits: InputSettings) -> Iterator[LoadedPage]:
    try:
        img = Image.open(io.BytesIO(data))
    except Exception as exc:  # PIL raises several types for unreadable files
        raise CorruptImage(f"image cannot be read: {exc}") from exc
    n_frames = getattr(img, "n_frames", 1)
    if n_frames > limits.max_pages:
        raise TooManyPages(f"{n_frames} pages; the limit is {limits.max_pages}")
    for number, frame in enumerate(ImageSequence.Iterator(img), start=1):
        check_pixels(frame.width, frame.height, limits)
        yield LoadedPage(number=number, image=_decode(frame), dpi=_dpi_of(frame))


def _decode(frame: Image.Image) -> np.ndarray:
    try:
        frame.load()
        if frame.mode in ("1", "L", "I;16", "I", "F"):
            return np.asarray(frame.convert("L"))
        rgb = np.asarray(frame.convert("RGB"))
    except Exception as exc:
        raise CorruptImage(f"image data is damaged or truncated: {exc}") from exc
    return np.ascontiguousarray(rgb[:, :, ::-1])


def _dpi_of(frame: Image.Image) -> int:
    dpi = frame.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else 0
    except (TypeError, ValueError):
        value = 0
    return value if 70 <= value <= 1200 else DEFAULT_DPI
