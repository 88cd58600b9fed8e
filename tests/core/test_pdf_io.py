"""PDF in (born-digital text kept) and PDF/A-2b out (searchable, identified, validated)."""
import io
import subprocess

import numpy as np
import pikepdf
from fpdf import FPDF

from sohoa.models.ocr import Block, Line, Page, Word
from sohoa.pipeline.loader import load_pages
from sohoa.pipeline.pdfa import FONT_PATH, PdfPage, encode_page_image, write_searchable_pdfa

TEXT = "Giấy chứng nhận đăng ký doanh nghiệp số 0101234567 cấp ngày 12 tháng 5 năm 2020"


def born_digital_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("ls", "", str(FONT_PATH))
    pdf.set_font("ls", size=12)
    pdf.text(20, 30, TEXT)
    pdf.text(20, 40, "Họ và tên người đại diện: NGUYỄN THỊ HOÀ")
    return bytes(pdf.output())


def test_born_digital_pdf_keeps_its_own_text():
    pages = load_pages(born_digital_pdf())
    layer = pages[0].text_layer
    assert layer is not None and layer.text_source == "pdf"
    assert TEXT in layer.text
    assert "NGUYỄN THỊ HOÀ" in layer.text
    first = next(layer.lines())
    assert 0.05 < first.bbox[0] < 0.15  # boxes are relative to the page


def test_scanned_pdf_is_rasterized_at_300_dpi():
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595.3, 841.9))
    buf = io.BytesIO()
    pdf.save(buf)
    page = load_pages(buf.getvalue())[0]
    assert page.text_layer is None and page.dpi == 300
    assert abs(page.image.shape[0] - 3508) <= 2 and abs(page.image.shape[1] - 2480) <= 2


def _ocr_page(words: list[tuple[str, tuple]]) -> Page:
    line = Line(words=[Word(text=t, bbox=b, confidence=0.95) for t, b in words])
    return Page(number=1, width=2480, height=3508, blocks=[Block(lines=[line])])


def test_pdfa_output_is_identified_searchable_and_archival(tmp_path):
    image = np.full((3508, 2480, 3), 250, np.uint8)
    ocr = _ocr_page([("Cộng", (0.1, 0.1, 0.2, 0.12)), ("hòa", (0.21, 0.1, 0.3, 0.12))])
    page_image = encode_page_image(image, 300, max_dpi=200)
    assert page_image.dpi == 200 and page_image.width == 1653
    data = write_searchable_pdfa([PdfPage(page_image, ocr)], title="test")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B"
        assert "/OutputIntents" in pdf.Root
        width_pt = float(pdf.pages[0].MediaBox[2])
        assert abs(width_pt - 595.3) < 1  # 100 % scale: A4 stays A4
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Cộng hòa" in text
