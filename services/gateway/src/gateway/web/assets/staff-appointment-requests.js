// Clients' reschedule and cancel requests on staff's appointments page: each with the appointment,
// the reason and the proposed times; approve (move to a proposed time, or cancel) or decline, with a
// message the client reads.

import { api } from "./api.js";
import { formatInZone } from "./appointment-times.js";
import { clinicianLabel } from "./staff-scheduling-setup.js";
import { el, problemMessage, showStatus } from "./ui.js";

const requestsStatus = document.querySelector("[data-requests-status]");
const view = { timeZone: "UTC", clientName: () => "A client", changed: async () => {} };

function when(iso) {
  return formatInZone(iso, view.timeZone, { dateStyle: "medium", timeStyle: "short" });
}

async function answer(request, path, body, done) {
  const answered = await api("POST", `/api/v1/staff/appointment-requests/${request.id}/${path}`, body);
  if (!answered.ok) return showStatus(requestsStatus, problemMessage(answered.body), "error");
  showStatus(requestsStatus, done, "success");
  await loadRequests();
  await view.changed();
}

function button(label, onClick, primary = false) {
  const made = el("button", { type: "button", class: `button button--${primary ? "primary" : "secondary"} button--small`, text: label });
  made.addEventListener("click", onClick);
  return made;
}

function requestItem(request) {
  const number = request.id.slice(0, 8);
  const message = el("input", { id: `message-${number}`, type: "text", maxlength: 500 });
  const say = () => message.value.trim();
  const approvals = request.kind === "cancel"
    ? [button("Cancel the appointment", () => answer(request, "approve", { message: say() }, "The appointment was cancelled."), true)]
    : request.proposed_times.map((time) =>
        button(`Move to ${when(time)}`, () => answer(request, "approve", { starts_at: time, message: say() }, "The appointment was moved."), true),
      );
  const decline = button("Decline", () => {
    if (!say()) return showStatus(requestsStatus, "Write a message to the client to decline.", "error");
    return answer(request, "decline", { message: say() }, "The request was declined.");
  });
  return el(
    "li",
    { class: "appointment" },
    el("p", { class: "appointment__when", text: `${view.clientName(request.appointment.client_id)} asks to ${request.kind}` }),
    el("p", { class: "appointment__who", text: `Appointment: ${when(request.appointment.starts_at)} with ${request.appointment.clinician_name || clinicianLabel(request.appointment.clinician_id)}` }),
    request.reason ? el("p", { class: "appointment__where", text: `Reason: ${request.reason}` }) : null,
    el("div", { class: "field" }, el("label", { for: `message-${number}`, text: "Message to the client" }), message),
    el("div", { class: "appointment__actions" }, ...approvals, decline),
  );
}

export async function loadRequests() {
  const found = await api("GET", "/api/v1/staff/appointment-requests");
  if (!found.ok) throw found.body;
  document.querySelector("[data-requests]").replaceChildren(...found.body.items.map(requestItem));
  document.querySelector("[data-requests-empty]").hidden = found.body.items.length > 0;
}

export async function startRequests(timeZone, clientName, changed) {
  Object.assign(view, { timeZone, clientName, changed });
  await loadRequests();
}
