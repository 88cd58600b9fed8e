"""OCR lines in reading order, split at column gaps, with diacritic-free copies.

``doc_lines`` is what every extractor reads: per page, lines grouped into
visual rows (top-down, left-right), split where a wide horizontal gap
separates columns; each segment keeps its words (boxes, confidences) and a
lower-case, mark-free copy of its text aligned character by character.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sohoa.models.ocr import BBox, Document, Word, union_bbox


def fold_char(c: str) -> str:
    if c in "Đđ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0] if c else c
    return base.lower() if len(base.lower()) == 1 else c


def fold_aligned(text: str) -> str:
    """Mark-free lower-case copy of ``text`` with identical length."""
    return "".join(fold_char(c) for c in text)


@dataclass
class OcrLine:
    page: int
    order: int
    text: str
    folded: str
    words: list[Word]
    spans: list[tuple[int, int]]
    bbox: BBox
    raw: int = -1  # index of the OCR line this segment was split from (-1: unknown)

    def words_in(self, start: int, end: int) -> list[Word]:
        return [w for w, (a, b) in zip(self.words, self.spans) if a < end and b > start]


def doc_lines(doc: Document) -> list[OcrLine]:
    """All non-empty lines, per page in top-to-bottom then left-to-right order."""
    out: list[OcrLine] = []
    for page in doc.pages:
        rows = []
        for line in page.lines():
            words = [w for w in line.words if w.text.strip()]
            if not words:
                continue
            bbox = line.bbox if line.bbox != (0.0, 0.0, 0.0, 0.0) else union_bbox([w.bbox for w in words])
            rows.append((bbox, words))
        rows = [(i, *part) for i, (bbox, words) in enumerate(rows) for part in _split_gaps(bbox, words)]
        for raw, bbox, words in _reading_order(rows):
            spans, pos = [], 0
            for w in words:
                spans.append((pos, pos + len(w.text)))
                pos += len(w.text) + 1
            text = " ".join(w.text for w in words)
            out.append(OcrLine(page.number, len(out), text, fold_aligned(text), words, spans, bbox,
                               raw=page.number * 100000 + raw))
    return out


def _reading_order(rows: list[tuple[int, BBox, list[Word]]]) -> list[tuple[int, BBox, list[Word]]]:
    """Group lines into visual rows (vertical overlap), rows top-down, left-right inside."""
    rows = sorted(rows, key=lambda r: (r[1][1] + r[1][3]) / 2)
    grouped: list[list[tuple[int, BBox, list[Word]]]] = []
    for row in rows:
        y0, y1 = row[1][1], row[1][3]
        yc = (y0 + y1) / 2
        if grouped:
            ref = grouped[-1][0][1]
            if ref[1] <= yc <= ref[3] and y0 <= (ref[1] + ref[3]) / 2 <= y1:
                grouped[-1].append(row)
                continue
        grouped.append([row])
    return [r for g in grouped for r in sorted(g, key=lambda r: r[1][0])]


GAP_SPLIT = 0.06  # a horizontal gap this wide (page fraction) separates line segments


def _split_gaps(bbox: BBox, words: list[Word]) -> list[tuple[BBox, list[Word]]]:
    """Split a line where a wide horizontal gap separates two columns."""
    parts, cur = [], [words[0]]
    for prev, w in zip(words, words[1:]):
        if w.bbox[0] - prev.bbox[2] > GAP_SPLIT:
            parts.append(cur)
            cur = []
        cur.append(w)
    parts.append(cur)
    if len(parts) == 1:
        return [(bbox, words)]
    return [(union_bbox([w.bbox for w in p]), p) for p in parts]
