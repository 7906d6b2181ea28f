// How a client hears of portal news: email, text (SMS) or both, and the mobile number texts go to,
// which is confirmed with a code texted to it before any notice goes there.

import { api } from "./api.js";
import { clearFieldErrors, problemMessage, requireAccount, setBusy, showFieldErrors, showStatus } from "./ui.js";

const pageStatus = document.querySelector("[data-page-status]");
const form = document.querySelector("[data-preferences-form]");
const status = form.querySelector("[data-form-status]");
const mobileState = form.querySelector("[data-mobile-state]");
const confirmation = document.querySelector("[data-mobile-confirmation]");
const codeForm = document.querySelector("[data-mobile-code-form]");
const codeStatus = codeForm.querySelector("[data-code-status]");
const newCodeButton = codeForm.querySelector("[data-new-code]");
const PREFERENCES = "/api/v1/messaging/preferences";
const CONFIRMATION = `${PREFERENCES}/mobile/confirmation`;
const NEW_CODE = `${PREFERENCES}/mobile/code`;
const CODE = /^\d{6}$/;

function chosenChannel() {
  const checked = form.querySelector("input[name=channel]:checked");
  return checked ? checked.value : "";
}

function waitingForCode(preference) {
  return Boolean(preference.mobile) && !preference.mobile_confirmed;
}

function show(preference) {
  const radio = form.querySelector(`input[name=channel][value="${preference.channel}"]`);
  if (radio) radio.checked = true;
  form.elements.mobile.value = preference.mobile || "";
  if (!preference.mobile) mobileState.textContent = "";
  else if (preference.mobile_confirmed) mobileState.textContent = "Confirmed";
  else mobileState.textContent = `Not confirmed yet: enter the code we texted to ${preference.mobile}.`;
  mobileState.dataset.tone = preference.mobile_confirmed ? "success" : "info";
  confirmation.querySelector("[data-waiting-number]").textContent = preference.mobile || "";
  confirmation.hidden = !waitingForCode(preference);
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
  const before = confirmation.hidden ? null : confirmation.querySelector("[data-waiting-number]").textContent;
  setBusy(form, true);
  const saved = await api("PUT", PREFERENCES, body);
  setBusy(form, false);
  if (saved.ok) {
    show(saved.body);
    if (waitingForCode(saved.body)) {
      const texted = saved.body.mobile !== before;
      if (texted) {
        clearFieldErrors(codeForm);
        codeForm.reset();
        showStatus(codeStatus, "");
      }
      showStatus(status, texted ? `Saved. We texted a code to ${saved.body.mobile}: enter it below. Until then we tell you by email.` : "Saved. Enter the code we texted you below. Until then we tell you by email.", "success");
      codeForm.elements.code.focus();
    } else {
      showStatus(status, "Saved. We will tell you this way from now on.", "success");
    }
    return;
  }
  if (saved.body.errors) showFieldErrors(form, saved.body.errors);
  showStatus(status, saved.body.errors ? "Check the fields marked above." : problemMessage(saved.body), "error");
});

codeForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(codeForm);
  showStatus(codeStatus, "");
  const code = codeForm.elements.code.value.replace(/\s/g, "");
  if (!CODE.test(code)) {
    showFieldErrors(codeForm, { code: ["Enter the 6-digit code we texted you."] });
    return;
  }
  setBusy(codeForm, true);
  const confirmed = await api("POST", CONFIRMATION, { code });
  setBusy(codeForm, false);
  if (confirmed.ok) {
    show(confirmed.body);
    showStatus(status, `Confirmed. We will text ${confirmed.body.mobile} from now on.`, "success");
    return;
  }
  if (confirmed.body.errors) showFieldErrors(codeForm, confirmed.body.errors);
  showStatus(codeStatus, confirmed.body.errors ? "The number is not confirmed yet." : problemMessage(confirmed.body), "error");
});

newCodeButton.addEventListener("click", async () => {
  clearFieldErrors(codeForm);
  showStatus(codeStatus, "");
  newCodeButton.disabled = true;
  const sent = await api("POST", NEW_CODE);
  newCodeButton.disabled = false;
  if (sent.ok) {
    codeForm.reset();
    showStatus(codeStatus, `We texted a new code to ${sent.body.mobile}. The codes sent before no longer work.`, "success");
    codeForm.elements.code.focus();
    return;
  }
  showStatus(codeStatus, problemMessage(sent.body), "error");
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
