"""passport: Hộ chiếu data page with a TD3 MRZ (OCR-B)."""
from __future__ import annotations

import datetime as dt
import random

from . import art, mrz
from .canvas import Page
from .data import Person, add_years, dmy, f, rand_date
from .output import Doc, Profile

PAGE = (125.0, 88.0)
PROFILES = [Profile("flatbed", "png", 200), Profile("flatbed", "pdf", 300, quarter=1, noise=3),
            Profile("photo", "jpg", 300, blur=0.7)]
NAVY = (30, 40, 90)
PLACES = ["HÀ NỘI", "THANH HÓA", "NGHỆ AN", "ĐÀ NẴNG", "BÌNH ĐỊNH", "HỒ CHÍ MINH", "CẦN THƠ", "CÀ MAU"]


def make(rng: random.Random, idx: int):
    p = Person(rng, born=(1950, 2012))
    issue = rand_date(rng, dt.date(max(2016, p.dob.year + 1), 1, 1), dt.date(2025, 6, 30))
    expiry = add_years(issue, 10 if issue.year - p.dob.year >= 14 else 5)
    number = rng.choice("BCKP") + f"{rng.randint(0, 9999999):07d}"
    lines = mrz.td3(number, p.dob, p.sex, expiry, p.name, p.id_number)
    page = Page(*PAGE)
    page.image(0, 0, PAGE[0], PAGE[1], art.guilloche(rng, (1250, 880), base=(236, 232, 246), ink=(205, 195, 225)))
    page.text(62, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "sans-b", 7.5, NAVY, "c")
    page.text(62, 6.5, "SOCIALIST REPUBLIC OF VIET NAM", "sans", 6.5, NAVY, "c")
    page.text(62, 10.5, "HỘ CHIẾU", "sans-b", 9.5, NAVY, "c")
    page.text(62, 14.5, "PASSPORT", "sans-b", 7.5, NAVY, "c")
    page.image(4, 22, 28, 36, art.photo(rng))
    sexp = "NAM/M" if p.sex == "M" else "NỮ/F"
    pairs = [("Loại/Type", "P", 36), ("Mã số/Code", "VNM", 58), ("Số hộ chiếu/Passport No.", number, 85),
             ("Họ và tên/Full name", p.upper, 36), ("Quốc tịch/Nationality", "VIỆT NAM/VIETNAMESE", 36),
             ("Ngày sinh/Date of birth", dmy(p.dob), 36), ("Nơi sinh/Place of birth", rng.choice(PLACES), 80),
             ("Giới tính/Sex", sexp, 36), ("Số GCMND/ID card No.", p.id_number, 80),
             ("Ngày cấp/Date of issue", dmy(issue), 36), ("Có giá trị đến/Date of expiry", dmy(expiry), 80),
             ("Nơi cấp/Place of issue", "CỤC QUẢN LÝ XUẤT NHẬP CẢNH", 36)]
    y, prev_x = 18.0, 999
    for label, value, x in pairs:
        if x <= prev_x:
            y += 7.2 if prev_x != 999 else 0
        page.text(x, y, label, "sans", 5.2, (70, 70, 90))
        page.text(x, y + 2.4, value, "sans-b", 7)
        prev_x = x
    page.text(4, 64, "Chữ ký của người mang hộ chiếu/Holder's signature", "sans-i", 5)
    for i, ln in enumerate(lines):
        page.text(5, 72 + i * 6, ln, "ocrb", 9.5)
    fields = {"passport_number": f(number, number), "full_name": f(p.upper),
              "nationality": f("VIỆT NAM/VIETNAMESE", "Việt Nam", ["VIỆT NAM", "VNM"]),
              "date_of_birth": f(dmy(p.dob), p.dob.isoformat()), "sex": f(sexp, p.sex),
              "date_of_expiry": f(dmy(expiry), expiry.isoformat()), "personal_id": f(p.id_number, p.id_number),
              "mrz": f("\n".join(lines), "".join(lines))}
    doc = Doc(f"passport_{idx:03d}", "passport", fields, [page], {}, "Liberation Sans")
    return [(doc, PROFILES[idx % len(PROFILES)])]
