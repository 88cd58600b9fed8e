"""Dropping what is not text, and putting lines in reading order by geometry."""
from __future__ import annotations

import re

from sohoa.models.ocr import Block, Line, Word, union_bbox

_LEADER = re.compile(r"^[.\u2026·•_,:;\-–—=~'`\"]{3,}$")
_ALNUM = re.compile(r"\w", re.UNICODE)
_CLEAN_PUNCT = set("-/:.,;()%&+'\"")


def junk_word(word: Word) -> bool:
    text = word.text
    if _LEADER.match(text):
        return True
    if not _ALNUM.search(text):  # punctuation only: keep confident separators like "-" or "/"
        return not (len(text) <= 3 and set(text) <= _CLEAN_PUNCT and word.confidence >= 0.6)
    if word.confidence < 0.10:
        return True
    return word.confidence < 0.45 and _looks_garbled(text)


def _looks_garbled(text: str) -> bool:
    letters = sum(ch.isalnum() for ch in text)
    return letters < 0.6 * len(text) or (len(text) <= 2 and not text.isdigit())


def strip_leaders(text: str) -> str:
    """Cut dot-leader runs glued to a word ("tên:.......")."""
    text = re.sub(r"(?:[.\u2026·_]\s?){3,}", "", text)
    text = re.sub(r"(?<=\w)\.\.(?=\w)", " ", text)  # "tên..NGUYỄN"
    return re.sub(r"^\.{1,2}(?=\w)|\.{2}$", "", text)


def junk_line(line: Line) -> bool:
    if not line.words:
        return True
    alnum = sum(len(_ALNUM.findall(w.text)) for w in line.words)
    if alnum == 0:
        return True
    return line.mean_confidence < 0.5 and alnum < 4


def clean_line(line: Line) -> Line:
    words = []
    for w in line.words:
        text = strip_leaders(w.text)
        if not text:
            continue
        if text != w.text:
            w = Word(text=text, bbox=w.bbox, confidence=w.confidence)
        if not junk_word(w):
            words.append(w)
    return Line(words=words, bbox=union_bbox([w.bbox for w in words]), source=line.source)


def clean_blocks(blocks: list[Block]) -> list[Block]:
    out = []
    for block in blocks:
        lines = [ln for ln in (clean_line(x) for x in block.lines) if not junk_line(ln)]
        if lines:
            out.append(Block(lines=lines, bbox=union_bbox([ln.bbox for ln in lines]), kind=block.kind))
    return out


def regroup_lines(blocks: list[Block]) -> list[Block]:
    """Sparse mode splits a card into fragments: join words sharing a baseline band."""
    words = sorted((w for b in blocks for ln in b.lines for w in ln.words),
                   key=lambda w: (w.bbox[1] + w.bbox[3]) / 2)
    rows: list[list[Word]] = []
    for w in words:
        cy, h = (w.bbox[1] + w.bbox[3]) / 2, w.bbox[3] - w.bbox[1]
        if rows:
            last = rows[-1]
            ry = sum((x.bbox[1] + x.bbox[3]) / 2 for x in last) / len(last)
            rh = sum(x.bbox[3] - x.bbox[1] for x in last) / len(last)
            if abs(cy - ry) < 0.5 * max(h, rh):
                last.append(w)
                continue
        rows.append([w])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w.bbox[0])
        lines.append(Line(words=row, bbox=union_bbox([w.bbox for w in row])))
    return [Block(lines=lines, bbox=union_bbox([ln.bbox for ln in lines]))] if lines else []


def order_blocks(blocks: list[Block]) -> list[Block]:
    """Top to bottom; blocks side by side (columns) left to right within a band."""
    def key(b: Block):
        return (round(b.bbox[1] * 50), b.bbox[0])
    ordered = sorted(blocks, key=key)
    for b in ordered:
        b.lines.sort(key=lambda ln: (ln.bbox[1] + ln.bbox[3]) / 2)
    return ordered
