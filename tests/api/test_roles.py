"""Every endpoint's denials per role, keys, centre isolation and rate limits."""
from __future__ import annotations

import pytest

from .helpers import ID_NUMBER

ALL = {"clerk", "integrator", "archivist", "admin"}
DOSSIER = "000.00.15.H57-250807-0001"


def endpoints(doc: str, job: str) -> list[tuple[str, str, dict, set[str]]]:
    """(method, path, request kwargs, roles allowed)."""
    scan = {"files": [("files", ("x.png", b"\x89PNG\r\n\x1a\nroles", "image/png"))]}
    return [
        ("POST", "/documents", scan, {"clerk", "integrator"}),
        ("POST", "/documents/from-storage", {"json": {"storage_key": "inbox/none"}}, {"clerk", "integrator"}),
        ("GET", f"/jobs/{job}", {}, {"clerk", "integrator", "archivist"}),
        ("GET", f"/jobs/{job}/deliveries", {}, {"clerk", "integrator", "archivist"}),
        ("GET", f"/documents/{doc}", {}, {"clerk", "integrator", "archivist"}),
        ("GET", f"/documents/{doc}/extraction", {}, {"integrator", "archivist"}),
        ("GET", f"/documents/{doc}/text", {}, {"integrator", "archivist"}),
        ("GET", f"/documents/{doc}/pages/1", {}, {"integrator", "archivist"}),
        ("GET", f"/documents/{doc}/pdf", {}, {"integrator", "archivist"}),
        ("GET", f"/documents/{doc}/verification", {}, {"integrator", "archivist"}),
        ("POST", f"/documents/{doc}/review", {"json": {"status": "approved"}}, {"archivist"}),
        ("GET", "/documents", {"params": {"personal_id": ID_NUMBER}}, {"clerk", "integrator", "archivist"}),
        ("GET", f"/subjects/{ID_NUMBER}/documents", {}, {"integrator", "archivist"}),
        ("POST", f"/dossiers/{DOSSIER}/documents", {"json": {"document_id": doc}}, {"clerk", "integrator"}),
        ("GET", f"/dossiers/{DOSSIER}", {}, {"clerk", "integrator", "archivist"}),
        ("GET", "/reports/digitization", {}, {"archivist", "admin"}),
        ("POST", "/keys", {"json": {"name": "x", "role": "clerk", "centre": "C1"}}, {"admin"}),
        ("GET", "/keys", {}, {"admin"}),
        ("DELETE", "/keys/00000000", {}, {"admin"}),
        ("GET", "/audit", {}, {"admin"}),
        ("GET", "/settings", {}, {"admin"}),
    ]


def test_every_endpoint_denies_roles_without_the_permission(embedded, digitized):
    api = embedded
    card = digitized["card"]
    checked = 0
    for method, path, kwargs, allowed in endpoints(card["document_id"], card["job_id"]):
        assert api.request(method, None, path, **kwargs).status_code == 401, path
        for role in sorted(ALL - allowed):
            resp = api.request(method, role, path, **kwargs)
            assert resp.status_code == 403 and resp.json()["code"] == "forbidden", (method, path, role, resp.text)
            checked += 1
        for role in sorted(allowed):
            resp = api.request(method, role, path, **kwargs)
            assert resp.status_code not in (401, 403), (method, path, role, resp.text)
    assert checked >= 35


def test_bad_and_revoked_keys_are_401(embedded):
    api = embedded
    bad = api.client.get("/documents", headers={"Authorization": "Bearer sohoa_deadbeef_nope", "X-Purpose": "x-test"})
    assert bad.status_code == 401 and bad.json()["code"] == "unauthorized"
    assert api.client.get("/keys", headers={"X-API-Key": "garbage"}).status_code == 401
    created = api.post("admin", "/keys", json={"name": "temp", "role": "integrator", "centre": "C1"})
    assert created.status_code == 201
    key, prefix = created.json()["key"], created.json()["prefix"]
    listed = api.get("admin", "/keys").json()
    assert any(k["prefix"] == prefix for k in listed) and all("key" not in k for k in listed)
    headers = {"X-API-Key": key, "X-Purpose": "x-test"}
    assert api.client.get("/documents", headers=headers).status_code == 200
    assert api.request("DELETE", "admin", f"/keys/{prefix}").json()["revoked"] is True
    assert api.client.get("/documents", headers=headers).status_code == 401


def test_a_centre_sees_only_its_own_documents(embedded, digitized):
    api = embedded
    doc, job = digitized["card"]["document_id"], digitized["card"]["job_id"]
    assert api.get("integrator2", f"/documents/{doc}").status_code == 404
    assert api.get("integrator2", f"/documents/{doc}/pdf").json()["code"] == "not_found"
    assert api.get("clerk2", f"/jobs/{job}").status_code == 404
    assert api.get("integrator2", "/documents", params={"personal_id": ID_NUMBER}).json()["total"] == 0
    assert api.get("integrator2", f"/subjects/{ID_NUMBER}/documents").json()["items"] == []
    assert api.get("clerk2", f"/dossiers/{DOSSIER}").status_code == 404
    assert api.get("province", f"/documents/{doc}").status_code == 200  # granted every centre
    denied = api.post("clerk", "/documents", files=[("files", ("x.png", b"\x89PNG\r\n\x1a\nc2", "image/png"))],
                      data={"centre": "C2"})
    assert denied.status_code == 403


def test_personal_data_reads_require_a_declared_purpose(embedded, digitized):
    api = embedded
    resp = api.get("integrator", f"/documents/{digitized['card']['document_id']}", purpose=None)
    assert resp.status_code == 422 and "X-Purpose" in resp.json()["message"]


@pytest.mark.parametrize("path", ["/documents"])
def test_rate_limit_per_key(embedded, path):
    api = embedded
    responses = []
    for _ in range(10):  # 3 a minute: a 429 comes by the 4th request (7th across a minute boundary)
        responses.append(api.get("limited", path))
        if responses[-1].status_code == 429:
            break
    last = responses[-1]
    assert last.status_code == 429 and last.json()["code"] == "rate_limited"
    assert all(r.status_code == 200 for r in responses[:-1])
    assert int(last.headers["Retry-After"]) >= 1
    assert api.get("integrator", path).status_code == 200  # other keys are not affected
