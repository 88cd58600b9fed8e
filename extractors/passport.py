"""Passports (Hộ chiếu) and other documents with a TD3 MRZ.

Printed fields are read below/after their bilingual labels; dates are also
recognised by their order (birth < issue < expiry) so a misread label costs
nothing.  The MRZ (check-digit verified) cross-checks the printed values and
fills them when the printed zone is unreadable.
"""
from __future__ import annotations

import logging
import re

from sohoa.extractors.common.labels import LabelReader, Value, doc_lines
from sohoa.extractors.common.normalize import (
    iso, normalize_name, normalize_nationality, normalize_sex)
from sohoa.extractors.common.validators import validate_personal_id
from sohoa.extractors.id_card_check import apply_mrz
from sohoa.extractors.id_card_lines import card_rows, has_any, is_mrz_row, mrz_rows, row_field
from sohoa.extractors.id_card_mrz import mrz_for
from sohoa.extractors.id_card_text import card_date, restore_surname, strip_junk
from sohoa.extractors.idnumber import find_id_number
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

log = logging.getLogger(__name__)

doc_type = "passport"
SPEC = {
    "passport_number": ["Số hộ chiếu/Passport No.", "Số hộ chiếu", "Passport No."],
    "full_name": ["Họ và tên/Full name", "Họ và tên", "Full name"],
    "nationality": ["Quốc tịch/Nationality", "Quốc tịch", "Nationality"],
    "date_of_birth": ["Ngày sinh/Date of birth", "Ngày sinh", "Date of birth"],
    "sex": ["Giới tính/Sex", "Giới tính"],
    "personal_id": ["Số GCMND/ID card No.", "Số GCMND", "ID card No.", "Số định danh/Personal No."],
    "date_of_issue": ["Ngày cấp/Date of issue", "Ngày cấp", "Date of issue"],
    "date_of_expiry": ["Có giá trị đến/Date of expiry", "Có giá trị đến", "Date of expiry"],
    "_place_of_birth": ["Nơi sinh/Place of birth", "Nơi sinh", "Place of birth"],
    "_place_of_issue": ["Nơi cấp/Place of issue", "Nơi cấp", "Place of issue"],
    "_type": ["Loại/Type", "Mã số/Code"],
}
MRZ_KEYS = ("passport_number", "date_of_birth", "sex", "date_of_expiry", "personal_id", "nationality")
_PASSPORT_NO = re.compile(r"(?<![A-Z0-9])([A-Z]\d{7,8})(?![A-Z0-9])")


def score(doc: Document) -> float | None:
    """How much ``doc`` looks like a passport or another document with an ICAO MRZ (0..1)."""
    return _score_rows(card_rows(doc))


def _score_rows(rows) -> float | None:
    if not rows:
        return None
    sc = 0.5 * has_any(rows, ("ho chieu", "passport")) + 0.2 * has_any(rows, ("passport no",))
    found = [r.text.replace(" ", "") for r in mrz_rows(rows)]
    if any(t.startswith("P") and len(t) >= 40 for t in found):
        sc += 0.5
    elif len(found) >= 2 and not any(t.startswith(("IDVNM", "I<VNM")) for t in found):
        sc += 0.6  # any other document with an ICAO MRZ (foreign ID cards, visas)
    return min(sc, 1.0)


def _column_words(line, x0: float, width: float) -> list:
    """Words of ``line`` that start under a label at ``x0``, plus their right neighbours."""
    words = sorted(line.words, key=lambda w: w.bbox[0])
    start = next((i for i, w in enumerate(words) if x0 - 0.02 <= w.bbox[0] <= x0 + width), None)
    if start is None:
        return []
    col = [words[start]]
    for w in words[start + 1:]:
        if w.bbox[0] - col[-1].bbox[2] > 0.04:
            break
        col.append(w)
    return col


def _below(reader: LabelReader, hit, lines):
    """Candidate values under the label, in the label's column (labels above values)."""
    words = hit.line.words_in(hit.start, hit.end)
    if not words:
        return
    x0 = min(w.bbox[0] for w in words)
    width = max(w.bbox[2] for w in words) - x0
    height = hit.line.bbox[3] - hit.line.bbox[1]
    for line in lines[hit.line.order + 1:hit.line.order + 6]:
        if line.page != hit.line.page or line.bbox[1] - hit.line.bbox[3] > 2.5 * height:
            break
        if any(h.line is line for h in reader.hits):
            continue
        col = _column_words(line, x0, width)
        if col:
            yield Value(" ".join(w.text for w in col), col, line.page,
                        min(1.0, hit.score / 100 + 0.04) * 0.97, [line])


