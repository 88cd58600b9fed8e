"""Searchable PDF/A-2b: each page image (>= 200 dpi) under an invisible text layer.

fpdf2 lays out the pages (JPEG image + invisible words in an embedded
TrueType font with a ToUnicode map, horizontally scaled to each word's box);
pikepdf then adds what makes the file PDF/A-2b: an sRGB OutputIntent and
XMP metadata with the pdfaid identification.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import cv2
import numpy as np
import pikepdf
from fpdf import FPDF
from PIL import ImageCms

from sohoa.models.errors import PdfOutputError
from sohoa.models.ocr import Page

FONT_PATH = Path(__file__).parent / "resources" / "LiberationSans-Regular.ttf"
FONT = "sohoa-text"


@dataclass
class PageImage:
    jpeg: bytes
    width: int   # pixels
    height: int
    dpi: int


@dataclass
class PdfPage:
    image: PageImage
    ocr: Page | None    # words to place on it (boxes relative to the image)


def encode_page_image(image: np.ndarray, dpi: int, *, max_dpi: int = 200, quality: int = 80) -> PageImage:
    """JPEG of the upright page, resampled down to ``max_dpi`` (archival rule: >= 200)."""
    if dpi > max_dpi:
        scale = max_dpi / dpi
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        dpi = max_dpi
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise PdfOutputError("page image could not be encoded")
    height, width = image.shape[:2]
    return PageImage(buf.tobytes(), width, height, dpi)


def write_searchable_pdfa(pages: list[PdfPage], *, title: str = "sohoa") -> bytes:
    try:
        layout = _layout(pages)
        return _make_pdfa(layout, title)
    except PdfOutputError:
        raise
    except Exception as exc:
        raise PdfOutputError(f"the PDF/A could not be written: {exc}") from exc


def _layout(pages: list[PdfPage]) -> bytes:
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_font(FONT, "", str(FONT_PATH))
    for page in pages:
        img = page.image
        w_pt, h_pt = img.width * 72 / img.dpi, img.height * 72 / img.dpi
        pdf.add_page(format=(w_pt, h_pt))
        pdf.image(io.BytesIO(img.jpeg), x=0, y=0, w=w_pt, h=h_pt)
        if page.ocr is not None:
            _place_words(pdf, page.ocr, w_pt, h_pt)
    return bytes(pdf.output())


def _place_words(pdf: FPDF, ocr: Page, w_pt: float, h_pt: float) -> None:
    pdf.text_mode = "INVISIBLE"
    for line in ocr.lines():
        for word in line.words:
            x0, y0, x1, y1 = word.bbox
            size = max((y1 - y0) * h_pt * 0.85, 1.0)
            pdf.set_font(FONT, size=size)
            natural = pdf.get_string_width(word.text)
            if natural <= 0:
                continue
            pdf.set_stretching(max(min((x1 - x0) * w_pt / natural * 100, 1000), 1))
            pdf.text(x0 * w_pt, y1 * h_pt - (y1 - y0) * h_pt * 0.2, word.text)
    pdf.set_stretching(100)
    pdf.text_mode = "FILL"


def _make_pdfa(layout: bytes, title: str) -> bytes:
    with pikepdf.open(io.BytesIO(layout)) as pdf:
        icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        icc_stream = pikepdf.Stream(pdf, icc)
        icc_stream["/N"] = 3
        pdf.Root.OutputIntents = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier="sRGB", Info="sRGB IEC61966-2.1",
            DestOutputProfile=pdf.make_indirect(icc_stream))]))
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
            meta["dc:title"] = title
            meta["xmp:CreatorTool"] = "sohoa"
            meta["xmp:CreateDate"] = now
            meta["xmp:ModifyDate"] = now
            meta["pdf:Producer"] = "sohoa"
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()
