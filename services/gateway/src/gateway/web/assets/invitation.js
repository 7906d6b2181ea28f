import { api } from "./api.js";
import { clearFieldErrors, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const token = decodeURIComponent(window.location.pathname.split("/")[2] || "");
const invitationPath = `/api/v1/invitations/${encodeURIComponent(token)}`;
const pageStatus = document.querySelector("[data-page-status]");
const createCard = document.querySelector("[data-create]");
const form = document.querySelector("[data-accept-form]");
const formStatus = form.querySelector("[data-form-status]");
const AGREEMENTS = ["accept_terms", "accept_privacy", "accept_electronic_notices"];
const MINIMUM_LENGTH = 8;

// What happened to an invitation link, and what the person can do next.
const OUTCOMES = {
  "invitation-expired": {
    title: "This invitation has expired",
    detail: "Invitation links work for a limited time, to keep your information safe.",
    next: "Ask your practice to send you a new invitation.",
  },
  "invitation-used": {
    title: "This invitation has already been used",
    detail: "An account was already created with this link.",
    next: "Sign in with your email and the password you chose.",
    signIn: true,
  },
  "invitation-superseded": {
    title: "A newer invitation replaced this one",
    detail: "Your practice sent you a more recent invitation, so this link no longer works.",
    next: "Use the link in the newest email from your practice.",
  },
  "invitation-not-found": {
    title: "We could not find this invitation",
    detail: "The link may be incomplete. Check that you opened the whole link from the email.",
    next: "If it still does not work, ask your practice to send you a new invitation.",
  },
};

// The sign-in page shows this practice's phone, for whoever gets stuck signing in.
let practiceId = "";

const invitation = await api("GET", invitationPath);
if (invitation.ok) showForm(invitation.body);
else showOutcome(invitation.body);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(formStatus, "");
  const mistakes = checkForm();
  if (Object.keys(mistakes).length) {
    showFieldErrors(form, mistakes);
    showStatus(formStatus, "Check the fields marked above.", "error");
    return;
  }
  setBusy(form, true);
  await accept();
  setBusy(form, false);
});

function showForm(details) {
  practiceId = details.practice_id || "";
  pageStatus.textContent = "";
  document.querySelector("[data-practice]").textContent = details.practice_name || "";
  const greeting = details.first_name ? `Hello ${details.first_name}. ` : "";
  document.querySelector("[data-greeting]").textContent =
    `${greeting}${details.practice_name || "Your practice"} has invited you to its client portal.`;
  form.elements.email.value = details.email || "";
  createCard.hidden = false;
  form.elements.password.focus();
}

function checkForm() {
  const mistakes = {};
  const password = form.elements.password.value;
  if (password.length < MINIMUM_LENGTH) mistakes.password = [`Use at least ${MINIMUM_LENGTH} characters.`];
  if (password !== form.elements.password_confirmation.value) mistakes.password_confirmation = ["The two passwords do not match."];
  for (const name of AGREEMENTS) {
    if (!form.elements[name].checked) mistakes[name] = ["Tick this box to continue."];
  }
  return mistakes;
}

async function accept() {
  const body = { password: form.elements.password.value, password_confirmation: form.elements.password_confirmation.value };
  for (const name of AGREEMENTS) body[name] = form.elements[name].checked;
  const accepted = await api("POST", `${invitationPath}/accept`, body);
  if (accepted.ok) {
    showDone(accepted.body.email || form.elements.email.value);
  } else if (accepted.status === 410 || accepted.status === 404) {
    showOutcome(accepted.body);
  } else {
    const unplaced = showFieldErrors(form, accepted.body.errors);
    showStatus(formStatus, accepted.body.errors ? unplaced.join(" ") || "Check the fields marked above." : problemMessage(accepted.body), "error");
  }
}

function showDone(email) {
  createCard.hidden = true;
  const done = document.querySelector("[data-done]");
  done.querySelector("[data-done-email]").textContent = email;
  const query = new URLSearchParams({ email });
  if (practiceId) query.set("practice", practiceId);
  done.querySelector("[data-sign-in-link]").href = `/sign-in?${query}`;
  done.hidden = false;
  done.querySelector("h1").focus();
}

function showOutcome(problem) {
  pageStatus.textContent = "";
  createCard.hidden = true;
  const outcome = OUTCOMES[problem.code] || { title: "Something went wrong", detail: problemMessage(problem), next: "Try again in a moment." };
  const card = document.querySelector("[data-problem]");
  card.querySelector("[data-problem-title]").textContent = outcome.title;
  card.querySelector("[data-problem-detail]").textContent = outcome.detail;
  card.querySelector("[data-problem-next]").textContent = outcome.next;
  card.querySelector("[data-problem-sign-in]").hidden = !outcome.signIn;
  card.hidden = false;
}
