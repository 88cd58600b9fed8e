"""Printed fields of ID cards (both sides, every model), read by labels.

Side-agnostic: a field is read wherever its label is, so the 2024 card (residence
and birth registration on the back) needs no special case.
"""
from __future__ import annotations

import re

from sohoa.extractors.common.labels import LabelReader, OcrLine, Value
from sohoa.extractors.common.normalize import (
    fold, iso, normalize_name, normalize_nationality, normalize_sex)
from sohoa.extractors.id_card_lines import is_mrz_row, row_field
from sohoa.extractors.id_card_text import (
    card_date, fix_address_commas, fix_features, known_authority, restore_surname, strip_junk)
from sohoa.extractors.idnumber import find_id_number
from sohoa.models.fields import Field

SPEC: dict[str, list[str]] = {
    "id_number": ["Số định danh cá nhân / Personal identification number", "Số định danh cá nhân",
                  "Personal identification number", "Số / No."],
    "full_name": ["Họ và tên / Full name", "Họ, chữ đệm và tên khai sinh / Surname, middle name and given name",
                  "Họ, chữ đệm và tên khai sinh", "Họ, chữ đệm và tên", "Họ và tên", "Họ tên", "Full name"],
    "date_of_birth": ["Ngày, tháng, năm sinh", "Ngày sinh / Date of birth", "Ngày sinh", "Sinh ngày",
                      "Date of birth"],
    "sex": ["Giới tính / Sex", "Giới tính"],
    "nationality": ["Quốc tịch / Nationality", "Quốc tịch", "Nationality"],
    "ethnicity": ["Dân tộc / Ethnicity", "Dân tộc"],
    "religion": ["Tôn giáo / Religion", "Tôn giáo"],
    "place_of_origin": ["Quê quán / Place of origin", "Quê quán", "Nguyên quán", "Place of origin"],
    "place_of_residence": ["Nơi thường trú / Place of residence", "Nơi cư trú / Place of residence",
                           "Nơi ĐKHK thường trú", "Nơi thường trú", "Nơi cư trú", "Place of residence"],
    "date_of_expiry": ["Có giá trị đến / Date of expiry", "Có giá trị đến", "Ngày hết hạn / Date of expiry",
                       "Ngày hết hạn", "Date of expiry"],
    "place_of_birth_registration": ["Nơi đăng ký khai sinh / Place of birth", "Nơi đăng ký khai sinh",
                                    "Place of birth"],
    "personal_features": ["Đặc điểm nhân dạng / Personal identification", "Đặc điểm nhân dạng",
                          "Đặc điểm nhận dạng", "Dấu vết riêng và dị hình", "Personal identification"],
    "date_of_issue": ["Ngày, tháng, năm / Date, month, year", "Ngày, tháng, năm cấp / Date of issue",
                      "Ngày cấp / Date of issue", "Ngày, tháng, năm cấp", "Ngày cấp", "Date of issue",
                      "Date, month, year"],
    "_finger": ["Ngón trỏ trái", "Ngón trỏ phải", "Left index finger", "Right index finger"],
    "_title": ["Căn cước công dân", "Citizen Identity Card", "Giấy chứng minh nhân dân"],
}
ADDRESS_KEYS = ("place_of_origin", "place_of_residence", "place_of_birth_registration")
AUTHORITY = re.compile(r"^(cuc truong|giam doc|pho giam doc|bo cong an|cuc canh sat|bo truong|"
                       r"truong phong|cong an)")
NO_EXPIRY = re.compile(r"khong\s*thoi\s*han|unlimited|indefinite")


def _is_date_row(line: OcrLine) -> bool:
    return card_date(line.text) is not None and fold(line.text).startswith(("ngay", "date"))


def _stop_row(line: OcrLine) -> bool:
    return _is_date_row(line) or is_mrz_row(line) or bool(AUTHORITY.match(line.folded.strip()))


_FRAGMENTS = {"name", "full name", "no", "sex", "nationality", "date of birth", "place of origin",
              "place of residence", "personal identification", "date of expiry", "religion", "ethnicity",
              "place of birth", "surname", "given name", "identification", "personal", "full", "date",
              "place", "date of", "place of", "expiry", "of", "origin", "residence"}


def _is_fragment(text: str) -> bool:
    """What is left of a misread bilingual label ('name:', '7'), not a value."""
    f = re.sub(r"[^a-z0-9 ]", "", fold(text)).strip()
    return sum(c.isalnum() for c in f) < 2 or f in _FRAGMENTS


