"""Fixtures: the embedded default (SQLite, local storage, inline queue) behind a live server."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from sohoa.api.app import create_app  # noqa: E402
from sohoa.api.auth import create_key  # noqa: E402
from sohoa.api.deps import ApiSettings  # noqa: E402
from sohoa.models.settings import InputSettings, Settings  # noqa: E402

from .helpers import ID_CARD, Api, LiveServer, Receiver, text_page  # noqa: E402

MAX_BYTES = 3 * 1024 * 1024
ROLES = {  # name -> (role, centre, grants, rate)
    "admin": ("admin", None, [], None),
    "clerk": ("clerk", "C1", [], None),
    "integrator": ("integrator", "C1", [], None),
    "archivist": ("archivist", "C1", [], None),
    "clerk2": ("clerk", "C2", [], None),
    "integrator2": ("integrator", "C2", [], None),
    "province": ("integrator", "C2", ["*"], None),
    "limited": ("integrator", "C1", [], 3),
}


def api_settings() -> ApiSettings:
    return ApiSettings(callback_backoff=0.3, watch_interval=0.2, rate_per_minute=100_000, callback_timeout=3)


def make_keys(ctx) -> dict[str, str]:
    keys = {}
    with ctx.sessions() as session:
        for name, (role, centre, grants, rate) in ROLES.items():
            keys[name] = create_key(session, name, role, centre, grants, rate)[1]
    return keys


@pytest.fixture(scope="session")
def embedded(tmp_path_factory):
    home = tmp_path_factory.mktemp("sohoa-api")
    settings = Settings(home=home, input=InputSettings(max_bytes=MAX_BYTES, max_pages=3))
    app = create_app(settings, api=api_settings())
    ctx = app.state.ctx
    with LiveServer(app) as server:
        api = Api(server.url, make_keys(ctx))
        api.ctx, api.settings, api.url = ctx, settings, server.url
        yield api
        api.client.close()


@pytest.fixture(scope="session")
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture(scope="session")
def digitized(embedded, receiver):
    """Two real scans through the real pipeline: an ID card (dossier A) and a typed letter."""
    api = embedded
    card = api.post("clerk", "/documents", files=[("files", ("cccd.jpg", ID_CARD.read_bytes(), "image/jpeg"))],
                    data={"dossier_code": "000.00.15.H57-250807-0001", "callback_url": receiver.url + "/flaky/card"},
                    headers={"Idempotency-Key": "card-1"})
    assert card.status_code == 202, card.text
    letter = text_page(["UỶ BAN NHÂN DÂN TỈNH PHÚ THỌ", "Số: 125/QĐ-UBND",
                        "QUYẾT ĐỊNH", "Về việc phê duyệt kế hoạch chuyển đổi số",
                        "Chủ tịch Uỷ ban nhân dân tỉnh quyết định"])
    other = api.post("integrator", "/documents", files=[("files", ("qd.png", letter, "image/png"))],
                     data={"dossier_code": "000.00.15.H57-250807-0002", "callback_url": receiver.url + "/letter"})
    assert other.status_code == 202, other.text
    jobs = {"card": card.json()["jobs"][0], "letter": other.json()["jobs"][0]}
    for job in jobs.values():
        job["final"] = api.wait_job("clerk", job["job_id"])
    return jobs
