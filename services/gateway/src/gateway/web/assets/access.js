// What the pages for getting in share: one step (card) shown at a time, entering the portal after
// any kind of sign-in (or its two-step challenge), the "check your email" step with its resend
// button, and the page that says what happened to a link and what to do next.

import { api } from "./api.js";
import { showChallenge } from "./two-step-sign-in.js";
import { homeFor, problemMessage, showStatus } from "./ui.js";

// Where each kind of emailed link sends a person whose link no longer works.
const NEXT_STEPS = {
  "sign-in": { next: "Ask for a new sign-in link; only the newest one works.", href: "/sign-in/link", action: "Email me a new link" },
  reset: { next: "Ask for a code with “Forgot password?”, or ask your practice for a new reset link.", href: "/forgot-password", action: "Reset my password" },
  verify: { next: "Sign in, then choose “Send the email again” to get a new link.", href: "/sign-in", action: "Go to sign in" },
  "email-change": { next: "Sign in with your current email, then ask again under Security; only the newest link works.", href: "/sign-in", action: "Go to sign in" },
};

const LINK_OUTCOMES = {
  "link-expired": { title: "This link has expired", detail: "Links work for a limited time, to keep your account safe." },
  "link-used": { title: "This link has already been used", detail: "Each link works only once." },
  "link-superseded": { title: "A newer link replaced this one", detail: "We sent you a more recent email, so this link no longer works." },
  "link-not-found": { title: "We could not find this link", detail: "The link may be incomplete. Check that you opened the whole link from the email." },
};

export function showStep(name) {
  for (const card of document.querySelectorAll("[data-step]")) card.hidden = card.dataset.step !== name;
  const card = document.querySelector(`[data-step="${name}"]`);
  card.querySelector("h1").focus();
  return card;
}

export function tokenFromAddress() {
  return decodeURIComponent(window.location.pathname.split("/").pop() || "");
}

// True when `problem` was about the link itself (gone, used, replaced); the page then says so.
export function isLinkOutcome(problem) {
  return Boolean(problem && LINK_OUTCOMES[problem.code]);
}

export function showLinkOutcome(problem, kind) {
  const outcome = LINK_OUTCOMES[problem.code] || { title: "Something went wrong", detail: problemMessage(problem) };
  const next = NEXT_STEPS[kind];
  const card = showStep("outcome");
  card.querySelector("[data-outcome-title]").textContent = outcome.title;
  card.querySelector("[data-outcome-detail]").textContent = outcome.detail;
  card.querySelector("[data-outcome-next]").textContent = next.next;
  const action = card.querySelector("[data-outcome-action]");
  action.href = next.href;
  action.textContent = next.action;
}

// After an answer shaped like a login: enter the portal, or show the "check your email" step.
// Returns a message for the person when neither happened.
export async function followSignIn(answer, email) {
  if (answer.status === 403 && answer.body.code === "email-not-verified") {
    showCheckEmail(email);
    return null;
  }
  if (!answer.ok) return problemMessage(answer.body);
  if (answer.body.mfa_required) {
    showChallenge(answer.body);
    return null;
  }
  return enterPortal();
}

export async function enterPortal() {
  const me = await api("GET", "/api/v1/me");
  if (!me.ok) return problemMessage(me.body);
  window.location.assign(nextPage(me.body));
  return null;
}

function nextPage(account) {
  // Staff whose practice requires two-step sign-in can do nothing else until it is on.
  if (account.mfa_enrolment_required) return "/security";
  if (account.role === "client" && !account.profile_id) return "/profiles";
  const home = homeFor(account);
  const next = new URLSearchParams(window.location.search).get("next") || "";
  const clientPages = new Set(["/dashboard", "/security"]);
  const sameArea = home === "/dashboard" ? clientPages.has(next) : next.startsWith("/staff/") || next === "/security";
  return sameArea && !next.startsWith("//") ? next : home;
}

export function showCheckEmail(email) {
  const card = showStep("check-email");
  card.querySelector("[data-check-email-address]").textContent = email;
  const button = card.querySelector("[data-resend-verification]");
  const status = card.querySelector("[data-resend-status]");
  button.onclick = async () => {
    button.disabled = true;
    const sent = await api("POST", "/api/v1/auth/verify-email/resend", { email });
    button.disabled = false;
    if (sent.ok) showStatus(status, `We sent a new link to ${email}. Links in older emails no longer work.`, "success");
    else showStatus(status, problemMessage(sent.body), "error");
  };
}

export function digits(value) {
  return String(value || "").replace(/\s+/g, "");
}
