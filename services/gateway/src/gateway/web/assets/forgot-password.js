// Forgot password: an emailed 6-digit code, then a new password entered twice.

import { api } from "./api.js";
import { digits, showStep } from "./access.js";
import { attachStrengthHint, newPasswordMistakes } from "./password.js";
import { withPractice } from "./practice-contact.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const requestForm = document.querySelector("[data-request-form]");
const resetForm = document.querySelector("[data-reset-form]");
let email = "";

attachStrengthHint(resetForm);
const given = new URLSearchParams(window.location.search).get("email");
if (given) requestForm.elements.email.value = given;

requestForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(requestForm);
  email = requestForm.elements.email.value.trim();
  if (!email.includes("@")) {
    showFieldErrors(requestForm, { email: ["Enter the email address you sign in with."] });
    return;
  }
  setBusy(requestForm, true);
  const sent = await api("POST", "/api/v1/auth/password/forgot", { email });
  setBusy(requestForm, false);
  if (!sent.ok) {
    showStatus(requestForm.querySelector("[data-form-status]"), problemMessage(sent.body), "error");
    return;
  }
  showStep("reset").querySelector("[data-sent-address]").textContent = email;
  resetForm.elements.code.focus();
});

document.querySelector("[data-ask-again]").addEventListener("click", () => showStep("request"));

resetForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = resetForm.querySelector("[data-form-status]");
  clearFieldErrors(resetForm);
  showStatus(status, "");
  const code = digits(resetForm.elements.code.value);
  const mistakes = newPasswordMistakes(resetForm);
  if (!/^\d{6}$/.test(code)) mistakes.code = ["Enter the 6 digits from the email."];
  if (Object.keys(mistakes).length) {
    showFieldErrors(resetForm, mistakes);
    return;
  }
  setBusy(resetForm, true);
  const reset = await api("POST", "/api/v1/auth/password/reset", { email, code, password: resetForm.elements.password.value });
  setBusy(resetForm, false);
  if (reset.ok) {
    showStep("done").querySelector("[data-sign-in-link]").href = withPractice(`/sign-in?email=${encodeURIComponent(email)}`);
    return;
  }
  showStatus(status, resetFailure(reset, resetForm), "error");
});

function resetFailure(answer, form) {
  if (answer.status === 401) return "That code does not match. Check it, or send another code.";
  if (answer.status === 410) return "This code has expired or was replaced by a newer one. Send another code.";
  if (answer.body.errors) return showFieldErrors(form, answer.body.errors).join(" ") || "Check the fields marked above.";
  return problemMessage(answer.body);
}
