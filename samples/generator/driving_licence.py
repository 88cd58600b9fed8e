"""driving_licence: Giấy phép lái xe (PET card, 2013 model), photographed or scanned."""
from __future__ import annotations

import datetime as dt
import random

from . import art
from .canvas import Page
from .data import Person, add_years, dmy, f, long_date, rand_date
from .id_card import CARD
from .output import Doc, Profile

PROFILES = [Profile("photo", "jpg", 300, blur=0.5, noise=3, jpeg_quality=85), Profile("flatbed", "png", 200, skew=4.1),
            Profile("crop", "jpg", 300)]
CLASSES = ["A1", "A", "B1", "B", "B2", "C", "C1", "D", "BE"]
NAVY, RED = (30, 40, 90), (200, 30, 35)


def make(rng: random.Random, idx: int):
    p = Person(rng, born=(1960, 2005))
    issue = rand_date(rng, dt.date(max(2014, p.dob.year + 18), 1, 1), dt.date(2025, 6, 30))
    cls = rng.choice(CLASSES)
    expiry = None if cls in ("A1", "A") else add_years(issue, 10 if cls in ("B", "B1", "B2") else 5)
    number = p.province_code + "".join(str(rng.randint(0, 9)) for _ in range(9))
    province = p.residence.split(", ")[-1].replace("tỉnh ", "").replace("thành phố ", "")
    page = Page(*CARD)
    page.image(0, 0, CARD[0], CARD[1], art.guilloche(rng, (856, 540), base=(240, 228, 200), ink=(220, 200, 160)))
    page.image(3, 3, 11, 11, art.emblem())
    page.text(50, 2.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "sans-b", 6, NAVY, "c")
    page.text(50, 5.3, "Độc lập - Tự do - Hạnh phúc", "sans-b", 5.5, NAVY, "c")
    page.text(50, 8, "SOCIALIST REPUBLIC OF VIET NAM", "sans", 5, NAVY, "c")
    page.text(50, 11, "GIẤY PHÉP LÁI XE", "sans-b", 9, RED, "c")
    page.text(50, 15, "DRIVER'S LICENSE", "sans-b", 6, RED, "c")
    page.image(3, 19, 16, 21, art.photo(rng))
    x, y, s = 22, 19, 6
    exp = dmy(expiry) if expiry else "Không thời hạn"
    for ln in [f"Số/No: {number}", f"Họ tên/Full name: {p.upper}", f"Ngày sinh/Date of Birth: {dmy(p.dob)}",
               "Quốc tịch/Nationality: VIỆT NAM", f"Nơi cư trú/Address: {p.residence}"]:
        for piece in _wrap(ln, s):
            page.text(x, y, piece, "sans-b" if ln.startswith("Số") else "sans", s)
            y += 3
    page.text(x, y + 0.5, f"Hạng/Class: {cls}", "sans-b", 7, RED)
    page.text(x, y + 4, f"Có giá trị đến/Expires: {exp}", "sans", s)
    page.text(60, 44.5, f"{province}, {long_date(issue)}", "sans-i", 5, align="c")
    page.text(60, 47, "GIÁM ĐỐC SỞ GIAO THÔNG VẬN TẢI", "sans-b", 5, align="c")
    page.text(60, 50.5, rng.choice(["Đỗ Nhật Mạnh", "Trần Văn Bình", "Lê Hồng Sơn"]), "sans-b", 5.5, align="c")
    fields = {"licence_number": f(number, number), "full_name": f(p.upper),
              "date_of_birth": f(dmy(p.dob), p.dob.isoformat()), "nationality": f("VIỆT NAM", "Việt Nam"),
              "place_of_residence": f(p.residence), "licence_class": f(cls, cls),
              "date_of_issue": f(long_date(issue), issue.isoformat()),
              "date_of_expiry": f(exp, expiry.isoformat() if expiry else None)}
    doc = Doc(f"driving_licence_{idx:03d}", "driving_licence", fields, [page], {"model": "pet_2013"},
              "Liberation Sans")
    return [(doc, PROFILES[idx % len(PROFILES)])]


def _wrap(s, size):
    from .canvas import wrap
    return wrap(s, "sans", size, 61)
