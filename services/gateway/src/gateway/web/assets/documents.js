// The client's Documents page: what the practice shared (download, and "I have read it" where the
// practice asked) and My uploads (the files the practice asked for, each with its own upload; send a
// file; see what was sent). Each part shows only while the practice offers its feature (`documents`,
// `uploads`).

import { api } from "./api.js";
import { documentItem, requestItem, uploadFile } from "./document-list.js";
import { clearFieldErrors, el, problemMessage, requireAccount, setBusy, showFieldErrors, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");
const sharedStatus = document.querySelector("[data-shared-status]");
const uploadForm = document.querySelector("[data-upload-form]");
const uploadStatus = uploadForm.querySelector("[data-upload-status]");
const requestsStatus = document.querySelector("[data-requests-status]");

async function loadShared() {
  const answer = await api("GET", "/api/v1/documents");
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map((item) =>
    documentItem(item, {
      viewer: "client",
      filePath: (d) => `/api/v1/documents/${encodeURIComponent(d.id)}/file`,
      onAcknowledge: acknowledge,
    }),
  );
  document.querySelector("[data-shared]").replaceChildren(...items);
  document.querySelector("[data-shared-empty]").hidden = items.length > 0;
}

async function loadUploads() {
  const answer = await api("GET", "/api/v1/uploads");
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map((item) =>
    documentItem(item, { viewer: "client", filePath: (d) => `/api/v1/uploads/${encodeURIComponent(d.id)}/file` }),
  );
  document.querySelector("[data-uploads]").replaceChildren(...items);
  document.querySelector("[data-uploads-empty]").hidden = items.length > 0;
}

// An open request carries its own small form: the file goes to that request.
function requestForm(request) {
  const inputId = `request-file-${request.id}`;
  const form = el(
    "form",
    { class: "form form--inline", novalidate: true, "data-request-form": request.id },
    el("label", { for: inputId, text: `File for “${request.title}”` }),
    el("input", { id: inputId, name: "file", type: "file", required: true, accept: uploadForm.elements.file.accept }),
    el("p", { class: "field-error", "data-error-for": "file" }),
    el("div", { class: "form-actions" }, el("button", { class: "button button--primary button--small", type: "submit" }, "Upload")),
  );
  form.addEventListener("submit", (event) => sendRequested(event, request, form));
  return form;
}

async function sendRequested(event, request, form) {
  event.preventDefault();
  clearFieldErrors(form);
  if (!form.elements.file.files.length) return showFieldErrors(form, { file: ["Choose a file to upload."] });
  setBusy(form, true);
  showStatus(requestsStatus, "Uploading…");
  try {
    const answer = await uploadFile(`/api/v1/upload-requests/${encodeURIComponent(request.id)}/file`, form);
    if (!answer.ok) {
      const unplaced = showFieldErrors(form, answer.body.errors || {});
      return showStatus(requestsStatus, unplaced.join(" ") || problemMessage(answer.body), "error");
    }
    showStatus(requestsStatus, `Sent “${request.title}”. Your practice can see it now.`, "success");
    await Promise.all([loadRequests(), loadUploads()]);
  } finally {
    setBusy(form, false);
  }
}

async function loadRequests() {
  const answer = await api("GET", "/api/v1/upload-requests");
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map((request) =>
    requestItem(request, { viewer: "client", actions: request.status === "open" ? [requestForm(request)] : [] }),
  );
  document.querySelector("[data-upload-requests]").replaceChildren(...items);
  document.querySelector("[data-requests-part]").hidden = items.length === 0;
}

async function acknowledge(item) {
  const answer = await api("POST", `/api/v1/documents/${encodeURIComponent(item.id)}/acknowledge`);
  if (!answer.ok) return showStatus(sharedStatus, problemMessage(answer.body), "error");
  showStatus(sharedStatus, `Thank you: your practice can see you have read “${item.title}”.`, "success");
  await loadShared();
}

// A download marks a shared document opened: show it.
document.querySelector("[data-shared]").addEventListener("document-downloaded", (event) => {
  if (!event.detail.ok) return showStatus(sharedStatus, problemMessage(event.detail.body), "error");
  loadShared().catch(() => {});
});

uploadForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(uploadForm);
  if (!uploadForm.elements.file.files.length) return showFieldErrors(uploadForm, { file: ["Choose a file to upload."] });
  setBusy(uploadForm, true);
  showStatus(uploadStatus, "Uploading…");
  try {
    const answer = await uploadFile("/api/v1/uploads", uploadForm);
    if (!answer.ok) {
      const unplaced = showFieldErrors(uploadForm, answer.body.errors || {});
      return showStatus(uploadStatus, unplaced.join(" ") || problemMessage(answer.body), "error");
    }
    uploadForm.reset();
    showStatus(uploadStatus, `Uploaded “${answer.body.title}”. Your practice can see it now.`, "success");
    await loadUploads();
  } finally {
    setBusy(uploadForm, false);
  }
});

try {
  const account = await requireAccount("client");
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    const features = (await api("GET", "/api/v1/dashboard")).body?.features || {};
    const shown = [];
    if (features.documents !== false) shown.push(loadShared().then(() => (document.querySelector('[data-feature="documents"]').hidden = false)));
    if (features.uploads !== false) {
      const uploads = Promise.all([loadUploads(), loadRequests()]);
      shown.push(uploads.then(() => (document.querySelector('[data-feature="uploads"]').hidden = false)));
    }
    await Promise.all(shown);
    document.querySelector("[data-documents-page]").hidden = false;
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
