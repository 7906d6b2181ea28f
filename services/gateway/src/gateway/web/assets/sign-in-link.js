// Ask for a sign-in link by email, then sign in with the link or with the code printed beside it.

import { api } from "./api.js";
import { digits, followSignIn, showStep } from "./access.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const requestForm = document.querySelector("[data-request-form]");
const codeForm = document.querySelector("[data-code-form]");

requestForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = requestForm.querySelector("[data-form-status]");
  clearFieldErrors(requestForm);
  const email = requestForm.elements.email.value.trim();
  if (!email.includes("@")) {
    showFieldErrors(requestForm, { email: ["Enter the email address you sign in with."] });
    return;
  }
  setBusy(requestForm, true);
  const sent = await api("POST", "/api/v1/auth/link", { email });
  setBusy(requestForm, false);
  if (!sent.ok) {
    showStatus(status, problemMessage(sent.body), "error");
    return;
  }
  showCodeStep(email, true);
});

document.querySelector("[data-have-code]").addEventListener("click", () => showCodeStep(requestForm.elements.email.value.trim(), false));
document.querySelector("[data-ask-again]").addEventListener("click", () => {
  requestForm.elements.email.value = codeForm.elements.email.value;
  showStep("request");
});

codeForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = codeForm.querySelector("[data-form-status]");
  clearFieldErrors(codeForm);
  showStatus(status, "");
  const email = codeForm.elements.email.value.trim();
  const code = digits(codeForm.elements.code.value);
  if (!/^\d{6}$/.test(code)) {
    showFieldErrors(codeForm, { code: ["Enter the 6 digits from the email."] });
    return;
  }
  setBusy(codeForm, true);
  const answer = await api("POST", "/api/v1/auth/link/consume", { email, code });
  const failure = answer.ok || answer.status === 403 ? await followSignIn(answer, email) : codeFailure(answer);
  setBusy(codeForm, false);
  if (failure) showStatus(status, failure, "error");
});

function showCodeStep(email, sent) {
  const card = showStep("code");
  card.querySelector("[data-sent-note]").hidden = !sent;
  card.querySelector("[data-sent-address]").textContent = email;
  codeForm.elements.email.value = email;
  (email ? codeForm.elements.code : codeForm.elements.email).focus();
}

function codeFailure(answer) {
  if (answer.status === 401) return "That code does not match. Check the email address and the code, or ask for a new email.";
  if (answer.status === 410) return "This code has expired or was replaced by a newer one. Ask for a new email.";
  if (answer.body.errors) return Object.values(answer.body.errors).flat().join(" ");
  return problemMessage(answer.body);
}
