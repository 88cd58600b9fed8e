"""id_card fronts: cmnd_9, cccd_barcode, cccd_chip (QR), can_cuoc_2024.  Backs live in id_back.py."""
from __future__ import annotations

import datetime as dt
import random

from . import art, id_back
from .canvas import Page, wrap
from .data import Person, add_years, chip_expiry, dmy, f, rand_date
from .output import Doc, Profile

CARD = (85.6, 54.0)
MODELS = ["cccd_chip", "cmnd_9", "cccd_barcode", "can_cuoc_2024"]
NAVY, RED = (30, 40, 90), (200, 30, 35)
# (front profile, back profile) cycled by card index
PROFILES = [
    (Profile("photo", "jpg", 300, blur=0.8, jpeg_quality=84), Profile("digital", "png", 300)),
    (Profile("crop", "jpg", 300, skew=-1.5), Profile("photo", "jpg", 300, blur=0.6)),
    (Profile("flatbed", "jpg", 300, skew=2.5, noise=4), Profile("flatbed", "png", 200)),
    (Profile("digital", "png", 300), Profile("photo", "jpg", 300, noise=3, jpeg_quality=80)),
]
BANDS = {"cmnd_9": ((1960, 1998), (2005, 2015)), "cccd_barcode": ((1965, 2000), (2016, 2020)),
         "cccd_chip": ((1960, 2005), (2021, 2024)), "can_cuoc_2024": ((1970, 2010), (2024, 2025))}


def make(rng: random.Random, idx: int) -> list[tuple[Doc, Profile]]:
    model = MODELS[idx % len(MODELS)]
    born, issued = BANDS[model]
    person = Person(rng, born=born)
    issue = rand_date(rng, dt.date(max(issued[0], person.dob.year + 15), 1, 1), dt.date(issued[1], 12, 28))
    expiry = _expiry(model, person.dob, issue)
    if model == "cmnd_9":
        person.id_number = person.old_id
    front = _front(rng, model, person, expiry, issue)
    back = id_back.back(rng, model, person, expiry, issue)
    pf, pb = PROFILES[idx % len(PROFILES)]
    base = f"id_card_{idx:03d}"
    font = "Liberation Sans"
    return [(Doc(base + "_front", "id_card", front[0], [front[1]], front[2], font), pf),
            (Doc(base + "_back", "id_card", back[0], [back[1]], back[2], font), pb)]


def _expiry(model: str, dob: dt.date, issue: dt.date) -> dt.date | None:
    if model == "cmnd_9":
        return add_years(issue, 15)
    if model == "can_cuoc_2024":
        for age in (14, 25, 40, 60):
            if add_years(dob, age) > add_years(issue, 2):
                return add_years(dob, age)
        return None
    return chip_expiry(dob, issue)


def card_page(rng: random.Random, tint=(226, 238, 232)) -> Page:
    page = Page(*CARD)
    page.image(0, 0, CARD[0], CARD[1], art.guilloche(rng, (856, 540), base=tint))
    return page


def _front(rng, model, person: Person, expiry, issue):
    if model == "cmnd_9":
        return _front_cmnd(rng, person)
    page = card_page(rng)
    page.image(3, 3, 13, 13, art.emblem())
    page.text(50, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "sans-b", 6.5, NAVY, "c")
    page.text(50, 6.3, "Độc lập - Tự do - Hạnh phúc", "sans-b", 6, NAVY, "c")
    new = model == "can_cuoc_2024"
    if not new:
        page.text(50, 9.3, "SOCIALIST REPUBLIC OF VIET NAM", "sans", 5, NAVY, "c")
        page.text(50, 11.6, "Independence - Freedom - Happiness", "sans", 5, NAVY, "c")
    page.text(50, 14.5, "CĂN CƯỚC" if new else "CĂN CƯỚC CÔNG DÂN", "sans-b", 11, RED, "c")
    page.text(50, 19.3, "IDENTITY CARD" if new else "Citizen Identity Card", "sans-b", 5.5, NAVY, "c")
    page.image(3, 21, 17, 22.5, art.photo(rng))
    meta = {"card_model": model, "side": "front"}
    if model == "cccd_chip":
        meta["qr_content"] = "|".join([person.id_number, person.old_id, person.name, person.dob.strftime("%d%m%Y"),
                                       person.sex_vi, person.residence, issue.strftime("%d%m%Y")])
        page.image(73.5, 3, 11, 11, art.qr(meta["qr_content"]))
    fields = _front_fields(page, model, person, expiry)
    return fields, page, meta


