// Staff's appointments page: clients' requests (staff-appointment-requests.js); two weeks of the practice's appointments (client, clinician, place,
// status) with Move (one, this and the following ones, or every one ahead in its series: time, length, clinician), Cancel (by the client or by the practice) and Missed; booking one appointment or
// a weekly / fortnightly series, asking first when it falls outside the clinician's weekly hours. Times are typed and shown in the practice's time zone. The set-up
// (availability, appointment types) is in staff-scheduling-setup.js.

import { api } from "./api.js";
import { formatInZone, joinLink, placeText, utcToWallTime, wallTimeToUtc, zoneLabel } from "./appointment-times.js";
import { startRequests } from "./staff-appointment-requests.js";
import { clinicianLabel, startSetup } from "./staff-scheduling-setup.js";
import { askToConfirm, clearFieldErrors, el, problemMessage, requireAccount, setBusy, showFieldErrors, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");
const calendarStatus = document.querySelector("[data-calendar-status]");
const bookForm = document.querySelector("[data-book-form]");
const moveForm = document.querySelector("[data-move-form]");
const DAY = 24 * 60 * 60 * 1000;
const STATUS_TEXT = { booked: "Booked", cancelled: "Cancelled", no_show: "Missed" };
const page = { timeZone: "UTC", from: startOfToday(), clients: new Map(), moving: null };

function startOfToday() {
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  return today;
}

function clientName(clientId) {
  const client = page.clients.get(clientId);
  return client ? `${client.first_name} ${client.last_name}` : "A client";
}

function actionButton(label, onClick) {
  const button = el("button", { type: "button", class: "button button--secondary button--small", text: label });
  button.addEventListener("click", () => onClick(button));
  return button;
}

function appointmentRow(appointment) {
  const when = formatInZone(appointment.starts_at, page.timeZone, { dateStyle: "medium", timeStyle: "short" });
  const booked = appointment.status === "booked";
  const started = new Date(appointment.starts_at) <= new Date();
  const actions = booked
    ? [
        actionButton("Move", () => openMove(appointment, when)),
        actionButton("Client cancelled", () => cancel(appointment, "client")),
        actionButton("Practice cancelled", () => cancel(appointment, "practice")),
        started ? actionButton("Missed", () => markMissed(appointment)) : null,
      ]
    : [];
  return el(
    "li",
    { class: `appointment${booked ? "" : " appointment--past"}`, "data-appointment": appointment.id },
    el("p", { class: "appointment__when", text: `${when} · ${appointment.duration_minutes} min` }),
    el("p", { class: "appointment__who", text: `${clientName(appointment.client_id)} with ${appointment.clinician_name || clinicianLabel(appointment.clinician_id)} · ${appointment.type_name}` }),
    el("p", { class: "appointment__where", text: placeText(appointment) }),
    el("span", { class: `badge badge--${appointment.status}`, text: appointment.late_cancellation ? "Late cancellation" : STATUS_TEXT[appointment.status] }),
    el("div", { class: "appointment__actions" }, appointment.join_url ? joinLink(appointment.join_url) : null, ...actions),
  );
}

async function loadCalendar() {
  const to = new Date(page.from.getTime() + 14 * DAY);
  const query = new URLSearchParams({ from: page.from.toISOString(), to: to.toISOString() });
  const answer = await api("GET", `/api/v1/staff/appointments?${query}`);
  if (!answer.ok) throw answer.body;
  document.querySelector("[data-calendar]").replaceChildren(...answer.body.items.map(appointmentRow));
  document.querySelector("[data-calendar-empty]").hidden = answer.body.items.length > 0;
  const range = `${page.from.toLocaleDateString()} – ${new Date(to.getTime() - DAY).toLocaleDateString()}`;
  document.querySelector("[data-range]").textContent = range;
}

async function changed(answer, message) {
  if (!answer.ok) return showStatus(calendarStatus, problemMessage(answer.body), "error");
  showStatus(calendarStatus, message, "success");
  await loadCalendar();
}

async function cancel(appointment, by) {
  const answer = await api("POST", `/api/v1/staff/appointments/${appointment.id}/cancel`, { by });
  const late = answer.ok && answer.body.late_cancellation ? " It was cancelled late: a fee may apply." : "";
  await changed(answer, `The appointment was cancelled.${late}`);
}

async function markMissed(appointment) {
  await changed(await api("POST", `/api/v1/staff/appointments/${appointment.id}/no-show`), "Marked as missed.");
}

function openMove(appointment, when) {
  page.moving = appointment;
  moveForm.hidden = false;
  clearFieldErrors(moveForm);
  const partOfSeries = Boolean(appointment.series_id);
  document.querySelector("[data-move-what]").textContent = `${clientName(appointment.client_id)}, now ${when}${partOfSeries ? " (part of a series)" : ""}`;
  moveForm.elements.starts_at.value = utcToWallTime(appointment.starts_at, page.timeZone);
  moveForm.elements.duration_minutes.value = appointment.duration_minutes;
  moveForm.elements.scope.closest(".field").hidden = !partOfSeries;
  moveForm.elements.scope.value = "one";
  const clinicians = [...bookForm.elements.clinician_id.options].map((option) => el("option", { value: option.value, text: option.text }));
  moveForm.elements.clinician_id.replaceChildren(...clinicians);
  moveForm.elements.clinician_id.value = appointment.clinician_id;
  showScopeFields();
  moveForm.elements.starts_at.focus();
}

// A clinician and the note on the others' times belong to moving a series; one appointment keeps its clinician.
function showScopeFields() {
  const wholeSeries = moveForm.elements.scope.value !== "one";
  moveForm.elements.clinician_id.closest(".field").hidden = !wholeSeries;
  document.querySelector("[data-move-series-note]").hidden = !wholeSeries;
}

moveForm.elements.scope.addEventListener("change", showScopeFields);

function moveRequest(startsAt) {
  const body = { starts_at: wallTimeToUtc(startsAt, page.timeZone) };
  const minutes = Number(moveForm.elements.duration_minutes.value);
  if (minutes && minutes !== page.moving.duration_minutes) body.duration_minutes = minutes;
  const scope = moveForm.elements.scope.value;
  if (scope === "one") return { path: `/api/v1/staff/appointments/${page.moving.id}/move`, body };
  const clinicianId = moveForm.elements.clinician_id.value;
  if (clinicianId && clinicianId !== page.moving.clinician_id) body.clinician_id = clinicianId;
  return { path: `/api/v1/staff/appointments/${page.moving.id}/move-series`, body: { ...body, scope } };
}

// Moving one appointment is checked against the clinician's weekly hours as booking it would be.
function singleMoveCheck(move) {
  const moving = page.moving;
  const check = { client_id: moving.client_id, clinician_id: moving.clinician_id, starts_at: move.starts_at, mode: moving.mode };
  Object.assign(check, { type_name: moving.type_name, duration_minutes: move.duration_minutes || moving.duration_minutes });
  if (moving.mode === "in_person" && moving.location) check.location = moving.location;
  return check;
}

moveForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(moveForm);
  const startsAt = moveForm.elements.starts_at.value;
  if (!startsAt) return showFieldErrors(moveForm, { starts_at: ["Choose the new start."] });
  const { path, body } = moveRequest(startsAt);
  const clinician = page.moving.clinician_name || "the clinician";
  const hoursAsked = { region: document.querySelector("[data-move-hours-confirm]"), yes: "Move anyway", clinician, onProblem: showMoveProblem };
  setBusy(moveForm, true);
  const go = moveForm.elements.scope.value !== "one" || (await confirmedHours(singleMoveCheck(body), event.submitter, hoursAsked));
  const answer = go ? await api("POST", path, body) : null;
  setBusy(moveForm, false);
  if (!answer) return;
  if (!answer.ok) return showMoveProblem(answer.body);
  moveForm.hidden = true;
  const count = answer.body.items ? answer.body.items.length : 1;
  const outside = answer.body.warnings.length ? ` ${answer.body.warnings.length > 1 ? `${answer.body.warnings.length} of them are` : "It is"} outside the clinician's weekly hours.` : "";
  await changed(answer, `${count > 1 ? `${count} appointments were moved.` : "The appointment was moved."}${outside}`);
});

