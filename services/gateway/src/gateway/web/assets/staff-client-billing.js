// The client page's "Billing": the balance, the client's cards (brand and last 4) and autopay, the
// invoices (a draft is issued with a button), a new invoice (services with date, code, description and
// fee; an adjustment), the payments (each refunded in full or in part: an amount, the remainder by
// default, and a reason, confirmed before it is sent with an Idempotency-Key kept until a final
// answer), and the ledger. Amounts are typed in dollars and sent in integer cents.

import { api } from "./api.js";
import { askToConfirm, clearFieldErrors, el, formatDay, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const billingPath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}/billing`;
const section = document.querySelector("[data-staff-billing]");
const form = document.querySelector("[data-invoice-form]");
const BRANDS = { visa: "Visa", mastercard: "Mastercard", amex: "American Express" };
const ENTRY_LABELS = { charge: "Charge", adjustment: "Adjustment", payment: "Payment", refund: "Refund" };
// What adds to the client's balance; the other kinds take from it.
const OWED = new Set(["charge", "refund"]);
// A refund retried after a lost answer keeps its key: the money is never given back twice.
const refundKeys = new Map();
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

function invoiceItem(invoice, mayIssue) {
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
  if (mayIssue && invoice.status === "draft") {
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
  const sign = OWED.has(entry.kind) ? "" : "−";
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

// 13000 → "130.00", as the amount fields are typed.
function asTyped(cents) {
  return (cents / 100).toFixed(2);
}

function refundForm(payment, opener) {
  const id = (name) => `refund-${payment.id}-${name}`;
  const form = el(
    "form",
    { class: "form refund-form", novalidate: true, "data-refund-form": payment.id },
    el(
      "div",
      { class: "form-grid" },
      el(
        "div",
        { class: "field" },
        el("label", { for: id("amount"), text: "Amount to refund" }),
        el("input", { id: id("amount"), name: "amount", inputmode: "decimal", value: asTyped(payment.refundable_cents), required: true, "aria-describedby": id("amount-error") }),
        el("p", { class: "field-error", id: id("amount-error"), "data-error-for": "amount_cents" }),
      ),
      el(
        "div",
        { class: "field" },
        el("label", { for: id("reason"), text: "Reason" }),
        el("input", { id: id("reason"), name: "reason", maxlength: 200, required: true, "aria-describedby": id("reason-error") }),
        el("p", { class: "field-error", id: id("reason-error"), "data-error-for": "reason" }),
      ),
    ),
    el("div", { class: "form-actions" }, el("button", { class: "button button--primary button--small", type: "submit", text: "Refund" })),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const body = { amount_cents: toCents(form.elements.amount.value), reason: form.elements.reason.value.trim() };
    const status = document.querySelector("[data-staff-payments-status]");
    const amount = Number.isNaN(body.amount_cents) ? form.elements.amount.value : money(body.amount_cents);
    const question = `Refund ${amount} of this payment to the client's card? This cannot be undone.`;
    if (!(await askToConfirm(document.querySelector("[data-refund-confirm]"), question, "Refund", opener))) return;
    const request = `${payment.id}:${body.amount_cents}:${body.reason}`;
    if (!refundKeys.has(request)) refundKeys.set(request, crypto.randomUUID());
    setBusy(form, true);
    const refunded = await api("POST", `/api/v1/staff/payments/${encodeURIComponent(payment.id)}/refunds`, body, { "Idempotency-Key": refundKeys.get(request) });
    setBusy(form, false);
    if (refunded.status >= 500 || refunded.status === 0 || refunded.status === 409) {
      return showStatus(status, problemMessage(refunded.body), "error");
    }
    refundKeys.delete(request);
    if (!refunded.ok) {
      showFieldErrors(form, refunded.body.errors);
      return showStatus(status, problemMessage(refunded.body), "error");
    }
    const left = refunded.body.remaining_cents ? ` ${money(refunded.body.remaining_cents)} of the payment is left to refund.` : " The payment is refunded in full.";
    showStatus(status, `Refunded ${money(refunded.body.amount_cents)} to the client's card.${left}`, "success");
    await loadBilling();
  });
  return form;
}

const REFUND_STATES = { pending: "waiting for the processor", failed: "refused by the processor" };

function refundLine(refund) {
  const state = REFUND_STATES[refund.status] ? ` (${REFUND_STATES[refund.status]})` : "";
  return el("p", { class: "item-list__meta", "data-staff-refund": refund.status, text: `Refund of ${money(refund.amount_cents)} on ${formatDay(refund.created_at.slice(0, 10))}${state}: ${refund.reason}` });
}

function paymentItem(payment, cardsById, refunds, mayRefund) {
  const card = cardsById.get(payment.card_id);
  const paidWith = card ? `${BRANDS[card.brand] || "Card"} ending ${card.last4}` : "A removed card";
  const refunded = payment.refunded_cents ? ` · ${money(payment.refunded_cents)} refunded` : "";
  const item = el(
    "li",
    { class: "item-list__item", "data-staff-payment": payment.id },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title", text: `${money(payment.amount_cents)} paid ${formatDay((payment.settled_at || payment.created_at).slice(0, 10))}` }),
      el("p", { class: "item-list__meta", text: `${paidWith}${payment.autopay ? " (autopay)" : ""}${refunded}` }),
      ...refunds.filter((refund) => refund.payment_id === payment.id).map(refundLine),
    ),
  );
  if (mayRefund && payment.refundable_cents > 0) {
    const open = el("button", { class: "button button--secondary button--small", type: "button", text: "Refund", "aria-expanded": "false" });
    open.addEventListener("click", () => {
      const shown = item.querySelector("[data-refund-form]");
      if (shown) {
        shown.remove();
        return open.setAttribute("aria-expanded", "false");
      }
      const form = refundForm(payment, open);
      item.append(form);
      open.setAttribute("aria-expanded", "true");
      form.elements.amount.focus();
    });
    item.append(el("div", { class: "item-list__actions" }, open));
  }
  return item;
}

async function loadBilling() {
  const [account, settings] = await Promise.all([api("GET", billingPath), api("GET", "/api/v1/staff/billing/settings")]);
  if (!account.ok || !settings.ok) return;
  currency = settings.body.currency;
  const { balance_cents: balance, cards, autopay, invoices, ledger, payments, refunds } = account.body;
  // Offered only to the roles the billing service lets do it (it refuses the others anyway).
  const may = new Set(account.body.allowed_actions || []);
  form.hidden = !may.has("manage_invoices");
  document.querySelector("[data-staff-balance]").textContent = money(balance);
  document.querySelector("[data-staff-autopay]").textContent = autopay
    ? `Autopay is on since ${formatDay(autopay.enrolled_at.slice(0, 10))} (agreement of ${autopay.consent_version}).`
    : "Autopay is off.";
  document.querySelector("[data-staff-cards]").replaceChildren(...cards.map((card) => cardItem(card, autopay)));
  document.querySelector("[data-staff-cards-empty]").hidden = cards.length > 0;
  document.querySelector("[data-staff-invoices]").replaceChildren(...invoices.map((invoice) => invoiceItem(invoice, may.has("manage_invoices"))));
  document.querySelector("[data-staff-invoices-empty]").hidden = invoices.length > 0;
  const paid = payments.filter((payment) => payment.status === "succeeded");
  const cardsById = new Map(cards.map((card) => [card.id, card]));
  document.querySelector("[data-staff-payments]").replaceChildren(...paid.map((payment) => paymentItem(payment, cardsById, refunds, may.has("refund_payments"))));
  document.querySelector("[data-staff-payments-empty]").hidden = paid.length > 0;
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
