"""The result contract printed by ``sohoa extract`` and served by the API."""
from __future__ import annotations

from sohoa.models.fields import Extraction
from sohoa.models.ocr import Document, Page


def extraction_dict(extraction: Extraction) -> dict:
    return {
        "doc_type": extraction.doc_type,
        "doc_type_confidence": round(extraction.doc_type_confidence, 3),
        "review_status": extraction.review_status.value,
        "pages": extraction.pages,
        "errors": extraction.errors,
        "fields": {key: field.model_dump(mode="json") for key, field in extraction.fields.items()},
    }


def page_dict(page: Page) -> dict:
    return {
        "number": page.number, "width": page.width, "height": page.height, "dpi": page.dpi,
        "rotation": page.rotation, "skew": round(page.skew, 2), "text_source": page.text_source,
        "lines": [{"text": ln.text, "bbox": [round(v, 4) for v in ln.bbox],
                   "confidence": round(ln.mean_confidence, 3), "source": ln.source}
                  for ln in page.lines() if ln.text.strip()],
    }


def contract(document: Document, extractions: list[Extraction], sha256: str | None = None) -> dict:
    primary = extractions[0] if extractions else Extraction()
    body = extraction_dict(primary)
    body["text"] = document.text
    body["pages"] = [page_dict(p) for p in document.pages]
    body["document_pages"] = primary.pages
    if len(extractions) > 1:
        body["documents"] = [extraction_dict(e) for e in extractions]
    if sha256:
        body["sha256"] = sha256
    return body
