"""Decision 766 digitization indicators per service centre and period.

- dossiers received: dossiers of the centre whose receipt date is in the period;
- share digitized: of those, the share holding at least one digitized (done) document;
- share signed: of their digitized documents, the share with a signed result;
- share reused: of those dossiers, the share that reused an earlier document (linked, not uploaded).
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timezone

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from sohoa.api.schemas import ReportOut
from sohoa.models.api_tables import DocumentIndex, Dossier, DossierDocument
from sohoa.models.db import DocumentRecord


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def digitization_report(session: Session, centre: str | None, date_from: date, date_to: date,
                        centres: set[str] | None = None) -> ReportOut:
    start = datetime.combine(date_from, time.min, tzinfo=timezone.utc)
    end = datetime.combine(date_to, time.max, tzinfo=timezone.utc)
    dossiers = select(Dossier.code).where(Dossier.received_at >= start, Dossier.received_at <= end)
    if centre is not None:
        dossiers = dossiers.where(Dossier.centre == centre)
    elif centres is not None:
        dossiers = dossiers.where(Dossier.centre.in_(sorted(centres)))
    dossiers = dossiers.subquery()
    received = session.scalar(select(func.count()).select_from(dossiers)) or 0
    done_links = (select(DossierDocument.dossier_code, DossierDocument.document_id, DossierDocument.reused)
                  .join(DocumentRecord, DocumentRecord.id == DossierDocument.document_id)
                  .where(DossierDocument.dossier_code.in_(select(dossiers.c.code)), DocumentRecord.status == "done")
                  .subquery())
    digitized = session.scalar(select(func.count(func.distinct(done_links.c.dossier_code)))) or 0
    results = session.scalar(select(func.count()).select_from(done_links).where(done_links.c.reused.is_(False))) or 0
    signed = session.scalar(select(func.count()).select_from(done_links).join(
        DocumentIndex, and_(DocumentIndex.document_id == done_links.c.document_id, DocumentIndex.signed.is_(True)))
        .where(done_links.c.reused.is_(False))) or 0
    reused = session.scalar(select(func.count(func.distinct(DossierDocument.dossier_code))).where(
        DossierDocument.dossier_code.in_(select(dossiers.c.code)), DossierDocument.reused.is_(True))) or 0
    return ReportOut(centre=centre, date_from=date_from, date_to=date_to, dossiers_received=received,
                     dossiers_digitized=digitized, share_digitized=_share(digitized, received),
                     results=results, results_signed=signed, share_signed=_share(signed, results),
                     dossiers_reused=reused, share_reused=_share(reused, received))


def report_csv(report: ReportOut) -> str:
    out = io.StringIO()
    row = report.model_dump(mode="json")
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue()
