/* Dashboard: counts by state, pages per hour, and the digitization report (archivist, admin). */
"use strict";
(() => {
  function fill(dl, entries, labels) {
    dl.replaceChildren(...entries.flatMap(([k, v]) => [UI.el("dt", { text: labels[k] || k }), UI.el("dd", { text: String(v) })]));
    if (!entries.length) dl.append(UI.el("dd", { text: "Chưa có dữ liệu" }));
  }

  async function counts() {
    const body = await UI.call("/ui/data/counts");
    fill(document.getElementById("states"), Object.entries(body.states), UI.STATUS);
    fill(document.getElementById("reviews"), Object.entries(body.reviews), UI.REVIEW);
    const max = Math.max(1, ...body.pages_per_hour.map(h => h.pages));
    document.querySelector("#pph tbody").replaceChildren(...body.pages_per_hour.map(h => UI.el("tr", {},
      UI.el("td", { text: h.hour }), UI.el("td", { text: String(h.pages) }),
      UI.el("td", { "aria-hidden": "true" }, UI.el("span", { class: "bar", style: `width:${Math.round(120 * h.pages / max)}px` })))));
  }

  const LABELS = { centre: "Trung tâm", date_from: "Từ ngày", date_to: "Đến ngày", dossiers_received: "Hồ sơ tiếp nhận",
    dossiers_digitized: "Hồ sơ đã số hoá", share_digitized: "Tỷ lệ hồ sơ số hoá", results: "Tài liệu kết quả",
    results_signed: "Tài liệu đã ký số", share_signed: "Tỷ lệ ký số", dossiers_reused: "Hồ sơ tái sử dụng",
    share_reused: "Tỷ lệ tái sử dụng" };

  function show(key, value) {
    if (key.startsWith("share_") && typeof value === "number") return (value * 100).toFixed(1) + "%";
    return String(value ?? "Tất cả");
  }

  async function report(form) {
    const params = new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
    document.getElementById("report-csv").href = "/ui/api/reports/digitization?format=csv&" + params;
    const out = document.getElementById("report");
    try {
      const body = await UI.call("/reports/digitization?" + params);
      const dl = UI.el("dl", { class: "stats", id: "report-stats" });
      fill(dl, Object.entries(body).filter(([, v]) => typeof v !== "object" || v === null).map(([k, v]) => [k, show(k, v)]), LABELS);
      out.replaceChildren(dl);
    } catch (err) { out.textContent = "Không tải được báo cáo: " + err.message; }
  }

  counts().catch(err => UI.toast(err.message));
  const form = document.getElementById("report-form");
  if (form) { form.addEventListener("submit", e => { e.preventDefault(); report(form); }); report(form); }
})();
