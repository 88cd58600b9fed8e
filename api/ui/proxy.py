"""``/ui/api/...`` forwards to ``/api/v1/...`` in-process with the cookie's key.

The browser never sees the key (HttpOnly cookie); the JSON API does every
check, audit and error mapping itself.  Non-GET calls need the ``X-Sohoa-UI``
header, which a cross-site form cannot send.
"""
from __future__ import annotations

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import Response

from sohoa.api.ui.session import CSRF_HEADER, cookie_key, require

router = APIRouter()
DEFAULT_PURPOSE = "sohoa UI: review and tracking"  # ASCII: HTTP header values are Latin-1
PASS_REQUEST = ("content-type", "idempotency-key")
PASS_RESPONSE = ("content-type", "content-disposition", "retry-after", "idempotent-replayed")


def _peer(request: Request) -> tuple[str, int]:
    return (request.client.host, request.client.port) if request.client else ("127.0.0.1", 0)


def _headers(request: Request, raw: str) -> dict[str, str]:
    headers = {name: request.headers[name] for name in PASS_REQUEST if name in request.headers}
    headers["X-API-Key"] = raw
    purpose = request.headers.get("x-purpose", "")
    headers["X-Purpose"] = purpose if 3 <= len(purpose) <= 200 and purpose.isascii() else DEFAULT_PURPOSE
    return headers


@router.api_route("/api/{path:path}", methods=["GET", "POST"])
async def forward(path: str, request: Request) -> Response:
    mutating = request.method != "GET"
    if mutating and request.headers.get(CSRF_HEADER) != "1":
        require(request, mutating=True)  # raises the 403 (or 401 when not signed in)
    raw = cookie_key(request)
    if not raw:
        require(request)  # raises 401
    body = await request.body() if mutating else None
    transport = httpx.ASGITransport(app=request.app, client=_peer(request))  # the audit log keeps the real client
    async with httpx.AsyncClient(transport=transport, base_url="http://sohoa-ui", timeout=90) as client:
        upstream = await client.request(request.method, f"/api/v1/{path}", params=request.query_params,
                                        headers=_headers(request, raw), content=body)
    headers = {k: upstream.headers[k] for k in PASS_RESPONSE if k in upstream.headers}
    headers["Cache-Control"] = "no-store"
    return Response(upstream.content, status_code=upstream.status_code, headers=headers)
