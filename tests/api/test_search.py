"""Search and subject look-ups over many documents inserted through the index functions."""
from __future__ import annotations

import pytest

from .seed import enterprise, person, seed

N = 90


@pytest.fixture(scope="module")
def seeded(embedded):
    with embedded.ctx.sessions() as session:
        return seed(session, N, tag="srch")


def test_filters_by_link_keys_type_and_centre(embedded, seeded):
    api = embedded
    by_person = api.get("province", "/documents", params={"personal_id": person(3)}).json()
    assert by_person["total"] == 1 and by_person["items"][0]["doc_type"] == "id_card"
    by_enterprise = api.get("province", "/documents", params={"enterprise_code": enterprise(4)}).json()
    assert by_enterprise["items"][0]["enterprise_code"] == enterprise(4)
    by_number = api.get("province", "/documents", params={"document_number": "5/QĐ-UBND"}).json()
    assert by_number["total"] == 1
    by_dossier = api.get("province", "/documents", params={"dossier_code": "000.00.15.H57-srch-0007"}).json()
    assert by_dossier["total"] == 1 and by_dossier["items"][0]["dossier_code"].endswith("0007")
    own = api.get("integrator", "/documents", params={"doc_type": "id_card", "q": "srch", "limit": 200}).json()
    assert own["total"] == N // 6 and all(i["centre"] == "C1" for i in own["items"])
    every = api.get("province", "/documents", params={"doc_type": "id_card", "q": "srch", "limit": 200}).json()
    assert every["total"] == N // 3


def test_date_range_and_paging(embedded, seeded):
    api = embedded
    params = {"q": "srch", "date_from": "2025-01-02", "date_to": "2025-01-02", "limit": 10}
    first = api.get("province", "/documents", params=params).json()
    assert first["total"] == 24 and len(first["items"]) == 10
    second = api.get("province", "/documents", params={**params, "offset": 10}).json()
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    dates = [i["created_at"] for i in first["items"]]
    assert dates == sorted(dates, reverse=True)


def test_full_text_with_and_without_marks(embedded, seeded):
    api = embedded
    marked = api.get("province", "/documents", params={"q": "quyền sử dụng đất srch"}).json()
    folded = api.get("province", "/documents", params={"q": "quyen su dung dat srch"}).json()
    assert marked["total"] == folded["total"] > 0
    assert api.get("province", "/documents", params={"q": "zzzz-nothing"}).json()["total"] == 0
    assert api.get("province", "/documents", params={"q": "\"*)(-"}).status_code == 200  # FTS syntax is escaped


def test_subject_documents_flag_expired_cards(embedded, seeded):
    api = embedded
    expired = api.get("province", f"/subjects/{person(0)}/documents").json()
    assert expired["items"][0]["expired"] is True and expired["items"][0]["expires_on"] == "2020-01-01"
    current = api.get("province", f"/subjects/{person(3)}/documents").json()
    assert current["items"][0]["expired"] is False
    company = api.get("province", f"/subjects/{enterprise(1)}/documents").json()
    assert company["kind"] == "enterprise" and company["items"][0]["doc_type"] == "business_registration"
    assert api.get("province", "/subjects/123/documents").status_code == 422
