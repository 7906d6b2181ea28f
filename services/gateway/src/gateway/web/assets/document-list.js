// Documents between the practice and a client, as a list: title, file, date and size, what waits for
// the client, and a Download button (through download.js: the file is fetched with the session, then
// saved). Used by the client's Documents page and the staff client page. `upload` sends one file (the
// form's `file` field, and the other fields as they are) to `path`, the answer as api() gives it.

import { api } from "./api.js";
import { saveFile } from "./download.js";
import { el, formatDay, formatMoment } from "./ui.js";

export function fileSize(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function stateText(document, viewer) {
  if (document.origin === "client") return viewer === "staff" ? "Uploaded by the client" : "";
  if (document.acknowledged_at) return `Acknowledged ${formatMoment(document.acknowledged_at)}`;
  if (document.needs_acknowledgement) return viewer === "staff" ? "Waiting for the client's acknowledgement" : "Please read and acknowledge";
  if (!document.opened_at) return viewer === "staff" ? "Not opened yet" : "New";
  return viewer === "staff" ? `Opened ${formatMoment(document.opened_at)}` : "";
}

export function documentItem(document, { viewer, filePath, onAcknowledge }) {
  const meta = [formatMoment(document.created_at), document.filename, fileSize(document.size)].join(" · ");
  const state = stateText(document, viewer);
  const actions = el(
    "div",
    { class: "form-actions" },
    el("button", { type: "button", class: "button button--secondary button--small", "data-download": document.id, "aria-label": `Download ${document.title}` }, "Download"),
  );
  if (onAcknowledge && document.needs_acknowledgement && !document.acknowledged_at) {
    actions.append(el("button", { type: "button", class: "button button--primary button--small", "data-acknowledge": document.id, "aria-label": `I have read ${document.title}` }, "I have read it"));
  }
  const item = el(
    "li",
    { class: "item-list__item document-item", "data-document": document.id },
    el(
      "div",
      { class: "item-list__main" },
      el("span", { class: "item-list__title", text: document.title }),
      el("span", { class: "item-list__meta", text: meta }),
      state ? el("span", { class: `document-item__state${document.waiting ? " document-item__state--waiting" : ""}`, text: state }) : null,
    ),
    actions,
  );
  item.querySelector("[data-download]").addEventListener("click", async () => {
    const saved = await saveFile(filePath(document), document.filename);
    item.dispatchEvent(new CustomEvent("document-downloaded", { bubbles: true, detail: saved }));
  });
  item.querySelector("[data-acknowledge]")?.addEventListener("click", () => onAcknowledge(document));
  return item;
}

export function uploadFile(path, form) {
  const body = new FormData();
  for (const [name, value] of new FormData(form)) {
    if (name === "file" || String(value).trim()) body.append(name, value);
  }
  return api("POST", path, body);
}

function requestState(request, viewer) {
  if (request.status === "fulfilled") return `${viewer === "staff" ? "Received" : "Sent"} ${formatMoment(request.fulfilled_at)}`;
  if (request.status === "cancelled") return `Cancelled ${formatMoment(request.cancelled_at)}`;
  return viewer === "staff" ? "Waiting for the client" : "Waiting for your file";
}

// A file the practice asked the client for: what, the note, the due date and where it stands. `actions`
// are the viewer's (an upload form for the client, Cancel or Download for staff).
export function requestItem(request, { viewer, actions = [] }) {
  const meta = [request.due_on ? `Due ${formatDay(request.due_on)}` : "No due date", `Asked ${formatMoment(request.created_at)}`].join(" · ");
  return el(
    "li",
    { class: "item-list__item document-item", id: `request-${request.id}`, "data-upload-request": request.id },
    el(
      "div",
      { class: "item-list__main" },
      el("span", { class: "item-list__title", text: request.title }),
      request.note ? el("span", { class: "item-list__meta", text: request.note }) : null,
      el("span", { class: "item-list__meta", text: meta }),
      el("span", { class: `document-item__state${request.status === "open" ? " document-item__state--waiting" : ""}`, text: requestState(request, viewer) }),
    ),
    ...actions,
  );
}
