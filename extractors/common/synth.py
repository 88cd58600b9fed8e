"""Build OCR ``Document``s from plain text lines (tests, benches, fallbacks).

Lines are stacked top to bottom at a fixed pitch; words get boxes in
proportion to their length.  ``x0`` per line may be given to mimic layout.
"""
from __future__ import annotations

from sohoa.models.ocr import Block, Document, Line, Page, Word

PITCH = 0.026
CHAR_W = 0.0095


def make_line(text: str, y: float, *, x0: float = 0.08, confidence: float = 0.97,
              height: float = 0.018) -> Line:
    words, x = [], x0
    for token in text.split():
        w = len(token) * CHAR_W
        words.append(Word(text=token, bbox=(x, y, min(x + w, 1.0), y + height), confidence=confidence))
        x += w + CHAR_W
    bbox = (x0, y, min(x - CHAR_W, 1.0), y + height) if words else (x0, y, x0, y + height)
    return Line(words=words, bbox=bbox, source="synthetic")


def page_from_lines(lines: list[str | tuple[str, float]], number: int = 1, *,
                    confidence: float = 0.97) -> Page:
    """``lines`` are texts or ``(text, x0)`` pairs, placed top to bottom."""
    blocks, y = [], 0.03
    pitch = min(PITCH, 0.94 / max(len(lines), 1))
    for item in lines:
        text, x0 = (item, 0.08) if isinstance(item, str) else item
        if text.strip():
            line = make_line(text, y, x0=x0, confidence=confidence, height=pitch * 0.7)
            blocks.append(Block(lines=[line], bbox=line.bbox))
        y += pitch
    return Page(number=number, width=2480, height=3508, blocks=blocks)


def document_from_lines(lines: list[str | tuple[str, float]], *, confidence: float = 0.97) -> Document:
    return Document(pages=[page_from_lines(lines, confidence=confidence)])
