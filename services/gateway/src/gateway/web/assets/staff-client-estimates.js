// The client page's Good Faith Estimates: staff draft one (the primary service, the period of up to 12
// months, the expected services with their codes, sessions and fee each) and issue it; the list shows
// each version, whether the client acknowledged it, and its PDF. Billing checks every field.

import { api } from "./api.js";
import { saveFile } from "./download.js";
import { clearFieldErrors, el, formatDay, formatMoment, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const clientId = encodeURIComponent(decodeURIComponent(window.location.pathname.split("/")[3] || ""));
const form = document.querySelector("[data-estimate-form]");
const status = document.querySelector("[data-estimates-status]");
const STATES = { draft: "Draft", issued: "Issued, not yet acknowledged", acknowledged: "Acknowledged", superseded: "Replaced by a newer version" };

function money(cents, currency) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(cents / 100);
}

function toCents(text) {
  const match = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] || "0").padEnd(2, "0"));
}

function lineFields(number) {
  const field = (name, label, attributes) => {
    const id = `estimate-line-${number}-${name}`;
    return el("div", { class: "field" }, el("label", { for: id, text: label }), el("input", { id, name: `${name}_${number}`, ...attributes }));
  };
  return el(
    "fieldset",
    { class: "form-grid invoice-line" },
    el("legend", { text: `Expected service ${number + 1}` }),
    field("service_code", "CPT code", { maxlength: 10, placeholder: "90834" }),
    field("description", "Description", { maxlength: 200, placeholder: "Psychotherapy, 45 minutes", required: true }),
    field("quantity", "Sessions", { inputmode: "numeric", value: "1", required: true }),
    field("fee", "Fee each", { inputmode: "decimal", placeholder: "150.00", required: true }),
    field("diagnoses", "Diagnoses (ICD-10)", { maxlength: 40, placeholder: "F41.1" }),
  );
}

function addLine() {
  const lines = form.querySelector("[data-estimate-lines]");
  lines.append(lineFields(lines.children.length));
}

function estimateBody() {
  const value = (name) => form.elements[name].value.trim();
  const lines = [];
  for (let n = 0; n < form.querySelector("[data-estimate-lines]").children.length; n += 1) {
    if (!value(`description_${n}`) && !value(`fee_${n}`)) continue;
    lines.push({
      service_code: value(`service_code_${n}`),
      description: value(`description_${n}`),
      quantity: Number.parseInt(value(`quantity_${n}`), 10),
      fee_cents: toCents(value(`fee_${n}`)),
      diagnosis_codes: value(`diagnoses_${n}`).split(/[\s,]+/).filter(Boolean),
    });
  }
  return { primary_service: value("primary_service"), period_start: value("period_start"), period_end: value("period_end"), lines };
}

function actionButton(label, ariaLabel, onClick) {
  const button = el("button", { class: "button button--quiet button--small", type: "button", text: label });
  button.setAttribute("aria-label", ariaLabel);
  button.addEventListener("click", async () => {
    button.disabled = true;
    await onClick();
    button.disabled = false;
  });
  return button;
}

function estimateItem(item) {
  const title = `Good Faith Estimate v${item.version}: ${item.primary_service}`;
  const acknowledged = item.acknowledgement ? ` on ${formatMoment(item.acknowledgement.at)}` : "";
  const meta = `${formatDay(item.period_start)} to ${formatDay(item.period_end)} · ${money(item.total_cents, item.currency)} · ${STATES[item.status]}${acknowledged}`;
  const action =
    item.status === "draft"
      ? actionButton("Issue", `Issue ${title}`, async () => {
          const issued = await api("POST", `/api/v1/staff/estimates/${encodeURIComponent(item.id)}/issue`);
          if (!issued.ok) return showStatus(status, problemMessage(issued.body), "error");
          showStatus(status, "Estimate issued. The client sees it in the portal and can acknowledge it.", "success");
          await loadEstimates();
        })
      : actionButton("Download PDF", `Download ${title}`, async () => {
          const saved = await saveFile(item.download_path, "good-faith-estimate.pdf");
          if (!saved.ok) showStatus(status, problemMessage(saved.body), "error");
        });
  return el(
    "li",
    { class: "item-list__item", "data-staff-estimate": item.status },
    el("div", { class: "item-list__main" }, el("p", { class: "item-list__title", text: title }), el("p", { class: "item-list__meta", text: meta })),
    action,
  );
}

async function loadEstimates() {
  const answer = await api("GET", `/api/v1/staff/clients/${clientId}/estimates`);
  if (!answer.ok) return;
  document.querySelector("[data-staff-estimates]").replaceChildren(...answer.body.items.map(estimateItem));
  document.querySelector("[data-staff-estimates-empty]").hidden = answer.body.items.length > 0;
}

if (form) {
  form.querySelector("[data-add-estimate-line]").addEventListener("click", addLine);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    setBusy(form, true);
    const made = await api("POST", `/api/v1/staff/clients/${clientId}/estimates`, estimateBody());
    setBusy(form, false);
    if (!made.ok) {
      showFieldErrors(form, made.body.errors);
      return showStatus(status, problemMessage(made.body), "error");
    }
    form.reset();
    form.querySelector("[data-estimate-lines]").replaceChildren();
    addLine();
    showStatus(status, `Draft of ${money(made.body.total_cents, made.body.currency)} saved. Issue it to send it to the client.`, "success");
    await loadEstimates();
  });
  addLine();
  await loadEstimates();
}
