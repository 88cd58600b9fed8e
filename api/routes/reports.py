"""Digitization report (Decision 766 indicators) per service centre and period, JSON or CSV."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from sohoa.api.deps import PrincipalDep, SessionDep
from sohoa.api.errors import Forbidden, ValidationFailed
from sohoa.api.reports import digitization_report, report_csv
from sohoa.api.schemas import CENTRE_PATTERN, ReportOut

router = APIRouter(tags=["reports"])


@router.get("/reports/digitization", response_model=ReportOut,
            responses={200: {"content": {"text/csv": {}}}}, summary="Dossiers received, shares digitized, "
            "signed and reused")
def digitization(session: SessionDep, who: PrincipalDep,
                 centre: Annotated[str | None, Query(pattern=CENTRE_PATTERN)] = None,
                 date_from: date | None = None, date_to: date | None = None,
                 format: Literal["json", "csv"] = "json"):
    who.require("report")
    date_to = date_to or date.today()
    date_from = date_from or (date_to - timedelta(days=30) if date_to > date.min + timedelta(days=30) else date.min)
    if date_from > date_to:
        raise ValidationFailed("date_from is after date_to")
    if centre is not None and not who.sees(centre) and who.role != "admin":
        raise Forbidden("this key may not report on that service centre")
    centres = None if who.role == "admin" else who.centres
    report = digitization_report(session, centre, date_from, date_to, centres)
    if format == "csv":
        return Response(report_csv(report), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="digitization.csv"'})
    return report
