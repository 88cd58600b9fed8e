"""Giấy khai sinh (birth certificate) extractor."""
from __future__ import annotations

from sohoa.extractors.common import build
from sohoa.extractors.common.build import put_field
from sohoa.extractors.common.labels import LabelReader, Value, doc_lines
from sohoa.extractors.common.layout import form_score, signer_name
from sohoa.extractors.common.validators import validate_dates, validate_personal_id, validate_year
from sohoa.models.fields import Extraction, Field
from sohoa.models.ocr import Document

doc_type = "birth_certificate"
TITLES = ["GIẤY KHAI SINH", "TRÍCH LỤC KHAI SINH", "BẢN SAO GIẤY KHAI SINH"]

ANCHORS = ["tên người mẹ", "tên người cha", "người đi khai sinh", "Nơi sinh", "Quê quán",
           "Nơi đăng ký khai sinh", "NGƯỜI KÝ GIẤY KHAI SINH"]

SPEC = {
    "name": ["Họ, chữ đệm, tên", "Họ và tên", "Họ, chữ đệm và tên", "Họ tên"],
    "mother": ["Họ, chữ đệm, tên người mẹ", "Họ và tên mẹ", "Họ và tên người mẹ", "Họ, chữ đệm và tên người mẹ"],
    "father": ["Họ, chữ đệm, tên người cha", "Họ và tên cha", "Họ và tên người cha", "Họ, chữ đệm và tên người cha"],
    "declarant": ["Họ, chữ đệm, tên người đi khai sinh", "Họ và tên người đi khai sinh",
                  "Họ, chữ đệm và tên người đi khai sinh"],
    "dob": ["Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày"],
    "words": ["ghi bằng chữ", "bằng chữ"],
    "sex": ["Giới tính"],
    "ethnicity": ["Dân tộc"],
    "nationality": ["Quốc tịch"],
    "pob": ["Nơi sinh"],
    "origin": ["Quê quán"],
    "pid": ["Số định danh cá nhân"],
    "year": ["Năm sinh"],
    "residence": ["Nơi cư trú", "Nơi thường trú"],
    "id_doc": ["Giấy tờ tùy thân", "Giấy tờ tuỳ thân"],
    "authority": ["Nơi đăng ký khai sinh", "Nơi đăng ký"],
    "reg_date": ["Ngày, tháng, năm đăng ký", "Ngày đăng ký"],
    "register": ["Số:"],
    "book": ["Quyển số"],
    "signer": ["NGƯỜI KÝ GIẤY KHAI SINH", "NGƯỜI KÝ TRÍCH LỤC"],
}


def score(doc: Document) -> float | None:
    return form_score(doc_lines(doc), TITLES, ANCHORS)


def extract(doc: Document) -> Extraction:
    lines = doc_lines(doc)
    r = LabelReader(doc, SPEC, lines=lines)
    f: dict[str, Field] = {}
    mother, father = r.first("mother"), r.first("father")
    child_end = mother or father or r.first("declarant")
    put_field(f, "full_name", build.name_field(r.value("name", before=child_end)))
    put_field(f, "date_of_birth", build.date_field(r.value("dob", before=child_end)))
    put_field(f, "sex", build.sex_field(r.value("sex", before=child_end)))
    put_field(f, "ethnicity", build.ethnicity_field(r.value("ethnicity", before=child_end)))
    put_field(f, "nationality", build.nationality_field(r.value("nationality", before=child_end)))
    put_field(f, "place_of_birth", build.text_field(r.value("pob", before=child_end, wrap=1)))
    put_field(f, "place_of_origin", build.text_field(r.value("origin", before=child_end, wrap=1)))
    put_field(f, "personal_id", build.digits_field(r.value("pid", next_line=False), (12,)))
    if mother:
        put_field(f, "mother_name", build.name_field(r.value_at(mother)))
        put_field(f, "mother_birth_year", build.year_field(r.value("year", after=mother, before=father)))
    if father:
        put_field(f, "father_name", build.name_field(r.value_at(father)))
        put_field(f, "father_birth_year", build.year_field(r.value("year", after=father, before=r.first("declarant"))))
    put_field(f, "declarant", build.name_field(r.value("declarant")))
    put_field(f, "registration_authority", build.text_field(r.value("authority", wrap=2)))
    put_field(f, "register_no", build.text_field(r.value("register", next_line=False), min_len=1))
    put_field(f, "book_no", build.text_field(r.value("book", next_line=False), min_len=1))
    put_field(f, "registration_date", build.date_field(r.value("reg_date")))
    sign = r.first("signer") or r.first("reg_date")
    name_line = signer_name(lines, start=sign.line.order + 1) if sign else None
    if name_line is not None:
        f["signer_name"] = build.person_name(Value(name_line.text.strip(" ."), name_line.words, name_line.page,
                                                   0.93), upper=False)
    if "sex" not in f and "personal_id" in f:
        put_field(f, "sex", _sex_from_id(f["personal_id"]))
    for key in ("register_no", "book_no"):
        if key in f:
            f[key].normalized = f[key].value.replace(" ", "")
    return Extraction(doc_type=doc_type, fields=f, errors=_validate(f))


def _sex_from_id(pid: Field) -> Field | None:
    """Sex from the century/sex digit of the personal number (label lost by OCR)."""
    number = pid.normalized or ""
    if len(number) != 12 or validate_personal_id(number):
        return None
    sex = "M" if int(number[3]) % 2 == 0 else "F"
    return Field(value="Nam" if sex == "M" else "Nữ", normalized=sex, confidence=round(pid.confidence * 0.85, 3),
                 page=pid.page, bbox=pid.bbox, source="derived:personal_id")


def _validate(f: dict[str, Field]) -> list[str]:
    errors: list[str] = []
    dob = f.get("date_of_birth")
    if "personal_id" in f:
        pid_errs = validate_personal_id(f["personal_id"].normalized,
                                        date_of_birth=dob.normalized if dob else None,
                                        sex=f["sex"].normalized if "sex" in f else None)
        _flag(f["personal_id"], pid_errs)
        errors += pid_errs
    reg = f.get("registration_date")
    date_errs = validate_dates(dob.normalized if dob else None, reg.normalized if reg else None)
    if date_errs and dob:
        _flag(dob, date_errs)
    errors += date_errs
    for key in ("mother_birth_year", "father_birth_year"):
        if key in f:
            _flag(f[key], validate_year(f[key].normalized))
    return errors


def _flag(field: Field, errs: list[str]) -> None:
    if errs:
        field.errors = sorted(set(field.errors) | set(errs))
        field.confidence = min(field.confidence, 0.5)