function showMoveProblem(problem) {
  showFieldErrors(moveForm, problem.errors || {});
  showStatus(document.querySelector("[data-move-status]"), problemMessage(problem), "error");
}

document.querySelector("[data-move-close]").addEventListener("click", () => {
  moveForm.hidden = true;
});

function bookBody() {
  const values = Object.fromEntries(new FormData(bookForm));
  const body = { client_id: values.client_id, clinician_id: values.clinician_id, mode: values.mode };
  if (values.starts_at) body.starts_at = wallTimeToUtc(values.starts_at, page.timeZone);
  if (values.type_id) body.type_id = values.type_id;
  else Object.assign(body, { type_name: values.type_name, duration_minutes: Number(values.duration_minutes) });
  if (values.mode === "in_person") body.location = values.location;
  if (values.repeat) body.repeat = { every_weeks: Number(values.repeat), count: Number(values.count) };
  return body;
}

function showBookProblem(problem) {
  const unplaced = showFieldErrors(bookForm, problem.errors || {});
  showStatus(document.querySelector("[data-book-status]"), [problemMessage(problem), ...unplaced].join(" "), "error");
}

// "Outside Dana Reyes's weekly hours: Wed, Mar 4, 6:00 PM and 1 more."
function hoursWarningText(warnings, clinician = bookForm.elements.clinician_id.selectedOptions[0]?.text || "the clinician") {
  const first = formatInZone(warnings[0].starts_at, page.timeZone, { dateStyle: "medium", timeStyle: "short" });
  const more = warnings.length > 1 ? ` and ${warnings.length - 1} more` : "";
  return `Outside ${clinician}'s weekly hours: ${first}${more}.`;
}

