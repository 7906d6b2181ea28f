// The client page's Documents: share a file with the client (optionally asking them to acknowledge
// it) and see everything shared and uploaded, both ways, each to download.

import { api } from "./api.js";
import { documentItem, uploadFile } from "./document-list.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const documentsPath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}/documents`;
const form = document.querySelector("[data-share-form]");
const status = form.querySelector("[data-share-status]");

async function loadDocuments() {
  const answer = await api("GET", documentsPath);
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map((item) =>
    documentItem(item, { viewer: "staff", filePath: (d) => `/api/v1/staff/documents/${encodeURIComponent(d.id)}/file` }),
  );
  document.querySelector("[data-client-documents]").replaceChildren(...items);
  document.querySelector("[data-client-documents-empty]").hidden = items.length > 0;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  if (!form.elements.file.files.length) return showFieldErrors(form, { file: ["Choose a file to share."] });
  setBusy(form, true);
  try {
    const answer = await uploadFile(documentsPath, form);
    if (!answer.ok) {
      const unplaced = showFieldErrors(form, answer.body.errors || {});
      return showStatus(status, unplaced.join(" ") || problemMessage(answer.body), "error");
    }
    form.reset();
    showStatus(status, `Shared “${answer.body.title}” with the client.`, "success");
    await loadDocuments();
  } finally {
    setBusy(form, false);
  }
});

document.querySelector("[data-client-documents]").addEventListener("document-downloaded", (event) => {
  if (!event.detail.ok) showStatus(status, problemMessage(event.detail.body), "error");
});

loadDocuments().catch((problem) => showStatus(status, problemMessage(problem), "error"));
