"""Liveness, readiness and metrics (the last two from ``api/observability.py`` when present)."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse

from sohoa.api.deps import Ctx
from sohoa.api.schemas import Json

router = APIRouter(tags=["system"])


@router.get("/health", response_model=Json, summary="Liveness")
def health():
    return {"status": "ok"}


@router.get("/ready", response_model=Json, summary="Readiness of database, storage and queue")
def ready(ctx: Ctx):
    try:
        from sohoa.api.observability import readiness
    except ImportError:
        with ctx.sessions() as session:
            session.execute(__import__("sqlalchemy").text("SELECT 1"))
        return {"ready": True}
    report = readiness(ctx)
    ok = bool(report.get("ready", all(v in (True, "ok") for v in report.values() if not isinstance(v, dict))))
    return JSONResponse(report, status_code=200 if ok else 503)


@router.get("/metrics", response_class=PlainTextResponse, summary="Prometheus metrics")
def metrics(ctx: Ctx):
    try:
        from sohoa.api.observability import metrics_text
    except ImportError:
        return PlainTextResponse("# no metrics module\n")
    return PlainTextResponse(metrics_text(ctx), media_type="text/plain; version=0.0.4")
