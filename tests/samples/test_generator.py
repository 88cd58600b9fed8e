"""The sample generator: deterministic, truth files follow the field contract, numbers verify."""
import datetime as dt
import hashlib
import json
import unicodedata

import pytest

from samples.generator import TYPES, generate, main

from .contract import (CARD_MODELS, CONTRACT, DATE_KEYS, DIGIT_KEYS, PROVINCE_CODES, enterprise_ok,
                       mrz_check)


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(tmp_path):
    kinds = ["passport", "official_document"]
    generate(str(tmp_path / "a"), seed=5, count=1, types=kinds)
    generate(str(tmp_path / "b"), seed=5, count=1, types=kinds)
    generate(str(tmp_path / "c"), seed=6, count=1, types=["official_document"])
    a, b = _digest(tmp_path / "a"), _digest(tmp_path / "b")
    assert a == b and len(a) == 4
    assert _digest(tmp_path / "c")["official_document_000.truth.json"] != a["official_document_000.truth.json"]


def test_every_type_and_card_model_present(truths):
    types = {t["doc_type"] for t in truths}
    assert set(CONTRACT) <= types
    assert {t["meta"]["card_model"] for t in truths if t["doc_type"] == "id_card"} >= \
        {"cmnd_9", "cccd_barcode", "cccd_chip", "can_cuoc_2024"}
    assert any(t["meta"].get("dossier") for t in truths)
    assert set(TYPES) >= {"dossier", *CONTRACT}


def test_truth_files_follow_contract(truths, sample_dir):
    for t in truths:
        assert {"id", "doc_type", "fields", "text_lines", "meta", "file"} <= set(t)
        assert (sample_dir / t["file"]).is_file() and t["file"].startswith(t["id"] + ".")
        assert set(t["fields"]) <= CONTRACT[t["doc_type"]], t["id"]
        meta = t["meta"]
        assert {"capture", "degradations", "dpi", "format", "pages", "degraded"} <= set(meta)
        if t["doc_type"] == "id_card":
            assert meta["card_model"] in CARD_MODELS and meta["side"] in ("front", "back")
            assert t["fields"]["side"]["normalized"] == meta["side"]
        for key, fld in t["fields"].items():
            assert set(fld) <= {"value", "normalized", "accept"}, (t["id"], key)
            assert isinstance(fld["value"], str) and fld["value"], (t["id"], key)
            assert unicodedata.is_normalized("NFC", fld["value"])
            _check_normalized(key, fld)
        assert all(unicodedata.is_normalized("NFC", ln) for ln in t["text_lines"])


def _check_normalized(key, fld):
    norm = fld["normalized"]
    if key in DATE_KEYS and norm is not None:
        dt.date.fromisoformat(norm)
    if key in DIGIT_KEYS:
        assert norm.isdigit(), (key, norm)
    if key == "sex":
        assert norm in ("M", "F")
    if key == "area_m2":
        assert isinstance(norm, float)
    if key == "charter_capital":
        assert isinstance(norm, int) and str(norm) == fld["value"].split()[0].replace(".", "")
    if key == "nationality":
        assert (norm or fld["value"]) == "Việt Nam"


def test_values_are_printed(truths):
    """Every field value (except derived card_model/side) appears in the printed text."""
    for t in truths:
        text = " ".join(t["text_lines"])
        flat = text.replace(" ", "")
        for key, fld in t["fields"].items():
            if key in ("card_model", "side", "recipients", "signer_title") or "\n" in fld["value"]:
                continue
            assert fld["value"].replace(" ", "") in flat, (t["id"], key, fld["value"])


def test_id_numbers_match_sex_and_birth_year(truths):
    checked = 0
    for t in truths:
        fl = t["fields"]
        num = (fl.get("id_number") or fl.get("personal_id") or {}).get("normalized")
        if not num or len(num) != 12 or "date_of_birth" not in fl:
            continue
        year, sex = int(fl["date_of_birth"]["normalized"][:4]), fl.get("sex", {}).get("normalized")
        assert num[:3] in PROVINCE_CODES
        assert int(num[3]) // 2 == year // 100 - 19 and num[4:6] == f"{year % 100:02d}", t["id"]
        if sex:
            assert int(num[3]) % 2 == (sex == "F"), t["id"]
        checked += 1
    assert checked >= 4


