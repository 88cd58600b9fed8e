"""Giấy chứng nhận quyền sử dụng đất (sổ đỏ / sổ hồng) extractor."""
from __future__ import annotations

import re

from sohoa.extractors.common import build
from sohoa.extractors.common.build import put_field
from sohoa.extractors.common.labels import LabelReader, Value, doc_lines, field_from_words
from sohoa.extractors.common.layout import form_score, place_date
from sohoa.extractors.common.normalize import fold, iso, parse_area_m2, parse_date
from sohoa.extractors.common.validators import validate_area, validate_serial, validate_year
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

doc_type = "land_use_certificate"
TITLES = ["GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT",
          "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT QUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT",
          "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT",
          "QUYỀN SỬ DỤNG ĐẤT"]

ANCHORS = ["Thửa đất số", "tờ bản đồ số", "Diện tích", "Hình thức sử dụng", "Mục đích sử dụng",
           "Thời hạn sử dụng", "Nguồn gốc sử dụng", "Số vào sổ cấp GCN"]

SPEC = {
    "holder": ["Ông:", "Bà:", "Hộ ông:", "Hộ bà:", "Ông (Bà):"],
    "birth_year": ["sinh năm", "năm sinh"],
    "holder_id": ["CMND số", "CCCD số", "Căn cước công dân số", "Số định danh cá nhân", "Giấy CMND số",
                  "Hộ chiếu số", "Căn cước số", "Số CCCD", "Số CMND"],
    "holder_address": ["Địa chỉ thường trú", "Địa chỉ thường trú tại", "Thường trú tại"],
    "address": ["Địa chỉ"],
    "parcel": ["Thửa đất số"],
    "sheet": ["tờ bản đồ số", "Tờ bản đồ"],
    "area": ["Diện tích"],
    "in_words": ["bằng chữ"],
    "use_form": ["Hình thức sử dụng"],
    "purpose": ["Mục đích sử dụng"],
    "term": ["Thời hạn sử dụng"],
    "origin": ["Nguồn gốc sử dụng"],
    "registry": ["Số vào sổ cấp GCN", "Số vào sổ cấp giấy chứng nhận", "Số vào sổ"],
    "serial": ["Số phát hành", "Số seri", "Số serial"],
    "house": ["Nhà ở:", "Công trình xây dựng khác", "Ghi chú"],
}
PURPOSES = ("Đất trồng lúa", "Đất chuyên trồng lúa nước", "Đất trồng cây hằng năm khác", "Đất trồng cây lâu năm",
            "Đất nuôi trồng thủy sản", "Đất làm muối", "Đất nông nghiệp khác", "Đất rừng sản xuất",
            "Đất rừng phòng hộ", "Đất rừng đặc dụng", "Đất ở tại nông thôn", "Đất ở tại đô thị",
            "Đất thương mại, dịch vụ", "Đất cơ sở sản xuất phi nông nghiệp", "Đất sản xuất, kinh doanh phi nông nghiệp")
_SERIAL = re.compile(r"^\s*([A-ZĐ]{2})\s?(\d{6})\s*$")


def score(doc: Document) -> float | None:
    return form_score(doc_lines(doc), TITLES, ANCHORS)


def _area(val: Value | None) -> Field | None:
    if val is None:
        return None
    m = re.search(r"\d[\d.,\s]*\s*(m²|m2|m\b)?", val.text)
    if not m:
        return val.field(errors=["area_unreadable"])
    printed = m.group(0).strip(" ,")
    area = parse_area_m2(printed)
    return build.sub_value(val, printed).field(area, errors=validate_area(area))


def _purpose(field: Field | None) -> Field | None:
    """Restore the diacritics of a standard land-use purpose ('trông' -> 'trồng')."""
    if field is None:
        return None
    for p in PURPOSES:
        if fold(p) == fold(field.value) and p != field.value:
            field.value = p
            field.confidence = round(field.confidence * 0.95, 3)
    return field


def _use_form(val: Value | None) -> Field | None:
    if val is None:
        return None
    t = fold(val.text)
    norm = "riêng" if "rieng" in t else "chung" if "chung" in t else None
    return val.field(norm, errors=[] if norm else ["use_form_unknown"])


