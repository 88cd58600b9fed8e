"""A document's job: analyse -> PDF/A -> sign, each stage skipped when its output exists.

Job arguments are ids, never bytes.  Errors end the record ``failed`` with a
stable code; only retryable ones are raised for the queue to retry.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache

from sohoa.ingest.index import index_document
from sohoa.ingest.storage import Storage, keys, open_storage
from sohoa.models.db import DocumentRecord, session_factory
from sohoa.models.errors import ServiceError
from sohoa.models.ocr import Document
from sohoa.models.settings import Settings
from sohoa.pipeline.pdfa import PageImage, PdfPage, write_searchable_pdfa
from sohoa.pipeline.result import contract
from sohoa.pipeline.runner import Analysis, get_pipeline

log = logging.getLogger(__name__)


@dataclass
class JobContext:
    settings: Settings
    storage: Storage

    @classmethod
    def from_settings(cls, settings: Settings) -> "JobContext":
        return cls(settings, open_storage(settings))


def process_document(doc_id: str, settings: Settings, ctx: JobContext | None = None) -> str:
    """Runs every unfinished stage of one document; returns its final status."""
    ctx = ctx or JobContext.from_settings(settings)
    sessions = session_factory(settings.database_url)
    with sessions() as session:
        record = session.get(DocumentRecord, doc_id)
        if record is None or record.status == "done":
            return record.status if record else "missing"
        record.status, record.attempts = "processing", record.attempts + 1
        session.commit()
        try:
            body = _run_stages(record, ctx)
            record.status, record.error_code, record.error_message = "done", None, None
            index_document(session, record, {**body, "signed": settings.signing.enabled}, commit=False)
        except ServiceError as exc:
            record.status, record.error_code, record.error_message = "failed", exc.code, exc.message
            log.warning("document %s failed: %s", doc_id, exc.code)
            if exc.retryable:
                session.commit()
                raise
        except Exception as exc:  # a bug or a library crash: this document fails, the service goes on
            record.status, record.error_code = "failed", "internal_error"
            record.error_message = f"unexpected error ({type(exc).__name__})"
            log.warning("document %s failed unexpectedly: %s", doc_id, type(exc).__name__)
            log.debug("unexpected error", exc_info=True)
        session.commit()
        return record.status


def _run_stages(record: DocumentRecord, ctx: JobContext) -> dict:
    """Runs the stages whose output is missing; returns the extraction body."""
    storage, analysis = ctx.storage, None
    if storage.exists(keys.extraction(record.id)):
        body = json.loads(storage.get(keys.extraction(record.id)))
    else:
        analysis = get_pipeline(ctx.settings).analyse(storage.get(keys.original(record.id)))
        body = _store_analysis(record, analysis, storage)
    if not storage.exists(keys.result_pdf(record.id)):
        unsigned = _unsigned_pdf(record, storage, body, analysis)
        storage.put(keys.result_pdf(record.id), _sign(unsigned, ctx.settings), content_type="application/pdf")
    _summarise(record, body)
    return body


def _store_analysis(record: DocumentRecord, analysis: Analysis, storage: Storage) -> dict:
    for page in analysis.pages:
        storage.put(keys.page_image(record.id, page.ocr.number), page.image.jpeg, content_type="image/jpeg")
    storage.put(keys.ocr(record.id), analysis.document.model_dump_json().encode(), content_type="application/json")
    body = contract(analysis.document, analysis.extractions, record.sha256)
    body["page_images"] = [{"number": p.ocr.number, "width": p.image.width, "height": p.image.height,
                            "dpi": p.image.dpi} for p in analysis.pages]
    storage.put(keys.extraction(record.id), json.dumps(body, ensure_ascii=False).encode(),
                content_type="application/json")
    return body


def _unsigned_pdf(record: DocumentRecord, storage: Storage, body: dict, analysis: Analysis | None) -> bytes:
    if storage.exists(keys.unsigned_pdf(record.id)):
        return storage.get(keys.unsigned_pdf(record.id))
    if analysis is not None:  # this run just analysed the file: its pages are in memory
        pages = [PdfPage(p.image, p.ocr) for p in analysis.pages]
    else:  # a re-run after a crash between stages: rebuild the pages from storage
        pages = _stored_pdf_pages(record.id, storage, body["page_images"])
    pdf = write_searchable_pdfa(pages, title=record.filename)
    storage.put(keys.unsigned_pdf(record.id), pdf, content_type="application/pdf")
    return pdf


def _stored_pdf_pages(doc_id: str, storage: Storage, meta: list[dict]) -> list[PdfPage]:
    document = Document.model_validate_json(storage.get(keys.ocr(doc_id)))
    return [PdfPage(PageImage(storage.get(keys.page_image(doc_id, m["number"])), m["width"], m["height"], m["dpi"]),
                    document.pages[i]) for i, m in enumerate(meta)]


def resign_after_review(storage: Storage, settings: Settings, doc_id: str, body: dict, reason: str) -> bool:
    """After an archivist's approval: a new signed revision of the PDF, and a signed JSON.

    The PDF gets an incremental update holding only the new signature, so the
    first signature stays valid; the corrected fields are signed as JSON
    (canonical form, detached JWS) beside it.  Returns False when signing is off.
    """
    if not settings.signing.enabled or not storage.exists(keys.result_pdf(doc_id)):
        return False
    signer = _signer_for(settings.model_dump_json())
    resigned = signer.sign_pdf(storage.get(keys.result_pdf(doc_id)), reason=reason)
    storage.put(keys.result_pdf(doc_id), resigned, content_type="application/pdf")
    signature = signer.sign_json(body)
    storage.put(keys.extraction_signature(doc_id), json.dumps(signature).encode(), content_type="application/json")
    return True


def _sign(pdf: bytes, settings: Settings) -> bytes:
    if not settings.signing.enabled:
        return pdf
    return _signer_for(settings.model_dump_json()).sign_pdf(pdf)


@lru_cache(maxsize=2)
def _signer_for(settings_json: str):
    """One signer per process and settings: the key is loaded (or created) once."""
    from sohoa.signing import Signer
    return Signer.from_settings(Settings.model_validate_json(settings_json))


def _summarise(record: DocumentRecord, body: dict) -> None:
    record.doc_type = body.get("doc_type")
    record.review_status = body.get("review_status")
    record.page_count = len(body.get("pages", []))
    fields = body.get("fields", {})
    for key in ("id_number", "personal_id", "enterprise_code"):
        value = (fields.get(key) or {}).get("normalized")
        if value:
            record.subject_id = str(value)
            break
