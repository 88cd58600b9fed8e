"""Page regions of a Decree 30/2020/NĐ-CP administrative document.

Header (top of page 1): agency + number on the left, motto + place/date on the
right.  Footer (last page): recipients ("Nơi nhận") bottom left, signature
block bottom right (title with TM./KT./TL./TUQ. prefix, signer name last).
All functions take the reading-ordered ``OcrLine`` list of ``doc_lines``.
"""
from __future__ import annotations

import re

from sohoa.extractors.common.labels import OcrLine
from rapidfuzz import fuzz

from sohoa.extractors.common.normalize import digits_only, fold
from sohoa.extractors.common.layout import SIGN_PREFIX, is_motto, is_upper, line_fold, looks_like_name

NUMBER_LINE = re.compile(r"^\s*S[ốốoóỐO0]\s*[:;.,]?\s*(.+)$")
DOC_NUMBER = re.compile(r"[\dIl|§]{1,6}\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐa-z0-9]{1,10}(?:\s*[-–]\s*[A-ZĐa-z0-9]{1,12}){0,3}")
_PARENT_START = ("so ", "phong ", "ban ", "cuc ", "vu ", "van phong", "trung tam", "chi cuc", "truong ",
                 "benh vien", "cong an", "uy ban", "ubnd", "hoi dong", "thanh tra", "kho bac", "tong cuc",
                 "vien ", "bo ", "dai ", "chi nhanh", "doan ", "hoc vien", "toa an", "vien kiem sat")
_CONTINUATION = ("tinh ", "thanh pho", "huyen ", "quan ", "xa ", "phuong ", "thi xa", "thi tran")
_NOT_TITLE = re.compile(r"^\(|đã ký|da ky|ký tên|\bký\b.*\)|^[-_=.\s]+$", re.IGNORECASE)


def xc(line: OcrLine) -> float:
    return (line.bbox[0] + line.bbox[2]) / 2


def has_layout(lines: list[OcrLine]) -> bool:
    """True when lines carry real horizontal positions (not all flush left)."""
    return len({round(ln.bbox[0], 2) for ln in lines}) > 2


def number_line(lines: list[OcrLine], top: float = 0.4) -> tuple[OcrLine, str] | None:
    for ln in lines:
        if ln.page != lines[0].page or ln.bbox[1] > top:
            break
        m = NUMBER_LINE.match(ln.text)
        if m:
            num = DOC_NUMBER.search(m.group(1))
            if num:
                head, _, tail = re.sub(r"\s+", "", num.group(0)).replace("–", "-").partition("/")
                return ln, digits_only(head, fix_ocr=True) + "/" + tail
    return None


def agency_lines(lines: list[OcrLine], stop: OcrLine | None) -> list[OcrLine]:
    """Upper-case left-column lines above the number line (the motto excluded)."""
    page = lines[0].page if lines else 1
    limit = stop.bbox[1] if stop else 0.25
    layout = has_layout(lines)
    out = []
    for ln in lines:
        if ln.page != page or ln.bbox[1] >= limit - 0.002:
            continue
        if is_motto(ln) or not is_upper(ln.text) or re.fullmatch(r"[\W_]+", ln.text):
            continue
        if layout and stop is not None and xc(ln) > max(stop.bbox[2], 0.5):
            continue
        out.append(ln)
    return out


def agency_name(agency: list[OcrLine]) -> tuple[str, list[OcrLine]]:
    """Join the agency lines; drop a parent agency line ('UBND TỈNH X' over 'SỞ Y')."""
    if len(agency) >= 2:
        second = line_fold(agency[1])
        if second.startswith(_PARENT_START) and not second.startswith(_CONTINUATION):
            agency = agency[1:]
    return " ".join(ln.text.strip() for ln in agency), agency


