"""Reuse: find documents by link keys, type, dates and full text; a subject's signed documents."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from sohoa.api.deps import PrincipalDep, Purpose, ReadDep, audit_read
from sohoa.api.routes.common import summary
from sohoa.api.schemas import DOSSIER_PATTERN, SearchOut, SubjectDocumentsOut
from sohoa.ingest import index

router = APIRouter(tags=["reuse"])


@router.get("/documents", response_model=SearchOut, summary="Search documents")
async def search_documents(request: Request, conn: ReadDep, who: PrincipalDep, purpose: Purpose,
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
    page, count = index.search_statements(query, who.centres, conn.dialect.name)
    rows = (await conn.execute(page)).all()
    total = rows[0].total if rows else (await conn.scalar(count) if offset else 0)
    await audit_read(conn, request, who, "search", "documents", purpose=purpose,
                     subject_id=personal_id or enterprise_code)
    return SearchOut(total=total, limit=limit, offset=offset, items=[summary(r) for r in rows])


@router.get("/subjects/{subject_id}/documents", response_model=SubjectDocumentsOut,
            summary="A person's or an enterprise's current signed documents (expired ones flagged)")
async def subject_documents(subject_id: Annotated[str, Path(pattern=r"^(\d{12}|\d{10})$")], request: Request,
                            conn: ReadDep, who: PrincipalDep, purpose: Purpose):
    who.require("subjects")
    rows = (await conn.execute(index.subject_statement(subject_id, who.centres))).all()
    await audit_read(conn, request, who, "read.subject", f"subject/{subject_id}", purpose=purpose,
                     subject_id=subject_id)
    return SubjectDocumentsOut(subject_id=subject_id, kind="person" if len(subject_id) == 12 else "enterprise",
                               items=[summary(r) for r in rows])
