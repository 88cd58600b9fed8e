"""Giấy chứng nhận kết hôn (marriage certificate) extractor.

The husband (CHỒNG) and wife (VỢ) blocks are two columns on the form; OCR may
return them side by side or one after the other.  Each label hit is assigned
to a spouse by column (when both headers sit on one row) or by order.
"""
from __future__ import annotations

from sohoa.extractors.common import build
from sohoa.extractors.common.labels import LabelHit, LabelReader, doc_lines
from sohoa.extractors.common.layout import form_score
from sohoa.extractors.common.validators import validate_dates, validate_personal_id
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

doc_type = "marriage_certificate"
TITLES = ["GIẤY CHỨNG NHẬN KẾT HÔN", "TRÍCH LỤC KẾT HÔN", "BẢN SAO GIẤY CHỨNG NHẬN KẾT HÔN"]

ANCHORS = ["CHỒNG", "VỢ", "Giấy tờ tùy thân", "Nơi cư trú", "Nơi đăng ký", "Ngày, tháng, năm đăng ký",
           "NGƯỜI KÝ GIẤY CHỨNG NHẬN"]

SPEC = {
    "husband": ["CHỒNG", "Bên chồng"],
    "wife": ["VỢ", "Bên vợ"],
    "name": ["Họ, chữ đệm, tên", "Họ và tên", "Họ, chữ đệm và tên"],
    "husband_name": ["Họ, chữ đệm, tên chồng", "Họ và tên chồng", "Họ, chữ đệm và tên chồng"],
    "wife_name": ["Họ, chữ đệm, tên vợ", "Họ và tên vợ", "Họ, chữ đệm và tên vợ"],
    "dob": ["Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày"],
    "ethnicity": ["Dân tộc"],
    "nationality": ["Quốc tịch"],
    "residence": ["Nơi cư trú", "Nơi thường trú"],
    "id_doc": ["Giấy tờ tùy thân", "Giấy tờ tuỳ thân", "Giấy tờ tùy thân số"],
    "authority": ["Nơi đăng ký", "Nơi đăng ký kết hôn"],
    "reg_date": ["Ngày, tháng, năm đăng ký", "Ngày đăng ký"],
    "register": ["Số:"],
    "book": ["Quyển số"],
    "signer": ["NGƯỜI KÝ GIẤY CHỨNG NHẬN", "(Ký, ghi rõ họ"],
}


def score(doc: Document) -> float | None:
    return form_score(doc_lines(doc), TITLES, ANCHORS)


class _Sides:
    """Assigns label hits to the husband or wife block."""

    def __init__(self, reader: LabelReader):
        self.h = self._header(reader, "husband") or reader.first("husband_name")
        self.w = self._header(reader, "wife") or reader.first("wife_name")
        self.columns = False
        if self.h and self.w and self.h.line.page == self.w.line.page:
            hb, wb = self.h.line.bbox, self.w.line.bbox
            same_row = abs((hb[1] + hb[3]) - (wb[1] + wb[3])) / 2 < max(hb[3] - hb[1], 0.01) * 1.5
            self.columns = same_row and self._x(self.h) + 0.1 < self._x(self.w)
            self.split = (self._x(self.h) + self._x(self.w)) / 2

    @staticmethod
    def _header(reader: LabelReader, key: str) -> LabelHit | None:
        """A CHỒNG/VỢ header: the label alone (or nearly) in its line segment."""
        for h in reader.hits_for(key):
            rest = (h.line.text[:h.start] + h.line.text[h.end:]).strip(" :.")
            if len(rest) <= 3 or (h.line.text[h.start:h.end].isupper() and not any(
                    o is not h and o.line is h.line for o in reader.hits)):
                return h
        return None

    @staticmethod
    def _x(hit: LabelHit) -> float:
        words = hit.line.words_in(hit.start, hit.end) or hit.line.words
        return (words[0].bbox[0] + words[-1].bbox[2]) / 2

    def side(self, hit: LabelHit) -> str | None:
        if self.columns:
            if (hit.line.order, hit.start) < (self.h.line.order, 0):
                return None
            words = hit.line.words_in(hit.start, hit.end) or hit.line.words
            return "husband" if words[0].bbox[0] < self.split else "wife"
        pos = (hit.line.order, hit.start)
        if self.w and pos > (self.w.line.order, self.w.start):
            return "wife"
        if self.h and pos > (self.h.line.order, self.h.start):
            return "husband"
        return None


def _person(r: LabelReader, sides: _Sides, who: str, end: LabelHit | None) -> dict[str, Field | None]:
    def hit(key):
        for h in r.hits_for(key, before=end):
            if sides.side(h) == who:
                return h
        return None
    out: dict[str, Field | None] = {}
    h = r.first(f"{who}_name", before=end) or hit("name")
    out["name"] = build.name_field(r.value_at(h)) if h else None
    h = hit("dob")
    out["date_of_birth"] = build.date_field(r.value_at(h)) if h else None
    h = hit("id_doc")
    out["id_number"] = build.digits_field(r.value_at(h, wrap=1), (9, 12)) if h else None
    return out


def extract(doc: Document) -> Extraction:
    lines = doc_lines(doc)
    r = LabelReader(doc, SPEC, lines=lines)
    sides = _Sides(r)
    end = r.first("authority") or r.first("reg_date")
    f: dict[str, Field] = {}
    for who in ("husband", "wife"):
        for key, field in _person(r, sides, who, end).items():
            if field is not None and field.value:
                f[f"{who}_{key}"] = field
    for key, field in (
        ("registration_authority", build.text_field(r.value("authority", wrap=2))),
        ("registration_date", build.date_field(r.value("reg_date"))),
        ("register_no", build.text_field((r.value("register", next_line=False, after=end)
                                          or r.value("register", next_line=False, before=sides.h)), min_len=1)),
        ("book_no", build.text_field(r.value("book", next_line=False), min_len=1)),
    ):
        if field is not None and field.value:
            f[key] = field
    for key in ("register_no", "book_no"):
        if key in f:
            f[key].normalized = f[key].value.replace(" ", "")
    return Extraction(doc_type=doc_type, fields=f, errors=_validate(f))


def _validate(f: dict[str, Field]) -> list[str]:
    errors: list[str] = []
    reg = f.get("registration_date")
    for who in ("husband", "wife"):
        dob = f.get(f"{who}_date_of_birth")
        errs = validate_dates(dob.normalized if dob else None, reg.normalized if reg else None)
        if errs and dob:
            dob.errors += errs
            dob.confidence = min(dob.confidence, 0.5)
        errors += [f"{who}_{e}" for e in errs]
        idf = f.get(f"{who}_id_number")
        if idf is not None:
            errs = validate_personal_id(idf.normalized, date_of_birth=dob.normalized if dob else None)
            if errs:
                idf.errors += errs
                idf.confidence = min(idf.confidence, 0.5)
                errors += [f"{who}_{e}" for e in errs]
    return errors
