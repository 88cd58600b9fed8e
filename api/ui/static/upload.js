/* Clerk batch upload: one request per file, then long-poll its job until done or failed. */
"use strict";
(() => {
  const tbody = document.querySelector("#uploads tbody");
  const summary = document.getElementById("summary");
  const items = [];
  let uploads = Promise.resolve();  // one upload at a time: the link stays usable and the API sees no racing dossier creates

  function setStatus(item, status, detail) {
    item.status = status;
    item.row.dataset.status = status;
    item.badge.className = "badge " + (status === "uploading" ? "queued" : status);
    item.badge.textContent = UI.STATUS[status] + (detail ? ": " + detail : "");
    item.retry.hidden = status !== "failed";
    refreshSummary();
  }

  function refreshSummary() {
    const count = s => items.filter(i => i.status === s).length;
    summary.textContent = `${items.length} tệp · ${count("done")} hoàn tất · ${count("failed")} lỗi · `
      + `${items.length - count("done") - count("failed")} đang xử lý`;
  }

  function addFile(file) {
    const badge = UI.el("span", { class: "badge queued", role: "status" });
    const retry = UI.el("button", { type: "button", class: "retry", text: "Thử lại", "aria-label": "Thử lại " + file.name });
    retry.hidden = true;
    const type = UI.el("td", { class: "type" });
    const row = UI.el("tr", { "data-file": file.name }, UI.el("td", { text: file.name }), UI.el("td", {}, badge), type,
      UI.el("td", {}, retry));
    tbody.append(row);
    const item = { file, row, badge, retry, type, status: "queued" };
    retry.addEventListener("click", () => enqueue(item));
    items.push(item);
    enqueue(item);
  }

  function enqueue(item) {
    setStatus(item, "queued");
    uploads = uploads.then(() => send(item));
  }

  async function send(item) {
    setStatus(item, "uploading");
    const form = new FormData();
    form.append("files", item.file, item.file.name);
    const dossier = document.getElementById("dossier_code").value.trim();
    if (dossier) form.append("dossier_code", dossier);
    try {
      const body = await UI.call("/documents", { method: "POST", body: form });
      item.job = body.jobs[0];
      track(item);  // not awaited: the next file uploads while this one is processed
    } catch (err) {
      setStatus(item, "failed", err.message);
    }
  }

  async function track(item) {
    let job = item.job;
    while (true) {
      setStatus(item, job.status);
      if (job.doc_type) item.type.textContent = UI.TYPES[job.doc_type] || job.doc_type;
      if (job.status === "done") return;
      if (job.status === "failed") { setStatus(item, "failed", job.error ? job.error.message : "không rõ lý do"); return; }
      try {
        job = await UI.call(`/jobs/${job.job_id}?wait=10`);
      } catch (err) {
        setStatus(item, "failed", err.message); return;
      }
    }
  }

  const zone = document.getElementById("dropzone");
  const input = document.getElementById("files");
  input.addEventListener("change", () => { [...input.files].forEach(addFile); input.value = ""; });
  zone.addEventListener("dragover", e => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", e => {
    e.preventDefault(); zone.classList.remove("over");
    [...e.dataTransfer.files].forEach(addFile);
  });
})();
