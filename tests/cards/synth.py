"""Documents built from truth ``text_lines`` with synthesized boxes (no OCR)."""
from __future__ import annotations

import json
from pathlib import Path

from sohoa.models.ocr import Block, Document, Line, Page, Word

DEV = Path(__file__).resolve().parents[2] / "samples" / "scans"  # committed synthetic scans + truth


def page_from_lines(lines: list[str], number: int = 1, conf: float = 0.97) -> Page:
    step = 0.9 / max(len(lines), 12)
    out = []
    for i, text in enumerate(lines):
        y0, x = 0.05 + i * step, 0.05
        words = []
        for tok in text.split():
            w = 0.012 * len(tok)
            words.append(Word(text=tok, bbox=(x, y0, x + w, y0 + step * 0.6), confidence=conf))
            x += w + 0.012
        out.append(Line(words=words, bbox=(0.05, y0, x, y0 + step * 0.6)))
    return Page(number=number, width=1000, height=630, blocks=[Block(lines=out)])


def doc_from_lines(*pages: list[str], conf: float = 0.97) -> Document:
    return Document(pages=[page_from_lines(p, i + 1, conf) for i, p in enumerate(pages)])


def truth(name: str) -> dict:
    return json.loads((DEV / f"{name}.truth.json").read_text())


def truth_doc(*names: str) -> Document:
    return doc_from_lines(*(truth(n)["text_lines"] for n in names))
