// The page behind a verification link: only the button's POST confirms the address, so a mail
// scanner opening the link changes nothing.

import { api } from "./api.js";
import { isLinkOutcome, showLinkOutcome, showStep, tokenFromAddress } from "./access.js";
import { problemMessage, showStatus } from "./ui.js";

const button = document.querySelector("[data-verify]");
const status = document.querySelector("[data-form-status]");

button.addEventListener("click", async () => {
  button.disabled = true;
  showStatus(status, "Confirming…");
  const verified = await api("POST", "/api/v1/auth/verify-email", { token: tokenFromAddress() });
  button.disabled = false;
  if (verified.ok) {
    const done = showStep("done");
    const email = verified.body.email || "";
    done.querySelector("[data-verified-email]").textContent = email || "your email address";
    const query = new URLSearchParams();
    if (email) query.set("email", email);
    if (verified.body.practice_id) query.set("practice", verified.body.practice_id);
    done.querySelector("[data-sign-in-link]").href = query.size ? `/sign-in?${query}` : "/sign-in";
  } else if (isLinkOutcome(verified.body)) {
    showLinkOutcome(verified.body, "verify");
  } else {
    showStatus(status, problemMessage(verified.body), "error");
  }
});
