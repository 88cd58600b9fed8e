"""Label/value engine over OCR lines.

A *spec* maps field keys to label variants (as printed, any case/diacritics).
Labels are matched on a diacritic-free, lower-case copy of each line whose
characters stay aligned one-to-one with the original, so a hit's offsets map
back to OCR words (bbox, confidence).  Long labels match fuzzily (rapidfuzz
alignment, tolerant to OCR errors); short labels (< 6 chars) match exactly on
word boundaries.  A value runs from the end of its label (after ':') to the
next label hit on the same line; when empty it is taken from the next line.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field as dfield

from rapidfuzz import fuzz

from sohoa.models.fields import Field
from sohoa.extractors.common.lines import (  # noqa: F401 - re-exported for extractors
    GAP_SPLIT, OcrLine, doc_lines, fold_aligned, fold_char)
from sohoa.models.ocr import BBox, Document, Word, union_bbox

log = logging.getLogger(__name__)

FUZZY_MIN = 88.0  # minimum alignment score for long labels
SHORT_LABEL = 6


@dataclass
class LabelHit:
    key: str
    line: OcrLine
    start: int
    end: int
    score: float


def _match(folded_label: str, line: OcrLine, min_score: float) -> list[tuple[int, int, float]]:
    if len(folded_label) < SHORT_LABEL:
        pat = r"(?<![\w])" + re.escape(folded_label) + (r"(?![\w])" if folded_label[-1].isalnum() else "")
        return [(m.start(), m.end(), 100.0) for m in re.finditer(pat, line.folded)]
    if len(line.folded) < len(folded_label) * 0.7:
        return []
    idx = line.folded.find(folded_label)
    if idx >= 0:
        return [(idx, idx + len(folded_label), 100.0)]
    al = fuzz.partial_ratio_alignment(folded_label, line.folded, score_cutoff=min_score)
    if al is None:
        return []
    start, end = al.dest_start, al.dest_end
    if al.src_end - al.src_start < len(folded_label) * 0.9:
        return []  # the line holds only part of the label
    strict = fuzz.ratio(folded_label, line.folded[start:end])
    if strict < min_score:
        return []
    # don't start or end inside a word
    while start > 0 and line.folded[start - 1].isalnum() and line.folded[start].isalnum():
        start -= 1
    return [(start, end, min(al.score, strict))]


def find_hits(lines: list[OcrLine], spec: dict[str, list[str]], min_score: float = FUZZY_MIN) -> list[LabelHit]:
    """Every label occurrence; overlapping hits keep the longest/best label."""
    folded = {k: [fold_aligned(v) for v in vs] for k, vs in spec.items()}
    hits: list[LabelHit] = []
    for line in lines:
        cands = []
        for key, variants in folded.items():
            for lab in variants:
                for s, e, sc in _match(lab, line, min_score):
                    cands.append(LabelHit(key, line, s, e, sc))
        cands.sort(key=lambda h: (-(h.end - h.start) * (h.score / 100.0) ** 4, h.start))
        kept: list[LabelHit] = []
        for h in cands:
            if all(h.end <= k.start or h.start >= k.end for k in kept):
                kept.append(h)
        hits.extend(sorted(kept, key=lambda h: h.start))
    return hits


def field_from_words(words: list[Word], page: int | None, value: str | None, normalized=None, *,
                     quality: float = 1.0, errors: list[str] | None = None, source: str = "ocr") -> Field:
    """Build a Field: confidence from word confidences times a match quality factor."""
    if value is None or not words:
        conf = 0.0
    else:
        confs = [w.confidence for w in words]
        conf = min(sum(confs) / len(confs), min(confs) + 0.1) * quality
        if has_hole(words):
            conf *= 0.8  # a word was probably dropped by OCR
    errors = list(errors or [])
    if errors:
        conf = min(conf, 0.5)
    return Field(value=value, normalized=normalized, confidence=round(max(0.0, min(conf, 1.0)), 3),
                 page=page, bbox=union_bbox([w.bbox for w in words]) if words else None,
                 errors=errors, source=source)


RIGHT_GAP = 0.18  # farthest (page fraction) a same-row value segment may sit from its label
HOLE_EM = 1.8  # an inter-word gap wider than this many word heights


def has_hole(words: list[Word]) -> bool:
    """True when consecutive words on one line are unusually far apart."""
    for a, b in zip(words, words[1:]):
        em = max(min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]), 1e-4)
        same_row = abs((a.bbox[1] + a.bbox[3]) - (b.bbox[1] + b.bbox[3])) / 2 < em * 0.6
        if same_row and b.bbox[0] - a.bbox[2] > HOLE_EM * em:
            return True
    return False


def make_field(value: str | None, normalized=None, *, confidence: float = 0.0, page: int | None = None,
               bbox: BBox | None = None, errors: list[str] | None = None, source: str = "ocr") -> Field:
    return Field(value=value, normalized=normalized, confidence=round(confidence, 3), page=page,
                 bbox=bbox, errors=list(errors or []), source=source)


_ENUM = re.compile(r"^\s*([IVX]{1,4}\.|\d{1,2}[.)]\s|[a-zđ]\)|[-*+•–])")
_STRAY = re.compile(r"(\s+[.·,:;'`_|]+)+\s*$")
_STRAY_LEAD = re.compile(r"^([.·,:;'`_|]+\s+)+")
_LEAD = re.compile(r"^[\s:;.\-–_|]+")
_TRAIL = re.compile(r"[\s:;,_|]+$")


@dataclass
class Value:
    text: str
    words: list[Word]
    page: int
    quality: float
    lines: list[OcrLine] = dfield(default_factory=list)

    def field(self, normalized=None, *, errors=None, quality: float = 1.0, source: str = "ocr") -> Field:
        return field_from_words(self.words, self.page, self.text, normalized,
                                quality=self.quality * quality, errors=errors, source=source)


class LabelReader:
    """Reads values of a document by the labels in ``spec``."""

    def __init__(self, doc: Document, spec: dict[str, list[str]], *, lines: list[OcrLine] | None = None):
        self.lines = lines if lines is not None else doc_lines(doc)
        self.hits = find_hits(self.lines, spec)
        self._by_line: dict[int, list[LabelHit]] = {}
        for h in self.hits:
            self._by_line.setdefault(h.line.order, []).append(h)

    def hits_for(self, key: str, *, after: LabelHit | None = None, before: LabelHit | None = None) -> list[LabelHit]:
        def pos(h: LabelHit):
            return (h.line.order, h.start)
        return [h for h in self.hits if h.key == key
                and (after is None or pos(h) > pos(after))
                and (before is None or pos(h) < pos(before))]

    def first(self, key: str, **kw) -> LabelHit | None:
        found = self.hits_for(key, **kw)
        return found[0] if found else None

    def value_at(self, hit: LabelHit, *, wrap: int = 0, next_line: bool = True) -> Value | None:
        line = hit.line
        nxt = [h for h in self._by_line.get(line.order, []) if h.start >= hit.end]
        end = nxt[0].start if nxt else len(line.text)
        raw = line.text[hit.end:end]
        lead = len(raw) - len(_LEAD.sub("", raw))
        text = _TRAIL.sub("", _LEAD.sub("", raw))
        start = hit.end + lead
        quality = min(1.0, hit.score / 100.0 + 0.04)
        if text:
            val = Value(text, line.words_in(start, start + len(text)), line.page, quality, [line])
            if not nxt:
                if wrap:
                    val.text = _LEAD.sub("", raw).rstrip()
                self._rejoin(val, line)
                if wrap:
                    self._wrap(val, line, wrap)
                val.text = _TRAIL.sub("", val.text)
            return val
        right = self._right_of(line)
        if right is not None:
            text = _TRAIL.sub("", _LEAD.sub("", right.text))
            if text:
                return Value(text, right.words, right.page, quality * 0.97, [right])
        if not next_line:
            return None
        below = self._next_line(line)
        if below is None or self._by_line.get(below.order):
            return None
        text = _TRAIL.sub("", _LEAD.sub("", below.text))
        if not text:
            return None
        val = Value(below.text.strip(), below.words, below.page, quality * 0.97, [below])
        if wrap:
            self._wrap(val, below, wrap)
        val.text = _TRAIL.sub("", _LEAD.sub("", val.text))
        return val

    def value(self, key: str, *, wrap: int = 0, next_line: bool = True, occurrence: int = 0,
              after: LabelHit | None = None, before: LabelHit | None = None) -> Value | None:
        found = self.hits_for(key, after=after, before=before)
        if len(found) <= occurrence:
            return None
        return self.value_at(found[occurrence], wrap=wrap, next_line=next_line)

    def _rejoin(self, val: Value, line: OcrLine) -> OcrLine:
        """Append the label-free segment split off the same OCR line (a word was lost between)."""
        if line.order + 1 >= len(self.lines):
            return line
        seg = self.lines[line.order + 1]
        if seg.raw != line.raw or seg.raw < 0 or self._by_line.get(seg.order):
            return line
        val.text = f"{val.text.rstrip()} {seg.text.strip()}"
        val.words = val.words + seg.words
        val.lines.append(seg)
        return seg

    def _right_of(self, line: OcrLine) -> OcrLine | None:
        """The label-free line segment just right of ``line`` on the same visual row."""
        h = max(line.bbox[3] - line.bbox[1], 0.005)
        yc = (line.bbox[1] + line.bbox[3]) / 2
        for cand in self.lines[max(0, line.order - 3):line.order + 4]:
            if cand is line or cand.page != line.page or cand.bbox[0] < line.bbox[2] - 0.005:
                continue
            cyc = (cand.bbox[1] + cand.bbox[3]) / 2
            if abs(cyc - yc) < h * 0.6 and cand.bbox[0] - line.bbox[2] < RIGHT_GAP:
                starts_with_label = any(hh.start <= 2 for hh in self._by_line.get(cand.order, []))
                return None if starts_with_label else cand
        return None

    def _next_line(self, line: OcrLine) -> OcrLine | None:
        h = line.bbox[3] - line.bbox[1]
        best = None
        for cand in self.lines[line.order + 1:]:
            if cand.page != line.page:
                break
            cy = (cand.bbox[1] + cand.bbox[3]) / 2
            if cy <= line.bbox[3] - h * 0.3:
                continue
            if cand.bbox[1] - line.bbox[3] > 1.5 * max(h, 0.005):
                break
            if cand.bbox[0] < line.bbox[2] and cand.bbox[2] > line.bbox[0]:
                if best is None or cand.bbox[1] < best.bbox[1]:
                    best = cand
        return best

    def _wrap(self, val: Value, line: OcrLine, count: int) -> None:
        """Append up to ``count`` label-free continuation lines."""
        for _ in range(count):
            below = self._next_line(line)
            if below is None or self._by_line.get(below.order):
                return
            if _ENUM.match(below.text):
                return  # a new numbered item or section
            h = max(line.bbox[3] - line.bbox[1], 0.005)
            if below.bbox[1] - line.bbox[3] > 0.9 * h or below.bbox[0] < line.bbox[0] - 0.6 * h:
                return  # paragraph spacing or an outdented heading
            if below.bbox[0] > line.bbox[0] + 0.25 * max(line.bbox[2] - line.bbox[0], 0.01):
                return  # a centred/right-column line, not a continuation
            head = _STRAY.sub("", val.text)
            val.text = f"{head} {_STRAY_LEAD.sub('', below.text.strip())}".strip()
            val.words = val.words + below.words
            val.lines.append(below)
            line = below
