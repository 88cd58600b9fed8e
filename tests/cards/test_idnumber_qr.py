from datetime import date

import numpy as np
from sohoa.extractors.idnumber import expiry_errors, find_id_number, parse_personal_id
from sohoa.extractors.id_card_text import card_date, fix_address_commas, restore_surname


def test_parse_personal_id():
    pid = parse_personal_id("020093001656")
    assert (pid.province, pid.sex, pid.birth_year, pid.known_province) == ("020", "M", 1993, True)
    assert parse_personal_id("096152455630").sex == "F"
    assert parse_personal_id("001305000001").birth_year == 2005
    assert parse_personal_id("12345") is None


def test_find_id_number_fixes_ocr_letters():
    assert find_id_number("sóNo: O68075638O81") == "068075638081"
    assert find_id_number("SỐ 367381165") == "367381165"
    assert find_id_number("Ngày sinh 09/06/1975") is None


def test_expiry_birthdays():
    assert expiry_errors(date(1975, 6, 9), date(2035, 6, 9), "cccd_chip") == []
    assert expiry_errors(date(1975, 6, 9), date(2036, 6, 9), "cccd_chip") == ["expiry_not_on_birthday"]
    assert expiry_errors(date(2010, 1, 2), date(2024, 1, 2), "can_cuoc_2024") == []
    assert expiry_errors(date(1975, 6, 9), date(2030, 1, 1), "cmnd_9") == []


def test_text_repairs():
    assert card_date("29I05I2038") == date(2038, 5, 29)
    assert card_date("Gia Lai, ngày 17 11 năm 2024") == date(2024, 11, 17)
    assert fix_address_commas("Phường 2 Sóc Trăng Sóc Trăng")[0] == "Phường 2, Sóc Trăng, Sóc Trăng"
    assert fix_address_commas("Hà Khánh, Hạ Long, Quảng Ninh") == ("Hà Khánh, Hạ Long, Quảng Ninh", False)
    assert restore_surname("NGUYEN THỊ LOAN") == ("NGUYỄN THỊ LOAN", True)


def test_read_qr_roundtrip_and_fast_fail():
    import qrcode

    from sohoa.pipeline.qr import read_qr
    text = "068075638081|256578672|Võ Văn Khánh|09061975|Nam|Số 19, Việt Trì, Phú Thọ|13032022"
    img = np.array(qrcode.make(text).convert("L"), dtype=np.uint8)
    page = np.full((900, 1400), 255, np.uint8)
    page[100:100 + img.shape[0], 900:900 + img.shape[1]] = img[:, :min(img.shape[1], 500)]
    assert read_qr(page) == text
    assert read_qr(np.full((600, 800, 3), 255, np.uint8)) is None


def test_address_unit_words_regain_their_marks():
    fixed, changed = fix_address_commas("Số 234 Lý Thường Kiệt, xã Hưng Lộc, thành phổ Vinh, tỉnh Nghệ An")
    assert changed and fixed == "Số 234 Lý Thường Kiệt, xã Hưng Lộc, thành phố Vinh, tỉnh Nghệ An"
    assert fix_address_commas("xa lộ Hà Nội, Tĩnh Gia, Thanh Hóa")[1] is False
    assert card_date("10/01!12024") == date(2024, 1, 10)


def test_feature_and_surname_repairs():
    from sohoa.extractors.id_card_text import fix_features

    assert fix_features("Seo.chấm C:2em dưới sau đầu mày trái .") == "Sẹo chấm C:2cm dưới sau đầu mày trái"
    assert fix_features("Nồt ruồi cách 1cm") == "Nốt ruồi cách 1cm"
    assert restore_surname("NGUYÊN VĂN HẬU") == ("NGUYỄN VĂN HẬU", True)
    assert restore_surname("LE BẢO CHÂU") == ("LÊ BẢO CHÂU", True)
    assert restore_surname("PHAN MỸ HÀ") == ("PHAN MỸ HÀ", False)
