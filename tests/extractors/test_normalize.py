from datetime import date

import pytest

from sohoa.extractors.common.normalize import (
    digits_only, iso, name_key, normalize_name, normalize_nationality, normalize_sex, parse_area_m2,
    parse_date, parse_vnd, parse_year)


@pytest.mark.parametrize("text,expected", [
    ("12/05/1987", date(1987, 5, 12)),
    ("12-05-1987", date(1987, 5, 12)),
    ("12.05.1987", date(1987, 5, 12)),
    ("ngày 12 tháng 5 năm 1987", date(1987, 5, 12)),
    ("Hà Nội, ngày 07 tháng 8 năm 2025", date(2025, 8, 7)),
    ("Ngày, tháng, năm sinh: 19/09/1995 ghi bằng chữ", date(1995, 9, 19)),
    ("1O/O9/2O17", date(2017, 9, 10)),          # O for 0
    ("ngày I8 tháng 01 năm 2021", date(2021, 1, 18)),  # I for 1
    ("12 / 05 / 1987", date(1987, 5, 12)),
])
def test_parse_date_valid(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", None, "31/02/2020", "Không thời hạn", "99/99/9999", "hello"])
def test_parse_date_invalid(text):
    assert parse_date(text) is None


def test_iso_and_year():
    assert iso(date(2020, 1, 2)) == "2020-01-02"
    assert iso(None) is None
    assert parse_year("Năm sinh: 1968") == "1968"
    assert parse_year("no year") is None


@pytest.mark.parametrize("text,expected", [("Nam", "M"), ("Nữ", "F"), ("NỮ", "F"), ("Nu", "F"),
                                           ("Male", "M"), ("Nam/M", "M"), ("", None), ("khác", None)])
def test_normalize_sex(text, expected):
    assert normalize_sex(text) == expected


def test_normalize_nationality():
    assert normalize_nationality("VIỆT NAM/VIETNAMESE") == "Việt Nam"
    assert normalize_nationality("Việt Nam") == "Việt Nam"
    assert normalize_nationality("VNM") == "Việt Nam"
    assert normalize_nationality(None) is None


def test_names():
    assert normalize_name("  nguyễn   văn an ") == "NGUYỄN VĂN AN"
    assert name_key("Hoà") == name_key("hòa")
    assert name_key("THUỶ") == name_key("thủy")
    assert name_key("Hòa") != name_key("Hà")


def test_numbers():
    assert digits_only("0 3 8-325") == "038325"
    assert digits_only("O38B", fix_ocr=True) == "0388"
    assert parse_area_m2("605 m²") == 605.0
    assert parse_area_m2("82,3 m²") == 82.3
    assert parse_area_m2("1.234,5 m2") == 1234.5
    assert parse_area_m2("120.50 m2") == 120.5
    assert parse_area_m2("không") is None
    assert parse_vnd("800.000.000 đồng") == 800_000_000
    assert parse_vnd("50,000,000,000 VND") == 50_000_000_000
    assert parse_vnd("1,5 tỷ đồng") == 1_500_000_000
    assert parse_vnd("đồng") is None
