"""Submit -> track -> fetch through the real HTTP stack and the real pipeline (embedded default)."""
from __future__ import annotations

import json

from sohoa.api.callbacks import verify_signature
from sohoa.models.db import DocumentRecord

from .helpers import ID_CARD, ID_NUMBER, wait_for


def test_jobs_finish_and_results_are_served(embedded, digitized):
    api = embedded
    card = digitized["card"]
    assert card["final"]["status"] == "done", card["final"]
    assert card["final"]["doc_type"] == "id_card"
    doc = card["document_id"]
    record = api.get("integrator", f"/documents/{doc}").json()
    assert record["personal_id"] == ID_NUMBER and record["signed"] is True
    assert record["dossiers"] == ["000.00.15.H57-250807-0001"]
    extraction = api.get("integrator", f"/documents/{doc}/extraction").json()
    field = extraction["fields"]["id_number"]
    assert field["normalized"] == ID_NUMBER and 0 < field["confidence"] <= 1 and len(field["bbox"]) == 4
    assert "errors" in field
    text = api.get("integrator", f"/documents/{doc}/text").json()
    assert "CĂN CƯỚC" in text["text"].upper() and text["pages"][0]["lines"]
    page = api.get("integrator", f"/documents/{doc}/pages/1")
    assert page.status_code == 200 and page.headers["content-type"] == "image/jpeg" and page.content[:2] == b"\xff\xd8"
    assert api.get("integrator", f"/documents/{doc}/pages/9").json()["code"] == "not_found"
    pdf = api.get("integrator", f"/documents/{doc}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    verification = api.get("integrator", f"/documents/{doc}/verification").json()
    assert verification["valid"] is True, verification


def test_idempotency_key_replays_and_conflicts(embedded, digitized):
    api = embedded
    files = [("files", ("cccd.jpg", ID_CARD.read_bytes(), "image/jpeg"))]
    data = {"dossier_code": "000.00.15.H57-250807-0001", "callback_url": digitized["card"]["callback_url"]}
    again = api.post("clerk", "/documents", files=files, data=data, headers={"Idempotency-Key": "card-1"})
    assert again.status_code == 202 and again.headers.get("idempotent-replayed") == "true"
    assert again.json()["jobs"][0]["job_id"] == digitized["card"]["job_id"]
    other = api.post("clerk", "/documents", files=files, data={"dossier_code": "000.00.15.H57-250807-0009"},
                     headers={"Idempotency-Key": "card-1"})
    assert other.status_code == 409 and other.json()["code"] == "idempotency_conflict"
    with api.ctx.sessions() as session:
        sha = session.get(DocumentRecord, digitized["card"]["document_id"]).sha256
        assert session.query(DocumentRecord).filter_by(sha256=sha).count() == 1


def test_same_bytes_without_key_are_a_duplicate_of_the_done_document(embedded, digitized):
    api = embedded
    resp = api.post("clerk", "/documents", files=[("files", ("again.jpg", ID_CARD.read_bytes(), "image/jpeg"))])
    job = resp.json()["jobs"][0]
    assert resp.status_code == 202 and job["duplicate"] is True
    assert job["document_id"] == digitized["card"]["document_id"]
    assert api.wait_job("clerk", job["job_id"], timeout=30)["status"] == "done"


def test_callbacks_signed_retried_and_logged(embedded, digitized, receiver):
    api = embedded
    calls = wait_for(lambda: len(receiver.for_path("/flaky/card")) >= 2 and receiver.for_path("/flaky/card"), 30)
    assert calls and len(calls) >= 2, "the failed first delivery is retried"
    last = calls[-1]
    secret = api.ctx.api.callback_secret
    assert verify_signature(secret, last["body"], last["headers"]["X-Sohoa-Signature"])
    assert not verify_signature("wrong", last["body"], last["headers"]["X-Sohoa-Signature"])
    body = json.loads(last["body"])
    assert body["event"] == "job.done" and body["document_id"] == digitized["card"]["document_id"]
    path = f"/jobs/{digitized['card']['job_id']}/deliveries"
    log = wait_for(lambda: [d for d in api.get("clerk", path).json() if d["status"] == "delivered"], 20)
    assert log and log[0]["status"] == "delivered" and log[0]["attempt"] == 2 and log[0]["response_code"] == 200


def test_failed_job_reports_code_and_failure_callback(embedded, receiver):
    api = embedded
    resp = api.post("integrator", "/documents", files=[("files", ("notes.txt", b"just text, not a scan", "text/plain"))],
                    data={"callback_url": receiver.url + "/failed"})
    assert resp.status_code == 202
    final = api.wait_job("integrator", resp.json()["jobs"][0]["job_id"], timeout=60)
    assert final["status"] == "failed" and final["error"]["code"] == "unsupported_type"
    calls = wait_for(lambda: receiver.for_path("/failed"), 20)
    assert json.loads(calls[0]["body"])["event"] == "job.failed"
    assert api.get("integrator", f"/documents/{final['document_id']}/pdf").json()["code"] == "not_ready"


def test_submit_from_storage(embedded, digitized):
    api = embedded
    api.ctx.storage.put("inbox/scan-7.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    resp = api.post("clerk", "/documents/from-storage", json={"storage_key": "inbox/scan-7.png",
                                                             "dossier_code": "000.00.15.H57-250807-0003"})
    assert resp.status_code == 202, resp.text
    assert api.post("clerk", "/documents/from-storage", json={"storage_key": "inbox/none.png"}).status_code == 404
    outside = api.post("clerk", "/documents/from-storage",
                       json={"storage_key": f"{digitized['card']['document_id']}/original"})
    assert outside.status_code == 422 and outside.json()["code"] == "validation_error"
    api.wait_job("clerk", resp.json()["jobs"][0]["job_id"], timeout=60)


