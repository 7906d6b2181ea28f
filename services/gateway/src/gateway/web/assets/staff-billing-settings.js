// The practice's billing settings on the settings page: currency, the autopay day, the late
// cancellation and no-show fees (typed in the currency, sent in integer cents) and the card processor
// (Stripe can be chosen once the portal has its keys). Roles that may read
// but not change them see them disabled; roles billing does not answer do not see them.

import { api } from "./api.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const form = document.querySelector("[data-billing-settings-form]");
const status = form.querySelector("[data-billing-settings-status]");
const CHANGERS = new Set(["owner", "admin", "billing"]);

function toCents(text) {
  const match = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  return match ? Number(match[1]) * 100 + Number((match[2] || "0").padEnd(2, "0")) : Number.NaN;
}

function show(settings) {
  form.elements.currency.value = settings.currency;
  form.elements.autopay_delay_days.value = settings.autopay_delay_days;
  form.elements.late_cancel_fee.value = (settings.late_cancel_fee_cents / 100).toFixed(2);
  form.elements.no_show_fee.value = (settings.no_show_fee_cents / 100).toFixed(2);
  const available = new Set(settings.processors_available || ["sandbox"]);
  for (const option of form.elements.processor.options) {
    option.disabled = !available.has(option.value) && option.value !== settings.processor;
    if (option.value === "stripe" && option.disabled) option.textContent = "Stripe (not set up for this portal yet)";
  }
  form.elements.processor.value = settings.processor;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  const body = {
    currency: form.elements.currency.value,
    autopay_delay_days: Number(form.elements.autopay_delay_days.value),
    late_cancel_fee_cents: toCents(form.elements.late_cancel_fee.value),
    no_show_fee_cents: toCents(form.elements.no_show_fee.value),
  };
  const processor = form.elements.processor.value;
  const wrong = Object.entries(body).filter(([, value]) => Number.isNaN(value)).map(([name]) => [name, ["Type an amount such as 50 or 50.00."]]);
  if (wrong.length) return showFieldErrors(form, Object.fromEntries(wrong));
  setBusy(form, true);
  const saved = await api("PATCH", "/api/v1/staff/billing/settings", { ...body, processor });
  setBusy(form, false);
  if (!saved.ok) {
    showFieldErrors(form, saved.body.errors);
    return showStatus(status, problemMessage(saved.body), "error");
  }
  show(saved.body);
  showStatus(status, "Billing settings saved.", "success");
});

const [settings, me] = await Promise.all([api("GET", "/api/v1/staff/billing/settings"), api("GET", "/api/v1/me")]);
if (settings.ok && me.ok) {
  show(settings.body);
  if (!CHANGERS.has(me.body.role)) {
    for (const field of form.elements) field.disabled = true;
  }
  form.hidden = false;
}
