"""Random but plausible Vietnamese people, places, dates and numbers."""
from __future__ import annotations

import datetime as dt
import random
import unicodedata

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Tạ"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Công", "Xuân", "Bá", "Đình"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Mỹ", "Kim", "Bảo", "Hồng", "Diệu", "Phương"]
GIVEN_M = ["Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Long",
           "Nam", "Phong", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Lộc", "Nghĩa"]
GIVEN_F = ["Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Loan",
           "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phượng", "Quyên", "Thảo", "Trang", "Yến"]
ETHNIC = ["Kinh", "Kinh", "Kinh", "Tày", "Thái", "Mường", "Khmer", "Nùng", "Hoa"]
RELIGION = ["Không", "Không", "Phật giáo", "Công giáo"]
# province code (ID digits 1-3) -> (province, [(district kind+name, [communes])])
PROVINCES = {
    "001": ("Hà Nội", [("quận Cầu Giấy", ["phường Dịch Vọng", "phường Quan Hoa", "phường Yên Hòa"]),
                       ("huyện Đông Anh", ["xã Uy Nỗ", "xã Cổ Loa", "xã Vân Hà"])]),
    "022": ("Quảng Ninh", [("thành phố Hạ Long", ["phường Hà Khánh", "phường Bãi Cháy", "phường Hồng Gai"])]),
    "025": ("Phú Thọ", [("thành phố Việt Trì", ["phường Gia Cẩm", "phường Tân Dân", "xã Trưng Vương"])]),
    "038": ("Thanh Hóa", [("thành phố Thanh Hóa", ["phường Điện Biên", "phường Đông Thọ"]),
                          ("huyện Hoằng Hóa", ["xã Hoằng Đạt", "xã Hoằng Lộc"])]),
    "040": ("Nghệ An", [("thành phố Vinh", ["phường Bến Thủy", "phường Trường Thi", "xã Hưng Lộc"])]),
    "046": ("Thừa Thiên Huế", [("thị xã Hương Thủy", ["phường Phú Bài", "xã Thủy Phù"])]),
    "048": ("Đà Nẵng", [("quận Hải Châu", ["phường Thạch Thang", "phường Hòa Cường Bắc"])]),
    "052": ("Bình Định", [("thành phố Quy Nhơn", ["phường Ghềnh Ráng", "phường Lê Lợi", "xã Nhơn Lý"])]),
    "056": ("Khánh Hòa", [("thành phố Nha Trang", ["phường Vĩnh Hải", "phường Phước Long"])]),
    "066": ("Đắk Lắk", [("thành phố Buôn Ma Thuột", ["phường Tân Lợi", "xã Hòa Thắng"])]),
    "079": ("Hồ Chí Minh", [("quận Bình Thạnh", ["phường 25", "phường 13"]),
                            ("thành phố Thủ Đức", ["phường Linh Trung", "phường An Phú"])]),
    "092": ("Cần Thơ", [("quận Ninh Kiều", ["phường An Hòa", "phường Xuân Khánh"])]),
}
STREETS = ["Trần Phú", "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Phạm Văn Đồng", "Lý Thường Kiệt",
           "Quang Trung", "Võ Thị Sáu", "Điện Biên Phủ", "Hùng Vương"]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


class Person:
    def __init__(self, rng: random.Random, sex: str | None = None, born: tuple[int, int] = (1950, 2004)):
        self.sex = sex or rng.choice("MF")
        mid = MIDDLE_M if self.sex == "M" else MIDDLE_F
        given = GIVEN_M if self.sex == "M" else GIVEN_F
        self.name = nfc(f"{rng.choice(SURNAMES)} {rng.choice(mid)} {rng.choice(given)}")
        self.dob = rand_date(rng, dt.date(born[0], 1, 1), dt.date(born[1], 12, 28))
        self.province_code = rng.choice(sorted(PROVINCES))
        self.id_number = id_number(rng, self.province_code, self.sex, self.dob.year)
        self.old_id = "".join(str(rng.randint(0, 9)) for _ in range(9))
        self.origin = short_address(rng, rng.choice(sorted(PROVINCES)))
        self.residence = full_address(rng, rng.choice(sorted(PROVINCES)))
        self.ethnicity = rng.choice(ETHNIC)

    @property
    def upper(self) -> str:
        return self.name.upper()

    @property
    def sex_vi(self) -> str:
        return "Nam" if self.sex == "M" else "Nữ"


def rand_date(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def id_number(rng: random.Random, province: str, sex: str, year: int) -> str:
    century = (year // 100) - 19
    digit4 = century * 2 + (1 if sex == "F" else 0)
    return f"{province}{digit4}{year % 100:02d}" + "".join(str(rng.randint(0, 9)) for _ in range(6))


def _place(rng, code):
    prov, districts = PROVINCES[code]
    dist, communes = rng.choice(districts)
    return prov, dist, rng.choice(communes)


def short_address(rng: random.Random, code: str) -> str:
    prov, dist, comm = _place(rng, code)
    return nfc(f"{_bare(comm)}, {_bare(dist)}, {prov}")


def _bare(s: str) -> str:
    """'phường Gia Cẩm' -> 'Gia Cẩm' (but 'phường 13' stays)."""
    name = s
    for k in ("thành phố", "thị xã", "phường", "quận", "huyện", "xã"):
        if s.startswith(k + " ") and not s[len(k) + 1:][0].isdigit():
            return s[len(k) + 1:]
    return name


def full_address(rng: random.Random, code: str) -> str:
    prov, dist, comm = _place(rng, code)
    kind = "thành phố" if code in ("001", "048", "079", "092") else "tỉnh"
    return nfc(f"Số {rng.randint(1, 300)} {rng.choice(STREETS)}, {comm}, {dist}, {kind} {prov}")


def dmy(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def long_date(d: dt.date) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + years, day=28)


def chip_expiry(dob: dt.date, issue: dt.date) -> dt.date | None:
    """2021 chip card: valid to the 25th, 40th or 60th birthday; none after 60."""
    for age in (25, 40, 60):
        end = add_years(dob, age)
        if end > add_years(issue, 2):
            return end
    return None


def enterprise_check(first9: str) -> int | None:
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    c = 10 - sum(int(d) * w for d, w in zip(first9, weights)) % 11
    return c if 0 <= c <= 9 else None


def enterprise_code(rng: random.Random) -> str:
    while True:
        first9 = f"{rng.choice([0, 1, 2, 3, 4, 5, 6])}{rng.randint(10000000, 99999999)}"
        c = enterprise_check(first9)
        if c is not None:
            return first9 + str(c)


def f(value, normalized=None, accept=None) -> dict:
    out = {"value": value, "normalized": normalized}
    if accept:
        out["accept"] = accept
    return out
