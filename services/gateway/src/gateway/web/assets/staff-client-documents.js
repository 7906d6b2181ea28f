// The client page's Documents: share a file with the client (optionally asking them to acknowledge
// it), ask the client for a file (and cancel the ask), and see everything shared and uploaded, both
// ways, each to download.

import { api } from "./api.js";
import { documentItem, requestItem, uploadFile } from "./document-list.js";
import { saveFile } from "./download.js";
import { clearFieldErrors, el, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const documentsPath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}/documents`;
const requestsPath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}/upload-requests`;
const form = document.querySelector("[data-share-form]");
const status = form.querySelector("[data-share-status]");
const askForm = document.querySelector("[data-ask-form]");
const askStatus = askForm.querySelector("[data-ask-status]");

async function loadDocuments() {
  const answer = await api("GET", documentsPath);
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map((item) =>
    documentItem(item, { viewer: "staff", filePath: (d) => `/api/v1/staff/documents/${encodeURIComponent(d.id)}/file` }),
  );
  document.querySelector("[data-client-documents]").replaceChildren(...items);
  document.querySelector("[data-client-documents-empty]").hidden = items.length > 0;
}

function requestActions(request) {
  if (request.status === "open") {
    const cancel = el("button", { type: "button", class: "button button--secondary button--small", "aria-label": `Cancel “${request.title}”` }, "Cancel");
    cancel.addEventListener("click", () => cancelRequest(request));
    return [el("div", { class: "form-actions" }, cancel)];
  }
  if (request.status !== "fulfilled") return [];
  const download = el("button", { type: "button", class: "button button--secondary button--small", "aria-label": `Download ${request.title}` }, "Download");
  download.addEventListener("click", async () => {
    const saved = await saveFile(`/api/v1/staff/documents/${encodeURIComponent(request.document_id)}/file`, request.title);
    if (!saved.ok) showStatus(askStatus, problemMessage(saved.body), "error");
  });
  return [el("div", { class: "form-actions" }, download)];
}

async function loadRequests() {
  const answer = await api("GET", requestsPath);
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map((request) => requestItem(request, { viewer: "staff", actions: requestActions(request) }));
  document.querySelector("[data-upload-requests]").replaceChildren(...items);
  document.querySelector("[data-upload-requests-empty]").hidden = items.length > 0;
}

async function cancelRequest(request) {
  const answer = await api("POST", `/api/v1/staff/upload-requests/${encodeURIComponent(request.id)}/cancel`);
  if (!answer.ok) return showStatus(askStatus, problemMessage(answer.body), "error");
  showStatus(askStatus, `Cancelled “${request.title}”.`, "success");
  await loadRequests();
}

askForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(askForm);
  const fields = askForm.elements;
  const body = { title: fields.title.value, note: fields.note.value.trim() || null, due_on: fields.due_on.value || null };
  setBusy(askForm, true);
  try {
    const answer = await api("POST", requestsPath, body);
    if (!answer.ok) {
      const unplaced = showFieldErrors(askForm, answer.body.errors || {});
      return showStatus(askStatus, unplaced.join(" ") || problemMessage(answer.body), "error");
    }
    askForm.reset();
    showStatus(askStatus, `Asked the client for “${answer.body.title}”.`, "success");
    await loadRequests();
  } finally {
    setBusy(askForm, false);
  }
});

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
loadRequests().catch((problem) => showStatus(askStatus, problemMessage(problem), "error"));