def test_mrz_check_digits_verify(truths):
    seen = set()
    for t in truths:
        mrz = t["fields"].get("mrz")
        if not mrz:
            continue
        lines = mrz["value"].split("\n")
        assert mrz["normalized"] == "".join(lines)
        if len(lines) == 3:
            _td1(lines)
            seen.add("td1")
        else:
            _td3(lines, t["fields"])
            seen.add("td3")
        for ln in lines:
            assert ln.replace("<", "").isalnum() and ln == ln.upper()
            assert any(ln in printed for printed in t["text_lines"])
    assert seen == {"td1", "td3"}


def _td1(lines):
    l1, l2, l3 = lines
    assert [len(x) for x in lines] == [30, 30, 30] and l1.startswith("IDVNM")
    assert l1[14] == mrz_check(l1[5:14]) and l1[15:27][-9:] == l1[5:14]
    assert l1[29] == mrz_check(l1[5:29])
    assert l2[6] == mrz_check(l2[:6])
    assert l2[14] == mrz_check(l2[8:14]) or l2[8:15] == "<" * 7
    assert l2[29] == mrz_check(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
    assert "<<" in l3


def _td3(lines, fields):
    l1, l2 = lines
    assert len(l1) == len(l2) == 44 and l1.startswith("P<VNM")
    assert l2[9] == mrz_check(l2[:9]) and l2[19] == mrz_check(l2[13:19]) and l2[27] == mrz_check(l2[21:27])
    assert l2[42] == mrz_check(l2[28:42])
    assert l2[43] == mrz_check(l2[0:10] + l2[13:20] + l2[21:43])
    assert l2[:9].rstrip("<") == fields["passport_number"]["normalized"]
    assert l2[20] == fields["sex"]["normalized"]


def test_enterprise_codes_verify(truths):
    codes = [t["fields"]["enterprise_code"]["normalized"] for t in truths if t["doc_type"] == "business_registration"]
    assert codes and all(enterprise_ok(c) for c in codes)


def test_chip_card_expiry_and_qr(truths):
    for t in truths:
        if t["meta"].get("card_model") != "cccd_chip" or t["meta"]["side"] != "front":
            continue
        fl = t["fields"]
        dob = dt.date.fromisoformat(fl["date_of_birth"]["normalized"])
        exp = fl["date_of_expiry"]["normalized"]
        if exp:
            exp = dt.date.fromisoformat(exp)
            assert (exp.month, exp.day) == (dob.month, dob.day) and exp.year - dob.year in (25, 40, 60)
        qr = t["meta"]["qr_content"].split("|")
        assert len(qr) == 7 and qr[0] == fl["id_number"]["normalized"] and qr[3] == dob.strftime("%d%m%Y")
        assert qr[2].upper() == fl["full_name"]["value"]


def test_cli_writes_scans(tmp_path, capsys):
    assert main(["--out", str(tmp_path), "--seed", "3", "--count-per-type", "1", "--types", "passport"]) == 0
    assert (tmp_path / "passport_000.truth.json").is_file()
    truth = json.loads((tmp_path / "passport_000.truth.json").read_text(encoding="utf-8"))
    assert (tmp_path / truth["file"]).stat().st_size > 10_000


@pytest.mark.parametrize("fmt", ["tif", "pdf"])
def test_multipage_and_bilevel_outputs(sample_dir, truths, fmt):
    from PIL import Image
    for t in truths:
        if t["meta"]["format"] == fmt == "tif":
            with Image.open(sample_dir / t["file"]) as im:
                assert im.n_frames == t["meta"]["pages"]
                if "bilevel" in t["meta"]["degradations"]:
                    assert im.mode == "1" and im.info.get("compression") == "group4"
        if t["meta"]["format"] == fmt == "pdf":
            assert (sample_dir / t["file"]).read_bytes().count(b"/Type /Page") >= t["meta"]["pages"]


def test_born_digital_pdf_and_group4_tiff(sample_dir):
    """Business registration 000 is a text PDF; marriage certificate 000 a 1-bit G4 TIFF."""
    import pypdfium2 as pdfium
    from PIL import Image
    truth = json.loads((sample_dir / "business_registration_000.truth.json").read_text(encoding="utf-8"))
    assert "born_digital" in truth["meta"]["degradations"]
    pdf = pdfium.PdfDocument(str(sample_dir / truth["file"]))
    text = unicodedata.normalize("NFC", pdf[0].get_textpage().get_text_range())
    assert truth["fields"]["enterprise_code"]["value"] in text
    assert "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP" in text
    pdf.close()
    with Image.open(sample_dir / "marriage_certificate_000.tif") as im:
        assert im.mode == "1" and im.info.get("compression") == "group4"
