// The client's statements, superbills and receipts on the Billing page: each list of a feature the
// practice offers (a list answering 403 stays hidden), each item downloaded as a PDF attachment.
// billing.js calls loadDocuments once the account is known (one page module signs in, not two).

import { api } from "./api.js";
import { saveFile } from "./download.js";
import { el, formatDay, problemMessage, showStatus } from "./ui.js";

const section = document.querySelector("[data-documents-section]");
const status = document.querySelector("[data-documents-status]");

function money(cents, currency) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(cents / 100);
}

const DESCRIBE = {
  statements: (item) => [`Statement ${formatDay(item.period_start)} to ${formatDay(item.period_end)}`, `Prepared ${formatDay(item.created_at.slice(0, 10))}`],
  superbills: (item) => [`Superbill ${formatDay(item.period_start)} to ${formatDay(item.period_end)}`, `For your insurer, prepared ${formatDay(item.created_at.slice(0, 10))}`],
  receipts: (item) => [
    `Receipt for ${money(item.amount_cents, item.currency)}`,
    `Paid ${formatDay((item.paid_at || "").slice(0, 10))}${item.autopay ? " by autopay" : ""}${item.refunded_cents ? ` · ${money(item.refunded_cents, item.currency)} refunded to your card` : ""}`,
  ],
};

function documentItem(kind, item) {
  const [title, meta] = DESCRIBE[kind](item);
  const button = el("button", { class: "button button--secondary", type: "button", text: "Download PDF" });
  button.setAttribute("aria-label", `Download ${title}`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    const saved = await saveFile(item.download_path, `${kind}.pdf`);
    button.disabled = false;
    if (!saved.ok) showStatus(status, problemMessage(saved.body), "error");
  });
  return el(
    "li",
    { class: "item-list__item" },
    el("div", { class: "item-list__main" }, el("p", { class: "item-list__title", text: title }), el("p", { class: "item-list__meta", text: meta })),
    button,
  );
}

async function loadList(kind) {
  const answer = await api("GET", `/api/v1/billing/${kind}`);
  if (answer.status === 403) return null;
  if (!answer.ok) throw answer.body;
  document.querySelector(`[data-documents="${kind}"]`).replaceChildren(...answer.body.items.map((item) => documentItem(kind, item)));
  document.querySelector(`[data-documents-heading="${kind}"]`).hidden = answer.body.items.length === 0;
  return answer.body.items.length;
}

export async function loadDocuments() {
  try {
    const counts = [];
    for (const kind of ["statements", "superbills", "receipts"]) counts.push(await loadList(kind));
    const offered = counts.filter((count) => count !== null);
    document.querySelector("[data-documents-empty]").hidden = offered.some((count) => count > 0);
    section.hidden = offered.length === 0;
  } catch (problem) {
    showStatus(status, problemMessage(problem), "error");
    section.hidden = false;
  }
}
