"""The pipeline: load -> prepare -> OCR -> MRZ/QR -> classify + extract.

``Pipeline`` holds the per-process engines (Tesseract, the MRZ reader) and is
reused across documents.  It does no storage I/O: ``pipeline/jobs.py`` does.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sohoa.models.fields import Extraction
from sohoa.models.ocr import Document, Page
from sohoa.models.settings import Settings
from sohoa.pipeline.loader import LoadedPage, iter_pages
from sohoa.pipeline.pdfa import PageImage, encode_page_image

log = logging.getLogger(__name__)


@dataclass
class AnalysedPage:
    ocr: Page
    image: PageImage          # upright page as stored and put in the PDF
    mrz: object | None = None  # sohoa.pipeline.mrz.MrzReading
    qr: str | None = None


@dataclass
class Analysis:
    pages: list[AnalysedPage]
    document: Document
    extractions: list[Extraction] = field(default_factory=list)

    @property
    def primary(self) -> Extraction:
        return self.extractions[0] if self.extractions else Extraction()


class Pipeline:
    def __init__(self, settings: Settings):
        from sohoa.pipeline.ocr import get_engine
        self.settings = settings
        self.engine = get_engine(settings)

    def analyse(self, data: bytes, *, doc_type: str | None = None) -> Analysis:
        pages = self.analyse_pages(data)
        document = Document(pages=[p.ocr for p in pages])
        return Analysis(pages, document, self.extract(pages, document, doc_type))

    def analyse_pages(self, data: bytes) -> list[AnalysedPage]:
        return [self.analyse_page(loaded) for loaded in iter_pages(data, self.settings.input)]

    def analyse_page(self, loaded: LoadedPage) -> AnalysedPage:
        from sohoa.pipeline.prepare import prepare_page
        out = self.settings.output
        if loaded.text_layer is not None:  # born-digital: keep the PDF's own text
            image = encode_page_image(loaded.image, loaded.dpi, max_dpi=out.pdf_dpi, quality=out.jpeg_quality)
            return AnalysedPage(ocr=loaded.text_layer, image=image)
        prepared = prepare_page(loaded.image, loaded.dpi, ocr_dpi=self.settings.ocr.ocr_dpi)
        ocr = self.engine.recognize(prepared, loaded.number)
        page = AnalysedPage(ocr=ocr, image=encode_page_image(
            prepared.upright, prepared.dpi, max_dpi=out.pdf_dpi, quality=out.jpeg_quality))
        self._read_machine_zones(page, prepared)
        return page

    def _read_machine_zones(self, page: AnalysedPage, prepared) -> None:
        if self.settings.ocr.mrz:
            from sohoa.pipeline.mrz import read_mrz
            from sohoa.pipeline.mrz_merge import merge_mrz
            reading = read_mrz(prepared.upright, prepared.dpi, threads=self.settings.ocr.threads)
            if reading is not None:
                page.mrz = reading
                merge_mrz(page.ocr, reading)
        if self.settings.ocr.qr and getattr(prepared, "is_card", False):
            from sohoa.pipeline.qr import read_qr
            page.qr = read_qr(prepared.upright)

    def extract(self, pages: list[AnalysedPage], document: Document, doc_type: str | None) -> list[Extraction]:
        from sohoa.extractors.registry import extract_document, review_status, split_documents
        mrz = {p.ocr.number: p.mrz for p in pages if p.mrz is not None}
        qr = {p.ocr.number: p.qr for p in pages if p.qr}
        groups = [[p.number for p in document.pages]] if doc_type else split_documents(document)
        extractions = []
        for numbers in groups:
            part = Document(pages=[p for p in document.pages if p.number in numbers])
            extraction = extract_document(part, doc_type=doc_type,
                                          mrz={n: mrz[n] for n in numbers if n in mrz},
                                          qr={n: qr[n] for n in numbers if n in qr})
            extraction.pages = list(numbers)
            extraction.review_status = review_status(extraction, self.settings.review.confidence_threshold)
            extractions.append(extraction)
        return extractions


@lru_cache(maxsize=2)
def _pipeline_for(settings_json: str) -> Pipeline:
    return Pipeline(Settings.model_validate_json(settings_json))


def get_pipeline(settings: Settings) -> Pipeline:
    """One pipeline per process and settings (engines are loaded once)."""
    return _pipeline_for(settings.model_dump_json())


def analyse_file(path: str | Path, settings: Settings | None = None, *, doc_type: str | None = None) -> Analysis:
    settings = settings or Settings()
    return get_pipeline(settings).analyse(Path(path).read_bytes(), doc_type=doc_type)


def ocr_document(path: str | Path, settings: Settings | None = None) -> Document:
    """OCR only (no extraction): what extractor developers cache and replay."""
    settings = settings or Settings()
    pages = get_pipeline(settings).analyse_pages(Path(path).read_bytes())
    return Document(pages=[p.ocr for p in pages])
