"""MRZ access for the card/passport extractors.

Prefers the upstream reading (``mrz={page: MrzReading}``, read with a
digits-and-capitals whitelist), else the MRZ rows of the OCR text.  Parsing and
check-digit confidence come from :func:`sohoa.extractors.mrz_fields.mrz_fields`.
"""
from __future__ import annotations

import logging

from sohoa.extractors.common.labels import OcrLine
from sohoa.extractors.id_card_lines import mrz_rows, simple_field
from sohoa.models.fields import Field

log = logging.getLogger(__name__)


def _rows_lines(rows: list[OcrLine], doc_type: str) -> tuple[list[str], float, int | None]:
    found = mrz_rows(rows)
    if not found:
        return [], 0.0, None
    page = found[-1].page
    found = [r for r in found if r.page == page]
    td1 = len(found) >= 3 and all(len(r.text.replace(" ", "")) <= 32 for r in found[-3:])
    found = found[-3:] if td1 else found[-2:]
    conf = min(w.confidence for r in found for w in r.words)
    return [r.text.replace(" ", "").upper() for r in found], conf, page


def _parse(source, doc_type: str) -> dict[str, Field]:
    try:
        from sohoa.extractors.mrz_fields import mrz_fields
    except ImportError:
        return {}
    try:
        return dict(mrz_fields(source, doc_type) or {})
    except Exception as exc:  # a broken MRZ must not break the extraction
        log.warning("MRZ parsing failed: %s", type(exc).__name__)
        return {}


def mrz_for(rows: list[OcrLine], readings: dict | None, doc_type: str) -> dict[str, Field]:
    """Parsed MRZ fields (``mrz`` plus parsed values), or ``{}`` when the document has none."""
    for page, reading in sorted((readings or {}).items()):
        if reading is None or not getattr(reading, "lines", None):
            continue
        parsed = _parse(reading, doc_type)
        if parsed:
            for f in parsed.values():
                f.page = f.page or page
            return parsed
    lines, conf, page = _rows_lines(rows, doc_type)
    if not lines:
        return {}
    parsed = _parse(lines, doc_type)
    if parsed:
        for f in parsed.values():
            f.page = f.page or page
        return parsed
    return {"mrz": simple_field("\n".join(lines), "".join(lines), min(conf, 0.8), "ocr", page)}
