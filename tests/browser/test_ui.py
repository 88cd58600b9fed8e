"""The UI in headless Chromium: a clerk uploads a batch, an archivist corrects, approves and gets a re-signed PDF.

The tests share one server and follow the journey in file order; each also runs
alone: ``batch`` and ``reviewed_card`` bring about what an earlier test would
have done (through the HTTP API) when it has not run.
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from playwright.sync_api import expect

SCANS = Path(__file__).resolve().parents[2] / "samples" / "scans"
BATCH = ["id_card_001_front.jpg", "birth_certificate_001.jpg"]
CARD = BATCH[0]
DOSSIER = "000.00.15.H57-251204-0001"
PIPELINE_TIMEOUT = 150_000  # ms: real OCR on a loaded machine


@pytest.fixture(scope="session")
def api(server):
    from tests.api.helpers import Api
    client = Api(server.url, server.keys)
    yield client
    client.client.close()


@pytest.fixture(scope="session")
def batch(api) -> dict[str, str]:
    """File name -> document id of the clerk's batch (dossier ``DOSSIER``), uploading it if needed."""
    if not _batch_ids(api):
        files = [("files", (name, (SCANS / name).read_bytes(), "image/jpeg")) for name in BATCH]
        jobs = api.post("clerk", "/documents", files=files, data={"dossier_code": DOSSIER}).json()["jobs"]
        assert all(api.wait_job("clerk", job["job_id"], timeout=PIPELINE_TIMEOUT / 1000)["status"] == "done"
                   for job in jobs)
    return _batch_ids(api)


def _batch_ids(api) -> dict[str, str]:
    items = api.get("archivist", "/documents", params={"dossier_code": DOSSIER}).json()["items"]
    return {item["title"]: item["id"] for item in items if item["status"] == "done"}


@pytest.fixture
def reviewed_card(api, batch) -> str:
    """The card's id, corrected and approved (through the API if the review test has not run)."""
    doc_id = batch[CARD]
    if api.get("archivist", f"/documents/{doc_id}").json()["review_status"] != "corrected":
        body = {"status": "approved", "corrections": {"place_of_origin": "Bến Thuỷ, Vinh, Nghệ An"}}
        assert api.post("archivist", f"/documents/{doc_id}/review", json=body).status_code == 200
    return doc_id


def shot(page, shots, name: str) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=False)


def test_sign_in_refuses_a_bad_key(browser, server, shots):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(server.url + "/ui/")
    expect(page).to_have_url(re.compile(r"/ui/login$"))
    page.get_by_label("Khoá API").fill("sohoa_dead_beef")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("không hợp lệ")
    shot(page, shots, "login")
    assert not [c for c in context.cookies() if c["name"] == "sohoa_ui"]
    context.close()


def test_cookie_calls_need_the_ui_header_and_pages_need_a_session(server):
    with httpx.Client(base_url=server.url, follow_redirects=False) as client:
        assert client.get("/ui/queue").headers["location"] == "/ui/login"
        assert client.get("/ui/api/jobs/" + "0" * 32).status_code == 401
        client.cookies.set("sohoa_ui", server.keys["clerk"], path="/ui")
        forged = client.post("/ui/api/documents", files={"files": ("a.jpg", b"x", "image/jpeg")})
        assert forged.status_code == 403 and forged.json()["code"] == "forbidden"
        assert client.get("/ui/data/queue").status_code == 403  # clerks do not review


