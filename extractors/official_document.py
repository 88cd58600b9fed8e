"""Văn bản hành chính (Decree 30/2020 layout): quyết định, công văn, thông báo, ..."""
from __future__ import annotations

import re

from sohoa.extractors.common import decree30 as d30
from sohoa.extractors.common.build import person_name, put_field
from sohoa.extractors.common.labels import OcrLine, Value, doc_lines, field_from_words
from sohoa.extractors.common.layout import contains_score, is_motto, is_upper, line_fold, place_date
from sohoa.extractors.common.normalize import fold, iso, parse_date
from sohoa.extractors.common.validators import validate_document_number
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

doc_type = "official_document"
KINDS = {  # printed kind -> (normalized, number abbreviation)
    "quyet dinh": ("Quyết định", "QĐ"), "thong bao": ("Thông báo", "TB"), "ke hoach": ("Kế hoạch", "KH"),
    "bao cao": ("Báo cáo", "BC"), "to trinh": ("Tờ trình", "TTr"), "chi thi": ("Chỉ thị", "CT"),
    "nghi quyet": ("Nghị quyết", "NQ"), "huong dan": ("Hướng dẫn", "HD"), "giay moi": ("Giấy mời", "GM"),
    "bien ban": ("Biên bản", "BB"), "quy che": ("Quy chế", "QC"), "quy dinh": ("Quy định", "QyĐ"),
    "chuong trinh": ("Chương trình", "CTr"), "phuong an": ("Phương án", "PA"), "de an": ("Đề án", "ĐA"),
    "du an": ("Dự án", "DA"), "cong dien": ("Công điện", "CĐ"), "giay gioi thieu": ("Giấy giới thiệu", "GGT"),
    "giay uy quyen": ("Giấy ủy quyền", "GUQ"), "thong tu": ("Thông tư", "TT"), "nghi dinh": ("Nghị định", "NĐ"),
    "cong van": ("Công văn", ""), "phieu gui": ("Phiếu gửi", "PG"), "giay nghi phep": ("Giấy nghỉ phép", "GNP"),
}
_BODY_START = re.compile(r"^(Căn cứ|Thực hiện|Kính gửi|Theo|Xét|Để|Nhằm|Ngày \d|Sau khi|Trên cơ sở|Qua)",
                         re.IGNORECASE)


def score(doc: Document) -> float | None:
    lines = doc_lines(doc)
    if not lines:
        return 0.0
    s = 0.0
    if any(is_motto(ln) for ln in lines[:12]):
        s += 0.3
    if d30.number_line(lines):
        s += 0.3
    if place_date(lines, stop=15):
        s += 0.1
    if contains_score(lines, "Nơi nhận:") >= 0.9:
        s += 0.15
    if _kind_line(lines, lines[0].page) or any(ln.text.lstrip().startswith("V/v") for ln in lines[:20]):
        s += 0.1
    return min(s, 0.95)


def _kind_line(lines: list[OcrLine], page: int) -> tuple[OcrLine, str] | None:
    for ln in lines[:25]:
        if ln.page != page or not is_upper(ln.text):
            continue
        key = line_fold(ln).strip(" .:")
        if key in KINDS:
            return ln, key
    return None


def _field(lines: list[OcrLine], value, normalized=None, *, quality: float = 1.0, errors=None) -> Field | None:
    if not lines or not value:
        return None
    words = [w for ln in lines for w in ln.words]
    return field_from_words(words, lines[0].page, value, normalized, quality=quality, errors=errors)


def extract(doc: Document) -> Extraction:
    lines = doc_lines(doc)
    f: dict[str, Field] = {}
    if not lines:
        return Extraction(doc_type=doc_type)
    num = d30.number_line(lines)
    if num:
        errs = validate_document_number(num[1])
        f["document_number"] = _field([num[0]], num[1], num[1], errors=errs)
    agency, agency_src = d30.agency_name(d30.agency_lines(lines, num[0] if num else None))
    put_field(f, "issuing_agency", _field(agency_src, agency, quality=0.97))
    pd = place_date(lines, stop=30)
    if pd:
        parsed = parse_date(pd[2])
        f["place"] = _field([pd[0]], pd[1])
        f["issue_date"] = _field([pd[0]], pd[2], iso(parsed), errors=[] if parsed else ["date_unreadable"])
    _kind_and_subject(lines, f, num)
    _footer(lines, f)
    return Extraction(doc_type=doc_type, fields=f, errors=list(f["document_number"].errors)
                      if "document_number" in f else ["document_number_missing"])


