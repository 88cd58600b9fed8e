"""The API's context and typed dependencies (the FastAPI template's ``SessionDep`` style).

``ApiSettings`` reads ``SOHOA_API__*``; when ``Settings`` gains an ``api``
section it is used instead, so there stays one place to configure.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Annotated, AsyncIterator

import anyio
from fastapi import Depends, Header, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.orm import Session, sessionmaker

from sohoa.api.auth import Principal, PrincipalCache, authenticate
from sohoa.api.ratelimit import MemoryWindow, RateLimiter
from sohoa.ingest.storage import Storage
from sohoa.models.api_tables import AuditEvent
from sohoa.models.settings import Settings

log = logging.getLogger(__name__)
DEV_CALLBACK_SECRET = "development-callback-secret"


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SOHOA_API__", extra="ignore")

    callback_secret: str = DEV_CALLBACK_SECRET
    rate_per_minute: int = 1200
    max_files: int = 20
    max_wait: int = 30
    callback_attempts: int = 5
    callback_backoff: float = 2.0   # seconds; doubles each attempt
    callback_timeout: float = 5.0
    watch_interval: float = 0.5     # how often finished jobs are looked for
    threads: int = 4                # worker threads for sync endpoints (fewer = less GIL contention)
    keep_alive: int = 30            # seconds an idle HTTP connection stays open (uvicorn's default 5 races clients)
    host: str = "127.0.0.1"
    port: int = 8000


@dataclass
class AppContext:
    settings: Settings
    api: ApiSettings
    sessions: sessionmaker
    storage: Storage
    limiter: RateLimiter
    reads: AsyncEngine | None = None   # autocommit, async: audited reads (opened by the lifespan)
    principals: PrincipalCache = field(default_factory=PrincipalCache)

    _queue: object | None = None
    _runner: ThreadPoolExecutor | None = None

    def inline_runner(self) -> ThreadPoolExecutor:
        """The embedded default's job thread (one: OCR already uses the cores)."""
        if self._runner is None:
            self._runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sohoa-inline-job")
        return self._runner

    @property
    def queue(self):
        """The job queue (``pipeline/queue.py``), opened on first use."""
        if self._queue is None:
            from sohoa.pipeline import queue
            self._queue = (getattr(queue, "get_queue", None) or queue.open_queue)(self.settings)
        return self._queue


async def get_ctx(request: Request) -> AppContext:  # async: no thread hop for a lookup
    return request.app.state.ctx


Ctx = Annotated[AppContext, Depends(get_ctx)]


async def get_session(ctx: Ctx) -> AsyncIterator[Session]:
    """A lazy session: it takes a pooled connection only inside the endpoint's thread.

    Async so that opening and closing need no worker thread: a connection held
    while waiting for a thread could deadlock the pool under load.
    """
    session = ctx.sessions()
    try:
        yield session
    finally:
        session.close()


# "function" scope: the connection goes back to the pool before the response is sent;
# max_concurrency keeps sessions below the pool size (5 + 10 overflow), waiting without a thread.
SessionDep = Annotated[Session, Depends(get_session, scope="function", max_concurrency=10)]


async def get_read_connection(ctx: Ctx) -> AsyncIterator[AsyncConnection]:
    """A connection of the async autocommit pool: every statement commits as it returns."""
    async with ctx.reads.connect() as conn:
        yield conn


ReadDep = Annotated[AsyncConnection, Depends(get_read_connection, scope="function")]


bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer sohoa_<prefix>_<secret>")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def _authenticate(ctx: AppContext, raw: str | None) -> Principal:
    with ctx.sessions() as session:
        principal = authenticate(session, raw)
    ctx.principals.put(raw, principal)
    return principal


async def get_principal(ctx: Ctx,
                        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
                        x_api_key: Annotated[str | None, Depends(api_key_header)] = None) -> Principal:
    raw = x_api_key or (credentials.credentials if credentials else None)
    principal = ctx.principals.get(raw) if raw else None
    if principal is None:
        principal = await anyio.to_thread.run_sync(_authenticate, ctx, raw)
    if isinstance(ctx.limiter.backend, MemoryWindow):
        ctx.limiter.check(principal.prefix, principal.rate_per_minute)
    else:
        await anyio.to_thread.run_sync(ctx.limiter.check, principal.prefix, principal.rate_per_minute)
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
Purpose = Annotated[str, Header(alias="X-Purpose", min_length=3, max_length=200,
                                description="Declared purpose of reading personal data (audited).")]


AUDIT_INSERT = insert(AuditEvent.__table__)  # Core, built once; the values are bound per call


def audit_row(request: Request, who: Principal, action: str, resource: str, *, purpose: str | None,
              subject_id: str | None = None, document_id: str | None = None) -> dict:
    """The values of one audit row: who, what, about whom, why, from where."""
    return dict(key_prefix=who.prefix, key_name=who.name, role=who.role, centre=who.centre, action=action,
                resource=resource[:128], subject_id=subject_id, document_id=document_id,
                purpose=(purpose or "")[:200] or None, client=request.client.host if request.client else None)


def audit(session: Session, request: Request, who: Principal, action: str, resource: str, *,
          purpose: str | None, subject_id: str | None = None, document_id: str | None = None,
          commit: bool = True) -> None:
    """Appends one audit row; with ``commit=False`` the caller commits before answering."""
    session.execute(AUDIT_INSERT, audit_row(request, who, action, resource, purpose=purpose,
                                            subject_id=subject_id, document_id=document_id))
    if commit:
        session.commit()
    log.debug("audit %s %s by %s", action, resource, who.prefix)


async def audit_read(conn: AsyncConnection, request: Request, who: Principal, action: str, resource: str, *,
                     purpose: str | None, subject_id: str | None = None, document_id: str | None = None) -> None:
    """Appends one audit row on the autocommit connection: durable before any data is sent."""
    await conn.execute(AUDIT_INSERT, audit_row(request, who, action, resource, purpose=purpose,
                                               subject_id=subject_id, document_id=document_id))
    log.debug("audit %s %s by %s", action, resource, who.prefix)
