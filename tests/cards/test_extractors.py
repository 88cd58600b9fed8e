import pytest

from sohoa.extractors import driving_licence, id_card, passport
from sohoa.extractors.registry import review_status
from sohoa.models.fields import ReviewStatus

from .synth import DEV, doc_from_lines, truth, truth_doc

NAMES = sorted(p.name[:-len(".truth.json")] for p in DEV.glob("*.truth.json")
               if p.name.startswith(("id_card", "passport", "driving_licence")))
SKIP_ON_TEXT = {"mrz"}  # needs the MRZ parser (sohoa.extractors.mrz*) for exact checks


def _matches(pred, want, key):
    if pred is None:
        return False
    if want.get("normalized") and key not in SKIP_ON_TEXT:
        return pred.normalized == want["normalized"]
    accept = [want["value"]] + want.get("accept", [])
    return (pred.value or "").replace("\n", "") in [a.replace("\n", "") for a in accept]


@pytest.mark.parametrize("name", NAMES)
def test_dev_truth_text(name):
    t = truth(name)
    mod = {"id_card": id_card, "passport": passport, "driving_licence": driving_licence}[t["doc_type"]]
    qr = t["meta"].get("qr_content")
    ex = mod.extract(truth_doc(name), qr={1: qr}) if qr else mod.extract(truth_doc(name))
    bad = {k: (ex.fields.get(k) and ex.fields[k].value) for k, v in t["fields"].items()
           if not _matches(ex.fields.get(k), v, k)}
    assert not bad
    assert mod.score(truth_doc(name)) >= 0.5


def test_front_back_merge_with_qr():
    qr = truth("id_card_000_front")["meta"]["qr_content"]
    ex = id_card.extract(truth_doc("id_card_000_front", "id_card_000_back"), qr={1: qr})
    f = ex.fields
    assert f["side"].value == "front+back" and f["card_model"].value == "cccd_chip"
    issue = truth("id_card_000_back")["fields"]["date_of_issue"]["normalized"]
    assert f["id_number"].confidence >= 0.99 and f["date_of_issue"].normalized == issue
    assert f["personal_features"].value == truth("id_card_000_back")["fields"]["personal_features"]["value"]
    assert not ex.errors


def test_chip_front_without_qr_reads_as_barcode_model():
    # the 2016 and 2021 fronts differ only by the QR code
    assert id_card.extract(truth_doc("id_card_000_front")).fields["card_model"].value == "cccd_barcode"


def test_qr_disagreement_is_flagged_and_wins():
    t = truth("id_card_000_front")
    lines = list(t["text_lines"])
    name = t["fields"]["full_name"]["value"]
    lines[lines.index(name)] = name[:-1] + ("A" if name[-1] != "A" else "B")
    ex = id_card.extract(doc_from_lines(lines), qr={1: t["meta"]["qr_content"]})
    assert ex.fields["full_name"].value == name
    assert "qr_mismatch:full_name" in ex.errors and ex.fields["full_name"].confidence < 0.99


def test_id_structure_validation():
    t = truth("id_card_000_front")
    sex = t["fields"]["sex"]["value"]
    other = "Nữ" if sex == "Nam" else "Nam"
    lines = [ln.replace(f"Sex: {sex}", f"Sex: {other}") for ln in t["text_lines"]]
    ex = id_card.extract(doc_from_lines(lines))
    assert "id_sex_mismatch" in ex.errors and ex.fields["id_number"].confidence <= 0.5
    assert review_status(ex) == ReviewStatus.needs_review


CC2024_BACK = [
    "Nơi cư trú / Place of residence:", "Số 5, đường Lê Lợi, Phường 1, Quận 3, Hồ Chí Minh",
    "Nơi đăng ký khai sinh / Place of birth:", "Phường 1, Quận 3, Hồ Chí Minh",
    "Ngày, tháng, năm cấp / Date of issue: 01/07/2024",
    "Ngày, tháng, năm hết hạn / Date of expiry: 12/03/2030",
    "BỘ CÔNG AN", "MINISTRY OF PUBLIC SECURITY",
    "IDVNM0051234567079005123456<<2", "0503127M3003121VNM<<<<<<<<<<<4", "TRAN<<MINH<KHOA<<<<<<<<<<<<<<<",
]
CC2024_FRONT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "CĂN CƯỚC", "IDENTITY CARD",
    "Số định danh cá nhân / Personal identification number:", "079205123456",
    "Họ, chữ đệm và tên / Full name:", "TRẦN MINH KHOA",
    "Ngày sinh / Date of birth: 12/03/2005", "Giới tính / Sex: Nam    Quốc tịch / Nationality: Việt Nam",
]


