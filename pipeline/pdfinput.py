"""PDF input: open safely, keep a born-digital page's own text, rasterize the rest.

pypdfium2 renders in-process and measured 3-5x less CPU per page than
pdf2image/poppler here (docs/rasterize.md); pdf2image stays as the fallback
for a page pdfium cannot render.
"""
from __future__ import annotations

import logging
from typing import Iterator

import numpy as np
import pypdfium2 as pdfium

from sohoa.models.errors import CorruptPdf, EncryptedPdf, TooManyPages
from sohoa.models.settings import InputSettings
from sohoa.pipeline.loader import LoadedPage, check_pixels
from sohoa.pipeline.pdftext import page_text_layer

log = logging.getLogger(__name__)
PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == PDFIUM_PASSWORD_ERROR or "password" in str(exc).lower():
            raise EncryptedPdf("the PDF is encrypted with a password") from exc
        raise CorruptPdf(f"the PDF cannot be opened: {exc}") from exc
    if len(doc) == 0:
        raise CorruptPdf("the PDF has no pages")
    return doc


def iter_pdf_pages(data: bytes, limits: InputSettings) -> Iterator[LoadedPage]:
    doc = open_pdf(data)
    if len(doc) > limits.max_pages:
        raise TooManyPages(f"{len(doc)} pages; the limit is {limits.max_pages}")
    for index in range(len(doc)):
        yield _load_page(data, doc, index, limits)


def _load_page(data: bytes, doc: pdfium.PdfDocument, index: int, limits: InputSettings) -> LoadedPage:
    page = doc[index]
    dpi = limits.raster_dpi
    width_pt, height_pt = page.get_size()
    check_pixels(int(width_pt * dpi / 72), int(height_pt * dpi / 72), limits)
    text_layer = page_text_layer(page, index + 1, dpi)
    image = _render(data, page, index, dpi)
    return LoadedPage(number=index + 1, image=image, dpi=dpi, text_layer=text_layer)


def _render(data: bytes, page: pdfium.PdfPage, index: int, dpi: int) -> np.ndarray:
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=False, rev_byteorder=False)
        return np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])  # BGR(x)
    except Exception as exc:  # pdfium failed on this page: try poppler
        log.warning("pdfium could not render page %d (%s); falling back to pdf2image", index + 1, exc)
        return _render_with_poppler(data, index, dpi)


def _render_with_poppler(data: bytes, index: int, dpi: int) -> np.ndarray:
    from pdf2image import convert_from_bytes
    try:
        images = convert_from_bytes(data, dpi=dpi, first_page=index + 1, last_page=index + 1)
    except Exception as exc:
        raise CorruptPdf(f"page {index + 1} cannot be rendered: {exc}") from exc
    rgb = np.asarray(images[0].convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])
