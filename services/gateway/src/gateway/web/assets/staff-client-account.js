// A client's portal account on the staff client page: access on or off (with a confirmation), a
// sign-in PIN shown once, a reset link with its expiry, resetting two-step sign-in, and the
// account's sign-in activity.

import { api } from "./api.js";
import { askToConfirm, clearFieldErrors, deviceName, el, formatMoment, humanize, installCopyButtons, localInputValue, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const HOUR = 3600 * 1000;
const card = document.querySelector("[data-access]");
const status = card.querySelector("[data-access-status]");
const toggle = card.querySelector("[data-access-switch]");
const resetForm = card.querySelector("[data-reset-form]");
let clientPath = "";
let clientName = "";
let onChange = async () => {};

const EVENT_LABELS = {
  sign_in: "Sign-in",
  secret_issued: "Sent",
  secret_used: "Used",
  password_changed: "Password changed",
  session_ended: "Session ended",
  email_verified: "Email verified",
  account_disabled: "Account disabled",
  account_enabled: "Account re-enabled",
  two_factor_reset: "Two-step sign-in reset",
  two_factor_totp_on: "Two-step sign-in on (authenticator app)",
  two_factor_sms_on: "Two-step sign-in on (text messages)",
  two_factor_off: "Two-step sign-in turned off",
  mfa_challenge_issued: "Asked for a second step",
  mfa_challenge_passed: "Second step passed",
};

export function setUpAccountAccess(path, name, changed) {
  clientPath = path;
  clientName = name;
  onChange = changed;
  installCopyButtons(card, status);
  toggle.addEventListener("click", switchAccess);
  card.querySelector("[data-issue-pin]").addEventListener("click", issuePin);
  resetForm.addEventListener("submit", issueResetLink);
  card.querySelector("[data-reset-two-step]").addEventListener("click", resetTwoStep);
  resetExpiryChoice();
}

export async function showAccountAccess(account) {
  card.hidden = !account;
  document.querySelector("[data-events]").hidden = !account;
  if (!account) return;
  const enabled = account.status !== "disabled";
  toggle.setAttribute("aria-checked", String(enabled));
  card.querySelector("[data-access-state]").textContent = enabled ? "On" : "Off";
  card.querySelector("[data-access-summary]").textContent = enabled
    ? "The client can sign in to the portal."
    : "Turned off: the client cannot sign in by any method until you turn it on again.";
  await loadEvents();
}

async function switchAccess() {
  const enabled = toggle.getAttribute("aria-checked") === "true";
  const question = enabled
    ? `Turn off portal access for ${clientName}? They are signed out at once and cannot sign in by any method until you turn it on again.`
    : `Turn portal access back on for ${clientName}? They can sign in again with their usual password or a link.`;
  const confirmed = await askToConfirm(card.querySelector("[data-access-confirm]"), question, enabled ? "Disable account" : "Re-enable account", toggle);
  if (!confirmed) return;
  toggle.disabled = true;
  const changed = await api("POST", `${clientPath}/account/${enabled ? "disable" : "enable"}`);
  toggle.disabled = false;
  if (!changed.ok) {
    showStatus(status, problemMessage(changed.body), "error");
    return;
  }
  showStatus(status, enabled ? `Portal access for ${clientName} is off.` : `Portal access for ${clientName} is on again.`, "success");
  await showAccountAccess(changed.body);
  await onChange();
}

async function issuePin(event) {
  const button = event.currentTarget;
  button.disabled = true;
  const issued = await api("POST", `${clientPath}/sign-in-pin`);
  button.disabled = false;
  const result = card.querySelector("[data-pin-result]");
  if (!issued.ok) {
    result.hidden = true;
    showStatus(status, problemMessage(issued.body), "error");
    return;
  }
  showStatus(status, "");
  result.querySelector("[data-pin-value]").textContent = issued.body.pin.replace(/(\d{3})(\d{3})/, "$1 $2");
  result.querySelector("[data-pin-expiry]").textContent = `Works once, until ${formatMoment(issued.body.expires_at)}. Any earlier PIN no longer works.`;
  result.hidden = false;
  button.textContent = "Create a new PIN";
  await loadEvents();
}

async function resetTwoStep(event) {
  const button = event.currentTarget;
  const question = `Reset two-step sign-in for ${clientName}? Their password alone signs them in again, and they are signed out everywhere. Do this only once you are sure who you are talking to.`;
  if (!(await askToConfirm(card.querySelector("[data-two-step-confirm]"), question, "Reset two-step sign-in", button))) return;
  button.disabled = true;
  const reset = await api("POST", `${clientPath}/2fa/reset`);
  button.disabled = false;
  if (!reset.ok) {
    showStatus(status, problemMessage(reset.body), "error");
    return;
  }
  showStatus(status, `Two-step sign-in is off for ${clientName}. They can sign in with their password and set it up again.`, "success");
  await loadEvents();
}

function resetExpiryChoice() {
  const input = resetForm.elements.expires_at;
  const now = Date.now();
  input.min = localInputValue(new Date(now));
  input.max = localInputValue(new Date(now + 7 * 24 * HOUR));
  input.value = localInputValue(new Date(now + 48 * HOUR));
}

async function issueResetLink(event) {
  event.preventDefault();
  clearFieldErrors(resetForm);
  const chosen = new Date(resetForm.elements.expires_at.value);
  if (Number.isNaN(chosen.getTime()) || chosen.getTime() <= Date.now() || chosen.getTime() > Date.now() + 7 * 24 * HOUR) {
    showFieldErrors(resetForm, { expires_at: ["Pick a time in the future, at most 7 days from now."] });
    return;
  }
  setBusy(resetForm, true);
  const issued = await api("POST", `${clientPath}/reset-link`, { expires_at: chosen.toISOString() });
  setBusy(resetForm, false);
  const result = card.querySelector("[data-reset-result]");
  if (!issued.ok) {
    result.hidden = true;
    const unplaced = issued.body.errors ? showFieldErrors(resetForm, issued.body.errors) : [problemMessage(issued.body)];
    if (unplaced.length) showStatus(status, unplaced.join(" "), "error");
    return;
  }
  showStatus(status, "");
  result.querySelector("[data-reset-url]").value = issued.body.url;
  result.querySelector("[data-reset-expiry]").textContent = `Works once, until ${formatMoment(issued.body.expires_at)}. Any earlier reset link no longer works.`;
  result.hidden = false;
  await loadEvents();
}

async function loadEvents() {
  const events = await api("GET", `${clientPath}/sign-in-events`);
  const list = document.querySelector("[data-events-list]");
  if (!events.ok) {
    list.replaceChildren(el("li", { class: "item-list__empty", text: problemMessage(events.body) }));
    return;
  }
  const items = events.body.items.map(eventItem);
  list.replaceChildren(...(items.length ? items : [el("li", { class: "item-list__empty", text: "No sign-in activity yet." })]));
}

function eventItem(event) {
  const what = [EVENT_LABELS[event.kind] || humanize(event.kind), event.purpose ? humanize(event.purpose).toLowerCase() : null, event.method ? `by ${humanize(event.method).toLowerCase()}` : null]
    .filter(Boolean)
    .join(" · ");
  const refused = event.result && event.result !== "succeeded";
  return el(
    "li",
    { class: "item-list__item" },
    el(
      "div",
      { class: "item-list__main" },
      el("span", { class: "item-list__title", text: what }),
      el("span", { class: "item-list__meta", text: [formatMoment(event.at), event.actor_id ? "by staff" : null, event.user_agent ? deviceName(event.user_agent) : null, event.ip].filter(Boolean).join(" · ") }),
    ),
    event.result ? el("span", { class: `badge ${refused ? "badge--expired" : "badge--active"}`, text: refused ? humanize(event.result) : "Succeeded" }) : null,
  );
}
