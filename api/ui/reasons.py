"""After the API's review endpoint approves a document: counter-sign its PDF and audit who and when.

The API's ``POST /documents/{id}/review`` records the decision (audited as
``read.review``); this adds a new incremental signature revision to the stored
PDF when none is newer than that decision, and an audit row ``review.sign``.
A rejection reason is kept as audit row ``review.reason``.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Annotated

import anyio
from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from sohoa.api.deps import audit
from sohoa.api.errors import ValidationFailed
from sohoa.api.routes.common import visible_document
from sohoa.ingest.storage import keys
from sohoa.models.api_tables import AuditEvent
from sohoa.api.ui.session import require

log = logging.getLogger(__name__)
router = APIRouter()
DocId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]
APPROVED = ("approved", "corrected")
SAME_DECISION = timedelta(seconds=1)  # signing times may be truncated to seconds


class ReasonIn(BaseModel):
    reason: str = Field(..., min_length=3, max_length=200)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _last_review_at(session, doc_id: str) -> datetime | None:
    at = session.scalar(select(AuditEvent.at).where(AuditEvent.document_id == doc_id,
                                                    AuditEvent.action == "read.review")
                        .order_by(AuditEvent.id.desc()).limit(1))
    return _aware(at) if at else None


def _latest_signature(report) -> datetime | None:
    times = [datetime.fromisoformat(s.signing_time) for s in report.signatures if s.signing_time]
    return max((_aware(t) for t in times), default=None)


def resign(request: Request, who, doc_id: str) -> dict:
    from sohoa.signing import Signer, default_trust_roots, verify_pdf
    ctx = request.app.state.ctx
    with ctx.sessions() as session:
        record = visible_document(session, who, doc_id)
        if record.review_status not in APPROVED:
            raise ValidationFailed("the document is not approved")
        pdf = ctx.storage.get(keys.result_pdf(doc_id))
        roots = default_trust_roots(ctx.settings)
        latest, reviewed = _latest_signature(verify_pdf(pdf, trust_roots=roots)), _last_review_at(session, doc_id)
        signed = latest is None or reviewed is None or latest < reviewed - SAME_DECISION
        if signed:
            pdf = Signer.from_settings(ctx.settings).sign_pdf(pdf, reason=f"Phê duyệt sau rà soát ({who.prefix})")
            ctx.storage.put(keys.result_pdf(doc_id), pdf, content_type="application/pdf")
        audit(session, request, who, "review.sign", f"document/{doc_id}/pdf", purpose="re-sign after approval",
              subject_id=record.subject_id, document_id=doc_id)
        report = verify_pdf(pdf, trust_roots=roots)
    log.info("document %s re-signed after review by %s", doc_id, who.prefix)
    return {"document_id": doc_id, "resigned": signed, "valid": report.valid, "signatures": len(report.signatures)}


@router.post("/review/{doc_id}/sign")
async def sign_after_review(doc_id: DocId, request: Request):
    who = require(request, "review", mutating=True)
    return await anyio.to_thread.run_sync(resign, request, who, doc_id)


@router.post("/review/{doc_id}/reason")
def rejection_reason(doc_id: DocId, body: ReasonIn, request: Request):
    who = require(request, "review", mutating=True)
    ctx = request.app.state.ctx
    with ctx.sessions() as session:
        record = visible_document(session, who, doc_id)
        audit(session, request, who, "review.reason", f"document/{doc_id}/review", purpose=body.reason,
              subject_id=record.subject_id, document_id=doc_id)
    return {"document_id": doc_id, "recorded": True}
