"""Vocabulary corrections for OCR'd person names and ethnic groups.

Only exact diacritic-free matches are corrected (e.g. 'NGUYÊN' -> 'NGUYỄN'
when 'nguyen' maps to one common surname); callers lower the confidence of a
corrected value.
"""
from __future__ import annotations

from sohoa.extractors.common.normalize import fold

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Trương", "Mai", "Lâm", "Cao", "Tạ", "Hà", "Lưu",
            "Tô", "Tống", "Đoàn", "Quách", "Chu", "Thái", "Vương", "Kiều", "Lương", "Lại", "Đào", "Triệu",
            "Châu", "Văn", "Khúc", "Mạc", "Thân", "Nghiêm", "Âu", "Ninh", "Kim", "Hứa", "Giang", "Bạch",
            "Tăng", "Từ", "Phùng", "Lục", "Diệp", "Quan", "Ông", "Đàm", "Lã", "Hàn", "Doãn", "Tôn", "Ứng")
ETHNIC_GROUPS = ("Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai", "Ê Đê",
                 "Ba Na", "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông",
                 "Thổ", "Xtiêng", "Khơ Mú", "Bru Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ Triêng",
                 "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "Kháng", "Phù Lá",
                 "La Hủ", "La Ha", "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô", "Mảng", "Cơ Lao", "Bố Y",
                 "Cống", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu", "H'Mông")


def _unique(words: tuple[str, ...]) -> dict[str, str]:
    seen: dict[str, list[str]] = {}
    for w in words:
        seen.setdefault(fold(w), []).append(w)
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


_SURNAME = _unique(SURNAMES)
_ETHNIC = _unique(ETHNIC_GROUPS)


def fix_surname(name: str) -> tuple[str, bool]:
    """Correct the first word to a common surname's spelling; (name, changed)."""
    parts = name.split(" ", 1)
    canon = _SURNAME.get(fold(parts[0]))
    if canon is None:
        return name, False
    canon = canon.upper() if parts[0].isupper() else canon
    if canon == parts[0]:
        return name, False
    if any(fold(s) == fold(parts[0]) and s.upper() == parts[0].upper() for s in SURNAMES):
        return name, False
    return " ".join([canon] + parts[1:]), True


def fix_ethnicity(text: str) -> tuple[str, bool]:
    canon = _ETHNIC.get(fold(text))
    if canon is None or canon == text:
        return text, False
    return canon, True


def truncated_name(name: str) -> bool:
    """A name ending in a middle-name marker (THỊ, VĂN) lost its given name; one starting
    with THỊ lost its surname."""
    words = [fold(w) for w in name.split()]
    if not words:
        return False
    if words[0] == "thi":
        return True  # 'Thị Quyên': Thị is never a surname, the surname was lost
    return words[-1] in ("thi", "van") and len(words) <= 3
