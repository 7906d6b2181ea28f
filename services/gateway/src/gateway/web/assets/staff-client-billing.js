// The client page's "Billing": the balance, the client's cards (brand and last 4) and autopay, the
// invoices (a draft is issued with a button), a new invoice (services with date, code, description and
// fee; an adjustment), and the ledger. Amounts are typed in dollars and sent in integer cents.

import { api } from "./api.js";
import { clearFieldErrors, el, formatDay, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const billingPath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}/billing`;
const section = document.querySelector("[data-staff-billing]");
const form = document.querySelector("[data-invoice-form]");
const BRANDS = { visa: "Visa", mastercard: "Mastercard", amex: "American Express" };
const ENTRY_LABELS = { charge: "Charge", adjustment: "Adjustment", payment: "Payment" };
let currency = "USD";

function money(cents) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(cents / 100);
}

// "150", "150.5" or "150.00" → 15000; anything else → NaN (billing then names the field).
function toCents(text) {
  const match = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] || "0").padEnd(2, "0"));
}

function lineFields(number) {
  const today = new Date().toISOString().slice(0, 10);
  const field = (name, label, attributes) => {
    const id = `line-${number}-${name}`;
    return el("div", { class: "field" }, el("label", { for: id, text: label }), el("input", { id, name: `${name}_${number}`, ...attributes }));
  };
  return el(
    "fieldset",
    { class: "form-grid invoice-line" },
    el("legend", { text: `Service ${number + 1}` }),
    field("date_of_service", "Date of service", { type: "date", value: today, required: true }),
    field("service_code", "Service code", { maxlength: 20, placeholder: "90834", required: true }),
    field("description", "Description", { maxlength: 200, placeholder: "Psychotherapy, 45 minutes", required: true }),
    field("fee", "Fee", { inputmode: "decimal", placeholder: "150.00", required: true }),
  );
}

function addLine() {
  const lines = form.querySelector("[data-invoice-lines]");
  lines.append(lineFields(lines.children.length));
}

function invoiceBody() {
  const count = form.querySelector("[data-invoice-lines]").children.length;
  const value = (name) => form.elements[name].value.trim();
  const lines = [];
  for (let n = 0; n < count; n += 1) {
    if (!value(`description_${n}`) && !value(`fee_${n}`)) continue;
    lines.push({
      date_of_service: value(`date_of_service_${n}`),
      service_code: value(`service_code_${n}`),
      description: value(`description_${n}`),
      fee_cents: toCents(value(`fee_${n}`)),
    });
  }
  const adjustments = value("adjustment_amount")
    ? [{ description: value("adjustment_description") || "Adjustment", amount_cents: toCents(value("adjustment_amount")) }]
    : [];
  return { lines, adjustments };
}

function invoiceItem(invoice) {
  const services = invoice.lines.map((line) => `${line.service_code} ${line.description} (${formatDay(line.date_of_service)})`).join(", ");
  const title = invoice.status === "issued" ? `${money(invoice.due_cents)} due of ${money(invoice.total_cents)}` : money(invoice.total_cents);
  const labels = { draft: "Draft", issued: "Issued", paid: "Paid" };
  const item = el(
    "li",
    { class: "item-list__item", "data-staff-invoice": invoice.status },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title" }, title, el("span", { class: `badge badge--${invoice.status === "paid" ? "active" : "invited"}`, text: labels[invoice.status] })),
      el("p", { class: "item-list__meta", text: services }),
    ),
  );
  if (invoice.status === "draft") {
    const issue = el("button", { class: "button button--primary button--small", type: "button", text: "Issue" });
    issue.addEventListener("click", () => issueInvoice(invoice, issue));
    item.append(el("div", { class: "item-list__actions" }, issue));
  }
  return item;
}

async function issueInvoice(invoice, button) {
  const status = document.querySelector("[data-staff-invoices-status]");
  button.disabled = true;
  const issued = await api("POST", `/api/v1/staff/invoices/${encodeURIComponent(invoice.id)}/issue`);
  button.disabled = false;
  if (!issued.ok) return showStatus(status, problemMessage(issued.body), "error");
  showStatus(status, `Invoice of ${money(issued.body.total_cents)} issued. The client sees it in the portal.`, "success");
  await loadBilling();
}

function ledgerRow(entry) {
  const sign = entry.kind === "charge" ? "" : "−";
  return el(
    "tr",
    {},
    el("td", { text: formatDay(entry.created_at.slice(0, 10)) }),
    el("td", { text: `${ENTRY_LABELS[entry.kind] || entry.kind}: ${entry.description}` }),
    el("td", { class: "ledger-amount", text: `${sign}${money(entry.amount_cents)}` }),
  );
}

function cardItem(card, autopay) {
  const month = String(card.exp_month).padStart(2, "0");
  return el(
    "li",
    { class: "item-list__item" },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title", text: `${BRANDS[card.brand] || "Card"} ending ${card.last4}` }),
      el(
        "p",
        { class: "item-list__meta" },
        `Expires ${month}/${card.exp_year}`,
        card.is_default ? el("span", { class: "badge badge--active", text: "Default" }) : null,
        autopay?.card_id === card.id ? el("span", { class: "badge badge--invited", text: "Autopay" }) : null,
      ),
    ),
  );
}

async function loadBilling() {
  const [account, settings] = await Promise.all([api("GET", billingPath), api("GET", "/api/v1/staff/billing/settings")]);
  if (!account.ok || !settings.ok) return;
  currency = settings.body.currency;
  const { balance_cents: balance, cards, autopay, invoices, ledger } = account.body;
  document.querySelector("[data-staff-balance]").textContent = money(balance);
  document.querySelector("[data-staff-autopay]").textContent = autopay
    ? `Autopay is on since ${formatDay(autopay.enrolled_at.slice(0, 10))} (agreement of ${autopay.consent_version}).`
    : "Autopay is off.";
  document.querySelector("[data-staff-cards]").replaceChildren(...cards.map((card) => cardItem(card, autopay)));
  document.querySelector("[data-staff-cards-empty]").hidden = cards.length > 0;
  document.querySelector("[data-staff-invoices]").replaceChildren(...invoices.map(invoiceItem));
  document.querySelector("[data-staff-invoices-empty]").hidden = invoices.length > 0;
  document.querySelector("[data-staff-ledger]").replaceChildren(...ledger.map(ledgerRow));
  document.querySelector("[data-staff-ledger-table]").hidden = ledger.length === 0;
  document.querySelector("[data-staff-ledger-empty]").hidden = ledger.length > 0;
  section.hidden = false;
}

form.querySelector("[data-add-line]").addEventListener("click", addLine);
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  const status = form.querySelector("[data-invoice-status]");
  setBusy(form, true);
  const made = await api("POST", `/api/v1/staff/clients/${encodeURIComponent(clientId)}/invoices`, invoiceBody());
  setBusy(form, false);
  if (!made.ok) {
    showFieldErrors(form, made.body.errors);
    return showStatus(status, problemMessage(made.body), "error");
  }
  form.reset();
  form.querySelector("[data-invoice-lines]").replaceChildren();
  addLine();
  showStatus(status, `Draft of ${money(made.body.total_cents)} saved. Issue it to send it to the client.`, "success");
  await loadBilling();
});

addLine();
await loadBilling();
