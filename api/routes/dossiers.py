"""Dossiers: link an already digitized document into a dossier (reuse without re-upload)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from sqlalchemy import select

from sohoa.api.deps import PrincipalDep, Purpose, SessionDep, audit
from sohoa.api.errors import Forbidden
from sohoa.api.routes.common import visible_document
from sohoa.api.routes.submit import ensure_link
from sohoa.api.schemas import DOSSIER_PATTERN, DossierOut, LinkIn, LinkOut
from sohoa.models.api_tables import Dossier, DossierDocument
from sohoa.models.errors import NotFound

router = APIRouter(tags=["reuse"])
DossierCode = Annotated[str, Path(pattern=DOSSIER_PATTERN)]


def _link_out(link: DossierDocument) -> LinkOut:
    return LinkOut(dossier_code=link.dossier_code, document_id=link.document_id, reused=link.reused,
                   linked_at=link.linked_at)


@router.post("/dossiers/{code}/documents", response_model=LinkOut, status_code=201,
             summary="Link an existing document into a dossier")
def link_document(code: DossierCode, body: LinkIn, request: Request, session: SessionDep, who: PrincipalDep,
                  purpose: Purpose):
    who.require("link")
    record = visible_document(session, who, body.document_id)
    dossier = session.get(Dossier, code)
    centre = dossier.centre if dossier is not None else (body.centre or who.centre)
    if not who.sees(centre):
        raise Forbidden("this key may not change dossiers of that service centre")
    uploaded_here = session.scalar(select(DossierDocument).where(DossierDocument.dossier_code == code,
                                                                 DossierDocument.document_id == record.id))
    link = uploaded_here or ensure_link(session, code, centre, record.id, who, reused=True)
    audit(session, request, who, "link", f"dossier/{code}", purpose=purpose, subject_id=record.subject_id,
          document_id=record.id)
    session.commit()
    return _link_out(link)


@router.get("/dossiers/{code}", response_model=DossierOut, summary="A dossier and its documents")
def get_dossier(code: DossierCode, session: SessionDep, who: PrincipalDep):
    who.require("search")
    dossier = session.get(Dossier, code)
    if dossier is None or not who.sees(dossier.centre):
        raise NotFound("no such dossier")
    links = session.scalars(select(DossierDocument).where(DossierDocument.dossier_code == code)
                            .order_by(DossierDocument.id)).all()
    return DossierOut(code=dossier.code, centre=dossier.centre, received_at=dossier.received_at,
                      documents=[_link_out(link) for link in links])
