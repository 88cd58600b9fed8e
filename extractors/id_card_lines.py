"""Row building and small value helpers shared by the card extractors.

OCR engines often split one printed row into several lines (label and value
apart).  :func:`card_rows` takes the common reading-order segments and joins
close same-row neighbours into one :class:`~sohoa.extractors.common.labels.OcrLine`,
so the label engine sees "Giới tính / Sex: Nam   Quốc tịch / Nationality: Việt Nam"
as one row, while a far column (the expiry under the photo) stays apart.
"""
from __future__ import annotations

import re

from sohoa.extractors.common.labels import OcrLine, Value, doc_lines, fold_aligned
from sohoa.extractors.common.normalize import fold
from sohoa.models.fields import Field
from sohoa.models.ocr import Document, Word, union_bbox

COLUMN_GAP = 0.08  # page fraction: closer same-row segments are one row (label and its value)
_MRZ_ROW = re.compile(r"^[A-Z0-9<]{26,46}$")


def _center(b) -> float:
    return (b[1] + b[3]) / 2


def _same_row(a, b) -> bool:
    ha, hb = a[3] - a[1], b[3] - b[1]
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.6 * min(ha, hb) and abs(_center(a) - _center(b)) < 0.5 * max(ha, hb, 1e-4)


def _merge_row(segments: list[OcrLine]) -> list[list[Word]]:
    """Join segments of one page that share a row and sit close together (label + value)."""
    groups: list[tuple[tuple, list[Word]]] = []
    for seg in sorted(segments, key=lambda ln: ln.bbox[0]):
        box = seg.bbox
        for i, (gbox, gwords) in enumerate(groups):
            if _same_row(gbox, box) and not _overlaps_x(gwords, box) and 0 <= box[0] - gbox[2] <= COLUMN_GAP:
                groups[i] = (union_bbox([gbox, box]), gwords + seg.words)
                break
        else:
            groups.append((box, list(seg.words)))
    groups.sort(key=lambda g: (round(_center(g[0]) / 0.006), g[0][0]))
    return [sorted(ws, key=lambda w: w.bbox[0]) for _, ws in groups]


def _overlaps_x(words: list[Word], box) -> bool:
    return any(min(w.bbox[2], box[2]) - max(w.bbox[0], box[0]) > 0.3 * (w.bbox[2] - w.bbox[0])
               for w in words)


def card_rows(doc: Document) -> list[OcrLine]:
    """The common reading-order segments (:func:`doc_lines`), same-row neighbours merged."""
    pages: dict[int, list[OcrLine]] = {}
    for seg in doc_lines(doc):
        pages.setdefault(seg.page, []).append(seg)
    out: list[OcrLine] = []
    for number, segments in pages.items():
        for words in _merge_row(segments):
            spans, pos = [], 0
            for w in words:
                spans.append((pos, pos + len(w.text)))
                pos += len(w.text) + 1
            text = " ".join(w.text for w in words)
            out.append(OcrLine(number, len(out), text, fold_aligned(text), words, spans,
                               union_bbox([w.bbox for w in words])))
    return out


def is_mrz_row(line: OcrLine) -> bool:
    compact = line.text.replace(" ", "").upper()
    return bool(_MRZ_ROW.match(compact)) and "<" in compact


def mrz_rows(rows: list[OcrLine], page: int | None = None) -> list[OcrLine]:
    return [r for r in rows if is_mrz_row(r) and (page is None or r.page == page)]


def has_any(rows: list[OcrLine], phrases: tuple[str, ...]) -> bool:
    """Any of the (folded) ``phrases`` appears in a row."""
    folded = [fold(p) for p in phrases]
    return any(p in r.folded for r in rows for p in folded)


def row_field(line: OcrLine, value: str, normalized=None, quality: float = 1.0,
              source: str = "ocr") -> Field:
    """Field for a whole row (no label)."""
    return Value(value, line.words, line.page, quality, [line]).field(normalized, source=source)


def simple_field(value, normalized=None, confidence=0.0, source="ocr", page=None, errors=None) -> Field:
    return Field(value=value, normalized=normalized, confidence=round(confidence, 3), source=source,
                 page=page, errors=list(errors or []))


_NATIONALITY_ROW = re.compile(r"^(?:\S{1,12}\s+){0,2}(viet\s*nam)(?:\s*/\s*vietnamese)?\s*$")


def nationality_row(rows: list[OcrLine]):
    """A 'Quốc tịch: VIỆT NAM' row whose label was misread: (row, start of the value) or None."""
    for row in rows:
        f = row.folded.strip(" .:")
        m = _NATIONALITY_ROW.match(f)
        if m and not any(k in f for k in ("republic", "chu nghia", "cong hoa")):
            return row, m.start(1)
    return None
