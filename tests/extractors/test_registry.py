import json
from pathlib import Path

from sohoa.extractors import registry, unknown
from sohoa.extractors.common.synth import document_from_lines, page_from_lines
from sohoa.models.fields import Extraction, Field, ReviewStatus
from sohoa.models.ocr import Document

FIX = Path(__file__).parent / "fixtures"


def _doc(name: str) -> Document:
    return Document.model_validate(json.loads((FIX / f"{name}.json").read_text(encoding="utf-8"))["document"])


def test_classify_fixtures():
    for path in FIX.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        doc_type, conf = registry.classify(Document.model_validate(data["document"]))
        assert doc_type == data["doc_type"], path.name
        assert conf >= 0.9


def test_classify_unknown():
    doc = document_from_lines(["Thực đơn tuần này", "Thứ hai: phở bò", "Thứ ba: bún chả"])
    assert registry.classify(doc)[0] == "unknown"
    ex = registry.extract_document(doc)
    assert ex.doc_type == "unknown"
    assert ex.fields["thu_hai"].value == "phở bò"
    assert "full_text" in ex.fields


def test_unknown_snake_keys():
    assert unknown.snake_key("Ngày, tháng, năm sinh") == "ngay_thang_nam_sinh"
    assert unknown.snake_key("Đặc điểm") == "dac_diem"


def test_forced_type_and_pages():
    doc = _doc("birth_certificate_000")
    ex = registry.extract_document(doc, doc_type="official_document")
    assert ex.doc_type == "official_document" and ex.doc_type_confidence == 1.0
    assert ex.pages == [1]


def test_split_documents_by_page_titles():
    birth, marriage, official = _doc("birth_certificate_000"), _doc("marriage_certificate_001"), \
        _doc("official_document_001")
    pages = []
    for d in (birth, official, marriage):
        for p in d.pages:
            pages.append(p.model_copy(update={"number": len(pages) + 1}))
    assert registry.split_documents(Document(pages=pages)) == [[1], [2, 3], [4]]


def test_mrz_and_qr_passed_when_accepted():
    seen = {}

    class Probe:
        doc_type = "probe"

        @staticmethod
        def score(doc):
            return 0.99

        @staticmethod
        def extract(doc, *, mrz=None, qr=None):
            seen.update(mrz=mrz, qr=qr)
            return Extraction(doc_type="probe")

    class Plain(Probe):
        doc_type = "plain"

        @staticmethod
        def extract(doc):
            return Extraction(doc_type="plain")

    saved = registry.extractors()
    try:
        registry.register(Probe)
        registry.register(Plain)
        doc = Document(pages=[page_from_lines(["x"])])
        registry.extract_document(doc, doc_type="probe", mrz={1: "M"}, qr={1: "Q"})
        assert seen == {"mrz": {1: "M"}, "qr": {1: "Q"}}
        assert registry.extract_document(doc, doc_type="plain", mrz={1: "M"}).doc_type == "plain"
    finally:
        registry._REGISTRY.clear()
        registry._REGISTRY.update(saved)


def test_review_status():
    good = Extraction(doc_type="birth_certificate", doc_type_confidence=0.95,
                      fields={"full_name": Field(value="A B", confidence=0.95)})
    assert registry.review_status(good) == ReviewStatus.auto_accepted
    low = good.model_copy(deep=True)
    low.fields["full_name"].confidence = 0.5
    assert registry.review_status(low) == ReviewStatus.needs_review
    bad = good.model_copy(deep=True)
    bad.fields["full_name"].errors = ["name_format"]
    assert registry.review_status(bad) == ReviewStatus.needs_review
    assert registry.review_status(Extraction()) == ReviewStatus.needs_review


def test_form_page_mentioning_a_card_is_not_split_off():
    business = _doc("business_registration_001").pages[0]
    members = page_from_lines(["DANH SÁCH THÀNH VIÊN", "Loại giấy tờ pháp lý của cá nhân: Căn cước công dân",
                               "Số: 001097796614 Căn cước công dân cấp ngày 04/06/2023",
                               "Họ và tên: TRẦN VĂN A Giới tính: Nam Quốc tịch: Việt Nam"], number=2)
    doc = Document(pages=[business, members])
    assert registry.split_documents(doc) == [[1, 2]]
