// Changing the address a client signs in with: nothing changes until the link mailed to the new
// address is used, and the current address gets a notice.

import { api } from "./api.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const form = document.querySelector("[data-email-change-form]");
const status = form.querySelector("[data-form-status]");

export function setUpEmailChange() {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    showStatus(status, "");
    const body = { new_email: form.elements.new_email.value.trim(), current_password: form.elements.email_current_password.value };
    const mistakes = {};
    if (!body.new_email.includes("@")) mistakes.new_email = ["Enter the new email address."];
    if (!body.current_password) mistakes.email_current_password = ["Enter your current password."];
    if (Object.keys(mistakes).length) {
      showFieldErrors(form, mistakes);
      return;
    }
    setBusy(form, true);
    const asked = await api("POST", "/api/v1/me/email", body);
    setBusy(form, false);
    if (asked.ok) {
      form.reset();
      showStatus(status, `Check your new inbox: we sent a link to ${asked.body.new_email}. Until you open it, you keep signing in with your current email.`, "success");
      return;
    }
    const errors = asked.body.errors ? { ...asked.body.errors } : null;
    if (errors && errors.current_password) errors.email_current_password = errors.current_password;
    if (errors) showFieldErrors(form, errors);
    showStatus(status, errors ? "Check the fields marked above." : problemMessage(asked.body), "error");
  });
}

// Only clients change their own sign-in address; staff addresses are the practice's to manage.
export function showEmailChange(account) {
  document.querySelector("[data-email-change]").hidden = account.role !== "client";
  form.querySelector("[data-current-email]").textContent = account.email;
}
