import { api } from "./api.js";
import { homeFor, problemMessage, setBusy, showStatus } from "./ui.js";

const form = document.querySelector("[data-sign-in-form]");
const status = document.querySelector("[data-form-status]");
const params = new URLSearchParams(window.location.search);

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
  if (failure) {
    setBusy(form, false);
    showStatus(status, failure, "error");
    form.elements.password.select();
  }
});

// Returns a message for the person when signing in did not work; otherwise leaves the page.
async function signIn(email, password) {
  const login = await api("POST", "/api/v1/auth/login", { email, password });
  if (login.status === 401) return "That email and password do not match an account. Check both and try again.";
  if (!login.ok) return problemMessage(login.body);
  if (login.body.mfa_required) return "Your account needs a second sign-in step that this page cannot show yet. Contact your practice for help.";
  const me = await api("GET", "/api/v1/me");
  if (!me.ok) return problemMessage(me.body);
  window.location.assign(nextPage(me.body));
  return null;
}

function nextPage(account) {
  const home = homeFor(account);
  const next = params.get("next") || "";
  const sameArea = home === "/dashboard" ? next === "/dashboard" : next.startsWith("/staff/");
  return sameArea && !next.startsWith("//") ? next : home;
}
