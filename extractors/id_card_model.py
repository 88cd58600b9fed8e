"""Card model and side detection from titles, label language and MRZ/QR presence.

Models: ``cmnd_9`` / ``cmnd_12`` (Giấy chứng minh nhân dân), ``cccd_barcode``
(2016 Căn cước công dân) and ``cccd_chip`` (2021: QR on the front, TD1 MRZ on the
back; both may carry bilingual labels, so only QR, MRZ and issuer tell them
apart), ``can_cuoc_2024`` (Căn cước: QR and MRZ on the back).
"""
from __future__ import annotations

from sohoa.extractors.common.labels import OcrLine
from sohoa.extractors.id_card_lines import has_any, mrz_rows

CMND_TITLE = ("chung minh nhan dan", "chung minh nhan", "minh nhan dan")
CCCD_TITLE = ("can cuoc cong dan", "citizen identity card", "cuoc cong dan")
FRONT_HINTS = ("ho va ten", "ho ten", "full name", "ngay sinh", "sinh ngay", "date of birth",
               "que quan", "nguyen quan", "gioi tinh", "quoc tich", "ho, chu dem")
BACK_HINTS = ("dac diem nhan dang", "dac diem nhan dan", "personal identification", "ngon tro",
              "index finger", "dau vet rieng", "ton giao", "noi dang ky khai sinh",
              "cuc truong", "giam doc", "date, month, year", "ngay cap", "date of issue")
ONLY_2024 = ("noi dang ky khai sinh", "place of birth", "bo cong an", "ministry of public security",
             "noi cu tru", "ho, chu dem va ten", "surname", "so dinh danh ca nhan")
BARCODE_ISSUER = ("dkql cu tru", "dlqg ve dan cu")
CHIP_ISSUER = ("hanh chinh ve trat tu", "trat tu xa hoi")


def page_side(rows: list[OcrLine]) -> str:
    """'front' or 'back' for the rows of one page."""
    front = sum(has_any(rows, (h,)) for h in FRONT_HINTS)
    back = sum(has_any(rows, (h,)) for h in BACK_HINTS) + (2 if mrz_rows(rows) else 0)
    if has_any(rows, CMND_TITLE + CCCD_TITLE):
        front += 2
    return "back" if back > front else "front"


def title_2024(rows: list[OcrLine]) -> bool:
    for r in rows:
        f = r.folded.strip(" .:")
        if f in ("can cuoc", "can cuoc / identity card", "identity card") or (
                f.startswith("can cuoc") and "cong dan" not in f):
            return True
    return False


def card_model(rows: list[OcrLine], id_number: str | None = None, has_qr: bool = False) -> tuple[str, float]:
    """(model, confidence) of the card shown by ``rows`` (one or both sides)."""
    if has_any(rows, CMND_TITLE) or has_any(rows, ("dau vet rieng", "nguyen quan", "dkhk")):
        return ("cmnd_12", 0.9) if id_number and len(id_number) == 12 else ("cmnd_9", 0.95)
    if id_number and len(id_number) == 9:
        return "cmnd_9", 0.8
    if has_any(rows, CCCD_TITLE) or has_any(rows, BARCODE_ISSUER + CHIP_ISSUER):
        # only the QR (front), the MRZ and the issuer (back) tell 2016 and 2021 cards apart
        if has_qr or mrz_rows(rows) or has_any(rows, CHIP_ISSUER):
            return "cccd_chip", 0.95
        return "cccd_barcode", 0.95 if has_any(rows, BARCODE_ISSUER) else 0.8
    if title_2024(rows) or has_any(rows, ONLY_2024):
        return "can_cuoc_2024", 0.9
    if mrz_rows(rows) or has_qr:
        return "cccd_chip", 0.7
    if has_any(rows, ("ton giao", "dan toc")) and not has_any(rows, ("quoc tich",)):
        return "cmnd_9", 0.7
    return "cccd_barcode", 0.5