def _code(val: Value | None, letters: int, digits: tuple[int, int]) -> Field | None:
    if val is None:
        return None
    m = re.search(r"([A-ZĐ]{%d})\s?(\d{%d,%d})\b" % (letters, *digits), val.text)
    quality = 1.0
    if not m:  # one stray OCR character after the letters ('CHÍ 55006')
        m = re.search(r"([A-ZĐ]{%d})\S\s?(\d{%d,%d})\b" % (letters, *digits), val.text)
        quality = 0.75
    if not m:
        return build.text_field(val)
    return build.sub_value(val, m.group(0)).field(m.group(1) + m.group(2), quality=quality)


def extract(doc: Document) -> Extraction:
    lines = doc_lines(doc)
    r = LabelReader(doc, SPEC, lines=lines)
    f: dict[str, Field] = {}
    holder, parcel = r.first("holder"), r.first("parcel")
    put_field(f, "holder_name", build.name_field(r.value_at(holder) if holder else None))
    put_field(f, "holder_birth_year", build.year_field(r.value("birth_year", before=parcel)))
    put_field(f, "holder_id_number", build.digits_field(r.value("holder_id", before=parcel), (9, 12))
              or _unlabelled_id(lines, holder, parcel))
    addr = r.value("holder_address", wrap=2, before=parcel) or r.value("address", wrap=2, before=parcel)
    put_field(f, "holder_address", build.text_field(addr))
    put_field(f, "parcel_no", build.text_field(r.value("parcel", next_line=False), min_len=1))
    put_field(f, "map_sheet_no", build.text_field(r.value("sheet", next_line=False), min_len=1))
    put_field(f, "parcel_address", build.text_field(r.value("address", after=parcel, wrap=2) if parcel else None))
    put_field(f, "area_m2", _area(r.value("area")))
    put_field(f, "use_form", _use_form(r.value("use_form")))
    put_field(f, "land_use_purpose", _purpose(build.text_field(r.value("purpose", wrap=1))))
    put_field(f, "use_term", build.text_field(r.value("term", wrap=1)))
    put_field(f, "origin", build.text_field(r.value("origin", wrap=2)))
    put_field(f, "registry_no", _code(r.value("registry"), 2, (3, 7)))
    put_field(f, "serial", _serial(r, lines))
    put_field(f, "issue_date", _issue_date(lines))
    for key in ("parcel_no", "map_sheet_no"):
        if key in f:
            f[key].normalized = re.sub(r"\D", "", f[key].value) or None
    if "holder_birth_year" in f:
        f["holder_birth_year"].errors += validate_year(f["holder_birth_year"].normalized)
    return Extraction(doc_type=doc_type, fields=f, errors=[])


def _unlabelled_id(lines, holder, parcel) -> Field | None:
    """A 9/12-digit number in the holder section whose label OCR lost ('số: 0481…')."""
    if holder is None:
        return None
    stop = parcel.line.order if parcel else holder.line.order + 6
    for ln in lines[holder.line.order + 1:stop]:
        m = re.search(r"(?<![\d/])(\d{12}|\d{9})(?![\d/])", ln.text)
        if m:
            return build.sub_value(Value(ln.text, ln.words, ln.page, 1.0), m.group(1)).field(m.group(1), quality=0.85)
    return None


def _serial(r: LabelReader, lines) -> Field | None:
    labelled = _code(r.value("serial"), 2, (6, 6))
    if labelled is not None and not validate_serial(labelled.normalized):
        return labelled
    for ln in reversed(lines):
        m = _SERIAL.match(ln.text)
        if m:
            return field_from_words(ln.words, ln.page, ln.text.strip(), m.group(1) + m.group(2), quality=0.97)
    return None


def _issue_date(lines) -> Field | None:
    found = place_date(lines)
    if found is None:
        return None
    line, _place, text = found
    parsed = parse_date(text)
    val = build.sub_value(Value(line.text, line.words, line.page, 1.0), text)
    return val.field(iso(parsed), errors=[] if parsed else ["date_unreadable"])
