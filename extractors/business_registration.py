"""Giấy chứng nhận đăng ký doanh nghiệp (business registration) extractor."""
from __future__ import annotations

import re

from sohoa.extractors.common import build
from sohoa.extractors.common.build import put_field
from sohoa.extractors.common.labels import LabelReader, Value, doc_lines
from sohoa.extractors.common.layout import form_score
from sohoa.extractors.common.normalize import digits_only, parse_vnd
from sohoa.extractors.common.validators import (
    validate_capital, validate_dates, validate_enterprise_code, validate_personal_id)
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

doc_type = "business_registration"
TITLES = ["GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP", "GIẤY CHỨNG NHẬN ĐĂNG KÝ KINH DOANH",
          "GIẤY CHỨNG NHẬN ĐĂNG KÝ HOẠT ĐỘNG CHI NHÁNH", "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH"]

ANCHORS = ["Mã số doanh nghiệp", "Đăng ký lần đầu", "Tên công ty viết bằng tiếng Việt",
           "Địa chỉ trụ sở chính", "Vốn điều lệ", "Người đại diện theo pháp luật"]

SPEC = {
    "code": ["Mã số doanh nghiệp", "Mã số chi nhánh", "Mã số thuế", "Mã số hộ kinh doanh"],
    "first": ["Đăng ký lần đầu"],
    "amend": ["Đăng ký thay đổi lần thứ"],
    "name": ["Tên công ty viết bằng tiếng Việt", "Tên doanh nghiệp viết bằng tiếng Việt",
             "Tên chi nhánh viết bằng tiếng Việt"],
    "foreign": ["Tên công ty viết bằng tiếng nước ngoài", "Tên doanh nghiệp viết bằng tiếng nước ngoài",
                "Tên chi nhánh viết bằng tiếng nước ngoài"],
    "short": ["Tên công ty viết tắt", "Tên doanh nghiệp viết tắt", "Tên chi nhánh viết tắt"],
    "office": ["Địa chỉ trụ sở chính", "Địa chỉ trụ sở", "Địa chỉ chi nhánh"],
    "contact": ["Điện thoại", "Fax", "Email", "Website"],
    "capital": ["Vốn điều lệ", "Vốn đầu tư"],
    "in_words": ["Bằng chữ"],
    "rep": ["Người đại diện theo pháp luật", "Người đứng đầu chi nhánh"],
    "person": ["Họ và tên", "Họ tên"],
    "sex": ["Giới tính"],
    "role": ["Chức danh"],
    "dob": ["Sinh ngày", "Ngày sinh"],
    "other": ["Dân tộc", "Quốc tịch", "Ngày cấp", "Nơi cấp", "Loại giấy tờ pháp lý của cá nhân",
              "Loại giấy tờ chứng thực cá nhân", "Địa chỉ thường trú", "Địa chỉ liên lạc", "Nơi đăng ký hộ khẩu",
              "Chỗ ở hiện tại"],
    "rep_id": ["Số giấy tờ pháp lý của cá nhân", "Số giấy chứng thực cá nhân", "Số định danh cá nhân",
               "Số CCCD", "Số CMND"],
}


def score(doc: Document) -> float | None:
    return form_score(doc_lines(doc), TITLES, ANCHORS)


def _code(val: Value | None) -> Field | None:
    if val is None:
        return None
    m = re.search(r"[\dOoIlSB]{10}(?:\s*-\s*[\dOoIlSB]{3})?", val.text.replace(" ", ""))
    if not m:
        return val.field(errors=["enterprise_code_format"])
    printed = m.group(0)
    code = digits_only(printed[:10], fix_ocr=True) + ("-" + digits_only(printed[10:], fix_ocr=True)
                                                     if len(printed) > 10 else "")
    errors = validate_enterprise_code(code)
    return Value(printed, val.words, val.page, val.quality).field(code, errors=errors,
                                                                   quality=1.0 if printed.replace("-", "").isdigit() else 0.85)


def _capital(r: LabelReader) -> Field | None:
    for hit in r.hits_for("capital"):
        val = r.value_at(hit)
        if val is None or len(re.findall(r"\d", val.text)) < 6:
            continue  # the section heading, or an unreadable amount
        m = re.search(r"\d[\d.,\s]*\d\s*(đồng|VNĐ|VND|đ)?", val.text)
        printed = m.group(0).strip() if m else val.text
        amount = parse_vnd(printed)
        return build.sub_value(val, printed).field(amount, errors=validate_capital(amount))
    return None


def _amendment(r: LabelReader, f: dict[str, Field]) -> None:
    val = r.value("amend", next_line=False)
    if val is None:
        return
    m = re.match(r"\s*(\d{1,3})\b", val.text)
    if m:
        f["amendment_no"] = build.sub_value(val, m.group(1)).field(m.group(1))
        rest = val.text[m.end():]
        if re.search(r"\d{4}", rest):
            put_field(f, "amendment_date", build.date_field(Value(rest, val.words, val.page, val.quality)))


def extract(doc: Document) -> Extraction:
    lines = doc_lines(doc)
    r = LabelReader(doc, SPEC, lines=lines)
    f: dict[str, Field] = {}
    put_field(f, "enterprise_code", _code(r.value("code")))
    put_field(f, "first_registration_date", build.date_field(r.value("first", next_line=False)))
    _amendment(r, f)
    put_field(f, "enterprise_name", build.text_field(r.value("name", wrap=2)))
    put_field(f, "enterprise_name_foreign", build.text_field(r.value("foreign", wrap=2)))
    put_field(f, "enterprise_short_name", build.text_field(r.value("short")))
    put_field(f, "head_office_address", build.text_field(r.value("office", wrap=2)))
    put_field(f, "charter_capital", _capital(r))
    rep = r.first("rep")
    put_field(f, "legal_representative_name", build.name_field(r.value("person", after=rep, next_line=False)))
    put_field(f, "legal_representative_id_number", build.digits_field(r.value("rep_id", after=rep), (9, 12)))
    return Extraction(doc_type=doc_type, fields=f, errors=_validate(f, r, rep))


def _validate(f: dict[str, Field], r: LabelReader, rep) -> list[str]:
    errors = list(f["enterprise_code"].errors) if "enterprise_code" in f else []
    rid = f.get("legal_representative_id_number")
    if rid is not None:
        dob = build.date_field(r.value("dob", after=rep, next_line=False))
        sex = build.sex_field(r.value("sex", after=rep, next_line=False))
        errs = validate_personal_id(rid.normalized, date_of_birth=dob.normalized if dob else None,
                                    sex=sex.normalized if sex else None)
        if errs:
            rid.errors += errs
            rid.confidence = min(rid.confidence, 0.5)
            errors += errs
    first, amend = f.get("first_registration_date"), f.get("amendment_date")
    if first and amend and validate_dates(issue=first.normalized, expiry=amend.normalized):
        amend.confidence = min(amend.confidence, 0.5)
        errors.append("amendment_before_first_registration")
    return errors
