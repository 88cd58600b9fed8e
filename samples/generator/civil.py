"""Civil-status forms: birth and marriage certificates (A4, dotted leaders, seal)."""
from __future__ import annotations

import datetime as dt
import random

from .canvas import Page
from .data import Person, dmy, f, rand_date
from .layout import A4, Flow, agency, motto, signature

NUM_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SIGNERS = ["Hoàng Thị Quyên", "Bùi Bá Đạt", "Lê Văn Thành", "Nguyễn Thị Hằng"]


def authority(rng: random.Random, person: Person) -> tuple[str, str]:
    """('Ủy ban nhân dân phường X, thành phố Y, tỉnh Z', 'PHƯỜNG X')"""
    parts = person.residence.split(", ")[1:]
    comm = parts[0]
    return "Ủy ban nhân dân " + ", ".join(parts), comm.upper()


def sign_block(page: Page, y: float, title: str, rng: random.Random, comm: str) -> str:
    name = rng.choice(SIGNERS)
    page.text(150, y, title, "serif-b", 12, align="c")
    page.text(150, y + 5.5, "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ, đóng dấu)", "serif-i", 10.5, align="c")
    signature(page, 150, y + 11, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], name, f"UBND {comm}")
    return name


def make_birth(rng: random.Random, idx: int):
    child = Person(rng, born=(1985, 2023))
    mother = Person(rng, "F", born=(child.dob.year - 38, child.dob.year - 19))
    father = Person(rng, "M", born=(child.dob.year - 45, child.dob.year - 20))
    father.name = child.name.split()[0] + " " + " ".join(father.name.split()[1:])
    father.residence = mother.residence = child.residence
    reg = rand_date(rng, child.dob + dt.timedelta(days=3), child.dob + dt.timedelta(days=55))
    auth, comm = authority(rng, child)
    page = Page(*A4)
    agency(page, 50, 15, ["ỦY BAN NHÂN DÂN", comm])
    motto(page, 135, 15)
    reg_no, book = str(rng.randint(1, 250)), f"01/{reg.year}"
    page.text(25, 35, f"Số: {reg_no}", "serif", 12.5)
    page.text(25, 41, f"Quyển số: {book}", "serif", 12.5)
    page.text(105, 52, "GIẤY KHAI SINH", "serif-b", 17, align="c")
    fl = Flow(page, 64)
    place_of_birth = f"Trạm Y tế {child.residence.split(', ')[1]}"
    fl.field("Họ, chữ đệm, tên:", child.upper)
    fl.field("Ngày, tháng, năm sinh:", f"{dmy(child.dob)} ghi bằng chữ: {date_words(child.dob)}")
    fl.row([("Giới tính:", child.sex_vi), ("Dân tộc:", child.ethnicity), ("Quốc tịch:", "Việt Nam")], [0, 45, 100])
    fl.field("Nơi sinh:", place_of_birth)
    fl.field("Quê quán:", father.origin)
    fl.field("Số định danh cá nhân:", child.id_number)
    for who, par in (("mẹ", mother), ("cha", father)):
        fl.field(f"Họ, chữ đệm, tên người {who}:", par.upper)
        fl.row([("Năm sinh:", str(par.dob.year)), ("Dân tộc:", par.ethnicity), ("Quốc tịch:", "Việt Nam")],
               [0, 45, 100])
        fl.field("Nơi cư trú:", par.residence)
    fl.field("Họ, chữ đệm, tên người đi khai sinh:", father.upper)
    fl.field("Giấy tờ tùy thân:", f"CCCD số {father.id_number}")
    fl.field("Nơi đăng ký khai sinh:", auth)
    fl.field("Ngày, tháng, năm đăng ký:", dmy(reg))
    signer = sign_block(page, fl.y + 6, "NGƯỜI KÝ GIẤY KHAI SINH", rng, comm)
    fields = {"full_name": f(child.upper), "date_of_birth": f(dmy(child.dob), child.dob.isoformat()),
              "sex": f(child.sex_vi, child.sex), "ethnicity": f(child.ethnicity), "nationality": f("Việt Nam"),
              "place_of_birth": f(place_of_birth), "place_of_origin": f(father.origin),
              "personal_id": f(child.id_number, child.id_number),
              "mother_name": f(mother.upper), "mother_birth_year": f(str(mother.dob.year), str(mother.dob.year)),
              "father_name": f(father.upper), "father_birth_year": f(str(father.dob.year), str(father.dob.year)),
              "declarant": f(father.upper), "registration_authority": f(auth),
              "register_no": f(reg_no, reg_no), "book_no": f(book, book),
              "registration_date": f(dmy(reg), reg.isoformat()), "signer_name": f(signer)}
    return fields, page