def _front_fields(page: Page, model, p: Person, expiry) -> dict:
    x, y, s = 22, 22, 6
    new = model == "can_cuoc_2024"
    label = "Số định danh cá nhân / Personal identification number:" if new else "Số / No.:"
    if new:
        page.text(x, y, label, "sans", 5.5)
        y += 3
        page.text(x, y, p.id_number, "sans-b", 9, RED)
    else:
        page.segments(y, [(x, label, "sans"), (x + 11, p.id_number, "sans-b")], s)
    y += 4.5
    page.text(x, y, "Họ, chữ đệm và tên / Full name:" if new else "Họ và tên / Full name:", "sans", s - .5)
    page.text(x, y + 2.8, p.upper, "sans-b", 8)
    y += 6.8
    page.text(x, y, f"Ngày sinh / Date of birth: {dmy(p.dob)}", "sans", s)
    y += 3.2
    page.text(x, y, f"Giới tính / Sex: {p.sex_vi}    Quốc tịch / Nationality: Việt Nam", "sans", s)
    y += 3.2
    fields = {"id_number": f(p.id_number, p.id_number), "full_name": f(p.upper),
              "date_of_birth": f(dmy(p.dob), p.dob.isoformat()), "sex": f(p.sex_vi, p.sex),
              "nationality": f("Việt Nam")}
    if not new:
        page.text(x, y, "Quê quán / Place of origin:", "sans", s)
        page.text(x, y + 2.8, p.origin, "sans", s)
        y += 6
        lines = wrap(f"Nơi thường trú / Place of residence: {p.residence}", "sans", s, 62)
        for ln in lines:
            page.text(x, y, ln, "sans", s)
            y += 2.8
        exp = dmy(expiry) if expiry else "Không thời hạn"
        page.text(3, 44.5, "Có giá trị đến:", "sans", 5)
        page.text(3, 46.8, "Date of expiry", "sans-i", 4.6)
        page.text(3, 49.3, exp, "sans-b", 5.4)
        fields.update(place_of_origin=f(p.origin), place_of_residence=f(p.residence),
                      date_of_expiry=f(exp, expiry.isoformat() if expiry else None))
    fields["card_model"] = f(model, model)
    fields["side"] = f("front", "front")
    return fields


def _front_cmnd(rng, p: Person):
    page = card_page(rng, tint=(222, 232, 242))
    page.image(3, 4, 15, 15, art.emblem())
    page.text(52, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "serif-b", 6.5, NAVY, "c")
    page.text(52, 6.3, "Độc lập - Tự do - Hạnh phúc", "serif-b", 6, NAVY, "c")
    page.text(52, 10.5, "GIẤY CHỨNG MINH NHÂN DÂN", "serif-b", 9.5, RED, "c")
    page.segments(15.5, [(30, "SỐ", "serif-b"), (37, p.id_number, "serif-b")], 10, RED)
    page.image(3, 22, 18, 24, art.photo(rng))
    x, y, s = 23, 21.5, 7
    page.segments(y, [(x, "Họ tên:", "serif"), (x + 9, p.upper, "serif-b")], s)
    page.segments(y + 4, [(x, "Sinh ngày:", "serif"), (x + 13, dmy(p.dob), "serif")], s)
    y += 8
    for label, val in (("Nguyên quán:", p.origin), ("Nơi ĐKHK thường trú:", p.residence)):
        for ln in wrap(f"{label} {val}", "serif", s, 60):
            page.text(x, y, ln, "serif", s)
            y += 3.6
    fields = {"id_number": f(p.id_number, p.id_number), "full_name": f(p.upper),
              "date_of_birth": f(dmy(p.dob), p.dob.isoformat()), "place_of_origin": f(p.origin),
              "place_of_residence": f(p.residence), "card_model": f("cmnd_9", "cmnd_9"),
              "side": f("front", "front")}
    return fields, page, {"card_model": "cmnd_9", "side": "front"}


def count(k: int) -> int:
    """Every card model appears at least once."""
    return max(k, len(MODELS))
