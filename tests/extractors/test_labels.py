from sohoa.extractors.common.labels import LabelReader, doc_lines, has_hole
from sohoa.extractors.common.synth import document_from_lines, make_line
from sohoa.models.ocr import Block, Document, Page, Word

SPEC = {"name": ["Họ, chữ đệm, tên", "Họ và tên"], "mother": ["Họ, chữ đệm, tên người mẹ"],
        "sex": ["Giới tính"], "eth": ["Dân tộc"], "addr": ["Nơi cư trú"], "no": ["Số:"]}


def test_value_same_line_stops_at_next_label():
    doc = document_from_lines(["Giới tính: Nữ Dân tộc: Tày"])
    r = LabelReader(doc, SPEC)
    assert r.value("sex").text == "Nữ"
    assert r.value("eth").text == "Tày"


def test_fuzzy_label_with_ocr_diacritic_errors():
    doc = document_from_lines(["Ho, chũ đêm, tẻn: NGUYỄN VĂN AN"])
    val = LabelReader(doc, SPEC).value("name")
    assert val.text == "NGUYỄN VĂN AN"


def test_longer_label_wins_and_short_label_not_confused():
    doc = document_from_lines(["Họ, chữ đệm, tên: AN", "Họ, chữ đệm, tên người mẹ: BÌNH"])
    r = LabelReader(doc, SPEC)
    assert [h.key for h in r.hits] == ["name", "mother"]
    assert r.value("mother").text == "BÌNH"


def test_value_on_next_line_and_wrap():
    doc = document_from_lines(["Họ và tên:", "TRẦN THỊ B", "Nơi cư trú: Số 1 phố Huế,", "quận Hai Bà Trưng",
                               "Số: 12"])
    r = LabelReader(doc, SPEC)
    assert r.value("name").text == "TRẦN THỊ B"
    assert r.value("addr", wrap=2).text == "Số 1 phố Huế, quận Hai Bà Trưng"
    assert r.value("no").text == "12"


def test_value_in_right_segment_of_same_row():
    label = make_line("Họ và tên:", 0.2, x0=0.1)
    value = make_line("LÊ VĂN C", 0.2, x0=0.3)
    doc = Document(pages=[Page(number=1, width=100, height=100,
                               blocks=[Block(lines=[label]), Block(lines=[value])])])
    val = LabelReader(doc, SPEC).value("name")
    assert val.text == "LÊ VĂN C"
    assert val.words[0].bbox[0] == 0.3


def test_confidence_from_words_and_hole():
    doc = document_from_lines(["Họ và tên: LÊ VĂN C"], confidence=0.6)
    field = LabelReader(doc, SPEC).value("name").field()
    assert 0.5 < field.confidence <= 0.75
    w = [Word(text="A", bbox=(0.1, 0.1, 0.12, 0.12), confidence=1.0),
         Word(text="B", bbox=(0.2, 0.1, 0.22, 0.12), confidence=1.0)]
    assert has_hole(w)
    assert not has_hole([w[0], Word(text="B", bbox=(0.125, 0.1, 0.14, 0.12), confidence=1.0)])


def test_reading_order_groups_rows():
    high = make_line("BẢO LINH", 0.227, x0=0.37)
    label = make_line("Họ, chữ đệm, tên:", 0.231, x0=0.1)
    doc = Document(pages=[Page(number=1, width=100, height=100, blocks=[Block(lines=[high, label])])])
    assert [ln.text for ln in doc_lines(doc)] == ["Họ, chữ đệm, tên:", "BẢO LINH"]