def test_clerk_uploads_a_batch_and_watches_it_finish(login, server, shots):
    page = login("clerk")
    expect(page).to_have_url(re.compile(r"/ui/upload$"))
    cookie = next(c for c in page.context.cookies() if c["name"] == "sohoa_ui")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    expect(page.get_by_role("link", name="Hàng đợi rà soát")).to_have_count(0)  # clerks do not review
    page.get_by_label("Mã hồ sơ (không bắt buộc)").fill(DOSSIER)
    page.set_input_files("#files", [str(SCANS / name) for name in BATCH])
    # a broken file dropped onto the zone fails with its reason and offers a retry
    drop = page.evaluate_handle("""() => { const dt = new DataTransfer();
        dt.items.add(new File(["not an image"], "hong.jpg", {type: "image/jpeg"})); return dt; }""")
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": drop})
    broken = page.locator('tr[data-file="hong.jpg"]')
    expect(broken).to_have_attribute("data-status", "failed", timeout=PIPELINE_TIMEOUT)
    expect(broken).to_contain_text("Lỗi")
    expect(broken.get_by_role("button", name="Thử lại hong.jpg")).to_be_visible()
    for name in BATCH:
        expect(page.locator(f'tr[data-file="{name}"]')).to_have_attribute("data-status", "done", timeout=PIPELINE_TIMEOUT)
    expect(page.locator(f'tr[data-file="{CARD}"] td.type')).to_have_text("Căn cước / CMND")
    expect(page.locator("#summary")).to_contain_text("2 hoàn tất · 1 lỗi")
    expect(page.locator(f'tr[data-file="{CARD}"]').get_by_role("button")).to_be_hidden()
    broken.get_by_role("button", name="Thử lại hong.jpg").click()
    expect(broken).not_to_have_attribute("data-status", "failed")
    expect(broken).to_have_attribute("data-status", "failed", timeout=PIPELINE_TIMEOUT)
    shot(page, shots, "upload")
    page.goto(server.url + "/ui/queue")
    expect(page.get_by_role("alert")).to_contain_text("không được dùng trang này")


