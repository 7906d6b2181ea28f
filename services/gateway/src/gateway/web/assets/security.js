// A signed-in person's own security: change the password, see and end sessions, review sign-ins.

import { api, signOut } from "./api.js";
import { attachStrengthHint, newPasswordMistakes } from "./password.js";
import { setUpEmailChange, showEmailChange } from "./security-email.js";
import { loadTwoStep, setUpTwoStep } from "./security-two-step.js";
import { clearFieldErrors, deviceName, el, formatMoment, homeFor, humanize, problemMessage, requireAccount, setBusy, showFieldErrors, showStatus } from "./ui.js";

const pageStatus = document.querySelector("[data-page-status]");
const form = document.querySelector("[data-password-form]");
const formStatus = form.querySelector("[data-form-status]");
const sessionsStatus = document.querySelector("[data-sessions-status]");

const METHODS = {
  password: "Password",
  link: "Emailed link",
  code: "Emailed code",
  pin: "PIN from your practice",
  refresh: "Stayed signed in",
  totp: "Authenticator app",
  sms: "Texted code",
  recovery_code: "Recovery code",
};
const RESULTS = { succeeded: "Signed in" };

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(formStatus, "");
  const mistakes = newPasswordMistakes(form);
  if (!form.elements.current_password.value) mistakes.current_password = ["Enter your current password."];
  if (Object.keys(mistakes).length) {
    showFieldErrors(form, mistakes);
    return;
  }
  setBusy(form, true);
  const body = { current_password: form.elements.current_password.value, new_password: form.elements.password.value };
  const changed = await api("POST", "/api/v1/auth/password/change", body);
  setBusy(form, false);
  if (changed.ok) {
    form.reset();
    showStatus(formStatus, "Your password was changed. Your other devices were signed out.", "success");
    await loadSessions();
    return;
  }
  const errors = changed.body.errors ? { ...changed.body.errors } : null;
  if (errors && errors.new_password) errors.password = errors.new_password;
  const unplaced = errors ? showFieldErrors(form, errors) : [];
  showStatus(formStatus, errors ? unplaced.filter(Boolean).join(" ") || "Check the fields marked above." : problemMessage(changed.body), "error");
});

async function loadSessions() {
  const sessions = await api("GET", "/api/v1/me/sessions");
  if (!sessions.ok) throw sessions.body;
  const list = document.querySelector("[data-sessions]");
  list.replaceChildren(...sessions.body.items.map(sessionItem));
}

function sessionItem(session) {
  const button = el("button", { type: "button", class: "button button--quiet button--small", text: "Sign out" });
  button.setAttribute("aria-label", `Sign out ${deviceName(session.user_agent)}${session.current ? " (this device)" : ""}`);
  button.addEventListener("click", () => endSession(session, button));
  return el(
    "li",
    { class: "item-list__item", "data-session-id": session.id },
    el(
      "div",
      { class: "item-list__main" },
      el("span", { class: "item-list__title", text: deviceName(session.user_agent) }, session.current ? el("span", { class: "tag", text: "This device" }) : null),
      el("span", { class: "item-list__meta", text: [`Last active ${formatMoment(session.last_seen_at || session.created_at)}`, session.place, session.ip].filter(Boolean).join(" · ") }),
    ),
    button,
  );
}

async function endSession(session, button) {
  if (session.current) {
    button.disabled = true;
    await signOut();
    return;
  }
  button.disabled = true;
  const ended = await api("DELETE", `/api/v1/me/sessions/${encodeURIComponent(session.id)}`);
  if (!ended.ok) {
    button.disabled = false;
    showStatus(sessionsStatus, problemMessage(ended.body), "error");
    return;
  }
  showStatus(sessionsStatus, `${deviceName(session.user_agent)} was signed out.`, "success");
  await loadSessions();
}

async function loadSignIns() {
  const signIns = await api("GET", "/api/v1/me/sign-ins");
  if (!signIns.ok) throw signIns.body;
  const items = signIns.body.items.map(signInItem);
  document.querySelector("[data-sign-ins]").replaceChildren(...(items.length ? items : [el("li", { class: "item-list__empty", text: "No sign-ins yet." })]));
}

function signInItem(attempt) {
  const succeeded = attempt.result === "succeeded";
  return el(
    "li",
    { class: "item-list__item" },
    el(
      "div",
      { class: "item-list__main" },
      el("span", { class: "item-list__title", text: `${RESULTS[attempt.result] || `Refused: ${humanize(attempt.result).toLowerCase()}`} · ${METHODS[attempt.method] || humanize(attempt.method)}` }),
      el("span", { class: "item-list__meta", text: [formatMoment(attempt.at), deviceName(attempt.user_agent), attempt.place, attempt.ip].filter(Boolean).join(" · ") }),
    ),
    el("span", { class: `badge ${succeeded ? "badge--active" : "badge--expired"}`, text: succeeded ? "Signed in" : "Refused" }),
  );
}

setUpEmailChange();
setUpTwoStep(async () => {
  await Promise.all([loadSessions(), loadSignIns(), showEnrolmentPrompt()]);
});

// Staff whose practice requires two-step sign-in are sent here until it is on.
async function showEnrolmentPrompt(account) {
  const me = account || (await api("GET", "/api/v1/me")).body;
  document.querySelector("[data-enrolment-prompt]").hidden = !me.mfa_enrolment_required;
}

// Load the data last: the controls above work from the first click, even while it loads.
try {
  const account = await requireAccount("any");
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    const home = document.querySelector('.site-nav a[href="/dashboard"]');
    if (home) home.href = homeFor(account);
    attachStrengthHint(form);
    showEmailChange(account);
    await Promise.all([loadSessions(), loadSignIns(), loadTwoStep(), showEnrolmentPrompt(account)]);
    document.querySelector("[data-security]").hidden = false;
  }
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}
