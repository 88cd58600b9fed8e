"""Fallback for unrecognised documents: full text + every 'Label: value' pair.

Keys are snake_case ASCII forms of the printed labels, so nothing is lost.
"""
from __future__ import annotations

import re

from sohoa.extractors.common.labels import doc_lines, field_from_words
from sohoa.extractors.common.normalize import strip_marks
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

doc_type = "unknown"
_PAIR = re.compile(r"(?:^|(?<=\s))([^\W\d_][^:;]{0,40}?)\s*:\s*(.*?)(?=\s+[^\W\d_][\w ,./()]{0,30}:\s|$)")
MAX_KEY = 40


def score(doc: Document) -> float | None:
    return None  # never chosen by score; the registry's fallback


def snake_key(label: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", strip_marks(label).lower()).strip("_")
    return key[:MAX_KEY].rstrip("_") or "field"


def label_pairs(doc: Document) -> dict[str, Field]:
    """Every 'Label: value' pair on a line (several per line allowed)."""
    out: dict[str, Field] = {}
    for line in doc_lines(doc):
        for m in _PAIR.finditer(line.text):
            label, value = m.group(1).strip(), m.group(2).strip(" .;,")
            if not value or len(label.split()) > 8:
                continue
            key, n = snake_key(label), 2
            while key in out or key == "full_text":
                key = f"{snake_key(label)}_{n}"
                n += 1
            words = line.words_in(m.start(2), m.end(2)) or line.words
            out[key] = field_from_words(words, line.page, value, quality=0.8)
    return out


def extract(doc: Document) -> Extraction:
    fields = label_pairs(doc)
    text = doc.text
    if text:
        lines = doc_lines(doc)
        words = [w for ln in lines for w in ln.words]
        fields["full_text"] = field_from_words(words, lines[0].page if lines else None, text, quality=0.5)
    return Extraction(doc_type=doc_type, fields=fields)
