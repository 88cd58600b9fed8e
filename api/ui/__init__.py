"""Server-rendered review UI (archivists) and batch upload (clerks) under ``/ui``.

Wire it with ``register_ui(app, settings)`` after ``create_app(settings)``.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def register_ui(app: FastAPI, settings=None) -> FastAPI:
    """Mounts the pages, the cookie-authenticated API proxy and the vendored assets at ``/ui``."""
    if getattr(app.state, "ui_registered", False):
        return app  # idempotent: create_app may already have called it
    app.state.ui_registered = True
    from sohoa.api.ui import data, pages, proxy, reasons
    for module in (pages, proxy, data, reasons):
        app.include_router(module.router, prefix="/ui", include_in_schema=False)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    return app
