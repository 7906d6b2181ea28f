// The page behind the link mailed to a new sign-in address: only the button's POST changes the
// address, so a mail scanner opening the link changes nothing.

import { api } from "./api.js";
import { isLinkOutcome, showLinkOutcome, showStep, tokenFromAddress } from "./access.js";
import { problemMessage, showStatus } from "./ui.js";

const button = document.querySelector("[data-confirm-email-change]");
const status = document.querySelector("[data-form-status]");

button.addEventListener("click", async () => {
  button.disabled = true;
  showStatus(status, "Confirming…");
  const changed = await api("POST", "/api/v1/auth/email-change/confirm", { token: tokenFromAddress() });
  button.disabled = false;
  if (changed.ok) {
    const done = showStep("done");
    const email = changed.body.email || "";
    done.querySelector("[data-changed-email]").textContent = email || "your new address";
    done.querySelector("[data-sign-in-link]").href = email ? `/sign-in?email=${encodeURIComponent(email)}` : "/sign-in";
  } else if (isLinkOutcome(changed.body)) {
    showLinkOutcome(changed.body, "email-change");
  } else {
    showStatus(status, problemMessage(changed.body), "error");
  }
});
