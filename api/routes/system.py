"""Liveness, readiness and Prometheus metrics (computed by ``api/observability.py``).

``/healthz``, ``/readyz`` and ``/metrics`` sit at the root as probes and
scrapers expect; ``/api/v1/health`` is the same liveness inside the API.
"""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse

from sohoa.api.deps import Ctx
from sohoa.api.schemas import Json

router = APIRouter(tags=["system"])
root_router = APIRouter(tags=["system"])


@router.get("/health", response_model=Json, summary="Liveness")
@root_router.get("/healthz", response_model=Json, summary="Liveness")
def health():
    return {"status": "ok"}


@root_router.get("/readyz", response_model=Json, summary="Readiness of database, storage and queue",
                 responses={503: {"description": "Not ready", "content": {"application/json": {}}}})
def ready(ctx: Ctx):
    from sohoa.api.observability import readiness
    report = readiness(ctx)
    return JSONResponse(report, status_code=200 if report.get("ok") else 503)


@root_router.get("/metrics", response_class=PlainTextResponse, summary="Prometheus metrics")
def metrics(ctx: Ctx):
    from sohoa.api.observability import metrics_text
    return PlainTextResponse(metrics_text(ctx), media_type="text/plain; version=0.0.4")
