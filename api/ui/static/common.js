/* Shared helpers: calls go to /ui/api/... (the session cookie carries the key server-side). */
"use strict";
const UI = {
  async call(path, options = {}) {
    const headers = Object.assign({ "X-Sohoa-UI": "1" }, options.headers || {});
    const resp = await fetch(path.startsWith("/ui/") ? path : "/ui/api" + path,
      Object.assign({ credentials: "same-origin" }, options, { headers }));
    if (resp.status === 401) { window.location.assign("/ui/login"); throw new Error("Phiên đăng nhập đã hết hạn"); }
    const type = resp.headers.get("content-type") || "";
    const body = type.includes("json") ? await resp.json() : null;
    if (!resp.ok) {
      const err = new Error((body && body.message) || ("Lỗi " + resp.status));
      err.status = resp.status; err.code = body && body.code; throw err;
    }
    return body;
  },
  postJson(path, data) {
    return UI.call(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
  },
  el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v; else if (k === "class") node.className = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  },
  toast(message) {
    const t = document.getElementById("toast");
    t.textContent = message; t.classList.add("show");
    clearTimeout(UI._t); UI._t = setTimeout(() => t.classList.remove("show"), 4000);
  },
  STATUS: { queued: "Đang chờ", processing: "Đang xử lý", done: "Hoàn tất", failed: "Lỗi", uploading: "Đang tải lên" },
  TYPES: { id_card: "Căn cước / CMND", birth_certificate: "Giấy khai sinh", marriage_certificate: "Giấy chứng nhận kết hôn",
    land_use_certificate: "GCN quyền sử dụng đất", business_registration: "Đăng ký doanh nghiệp", driving_licence: "Giấy phép lái xe",
    passport: "Hộ chiếu", official_document: "Văn bản hành chính", unknown: "Chưa xác định" },
  REVIEW: { needs_review: "Cần rà soát", auto_accepted: "Tự động chấp nhận", approved: "Đã phê duyệt",
    corrected: "Đã sửa và phê duyệt", rejected: "Đã từ chối", none: "Chưa có" },
};
