// The client's billing: the balance and open invoices (each paid with a saved card, once per press:
// a payment carries an Idempotency-Key kept until it gets a final answer), paid invoices, saved cards
// (a new card goes to the processor's tokenisation first; billing gets only the token), and autopay
// with its agreement shown before it is turned on. Sections of features the practice turned off stay hidden.

import { api } from "./api.js";
import { loadDocuments } from "./billing-documents.js";
import { loadEstimates } from "./billing-estimates.js";
import { askToConfirm, clearFieldErrors, el, formatDay, problemMessage, requireAccount, setBusy, showFieldErrors, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");
const BRANDS = { visa: "Visa", mastercard: "Mastercard", amex: "American Express" };
const state = { cards: [], currency: "USD", autopay: null, payKeys: new Map() };

function money(cents, currency = state.currency) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(cents / 100);
}

function cardName(card) {
  return `${BRANDS[card.brand] || "Card"} ending ${card.last4}`;
}

function cardOptions(select, chosenId) {
  select.replaceChildren(
    ...state.cards.map((card) => el("option", { value: card.id, selected: card.id === chosenId, text: cardName(card) })),
  );
}

function linesText(invoice) {
  return invoice.lines.map((line) => `${line.description} (${formatDay(line.date_of_service)})`).join(", ");
}

function openInvoiceItem(invoice) {
  const select = el("select", { "aria-label": `Card to pay ${money(invoice.due_cents, invoice.currency)} with` });
  cardOptions(select, state.cards.find((card) => card.is_default)?.id);
  const pay = el("button", { class: "button button--primary button--small", type: "button", text: `Pay ${money(invoice.due_cents, invoice.currency)}` });
  pay.addEventListener("click", () => payInvoice(invoice, select.value, pay));
  const payPart = state.cards.length
    ? el("div", { class: "pay-row" }, select, pay)
    : el("p", { class: "hint", text: "Add a card below to pay this invoice." });
  return el(
    "li",
    { class: "item-list__item invoice", "data-invoice": invoice.id },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title", text: `${money(invoice.due_cents, invoice.currency)} due` }),
      el("p", { class: "item-list__meta", text: `Issued ${formatDay(invoice.issued_at.slice(0, 10))} · ${linesText(invoice)}` }),
    ),
    payPart,
  );
}

function paidInvoiceItem(invoice) {
  return el(
    "li",
    { class: "item-list__item" },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title", text: `${money(invoice.total_cents, invoice.currency)} paid` }),
      el("p", { class: "item-list__meta", text: `Paid ${formatDay(invoice.paid_at.slice(0, 10))} · ${linesText(invoice)}` }),
    ),
  );
}

async function payInvoice(invoice, cardId, button) {
  const payStatus = document.querySelector("[data-pay-status]");
  // The same press retried after a lost answer keeps its key: the card is never charged twice.
  const attempt = `${invoice.id}:${cardId}`;
  if (!state.payKeys.has(attempt)) state.payKeys.set(attempt, crypto.randomUUID());
  button.disabled = true;
  const paid = await api("POST", `/api/v1/billing/invoices/${encodeURIComponent(invoice.id)}/payments`, { card_id: cardId }, { "Idempotency-Key": state.payKeys.get(attempt) });
  button.disabled = false;
  if (paid.status >= 500 || paid.status === 0 || paid.status === 409) {
    return showStatus(payStatus, problemMessage(paid.body), "error");
  }
  state.payKeys.delete(attempt);
  if (!paid.ok) return showStatus(payStatus, problemMessage(paid.body), "error");
  showStatus(payStatus, `Thank you: ${money(paid.body.amount_cents, paid.body.currency)} paid.`, "success");
  await loadInvoices();
}

