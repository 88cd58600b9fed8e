"""Fetch: a document's record, extraction, OCR text, page images, signed PDF, verification.

Every read is audited with the declared ``X-Purpose``.
"""
from __future__ import annotations

import json
from typing import Annotated

from anyio.to_thread import run_sync
from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from sqlalchemy.engine import Row

from sohoa.api.deps import Ctx, PrincipalDep, Purpose, ReadDep, SessionDep, audit, audit_read
from sohoa.api.routes.common import extraction_body, result_object
from sohoa.api.routes.reads import document_out, find_document, find_document_in, subject_of
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


async def _read(request, conn, who, doc_id: str, purpose: str, what: str,
                permission: str = "read_results") -> Row:
    """Checks role and centre, and writes the audit row (durable before anything is answered)."""
    who.require(permission)
    row = await find_document(conn, who, doc_id)
    await audit_read(conn, request, who, f"read.{what}", f"document/{doc_id}/{what}", purpose=purpose,
                     subject_id=subject_of(row), document_id=doc_id)
    return row


@router.get("/documents/{doc_id}", response_model=DocumentOut, summary="Document record and link keys")
async def get_document(doc_id: DocId, request: Request, conn: ReadDep, who: PrincipalDep, purpose: Purpose):
    return document_out(await _read(request, conn, who, doc_id, purpose, "record", "search"))


@router.get("/documents/{doc_id}/extraction", response_model=Json, summary="Fields with confidence, bbox, validation")
async def get_extraction(doc_id: DocId, request: Request, ctx: Ctx, conn: ReadDep, who: PrincipalDep,
                         purpose: Purpose):
    row = await _read(request, conn, who, doc_id, purpose, "extraction")
    body = await run_sync(extraction_body, ctx.storage, row)
    body.pop("text", None)  # OCR text and lines are served by /text
    body["pages"] = [{k: v for k, v in page.items() if k != "lines"} for page in body.get("pages", [])
                     if isinstance(page, dict)]
    return body


@router.get("/documents/{doc_id}/text", response_model=Json, summary="OCR text, per page and line")
async def get_text(doc_id: DocId, request: Request, ctx: Ctx, conn: ReadDep, who: PrincipalDep, purpose: Purpose):
    row = await _read(request, conn, who, doc_id, purpose, "text")
    body = await run_sync(extraction_body, ctx.storage, row)
    return {"document_id": doc_id, "text": body.get("text", ""), "pages": body.get("pages", [])}


@router.get("/documents/{doc_id}/pages/{number}", response_class=Response, responses=JPEG,
            summary="A prepared page image (JPEG)")
async def get_page(doc_id: DocId, number: Annotated[int, Path(ge=1, le=10_000)], request: Request, ctx: Ctx,
                   conn: ReadDep, who: PrincipalDep, purpose: Purpose):
    row = await _read(request, conn, who, doc_id, purpose, f"page/{number}")
    return Response(await run_sync(_page_image, ctx.storage, row, number), media_type="image/jpeg")


def _page_image(storage, row: Row, number: int) -> bytes:
    key = keys.page_image(row.id, number)
    if row.status == "done" and not storage.exists(key):
        raise NotFound(f"the document has no page {number}")
    return result_object(storage, row, key)


@router.get("/documents/{doc_id}/pdf", response_class=Response, responses=PDF, summary="The signed PDF/A")
async def get_pdf(doc_id: DocId, request: Request, ctx: Ctx, conn: ReadDep, who: PrincipalDep, purpose: Purpose):
    row = await _read(request, conn, who, doc_id, purpose, "pdf")
    data = await run_sync(result_object, ctx.storage, row, keys.result_pdf(doc_id))
    name = (row.dossier_code or doc_id).replace('"', "")
    return Response(data, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'})


@router.get("/documents/{doc_id}/verification", response_model=Json, summary="Signature verification report")
async def get_verification(doc_id: DocId, request: Request, ctx: Ctx, conn: ReadDep, who: PrincipalDep,
                           purpose: Purpose):
    row = await _read(request, conn, who, doc_id, purpose, "verification")
    return await run_sync(_verification, ctx, row)


def _verification(ctx, row: Row) -> dict:
    from sohoa.signing import default_trust_roots, verify_pdf
    report = verify_pdf(result_object(ctx.storage, row, keys.result_pdf(row.id)),
                        trust_roots=default_trust_roots(ctx.settings))
    return {"document_id": row.id, "valid": bool(report.valid), "report": report.to_dict()}


@router.post("/documents/{doc_id}/review", response_model=DocumentOut, summary="Archivist review: approve, "
             "reject or correct fields")
def review(doc_id: DocId, body: ReviewIn, request: Request, ctx: Ctx, session: SessionDep, who: PrincipalDep,
           purpose: Purpose):
    who.require("review")
    found = find_document_in(session, who, doc_id)
    audit(session, request, who, "read.review", f"document/{doc_id}/review", purpose=purpose,
          subject_id=subject_of(found), document_id=doc_id, commit=False)
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
    return document_out(find_document_in(session, who, doc_id))
