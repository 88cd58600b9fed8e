"""The hot read path of the fetch endpoints, in SQLAlchemy Core.

``GET /documents/{id}`` and its siblings run on every dossier look-up, so the
statement is built once: the document, its index row (without the text) and
its dossier links in one query, bound by id. No ORM objects, no unit of work;
it runs on the async autocommit pool (``ReadDep``) without a worker thread.
"""
from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import Session

from sohoa.api.auth import Principal
from sohoa.api.routes.common import expired
from sohoa.api.schemas import DocumentOut, ErrorOut
from sohoa.models.api_tables import DocumentIndex, DossierDocument
from sohoa.models.db import DocumentRecord
from sohoa.models.errors import NotFound

RECORD = DocumentRecord.__table__
INDEX = DocumentIndex.__table__
INDEX_COLUMNS = ("personal_id", "enterprise_code", "document_number", "signed", "expires_on", "title")
DOSSIERS = (select(func.aggregate_strings(DossierDocument.dossier_code, " "))
            .where(DossierDocument.document_id == RECORD.c.id).scalar_subquery())

DOCUMENT = (select(*(c for c in RECORD.c if c.name != "summary"),
                   INDEX.c.document_id.label("indexed"), INDEX.c.doc_type.label("indexed_doc_type"),
                   *(INDEX.c[name] for name in INDEX_COLUMNS), DOSSIERS.label("dossiers"))
            .select_from(RECORD.outerjoin(INDEX, INDEX.c.document_id == RECORD.c.id))
            .where(RECORD.c.id == bindparam("doc_id")))


async def find_document(conn: AsyncConnection, who: Principal, doc_id: str) -> Row:
    """The document's row (record columns by their names, index columns, ``dossiers``).

    404 when it does not exist or lies outside the key's centres: the same
    answer either way, so existence is not leaked.
    """
    return _visible((await conn.execute(DOCUMENT, {"doc_id": doc_id})).first(), who)


def find_document_in(session: Session, who: Principal, doc_id: str) -> Row:
    """``find_document`` inside a (sync) write transaction."""
    return _visible(session.execute(DOCUMENT, {"doc_id": doc_id}).first(), who)


def _visible(row: Row | None, who: Principal) -> Row:
    if row is None or not who.sees(row.centre):
        raise NotFound("no such document")
    return row


def subject_of(row: Row) -> str | None:
    """The personal number or enterprise code the audit row names."""
    if row.indexed is None:
        return row.subject_id
    return row.personal_id or row.enterprise_code


def document_out(row: Row) -> DocumentOut:
    indexed = row.indexed is not None
    error = ErrorOut(code=row.error_code, message=row.error_message or row.error_code) if row.error_code else None
    return DocumentOut(
        id=row.id, title=row.title if indexed else row.filename, status=row.status,
        doc_type=row.indexed_doc_type if indexed else row.doc_type,
        centre=row.centre, personal_id=row.personal_id, enterprise_code=row.enterprise_code,
        document_number=row.document_number, dossier_code=row.dossier_code, signed=bool(row.signed),
        expires_on=row.expires_on, expired=expired(row.expires_on), created_at=row.created_at,
        filename=row.filename, media_type=row.media_type, size=row.size, sha256=row.sha256,
        review_status=row.review_status, page_count=row.page_count,
        dossiers=sorted((row.dossiers or "").split()), error=error)
