/* Review page: page image with zoom and field boxes, editable fields, keyboard flow, approve/reject. */
"use strict";
(() => {
  const root = document.getElementById("review");
  const docId = root.dataset.doc;
  const form = document.getElementById("fields");
  const pagebox = document.getElementById("pagebox");
  const img = document.getElementById("page-img");
  const pageSelect = document.getElementById("page-select");
  const result = document.getElementById("result");
  const LABELS = { id_number: "Số định danh", personal_id: "Số định danh cá nhân", full_name: "Họ và tên",
    date_of_birth: "Ngày sinh", sex: "Giới tính", nationality: "Quốc tịch", ethnicity: "Dân tộc",
    place_of_birth: "Nơi sinh", place_of_origin: "Quê quán", place_of_residence: "Nơi thường trú",
    expiry_date: "Có giá trị đến", issue_date: "Ngày cấp", mother_name: "Họ tên mẹ", father_name: "Họ tên cha",
    mother_birth_year: "Năm sinh của mẹ", father_birth_year: "Năm sinh của cha", document_number: "Số văn bản",
    enterprise_code: "Mã số doanh nghiệp", passport_number: "Số hộ chiếu", licence_number: "Số giấy phép" };
  let threshold = 0.9, zoom = 1, fields = [], current = -1, page = 1;

  const byId = key => fields.find(f => f.key === key);

  function setZoom(value) {
    zoom = Math.min(4, Math.max(0.5, value));
    pagebox.style.width = (zoom * 100) + "%";
    document.getElementById("zoom-level").textContent = Math.round(zoom * 100) + "%";
  }

  function showPage(number) {
    page = number;
    pageSelect.value = String(number);
    img.src = `/ui/api/documents/${docId}/pages/${number}`;
    pagebox.querySelectorAll(".box").forEach(b => { b.hidden = Number(b.dataset.page) !== number; });
  }

  function activate(index, scroll = true) {
    if (index < 0 || index >= fields.length) return;
    fields.forEach((f, i) => { f.node.classList.toggle("active", i === index); f.box && f.box.classList.toggle("active", i === index); });
    current = index;
    const f = fields[index];
    if (f.box) {
      if (Number(f.box.dataset.page) !== page) showPage(Number(f.box.dataset.page));
      if (scroll) f.box.scrollIntoView({ block: "center", inline: "center" });
    }
  }

  function focusField(index) {
    if (index < 0 || index >= fields.length) return;
    fields[index].input.focus();
  }

  function box(key, field, kind) {
    const [x0, y0, x1, y1] = field.bbox;
    const b = UI.el("button", { type: "button", class: "box " + kind, "data-field": key, "data-page": field.page || 1,
      "aria-label": "Vùng của trường " + (LABELS[key] || key), tabindex: "-1",
      style: `left:${x0 * 100}%;top:${y0 * 100}%;width:${(x1 - x0) * 100}%;height:${(y1 - y0) * 100}%` });
    b.addEventListener("click", () => focusField(fields.findIndex(f => f.key === key)));
    pagebox.append(b);
    return b;
  }

  function fieldNode(key, field, index) {
    const id = "field-" + key;
    const low = field.value !== null && (field.confidence ?? 0) < threshold;
    const errors = field.errors || [];
    const conf = UI.el("span", { class: "conf" + (low ? " low" : ""),
      text: `độ tin cậy ${Math.round((field.confidence ?? 0) * 100)}%${low ? " — cần kiểm tra" : ""}` });
    const label = UI.el("label", { for: id }, LABELS[key] || key, conf);
    const msgs = UI.el("ul", { class: "msg", id: id + "-msg" }, ...errors.map(e => UI.el("li", { text: e })));
    const input = UI.el("input", { id, name: key, value: field.value ?? "", autocomplete: "off", spellcheck: "false",
      "aria-describedby": errors.length ? id + "-msg" : null, "aria-invalid": errors.length ? "true" : null });
    const node = UI.el("div", { class: "field", "data-field": key, "data-low": low ? "1" : "0" }, label, input, msgs);
    input.addEventListener("focus", () => activate(index));
    input.addEventListener("keydown", e => onFieldKey(e, index));
    return { node, input, low, kind: errors.length ? "bad" : low ? "low" : "" };
  }

  function onFieldKey(e, index) {
    if (e.key !== "Enter" || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    if (e.shiftKey) { focusField(index - 1); return; }
    fields[index].node.classList.add("accepted");
    if (index + 1 < fields.length) focusField(index + 1); else document.getElementById("approve").focus();
  }

  function render(extraction) {
    const pages = (extraction.page_images || extraction.pages || []).map(p => p.number);
    pageSelect.replaceChildren(...(pages.length ? pages : [1]).map(n => UI.el("option", { value: n, text: String(n) })));
    const entries = Object.entries(extraction.fields || {}).filter(([, f]) => f.source !== "layout");
    entries.sort(([, a], [, b]) => (a.page || 99) - (b.page || 99) || ((a.bbox || [0, 9])[1] - (b.bbox || [0, 9])[1]));
    fields = entries.map(([key, field], index) => {
      const made = fieldNode(key, field, index);
      form.append(made.node);
      return { key, original: field.value ?? "", ...made, box: field.bbox ? box(key, field, made.kind) : null };
    });
    showPage(pages[0] || 1);
    const first = fields.findIndex(f => f.low || f.kind === "bad");
    focusField(first >= 0 ? first : 0);
  }

  function corrections() {
    const out = {};
    for (const f of fields) if (f.input.value.trim() !== String(f.original).trim()) out[f.key] = f.input.value.trim();
    return out;
  }

  function nextDocument() {
    const queue = JSON.parse(sessionStorage.getItem("sohoa-queue") || "[]").filter(id => id !== docId);
    sessionStorage.setItem("sohoa-queue", JSON.stringify(queue));
    window.location.assign(queue.length ? `/ui/review/${queue[0]}` : "/ui/queue");
  }

  function busy(on) { ["approve", "reject"].forEach(id => { document.getElementById(id).disabled = on; }); }

  async function approve() {
    if (document.getElementById("approve").disabled) return;
    busy(true); result.className = "result"; result.textContent = "Đang phê duyệt và ký lại…";
    try {
      const changes = corrections();
      const doc = await UI.postJson(`/documents/${docId}/review`, { status: "approved", corrections: changes });
      const check = await UI.call(`/documents/${docId}/verification`);  // the API re-signed on approval
      const verdict = check.valid ? "chữ ký hợp lệ" : "CHỮ KÝ KHÔNG HỢP LỆ";
      result.className = "result ok";
      result.replaceChildren(`${UI.REVIEW[doc.review_status] || doc.review_status} · ${check.report.signatures.length} chữ ký, ${verdict}. `,
        UI.el("a", { id: "download-pdf", href: `/ui/api/documents/${docId}/pdf`, download: "", text: "Tải PDF đã ký" }));
      fields.forEach(f => { f.original = f.input.value.trim(); });
      document.getElementById("download-pdf").focus();
    } catch (err) { result.className = "result error"; result.textContent = "Không phê duyệt được: " + err.message; }
    busy(false);
  }

  async function reject() {
    const reason = document.getElementById("reject-reason");
    if (reason.value.trim().length < 3) {
      reason.setAttribute("aria-invalid", "true"); reason.focus(); UI.toast("Nhập lý do từ chối (ít nhất 3 ký tự)."); return;
    }
    busy(true);
    try {
      const doc = await UI.postJson(`/documents/${docId}/review`, { status: "rejected", corrections: {} });
      await UI.postJson(`/ui/review/${docId}/reason`, { reason: reason.value.trim() });
      result.className = "result ok"; result.textContent = `${UI.REVIEW[doc.review_status]} — lý do đã được ghi nhật ký.`;
    } catch (err) { result.className = "result error"; result.textContent = "Không từ chối được: " + err.message; }
    busy(false);
  }

  async function load() {
    try {
      const [doc, extraction, config] = await Promise.all([UI.call(`/documents/${docId}`),
        UI.call(`/documents/${docId}/extraction`), UI.call("/ui/data/review-config")]);
      threshold = config.threshold;
      document.getElementById("doc-meta").textContent = `${doc.title || doc.filename} · ${UI.TYPES[doc.doc_type] || doc.doc_type}`
        + ` · ${doc.centre || ""} · ${UI.REVIEW[doc.review_status] || doc.review_status || ""}`;
      render(extraction);
      root.dataset.ready = "1";
    } catch (err) { document.getElementById("doc-meta").textContent = "Không tải được tài liệu: " + err.message; }
  }

  document.getElementById("zoom-in").addEventListener("click", () => setZoom(zoom * 1.25));
  document.getElementById("zoom-out").addEventListener("click", () => setZoom(zoom / 1.25));
  document.getElementById("zoom-fit").addEventListener("click", () => setZoom(1));
  pageSelect.addEventListener("change", () => showPage(Number(pageSelect.value)));
  document.getElementById("approve").addEventListener("click", approve);
  document.getElementById("reject").addEventListener("click", reject);
  document.getElementById("next-doc").addEventListener("click", e => { e.preventDefault(); nextDocument(); });
  document.addEventListener("keydown", e => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); approve(); }
    else if (e.altKey && (e.key === "n" || e.key === "N")) { e.preventDefault(); nextDocument(); }
  });
  form.addEventListener("submit", e => e.preventDefault());
  load();
})();
