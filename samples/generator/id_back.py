"""id_card backs: fingerprints, features, issue date + authority, then MRZ (TD1) or barcode."""
from __future__ import annotations

import datetime as dt
import random

from PIL import Image, ImageDraw

from . import art, mrz
from .canvas import Page, wrap
from .data import Person, dmy, f, full_address

FEATURES = ["Nốt ruồi cách 1cm trên trước cánh mũi trái", "Sẹo chấm cách 2cm dưới sau mép phải",
            "Nốt ruồi cách 1,5cm dưới đuôi mắt trái", "Sẹo chấm cách 1cm trên trước đầu mày phải"]
CHIP_BY = "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"
BARCODE_BY = "CỤC TRƯỞNG CỤC CẢNH SÁT ĐKQL CƯ TRÚ VÀ DLQG VỀ DÂN CƯ"
SIGNERS = ["Phạm Công Nguyên", "Tô Văn Huệ", "Nguyễn Văn Long", "Trần Minh Tiến"]


def fingerprint(rng: random.Random) -> Image.Image:
    img = Image.new("RGB", (160, 200), (245, 245, 245))
    d = ImageDraw.Draw(img)
    cx, cy = 80 + rng.randint(-8, 8), 105
    for r in range(8, 90, 7):
        d.ellipse([cx - r * .8, cy - r, cx + r * .8, cy + r], outline=(90, 90, 100), width=3)
    return img


def back(rng: random.Random, model: str, p: Person, expiry, issue: dt.date):
    from .id_card import card_page
    page = card_page(rng, tint=(230, 236, 240))
    feat = rng.choice(FEATURES)
    signer = rng.choice(SIGNERS)
    fields = {"personal_features": f(feat), "date_of_issue": f(dmy(issue), issue.isoformat())}
    meta = {"card_model": model, "side": "back"}
    if model == "cmnd_9":
        _cmnd(page, rng, p, feat, issue, signer, fields)
    elif model == "can_cuoc_2024":
        _cc2024(page, rng, p, expiry, issue, fields, meta)
    else:
        _cccd(page, rng, model, p, feat, issue, signer, fields)
    if model in ("cccd_chip", "can_cuoc_2024"):
        lines = mrz.td1(p.id_number, p.dob, p.sex, expiry, p.name)
        for i, ln in enumerate(lines):
            page.text(4, 39 + i * 4.6, ln, "ocrb", 10.2)
        fields["mrz"] = f("\n".join(lines), "".join(lines))
    fields["card_model"] = f(model, model)
    fields["side"] = f("back", "back")
    return fields, page, meta


def _prints(page: Page, rng, y=3.0):
    page.image(4, y, 13, 16, fingerprint(rng))
    page.image(20, y, 13, 16, fingerprint(rng))
    page.text(4, y + 17, "Ngón trỏ trái", "sans", 4.6)
    page.text(4, y + 19.2, "Left index finger", "sans-i", 4.2)
    page.text(20, y + 17, "Ngón trỏ phải", "sans", 4.6)
    page.text(20, y + 19.2, "Right index finger", "sans-i", 4.2)


def _cccd(page: Page, rng, model, p: Person, feat, issue, signer, fields):
    _prints(page, rng)
    x, s = 37, 5.4
    page.text(x, 3, "Đặc điểm nhân dạng / Personal identification:", "sans", s)
    page.text(x, 6, feat, "sans", s)
    page.text(x, 10, f"Ngày, tháng, năm / Date, month, year: {dmy(issue)}", "sans", s)
    by = CHIP_BY if model == "cccd_chip" else BARCODE_BY
    cut = by.index(" QUẢN LÝ") if model == "cccd_chip" else by.index(" ĐKQL")
    page.text(61, 14, by[:cut], "sans-b", s, align="c")
    page.text(61, 16.8, by[cut + 1:], "sans-b", s, align="c")
    page.image(52, 19.5, 16, 8, _scribble(rng))
    page.text(61, 28, signer, "sans-b", 6, align="c")
    fields["issued_by"] = f(by, None, [by.replace("CỤC TRƯỞNG ", "", 1)])
    if model == "cccd_barcode":
        page.image(8, 38, 70, 12, art.code128(p.id_number))


def _scribble(rng: random.Random) -> Image.Image:
    img = Image.new("RGBA", (160, 80), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pts = [(10 + i * 14, 40 + rng.randint(-25, 25)) for i in range(11)]
    d.line(pts, fill=(20, 30, 110, 255), width=4)
    return img


def _cmnd(page: Page, rng, p: Person, feat, issue, signer, fields):
    s = 6.2
    page.segments(3, [(4, f"Dân tộc: {p.ethnicity}", "serif"), (44, "Tôn giáo: Không", "serif")], s)
    page.text(4, 7, "DẤU VẾT RIÊNG VÀ DỊ HÌNH", "serif-b", s)
    page.text(4, 10.2, feat, "serif", s)
    page.text(60, 15, f"Ngày {issue.day:02d} tháng {issue.month:02d} năm {issue.year}", "serif-i", s, align="c")
    by = f"GIÁM ĐỐC CA {p.origin.split(', ')[-1].upper()}"
    page.text(60, 18.5, by, "serif-b", s, align="c")
    page.image(4, 26, 13, 16, fingerprint(rng))
    page.image(20, 26, 13, 16, fingerprint(rng))
    page.text(4, 43, "Ngón trỏ trái", "serif", 5)
    page.text(20, 43, "Ngón trỏ phải", "serif", 5)
    page.image(52, 22, 16, 8, _scribble(rng))
    page.text(60, 31, signer, "serif-b", 6.5, align="c")
    fields.update(ethnicity=f(p.ethnicity), religion=f("Không"), issued_by=f(by))
    fields["date_of_issue"] = f(f"Ngày {issue.day:02d} tháng {issue.month:02d} năm {issue.year}", issue.isoformat())


def _cc2024(page: Page, rng, p: Person, expiry, issue, fields, meta):
    s = 5.4
    birth_reg = ", ".join(full_address(rng, p.province_code).split(", ")[1:])
    meta["qr_content"] = "|".join([p.id_number, "", p.name, p.dob.strftime("%d%m%Y"), p.sex_vi,
                                   p.residence, issue.strftime("%d%m%Y")])
    page.image(3, 3, 14, 14, art.qr(meta["qr_content"]))
    x, y = 20, 3
    rows = [("Nơi cư trú / Place of residence:", p.residence),
            ("Nơi đăng ký khai sinh / Place of birth:", birth_reg)]
    for label, val in rows:
        page.text(x, y, label, "sans", s)
        for ln in wrap(val, "sans-b", s, 62):
            y += 2.7
            page.text(x, y, ln, "sans-b", s)
        y += 3.4
    exp = dmy(expiry) if expiry else "Không thời hạn"
    page.text(x, y, f"Ngày, tháng, năm cấp / Date of issue: {dmy(issue)}", "sans", s)
    page.text(x, y + 3, f"Ngày, tháng, năm hết hạn / Date of expiry: {exp}", "sans", s)
    page.text(4, 32, "BỘ CÔNG AN", "sans-b", s)
    page.text(4, 34.6, "MINISTRY OF PUBLIC SECURITY", "sans", 4.4)
    fields.update(place_of_residence=f(p.residence), place_of_birth_registration=f(birth_reg),
                  date_of_expiry=f(exp, expiry.isoformat() if expiry else None),
                  issued_by=f("BỘ CÔNG AN"))
    del fields["personal_features"]
