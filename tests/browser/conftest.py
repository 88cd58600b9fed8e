"""Fixtures: the embedded default (SQLite, local storage, inline queue) with the UI, and headless Chromium.

Debian's Chromium is driven through Playwright's sync API; no browser is downloaded.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}
KEYS = {"clerk": ("clerk", "C1"), "archivist": ("archivist", "C1"), "admin": ("admin", None)}

THRESHOLD = 0.95  # above the sample ID card's field confidences, so it needs review


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    from sohoa.api.app import create_app
    from sohoa.api.auth import create_key
    from sohoa.api.deps import ApiSettings
    from sohoa.models.settings import InputSettings, ReviewSettings, Settings

    from tests.api.helpers import LiveServer
    home = tmp_path_factory.mktemp("sohoa-ui")
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("SOHOA_")}
    os.environ["SOHOA_HOME"] = str(home)
    settings = Settings(home=home, input=InputSettings(max_bytes=3 * 1024 * 1024, max_pages=3),
                        review=ReviewSettings(confidence_threshold=THRESHOLD))
    app = create_app(settings, api=ApiSettings(watch_interval=0.2, rate_per_minute=100_000))
    with app.state.ctx.sessions() as session:
        keys = {name: create_key(session, f"ui-{name}", role, centre)[1] for name, (role, centre) in KEYS.items()}
    with LiveServer(app) as live:
        live.keys, live.settings, live.ctx = keys, settings, app.state.ctx
        yield live
    os.environ.pop("SOHOA_HOME", None)
    os.environ.update(saved)


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is required (scripts/install.sh installs it)"
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory):
    """Screenshots of each screen; UI_SCREENSHOTS=<dir> also copies them there."""
    folder = tmp_path_factory.mktemp("screenshots")
    yield folder
    target = os.environ.get("UI_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for png in folder.glob("*.png"):
            shutil.copy(png, Path(target) / png.name)


@pytest.fixture
def login(browser, server):
    """``login("clerk")`` -> a page signed in with that role's key, at 1366x768."""
    contexts = []

    def _login(role: str):
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="vi-VN")
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(server.url + "/ui/login")
        page.get_by_label("Khoá API").fill(server.keys[role])
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/ui/login" not in url)
        return page

    yield _login
    for context in contexts:
        context.close()