const BOOKING_HOURS_ASKED = { region: document.querySelector("[data-hours-confirm]"), yes: "Book anyway", onProblem: showBookProblem };

// Booking (or moving) outside the clinician's weekly hours is allowed, after staff say so.
async function confirmedHours(body, button, asked = BOOKING_HOURS_ASKED) {
  const checked = await api("POST", "/api/v1/staff/appointments/check", body);
  if (!checked.ok) {
    asked.onProblem(checked.body);
    return false;
  }
  if (checked.body.warnings.length === 0) return true;
  const question = `${hoursWarningText(checked.body.warnings, asked.clinician)} ${asked.yes}?`;
  return askToConfirm(asked.region, question, asked.yes, button);
}

bookForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const bookStatus = document.querySelector("[data-book-status]");
  clearFieldErrors(bookForm);
  bookStatus.textContent = "";
  if (!bookForm.elements.starts_at.value) return showFieldErrors(bookForm, { starts_at: ["Choose when it starts."] });
  const body = bookBody();
  setBusy(bookForm, true);
  const go = await confirmedHours(body, event.submitter);
  const answer = go ? await api("POST", "/api/v1/staff/appointments", body) : null;
  setBusy(bookForm, false);
  if (!answer) return;
  if (!answer.ok) return showBookProblem(answer.body);
  const count = answer.body.items.length;
  const outside = answer.body.warnings.length ? ` ${hoursWarningText(answer.body.warnings)}` : "";
  showStatus(bookStatus, `${count > 1 ? `Booked ${count} appointments.` : "Booked."}${outside}`, "success");
  await loadCalendar();
});

for (const button of document.querySelectorAll("[data-week]")) {
  button.addEventListener("click", async () => {
    page.from = new Date(page.from.getTime() + Number(button.dataset.week) * 7 * DAY);
    await loadCalendar();
  });
}

async function loadClients() {
  const clients = await api("GET", "/api/v1/staff/clients");
  if (!clients.ok) throw clients.body;
  const sorted = [...clients.body.items].sort((a, b) => a.last_name.localeCompare(b.last_name));
  page.clients = new Map(sorted.map((client) => [client.id, client]));
  const select = bookForm.elements.client_id;
  select.replaceChildren(...sorted.map((client) => el("option", { value: client.id, text: `${client.last_name}, ${client.first_name}` })));
}

try {
  const account = await requireAccount("staff");
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    const settings = await api("GET", "/api/v1/staff/scheduling/settings");
    if (!settings.ok) throw settings.body;
    page.timeZone = settings.body.time_zone;
    document.querySelector("[data-zone-note]").textContent = `Times are the practice's time (${page.timeZone}, now ${zoneLabel(new Date().toISOString(), page.timeZone)}).`;
    await loadClients();
    await startSetup(bookForm, settings.body, account.role);
    await startRequests(page.timeZone, clientName, loadCalendar);
    await loadCalendar();
    document.querySelector("[data-appointments]").hidden = false;
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