def footer(lines: list[OcrLine]) -> tuple[OcrLine | None, list[OcrLine], list[OcrLine]]:
    """(Nơi nhận line, recipient lines, signature-block lines) on the last page."""
    last = lines[-1].page if lines else 1
    page_lines = [ln for ln in lines if ln.page == last]
    noi_nhan = next((ln for ln in page_lines if line_fold(ln).startswith(("noi nhan", "noi nh"))), None)
    layout = has_layout(page_lines)
    if noi_nhan is None:
        tail = page_lines[-8:]
        return None, [], [ln for ln in tail if not layout or xc(ln) > 0.5]
    recipients, block = [], []
    left_edge = noi_nhan.bbox[2] + 0.15 if layout else 1.0
    for ln in page_lines:
        if ln.bbox[1] < noi_nhan.bbox[1] - 0.03 or ln is noi_nhan:
            continue
        if layout and ln.bbox[1] < noi_nhan.bbox[1] - 0.002 and xc(ln) < 0.5:
            continue
        in_left = ln.bbox[0] < left_edge and (not layout or xc(ln) < 0.5)
        if ln.order > noi_nhan.order and in_left and (re.match(r"^\s*[-–•+*]", ln.text) or recipients
                                                      and not _is_title(ln) and not looks_like_name(ln.text)
                                                      and not layout_block_started(block)):
            recipients.append(ln)
        else:
            block.append(ln)
    return noi_nhan, recipients, block


def layout_block_started(block: list[OcrLine]) -> bool:
    return any(SIGN_PREFIX.match(ln.text) for ln in block)


def _is_title(ln: OcrLine) -> bool:
    return is_upper(ln.text) and not _NOT_TITLE.search(ln.text)


def recipient_items(recipients: list[OcrLine]) -> list[str]:
    items: list[str] = []
    for ln in recipients:
        text = ln.text.strip()
        if re.match(r"^[-–•+*]", text) or not items:
            items.append(re.sub(r"^[-–•+*]\s*", "", text))
        else:
            items[-1] = f"{items[-1]} {text}"
    items = [re.sub(r"[\s;,.]+$", "", it).strip() for it in items if it.strip(" -;.")]
    return [re.sub(r"\s*;\s*", ", ", it) for it in items]  # items end with ';' so inner ones are OCR for ',


POSITIONS = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "BỘ TRƯỞNG", "THỨ TRƯỞNG",
             "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "CỤC TRƯỞNG",
             "PHÓ CỤC TRƯỞNG", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG", "TỔNG CỤC TRƯỞNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
             "CHÁNH THANH TRA", "HIỆU TRƯỞNG", "VIỆN TRƯỞNG", "BÍ THƯ", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG",
             "CHI CỤC TRƯỞNG", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", "TRƯỞNG ĐOÀN", "TRƯỞNG CÔNG AN")
_JUNK = re.compile(r"[“”\"'`_|~^*]+")


def clean_position(text: str) -> tuple[str, bool]:
    """Strip OCR junk from a title line; snap a near-miss to a known position ('“HỦ TỊCH')."""
    cleaned = re.sub(r"\s+", " ", _JUNK.sub(" ", text)).strip(" .,-—")
    if cleaned in POSITIONS or SIGN_PREFIX.match(cleaned):
        return cleaned, cleaned != text.strip()
    folded = fold(cleaned)
    best = max(POSITIONS, key=lambda p: fuzz.ratio(fold(p), folded))
    if fuzz.ratio(fold(best), folded) >= 80:
        return best, True
    return cleaned, cleaned != text.strip()


def signature(block: list[OcrLine]) -> tuple[list[OcrLine], OcrLine | None]:
    """(title lines, name line) of the signature block; seal/signature noise skipped."""
    name = None
    for ln in block:
        if looks_like_name(ln.text):
            name = ln
    before = [ln for ln in block if name is None or ln.order < name.order]
    start = next((i for i, ln in enumerate(before) if SIGN_PREFIX.match(ln.text)), None)
    if start is not None:
        titles = [ln for ln in before[start:] if _is_title(ln)]
    else:
        titles = [ln for ln in before if _is_title(ln)][-2:]
    return titles, name
