// A reset link from the practice: a new password entered twice. The token is spent only by the POST.

import { api } from "./api.js";
import { isLinkOutcome, showLinkOutcome, showStep, tokenFromAddress } from "./access.js";
import { attachStrengthHint, newPasswordMistakes } from "./password.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const form = document.querySelector("[data-reset-form]");
const status = form.querySelector("[data-form-status]");
attachStrengthHint(form);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(status, "");
  const mistakes = newPasswordMistakes(form);
  if (Object.keys(mistakes).length) {
    showFieldErrors(form, mistakes);
    return;
  }
  setBusy(form, true);
  const reset = await api("POST", "/api/v1/auth/password/reset", { token: tokenFromAddress(), password: form.elements.password.value });
  setBusy(form, false);
  if (reset.ok) showStep("done");
  else if (isLinkOutcome(reset.body)) showLinkOutcome(reset.body, "reset");
  else if (reset.body.errors) showStatus(status, showFieldErrors(form, reset.body.errors).join(" ") || "Check the fields marked above.", "error");
  else showStatus(status, problemMessage(reset.body), "error");
});
