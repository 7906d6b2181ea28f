// Small pieces every page uses: building elements safely (text only, never HTML), status
// messages, field errors from problem+json, portal status badges, and the signed-in header.

import { api, signOut } from "./api.js";

export const STATUS_LABELS = {
  not_invited: "Not invited",
  invited: "Invited",
  expired: "Expired",
  signed_up: "Signed up",
  active: "Active",
  disabled: "Disabled",
};

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

export function statusLabel(status) {
  if (STATUS_LABELS[status]) return STATUS_LABELS[status];
  const words = String(status || "unknown").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function statusBadge(status) {
  return el("span", { class: `badge badge--${status || "unknown"}`, text: statusLabel(status) });
}

export function showStatus(region, message, tone = "info") {
  region.dataset.tone = tone;
  region.textContent = message;
}

export function problemMessage(problem) {
  if (!problem || !problem.title) return "Something went wrong. Try again in a moment.";
  return problem.detail ? `${problem.title} ${problem.detail}` : problem.title;
}

// Shows each field's messages beside it; returns the messages for fields the form does not have.
export function showFieldErrors(form, errors = {}) {
  clearFieldErrors(form);
  const unplaced = [];
  let first = null;
  for (const [field, messages] of Object.entries(errors)) {
    const text = [].concat(messages).join(" ");
    const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    const input = form.elements.namedItem(field);
    if (!slot) {
      unplaced.push(text);
      continue;
    }
    slot.textContent = text;
    if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
    first ??= input;
  }
  if (first && first.focus) first.focus();
  return unplaced;
}

export function clearFieldErrors(form) {
  for (const slot of form.querySelectorAll("[data-error-for]")) slot.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}

export function setBusy(form, busy) {
  form.setAttribute("aria-busy", busy ? "true" : "false");
  for (const button of form.querySelectorAll("button[type=submit]")) button.disabled = busy;
}

export function formatMoment(iso) {
  if (!iso) return "";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function formatDay(isoDate) {
  if (!isoDate) return "";
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });
}

export function homeFor(account) {
  return account.role === "client" ? "/dashboard" : "/staff/clients";
}

// The account behind this page, or null while the browser is sent where it belongs.
export async function requireAccount(area) {
  const me = await api("GET", "/api/v1/me");
  if (me.status === 401) {
    window.location.replace(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
    return null;
  }
  if (!me.ok) throw me.body;
  const home = homeFor(me.body);
  if ((area === "client") !== (home === "/dashboard")) {
    window.location.replace(home);
    return null;
  }
  showSignedIn(me.body);
  return me.body;
}

function showSignedIn(account) {
  const who = document.querySelector("[data-who]");
  if (who) who.textContent = [account.first_name, account.last_name].filter(Boolean).join(" ") || account.email;
  const button = document.querySelector("[data-sign-out]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    signOut();
  });
}
