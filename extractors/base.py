"""The extractor protocol.

An extractor is a module (or object) exposing:

* ``doc_type: str`` — one of :data:`sohoa.models.fields.DOC_TYPES`;
* ``score(doc: Document) -> float | None`` — how much the document looks like
  this type, 0..1 (``None``: cannot tell / not applicable);
* ``extract(doc: Document, **readings) -> Extraction`` — pure, no I/O.  It may
  accept ``mrz=`` and/or ``qr=`` keyword arguments (per-page upstream readings,
  ``dict[int, object]`` / ``dict[int, str]``); the registry passes them only
  when the signature declares them.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from sohoa.models.fields import Extraction
from sohoa.models.ocr import Document


@runtime_checkable
class Extractor(Protocol):
    doc_type: str

    def score(self, doc: Document) -> float | None: ...

    def extract(self, doc: Document) -> Extraction: ...
