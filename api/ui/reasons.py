"""The rejection reason: the API's review endpoint takes no reason, so the UI keeps it in the audit log.

Approval itself (corrections, the reviewer and time in the audit log as
``read.review``, the re-signed PDF revision) is the API's
``POST /documents/{id}/review``; this adds one audit row ``review.reason``
whose ``purpose`` holds the reason.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from sohoa.api.deps import audit
from sohoa.api.routes.common import visible_document
from sohoa.api.ui.session import require

router = APIRouter()
DocId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]


class ReasonIn(BaseModel):
    reason: str = Field(..., min_length=3, max_length=200)


@router.post("/review/{doc_id}/reason")
def rejection_reason(doc_id: DocId, body: ReasonIn, request: Request):
    who = require(request, "review", mutating=True)
    ctx = request.app.state.ctx
    with ctx.sessions() as session:
        record = visible_document(session, who, doc_id)
        audit(session, request, who, "review.reason", f"document/{doc_id}/review", purpose=body.reason,
              subject_id=record.subject_id, document_id=doc_id)
    return {"document_id": doc_id, "recorded": True}