def test_archivist_queue_lists_documents_needing_review_first(login, server, shots, batch):
    page = login("archivist")
    expect(page).to_have_url(re.compile(r"/ui/queue$"))
    rows = page.locator("#queue tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_class(re.compile("needs"))
    card = page.locator("#queue tbody tr", has=page.get_by_role("link", name=CARD))
    expect(card).to_contain_text("độ tin cậy thấp")
    page.select_option("#f-type", "birth_certificate")
    page.get_by_role("button", name="Lọc").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Giấy khai sinh")
    page.select_option("#f-type", "")
    page.fill("#f-centre", "C9")
    page.get_by_role("button", name="Lọc").click()
    expect(rows).to_have_count(0)
    page.fill("#f-centre", "C1")
    page.get_by_role("button", name="Lọc").click()
    expect(rows).to_have_count(2)
    shot(page, shots, "queue")
    for name in BATCH:
        expect(page.get_by_role("link", name=name)).to_have_attribute("href", f"/ui/review/{batch[name]}")


def test_archivist_corrects_approves_and_downloads_a_resigned_pdf(login, server, shots, batch):
    from sohoa.signing import default_trust_roots, verify_pdf
    page = login("archivist")
    doc_id = batch[CARD]
    page.goto(f"{server.url}/ui/review/{doc_id}")
    expect(page.locator("#review")).to_have_attribute("data-ready", "1")
    expect(page.locator("#page-img")).to_have_js_property("complete", True)
    boxes = page.locator(".box")
    assert boxes.count() >= 3
    # the first low-confidence field has focus, and its box is highlighted
    focused = page.locator(".field.active")
    expect(focused).to_have_attribute("data-low", "1")
    key = focused.get_attribute("data-field")
    expect(page.locator(f'.box[data-field="{key}"]')).to_have_class(re.compile("active"))
    # selecting a box focuses its field
    page.locator('.box[data-field="place_of_origin"]').click()
    expect(page.locator("#field-place_of_origin")).to_be_focused()
    expect(page.locator('.field[data-field="place_of_origin"]')).to_have_class(re.compile("active"))
    # keyboard: Enter accepts and moves on, Shift+Enter goes back
    page.keyboard.press("Enter")
    expect(page.locator('.field[data-field="place_of_origin"]')).to_have_class(re.compile("accepted"))
    expect(page.locator("#field-place_of_origin")).not_to_be_focused()
    page.keyboard.press("Shift+Enter")
    expect(page.locator("#field-place_of_origin")).to_be_focused()
    page.get_by_role("button", name="Phóng to").click()
    expect(page.locator("#zoom-level")).to_have_text("125%")
    page.get_by_role("button", name="Vừa khung").click()
    page.fill("#field-place_of_origin", "Bến Thuỷ, Vinh, Nghệ An")
    shot(page, shots, "review")
    page.get_by_role("button", name="Phê duyệt và ký lại").click()
    expect(page.locator("#result")).to_contain_text("2 chữ ký, chữ ký hợp lệ", timeout=60_000)
    shot(page, shots, "review-approved")
    with page.expect_download() as download:
        page.locator("#download-pdf").click()
    data = Path(download.value.path()).read_bytes()
    with ThreadPoolExecutor(1) as pool:  # pyhanko runs asyncio; Playwright's sync API owns this thread's loop
        report = pool.submit(verify_pdf, data, trust_roots=default_trust_roots(server.settings)).result()
    assert report.valid, report.to_dict()
    assert len(report.signatures) == 2
    _check_api_side(server, doc_id)


def _check_api_side(server, doc_id: str) -> None:
    from sohoa.models.api_tables import AuditEvent
    headers = {"X-API-Key": server.keys["archivist"], "X-Purpose": "test: check the review"}
    body = httpx.get(f"{server.url}/api/v1/documents/{doc_id}/extraction", headers=headers).json()
    field = body["fields"]["place_of_origin"]
    assert field["value"] == "Bến Thuỷ, Vinh, Nghệ An" and field["source"].startswith("reviewer:")
    assert body["review_status"] == "corrected"
    with server.ctx.sessions() as session:
        actions = {(e.action, e.key_name) for e in session.query(AuditEvent).filter_by(document_id=doc_id)}
    assert ("read.review", "ui-archivist") in actions  # the reviewer and the time of the decision


def test_archivist_rejects_with_a_reason(login, server, batch):
    from sohoa.models.api_tables import AuditEvent
    doc_id = batch[BATCH[1]]
    page = login("archivist")
    page.goto(f"{server.url}/ui/review/{doc_id}")
    expect(page.locator("#review")).to_have_attribute("data-ready", "1")
    page.get_by_role("button", name="Từ chối").click()
    expect(page.get_by_label("Lý do từ chối")).to_be_focused()
    page.get_by_label("Lý do từ chối").fill("Ảnh mờ, cần quét lại bản gốc")
    page.get_by_role("button", name="Từ chối").click()
    expect(page.locator("#result")).to_contain_text("Đã từ chối")
    with server.ctx.sessions() as session:
        reasons = [e.purpose for e in session.query(AuditEvent).filter_by(document_id=doc_id, action="review.reason")]
    assert reasons == ["Ảnh mờ, cần quét lại bản gốc"]


def test_dashboard_counts_and_report(login, server, shots, reviewed_card):
    page = login("archivist")
    page.get_by_role("link", name="Tổng quan").click()
    expect(page.locator("#states")).to_contain_text("Hoàn tất")
    expect(page.locator("#reviews")).to_contain_text("Đã sửa và phê duyệt")
    expect(page.locator("#pph tbody tr")).not_to_have_count(0)
    expect(page.locator('#report-stats dt:text-is("Hồ sơ tiếp nhận") + dd')).to_have_text("1")
    shot(page, shots, "dashboard")
    admin = login("admin")
    expect(admin).to_have_url(re.compile(r"/ui/dashboard$"))
    expect(admin.get_by_role("link", name="Tải lên")).to_have_count(0)
    expect(admin.locator("#report-stats")).to_be_visible()


def test_keyboard_users_reach_the_form_in_order(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(server.url + "/ui/login")
    expect(page.get_by_label("Khoá API")).to_be_focused()  # autofocus on the only field
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    context.close()
