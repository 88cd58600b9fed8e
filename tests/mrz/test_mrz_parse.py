"""Check digits, parsing, repair and contract fields of ICAO 9303 zones (no OCR)."""
from __future__ import annotations

import pytest

from sohoa.extractors.mrz import check_digit, parse_mrz
from sohoa.extractors.mrz_fields import mrz_date, mrz_fields
from sohoa.extractors.mrz_repair import repair_mrz

VN = ["IDVNM0930470641001093047064<<2",
      "9301054M3301052VNM<<<<<<<<<<<8",
      "UNG<<HOANG<HIEP<<<<<<<<<<<<<<<"]
UTO_TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
           "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
UTO_TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
           "D231458907UTO7408122F1204159<<<<<<<6"]


@pytest.mark.parametrize("data,digit", [
    ("093047064", "1"), ("930105", "4"), ("330105", "2"),       # the domain reference's card
    ("L898902C3", "6"), ("740812", "2"), ("120415", "9"),       # ICAO 9303 specimen
    ("ZE184226B", "1"), ("<<<<<<<<<", "0"), ("", "0"),
])
def test_check_digit(data, digit):
    assert check_digit(data) == digit


def test_check_digit_rejects_non_mrz_characters():
    with pytest.raises(ValueError):
        check_digit("AB C")


def test_parse_vietnamese_td1_every_check_verifies():
    p = parse_mrz(VN)
    assert p.format == "TD1" and p.document_code == "ID" and p.issuing_state == "VNM"
    assert p.document_number == "093047064"
    assert p.optional_data.startswith("001093047064")
    assert (p.birth_date, p.sex, p.expiry_date, p.nationality) == ("930105", "M", "330105", "VNM")
    assert (p.surname, p.given_names) == ("UNG", "HOANG HIEP")
    assert p.checks == {"document_number": True, "birth_date": True, "expiry_date": True,
                        "personal_number": True, "composite": True}
    assert p.checks_ok


@pytest.mark.parametrize("lines,fmt", [(UTO_TD3, "TD3"), (UTO_TD2, "TD2")])
def test_parse_td3_td2(lines, fmt):
    p = parse_mrz(lines)
    assert p.format == fmt and p.checks_ok
    assert (p.surname, p.given_names) == ("ERIKSSON", "ANNA MARIA")


@pytest.mark.parametrize("line,pos,char,failing", [
    (1, 3, "2", "birth_date"),          # 930105 -> 932105
    (0, 9, "9", "document_number"),     # one digit of the number changed
    (1, 13, "9", "expiry_date"),
])
def test_known_invalid_inputs_fail_their_checks(line, pos, char, failing):
    bad = list(VN)
    bad[line] = bad[line][:pos] + char + bad[line][pos + 1:]
    p = parse_mrz(bad)
    assert not p.checks[failing] and not p.checks["composite"] and not p.checks_ok


def test_repair_confusables_with_field_types_and_check_digits():
    noisy = ["IDVNM093O47O641001093047064<<2",     # O for 0 inside the number
             "93O1054M33010S2VNM<<<<<<<<<<<8",     # O and S inside dates
             "UNG<<H0ANG<HIEP<<<<<<<<<K<<<<"]      # 0 in a name, K among fillers, short
    assert repair_mrz(noisy) == VN


def test_repair_uses_check_digit_for_letter_digit_swaps():
    noisy = ["P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
             "L898902C36UT07408122F12O4159ZE184226B<<<<<1O"]
    assert repair_mrz(noisy) == UTO_TD3


def test_repair_keeps_a_checked_field_that_cannot_be_fixed_cheaply():
    lines = repair_mrz(["IDVNM0930470651001093047064<<2"] + VN[1:])
    assert lines[0][5:14] == "093047065"  # left as read, reported by the failing check
    assert not parse_mrz(lines).checks["document_number"]


def test_mrz_fields_id_card_back():
    f = mrz_fields(VN, "id_card")
    assert f["mrz"].value == "\n".join(VN) == f["mrz"].normalized
    assert f["id_number"].normalized == "001093047064"
    assert f["date_of_birth"].normalized == "1993-01-05"
    assert f["date_of_expiry"].normalized == "2033-01-05"
    assert f["sex"].normalized == "M"
    assert f["full_name"].normalized == "UNG HOANG HIEP"
    assert all(x.confidence >= 0.95 and not x.errors and x.source == "mrz" for x in f.values())


def test_mrz_fields_passport_and_failed_checks():
    f = mrz_fields(UTO_TD3, "passport")
    assert f["passport_number"].normalized == "L898902C3"
    assert f["nationality"].normalized == "UTO"
    assert f["date_of_birth"].normalized == "1974-08-12"
    assert "personal_id" not in f
    bad = [UTO_TD3[0], UTO_TD3[1][:13] + "7408132" + UTO_TD3[1][20:]]
    g = mrz_fields(bad, "passport")
    assert "mrz_check_failed:birth_date" in g["date_of_birth"].errors
    assert g["date_of_birth"].confidence < 0.95
    assert g["passport_number"].confidence >= 0.95


def test_vietnamese_passport_personal_id():
    line2 = "C1234567<0VNM9301054M3301052001093047064<<"
    line2 = line2 + check_digit(line2[28:42])
    line2 = line2 + check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    f = mrz_fields(["P<VNMUNG<<HOANG<HIEP" + "<" * 24, line2], "passport")
    assert f["personal_id"].normalized == "001093047064"
    assert f["nationality"].normalized == "Việt Nam"
    assert not f["personal_id"].errors


def test_mrz_date_century():
    assert mrz_date("930105", "birth") == "1993-01-05"
    assert mrz_date("100105", "birth") == "2010-01-05"
    assert mrz_date("330105", "expiry") == "2033-01-05"
    assert mrz_date("991332", "birth") is None


def test_vietnamese_id_number_check_digit_repairs_the_12_digits():
    noisy = ["IDVNM0930470641001093047084<<2"] + VN[1:]   # 8 read for 6 in the 12 digits
    probs = [[{c: 0.9} for c in line] for line in noisy]
    probs[0][25] = {"8": 0.6, "6": 0.35}                   # the recognizer's runner-up
    assert repair_mrz(noisy, probs) == VN
    bad = ["IDVNM0930470641001093047065<<2"] + VN[1:]
    assert not parse_mrz(bad).checks["personal_number"]
    assert "mrz_check_failed:personal_number" in mrz_fields(bad, "id_card")["id_number"].errors
