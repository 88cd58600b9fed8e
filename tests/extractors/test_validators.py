from datetime import date

import pytest

from sohoa.extractors.common.validators import (
    enterprise_check_digit, validate_area, validate_capital, validate_dates, validate_document_number,
    validate_enterprise_code, validate_personal_id, validate_serial, validate_year)


@pytest.mark.parametrize("number,dob,sex", [
    ("020093001656", "1993-04-01", "M"),   # public example: code 020, male, 1993
    ("038325368235", "2025-02-08", "F"),   # 2000s female
    ("001097796614", "1997-07-17", "M"),
    ("094168681967", date(1968, 11, 11), "F"),
    ("367381165", None, None),             # old 9-digit CMND: well formed
])
def test_personal_id_valid(number, dob, sex):
    assert validate_personal_id(number, date_of_birth=dob, sex=sex) == []


@pytest.mark.parametrize("number,dob,sex,error", [
    ("003093001656", None, None, "id_province_code"),      # 003 is not a province code
    ("020093001656", None, "F", "id_sex_mismatch"),
    ("020093001656", "1994-01-01", None, "id_birth_year_mismatch"),
    ("020293001656", "1993-01-01", None, "id_birth_year_mismatch"),   # century digit says 2093
    ("02009300165", None, None, "id_format"),
    ("02009300165X", None, None, "id_format"),
    ("", None, None, "id_missing"),
])
def test_personal_id_invalid(number, dob, sex, error):
    assert error in validate_personal_id(number, date_of_birth=dob, sex=sex)


def test_dates():
    assert validate_dates("1990-01-01", "2015-05-05", "2030-01-01", today=date(2025, 1, 1)) == []
    assert "issue_before_birth" in validate_dates("2015-05-05", "1990-01-01")
    assert "expiry_before_issue" in validate_dates(None, "2020-01-01", "2019-01-01")
    assert "birth_in_future" in validate_dates("2030-01-01", today=date(2025, 1, 1))
    assert validate_dates(None, None, None) == []


@pytest.mark.parametrize("code", ["5971010292", "0185382969", "3713234045", "0100109106", "0100109106-001"])
def test_enterprise_code_valid(code):  # the first three are the dev-scans' codes
    assert validate_enterprise_code(code) == []


@pytest.mark.parametrize("code,error", [
    ("5971010293", "enterprise_code_check_digit"),
    ("0301234565", "enterprise_code_check_digit"),
    ("597101029", "enterprise_code_format"),
    ("59710102921", "enterprise_code_format"),
    (None, "enterprise_code_missing"),
])
def test_enterprise_code_invalid(code, error):
    assert validate_enterprise_code(code) == [error]


def test_check_digit_ten_is_invalid():
    # weighted sum divisible by 11 -> check would be 10: no valid code
    assert enterprise_check_digit("000000000") is None


@pytest.mark.parametrize("number", ["12996/UBND-HCC", "09/2025/QĐ-TTg", "1829/TB-UBND", "57/KH-SNNMT",
                                    "2640/BNV-TCBC", "15/2020/NĐ-CP"])
def test_document_number_valid(number):
    assert validate_document_number(number) == []


@pytest.mark.parametrize("number", ["", "TB-UBND", "1829", "1829/", "abc/def/ghi/jkl"])
def test_document_number_invalid(number):
    assert validate_document_number(number)


def test_numeric():
    assert validate_area(605.0) == []
    assert validate_area(None) == ["area_unreadable"]
    assert validate_area(-1.0) == ["area_out_of_range"]
    assert validate_area("605") == ["area_not_numeric"]
    assert validate_capital(800_000_000) == []
    assert validate_capital(0) == ["capital_out_of_range"]
    assert validate_year("1968") == []
    assert validate_year("3968") == ["year_out_of_range"]
    assert validate_year("19x8") == ["year_format"]
    assert validate_serial("CV401161") == []
    assert validate_serial("CV40116") == ["serial_format"]
