"""The OCR tree: Document -> Page -> Block -> Line -> Word (docTR's geometry).

Boxes are relative to the page, ``(x0, y0, x1, y1)`` in 0..1 with the origin
at the top left, so they survive re-rendering at another resolution.  All
text is NFC.
"""
from __future__ import annotations

import unicodedata
from typing import Iterator

from pydantic import BaseModel, Field, field_validator

BBox = tuple[float, float, float, float]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def union_bbox(boxes: list[BBox]) -> BBox:
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


class Word(BaseModel):
    text: str
    bbox: BBox
    confidence: float = Field(ge=0.0, le=1.0)

    @field_validator("text")
    @classmethod
    def _nfc(cls, v: str) -> str:
        return nfc(v)


class Line(BaseModel):
    words: list[Word] = Field(default_factory=list)
    bbox: BBox = (0.0, 0.0, 0.0, 0.0)
    source: str = "tesseract"

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def confidence(self) -> float:
        if not self.words:
            return 0.0
        return min(w.confidence for w in self.words)

    @property
    def mean_confidence(self) -> float:
        if not self.words:
            return 0.0
        return sum(w.confidence for w in self.words) / len(self.words)


class Block(BaseModel):
    lines: list[Line] = Field(default_factory=list)
    bbox: BBox = (0.0, 0.0, 0.0, 0.0)
    kind: str = "text"  # text | mrz | qr


class Page(BaseModel):
    number: int  # 1-based
    width: int   # pixels of the prepared page image
    height: int
    dpi: int = 300
    rotation: int = 0          # degrees applied to make the page upright
    skew: float = 0.0          # degrees corrected by deskew
    blocks: list[Block] = Field(default_factory=list)
    text_source: str = "ocr"   # ocr | pdf (born-digital text layer)

    def lines(self) -> Iterator[Line]:
        for block in self.blocks:
            yield from block.lines

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines() if line.text.strip())


class Document(BaseModel):
    pages: list[Page] = Field(default_factory=list)

    def lines(self) -> Iterator[tuple[Page, Line]]:
        for page in self.pages:
            for line in page.lines():
                yield page, line

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages if p.text)
