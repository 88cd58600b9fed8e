"""Server-rendered review UI (archivists) and batch upload (clerks) under ``/ui``.

``create_app(settings)`` wires it with ``register_ui(app, settings)``.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"


def register_ui(app: FastAPI, settings=None) -> FastAPI:
    """Mounts the pages, the cookie-authenticated API proxy and the vendored assets at ``/ui``."""
    from sohoa.api.ui import data, pages, proxy, reasons
    for module in (pages, proxy, data, reasons):
        app.include_router(module.router, prefix="/ui", include_in_schema=False)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    return app
