// On the client's appointments page: asking to reschedule (up to three proposed times) or to cancel
// (with a reason), with the practice's notice policy shown before sending; and what became of the
// latest request (waiting, or the practice's answer and message).

import { api } from "./api.js";
import { formatInZone, wallTimeToUtc } from "./appointment-times.js";
import { clearFieldErrors, el, problemMessage, showFieldErrors, showStatus } from "./ui.js";

const form = document.querySelector("[data-request-form]");
const formStatus = document.querySelector("[data-request-status]");
const KIND_WORDS = { reschedule: "reschedule", cancel: "cancel" };
const asking = { appointment: null, kind: null, opener: null, timeZone: "UTC", noticeHours: 24, reload: null };

function policyText(appointment) {
  const notice = `Your practice asks for ${asking.noticeHours} hours' notice to cancel or change an appointment.`;
  if (!appointment.late_if_cancelled_now) return `${notice} You are within that notice.`;
  return `${notice} This appointment is less than ${asking.noticeHours} hours away: cancelling now counts as a late cancellation, and a fee may apply.`;
}

function open(appointment, kind, opener) {
  Object.assign(asking, { appointment, kind, opener });
  clearFieldErrors(form);
  form.reset();
  showStatus(formStatus, "");
  const reschedule = kind === "reschedule";
  document.querySelector("[data-request-title]").textContent = reschedule ? "Ask to reschedule" : "Ask to cancel";
  document.querySelector("[data-request-what]").textContent = `Your appointment on ${formatInZone(appointment.starts_at, asking.timeZone)}.`;
  document.querySelector("[data-request-policy]").textContent = policyText(appointment);
  document.querySelector("[data-request-times]").hidden = !reschedule;
  document.querySelector("[data-reason-optional]").hidden = !reschedule;
  document.querySelector("[data-request-send]").textContent = reschedule ? "Send reschedule request" : "Send cancellation request";
  form.hidden = false;
  (reschedule ? form.querySelector("#proposed-1") : form.elements.reason).focus();
}

function close() {
  form.hidden = true;
  if (asking.opener) asking.opener.focus();
}

function body() {
  const reason = form.elements.reason.value.trim();
  if (asking.kind === "cancel") return { kind: "cancel", reason };
  const times = [...form.querySelectorAll("[name=proposed]")].map((input) => input.value).filter(Boolean);
  return { kind: "reschedule", reason, proposed_times: times.map((wall) => wallTimeToUtc(wall, asking.timeZone)) };
}

async function send(event) {
  event.preventDefault();
  clearFieldErrors(form);
  const wish = body();
  if (wish.kind === "cancel" && !wish.reason) return showFieldErrors(form, { reason: ["Tell your practice why you need to cancel."] });
  if (wish.kind === "reschedule" && !wish.proposed_times.length) return showFieldErrors(form, { proposed_times: ["Propose at least one time."] });
  const answer = await api("POST", `/api/v1/appointments/${asking.appointment.id}/requests`, wish);
  if (!answer.ok) {
    showFieldErrors(form, answer.body.errors || {});
    return showStatus(formStatus, problemMessage(answer.body), "error");
  }
  form.hidden = true;
  await asking.reload();
  showStatus(document.querySelector("[data-page-status]"), "Your request was sent. Your practice will answer here.", "success");
}

// What the client sees of the latest request under an appointment, and the buttons to ask.
export function requestPart(appointment) {
  const request = appointment.request;
  if (request && request.status === "pending") {
    return el("p", { class: "hint", text: `You asked to ${KIND_WORDS[request.kind]} this appointment. Your practice will answer here.` });
  }
  const answer = request
    ? el("p", { class: "hint", text: `Your request to ${KIND_WORDS[request.kind]} was ${request.status}${request.message ? `: “${request.message}”` : "."}` })
    : null;
  const reschedule = el("button", { type: "button", class: "button button--quiet button--small", text: "Ask to reschedule" });
  const cancel = el("button", { type: "button", class: "button button--quiet button--small", text: "Ask to cancel" });
  reschedule.addEventListener("click", () => open(appointment, "reschedule", reschedule));
  cancel.addEventListener("click", () => open(appointment, "cancel", cancel));
  return el("div", { class: "appointment__requests" }, answer, el("div", { class: "appointment__actions" }, reschedule, cancel));
}

export function startRequests(timeZone, noticeHours, reload) {
  Object.assign(asking, { timeZone, noticeHours, reload });
  form.addEventListener("submit", send);
  document.querySelector("[data-request-close]").addEventListener("click", close);
}
