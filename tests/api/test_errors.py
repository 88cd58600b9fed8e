"""One error shape with stable codes; limits from settings; no internals in responses."""
from __future__ import annotations

import socket

import pytest

from sohoa.api.errors import describe
from sohoa.models.errors import CorruptPdf

from .conftest import MAX_BYTES
from .helpers import pdf_pages


def _shape(resp, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"code", "message"} and body["code"] == code, body
    assert "Traceback" not in resp.text and "/work/" not in resp.text and "/tmp/" not in resp.text


def _upload(name: str, data: bytes, mime: str = "application/pdf"):
    return {"files": [("files", (name, data, mime))]}


def test_upload_limits(embedded):
    api = embedded
    _shape(api.post("clerk", "/documents", **_upload("big.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES)),
           413, "file_too_large")
    _shape(api.post("clerk", "/documents", **_upload("long.pdf", pdf_pages(4))), 413, "too_many_pages")
    _shape(api.post("clerk", "/documents", **_upload("empty.pdf", b"")), 422, "empty_file")
    many = [("files", (f"{i}.png", b"\x89PNG\r\n\x1a\n" + bytes([i]), "image/png")) for i in range(21)]
    _shape(api.post("clerk", "/documents", files=many), 422, "validation_error")


def test_whole_request_limit_before_reading_the_body(embedded):
    host, port = embedded.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/documents HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     b"Content-Length: 999999999999\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := sock.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 413") and b'"payload_too_large"' in reply


@pytest.mark.parametrize("method,path,kwargs,status,code", [
    ("GET", "/nothing-here", {}, 404, "not_found"),
    ("PUT", "/documents", {}, 405, "method_not_allowed"),
    ("GET", "/documents/" + "0" * 32, {}, 404, "not_found"),
    ("GET", "/documents/not-an-id", {}, 422, "validation_error"),
    ("GET", "/jobs/" + "f" * 32, {}, 404, "not_found"),
    ("GET", "/documents", {"params": {"personal_id": "12345"}}, 422, "validation_error"),
    ("GET", "/documents", {"params": {"limit": 0}}, 422, "validation_error"),
    ("POST", "/documents", {"data": {"dossier_code": "bad code!"}}, 422, "validation_error"),
    ("POST", "/documents", {"files": [("files", ("a.png", b"x", "image/png"))], "data": {"doc_type": "novel"}},
     422, "validation_error"),
    ("POST", "/dossiers/ABC-1/documents", {"json": {"document_id": "0" * 32}}, 404, "not_found"),
    ("GET", "/reports/digitization", {"params": {"date_from": "2025-02-01", "date_to": "2025-01-01"}},
     422, "validation_error"),
])
def test_error_codes(embedded, method, path, kwargs, status, code):
    who = "archivist" if path.startswith("/reports") else "integrator"
    _shape(embedded.request(method, who, path, **kwargs), status, code)


def test_internal_errors_hide_details():
    status, code, message, _ = describe(RuntimeError("boom at /work/main/secret.py line 3"))
    assert (status, code, message) == (500, "internal_error", "internal error")
    assert describe(CorruptPdf("the PDF cannot be opened"))[:3] == (422, "corrupt_pdf", "the PDF cannot be opened")


def test_openapi_and_health_are_public(embedded):
    spec = embedded.client.get("/openapi.json").json()
    assert spec["info"]["title"] == "sohoa API" and "/api/v1/subjects/{subject_id}/documents" in spec["paths"]
    assert embedded.client.get("/health").json() == {"status": "ok"}
    root = embedded.url
    assert embedded.client.get(root + "/healthz").status_code == 200
    ready = embedded.client.get(root + "/readyz")
    assert ready.status_code == 200 and ready.json()["ok"] is True
    metrics = embedded.client.get(root + "/metrics")
    assert metrics.status_code == 200 and "sohoa_" in metrics.text


def test_a_crashing_job_ends_failed_and_the_connection_survives(embedded, monkeypatch):
    from sohoa.api import callbacks

    def crash(ctx, doc_id):
        raise RuntimeError("bug inside a job at /work/main/pipeline/x.py")

    monkeypatch.setattr(callbacks, "submit_to_queue", crash)
    api = embedded
    resp = api.post("integrator", "/documents", files=[("files", ("c.png", b"\x89PNG\r\n\x1a\ncrash", "image/png"))])
    assert resp.status_code == 202
    final = api.wait_job("integrator", resp.json()["jobs"][0]["job_id"], timeout=30)
    assert final["status"] == "failed" and final["error"]["code"] == "internal_error"
    assert "/work/" not in str(final)
    assert api.get("integrator", "/documents").status_code == 200  # same keep-alive connection still works


def test_development_callback_secret_is_refused_in_production(tmp_path):
    from sohoa.api.app import create_app
    from sohoa.api.deps import ApiSettings
    from sohoa.models.settings import Settings

    settings = Settings(home=tmp_path, environment="production")
    with pytest.raises(RuntimeError, match="CALLBACK_SECRET"):
        create_app(settings, api=ApiSettings())
    assert create_app(settings, api=ApiSettings(callback_secret="s3cret-from-vault")).title == "sohoa API"