async function loadInvoices() {
  const answer = await api("GET", "/api/v1/billing/invoices");
  const section = document.querySelector("[data-invoices-section]");
  if (answer.status === 403) return (section.hidden = true);
  if (!answer.ok) throw answer.body;
  state.currency = answer.body.currency;
  document.querySelector("[data-balance]").textContent = money(answer.body.balance_cents);
  document.querySelector("[data-open-invoices]").replaceChildren(...answer.body.open.map(openInvoiceItem));
  document.querySelector("[data-open-empty]").hidden = answer.body.open.length > 0;
  document.querySelector("[data-paid-invoices]").replaceChildren(...answer.body.paid.map(paidInvoiceItem));
  document.querySelector("[data-paid]").hidden = answer.body.paid.length === 0;
  section.hidden = false;
}

function cardItem(card) {
  const inAutopay = state.autopay?.enrolled && state.autopay.card_id === card.id;
  const actions = el("div", { class: "item-list__actions" });
  if (!card.is_default) {
    const makeDefault = el("button", { class: "button button--secondary button--small", type: "button", text: "Make default" });
    makeDefault.addEventListener("click", () => changeCard("POST", `/api/v1/billing/cards/${card.id}/default`, `${cardName(card)} is your default card.`));
    actions.append(makeDefault);
  }
  const remove = el("button", { class: "button button--quiet button--small", type: "button", text: "Remove", "aria-label": `Remove ${cardName(card)}` });
  remove.addEventListener("click", async () => {
    const question = `Remove ${cardName(card)}?`;
    if (!(await askToConfirm(document.querySelector("[data-card-confirm]"), question, "Remove card", remove))) return;
    await changeCard("DELETE", `/api/v1/billing/cards/${card.id}`, `${cardName(card)} was removed.`);
  });
  actions.append(remove);
  const month = String(card.exp_month).padStart(2, "0");
  return el(
    "li",
    { class: "item-list__item", "data-card": card.last4 },
    el(
      "div",
      { class: "item-list__main" },
      el("p", { class: "item-list__title", text: cardName(card) }),
      el(
        "p",
        { class: "item-list__meta" },
        `Expires ${month}/${card.exp_year}`,
        card.is_default ? el("span", { class: "badge badge--active", text: "Default" }) : null,
        inAutopay ? el("span", { class: "badge badge--invited", text: "Autopay" }) : null,
      ),
    ),
    actions,
  );
}

async function changeCard(method, path, done) {
  const cardsStatus = document.querySelector("[data-cards-status]");
  const changed = await api(method, path);
  if (!changed.ok) return showStatus(cardsStatus, problemMessage(changed.body), "error");
  showStatus(cardsStatus, done, "success");
  await refresh();
}

async function loadCards() {
  const answer = await api("GET", "/api/v1/billing/cards");
  const section = document.querySelector("[data-cards-section]");
  if (answer.status === 403) return (section.hidden = true);
  if (!answer.ok) throw answer.body;
  state.cards = answer.body.items;
  document.querySelector("[data-cards]").replaceChildren(...state.cards.map(cardItem));
  document.querySelector("[data-cards-empty]").hidden = state.cards.length > 0;
  section.hidden = false;
}

// Which processor turns the card into a token: the sandbox's tokenisation (test cards) or, when the
// practice uses Stripe, Stripe.js (billing-stripe.js).
async function cardTokeniser(form) {
  const answer = await api("GET", "/api/v1/billing/processor");
  if (!answer.ok || answer.body.processor !== "stripe") return sandboxToken;
  form.querySelector("[data-sandbox-fields]").remove();
  form.querySelector("[data-stripe-fields]").hidden = false;
  try {
    const { stripeCardField } = await import("./billing-stripe.js");
    const paymentMethod = await stripeCardField(answer.body.publishable_key, form.querySelector("[data-stripe-card]"));
    return async () => {
      const made = await paymentMethod();
      if (made.token) return { ok: true, body: { token: made.token } };
      return { ok: false, body: { title: made.message, errors: { card: [made.message] } } };
    };
  } catch (error) {
    const message = "Card payments could not be loaded. Check your connection and reload the page.";
    return async () => ({ ok: false, body: { title: message, errors: { card: [message] } } });
  }
}

