"""Turn label values into typed ``Field``s with validation-aware confidence."""
from __future__ import annotations

import re

from sohoa.extractors.common.labels import Value
from sohoa.extractors.common.normalize import (
    digits_only, fold, iso, normalize_name, normalize_nationality, normalize_sex, parse_date, parse_year)
from sohoa.extractors.common.names import fix_ethnicity, fix_surname, truncated_name
from sohoa.models.fields import Field
from sohoa.models.ocr import Word

_DATE_TEXT = re.compile(r"ng[aà]y\s*\S{1,2}\s*th[aá]ng\s*\S{1,2}\s*n[aă]m\s*\S{4}|"
                        r"\S{1,2}\s*[/\-.]\s*\S{1,2}\s*[/\-.]\s*\d[\dO]{3}", re.IGNORECASE)
_NAME_OK = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+){1,7}$")


def _words_for(val: Value, part: str) -> list[Word]:
    tokens = set(part.split())
    words = [w for w in val.words if w.text.strip(":;,.") in tokens or w.text in tokens]
    return words or val.words


def sub_value(val: Value, part: str) -> Value:
    """A value narrowed to the substring ``part`` (words chosen by token)."""
    return Value(part, _words_for(val, part), val.page, val.quality, val.lines)


def text_field(val: Value | None, *, strip_chars: str = " .;,", min_len: int = 2) -> Field | None:
    if val is None:
        return None
    text = re.sub(r"\s+", " ", val.text).strip(strip_chars)
    if len(text) < min_len:
        return None
    text = re.sub(r"(?<!\w)[_|]+|[_|]+(?!\w)", "", text).strip(strip_chars)
    errors = [] if re.search(r"\w", text) else ["text_unreadable"]
    return Value(text, val.words, val.page, val.quality, val.lines).field(errors=errors)


def ethnicity_field(val: Value | None) -> Field | None:
    field = text_field(val)
    if field is not None:
        field.value, fixed = fix_ethnicity(field.value)
        if fixed:
            field.confidence = round(field.confidence * 0.92, 3)
    return field


def name_field(val: Value | None, *, upper: bool = True) -> Field | None:
    if val is None:
        return None
    text = re.sub(r"\s+", " ", val.text).strip(" .,;:-*")
    if not text:
        return None
    return person_name(Value(text, val.words, val.page, val.quality, val.lines), upper=upper)


def person_name(val: Value, *, upper: bool = True) -> Field:
    """Name field: surname spelling fixed, short/truncated names less confident."""
    text = normalize_name(val.text) if upper else re.sub(r"\s+", " ", val.text).strip(" .,;:-*")
    text, fixed = fix_surname(text)
    errors = [] if _NAME_OK.match(text) else ["name_format"]
    if truncated_name(text):
        errors.append("name_truncated")
    quality = (0.9 if fixed else 1.0) * (0.9 if len(text.split()) <= 2 else 1.0)
    return Value(text, val.words, val.page, val.quality, val.lines).field(errors=errors, quality=quality)


def date_field(val: Value | None) -> Field | None:
    if val is None:
        return None
    m = _DATE_TEXT.search(val.text)
    part = m.group(0).strip() if m else val.text.strip(" .,;")
    parsed = parse_date(part) or parse_date(val.text)
    if parsed is None:
        return sub_value(val, part).field(errors=["date_unreadable"])
    sub = sub_value(val, part)
    quality = 1.0 if re.fullmatch(r"\d{2}/\d{2}/\d{4}|ngày \d{1,2} tháng \d{1,2} năm \d{4}", part) else 0.9
    return sub.field(iso(parsed), quality=quality)


def year_field(val: Value | None) -> Field | None:
    if val is None:
        return None
    year = parse_year(val.text)
    if year is None:
        return None
    return sub_value(val, year).field(year, quality=1.0 if year in val.text else 0.85)


def digits_field(val: Value | None, lengths: tuple[int, ...], *, code: str = "id") -> Field | None:
    """A number printed as digits (first run of digit-like characters)."""
    if val is None:
        return None
    part = None
    for m in re.finditer(r"[0-9OoIlDSB|][0-9OoIlDSB| .]{4,}[0-9OoIlDSB|]", val.text):
        if sum(c.isdigit() for c in m.group(0)) >= 6:
            part = m.group(0).strip()
            break
    if part is None:
        return None
    digits = digits_only(part, fix_ocr=True)
    quality = 1.0 if re.fullmatch(r"[\d ]+", part) else 0.85
    errors = [] if len(digits) in lengths else [f"{code}_format"]
    return sub_value(val, part).field(digits, quality=quality, errors=errors)


def sex_field(val: Value | None) -> Field | None:
    if val is None:
        return None
    token = val.text.split()[0] if val.text.split() else ""
    sex = normalize_sex(val.text)
    if sex is None:
        return val.field(errors=["sex_unreadable"])
    printed = "Nữ" if sex == "F" else "Nam"
    quality = 1.0 if fold(token) in ("nam", "nu") else 0.85
    return Value(printed, _words_for(val, token), val.page, val.quality).field(sex, quality=quality)


def nationality_field(val: Value | None) -> Field | None:
    if val is None:
        return None
    text = val.text.strip(" .;,")
    norm = normalize_nationality(text)
    return Value(text, val.words, val.page, val.quality).field(norm)


def put_field(fields: dict[str, Field], key: str, field: Field | None) -> None:
    """Records ``field`` under ``key`` when something was read."""
    if field is not None and field.value:
        fields[key] = field
