// The client page's statements and superbills: staff generate a month's statement or a superbill for a
// date range (the billing profile and the lines' codes are checked by billing, its errors shown by
// field), and download what was generated. Each generation and download is audited by billing.

import { api } from "./api.js";
import { saveFile } from "./download.js";
import { clearFieldErrors, el, formatDay, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const clientId = encodeURIComponent(decodeURIComponent(window.location.pathname.split("/")[3] || ""));
const status = document.querySelector("[data-billing-documents-status]");
const NAMES = { statement: "Statement", superbill: "Superbill" };

function documentItem(item) {
  const title = `${NAMES[item.kind]} ${formatDay(item.period_start)} to ${formatDay(item.period_end)}`;
  const button = el("button", { class: "button button--quiet button--small", type: "button", text: "Download PDF" });
  button.setAttribute("aria-label", `Download ${title}`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    const saved = await saveFile(item.download_path, `${item.kind}.pdf`);
    button.disabled = false;
    if (!saved.ok) showStatus(status, problemMessage(saved.body), "error");
  });
  const meta = `Generated ${formatDay(item.created_at.slice(0, 10))}`;
  return el(
    "li",
    { class: "item-list__item" },
    el("div", { class: "item-list__main" }, el("p", { class: "item-list__title", text: title }), el("p", { class: "item-list__meta", text: meta })),
    button,
  );
}

async function loadDocuments() {
  const answers = await Promise.all(["statements", "superbills"].map((kind) => api("GET", `/api/v1/staff/clients/${clientId}/${kind}`)));
  const items = answers.filter((answer) => answer.ok).flatMap((answer) => answer.body.items);
  document.querySelector("[data-staff-documents]").replaceChildren(...items.map(documentItem));
}

function install(form, kind, body) {
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    setBusy(form, true);
    const made = await api("POST", `/api/v1/staff/clients/${clientId}/${kind}`, body(new FormData(form)));
    setBusy(form, false);
    if (!made.ok) {
      showFieldErrors(form, made.body.errors);
      return showStatus(status, problemMessage(made.body), "error");
    }
    showStatus(status, `${kind === "statements" ? "Statement" : "Superbill"} generated. The client can download it too.`, "success");
    await loadDocuments();
  });
}

install(document.querySelector("[data-statement-form]"), "statements", (data) => ({ month: data.get("month") }));
install(document.querySelector("[data-superbill-form]"), "superbills", (data) => ({ from: data.get("from"), to: data.get("to") }));
await loadDocuments();