function sandboxToken(form) {
  const card = {
    number: form.elements.number.value.trim(),
    exp_month: Number(form.elements.exp_month.value),
    exp_year: Number(form.elements.exp_year.value),
    cvc: form.elements.cvc.value.trim(),
  };
  return api("POST", "/api/v1/billing/sandbox/tokens", card);
}

async function installCardForm() {
  const form = document.querySelector("[data-card-form]");
  const cardStatus = form.querySelector("[data-card-status]");
  const tokenise = await cardTokeniser(form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    setBusy(form, true);
    const token = await tokenise(form);
    const saved = token.ok ? await api("POST", "/api/v1/billing/cards", { token: token.body.token }) : token;
    setBusy(form, false);
    if (!saved.ok) {
      showFieldErrors(form, saved.body.errors);
      return showStatus(cardStatus, problemMessage(saved.body), "error");
    }
    form.reset();
    showStatus(cardStatus, `${cardName(saved.body)} was saved.`, "success");
    await refresh();
  });
}

function showAutopay() {
  const autopay = state.autopay;
  const form = document.querySelector("[data-autopay-form]");
  const enrolled = autopay.enrolled;
  const card = state.cards.find((item) => item.id === autopay.card_id);
  document.querySelector("[data-autopay-state]").textContent = enrolled
    ? `Autopay is on: each invoice is charged to your ${card ? cardName(card) : "chosen card"}.`
    : "Autopay is off. Turn it on to have each invoice paid with your card when it is issued.";
  document.querySelector("[data-consent-text]").textContent = autopay.consent_text;
  document.querySelector("[data-consent-agree]").hidden = enrolled;
  cardOptions(form.elements.card_id, autopay.card_id || state.cards.find((item) => item.is_default)?.id);
  form.querySelector("[data-autopay-submit]").textContent = enrolled ? "Use this card for autopay" : "Turn on autopay";
  form.querySelector("[data-autopay-submit]").disabled = state.cards.length === 0;
  form.querySelector("[data-autopay-off]").hidden = !enrolled;
}

async function loadAutopay() {
  const answer = await api("GET", "/api/v1/billing/autopay");
  const section = document.querySelector("[data-autopay-section]");
  if (answer.status === 403) return (section.hidden = true);
  if (!answer.ok) throw answer.body;
  state.autopay = answer.body;
  section.hidden = false;
}

function installAutopay() {
  const form = document.querySelector("[data-autopay-form]");
  const autopayStatus = form.querySelector("[data-autopay-status]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    if (!state.autopay.enrolled && !form.elements.agree.checked) {
      return showFieldErrors(form, { consent_version: ["Read the agreement and tick the box to turn on autopay."] });
    }
    const body = { card_id: form.elements.card_id.value, consent_version: state.autopay.consent_version };
    const enrolled = await api("PUT", "/api/v1/billing/autopay", body);
    if (!enrolled.ok) {
      showFieldErrors(form, enrolled.body.errors);
      return showStatus(autopayStatus, problemMessage(enrolled.body), "error");
    }
    showStatus(autopayStatus, state.autopay.enrolled ? "Autopay now uses this card." : "Autopay is on.", "success");
    await refresh();
  });
  form.querySelector("[data-autopay-off]").addEventListener("click", async () => {
    const off = await api("DELETE", "/api/v1/billing/autopay");
    if (!off.ok) return showStatus(autopayStatus, problemMessage(off.body), "error");
    showStatus(autopayStatus, "Autopay is off.", "success");
    form.elements.agree.checked = false;
    await refresh();
  });
}

async function refresh() {
  await loadAutopay();
  await loadCards();
  if (state.autopay) showAutopay();
  await loadInvoices();
}

try {
  const account = await requireAccount("client");
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    await installCardForm();
    installAutopay();
    await refresh();
    await loadDocuments();
    await loadEstimates();
    document.querySelector("[data-billing]").hidden = false;
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