def _row_below(reader: LabelReader, hit) -> Value | None:
    """The value printed under its label: the words of the next row in the label's column."""
    line = hit.line
    label = line.words_in(hit.start, hit.end)
    x0 = min(w.bbox[0] for w in label) if label else line.bbox[0]
    height = max(line.bbox[3] - line.bbox[1], 0.005)
    for row in reader.lines[line.order + 1:line.order + 3]:
        if row.page != line.page or row.bbox[1] - line.bbox[3] > 1.5 * height:
            return None
        words = [w for w in row.words if w.bbox[0] >= x0 - 0.02]
        start = row.spans[row.words.index(words[0])][0] if words else 0
        if words and not any(h.line is row and h.end > start for h in reader.hits):
            text = " ".join(w.text for w in words)
            if not _is_fragment(text):
                return Value(text, words, row.page, 0.9, [row])
    return None


def _value(reader: LabelReader, key: str, wrap: int = 0) -> Value | None:
    for hit in reader.hits_for(key):
        val = reader.value_at(hit)
        if val is None or _is_fragment(val.text):
            val = _row_below(reader, hit)
        if val is not None:
            if wrap:
                _continue(val, reader.lines, reader)
            return val
    return None


def _date_value(val: Value, key: str) -> Field | None:
    if key == "date_of_expiry" and (m := NO_EXPIRY.search(fold(val.text))):
        return Value(val.text[m.start():m.end()], val.words, val.page, val.quality, val.lines).field(None)
    got = card_date(val.text)
    return val.field(iso(got)) if got else None


def _date_below(hit, rows: list[OcrLine]) -> Value | None:
    """A date printed under its label in a narrow column (expiry under the photo), where the
    rows below also carry another column's text."""
    words = hit.line.words_in(hit.start, hit.end)
    if not words:
        return None
    x0, x1 = min(w.bbox[0] for w in words), max(w.bbox[2] for w in words)
    height = max(hit.line.bbox[3] - hit.line.bbox[1], 0.005)
    for row in rows[hit.line.order + 1:]:
        if row.page != hit.line.page or row.bbox[1] - hit.line.bbox[3] > 5 * height:
            break
        col = [w for w in row.words if w.bbox[0] < x1 and w.bbox[2] > x0 - 0.02]
        text = " ".join(w.text for w in col)
        if col and (card_date(text) or NO_EXPIRY.search(fold(text))):
            return Value(text, col, row.page, 0.9, [row])
    return None


def _date_field(reader: LabelReader, key: str) -> Field | None:
    for hit in reader.hits_for(key):
        val = reader.value_at(hit)
        if val is not None and (f := _date_value(val, key)) is not None:
            return f
        val = _date_below(hit, reader.lines)
        if val is not None and (f := _date_value(val, key)) is not None:
            return f
    return None


def _id_number(reader: LabelReader, rows: list[OcrLine]) -> Field | None:
    val = _value(reader, "id_number")
    if val is not None:
        number = find_id_number(val.text)
        if number:
            return val.field(number)
    for row in rows:  # "Số: 0xx..." / "SỐ 3673..." / "sø/No: ..." / a bare number row
        m = re.search(r"[0-9OoIlSB]{9,}", row.text.replace(" ", ""))
        if is_mrz_row(row) or m is None or m.start() > 8:
            continue
        number = find_id_number(row.text[2:] if row.folded.startswith(("so", "no")) else row.text)
        if number:
            return row_field(row, number, number, quality=0.95)
    return None


def _expiry_row(rows: list[OcrLine], birth: str | None) -> Field | None:
    """A date on a row mentioning expiry ('... đến', 'expir', 'hết hạn') whose label was misread."""
    for row in rows:
        f = row.folded
        if not any(k in f for k in ("den", "expir", "het han")) or "sinh" in f or "birth" in f:
            continue
        got = card_date(row.text)
        if got and got.isoformat() != birth:
            return row_field(row, got.strftime("%d/%m/%Y"), iso(got), quality=0.85)
    return None


_FINGER = re.compile(r"\s*(ngon tro|left index|right index|index finger).*$")


def _issued_by(rows: list[OcrLine]) -> Field | None:
    texts = [r.text[:m.start()] if (m := _FINGER.search(r.folded)) else r.text for r in rows]
    known = known_authority(" ".join(texts))
    if known is not None:
        return Field(value=known[0], confidence=round(0.97 * known[1], 3), page=rows[0].page if rows else None)
    for i, row in enumerate(rows):
        if not AUTHORITY.match(row.folded.strip()) or row.text.upper() != row.text:
            continue
        parts, lines = [row.text.strip()], [row]
        for nxt in rows[i + 1:i + 3]:
            t = nxt.text.strip()
            if (nxt.page != row.page or t.upper() != t or t == fold(t).upper() or is_mrz_row(nxt)
                    or card_date(t)):
                break
            parts.append(t)
            lines.append(nxt)
        text = " ".join(parts)
        return Value(text, [w for ln in lines for w in ln.words], row.page, 1.0, lines).field()
    return None


