"""ICAO 9303 check digits and TD1 / TD3 machine-readable zones."""
from __future__ import annotations

import datetime as dt
import unicodedata


def char_value(c: str) -> int:
    if c.isdigit():
        return int(c)
    if c == "<":
        return 0
    return ord(c) - ord("A") + 10


def check(s: str) -> str:
    return str(sum(char_value(c) * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)


def ascii_name(name: str) -> str:
    s = name.upper().replace("Đ", "D")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return s


def mrz_name(full_name: str, width: int) -> str:
    parts = ascii_name(full_name).split()
    s = parts[0] + "<<" + "<".join(parts[1:])
    return (s + "<" * width)[:width]


def yymmdd(d: dt.date) -> str:
    return d.strftime("%y%m%d")


def td1(id12: str, dob: dt.date, sex: str, expiry: dt.date | None, name: str) -> list[str]:
    doc = id12[-9:]
    l1 = "IDVNM" + doc + check(doc) + id12 + "<<"
    l1 = l1 + check(l1[5:29])
    exp = yymmdd(expiry) if expiry else "<<<<<<"
    exp_c = check(exp) if expiry else "<"
    l2 = yymmdd(dob) + check(yymmdd(dob)) + sex + exp + exp_c + "VNM" + "<" * 11
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 = l2 + check(composite)
    return [l1, l2, mrz_name(name, 30)]


def td3(number: str, dob: dt.date, sex: str, expiry: dt.date, name: str, personal: str) -> list[str]:
    l1 = ("P<VNM" + mrz_name(name, 39))[:44]
    num = (number + "<" * 9)[:9]
    pers = (personal + "<" * 14)[:14]
    l2 = num + check(num) + "VNM" + yymmdd(dob) + check(yymmdd(dob)) + sex
    l2 += yymmdd(expiry) + check(yymmdd(expiry)) + pers + check(pers)
    composite = l2[0:10] + l2[13:20] + l2[21:43]
    return [l1, l2 + check(composite)]
