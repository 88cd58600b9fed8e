"""The text layer of a born-digital PDF page, as an OCR ``Page``.

A page with enough real text keeps it instead of being OCR'd.  pdfium gives
text runs with rectangles; each run becomes a line, its words get boxes
proportional to their length.
"""
from __future__ import annotations

import pypdfium2 as pdfium

from sohoa.models.ocr import Block, Line, Page, Word, nfc

MIN_CHARS = 40  # fewer real characters than this: treat the page as a scan


def page_text_layer(page: pdfium.PdfPage, number: int, dpi: int) -> Page | None:
    width_pt, height_pt = page.get_size()
    textpage = page.get_textpage()
    try:
        if textpage.count_chars() < MIN_CHARS:
            return None
        lines = [_run_line(textpage, i, width_pt, height_pt) for i in range(textpage.count_rects())]
    finally:
        textpage.close()
    lines = sorted((ln for ln in lines if ln is not None), key=lambda ln: (round(ln.bbox[1], 3), ln.bbox[0]))
    if sum(len(ln.text) for ln in lines) < MIN_CHARS:
        return None
    return Page(number=number, width=int(width_pt * dpi / 72), height=int(height_pt * dpi / 72),
                dpi=dpi, blocks=[Block(lines=_merge_same_baseline(lines))], text_source="pdf")


def _run_line(textpage: pdfium.PdfTextPage, index: int, w: float, h: float) -> Line | None:
    left, bottom, right, top = textpage.get_rect(index)
    text = nfc(textpage.get_text_bounded(left, bottom, right, top) or "").strip()
    if not text:
        return None
    box = (left / w, 1 - top / h, right / w, 1 - bottom / h)
    return Line(words=_split_words(text, box), bbox=box, source="pdf")


def _split_words(text: str, box: tuple) -> list[Word]:
    tokens = text.split()
    total = max(len(text), 1)
    x0, y0, x1, y1 = box
    words, pos = [], 0
    for token in tokens:
        start = text.index(token, pos)
        pos = start + len(token)
        wx0 = x0 + (x1 - x0) * start / total
        wx1 = x0 + (x1 - x0) * pos / total
        words.append(Word(text=token, bbox=(wx0, y0, wx1, y1), confidence=1.0))
    return words


def _merge_same_baseline(lines: list[Line]) -> list[Line]:
    merged: list[Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if prev and abs(prev.bbox[1] - line.bbox[1]) < 0.004 and line.bbox[0] >= prev.bbox[2] - 0.001 \
                and line.bbox[0] - prev.bbox[2] < 0.02:
            prev.words.extend(line.words)
            prev.bbox = (prev.bbox[0], min(prev.bbox[1], line.bbox[1]), line.bbox[2], max(prev.bbox[3], line.bbox[3]))
        else:
            merged.append(line)
    return merged
