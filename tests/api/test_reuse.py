"""Reuse: an ID card digitized in dossier A is found by the citizen's number and linked into dossier B."""
from __future__ import annotations

from sohoa.models.db import DocumentRecord

from .helpers import ID_NUMBER

DOSSIER_A = "000.00.15.H57-250807-0001"
DOSSIER_B = "000.00.15.H57-250901-0042"


def test_id_card_reused_in_a_new_dossier_without_upload(embedded, digitized):
    api = embedded
    card = digitized["card"]["document_id"]
    with api.ctx.sessions() as session:
        documents_before = session.query(DocumentRecord).count()

    purpose = "dossier 000.00.15.H57-250901-0042: reuse citizen ID"
    found = api.get("integrator", f"/subjects/{ID_NUMBER}/documents", purpose=purpose).json()
    assert found["kind"] == "person"
    item = next(i for i in found["items"] if i["id"] == card)
    assert item["doc_type"] == "id_card" and item["signed"] and item["expired"] is False
    assert item["dossier_code"] == DOSSIER_A
    search = api.get("integrator", "/documents", purpose=purpose,
                     params={"personal_id": ID_NUMBER, "doc_type": "id_card", "signed_only": True}).json()
    assert [i["id"] for i in search["items"]] == [card]

    link = api.post("integrator", f"/dossiers/{DOSSIER_B}/documents", purpose=purpose,
                    json={"document_id": card})
    assert link.status_code == 201, link.text
    assert link.json()["reused"] is True
    dossier = api.get("integrator", f"/dossiers/{DOSSIER_B}").json()
    assert dossier["centre"] == "C1" and [d["document_id"] for d in dossier["documents"]] == [card]
    assert set(api.get("integrator", f"/documents/{card}", purpose=purpose).json()["dossiers"]) == {DOSSIER_A, DOSSIER_B}
    again = api.post("integrator", f"/dossiers/{DOSSIER_B}/documents", purpose=purpose, json={"document_id": card})
    assert again.status_code == 201 and again.json()["linked_at"] == link.json()["linked_at"]  # idempotent
    with api.ctx.sessions() as session:
        assert session.query(DocumentRecord).count() == documents_before  # nothing uploaded

    audit = api.get("admin", "/audit", params={"subject_id": ID_NUMBER, "limit": 1000}).json()
    integrator_prefix = api.keys["integrator"].split("_")[1]
    mine = [a for a in audit if a["key_prefix"] == integrator_prefix and a["purpose"] == purpose]
    assert {a["action"] for a in mine} >= {"read.subject", "search", "link", "read.record"}
    assert all(a["key_name"] == "integrator" and a["role"] == "integrator" and a["at"] for a in mine)
    by_document = api.get("admin", "/audit", params={"document_id": card}).json()
    assert any(a["action"] == "link" and a["resource"] == f"dossier/{DOSSIER_B}" for a in by_document)


def test_audit_log_is_append_only_on_sqlite(embedded):
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    api = embedded
    with api.ctx.sessions() as session:
        for sql in ("UPDATE audit_log SET purpose = 'x'", "DELETE FROM audit_log"):
            try:
                session.execute(text(sql))
                raise AssertionError(f"{sql} was allowed")
            except DatabaseError as exc:
                assert "append-only" in str(exc)
                session.rollback()


def test_reports_count_digitized_signed_and_reused(embedded, digitized):
    api = embedded
    test_id_card_reused_in_a_new_dossier_without_upload(embedded, digitized)
    report = api.get("archivist", "/reports/digitization", params={"centre": "C1"}).json()
    assert report["dossiers_received"] >= 3 and report["dossiers_digitized"] >= 2
    assert report["results_signed"] >= 2 and report["share_signed"] == 1.0
    assert report["dossiers_reused"] >= 1 and 0 < report["share_reused"] < 1
    csv = api.get("admin", "/reports/digitization", params={"centre": "C1", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    header, row = csv.text.strip().splitlines()
    assert header.split(",")[:3] == ["centre", "date_from", "date_to"] and row.startswith("C1,")
    assert api.get("archivist", "/reports/digitization", params={"centre": "C2"}).status_code == 403
