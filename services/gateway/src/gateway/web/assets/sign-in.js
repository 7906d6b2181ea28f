import { api } from "./api.js";
import { followSignIn } from "./access.js";
import { setBusy, showStatus } from "./ui.js";

const form = document.querySelector("[data-sign-in-form]");
const status = document.querySelector("[data-form-status]");
const params = new URLSearchParams(window.location.search);

if (params.get("reason") === "idle") {
  showStatus(status, "You were signed out because the portal was not used for a while. Sign in again to continue.");
}

if (params.get("email")) {
  form.elements.email.value = params.get("email");
  form.elements.password.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const email = form.elements.email.value.trim();
  const password = form.elements.password.value;
  if (!email || !password) {
    showStatus(status, "Enter your email and your password.", "error");
    return;
  }
  setBusy(form, true);
  showStatus(status, "Signing in…");
  const failure = await signIn(email, password);
  setBusy(form, false);
  if (failure) {
    showStatus(status, failure, "error");
    form.elements.password.select();
  } else {
    showStatus(status, "");
  }
});

// Returns a message for the person when signing in did not work; otherwise leaves the page, or
// shows the "check your email" step to an address not confirmed yet.
async function signIn(email, password) {
  const login = await api("POST", "/api/v1/auth/login", { email, password });
  if (login.status === 401) return "That email and password do not match an account. Check both and try again.";
  return followSignIn(login, email);
}
