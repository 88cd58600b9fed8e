"""land_use_certificate: Giấy chứng nhận quyền sử dụng đất (2014-style form, pink frame)."""
from __future__ import annotations

import datetime as dt
import random

from .canvas import Page
from .civil import num_words
from .data import Person, add_years, dmy, f, full_address, rand_date
from .layout import A4, Flow, motto, signature
from .output import Doc, Profile

PROFILES = [Profile("flatbed", "png", 200, blur=0.6), Profile("flatbed", "jpg", 200, quarter=2, jpeg_quality=80),
            Profile("flatbed", "tif", 200, skew=-2.2)]
PURPOSES = ["Đất ở tại đô thị", "Đất ở tại nông thôn", "Đất trồng cây lâu năm", "Đất nuôi trồng thủy sản"]
ORIGINS = ["Nhà nước giao đất có thu tiền sử dụng đất", "Công nhận quyền sử dụng đất như giao đất có thu tiền",
           "Nhận chuyển nhượng đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất"]
SERIES = ["BĐ", "CV", "CS", "BX", "CH", "DA"]


def make(rng: random.Random, idx: int):
    holder = Person(rng, born=(1950, 1995))
    issue = rand_date(rng, dt.date(2012, 1, 1), dt.date(2024, 6, 30))
    parcel_addr = full_address(rng, holder.province_code)
    province = parcel_addr.split(", ")[-1].replace("tỉnh ", "").replace("thành phố ", "")
    area = rng.choice([rng.randint(60, 400), round(rng.uniform(60, 900), 1)])
    purpose, origin = rng.choice(PURPOSES), rng.choice(ORIGINS)
    term = "Lâu dài" if purpose.startswith("Đất ở") else f"Đến ngày {dmy(add_years(issue, 50))}"
    serial = f"{rng.choice(SERIES)} {rng.randint(100000, 999999)}"
    registry = f"CS {rng.randint(1000, 99999):05d}"
    parcel, sheet = str(rng.randint(1, 999)), str(rng.randint(1, 80))
    area_txt = f"{area:g}".replace(".", ",")
    use_form = "Sử dụng riêng" if rng.random() < 0.8 else "Sử dụng chung"
    title = "Ông" if holder.sex == "M" else "Bà"
    page = Page(*A4)
    page.rect(8, 8, 194, 281, outline=(205, 90, 100), width=1.2)
    page.rect(10, 10, 190, 277, outline=(205, 90, 100), width=0.4)
    motto(page, 105, 16)
    for i, ln in enumerate(["GIẤY CHỨNG NHẬN", "QUYỀN SỬ DỤNG ĐẤT",
                            "QUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT"]):
        page.text(105, 36 + i * 7.5, ln, "serif-b", 17 if i < 2 else 12.5, (200, 30, 35), "c")
    fl = Flow(page, 64, left=20, size=12.5)
    page.text(20, fl.y, "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất", "serif-b", 12.5)
    fl.gap(7)
    fl.para(f"{title}: {holder.upper}, sinh năm: {holder.dob.year}")
    if issue.year < 2016:  # before chip/barcode cards: the 9-digit CMND
        holder.id_number = holder.old_id
    fl.para(f"{'CMND' if issue.year < 2016 else 'CCCD'} số: {holder.id_number}")
    fl.field("Địa chỉ thường trú:", holder.residence)
    fl.gap(2)
    page.text(20, fl.y, "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất", "serif-b", 12.5)
    fl.gap(7)
    for ln in [("1. Thửa đất:", ""), ("a) Thửa đất số:", f"{parcel}, tờ bản đồ số: {sheet};"),
               ("b) Địa chỉ:", parcel_addr),
               ("c) Diện tích:", f"{area_txt} m², (bằng chữ: {area_words(area)} mét vuông)"),
               ("d) Hình thức sử dụng:", use_form), ("đ) Mục đích sử dụng:", purpose),
               ("e) Thời hạn sử dụng:", term), ("g) Nguồn gốc sử dụng:", origin)]:
        fl.field(*ln)
    for ln in ["2. Nhà ở: -/-", "3. Công trình xây dựng khác: -/-", "4. Rừng sản xuất là rừng trồng: -/-",
               "5. Cây lâu năm: -/-", "6. Ghi chú: -/-"]:
        fl.para(ln)
    y = fl.y + 4
    page.text(140, y, f"{province}, {_long(issue)}", "serif-i", 12.5, align="c")
    signature(page, 140, y + 7, ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
              rng.choice(["Nguyễn Văn Trung", "Lê Thị Hoa", "Phạm Quốc Hưng"]), f"SỞ TN&MT {province}")
    page.text(20, 262, f"Số vào sổ cấp GCN: {registry}", "serif", 12)
    page.text(190, 272, serial, "serif-b", 14, (200, 30, 35), "r")
    fields = {"serial": f(serial, serial.replace(" ", "")), "registry_no": f(registry, registry.replace(" ", "")),
              "parcel_no": f(parcel, parcel), "map_sheet_no": f(sheet, sheet), "parcel_address": f(parcel_addr),
              "area_m2": f(f"{area_txt} m²", float(area)), "use_form": f(use_form, use_form.split()[-1]),
              "land_use_purpose": f(purpose), "use_term": f(term), "origin": f(origin),
              "holder_name": f(holder.upper), "holder_birth_year": f(str(holder.dob.year), str(holder.dob.year)),
              "holder_id_number": f(holder.id_number, holder.id_number), "holder_address": f(holder.residence),
              "issue_date": f(_long(issue), issue.isoformat())}
    doc = Doc(f"land_use_certificate_{idx:03d}", "land_use_certificate", fields, [page])
    return [(doc, PROFILES[idx % len(PROFILES)])]


def _long(d: dt.date) -> str:
    return f"ngày {d.day} tháng {d.month} năm {d.year}"


def area_words(area: float) -> str:
    whole = int(area)
    s = num_words(whole)
    if area != whole:
        s += " phẩy " + num_words(int(round((area - whole) * 10)))
    return s[0].upper() + s[1:]
