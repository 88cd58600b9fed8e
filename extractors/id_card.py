"""Vietnamese ID cards: CMND (9/12 digits), CCCD (2016 barcode, 2021 chip), Căn cước (2024).

``extract(doc, mrz=..., qr=...)`` reads both sides; a front and a back submitted
together (a 2-page file) merge into one record.  Printed fields are read by
labels (:mod:`id_card_fields`), then cross-checked against the chip-card QR and
the MRZ and validated (:mod:`id_card_check`).
"""
from __future__ import annotations

import logging

from sohoa.extractors.common.labels import OcrLine
from sohoa.extractors.id_card_check import apply_mrz, apply_qr, derive_sex, parse_qr, validate
from sohoa.extractors.id_card_fields import read_printed
from sohoa.extractors.id_card_lines import card_rows, has_any, mrz_rows, simple_field
from sohoa.extractors.id_card_model import CCCD_TITLE, CMND_TITLE, title_2024, card_model, page_side
from sohoa.extractors.id_card_mrz import mrz_for
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

log = logging.getLogger(__name__)

doc_type = "id_card"
_BACK = ("dac diem nhan dang", "dac diem nhan dan", "dau vet rieng va di hinh", "ngon tro trai",
         "ngon tro phai", "left index finger", "ministry of public security")
_LABELS = ("ho va ten", "ngay sinh", "gioi tinh", "quoc tich", "que quan", "noi thuong tru",
           "co gia tri den", "so dinh danh ca nhan", "nguyen quan", "noi cu tru", "place of residence",
           "date of expiry", "noi dang ky khai sinh")


def score(doc: Document) -> float | None:
    """How much ``doc`` looks like an ID card (0..1)."""
    return _score_rows(card_rows(doc))


def _score_rows(rows: list[OcrLine]) -> float | None:
    if not rows:
        return None
    if has_any(rows, ("ho chieu", "passport", "giay phep lai xe", "driver")):
        return 0.1
    sc = 0.7 if _title_row(rows) or title_2024(rows) else 0.0
    sc += 0.35 * sum(has_any(rows, (p,)) for p in _BACK)
    if any(r.text.replace(" ", "").startswith(("IDVNM", "I<VNM")) for r in mrz_rows(rows)):
        sc += 0.6
    sc += min(0.3, 0.1 * sum(has_any(rows, (p,)) for p in _LABELS))
    return round(min(1.0, sc), 3)


def _title_row(rows: list[OcrLine]) -> bool:
    """A row that is a card title (not a mention such as 'Giấy CMND số ...' in a certificate)."""
    for r in rows:
        f = r.folded.strip(" .:")
        if any(t in f and len(f) <= len(t) + 8 for t in CMND_TITLE + CCCD_TITLE):
            return True
    return False


def _sides(rows: list[OcrLine]) -> dict[int, str]:
    pages: dict[int, list[OcrLine]] = {}
    for r in rows:
        pages.setdefault(r.page, []).append(r)
    return {n: page_side(rs) for n, rs in pages.items()}


def _qr_fields(qr: dict[int, str] | None) -> dict[str, Field]:
    for page, text in sorted((qr or {}).items()):
        fields = parse_qr(text, page)
        if fields:
            return fields
    return {}


def extract(doc: Document, *, mrz: dict | None = None, qr: dict[int, str] | None = None) -> Extraction:
    """Fields of an ID card (front, back or both sides)."""
    rows = card_rows(doc)
    sides = _sides(rows)
    fields = read_printed(rows)
    errors: list[str] = []
    qr_fields = _qr_fields(qr)
    id_field = fields.get("id_number") or qr_fields.get("id_number")
    model, model_conf = card_model(rows, id_field.normalized if id_field else None, has_qr=bool(qr_fields))
    if qr_fields:
        apply_qr(fields, qr_fields, errors)
    mrz_parsed = mrz_for(rows, mrz, "id_card")
    if mrz_parsed:
        apply_mrz(fields, mrz_parsed, errors)
    if sides and "front" in sides.values() and model not in ("cmnd_9", "cmnd_12"):
        derive_sex(fields)
    validate(fields, model, errors)
    fields["card_model"] = simple_field(model, model, model_conf, "layout")
    side = "+".join(sorted(set(sides.values()), key=["front", "back"].index)) or "front"
    fields["side"] = simple_field(side, side, 0.95, "layout")
    # review_status is set by the runner (registry.review_status) from confidences and errors
    return Extraction(doc_type=doc_type, doc_type_confidence=_score_rows(rows) or 0.0, fields=fields,
                      errors=sorted(set(errors)), pages=[p.number for p in doc.pages])