def test_review_by_archivist(embedded, digitized):
    api = embedded
    doc = digitized["letter"]["document_id"]
    assert digitized["letter"]["final"]["status"] == "done", digitized["letter"]["final"]
    resp = api.post("archivist", f"/documents/{doc}/review",
                    json={"status": "approved", "corrections": {"document_number": "125/QĐ-UBND"}})
    assert resp.status_code == 200, resp.text
    assert resp.json()["review_status"] == "corrected" and resp.json()["document_number"] == "125/QĐ-UBND"
    fields = api.get("archivist", f"/documents/{doc}/extraction").json()["fields"]
    assert fields["document_number"]["source"].startswith("reviewer:")
    _assert_resigned(api, doc)
    found = api.get("integrator", "/documents", params={"document_number": "125/QĐ-UBND"}).json()
    assert [i["id"] for i in found["items"]] == [doc]
    assert api.get("integrator", "/documents", params={"q": "chuyen doi so"}).json()["total"] >= 1


def test_jobs_left_queued_by_a_stopped_process_are_resumed(embedded):
    from sohoa.api.app import create_app
    from sohoa.ingest.intake import intake_file
    from sohoa.models.api_tables import ApiJob

    from .conftest import api_settings
    from .helpers import LiveServer

    ctx = embedded.ctx
    with ctx.sessions() as session:  # recorded and accepted, but the process stopped before running it
        record = intake_file(session, ctx.storage, b"plain text, left behind", "left.txt", centre="C1").record
        session.add(ApiJob(document_id=record.id, key_prefix="gone", centre="C1"))
        session.commit()
    with LiveServer(create_app(embedded.settings, api=api_settings())):
        def failed():
            with ctx.sessions() as session:
                return session.get(DocumentRecord, record.id).status == "failed"
        assert wait_for(failed, 60)


def _assert_resigned(api, doc: str) -> None:
    """Approval re-signs: a second signature in a new revision, the first one still valid."""
    import json

    from sohoa.ingest.storage import keys
    from sohoa.signing import default_trust_roots, verify_json, verify_pdf
    pdf = api.get("integrator", f"/documents/{doc}/pdf").content
    report = verify_pdf(pdf, trust_roots=default_trust_roots(api.settings))
    assert len(report.signatures) == 2 and report.valid, report.to_dict()
    body = json.loads(api.ctx.storage.get(keys.extraction(doc)))
    signature = json.loads(api.ctx.storage.get(keys.extraction_signature(doc)))
    assert verify_json(body, signature, trust_roots=default_trust_roots(api.settings))
