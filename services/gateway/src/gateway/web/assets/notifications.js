// How a client hears of portal news: email, text (SMS) or both, and the mobile number texts go to.

import { api } from "./api.js";
import { clearFieldErrors, problemMessage, requireAccount, setBusy, showFieldErrors, showStatus } from "./ui.js";

const pageStatus = document.querySelector("[data-page-status]");
const form = document.querySelector("[data-preferences-form]");
const status = form.querySelector("[data-form-status]");
const PREFERENCES = "/api/v1/messaging/preferences";

function chosenChannel() {
  const checked = form.querySelector("input[name=channel]:checked");
  return checked ? checked.value : "";
}

function show(preference) {
  const radio = form.querySelector(`input[name=channel][value="${preference.channel}"]`);
  if (radio) radio.checked = true;
  form.elements.mobile.value = preference.mobile || "";
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(status, "");
  const body = { channel: chosenChannel(), mobile: form.elements.mobile.value.trim() || null };
  if (!body.channel) {
    showFieldErrors(form, { channel: ["Choose how you want to hear from us."] });
    return;
  }
  if (body.channel !== "email" && !body.mobile) {
    showFieldErrors(form, { mobile: ["Enter the mobile number texts should go to."] });
    return;
  }
  setBusy(form, true);
  const saved = await api("PUT", PREFERENCES, body);
  setBusy(form, false);
  if (saved.ok) {
    show(saved.body);
    showStatus(status, "Saved. We will tell you this way from now on.", "success");
    return;
  }
  if (saved.body.errors) showFieldErrors(form, saved.body.errors);
  showStatus(status, saved.body.errors ? "Check the fields marked above." : problemMessage(saved.body), "error");
});

async function start() {
  const account = await requireAccount("client");
  if (!account) return;
  const preference = await api("GET", PREFERENCES);
  if (!preference.ok) {
    showStatus(pageStatus, problemMessage(preference.body), "error");
    return;
  }
  show(preference.body);
  document.querySelector("[data-notifications]").hidden = false;
}

start().catch((problem) => showStatus(pageStatus, problemMessage(problem), "error"));
