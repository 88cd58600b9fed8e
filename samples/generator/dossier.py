"""dossier: one multi-page scanned PDF holding two documents (official letter + birth certificate).

The truth file describes the first document in `fields` (so the scorer runs unchanged) and every
document, with its pages, under meta["documents"]."""
from __future__ import annotations

import random

from .civil import make_birth
from .official import build
from .output import Doc, Profile

PROFILE = Profile("flatbed", "pdf", 200, skew=0.8, noise=3)


def count(k: int) -> int:
    return 1


def make(rng: random.Random, idx: int):
    letter_fields, letter_pages = build(rng, paragraphs=3)
    birth_fields, birth_page = make_birth(rng, idx)
    pages = letter_pages + [birth_page]
    n = len(letter_pages)
    docs = [{"doc_type": "official_document", "pages": list(range(1, n + 1)), "fields": letter_fields},
            {"doc_type": "birth_certificate", "pages": [n + 1], "fields": birth_fields}]
    meta = {"dossier": True, "documents": docs}
    doc = Doc(f"dossier_{idx:03d}", "official_document", letter_fields, pages, meta)
    return [(doc, PROFILE)]
