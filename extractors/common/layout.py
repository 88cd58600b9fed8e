"""Layout helpers: title detection for classification, regions, signer blocks."""
from __future__ import annotations

import re

from rapidfuzz import fuzz

from sohoa.extractors.common.labels import OcrLine
from sohoa.extractors.common.normalize import fold

MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
SIGN_PREFIX = re.compile(r"^(TM|KT|TL|TUQ|Q|PP)\s*[.,]\s*", re.IGNORECASE)


def line_fold(line: OcrLine) -> str:
    return re.sub(r"\s+", " ", fold(line.text)).strip()


def title_score(lines: list[OcrLine], titles: list[str], *, top: float = 0.6, page: int | None = None) -> float:
    """Best similarity (0..1) of a line, or two consecutive lines, to one of ``titles``.

    Only lines in the top ``top`` fraction of a page are considered.  The raw
    similarity r is sharpened to (r - 0.5) / 0.45 so unrelated titles score ~0.
    """
    cand = [ln for ln in lines if ln.bbox[1] <= top and (page is None or ln.page == page)]
    texts = [line_fold(ln) for ln in cand]
    texts += [f"{a} {b}" for a, b, la, lb in zip(texts, texts[1:], cand, cand[1:]) if la.page == lb.page]
    best = 0.0
    for t in titles:
        ft = fold(t)
        for text in texts:
            if abs(len(text) - len(ft)) > max(6, len(ft) // 3):
                continue
            best = max(best, fuzz.ratio(ft, text) / 100.0)
    return round(max(0.0, min(1.0, (best - 0.5) / 0.45)), 3)


def contains_score(lines: list[OcrLine], phrase: str, *, page: int | None = None) -> float:
    """How well ``phrase`` occurs inside some line (partial fuzzy match), 0..1."""
    ft = fold(phrase)
    best = 0.0
    for ln in lines:
        if page is not None and ln.page != page:
            continue
        best = max(best, fuzz.partial_ratio(ft, line_fold(ln)) / 100.0)
    return best


def anchor_score(lines: list[OcrLine], anchors: list[str], *, weight: float = 0.9) -> float:
    """Share of a type's distinctive labels present (fuzzy), scaled to ``weight``.

    Lets a document whose printed title was lost by OCR still be recognised by
    its body.  Anchors of fewer than 6 characters must be a whole line.
    """
    if not lines or not anchors:
        return 0.0
    folded = [line_fold(ln) for ln in lines]
    found = 0
    for a in anchors:
        fa = fold(a)
        if len(fa) < 6:
            found += any(t.strip(" .:") == fa for t in folded)
        else:
            found += any(fuzz.partial_ratio(fa, t, score_cutoff=90) for t in folded if len(t) >= len(fa) * 0.8)
    return round(weight * found / len(anchors), 3)


def form_score(lines: list[OcrLine], titles: list[str], anchors: list[str]) -> float:
    """A form's classification score: its title, or failing that its labels."""
    t = title_score(lines, titles)
    a = anchor_score(lines, anchors)
    return round(max(t, a, min(1.0, 0.5 * t + a)) if t < 0.85 else t, 3)


def is_motto(line: OcrLine) -> bool:
    t = line_fold(line)
    return any(fuzz.partial_ratio(m, t) >= 85 for m in MOTTO) and len(t) < 60


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_]*$")


def looks_like_name(text: str) -> bool:
    """'Nguyễn Văn An' style: 2-6 capitalised words, no digits, not all caps."""
    words = text.strip(" .,").split()
    if not 2 <= len(words) <= 6:
        return False
    if not all(_NAME_WORD.match(w) and w[0].isupper() for w in words):
        return False
    return not is_upper(text)


def signer_name(lines: list[OcrLine], *, start: int = 0) -> OcrLine | None:
    """The last name-like line of the page holding ``lines[start]`` at/after ``start``."""
    if not lines or start >= len(lines):
        return None
    page = lines[start].page
    found = None
    for ln in lines[start:]:
        if ln.page != page:
            continue
        if looks_like_name(ln.text):
            found = ln
    return found


_PLACE_DATE = re.compile(r"(?:^|\s)((?:[^\W\d_][\w.'-]*\s?){1,5}?)\s*,\s*(ng[aà]y\b.*?\d{4})", re.IGNORECASE)


def place_date(lines: list[OcrLine], *, start: int = 0, stop: int | None = None):
    """The '<Place>, ngày DD tháng MM năm YYYY' line: (line, place, date text).

    The place is the run of capitalised words right before the comma, so a line
    that also holds the document number ('Số: 12/TB-UBND Hà Nội, ngày …') works.
    """
    for ln in lines[start:stop]:
        for m in _PLACE_DATE.finditer(ln.text):
            if not re.search(r"th[aá]ng", m.group(2), re.IGNORECASE):
                continue
            words = m.group(1).split()
            while words and not words[0][:1].isupper():
                words.pop(0)
            while len(words) > 1 and not _place_word(words[0]):
                words.pop(0)
            if words:
                return ln, " ".join(words), m.group(2).strip(" .")
    return None


def _place_word(word: str) -> bool:
    """A word that can start a place name (not 'Số:', not an all-caps code)."""
    return word[:1].isupper() and not word.endswith(":") and not re.search(r"[/\d]", word)
