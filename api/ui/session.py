"""The UI session: the API key in an HttpOnly, SameSite=Strict cookie, checked like a bearer key."""
from __future__ import annotations

from fastapi import Request

from sohoa.api.auth import Principal, authenticate
from sohoa.api.errors import Forbidden, Unauthorized

COOKIE = "sohoa_ui"
CSRF_HEADER = "x-sohoa-ui"
ROLE_LABELS = {"clerk": "Cán bộ một cửa", "integrator": "Hệ thống tích hợp", "archivist": "Lưu trữ viên",
               "admin": "Quản trị"}


def cookie_key(request: Request) -> str | None:
    return request.cookies.get(COOKIE)


def principal_for(request: Request, raw: str | None) -> Principal:
    """The key's principal (cached a few seconds, like the API's own dependency)."""
    ctx = request.app.state.ctx
    if not raw:
        raise Unauthorized("not signed in")
    principal = ctx.principals.get(raw)
    if principal is None:
        with ctx.sessions() as session:
            principal = authenticate(session, raw)
        ctx.principals.put(raw, principal)
    return principal


def current(request: Request) -> Principal | None:
    try:
        return principal_for(request, cookie_key(request))
    except Unauthorized:
        return None


def require(request: Request, permission: str | None = None, *, mutating: bool = False) -> Principal:
    """The signed-in principal; mutating calls also need the UI's custom header (CSRF guard)."""
    who = principal_for(request, cookie_key(request))
    if mutating and request.headers.get(CSRF_HEADER) != "1":
        raise Forbidden("missing the UI request header")
    if permission:
        who.require(permission)
    return who


def set_cookie(response, request: Request, raw: str) -> None:
    response.set_cookie(COOKIE, raw, httponly=True, samesite="strict", path="/ui",
                        secure=request.url.scheme == "https", max_age=8 * 3600)


def clear_cookie(response) -> None:
    response.delete_cookie(COOKIE, path="/ui")


def nav_for(who: Principal) -> list[tuple[str, str]]:
    """Menu entries this role may use: (path, label)."""
    items = []
    if who.can("submit"):
        items.append(("/ui/upload", "Tải lên"))
    if who.can("review"):
        items.append(("/ui/queue", "Hàng đợi rà soát"))
    items.append(("/ui/dashboard", "Tổng quan"))
    return items
