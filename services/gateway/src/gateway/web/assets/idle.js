// Warns before the practice's idle timeout signs the person out, and signs them out when it does.
// Every call to the API counts as activity on the server (identity notes it at most once a minute),
// so the page keeps the same clock: the moment of the last call, shared by every open tab.

import { api, lastActivity, signOut } from "./api.js";
import { el } from "./ui.js";

const SERVER_RESOLUTION_MS = 60_000; // identity writes "last used" at most once a minute
const WARNING_LEAD_MS = 120_000;
const TICK_MS = 1_000;

let watch = null;

export function watchIdleSession(idleSeconds) {
  if (watch || !idleSeconds) return;
  const idleMs = idleSeconds * 1000 - SERVER_RESOLUTION_MS;
  watch = { idleMs, leadMs: Math.min(WARNING_LEAD_MS, idleMs / 2), dialog: null, timer: null };
  watch.timer = window.setInterval(tick, TICK_MS);
  // Someone typing or clicking is here even when the page has nothing to send: tell the server.
  for (const type of ["keydown", "pointerdown"]) document.addEventListener(type, keepAliveIfQuiet, { passive: true });
}

function tick() {
  const left = lastActivity() + watch.idleMs - Date.now();
  if (left <= 0) {
    window.clearInterval(watch.timer);
    signOut(`/sign-in?reason=idle&next=${encodeURIComponent(window.location.pathname)}`);
  } else if (left <= watch.leadMs) {
    showWarning(left);
  } else if (watch.dialog) {
    hideWarning(); // another tab kept the session going
  }
}

let keepingAlive = false;

async function keepAliveIfQuiet() {
  if (watch.dialog || keepingAlive || Date.now() - lastActivity() < SERVER_RESOLUTION_MS) return;
  keepingAlive = true;
  await api("GET", "/api/v1/me");
  keepingAlive = false;
}

function showWarning(left) {
  if (!watch.dialog) watch.dialog = openDialog();
  watch.dialog.querySelector("[data-idle-countdown]").textContent = countdown(left);
}

function openDialog() {
  const stay = el("button", { type: "button", class: "button button--primary", text: "Stay signed in" });
  const leave = el("button", { type: "button", class: "button button--secondary", text: "Sign out now" });
  const dialog = el(
    "div",
    { class: "idle-warning", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "idle-title", "aria-describedby": "idle-text", "data-idle-warning": "" },
    el(
      "div",
      { class: "idle-warning__box card" },
      el("h2", { id: "idle-title", text: "Are you still there?" }),
      el("p", { id: "idle-text" }, "To protect your information, you will be signed out in ", el("strong", { "data-idle-countdown": "" }), "."),
      el("div", { class: "form-actions" }, stay, leave),
    ),
  );
  stay.addEventListener("click", async () => {
    stay.disabled = true;
    const answer = await api("GET", "/api/v1/me");
    if (answer.ok) hideWarning();
    else signOut(`/sign-in?reason=idle&next=${encodeURIComponent(window.location.pathname)}`);
  });
  leave.addEventListener("click", () => signOut());
  // Modal: the page behind cannot be reached by keyboard or screen reader until it is answered.
  for (const part of document.body.children) part.inert = true;
  document.body.append(dialog);
  stay.focus();
  return dialog;
}

function hideWarning() {
  for (const part of document.body.children) part.inert = false;
  watch.dialog?.remove();
  watch.dialog = null;
}

function countdown(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes}:${String(seconds % 60).padStart(2, "0")} minutes` : `${seconds} seconds`;
}
