// The "Two-step sign-in" section of the security page: what is on, setting up an authenticator app
// (QR code drawn by the server) or a phone, the ten recovery codes shown once, and turning it off.

import { api } from "./api.js";
import { clearFieldErrors, el, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const METHOD_NAMES = { totp: "authenticator app", sms: "text messages" };
const section = document.querySelector("[data-two-step]");
const status = section.querySelector("[data-two-step-status]");
const totpSetup = section.querySelector("[data-totp-setup]");
const smsSetup = section.querySelector("[data-sms-setup]");
const phoneForm = section.querySelector("[data-phone-form]");
const smsForm = section.querySelector("[data-sms-form]");
const recovery = section.querySelector("[data-recovery]");
const turnOffForm = section.querySelector("[data-turn-off-form]");
let onChange = async () => {};

// Wires every control; call before any data loads so they work from the first click.
export function setUpTwoStep(changed) {
  onChange = changed;
  section.querySelector("[data-start-totp]").addEventListener("click", startTotp);
  section.querySelector("[data-start-sms]").addEventListener("click", () => showOnly(smsSetup, phoneForm.elements.phone));
  for (const button of section.querySelectorAll("[data-cancel-setup]")) button.addEventListener("click", loadTwoStep);
  section.querySelector("[data-totp-form]").addEventListener("submit", (event) => confirm(event, "/api/v1/me/2fa/totp/confirm"));
  phoneForm.addEventListener("submit", askForText);
  smsForm.addEventListener("submit", (event) => confirm(event, "/api/v1/me/2fa/sms/confirm"));
  section.querySelector("[data-copy-codes]").addEventListener("click", copyCodes);
  section.querySelector("[data-print-codes]").addEventListener("click", printCodes);
  section.querySelector("[data-codes-saved]").addEventListener("click", loadTwoStep);
  turnOffForm.addEventListener("submit", turnOff);
}

export async function loadTwoStep() {
  const answer = await api("GET", "/api/v1/me/2fa");
  if (!answer.ok) throw answer.body;
  const state = answer.body;
  section.querySelector("[data-two-step-summary]").textContent = summary(state);
  showOnly(state.enabled ? turnOffForm : section.querySelector("[data-two-step-choices]"));
  return state;
}

function summary(state) {
  if (!state.enabled) return "Off. Add a second step to signing in: a code from an authenticator app or a text message, so a stolen password is not enough.";
  const methods = state.methods.filter((method) => METHOD_NAMES[method]).map((method) => METHOD_NAMES[method]);
  const phone = state.phone ? ` (${state.phone})` : "";
  return `On, with ${methods.join(" and ")}${state.methods.includes("sms") ? phone : ""}. Recovery codes left: ${state.recovery_codes_left}.`;
}

// One part of the section at a time below the summary.
function showOnly(part, focus) {
  for (const candidate of [section.querySelector("[data-two-step-choices]"), totpSetup, smsSetup, recovery, turnOffForm]) candidate.hidden = candidate !== part;
  if (part === smsSetup) smsForm.hidden = true;
  if (focus) focus.focus();
}

async function startTotp(event) {
  const button = event.currentTarget;
  button.disabled = true;
  const started = await api("POST", "/api/v1/me/2fa/totp");
  button.disabled = false;
  if (!started.ok) {
    showStatus(status, problemMessage(started.body), "error");
    return;
  }
  showStatus(status, "");
  totpSetup.querySelector("[data-totp-qr]").src = svgDataUrl(started.body.qr_svg);
  totpSetup.querySelector("[data-totp-secret]").textContent = started.body.secret;
  showOnly(totpSetup, totpSetup.querySelector("#totp-code"));
}

// Shown as an image: an image never runs script.
function svgDataUrl(svg) {
  const bytes = new TextEncoder().encode(svg);
  return `data:image/svg+xml;base64,${btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""))}`;
}

async function askForText(event) {
  event.preventDefault();
  clearFieldErrors(phoneForm);
  const phone = phoneForm.elements.phone.value.trim();
  if (!phone) {
    showFieldErrors(phoneForm, { phone: ["Enter your mobile phone number."] });
    return;
  }
  setBusy(phoneForm, true);
  const asked = await api("POST", "/api/v1/me/2fa/sms", { phone });
  setBusy(phoneForm, false);
  if (!asked.ok) {
    showFailure(phoneForm, asked);
    return;
  }
  showStatus(status, `We texted a code to ${asked.body.phone || phone}. Enter it below.`, "success");
  smsForm.hidden = false;
  smsForm.elements.code.focus();
}

async function confirm(event, path) {
  event.preventDefault();
  const form = event.currentTarget;
  clearFieldErrors(form);
  const code = form.elements.code.value.trim();
  if (!/^\d{6}$/.test(code)) {
    showFieldErrors(form, { code: ["Enter the 6-digit code."] });
    return;
  }
  setBusy(form, true);
  const confirmed = await api("POST", path, { code });
  setBusy(form, false);
  if (!confirmed.ok) {
    showFailure(form, confirmed);
    return;
  }
  form.reset();
  showStatus(status, "Two-step sign-in is on. Your other devices were signed out.", "success");
  showRecoveryCodes(confirmed.body.recovery_codes);
  await onChange();
}

function showRecoveryCodes(codes) {
  recovery.querySelector("[data-recovery-codes]").replaceChildren(...codes.map((code) => el("li", { text: code })));
  section.querySelector("[data-two-step-summary]").textContent = "On.";
  showOnly(recovery, recovery.querySelector("[data-copy-codes]"));
}

function codesText() {
  return Array.from(recovery.querySelectorAll("[data-recovery-codes] li"), (item) => item.textContent).join("\n");
}

async function copyCodes() {
  try {
    await navigator.clipboard.writeText(codesText());
    showStatus(status, "The recovery codes were copied.", "success");
  } catch {
    window.getSelection().selectAllChildren(recovery.querySelector("[data-recovery-codes]"));
    showStatus(status, "Press Ctrl+C (or ⌘+C) to copy the selected codes.");
  }
}

function printCodes() {
  document.body.classList.add("print-recovery-codes");
  window.addEventListener("afterprint", () => document.body.classList.remove("print-recovery-codes"), { once: true });
  window.print();
}

async function turnOff(event) {
  event.preventDefault();
  clearFieldErrors(turnOffForm);
  const password = turnOffForm.elements.current_password.value;
  if (!password) {
    showFieldErrors(turnOffForm, { current_password: ["Enter your password."] });
    return;
  }
  setBusy(turnOffForm, true);
  const answer = await api("DELETE", "/api/v1/me/2fa", { current_password: password });
  setBusy(turnOffForm, false);
  if (!answer.ok) {
    showFailure(turnOffForm, answer);
    return;
  }
  turnOffForm.reset();
  showStatus(status, "Two-step sign-in is off. Your other devices were signed out.", "success");
  await loadTwoStep();
  await onChange();
}

function showFailure(form, answer) {
  const unplaced = answer.body.errors ? showFieldErrors(form, answer.body.errors) : [problemMessage(answer.body)];
  showStatus(status, unplaced.join(" "), unplaced.length ? "error" : "info");
}
