"""Text repairs for card OCR: dates with misread separators, leading junk, known authorities."""
from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz

from sohoa.extractors.common.normalize import fold, parse_date

# dd?mm?yyyy with I, l, | or spaces read for '/'
_SEP_DATE = re.compile(r"(?<!\d)(\d{1,2})\s?[Il|\\]\s?(\d{1,2})\s?[Il|\\]\s?(\d{4})(?!\d)")
_TOKEN_DATE = re.compile(r"^(\d{2})[Il|1/!\\]{1,2}(\d{2})[Il|1/!\\]{1,2}((?:19|20|21)\d{2})$")
_LOOSE_WORDS = re.compile(r"ngay\W{0,3}(\d{1,2})\D{1,12}?(\d{1,2})\W{0,3}(?:nam\W{0,3})?(\d{4})")

# Issuing authorities printed on the backs (fixed wording per card model).
AUTHORITIES = (
    ("quan ly hanh chinh ve trat tu xa hoi",
     "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"),
    ("dkql cu tru va dlqg ve dan cu", "CỤC TRƯỞNG CỤC CẢNH SÁT ĐKQL CƯ TRÚ VÀ DLQG VỀ DÂN CƯ"),
    ("dang ky, quan ly cu tru va du lieu quoc gia ve dan cu",
     "CỤC TRƯỞNG CỤC CẢNH SÁT ĐĂNG KÝ, QUẢN LÝ CƯ TRÚ VÀ DỮ LIỆU QUỐC GIA VỀ DÂN CƯ"),
)

# Surnames whose diacritic-free spelling is unambiguous (OCR often drops the marks).
SURNAMES = {"NGUYEN": "NGUYỄN", "TRAN": "TRẦN", "PHAM": "PHẠM", "HUYNH": "HUỲNH", "DANG": "ĐẶNG",
            "BUI": "BÙI", "DUONG": "DƯƠNG", "NGO": "NGÔ", "HOANG": "HOÀNG", "VU": "VŨ", "VO": "VÕ",
            "TRUONG": "TRƯƠNG", "TRINH": "TRỊNH", "DOAN": "ĐOÀN", "LUONG": "LƯƠNG", "LE": "LÊ", "DO": "ĐỖ",
            "HO": "HỒ", "DAO": "ĐÀO", "DINH": "ĐINH", "LY": "LÝ", "TA": "TẠ", "HA": "HÀ"}


def card_date(text: str | None) -> date | None:
    """parse_date, plus '29I05I2038' and 'ngày 17 11 năm 2024' (a word lost)."""
    if not text:
        return None
    got = parse_date(text)
    if got:
        return got
    fixed = _SEP_DATE.sub(lambda m: f"{m.group(1)}/{m.group(2)}/{m.group(3)}", text)
    got = parse_date(fixed) if fixed != text else None
    if got:
        return got
    m = _LOOSE_WORDS.search(fold(text))
    if m:
        return parse_date("/".join(m.groups()))
    for token in text.split():
        if (m := _TOKEN_DATE.match(token.strip(".,:;"))) and (got := parse_date("/".join(m.groups()))):
            return got
    return None


def strip_junk(text: str) -> str:
    """Drop leading tokens that are OCR noise (symbols, stray single letters) or the rest of a
    misread bilingual label ('/Full', 'name:')."""
    tokens = text.split()
    while len(tokens) > 1:
        t = tokens[0]
        letters = sum(c.isalpha() for c in t)
        label_rest = t.startswith("/") or (t.endswith(":") and len(tokens) > 1)
        if label_rest or any(not (c.isalnum() or c in ",.:;()-/") for c in t) or (letters < 2 and not t.isdigit()):
            tokens.pop(0)
            continue
        break
    return " ".join(tokens)


def known_authority(text: str) -> tuple[str, float] | None:
    """A fixed authority wording recognised in ``text`` (folded), with a match score 0..1."""
    folded = fold(text)
    best = None
    for key, canon in AUTHORITIES:
        sc = fuzz.partial_ratio(key, folded)
        if sc >= 85 and (best is None or sc > best[1]):
            best = (canon, sc / 100)
    return best


def restore_surname(name: str | None) -> tuple[str | None, bool]:
    """'NGUYEN THỊ LOAN' / 'NGUYÊN THỊ LOAN' -> 'NGUYỄN THỊ LOAN': a common surname whose marks
    were lost or misread."""
    if not name:
        return name, False
    parts = name.split()
    fixed = SURNAMES.get(fold(parts[0]).upper())
    if fixed and len(parts) > 1 and fixed != parts[0]:
        return " ".join([fixed] + parts[1:]), True
    return name, False


_FEATURE_HEAD = ((re.compile(r"^s[eẹéèẻẽ]o\b[.\s]*", re.IGNORECASE), "Sẹo "),
                 (re.compile(r"^n[ốồôổỗộo]t\s*ru[ồôốổỗộo]i\b\s*", re.IGNORECASE), "Nốt ruồi "))


def fix_features(text: str) -> str:
    """Personal features start with 'Sẹo' (scar) or 'Nốt ruồi' (mole); sizes are in cm."""
    for pattern, head in _FEATURE_HEAD:
        text = pattern.sub(head, text, count=1)
    return re.sub(r"(\d)\s?em\b", r"\1cm", text).strip(" .")


_UNIT_NUM = re.compile(r"\b(Phường|Quận|Tổ|Khóm|Ấp|Khu phố|Thôn|Xóm) (\d+[A-Z]?) (?=[A-ZĐÀ-Ỹ])")
_SO_NUM = re.compile(r"\b(Số \d+[A-Z]?) (?=(?:đường|ngõ|ngách|hẻm|kiệt|thôn|tổ)\b)")
_LOWER_UNIT = re.compile(r"(?<=[^\s,])(?<!thị) (?=(?:phường|xã|quận|huyện|thị xã|thị trấn|thành phố|tỉnh) )")
_REPEAT = re.compile(r"(?<![\w,])((?:[^\W\d_]+ ){0,2}[^\W\d_]+) \1(?![\w])")


_UNITS = {"thanh pho": "thành phố", "phuong": "phường", "huyen": "huyện", "thi tran": "thị trấn",
          "thi xa": "thị xã", "tinh": "tỉnh", "quan": "quận", "xa": "xã"}
_UNIT_WORDS = re.compile(r"(?<![\w])([a-zđà-ỹ]+(?: [a-zđà-ỹ]+)?)(?= [A-ZĐÀ-Ỹ0-9])")


def _fix_unit(m: re.Match) -> str:
    words = m.group(1)
    for cand in (words, words.split(" ")[-1]):
        canon = _UNITS.get(fold(cand))
        if canon:
            return words[: len(words) - len(cand)] + canon
    return words


def fix_address_commas(text: str) -> tuple[str, bool]:
    """Restore commas OCR dropped between address units ('Sóc Trăng Sóc Trăng') and the marks of
    lower-case unit words before a name ('thành phổ Vinh' -> 'thành phố Vinh')."""
    fixed = _UNIT_WORDS.sub(_fix_unit, text)
    fixed = re.sub(r"\s*[;.]*,[;.]*|;|(?<=\d)\.(?= [a-zđà-ỹ])", ",", fixed)
    fixed = _REPEAT.sub(r"\1, \1", fixed)
    fixed = _UNIT_NUM.sub(r"\1 \2, ", fixed)
    fixed = _SO_NUM.sub(r"\1, ", fixed)
    fixed = _LOWER_UNIT.sub(", ", fixed)
    return fixed, fixed != text
