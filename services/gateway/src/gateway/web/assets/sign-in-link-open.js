// The page behind a sign-in link. Opening it spends nothing (mail scanners open every link); only
// the button's POST uses the token.

import { api } from "./api.js";
import { followSignIn, isLinkOutcome, showLinkOutcome, tokenFromAddress } from "./access.js";
import { problemMessage, showStatus } from "./ui.js";

const button = document.querySelector("[data-consume]");
const status = document.querySelector("[data-form-status]");

button.addEventListener("click", async () => {
  button.disabled = true;
  showStatus(status, "Signing in…");
  const answer = await api("POST", "/api/v1/auth/link/consume", { token: tokenFromAddress() });
  if (isLinkOutcome(answer.body)) {
    showLinkOutcome(answer.body, "sign-in");
    return;
  }
  const failure = answer.ok ? await followSignIn(answer, "") : signInRefused(answer);
  button.disabled = false;
  showStatus(status, failure || "", failure ? "error" : "info");
});

function signInRefused(answer) {
  if (answer.status === 401) return "This link cannot sign you in. Your account may be turned off; contact your practice.";
  return problemMessage(answer.body);
}
