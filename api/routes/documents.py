"""Fetch: a document's record, extraction, OCR text, page images, signed PDF, verification.

Every read is audited with the declared ``X-Purpose``.
"""
from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.engine import Row

from sohoa.api.deps import Ctx, PrincipalDep, Purpose, ReadSessionDep, SessionDep, audit
from sohoa.api.routes.common import document_view, extraction_body, result_object
from sohoa.api.routes.reads import document_out, find_document, subject_of
from sohoa.api.schemas import DocumentOut, Json, ReviewIn
from sohoa.ingest.index import index_document
from sohoa.ingest.storage import keys
from sohoa.models.db import DocumentRecord
from sohoa.models.errors import NotFound
from sohoa.pipeline.jobs import resign_after_review

router = APIRouter(tags=["fetch"])
DocId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
PDF = {200: {"content": {"application/pdf": {}}}}
JPEG = {200: {"content": {"image/jpeg": {}}}}


def _read(request, session, who, doc_id: str, purpose: str, what: str, permission: str = "read_results") -> Row:
    """Checks role and centre, and adds the audit row; the endpoint commits it before answering."""
    who.require(permission)
    row = find_document(session, who, doc_id)
    audit(session, request, who, f"read.{what}", f"document/{doc_id}/{what}", purpose=purpose,
          subject_id=subject_of(row), document_id=doc_id, commit=False)
    return row


def _answer(session, value):
    session.commit()  # the audit row is durable before any personal data leaves
    return value


@router.get("/documents/{doc_id}", response_model=DocumentOut, summary="Document record and link keys")
def get_document(doc_id: DocId, request: Request, session: ReadSessionDep, who: PrincipalDep, purpose: Purpose):
    row = _read(request, session, who, doc_id, purpose, "record", "search")
    return _answer(session, document_out(row))


@router.get("/documents/{doc_id}/extraction", response_model=Json, summary="Fields with confidence, bbox, validation")
def get_extraction(doc_id: DocId, request: Request, ctx: Ctx, session: ReadSessionDep, who: PrincipalDep, purpose: Purpose):
    record = _read(request, session, who, doc_id, purpose, "extraction")
    body = extraction_body(ctx.storage, record)
    body.pop("text", None)  # OCR text and lines are served by /text
    body["pages"] = [{k: v for k, v in page.items() if k != "lines"} for page in body.get("pages", [])
                     if isinstance(page, dict)]
    return _answer(session, body)


@router.get("/documents/{doc_id}/text", response_model=Json, summary="OCR text, per page and line")
def get_text(doc_id: DocId, request: Request, ctx: Ctx, session: ReadSessionDep, who: PrincipalDep, purpose: Purpose):
    record = _read(request, session, who, doc_id, purpose, "text")
    body = extraction_body(ctx.storage, record)
    return _answer(session, {"document_id": doc_id, "text": body.get("text", ""), "pages": body.get("pages", [])})


@router.get("/documents/{doc_id}/pages/{number}", response_class=Response, responses=JPEG,
            summary="A prepared page image (JPEG)")
def get_page(doc_id: DocId, number: Annotated[int, Path(ge=1, le=10_000)], request: Request, ctx: Ctx,
             session: ReadSessionDep, who: PrincipalDep, purpose: Purpose):
    record = _read(request, session, who, doc_id, purpose, f"page/{number}")
    key = keys.page_image(doc_id, number)
    if record.status == "done" and not ctx.storage.exists(key):
        raise NotFound(f"the document has no page {number}")
    return _answer(session, Response(result_object(ctx.storage, record, key), media_type="image/jpeg"))


@router.get("/documents/{doc_id}/pdf", response_class=Response, responses=PDF, summary="The signed PDF/A")
def get_pdf(doc_id: DocId, request: Request, ctx: Ctx, session: ReadSessionDep, who: PrincipalDep, purpose: Purpose):
    record = _read(request, session, who, doc_id, purpose, "pdf")
    data = result_object(ctx.storage, record, keys.result_pdf(doc_id))
    name = (record.dossier_code or doc_id).replace('"', "")
    return _answer(session, Response(data, media_type="application/pdf",
                                     headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'}))


@router.get("/documents/{doc_id}/verification", response_model=Json, summary="Signature verification report")
def get_verification(doc_id: DocId, request: Request, ctx: Ctx, session: ReadSessionDep, who: PrincipalDep,
                     purpose: Purpose):
    record = _read(request, session, who, doc_id, purpose, "verification")
    data = result_object(ctx.storage, record, keys.result_pdf(doc_id))
    from sohoa.signing import default_trust_roots, verify_pdf
    report = verify_pdf(data, trust_roots=default_trust_roots(ctx.settings))
    return _answer(session, {"document_id": doc_id, "valid": bool(report.valid), "report": report.to_dict()})


@router.post("/documents/{doc_id}/review", response_model=DocumentOut, summary="Archivist review: approve, "
             "reject or correct fields")
def review(doc_id: DocId, body: ReviewIn, request: Request, ctx: Ctx, session: SessionDep, who: PrincipalDep,
           purpose: Purpose):
    _read(request, session, who, doc_id, purpose, "review", "review")
    record = session.get(DocumentRecord, doc_id)  # the ORM object, to update
    extraction = extraction_body(ctx.storage, record)
    fields = extraction.setdefault("fields", {})
    for key, value in body.corrections.items():
        field = fields.setdefault(key[:64], {"value": None, "confidence": 0.0, "errors": []})
        field.update(value=value, normalized=value, confidence=1.0, errors=[], source=f"reviewer:{who.prefix}")
    status = "corrected" if body.corrections and body.status == "approved" else body.status
    extraction["review_status"] = record.review_status = status
    ctx.storage.put(keys.extraction(doc_id), json.dumps(extraction, ensure_ascii=False).encode(),
                    content_type="application/json")
    if status in ("approved", "corrected"):
        reason = f"Phê duyệt bởi {who.prefix}; sửa {len(body.corrections)} trường"
        resign_after_review(ctx.storage, ctx.settings, doc_id, extraction, reason)
    extraction["signed"] = ctx.storage.exists(keys.result_pdf(doc_id))
    index_document(session, record, extraction)
    return document_view(session, record)
