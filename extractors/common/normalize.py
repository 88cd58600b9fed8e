"""Normalization of printed values: dates, sex, nationality, names, numbers.

Every function is pure and tolerant: it returns ``None`` (or the input
cleaned up) instead of raising on text it cannot read.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from sohoa.models.ocr import nfc

__all__ = [
    "nfc", "parse_date", "iso", "normalize_sex", "normalize_nationality",
    "digits_only", "normalize_name", "name_key", "strip_marks",
    "parse_area_m2", "parse_vnd", "fold", "parse_year",
]

# OCR confusions of digits inside numeric tokens
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1",
                            "|": "1", "i": "1", "!": "1", "Z": "2", "S": "5", "s": "5",
                            "B": "8", "§": "8", "G": "6", "b": "6", "g": "9", "T": "7"})
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_FIX = re.compile(r"(?i)(o|u)([aeyAEY])([\u0300\u0301\u0303\u0309\u0323])(?![\w\u0300-\u036f])")


def strip_marks(text: str) -> str:
    """Drop all diacritics (đ -> d), keep case."""
    text = text.replace("Đ", "D").replace("đ", "d")
    d = unicodedata.normalize("NFD", text)
    return nfc("".join(c for c in d if unicodedata.category(c) != "Mn"))


def fold(text: str) -> str:
    """Lower-case, mark-free, single-spaced comparison form."""
    return re.sub(r"\s+", " ", strip_marks(text).casefold()).strip()


def _fix_digits(token: str) -> str:
    return token.translate(_DIGIT_FIX)


def _make_date(d: int, m: int, y: int) -> date | None:
    if y < 100:
        y += 2000 if y < 50 else 1900
    try:
        result = date(y, m, d)
    except ValueError:
        return None
    if not 1850 <= result.year <= 2150:
        return None
    return result


_NUMERIC = re.compile(r"(?<![\w])([0-9OoIlDSBZ|]{1,2})\s*[/\-.,]\s*([0-9OoIlDSBZ|]{1,2})\s*[/\-.,]\s*"
                      r"([0-9OoIlDSBZ|]{4}|[0-9]{2})(?![0-9])")
_WORDS = re.compile(r"ng[aà]y\W{0,3}([0-9OoIlSBZ|]{1,2})\W{0,3}th[aá]ng\W{0,3}([0-9OoIlSBZ|]{1,2})"
                    r"\W{0,3}n[aăắ]m\W{0,3}([0-9OoIlSBZ|]{4})", re.IGNORECASE)
_COMPACT = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)")


def parse_date(text: str | None) -> date | None:
    """Parse DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY or 'ngày 12 tháng 5 năm 1987'."""
    if not text:
        return None
    text = nfc(text)
    plain = strip_marks(text)
    m = _WORDS.search(plain)
    if m:
        got = _make_date(*(int(_fix_digits(g)) for g in m.groups()))
        if got:
            return got
    for m in _NUMERIC.finditer(text):
        d, mo, y = (_fix_digits(g) for g in m.groups())
        if d.isdigit() and mo.isdigit() and y.isdigit():
            got = _make_date(int(d), int(mo), int(y))
            if got:
                return got
    m = _COMPACT.search(text.replace(" ", ""))
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def parse_year(text: str | None) -> str | None:
    """First plausible 4-digit year in the text."""
    if not text:
        return None
    m = re.search(r"(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)", _fix_digits(text.replace(" ", "")))
    return m.group(1) if m else None


def normalize_sex(text: str | None) -> str | None:
    """'Nam'/'Male'/'M' -> 'M', 'Nữ'/'Female'/'F' -> 'F'."""
    if not text:
        return None
    t = fold(text).strip(" .:/")
    if not t:
        return None
    first = re.split(r"[\s/]+", t)[0]
    if first in ("nu", "n~", "female", "f", "nir", "nu'", "nư") or t.startswith("nu"):
        return "F"
    if first in ("nam", "male", "m", "narn", "nan") or t.startswith("nam"):
        return "M"
    return None


_NATIONALITIES = {
    "viet nam": "Việt Nam", "vietnam": "Việt Nam", "vietnamese": "Việt Nam", "vnm": "Việt Nam",
    "viet nam/vietnamese": "Việt Nam",
}


def normalize_nationality(text: str | None) -> str | None:
    """'VIỆT NAM/VIETNAMESE', 'Việt Nam', 'VNM' -> 'Việt Nam'; others title-cased."""
    if not text:
        return None
    t = fold(text).strip(" .:")
    for part in [t] + [p.strip() for p in t.split("/")]:
        if part in _NATIONALITIES:
            return _NATIONALITIES[part]
    if re.fullmatch(r"vi[e3]t\s*n[a4]m.*", t):
        return "Việt Nam"
    return nfc(text.split("/")[0].strip()).title() or None


def digits_only(text: str | None, *, fix_ocr: bool = False) -> str:
    """Keep only digits; with ``fix_ocr`` map O->0, I/l->1, S->5, B->8 first."""
    if not text:
        return ""
    if fix_ocr:
        text = _fix_digits(text)
    return "".join(c for c in text if c.isdigit())


def normalize_name(text: str | None) -> str | None:
    """Person name: NFC, single spaces, upper case with diacritics."""
    if not text:
        return None
    text = re.sub(r"\s+", " ", nfc(text)).strip(" .,:;-")
    return text.upper() or None


def tone_unify(text: str) -> str:
    """Move a tone mark of oa/oe/uy to a canonical position (hoà == hòa)."""
    d = unicodedata.normalize("NFD", nfc(text))
    d = _TONE_FIX.sub(lambda m: m.group(1) + m.group(3) + m.group(2), d)
    return nfc(d)


def name_key(text: str | None) -> str:
    """Comparison key: tone placement unified, case folded, whitespace collapsed."""
    if not text:
        return ""
    return re.sub(r"\s+", " ", tone_unify(text).casefold()).strip(" .,:;-")


def _parse_number(text: str) -> float | None:
    """'1.234,5' / '1,234.5' / '120,50' / '1 234' -> float."""
    t = re.sub(r"\s+", "", _fix_digits_in_number(text))
    m = re.search(r"\d[\d.,]*", t)
    if not m:
        return None
    num = m.group(0).rstrip(".,")
    if "," in num and "." in num:
        dec = "," if num.rfind(",") > num.rfind(".") else "."
        thou = "." if dec == "," else ","
        num = num.replace(thou, "").replace(dec, ".")
    elif "," in num:
        parts = num.split(",")
        if len(parts) > 2 or (len(parts[-1]) == 3 and len(parts) == 2 and len(parts[0]) <= 3 and False):
            num = num.replace(",", "")
        else:
            num = num.replace(",", ".")
    elif "." in num:
        parts = num.split(".")
        if len(parts) > 2 or len(parts[-1]) == 3:
            num = num.replace(".", "")
    try:
        return float(num)
    except ValueError:
        return None


def _fix_digits_in_number(text: str) -> str:
    return re.sub(r"(?<=\d)[Oo](?=[\d.,\s]|$)|(?<=[\d.,])[Oo]", "0", text)


def parse_area_m2(text: str | None) -> float | None:
    """'120,5 m²' / '120.50 m2' / '1.234,5m2' -> 120.5 (decimal comma is Vietnamese usage)."""
    if not text:
        return None
    m = re.search(r"\d[\d.,\s]*", text)
    if not m:
        return None
    return _parse_number(m.group(0))


def parse_vnd(text: str | None) -> int | None:
    """'5.000.000.000 đồng' / '5,000,000,000 VND' / '5 tỷ đồng' -> int."""
    if not text:
        return None
    t = fold(text)
    m = re.search(r"(\d[\d.,\s]*\d|\d)\s*(ty|trieu|nghin|ngan)?\b", t)
    if not m:
        return None
    raw = re.sub(r"\s", "", m.group(1))
    unit = {"ty": 10**9, "trieu": 10**6, "nghin": 10**3, "ngan": 10**3}.get(m.group(2) or "", 1)
    if unit == 1:
        digits = re.sub(r"[.,]", "", raw)
        return int(digits) if digits.isdigit() else None
    value = _parse_number(raw)
    return int(round(value * unit)) if value is not None else None