def _issue_date_row(rows: list[OcrLine]) -> Field | None:
    for row in rows:
        f = fold(row.text)
        if f.startswith("ngay") and "sinh" not in f and "het han" not in f:
            got = card_date(row.text)
            if got:
                return row_field(row, row.text.strip(), iso(got), quality=0.97)
    return None


_NAME_ROW = re.compile(r"^[A-ZÀ-ỸĐ]+(?: [A-ZÀ-ỸĐ]+){1,5}$")


def _full_name(reader: LabelReader, rows: list[OcrLine], id_field: Field | None) -> Field | None:
    val = _value(reader, "full_name")
    quality = 1.0
    if val is None and id_field is not None:  # label lost: the upper-case row under the number
        after = [r for r in rows if r.page == id_field.page and r.bbox[1] > (id_field.bbox or (0, 0, 0, 0))[3]]
        row = after[0] if after else None
        if row is not None and _NAME_ROW.match(row.text.strip()) and not any(h.line is row for h in reader.hits):
            val, quality = Value(row.text.strip(), row.words, row.page, 1.0, [row]), 0.8
    if val is None:
        return None
    name, fixed = restore_surname(normalize_name(strip_junk(val.text)))
    out = val.field(quality=quality * (0.9 if fixed else 1.0))
    out.value = name
    return out


def read_printed(rows: list[OcrLine]) -> dict[str, Field]:
    """Every printed field found in ``rows`` (one side or both)."""
    reader = LabelReader(None, SPEC, lines=rows)
    out: dict[str, Field] = {}
    if (f := _id_number(reader, rows)) is not None:
        out["id_number"] = f
    if (f := _full_name(reader, rows, out.get("id_number"))) is not None:
        out["full_name"] = f
    for key in ("date_of_birth", "date_of_expiry", "date_of_issue"):
        if (f := _date_field(reader, key)) is not None:
            out[key] = f
    if "date_of_expiry" not in out and (f := _expiry_row(rows, out.get("date_of_birth") and
                                                          out["date_of_birth"].normalized)) is not None:
        out["date_of_expiry"] = f
    if "date_of_issue" not in out and (f := _issue_date_row(rows)) is not None:
        out["date_of_issue"] = f
    if (val := _value(reader, "sex")) is not None and normalize_sex(val.text):
        out["sex"] = val.field(normalize_sex(val.text))
    if (val := _value(reader, "nationality")) is not None:
        val.text = strip_junk(val.text)
        out["nationality"] = val.field(normalize_nationality(val.text))
    for key in ADDRESS_KEYS + ("personal_features",):
        if (val := _value(reader, key, wrap=1)) is not None:
            val.text, fixed = fix_address_commas(strip_junk(val.text)) if key in ADDRESS_KEYS else (
                fix_features(strip_junk(val.text)), False)
            out[key] = val.field(quality=0.9 if fixed else 1.0)
    for key in ("ethnicity", "religion"):
        if (val := _value(reader, key)) is not None:
            val.text = re.sub(r"\s*,\s*", " ", strip_junk(val.text))  # names of ethnicities/religions
            out[key] = val.field()
    if (f := _issued_by(rows)) is not None:
        out["issued_by"] = f
    return out


def _continue(val: Value, rows: list[OcrLine], reader: LabelReader) -> None:
    """Append the value's continuation: the next label-free row, or the part of the next row
    that sits in the value column when its left part holds another label (expiry under the photo)."""
    line = val.lines[-1]
    height = max(line.bbox[3] - line.bbox[1], 0.005)
    below = [r for r in rows if r.page == line.page and r.order > line.order
             and (r.bbox[1] + r.bbox[3]) / 2 > line.bbox[3] and r.bbox[1] - line.bbox[3] < 1.6 * height]
    if not below:
        return
    row = below[0]
    words = [w for w in row.words if w.bbox[0] >= line.bbox[0] - 0.02]
    if not words or words[0].bbox[0] > line.bbox[0] + 0.25 * max(line.bbox[2] - line.bbox[0], 0.01):
        return
    start = row.spans[row.words.index(words[0])][0]
    if any(h.line is row and h.end > start for h in reader.hits) or _stop_row(row):
        return
    text = " ".join(w.text for w in words)
    if card_date(text) or is_mrz_row(row):
        return
    comma = "," if line.text.rstrip().endswith(",") and not val.text.rstrip().endswith(",") else ""
    val.text = f"{val.text.rstrip()}{comma} {text}".strip()
    val.words = val.words + words
    val.lines.append(row)
