// The second step of signing in when two-step sign-in is on: a code from the authenticator app, a
// texted code, or a recovery code answers the challenge the first step returned.

import { api } from "./api.js";
import { enterPortal, showStep } from "./access.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const HINTS = {
  totp: "Open your authenticator app and enter the 6-digit code it shows for this portal.",
  sms: "Enter the 6-digit code we texted to your phone.",
  recovery_code: "Enter one of the recovery codes you saved when you set up two-step sign-in. Each works once.",
};
const START_AGAIN = {
  "challenge-expired": "This sign-in took too long. Start again.",
  "challenge-used": "This sign-in step was already used. Start again.",
  "challenge-locked": "Too many wrong codes. Start again and sign in once more.",
  "challenge-not-found": "This sign-in step is no longer valid. Start again.",
};
let challenge = null;
let card = null;
const texted = new Set();

// Shows the step for `answer` ({challenge_id, methods}); the first method offered is chosen.
export function showChallenge(answer) {
  challenge = answer;
  card ??= wire(document.querySelector('[data-step="two-step"]'));
  for (const option of card.querySelectorAll("[data-method]")) option.hidden = !answer.methods.includes(option.dataset.method);
  card.querySelector(`input[name="method"][value="${CSS.escape(answer.methods[0])}"]`).checked = true;
  showStep("two-step");
  methodChosen();
}

function wire(section) {
  const form = section.querySelector("[data-two-step-form]");
  form.addEventListener("submit", (event) => answerChallenge(event, form));
  for (const radio of form.querySelectorAll('input[name="method"]')) radio.addEventListener("change", methodChosen);
  section.querySelector("[data-text-again]").addEventListener("click", textCode);
  return section;
}

function chosenMethod() {
  return card.querySelector('input[name="method"]:checked').value;
}

function methodChosen() {
  const method = chosenMethod();
  const input = card.querySelector("#two-step-code");
  card.querySelector("[data-two-step-hint]").textContent = HINTS[method];
  input.inputMode = method === "recovery_code" ? "text" : "numeric";
  input.autocomplete = method === "recovery_code" ? "off" : "one-time-code";
  card.querySelector("[data-text-again]").hidden = method !== "sms";
  if (method === "sms" && !texted.has(challenge.challenge_id)) textCode();
}

async function textCode() {
  const status = card.querySelector("[data-two-step-status]");
  texted.add(challenge.challenge_id);
  const sent = await api("POST", "/api/v1/auth/mfa/sms", { challenge_id: challenge.challenge_id });
  if (sent.ok) showStatus(status, "We texted a code to your phone. It can take a minute to arrive.", "success");
  else showStatus(status, START_AGAIN[sent.body.code] || problemMessage(sent.body), "error");
}

async function answerChallenge(event, form) {
  event.preventDefault();
  clearFieldErrors(form);
  const status = card.querySelector("[data-two-step-status]");
  const code = form.elements.code.value.trim();
  if (!code) {
    showFieldErrors(form, { code: ["Enter the code."] });
    return;
  }
  setBusy(form, true);
  const body = { challenge_id: challenge.challenge_id, method: chosenMethod(), code };
  const answer = await api("POST", "/api/v1/auth/mfa", body);
  const failure = answer.ok ? await enterPortal() : refusal(form, answer);
  setBusy(form, false);
  showStatus(status, failure || "", failure ? "error" : "info");
}

function refusal(form, answer) {
  if (answer.status === 401) {
    showFieldErrors(form, { code: ["That code is not right. Check it and try again."] });
    form.elements.code.select();
    return "";
  }
  if (answer.body.errors) return showFieldErrors(form, answer.body.errors).join(" ");
  return START_AGAIN[answer.body.code] || problemMessage(answer.body);
}