def test_can_cuoc_2024_both_sides_by_labels():
    ex = id_card.extract(doc_from_lines(CC2024_FRONT, CC2024_BACK))
    f = ex.fields
    assert f["card_model"].value == "can_cuoc_2024"
    assert f["id_number"].normalized == "079205123456" and f["full_name"].value == "TRẦN MINH KHOA"
    assert f["place_of_birth_registration"].value == "Phường 1, Quận 3, Hồ Chí Minh"
    assert f["place_of_residence"].value.startswith("Số 5, đường Lê Lợi")
    assert f["date_of_issue"].normalized == "2024-07-01" and f["date_of_expiry"].normalized == "2030-03-12"
    assert f["issued_by"].value == "BỘ CÔNG AN"


def test_cmnd_12_and_no_expiry():
    lines = ["GIẤY CHỨNG MINH NHÂN DÂN", "Số: 001085012345", "Họ và tên: ĐỖ THỊ HOA",
             "Ngày, tháng, năm sinh: 02/02/1985", "Giới tính: Nữ  Dân tộc: Kinh",
             "Quê quán: Đông Anh, Hà Nội", "Nơi thường trú: Số 3, ngõ 5 Kim Mã, Ba Đình, Hà Nội",
             "Có giá trị đến: Không thời hạn"]
    f = id_card.extract(doc_from_lines(lines)).fields
    assert f["card_model"].value == "cmnd_12" and f["sex"].normalized == "F"
    assert f["date_of_expiry"].value == "Không thời hạn" and f["date_of_expiry"].normalized is None
    assert f["ethnicity"].value == "Kinh"


def test_passport_mrz_fills_unreadable_printed_zone():
    t = truth("passport_000")["fields"]
    mrz = t["mrz"]["value"].split("\n")
    ex = passport.extract(doc_from_lines(["HỘ CHIẾU", "PASSPORT"] + mrz))
    f = ex.fields
    for key in ("passport_number", "date_of_birth", "sex", "date_of_expiry", "personal_id"):
        assert f[key].normalized == t[key]["normalized"] and f[key].source == "mrz"
    assert f["mrz"].value.replace("\n", "") == "".join(mrz) and f["full_name"].confidence <= 0.5


def test_misread_mrz_name_line_is_blamed_when_qr_confirms_the_name():
    front, back = truth("id_card_000_front"), truth("id_card_000_back")
    lines = list(back["text_lines"])
    i = lines[-1].index("<<") + 2
    lines[-1] = (lines[-1][:i + 1] + lines[-1][i + 2:] + "<")[:30]  # one letter of the name line lost
    ex = id_card.extract(doc_from_lines(front["text_lines"], lines), qr={1: front["meta"]["qr_content"]})
    assert ex.fields["full_name"].confidence >= 0.99 and not ex.fields["full_name"].errors
    assert ex.fields["mrz"].confidence <= 0.6 and "mrz_mismatch:full_name" in ex.errors


def test_expiry_off_birthday_flags_both_unconfirmed_dates():
    t = truth("id_card_000_front")
    dob = t["fields"]["date_of_birth"]["value"]
    day = "01" if not dob.startswith("01") else "02"
    lines = [ln.replace(dob, day + dob[2:]) for ln in t["text_lines"]]
    ex = id_card.extract(doc_from_lines(lines))
    assert "expiry_not_on_birthday" in ex.errors
    assert ex.fields["date_of_birth"].confidence <= 0.5 and ex.fields["date_of_expiry"].confidence <= 0.5


def test_mrz_without_expiry_does_not_contradict_no_expiry_card():
    from sohoa.extractors.mrz import check_digit

    l1 = "IDVNM" + "060012345" + check_digit("060012345") + "001060012345" + "<<"
    l1 += check_digit(l1[5:29])
    l2 = "600102" + check_digit("600102") + "M" + "<<<<<<<" + "VNM" + "<" * 11
    l2 += check_digit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    front = ["CĂN CƯỚC CÔNG DÂN", "Citizen Identity Card", "Số / No.: 001060012345", "Họ và tên / Full name:",
             "TRẦN VĂN AN", "Ngày sinh / Date of birth: 02/01/1960",
             "Giới tính / Sex: Nam Quốc tịch / Nationality: Việt Nam", "Có giá trị đến: Không thời hạn"]
    ex = id_card.extract(doc_from_lines(front, ["Đặc điểm nhân dạng / Personal identification:", "Nốt ruồi",
                                                 l1, l2, "TRAN<<VAN<AN<<<<<<<<<<<<<<<<<<"]))
    assert not any(e.startswith("mrz_mismatch") for e in ex.errors)
    assert ex.fields["date_of_expiry"].value == "Không thời hạn" and ex.fields["date_of_expiry"].normalized is None
