"""The whole pipeline on real images with the real Tesseract."""
import json
import subprocess
import sys

import cv2
import numpy as np

from sohoa.models.settings import Settings
from sohoa.pipeline.runner import get_pipeline
from tests.core.pages import LINES, a4_page, png_bytes


def _similarity(expected: str, got: str) -> float:
    from rapidfuzz.distance import Levenshtein
    return 1 - Levenshtein.distance(expected, got) / len(expected)


def test_skewed_page_is_read_and_comes_out_straight(settings):
    analysis = get_pipeline(settings).analyse(png_bytes(a4_page(skew=4.0)))
    page = analysis.pages[0]
    assert abs(abs(page.ocr.skew) - 4.0) < 0.3
    text = analysis.document.text
    for line in LINES:
        assert _similarity(line, max(text.splitlines(), key=lambda t: _similarity(line, t))) > 0.9
    # The page image that goes into the PDF is straight: its text rows are horizontal.
    image = cv2.imdecode(np.frombuffer(page.image.jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert abs(_residual_skew(image)) < 0.5


def _residual_skew(grey: np.ndarray) -> float:
    ink = (grey < 128).astype(np.uint8)
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (40, 3)))
    contours, _ = cv2.findContours(smeared, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles = []
    for c in contours:
        (_, _), (w, h), a = cv2.minAreaRect(c)
        if max(w, h) > 300:
            angles.append(a if w >= h else a - 90)
    return float(np.median([((a + 90) % 180) - 90 for a in angles]))


def test_page_turned_90_degrees_is_read_upright(settings):
    analysis = get_pipeline(settings).analyse(png_bytes(a4_page(rotate90=1)))
    assert analysis.pages[0].ocr.rotation in (90, 270)
    assert "Độc lập - Tự do - Hạnh phúc" in analysis.document.text


def test_extract_cli_prints_only_the_contract_json(tmp_path):
    path = tmp_path / "page.png"
    path.write_bytes(png_bytes(a4_page()))
    run = subprocess.run([sys.executable, "-m", "sohoa.api.cli", "extract", str(path)],
                         capture_output=True, text=True, timeout=300, check=True)
    body = json.loads(run.stdout)
    assert set(body) >= {"doc_type", "fields", "text", "pages"}
    assert "Về việc tiếp nhận hồ sơ" in body["text"]
    assert body["pages"][0]["lines"][0]["bbox"][0] < 0.2
