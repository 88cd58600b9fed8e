"""End to end: read_mrz on real specimens, a synthetic OCR-B card turned 180°, a plain page."""
from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest

from sohoa.extractors.mrz_fields import mrz_fields
from sohoa.pipeline.mrz import MrzReading, read_mrz

from .synth import VN_EXAMPLE, render_card

SPECIMENS = Path(__file__).parent / "specimens"  # real specimens, MIT licence (see its README)


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads((SPECIMENS / "ground_truth.json").read_text())


@pytest.mark.parametrize("name", ["100_id-che.jpg", "100_pass-cze.jpg", "passport-td2.png",
                                  "0_pass-lva.jpg"])
def test_specimen_read_exactly(name, truth):
    reading = read_mrz(cv2.imread(str(SPECIMENS / name)))
    assert isinstance(reading, MrzReading)
    assert reading.lines == truth[name]["lines"]
    assert reading.checks_ok and reading.confidence > 0.8
    assert reading.format == truth[name]["mrz_type"]
    x0, y0, x1, y1 = reading.bbox
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1


def test_synthetic_ocrb_card_turned_180_degrees():
    card = cv2.rotate(render_card(), cv2.ROTATE_180)
    reading = read_mrz(card)
    assert reading is not None and reading.lines == VN_EXAMPLE
    assert reading.format == "TD1" and reading.checks_ok
    assert reading.bbox[1] < 0.5  # the zone is at the top once the card is upside down
    fields = mrz_fields(reading, "id_card")
    assert fields["id_number"].normalized == "001093047064"
    assert fields["date_of_birth"].normalized == "1993-01-05"


def test_grey_input_is_accepted():
    grey = cv2.cvtColor(render_card(seed=1), cv2.COLOR_BGR2GRAY)
    reading = read_mrz(grey)
    assert reading is not None and reading.lines == VN_EXAMPLE


def test_page_without_mrz_returns_none():
    page = cv2.imread(str(SPECIMENS / "tesseract-test1.jpg"))
    assert read_mrz(page) is None  # its speed is measured by bench/mrz_specimens.py


def test_blank_and_empty_images():
    import numpy as np
    assert read_mrz(np.full((600, 900, 3), 255, np.uint8)) is None
    assert read_mrz(np.zeros((0, 0), np.uint8)) is None
