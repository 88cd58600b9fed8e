"""Test helpers: a live uvicorn server on a free loopback port, a callback receiver, scans."""
from __future__ import annotations

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import uvicorn

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
ID_CARD = Path(__file__).parents[2] / "samples" / "scans" / "id_card_000_front.jpg"  # a chip card
ID_NUMBER = "025192441087"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, app):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on",
                                access_log=False, timeout_keep_alive=120)  # no idle-close race with the client
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the API server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


class Receiver:
    """Records callback POSTs; paths containing 'flaky' answer 500 the first time."""

    def __init__(self):
        self.calls: list[dict] = []
        self._seen: set[str] = set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.calls.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = 200
                if "flaky" in self.path and self.path not in receiver._seen:
                    receiver._seen.add(self.path)
                    status = 500
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def for_path(self, path: str) -> list[dict]:
        return [c for c in self.calls if c["path"] == path]

    def close(self):
        self.httpd.shutdown()


def text_page(lines: list[str], size=(1240, 900)) -> bytes:
    """A small scan of printed Vietnamese text (PNG at 150 dpi)."""
    from PIL import Image, ImageDraw, ImageFont
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    y = 60
    for line in lines:
        draw.text((70, y), line, font=font, fill=0)
        y += 56
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(150, 150))
    return out.getvalue()


def pdf_pages(n: int) -> bytes:
    from PIL import Image
    pages = [Image.new("L", (200, 200), 255) for _ in range(n)]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=72)
    return out.getvalue()


class Api:
    """An httpx client per role: ``api.get("clerk", "/documents/...")``."""

    def __init__(self, url: str, keys: dict[str, str]):
        self.client = httpx.Client(base_url=url + "/api/v1", timeout=60)
        self.keys = keys

    def headers(self, who: str | None, purpose: str | None = "test: verify service", **extra) -> dict:
        out = dict(extra)
        if who:
            out["Authorization"] = f"Bearer {self.keys[who]}"
        if purpose:
            out["X-Purpose"] = purpose
        return out

    def request(self, method: str, who: str | None, path: str, *, purpose: str | None = "test: verify service",
                headers: dict | None = None, **kw) -> httpx.Response:
        return self.client.request(method, path, headers=self.headers(who, purpose, **(headers or {})), **kw)

    def get(self, who, path, **kw):
        return self.request("GET", who, path, **kw)

    def post(self, who, path, **kw):
        return self.request("POST", who, path, **kw)

    def wait_job(self, who: str, job_id: str, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            body = self.get(who, f"/jobs/{job_id}", params={"wait": 20}).json()
            if body["status"] in ("done", "failed") or time.monotonic() > deadline:
                return body


def wait_for(predicate, timeout: float = 30, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()
