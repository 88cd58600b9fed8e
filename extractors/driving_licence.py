"""Driving licences (Giấy phép lái xe): PET card 2013 and the 2025 model."""
from __future__ import annotations

import logging
import re

from sohoa.extractors.common.labels import LabelReader
from sohoa.extractors.common.normalize import (
    fold, iso, normalize_name, normalize_nationality)
from sohoa.extractors.id_card_lines import card_rows, has_any, nationality_row, row_field
from sohoa.extractors.id_card_text import card_date, fix_address_commas, restore_surname, strip_junk
from sohoa.extractors.common.validators import validate_dates
from sohoa.extractors.idnumber import find_id_number
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

log = logging.getLogger(__name__)

doc_type = "driving_licence"
SPEC = {
    "licence_number": ["Số/No", "Số / No"],
    "full_name": ["Họ tên/Full name", "Họ và tên/Full name", "Họ tên", "Họ và tên", "Full name"],
    "date_of_birth": ["Ngày sinh/Date of Birth", "Ngày sinh", "Date of birth"],
    "nationality": ["Quốc tịch/Nationality", "Quốc tịch", "Nationality"],
    "place_of_residence": ["Nơi cư trú/Address", "Nơi cư trú", "Nơi thường trú", "Address"],
    "licence_class": ["Hạng/Class", "Hạng", "Class"],
    "date_of_expiry": ["Có giá trị đến/Expires", "Có giá trị đến", "Expires", "Date of expiry"],
    "date_of_issue": ["Ngày cấp/Date of issue", "Ngày cấp", "Date of issue"],
}
CLASSES = ("A1", "A2", "A3", "A4", "A", "B1", "B2", "B", "C1", "C", "D1", "D2", "D", "BE", "C1E", "CE",
           "D1E", "D2E", "DE", "E", "FB2", "FC", "FD", "FE", "F")
NO_EXPIRY = re.compile(r"khong\s*thoi\s*han|unlimited|no\s*expiry")


def score(doc: Document) -> float | None:
    """How much ``doc`` looks like a driving licence (0..1)."""
    return _score_rows(card_rows(doc))


def _score_rows(rows) -> float | None:
    if not rows:
        return None
    sc = 0.6 * has_any(rows, ("giay phep lai xe",)) + 0.4 * has_any(rows, ("driver's license", "driving licen",
                                                                           "driver license"))
    return min(1.0, sc + 0.2 * has_any(rows, ("hang/class",)))


def _value(reader: LabelReader, key: str, ok=lambda t: bool(t.strip()), wrap: int = 0):
    for occ in range(len(reader.hits_for(key))):
        val = reader.value(key, occurrence=occ, wrap=wrap)
        if val is not None and ok(val.text):
            return val
    return None


def _class(text: str) -> str | None:
    tok = re.sub(r"[^A-Z0-9]", "", text.upper().split()[0]) if text.split() else ""
    tok = tok.replace("O", "0") if tok[:1].isalpha() and len(tok) > 1 else tok
    return tok if tok in CLASSES else None


def _issue(rows) -> Field | None:
    """The 'Place, ngày DD tháng MM năm YYYY' row above the signature."""
    for row in rows:
        f = fold(row.text)
        m = re.search(r"ngay\s*\S+\s*(?:thang\s*)?\S+\s*nam\s*\S+", f)
        if m and (d := card_date(row.text)):
            return row_field(row, row.text[m.start():m.end()], iso(d), quality=0.97 if "thang" in m.group(0) else 0.8)
    return None


def _number_row(rows) -> Field | None:
    """'Số/No: 1234...' with the label misread: a 12-digit run after a short prefix."""
    for row in rows:
        m = re.search(r"[0-9OoIlSB]{12,}", row.text.replace(" ", ""))
        if m and m.start() <= 8 and (n := find_id_number(row.text, (12,))):
            return row_field(row, n, n, quality=0.95)
    return None


def _class_row(rows, after) -> Field | None:
    """Class letter starting the row below the residence when its label was misread."""
    for row in rows:
        if after is not None and row.bbox[1] <= after.bbox[3]:
            continue
        first = row.text.split()[0] if row.text.split() else ""
        if first.upper() in CLASSES and first.isupper():
            return row_field(row, first.upper(), first.upper(), quality=0.6)
    return None


def _printed(rows) -> dict[str, Field]:
    reader = LabelReader(None, SPEC, lines=rows)
    out: dict[str, Field] = {}
    if (val := _value(reader, "licence_number", lambda t: find_id_number(t, (12,)))) is not None:
        out["licence_number"] = val.field(find_id_number(val.text, (12,)))
    if (val := _value(reader, "full_name")) is not None:
        name, fixed = restore_surname(normalize_name(strip_junk(val.text)))
        out["full_name"] = val.field(quality=0.9 if fixed else 1.0)
        out["full_name"].value = name
    for key in ("date_of_birth", "date_of_issue"):
        if (val := _value(reader, key, card_date)) is not None:
            out[key] = val.field(iso(card_date(val.text)))
    exp = _value(reader, "date_of_expiry", lambda t: card_date(t) or NO_EXPIRY.search(fold(t)))
    if exp is not None:
        out["date_of_expiry"] = exp.field(iso(card_date(exp.text)))
    if (val := _value(reader, "nationality")) is not None:
        out["nationality"] = val.field(normalize_nationality(val.text))
    elif (found := nationality_row(rows)) is not None:
        row, start = found
        text = row.text[start:].strip()
        out["nationality"] = row_field(row, text, normalize_nationality(text), quality=0.9)
    res = _value(reader, "place_of_residence", wrap=1)
    if res is not None:
        res.text, fixed = fix_address_commas(res.text)
        out["place_of_residence"] = res.field(quality=0.9 if fixed else 1.0)
    if (val := _value(reader, "licence_class", _class)) is not None:
        out["licence_class"] = val.field(_class(val.text))
    if "date_of_issue" not in out and (f := _issue(rows)) is not None:
        out["date_of_issue"] = f
    if "licence_number" not in out and (f := _number_row(rows)) is not None:
        out["licence_number"] = f
    if "licence_class" not in out and (f := _class_row(rows, res.lines[-1] if res else None)) is not None:
        out["licence_class"] = f
    return out


def _date(f: Field | None):
    return f.normalized if f is not None else None


def extract(doc: Document) -> Extraction:
    """Driving licence fields."""
    rows = card_rows(doc)
    fields = _printed(rows)
    errors = validate_dates(_date(fields.get("date_of_birth")), _date(fields.get("date_of_issue")),
                            _date(fields.get("date_of_expiry")))
    for key in ("date_of_birth", "date_of_issue", "date_of_expiry"):
        if key in fields and errors:  # one of the dates is misread; which one is unknown
            fields[key].confidence = min(fields[key].confidence, 0.6)
    if "licence_number" not in fields:
        errors.append("licence_number_missing")
    return Extraction(doc_type=doc_type, doc_type_confidence=_score_rows(rows) or 0.0, fields=fields,
                      errors=sorted(set(errors)), pages=[p.number for p in doc.pages])