def date_words(d: dt.date) -> str:
    return f"Ngày {num_words(d.day)} tháng {num_words(d.month)} năm {num_words(d.year)}"


def num_words(n: int) -> str:
    if n < 10:
        return NUM_WORDS[n]
    if n < 100:
        t, u = divmod(n, 10)
        head = "mười" if t == 1 else NUM_WORDS[t] + " mươi"
        tail = {0: "", 1: " mốt" if t > 1 else " một", 5: " lăm", 4: " tư" if t > 1 else " bốn"}.get(u, " " + NUM_WORDS[u])
        return head + tail
    if n < 1000:
        h, r = divmod(n, 100)
        rest = "" if r == 0 else (" lẻ " + NUM_WORDS[r] if r < 10 else " " + num_words(r))
        return NUM_WORDS[h] + " trăm" + rest
    th, r = divmod(n, 1000)
    rest = "" if r == 0 else (" không trăm" + (" lẻ " + NUM_WORDS[r] if r < 10 else " " + num_words(r))
                              if r < 100 else " " + num_words(r))
    return num_words(th) + " nghìn" + rest


def make_marriage(rng: random.Random, idx: int):
    h = Person(rng, "M", born=(1965, 2000))
    w = Person(rng, "F", born=(1968, 2002))
    reg = rand_date(rng, dt.date(max(h.dob.year, w.dob.year) + 21, 1, 1), dt.date(2025, 6, 30))
    auth, comm = authority(rng, w)
    page = Page(*A4)
    motto(page, 105, 15)
    page.text(105, 36, "GIẤY CHỨNG NHẬN KẾT HÔN", "serif-b", 17, align="c")
    fl = Flow(page, 48)
    for title, p in (("CHỒNG", h), ("VỢ", w)):
        page.text(25, fl.y, title, "serif-b", 13)
        fl.gap(6.5)
        fl.field("Họ, chữ đệm, tên:", p.upper)
        fl.field("Ngày, tháng, năm sinh:", dmy(p.dob))
        fl.row([("Dân tộc:", p.ethnicity), ("Quốc tịch:", "Việt Nam")], [0, 60])
        fl.field("Nơi cư trú:", p.residence)
        fl.field("Giấy tờ tùy thân:", f"Căn cước công dân số {p.id_number}")
        fl.gap(2)
    reg_no, book = str(rng.randint(1, 300)), f"{rng.randint(1, 3):02d}"
    fl.field("Nơi đăng ký:", auth)
    fl.field("Ngày, tháng, năm đăng ký:", dmy(reg))
    fl.row([("Số:", reg_no), ("Quyển số:", book)], [0, 40])
    y = fl.y + 5
    for cx, label, p in ((45, "Chồng", h), (105, "Vợ", w)):
        page.text(cx, y, label, "serif-b", 12, align="c")
        page.text(cx, y + 5.5, "(Ký, ghi rõ họ, chữ đệm, tên)", "serif-i", 10, align="c")
        page.text(cx, y + 24, p.name, "serif", 12, align="c")
    signer = rng.choice(SIGNERS)
    page.text(165, y, "NGƯỜI KÝ GIẤY CHỨNG NHẬN", "serif-b", 11, align="c")
    page.text(165, y + 5.5, "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ, đóng dấu)", "serif-i", 8.5, align="c")
    signature(page, 165, y + 11, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], signer, f"UBND {comm}")
    fields = {"husband_name": f(h.upper), "husband_date_of_birth": f(dmy(h.dob), h.dob.isoformat()),
              "husband_id_number": f(h.id_number, h.id_number), "wife_name": f(w.upper),
              "wife_date_of_birth": f(dmy(w.dob), w.dob.isoformat()), "wife_id_number": f(w.id_number, w.id_number),
              "registration_authority": f(auth), "register_no": f(reg_no, reg_no), "book_no": f(book, book),
              "registration_date": f(dmy(reg), reg.isoformat())}
    return fields, page


