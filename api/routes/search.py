"""Reuse: find documents by link keys, type, dates and full text; a subject's signed documents."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from sohoa.api.deps import PrincipalDep, Purpose, ReadSessionDep, audit
from sohoa.api.routes.common import summary
from sohoa.api.schemas import DOSSIER_PATTERN, SearchOut, SubjectDocumentsOut
from sohoa.ingest import index

router = APIRouter(tags=["reuse"])


@router.get("/documents", response_model=SearchOut, summary="Search documents")
def search_documents(request: Request, session: ReadSessionDep, who: PrincipalDep, purpose: Purpose,
                     personal_id: Annotated[str | None, Query(pattern=r"^\d{12}$")] = None,
                     enterprise_code: Annotated[str | None, Query(pattern=r"^\d{10}$")] = None,
                     dossier_code: Annotated[str | None, Query(pattern=DOSSIER_PATTERN)] = None,
                     document_number: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                     doc_type: Annotated[str | None, Query(max_length=32)] = None,
                     date_from: date | None = None, date_to: date | None = None,
                     q: Annotated[str | None, Query(max_length=200, description="Full text")] = None,
                     signed_only: bool = False,
                     limit: Annotated[int, Query(ge=1, le=200)] = 50,
                     offset: Annotated[int, Query(ge=0, le=100_000)] = 0):
    who.require("search")
    query = index.Query(personal_id=personal_id, enterprise_code=enterprise_code, dossier_code=dossier_code,
                        document_number=document_number, doc_type=doc_type, date_from=date_from, date_to=date_to,
                        q=q, signed_only=signed_only, limit=limit, offset=offset)
    rows, total = index.search(session, query, who.centres)
    out = SearchOut(total=total, limit=limit, offset=offset, items=[summary(r) for r in rows])
    audit(session, request, who, "search", "documents", purpose=purpose, subject_id=personal_id or enterprise_code)
    return out


@router.get("/subjects/{subject_id}/documents", response_model=SubjectDocumentsOut,
            summary="A person's or an enterprise's current signed documents (expired ones flagged)")
def subject_documents(subject_id: Annotated[str, Path(pattern=r"^(\d{12}|\d{10})$")], request: Request,
                      session: ReadSessionDep, who: PrincipalDep, purpose: Purpose):
    who.require("subjects")
    rows = index.subject_documents(session, subject_id, who.centres)
    out = SubjectDocumentsOut(subject_id=subject_id, kind="person" if len(subject_id) == 12 else "enterprise",
                              items=[summary(r) for r in rows])
    audit(session, request, who, "read.subject", f"subject/{subject_id}", purpose=purpose, subject_id=subject_id)
    return out
