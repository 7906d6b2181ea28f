// The client's Good Faith Estimates on the Billing page: each estimate the practice issued, its expected
// services and total, its PDF, and, until acknowledged, a checkbox and a button to acknowledge it. The
// acknowledgement names the PDF the client was offered (its SHA-256), so a later version needs its own.
// billing.js calls loadEstimates once the account is known; a practice without the feature answers 403.

import { api } from "./api.js";
import { saveFile } from "./download.js";
import { el, formatDay, formatMoment, problemMessage, showStatus } from "./ui.js";

const section = document.querySelector("[data-estimates-section]");
const list = document.querySelector("[data-estimates]");
const status = document.querySelector("[data-estimates-status]");

function money(cents, currency) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(cents / 100);
}

function pdfButton(item, title) {
  const button = el("button", { class: "button button--secondary", type: "button", text: "Open PDF" });
  button.setAttribute("aria-label", `Open the PDF of ${title}`);
  button.addEventListener("click", async () => {
    button.disabled = true;
    const saved = await saveFile(item.download_path, "good-faith-estimate.pdf");
    button.disabled = false;
    if (!saved.ok) showStatus(status, problemMessage(saved.body), "error");
  });
  return button;
}

function acknowledgeForm(item, title) {
  const boxId = `estimate-agree-${item.id}`;
  const box = el("input", { id: boxId, type: "checkbox", name: "agree" });
  const button = el("button", { class: "button button--primary", type: "submit", text: "Acknowledge" });
  button.setAttribute("aria-label", `Acknowledge ${title}`);
  const form = el(
    "form",
    { class: "form estimate-acknowledge", novalidate: true },
    el("div", { class: "check" }, box, el("label", { for: boxId, text: "I received this Good Faith Estimate and have read it" })),
    el("div", { class: "form-actions" }, button),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!box.checked) return showStatus(status, "Tick the box to say you received the estimate first.", "error");
    button.disabled = true;
    const done = await api("POST", `/api/v1/billing/estimates/${encodeURIComponent(item.id)}/acknowledge`, {
      document_sha256: item.document_sha256,
    });
    button.disabled = false;
    if (!done.ok) return showStatus(status, problemMessage(done.body), "error");
    showStatus(status, "Thank you. Your acknowledgement is recorded; the PDF now shows it.", "success");
    await loadEstimates();
  });
  return form;
}

function stateOf(item) {
  if (item.status === "acknowledged") return `Acknowledged ${formatMoment(item.acknowledgement.at)}`;
  if (item.status === "superseded") return "Replaced by a newer version";
  return "Waiting for your acknowledgement";
}

function estimateItem(item) {
  const title = `Good Faith Estimate, version ${item.version}`;
  const period = `${formatDay(item.period_start)} to ${formatDay(item.period_end)}`;
  const services = el(
    "ul",
    { class: "estimate-lines" },
    ...item.lines.map((line) =>
      el("li", { text: `${line.service_code ? `${line.service_code} ` : ""}${line.description}: ${line.quantity} × ${money(line.fee_cents, item.currency)}` }),
    ),
  );
  return el(
    "li",
    { class: "item-list__item", "data-estimate": item.id },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title", text: `${title}: ${item.primary_service}` }),
      el("p", { class: "item-list__meta", text: `${period} · expected ${money(item.total_cents, item.currency)} · ${stateOf(item)}` }),
      services,
      item.status === "issued" ? acknowledgeForm(item, title) : null,
    ),
    pdfButton(item, title),
  );
}

export async function loadEstimates() {
  try {
    const answer = await api("GET", "/api/v1/billing/estimates");
    if (answer.status === 403) return;
    if (!answer.ok) throw answer.body;
    list.replaceChildren(...answer.body.items.map(estimateItem));
    section.hidden = answer.body.items.length === 0;
  } catch (problem) {
    showStatus(status, problemMessage(problem), "error");
    section.hidden = false;
  }
}
