"""Puts the MRZ reader's lines into the page in place of Tesseract's reading of the zone."""
from __future__ import annotations

from sohoa.models.ocr import Block, Line, Page, Word


def _inside(inner, outer, margin: float = 0.01) -> bool:
    cx, cy = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] - margin <= cx <= outer[2] + margin and outer[1] - margin <= cy <= outer[3] + margin


def merge_mrz(page: Page, reading) -> None:
    """Drops OCR lines inside the MRZ box and adds the MRZ lines as an ``mrz`` block."""
    zone = tuple(reading.bbox)
    for block in page.blocks:
        block.lines = [ln for ln in block.lines if not _inside(ln.bbox, zone)]
    page.blocks = [b for b in page.blocks if b.lines]
    n = len(reading.lines)
    height = (zone[3] - zone[1]) / max(n, 1)
    lines = []
    for i, text in enumerate(reading.lines):
        box = (zone[0], zone[1] + i * height, zone[2], zone[1] + (i + 1) * height)
        word = Word(text=text, bbox=box, confidence=float(reading.confidence))
        lines.append(Line(words=[word], bbox=box, source="mrz"))
    page.blocks.append(Block(lines=lines, bbox=zone, kind="mrz"))
