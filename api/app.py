"""The FastAPI app factory: everything under ``/api/v1``, OpenAPI at ``/api/v1/openapi.json``.

Nothing heavy happens at import time; ``create_app(settings)`` builds the
context (sessions, storage, limiter) and the lifespan runs the watcher that
indexes finished documents and delivers callbacks.
"""
from __future__ import annotations

import gc
import logging

import anyio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from sohoa.api import errors
from sohoa.api.deps import DEV_CALLBACK_SECRET, ApiSettings, AppContext
from sohoa.api.ratelimit import limiter_for
from sohoa.api.routes import admin, documents, dossiers, jobs, reports, search, submit, system
from sohoa.api.ui import register_ui
from sohoa.models.settings import Settings

log = logging.getLogger(__name__)
PREFIX = "/api/v1"
GC_THRESHOLD = 20_000  # allocations between first-generation collections (CPython's default: 700)
MULTIPART_OVERHEAD = 1024 * 1024


def build_context(settings: Settings, api: ApiSettings) -> AppContext:
    from sohoa.ingest.storage import open_storage
    from sohoa.models.db import session_factory  # the engine creates every table
    return AppContext(settings=settings, api=api, sessions=session_factory(settings.database_url),
                      storage=open_storage(settings), limiter=limiter_for(settings, api.rate_per_minute))


def _check_secrets(settings: Settings, api: ApiSettings) -> None:
    if settings.environment != "development" and api.callback_secret == DEV_CALLBACK_SECRET:
        raise RuntimeError("set SOHOA_API__CALLBACK_SECRET: the development default is refused outside development")


def create_app(settings: Settings | None = None, *, api: ApiSettings | None = None) -> FastAPI:
    settings = settings or Settings()
    api = api or getattr(settings, "api", None) or ApiSettings()
    _check_secrets(settings, api)
    ctx = build_context(settings, api)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from sohoa.api.callbacks import Watcher
        from sohoa.models.db import open_read_engine
        anyio.to_thread.current_default_thread_limiter().total_tokens = api.threads
        _tune_gc()
        ctx.reads = open_read_engine(settings.database_url, settings.database.read_pool,
                                     settings.database.read_overflow)
        watcher = Watcher(ctx).start()
        try:
            yield
        finally:
            watcher.stop()
            await ctx.reads.dispose()
            if ctx._runner is not None:
                ctx._runner.shutdown(wait=False, cancel_futures=True)  # queued documents resume at start-up

    app = FastAPI(title="sohoa API", version="1", lifespan=lifespan, openapi_url=f"{PREFIX}/openapi.json",
                  docs_url=f"{PREFIX}/docs", redoc_url=None,
                  description="Submit scans, track jobs, fetch signed results, reuse documents across dossiers.",
                  responses={code: {"model": errors_model(), "description": name} for code, name in (
                      (401, "No or bad API key"), (403, "Role or centre not allowed"), (404, "Not found"),
                      (422, "Invalid request"), (429, "Rate limited"))})
    app.state.ctx = ctx
    errors.install(app)
    _limit_body(app, settings.input.max_bytes * api.max_files + MULTIPART_OVERHEAD)
    for module in (submit, jobs, documents, search, dossiers, reports, admin, system):
        app.include_router(module.router, prefix=PREFIX)
    app.include_router(system.root_router)
    register_ui(app, settings)
    return app


def _tune_gc() -> None:
    """Fewer, cheaper garbage collections in a serving process.

    ``gc.freeze()`` moves everything alive after start-up (FastAPI, SQLAlchemy,
    pydantic: hundreds of thousands of objects) out of the collector's reach,
    and a larger first-generation threshold collects less often. Measured with
    bench/api_load.py: the fetch p99 fell from 156-260 ms to 67-80 ms, the p95
    from 82-166 ms to 45-64 ms (docs/api.md).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)


def errors_model():
    from sohoa.api.schemas import ErrorOut
    return ErrorOut


def _limit_body(app: FastAPI, max_body: int) -> None:
    app.add_middleware(BodyLimit, max_body=max_body)


class BodyLimit:
    """Refuses a request whose ``Content-Length`` exceeds ``max_body`` before its body is read.

    Plain ASGI (not ``BaseHTTPMiddleware``): no extra task and stream per request.
    """

    def __init__(self, app, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and self._too_large(scope):
            error = errors.PayloadTooLarge(f"the request exceeds {self.max_body} bytes")
            return await errors.error_response(error)(scope, receive, send)
        return await self.app(scope, receive, send)

    def _too_large(self, scope) -> bool:
        for name, value in scope["headers"]:
            if name == b"content-length":
                return not value.isdigit() or int(value) > self.max_body
        return False
