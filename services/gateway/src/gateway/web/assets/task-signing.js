// Signing a consent on the task page: who signs (a guardian for a minor, each partner for a couple),
// the signatures already given, the form (typed name, agreement, an optional drawing) and the
// refusals in words. forms decides who may sign; the page only explains it.

import { api } from "./api.js";
import { clearFieldErrors, el, formatMoment, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";
import { installSignaturePad } from "./signature-pad.js";

const REFUSALS = {
  "guardian-must-sign": "A parent or guardian signs this consent for this profile. Ask them to sign in to the portal, open this profile and sign it.",
  "not-a-signer": "This consent is signed by the partners whose profile this is, each from their own account. This account is not one of them.",
  "already-signed": "You have signed this consent already.",
  "not-your-task": "Your practice asked another person who opens this profile to complete this.",
};

const signForm = document.querySelector("[data-sign-form]");
const signersCard = document.querySelector("[data-signers]");
let pad = null;

// "Robin Doe, 5 Jan 2026, 09:00 (you)" for each signature, first signed first.
export function signatureList(signatures) {
  return signatures.map((signature) =>
    el(
      "li",
      { class: "signature-list__item" },
      el("span", { class: "signature-list__name", text: signature.full_name }),
      el("span", { class: "signature-list__when", text: `Signed ${formatMoment(signature.signed_at)}${signature.by_you ? " (you)" : ""}` }),
    ),
  );
}

export function signedByYou(task) {
  return (task.signatures || []).some((signature) => signature.by_you);
}

// A couple's consent that has some signatures but not every one: who signed, and who is awaited.
export function showSigners(task) {
  const signatures = task.signatures || [];
  signersCard.hidden = !(task.status === "pending" && signatures.length);
  if (signersCard.hidden) return;
  const mine = signedByYou(task);
  signersCard.querySelector("[data-signers-title]").textContent = mine ? "Waiting for your partner's signature" : "Your partner has signed";
  signersCard.querySelector("[data-signers-text]").textContent = mine
    ? "You have signed. This consent is complete once your partner signs it too, from their own account. There is nothing more for you to do."
    : "Read the document below and add your signature. Each partner signs from their own account.";
  signersCard.querySelector("[data-signature-list]").replaceChildren(...signatureList(signatures));
}

// The profile this account acts for (from the profile picker's list): a guardian signs for a minor.
async function showSigningAs() {
  const note = signForm.querySelector("[data-signing-as]");
  const profiles = await api("GET", "/api/v1/me/profiles");
  const current = profiles.ok ? profiles.body.items.find((profile) => profile.id === profiles.body.current) : null;
  note.hidden = !(current && current.kind === "guardian");
  if (!note.hidden) note.textContent = `You are signing as the parent or guardian of ${current.name}.`;
}

function refuse(formStatus, code) {
  showStatus(formStatus, REFUSALS[code], "error");
  for (const control of signForm.querySelectorAll("input, button")) control.disabled = true;
  pad.lock(true);
}

// The form, once: `onAnswer(task)` gets the sign answer (pending while a partner's signature is awaited),
// `reload()` is called when the task changed meanwhile (signed or completed elsewhere).
export function showSignForm(path, onAnswer, reload) {
  const formStatus = signForm.querySelector("[data-form-status]");
  signForm.hidden = false;
  showSigningAs();
  if (pad) return;
  pad = installSignaturePad(signForm.querySelector("[data-signature-pad]"));
  signForm.addEventListener("input", (event) => {
    const slot = signForm.querySelector(`[data-error-for="${CSS.escape(event.target.name)}"]`);
    if (slot) slot.textContent = "";
    event.target.removeAttribute("aria-invalid");
  });
  signForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fullName = signForm.elements.full_name.value.trim();
    const agree = signForm.elements.agree.checked;
    const errors = {};
    if (!fullName) errors.full_name = "Type your full name to sign.";
    if (!agree) errors.agree = "Tick the box to say you agree.";
    if (Object.keys(errors).length) {
      showFieldErrors(signForm, errors);
      showStatus(formStatus, "");
      return;
    }
    clearFieldErrors(signForm);
    setBusy(signForm, true);
    const drawing = pad.drawing();
    const signed = await api("POST", `${path}/sign`, { full_name: fullName, agree: true, ...(drawing ? { drawing } : {}) });
    setBusy(signForm, false);
    if (signed.ok) return onAnswer(signed.body);
    const code = signed.body && signed.body.code;
    if (code === "already-signed") return reload(REFUSALS[code]);
    if (signed.status === 403 && REFUSALS[code]) return refuse(formStatus, code);
    if (signed.status === 409) return reload();
    const unplaced = signed.status === 422 ? showFieldErrors(signForm, signed.body.errors || {}) : [];
    showStatus(formStatus, [problemMessage(signed.body), ...unplaced].join(" "), "error");
  });
}
