"""Validators as data: each returns a list of error codes and never raises.

Error codes are stable snake_case strings; an empty list means valid.
"""
from __future__ import annotations

import re
from datetime import date

from sohoa.extractors.common.normalize import digits_only, parse_date

# Province/city codes of the 12-digit personal number (Circular 07/2016/TT-BCA),
# the 63 provinces before the 2025 merger.
PROVINCE_CODES = frozenset({
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
})
ENTERPRISE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
DOC_NUMBER = re.compile(r"^\d{1,6}(/\d{4})?/[A-ZĐ0-9]{1,12}(-[A-ZĐ0-9]{1,12}){0,3}$")


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return parse_date(str(value))


def validate_personal_id(number: str | None, *, date_of_birth=None, sex: str | None = None) -> list[str]:
    """12-digit personal number: province code, century/sex digit vs birth date and sex.

    A 9-digit old CMND number is accepted as well formed (no structure to check).
    """
    if not number:
        return ["id_missing"]
    if not re.fullmatch(r"\d{9}|\d{12}", number):
        return ["id_format"]
    if len(number) == 9:
        return []
    errors = []
    if number[:3] not in PROVINCE_CODES:
        errors.append("id_province_code")
    cs = int(number[3])
    century = 1900 + 100 * (cs // 2)
    if century > 2200:
        errors.append("id_century_digit")
    dob = _as_date(date_of_birth)
    if dob is not None:
        if dob.year != century + int(number[4:6]):
            errors.append("id_birth_year_mismatch")
    if sex in ("M", "F"):
        if ("M" if cs % 2 == 0 else "F") != sex:
            errors.append("id_sex_mismatch")
    return errors


def validate_dates(birth=None, issue=None, expiry=None, *, today: date | None = None) -> list[str]:
    """Date sanity: birth < issue < expiry, birth not in the future."""
    b, i, e = _as_date(birth), _as_date(issue), _as_date(expiry)
    today = today or date.today()
    errors = []
    if b and b > today:
        errors.append("birth_in_future")
    if b and i and not b < i:
        errors.append("issue_before_birth")
    if i and e and not i < e:
        errors.append("expiry_before_issue")
    if b and e and not b < e:
        errors.append("expiry_before_birth")
    if i and i > today:
        errors.append("issue_in_future")
    return errors


def enterprise_check_digit(first9: str) -> int | None:
    """Check digit of a tax/enterprise code, None when no valid digit exists."""
    total = sum(int(d) * w for d, w in zip(first9, ENTERPRISE_WEIGHTS))
    check = 10 - total % 11
    return None if check == 10 else check


def validate_enterprise_code(code: str | None) -> list[str]:
    """10 digits (optionally '-NNN' branch suffix) with a valid check digit."""
    if not code:
        return ["enterprise_code_missing"]
    m = re.fullmatch(r"(\d{10})(-\d{3})?", code)
    if not m:
        return ["enterprise_code_format"]
    check = enterprise_check_digit(m.group(1)[:9])
    if check is None or check != int(m.group(1)[9]):
        return ["enterprise_code_check_digit"]
    return []


def validate_document_number(number: str | None) -> list[str]:
    """Số ký hiệu such as '12996/UBND-HCC' or '09/2025/QĐ-TTg' (case-insensitive)."""
    if not number:
        return ["document_number_missing"]
    if not DOC_NUMBER.match(number.upper().replace(" ", "")):
        return ["document_number_format"]
    return []


def validate_numeric(value, *, minimum: float = 0.0, maximum: float | None = None,
                     code: str = "number") -> list[str]:
    """A parsed area/capital: present, numeric and within bounds."""
    if value is None:
        return [f"{code}_unreadable"]
    if not isinstance(value, (int, float)):
        return [f"{code}_not_numeric"]
    if value <= minimum or (maximum is not None and value > maximum):
        return [f"{code}_out_of_range"]
    return []


def validate_area(value) -> list[str]:
    return validate_numeric(value, minimum=0.0, maximum=1e8, code="area")


def validate_capital(value) -> list[str]:
    return validate_numeric(value, minimum=0.0, maximum=1e16, code="capital")


def validate_year(value: str | None, *, code: str = "year") -> list[str]:
    if not value or not re.fullmatch(r"\d{4}", value):
        return [f"{code}_format"]
    if not 1880 <= int(value) <= date.today().year:
        return [f"{code}_out_of_range"]
    return []


def validate_serial(serial: str | None) -> list[str]:
    """Land certificate serial: 2 letters + 6 digits."""
    if not serial or not re.fullmatch(r"[A-ZĐ]{2}\d{6}", serial):
        return ["serial_format"]
    return []


def validate_digits(value: str | None, lengths: tuple[int, ...], code: str) -> list[str]:
    d = digits_only(value)
    if not value or len(d) not in lengths or d != value:
        return [f"{code}_format"]
    return []
