// Small pieces every page uses: building elements safely (text only, never HTML), status
// messages, field errors from problem+json, portal status badges, and the signed-in header.

import { api, signOut } from "./api.js";
import { watchIdleSession } from "./idle.js";
import { showPracticeLogo } from "./practice-logo.js";

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

export function humanize(word) {
  const words = String(word || "").replaceAll("_", " ").replaceAll("-", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// "Firefox on Windows" from a user agent; never the raw string, which means little to people.
export function deviceName(userAgent) {
  const agent = String(userAgent || "");
  if (!agent) return "Unknown device";
  const browser = [["Edg/", "Edge"], ["Firefox/", "Firefox"], ["Chrome/", "Chrome"], ["Safari/", "Safari"]].find(([mark]) => agent.includes(mark));
  const system = [["iPhone", "iPhone"], ["iPad", "iPad"], ["Android", "Android"], ["Windows", "Windows"], ["Mac OS", "Mac"], ["Linux", "Linux"]].find(([mark]) => agent.includes(mark));
  if (!browser && !system) return agent.length > 40 ? `${agent.slice(0, 40)}…` : agent;
  return [browser ? browser[1] : "A browser", system ? `on ${system[1]}` : ""].filter(Boolean).join(" ");
}

export function statusBadge(status) {
  return el("span", { class: `badge badge--${status || "unknown"}`, text: statusLabel(status) });
}

export function showStatus(region, message, tone = "info") {
  region.dataset.tone = tone;
  region.textContent = message;
}

// A refusal naming fields (`errors`) is told as such: its `detail` speaks to API callers ("the fields
// listed in `errors`"), while the page shows each field's message beside it.
export function problemMessage(problem) {
  if (!problem || !problem.title) return "Something went wrong. Try again in a moment.";
  if (problem.errors && Object.keys(problem.errors).length) return `${problem.title} Correct the marked fields and try again.`;
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
// A client whose profile is not chosen yet, or whose access to it ended, is sent to pick one
// (`choosingProfile`: the picker itself, which then gets what little is known).
export async function requireAccount(area, { choosingProfile = false } = {}) {
  const me = await api("GET", "/api/v1/me");
  if (me.status === 401) {
    window.location.replace(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
    return null;
  }
  if (me.status === 403 && me.body.code === "profile-access-ended") {
    if (!choosingProfile) window.location.replace("/profiles");
    return choosingProfile ? { role: "client", email: "", practice_name: "" } : null;
  }
  if (!me.ok) throw me.body;
  if (area === "client" && me.body.role === "client" && !me.body.profile_id && !choosingProfile) {
    window.location.replace("/profiles");
    return null;
  }
  // Until two-step sign-in is on, the practice allows its staff nothing but setting it up.
  if (me.body.mfa_enrolment_required && window.location.pathname !== "/security") {
    window.location.replace("/security");
    return null;
  }
  const home = homeFor(me.body);
  if (area !== "any" && (area === "client") !== (home === "/dashboard")) {
    window.location.replace(home);
    return null;
  }
  showSignedIn(me.body);
  return me.body;
}

function showSignedIn(account) {
  watchIdleSession(account.session_idle_seconds);
  const who = document.querySelector("[data-who]");
  if (who) who.textContent = [account.first_name, account.last_name].filter(Boolean).join(" ") || account.email;
  if (account.role === "client") showProfileSwitch();
  if (account.practice_id) showPracticeLogo(account.practice_id);
  const button = document.querySelector("[data-sign-out]");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    signOut();
  });
}

// "Switch profile" in the header, for people who may open more than one.
async function showProfileSwitch() {
  const link = document.querySelector("[data-switch-profile]");
  if (!link) return;
  const profiles = await api("GET", "/api/v1/me/profiles");
  link.hidden = !(profiles.ok && profiles.body.items.length > 1);
}

// Asks inside the page (a region with the question, a yes and a cancel button) and answers once
// either is pressed. Focus moves to the question's buttons and back to `opener` afterwards.
export function askToConfirm(region, question, yesLabel, opener) {
  region.querySelector("[data-confirm-text]").textContent = question;
  const yes = region.querySelector("[data-confirm-yes]");
  const no = region.querySelector("[data-confirm-no]");
  yes.textContent = yesLabel;
  region.hidden = false;
  no.focus();
  return new Promise((resolve) => {
    const answer = (value) => {
      region.hidden = true;
      yes.onclick = null;
      no.onclick = null;
      if (opener) opener.focus();
      resolve(value);
    };
    yes.onclick = () => answer(true);
    no.onclick = () => answer(false);
  });
}

// Buttons with data-copy="<input id>" copy that input's text; where the clipboard is not allowed the
// text is selected so the person can copy it by hand.
export function installCopyButtons(root, status) {
  for (const button of root.querySelectorAll("[data-copy]")) {
    button.addEventListener("click", async () => {
      const input = document.getElementById(button.dataset.copy);
      try {
        await navigator.clipboard.writeText(input.value);
        showStatus(status, "Copied.", "success");
      } catch {
        input.select();
        showStatus(status, "Press Ctrl+C (or ⌘+C) to copy the selected link.");
      }
    });
  }
}

export function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