def _abbrev_kind(number: str | None) -> str | None:
    m = re.search(r"/([^/]+)-[^/]+$", number or "")
    if not number:
        return None
    if not m:
        return "cong van"
    abbr = fold(m.group(1))
    for key, (_, ab) in KINDS.items():
        if ab and fold(ab) == abbr:
            return key
    return "cong van"


def _kind_and_subject(lines: list[OcrLine], f: dict[str, Field], num) -> None:
    page = lines[0].page
    by_number = _abbrev_kind(num[1] if num else None)
    found = _kind_line(lines, page)
    if found:
        ln, key = found
        quality = 1.0 if by_number in (None, key) else 0.8
        f["document_kind"] = _field([ln], ln.text.strip(), KINDS[key][0], quality=quality)
        subject = _subject_after(lines, ln)
    else:
        vv = next((ln for ln in lines[:30] if ln.page == page and re.match(r"^\s*V\s*/\s*v\b", ln.text)), None)
        subject = _vv_subject(lines, vv) if vv else []
        if vv or by_number == "cong van":
            src = [vv] if vv else [num[0]] if num else []
            f["document_kind"] = _field(src, "Công văn", "Công văn", quality=0.97 if vv and by_number == "cong van" else 0.85)
    if subject:
        text = " ".join(ln.text.strip() for ln in subject)
        text = re.sub(r"^\s*V\s*/\s*v\.?\s*", "", text)  # 'V/v' (về việc) is not part of the subject
        short_tail = len(subject) > 1 and len(subject[-1].words) == 1  # a lone word: maybe cut by OCR
        put_field(f, "subject", _field(subject, re.sub(r"\s+", " ", text).strip(" ."),
                                       quality=0.85 if short_tail else 0.95))


def _subject_after(lines: list[OcrLine], kind: OcrLine) -> list[OcrLine]:
    out: list[OcrLine] = []
    layout = d30.has_layout(lines)
    for ln in lines[kind.order + 1:]:
        if ln.page != kind.page or _BODY_START.match(ln.text) or re.match(r"^[-_*=\s]+$", ln.text):
            break
        if out and is_upper(ln.text):
            break  # e.g. 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH' under the subject of a Quyết định
        if layout:
            centred = abs(d30.xc(ln) - d30.xc(kind)) < 0.06 and ln.bbox[2] - ln.bbox[0] < 0.75
            if not centred:
                break
        elif out and not ln.text[:1].islower():
            break
        out.append(ln)
        if len(out) >= 4:
            break
    return out


def _vv_subject(lines: list[OcrLine], vv: OcrLine) -> list[OcrLine]:
    out = [vv]
    layout = d30.has_layout(lines)
    for ln in lines[vv.order + 1:]:
        if ln.page != vv.page or _BODY_START.match(ln.text) or is_motto(ln):
            break
        if layout and (d30.xc(ln) > 0.5 or abs(d30.xc(ln) - d30.xc(vv)) > 0.12):
            continue
        if not layout and not ln.text[:1].islower():
            break
        out.append(ln)
        if len(out) >= 4:
            break
    return out


def _footer(lines: list[OcrLine], f: dict[str, Field]) -> None:
    noi_nhan, recipients, block = d30.footer(lines)
    items = d30.recipient_items(recipients)
    if items:
        value = "\n".join(f"- {it}" for it in items)
        put_field(f, "recipients", _field(recipients, value, items, quality=0.95))
    titles, name = d30.signature(block)
    if name is not None:
        put_field(f, "signer_name", person_name(Value(name.text.strip(" ."), name.words, name.page, 0.93), upper=False))
    if titles:
        quality = 0.93 if name is not None else 0.8
        if len(titles) == 1 and len(titles[0].words) == 1:
            quality *= 0.85  # 'ĐỐC' alone: part of the title is hidden by the seal or signature
        if len(titles) == 1 and d30.SIGN_PREFIX.match(titles[0].text):
            quality *= 0.8  # 'TM. ỦY BAN NHÂN DÂN' without the position line under it
        parts = [d30.clean_position(ln.text) for ln in titles]
        if any(changed for _, changed in parts):
            quality *= 0.9
        put_field(f, "signer_title", _field(titles, " ".join(t for t, _ in parts if t), quality=quality))
