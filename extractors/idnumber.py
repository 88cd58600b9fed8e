"""Card-specific helpers for the 12-digit personal number and old 9-digit CMND numbers.

Structure checks (province code, century/sex digit vs sex and birth year) live in
:func:`sohoa.extractors.common.validators.validate_personal_id`; this module
decodes the number, finds it in noisy OCR text and checks chip-card expiry dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sohoa.extractors.common.normalize import digits_only
from sohoa.extractors.common.validators import PROVINCE_CODES

# Chip-card validity ends on these birthdays; the 2024 card adds the 14th (verify).
EXPIRY_AGES = (25, 40, 60)
EXPIRY_AGES_2024 = (14, 25, 40, 60)

_NUMBERISH = re.compile(r"[0-9OoIlDSBZ|]{2,}(?:[ .][0-9OoIlDSBZ|]{2,})*")


@dataclass(frozen=True)
class PersonalId:
    number: str
    province: str
    sex: str          # "M" | "F"
    birth_year: int   # full year, e.g. 1993

    @property
    def known_province(self) -> bool:
        return self.province in PROVINCE_CODES


def parse_personal_id(number: str | None) -> PersonalId | None:
    """Decode a 12-digit number; ``None`` when it is not 12 digits."""
    if not number or not re.fullmatch(r"\d{12}", number):
        return None
    cs = int(number[3])
    century = 1900 + 100 * (cs // 2)
    return PersonalId(number=number, province=number[:3], sex="F" if cs % 2 else "M",
                      birth_year=century + int(number[4:6]))


def find_id_number(text: str, lengths: tuple[int, ...] = (12, 9)) -> str | None:
    """First run of exactly 12 (or 9) digits in OCR text, O/I/S/B read as digits."""
    for m in _NUMBERISH.finditer(text or ""):
        digits = digits_only(m.group(0), fix_ocr=True)
        if len(digits) in lengths and len(digits) * 2 >= len(m.group(0).replace(" ", "")):
            return digits
    return None


def _birthday(birth: date, age: int) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29 February
        return date(birth.year + age, 3, 1)


def expiry_errors(birth: date | None, expiry: date | None, card_model: str | None = None) -> list[str]:
    """Chip/barcode cards expire on the 25th/40th/60th birthday (2024 card: also the 14th)."""
    if birth is None or expiry is None or card_model in ("cmnd_9", "cmnd_12"):
        return []
    ages = EXPIRY_AGES_2024 if card_model == "can_cuoc_2024" else EXPIRY_AGES
    if any(_birthday(birth, a) == expiry for a in ages):
        return []
    return ["expiry_not_on_birthday"]
