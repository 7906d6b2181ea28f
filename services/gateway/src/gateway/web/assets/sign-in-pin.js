// Sign in with the email address and the PIN a member of staff read out.

import { api } from "./api.js";
import { digits, followSignIn } from "./access.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const form = document.querySelector("[data-pin-form]");
const status = form.querySelector("[data-form-status]");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(status, "");
  const email = form.elements.email.value.trim();
  const pin = digits(form.elements.pin.value);
  const mistakes = {};
  if (!email.includes("@")) mistakes.email = ["Enter the email address you sign in with."];
  if (!/^\d{6}$/.test(pin)) mistakes.pin = ["Enter the 6 digits your practice gave you."];
  if (Object.keys(mistakes).length) {
    showFieldErrors(form, mistakes);
    return;
  }
  setBusy(form, true);
  const answer = await api("POST", "/api/v1/auth/pin", { email, pin });
  const failure = answer.ok || answer.status === 403 ? await followSignIn(answer, email) : pinFailure(answer);
  setBusy(form, false);
  if (failure) showStatus(status, failure, "error");
});

function pinFailure(answer) {
  if (answer.status === 401) return "That email and PIN do not match. Check both, or ask your practice for a new PIN.";
  if (answer.status === 410) return "This PIN has expired. Ask your practice for a new one.";
  return problemMessage(answer.body);
}
