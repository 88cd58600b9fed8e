import unicodedata

import pytest
from rapidfuzz.distance import Levenshtein

from sohoa.models.settings import Settings
from sohoa.pipeline.ocr import OcrEngine, get_engine
from sohoa.pipeline.ocr.filters import junk_word, strip_leaders
from sohoa.models.ocr import Word
from sohoa.pipeline.prepare import prepare_page
from sohoa.pipeline.prepare import geometry
from tests.prepare import synth


@pytest.fixture(scope="module")
def engine():
    return get_engine(Settings())


def _cer(ref: str, hyp: str) -> float:
    return Levenshtein.distance(" ".join(ref.split()), " ".join(hyp.split())) / len(ref)


def test_engine_is_cached_and_follows_protocol(engine):
    assert get_engine(Settings()) is engine
    assert isinstance(engine, OcrEngine)


def test_reads_vietnamese_page_upright_and_nfc(engine):
    img = synth.page(lines=synth.LINES[:6])
    page = engine.recognize(prepare_page(geometry.rot90(img, 180), 300), 1)
    assert page.number == 1 and page.rotation == 180
    text = page.text
    assert unicodedata.is_normalized("NFC", text)
    assert _cer("\n".join(synth.LINES[:6]), text) < 0.05
    lines = list(page.lines())
    assert [ln.text for ln in lines][0].startswith("CỘNG HÒA")
    for line in lines:
        for w in line.words:
            x0, y0, x1, y1 = w.bbox
            assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
            assert 0 <= w.confidence <= 1


def test_dotted_leaders_do_not_reach_the_text(engine):
    img = synth.page(lines=synth.LINES[2:5], leaders=True)
    page = engine.recognize(prepare_page(img, 300), 1)
    assert "..." not in page.text and "…" not in page.text
    assert _cer("\n".join(synth.LINES[2:5]), page.text) < 0.05


def test_card_text_is_read_without_photo_garbage(engine):
    page = engine.recognize(prepare_page(synth.on_table(synth.card()), 300), 1)
    assert "Lê Văn Hùng" in page.text
    assert "02/03/1988" in page.text
    assert len(page.text.replace(" ", "").replace("\n", "")) < 90


@pytest.mark.parametrize("text,conf,junk", [
    ("........", 0.9, True), ("-", 0.9, False), ("~^", 0.9, True),
    ("Nguyễn", 0.05, True), ("Nguyễn", 0.9, False), ("ỹ;", 0.4, True),
])
def test_junk_words(text, conf, junk):
    assert junk_word(Word(text=text, bbox=(0, 0, 0.1, 0.1), confidence=conf)) is junk


def test_strip_leaders():
    assert strip_leaders("tên:.........") == "tên:"
    assert strip_leaders("tên..NGUYỄN") == "tên NGUYỄN"


def test_blank_page_gives_an_empty_page(engine):
    import numpy as np

    page = engine.recognize(prepare_page(np.full((1754, 1240), 255, np.uint8), 150), 3)
    assert page.number == 3 and page.text == "" and page.width > 0