def _label_value(reader: LabelReader, key: str, ok=lambda text: bool(text.strip()), lines=None):
    for hit in reader.hits_for(key):
        val = reader.value_at(hit, next_line=False)
        if val is not None and ok(val.text):
            return val
        for val in _below(reader, hit, lines or reader.lines):
            if ok(val.text):
                return val
    return None


def _dates(reader: LabelReader, lines) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for key in ("date_of_birth", "date_of_issue", "date_of_expiry"):
        val = _label_value(reader, key, card_date)
        if val is not None and (d := card_date(val.text)):
            out[key] = val.field(iso(d))
    found = [(d, ln) for ln in lines if not is_mrz_row(ln) and (d := card_date(ln.text))]
    found.sort(key=lambda x: x[0])
    if len(found) == 3 and len({d for d, _ in found}) == 3:
        for key, (d, ln) in zip(("date_of_birth", "date_of_issue", "date_of_expiry"), found):
            if key not in out:
                out[key] = row_field(ln, ln.text.strip(), iso(d), quality=0.9)
            elif out[key].normalized != iso(d):
                out[key].confidence = min(out[key].confidence, 0.6)
    return out


def _printed(doc: Document) -> dict[str, Field]:
    lines = doc_lines(doc)
    reader = LabelReader(doc, SPEC, lines=lines)
    out = _dates(reader, lines)
    if (val := _label_value(reader, "full_name")) is not None:
        name, fixed = restore_surname(normalize_name(strip_junk(val.text)))
        out["full_name"] = val.field(quality=0.9 if fixed else 1.0)
        out["full_name"].value = name
    if (val := _label_value(reader, "nationality")) is not None:
        out["nationality"] = val.field(normalize_nationality(val.text))
    if (val := _label_value(reader, "sex", normalize_sex)) is not None:
        out["sex"] = val.field(normalize_sex(val.text))
    val = _label_value(reader, "personal_id", lambda t: find_id_number(t, (12, 9)))
    if val is not None and (n := find_id_number(val.text, (12, 9))):
        out["personal_id"] = val.field(n)
    else:
        for ln in lines:  # label misread: a row holding just a 12-digit number
            if not is_mrz_row(ln) and re.fullmatch(r"\s*[0-9OoIlSB]{12}\s*", ln.text):
                n = find_id_number(ln.text, (12,))
                out["personal_id"] = row_field(ln, n, n, quality=0.85)
                break
    val = _label_value(reader, "passport_number", lambda t: _PASSPORT_NO.search(t.replace(" ", "").upper()))
    if val is not None:
        out["passport_number"] = val.field(_PASSPORT_NO.search(val.text.replace(" ", "").upper()).group(1))
    if "passport_number" not in out:
        for ln in lines:
            m = None if is_mrz_row(ln) else _PASSPORT_NO.search(ln.text.upper())
            if m:
                out["passport_number"] = row_field(ln, m.group(1), m.group(1), quality=0.9)
                break
    return out


def _name_from_mrz(fields: dict[str, Field], parsed: dict[str, Field]) -> None:
    name = parsed.get("full_name")
    if name is None or not name.value:
        return
    text = str(name.normalized or re.sub(r"<+", " ", name.value).strip())
    nat = parsed.get("nationality")
    foreign = nat is not None and nat.normalized not in (None, "Việt Nam") and not name.errors
    # a Vietnamese name without its diacritics is not the printed name
    fields["full_name"] = name.model_copy(update={"value": text, "normalized": None, "source": "mrz",
                                                  "confidence": 0.9 if foreign else 0.5})


def extract(doc: Document, *, mrz: dict | None = None) -> Extraction:
    """Passport fields; MRZ-derived values fill what the printed zone lacks."""
    fields = _printed(doc)
    errors: list[str] = []
    rows = card_rows(doc)
    parsed = mrz_for(rows, mrz, "passport")
    if parsed:
        apply_mrz(fields, parsed, errors, keys=MRZ_KEYS)
        if "full_name" not in fields:
            _name_from_mrz(fields, parsed)
    pid = fields.get("personal_id")
    if pid is not None and len(pid.normalized or "") == 12:
        sex, dob = fields.get("sex"), fields.get("date_of_birth")
        for code in validate_personal_id(pid.normalized, date_of_birth=dob.normalized if dob else None,
                                         sex=sex.normalized if sex else None):
            errors.append(code)
            pid.errors.append(code)
            pid.confidence = min(pid.confidence, 0.5)
    return Extraction(doc_type=doc_type, doc_type_confidence=_score_rows(rows) or 0.0, fields=fields,
                      errors=sorted(set(errors)), pages=[p.number for p in doc.pages])
