/* Review queue: documents needing review first; filters by centre, type and date. */
"use strict";
(() => {
  const form = document.getElementById("filters");
  const tbody = document.querySelector("#queue tbody");
  const count = document.getElementById("queue-count");

  function reasons(item) {
    const parts = [];
    if (item.low_confidence.length) parts.push(`${item.low_confidence.length} trường độ tin cậy thấp`);
    if (item.failing.length) parts.push(`${item.failing.length} trường không hợp lệ`);
    if (item.doc_errors.length) parts.push("lỗi kiểm tra tài liệu");
    return parts.join(", ") || (item.needs_review ? "Cần xác nhận" : "—");
  }

  function row(item) {
    const link = UI.el("a", { href: `/ui/review/${item.id}`, text: item.filename || item.id });
    const needs = item.needs_review ? UI.el("span", { class: "badge warn", text: reasons(item) }) : reasons(item);
    return UI.el("tr", { class: item.needs_review ? "needs" : "", "data-id": item.id },
      UI.el("td", {}, link), UI.el("td", { text: UI.TYPES[item.doc_type] || item.doc_type || "" }),
      UI.el("td", { text: item.centre || "" }), UI.el("td", { text: (item.created_at || "").slice(0, 10) }),
      UI.el("td", {}, needs), UI.el("td", { text: UI.REVIEW[item.review_status] || item.review_status || "" }));
  }

  async function load() {
    const params = new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
    count.textContent = "Đang tải…";
    try {
      const body = await UI.call("/ui/data/queue?" + params);
      tbody.replaceChildren(...body.items.map(row));
      const pending = body.items.filter(i => i.needs_review);
      sessionStorage.setItem("sohoa-queue", JSON.stringify(pending.map(i => i.id)));
      count.textContent = `${body.items.length} tài liệu, ${pending.length} cần rà soát`;
    } catch (err) { count.textContent = "Không tải được hàng đợi: " + err.message; }
  }

  form.addEventListener("submit", e => { e.preventDefault(); load(); });
  load();
})();
