"""business_registration: Giấy chứng nhận đăng ký doanh nghiệp (enterprise code with check digit)."""
from __future__ import annotations

import datetime as dt
import random

from .canvas import Page
from .civil import num_words
from .data import Person, dmy, enterprise_code, f, full_address, long_date, rand_date
from .layout import A4, Flow, agency, motto, signature
from .output import Doc, Profile

PROFILES = [Profile("digital", "pdf-text", 300), Profile("flatbed", "jpg", 300, jpeg_quality=82),
            Profile("flatbed", "pdf", 200, skew=1.8, noise=3)]
TRADES = [("MÔI TRƯỜNG XANH", "GREEN ENVIRONMENT"), ("THƯƠNG MẠI DỊCH VỤ", "TRADING AND SERVICES"),
          ("XÂY DỰNG", "CONSTRUCTION"), ("CÔNG NGHỆ", "TECHNOLOGY"), ("NÔNG SẢN", "AGRICULTURAL PRODUCTS")]
BRANDS = [("HƯNG THỊNH", "HUNG THINH"), ("AN PHÁT", "AN PHAT"), ("MINH QUANG", "MINH QUANG"),
          ("PHÚ GIA", "PHU GIA"), ("ĐẠI NAM", "DAI NAM")]


def make(rng: random.Random, idx: int):
    (vi_t, en_t), (vi_b, en_b) = rng.choice(TRADES), rng.choice(BRANDS)
    name = f"CÔNG TY TNHH {vi_t} {vi_b}"
    foreign = f"{en_b} {en_t} COMPANY LIMITED"
    short = f"{en_b.replace(' ', '')} CO., LTD"
    code = enterprise_code(rng)
    rep = Person(rng, born=(1960, 1998))
    addr = full_address(rng, rep.province_code)
    province = addr.split(", ")[-1].replace("tỉnh ", "").replace("thành phố ", "")
    capital = rng.choice([500, 800, 1000, 2000, 5000, 15000]) * 1_000_000
    first = rand_date(rng, dt.date(2008, 1, 1), dt.date(2020, 12, 31))
    amend_no = rng.choice([0, 0, 1, 2, 3])
    amend = rand_date(rng, first + dt.timedelta(days=200), dt.date(2025, 6, 30)) if amend_no else None
    page = Page(*A4)
    agency(page, 50, 15, ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ", addr.split(", ")[-1].upper(), "PHÒNG ĐĂNG KÝ KINH DOANH"], 11.5)
    motto(page, 138, 15, 11.5)
    page.text(105, 45, "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP", "serif-b", 15, align="c")
    page.text(105, 52, "CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN", "serif-b", 12.5, align="c")
    page.text(105, 59, f"Mã số doanh nghiệp: {code}", "serif-b", 13, align="c")
    page.text(105, 65, f"Đăng ký lần đầu: {long_date(first)}", "serif-i", 12.5, align="c")
    fields = {"enterprise_code": f(code, code), "enterprise_name": f(name),
              "enterprise_name_foreign": f(foreign), "enterprise_short_name": f(short),
              "head_office_address": f(addr), "charter_capital": f(_money(capital) + " đồng", capital),
              "legal_representative_name": f(rep.upper),
              "legal_representative_id_number": f(rep.id_number, rep.id_number),
              "first_registration_date": f(long_date(first), first.isoformat())}
    y = 71
    if amend:
        page.text(105, y, f"Đăng ký thay đổi lần thứ: {amend_no}, {long_date(amend)}", "serif-i", 12.5, align="c")
        fields["amendment_no"] = f(str(amend_no), str(amend_no))
        fields["amendment_date"] = f(long_date(amend), amend.isoformat())
        y += 6
    fl = Flow(page, y + 4, size=12)
    _body(fl, name, foreign, short, addr, capital, rep)
    signature(page, 145, fl.y + 6, ["TRƯỞNG PHÒNG"], rng.choice(["Đinh Quang Khánh", "Lê Thu Hà", "Vũ Văn Tám"]),
              f"PHÒNG ĐKKD {province}")
    doc = Doc(f"business_registration_{idx:03d}", "business_registration", fields, [page])
    return [(doc, PROFILES[idx % len(PROFILES)])]


def _body(fl: Flow, name, foreign, short, addr, capital, rep: Person):
    head = lambda s: (fl.p.text(fl.left, fl.y, s, "serif-b", fl.size), fl.gap(fl.step))
    head("1. Tên công ty")
    fl.field("Tên công ty viết bằng tiếng Việt:", name, leader=False)
    fl.field("Tên công ty viết bằng tiếng nước ngoài:", foreign, leader=False)
    fl.field("Tên công ty viết tắt:", short, leader=False)
    head("2. Địa chỉ trụ sở chính")
    fl.para(addr)
    fl.para(f"Điện thoại: 02{fl.y:.0f}{len(addr) * 7919 % 10**6:06d} Fax:")
    head("3. Vốn điều lệ")
    fl.para(f"Vốn điều lệ: {_money(capital)} đồng")
    words = _capital_words(capital)
    fl.para(f"Bằng chữ: {words[0].upper() + words[1:]}")
    head("4. Người đại diện theo pháp luật của công ty")
    fl.row([("* Họ và tên:", rep.upper), ("Giới tính:", rep.sex_vi)], [0, 95])
    fl.para("Chức danh: Giám đốc")
    fl.row([("Sinh ngày:", dmy(rep.dob)), ("Dân tộc:", rep.ethnicity), ("Quốc tịch:", "Việt Nam")], [0, 50, 95])
    fl.para("Loại giấy tờ pháp lý của cá nhân: Căn cước công dân")
    fl.para(f"Số giấy tờ pháp lý của cá nhân: {rep.id_number}")
    fl.para(f"Địa chỉ thường trú: {rep.residence}")


def _money(v: int) -> str:
    return f"{v:,}".replace(",", ".")


def _capital_words(v: int) -> str:
    ty, trieu = divmod(v // 1_000_000, 1000)
    parts = ([num_words(ty) + " tỷ"] if ty else []) + ([num_words(trieu) + " triệu"] if trieu else [])
    return " ".join(parts) + " đồng"
