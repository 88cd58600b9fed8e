"""HTML pages: sign-in, upload (clerks), review queue and review page (archivists), dashboard."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import anyio
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from sohoa.api.errors import Unauthorized
from sohoa.api.ui.session import ROLE_LABELS, clear_cookie, current, nav_for, principal_for, set_cookie
from sohoa.models.fields import DOC_TYPES

router = APIRouter()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
DOC_TYPE_LABELS = {
    "id_card": "Căn cước / CMND", "birth_certificate": "Giấy khai sinh", "marriage_certificate": "Giấy chứng nhận kết hôn",
    "land_use_certificate": "Giấy chứng nhận quyền sử dụng đất", "business_registration": "Đăng ký doanh nghiệp",
    "driving_licence": "Giấy phép lái xe", "passport": "Hộ chiếu", "official_document": "Văn bản hành chính",
    "unknown": "Chưa xác định"}


def _page(request: Request, name: str, who, title: str, **extra) -> HTMLResponse:
    context = {"who": who, "nav": nav_for(who) if who else [], "title": title, "role_label": ROLE_LABELS.get(
        who.role, who.role) if who else "", "doc_types": [(t, DOC_TYPE_LABELS.get(t, t)) for t in DOC_TYPES],
        "active": request.url.path, **extra}
    response = templates.TemplateResponse(request, name, context)
    response.headers["Cache-Control"] = "no-store"
    return response


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/ui/login", status_code=303)


def home_for(who) -> str:
    if who.can("review"):
        return "/ui/queue"
    if who.can("submit"):
        return "/ui/upload"
    return "/ui/dashboard"


@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    who = current(request)
    return RedirectResponse(home_for(who) if who else "/ui/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request):
    return _page(request, "login.html", None, "Đăng nhập")


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, api_key: Annotated[str, Form(max_length=200)] = ""):
    try:
        who = await anyio.to_thread.run_sync(principal_for, request, api_key.strip())
    except Unauthorized:
        response = _page(request, "login.html", None, "Đăng nhập", error="Khoá API không hợp lệ hoặc đã bị thu hồi.")
        response.status_code = 401
        return response
    response = RedirectResponse(home_for(who), status_code=303)
    set_cookie(response, request, api_key.strip())
    return response


@router.post("/logout")
def logout():
    response = _login_redirect()
    clear_cookie(response)
    return response


def _guarded(request: Request, permission: str | None, name: str, title: str, **extra):
    who = current(request)
    if who is None:
        return _login_redirect()
    if permission and not who.can(permission):
        response = _page(request, "denied.html", who, "Không có quyền")
        response.status_code = 403
        return response
    return _page(request, name, who, title, **extra)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request):
    return _guarded(request, "submit", "upload.html", "Tải lên hồ sơ")


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request):
    return _guarded(request, "review", "queue.html", "Hàng đợi rà soát")


@router.get("/review/{doc_id}", response_class=HTMLResponse)
def review_page(request: Request, doc_id: str):
    if len(doc_id) != 32 or not doc_id.isalnum():
        return RedirectResponse("/ui/queue", status_code=303)
    return _guarded(request, "review", "review.html", "Rà soát tài liệu", doc_id=doc_id)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request):
    return _guarded(request, None, "dashboard.html", "Tổng quan")
