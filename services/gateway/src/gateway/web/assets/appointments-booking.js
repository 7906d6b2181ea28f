// Self-scheduling on the client's appointments page: choose a clinician and a type, see the open
// times of the next two weeks grouped by day (the practice's local time), choose one, confirm.

import { api } from "./api.js";
import { dayInZone, formatInZone, timeInZone } from "./appointment-times.js";
import { askToConfirm, el, problemMessage, showStatus } from "./ui.js";

const section = document.querySelector("[data-booking]");
const bookingStatus = document.querySelector("[data-booking-status]");
const clinicianSelect = document.querySelector("#booking-clinician");
const typeSelect = document.querySelector("#booking-type");

function options(select, items, label) {
  select.replaceChildren(...items.map((item) => el("option", { value: item.id, text: label(item) })));
}

function byDay(slots, timeZone) {
  const days = new Map();
  for (const slot of slots) {
    const day = dayInZone(slot, timeZone);
    days.set(day, [...(days.get(day) || []), slot]);
  }
  return days;
}

async function showSlots(timeZone, reload) {
  const query = new URLSearchParams({ clinician_id: clinicianSelect.value, type_id: typeSelect.value });
  const answer = await api("GET", `/api/v1/booking/slots?${query}`);
  if (!answer.ok) return showStatus(bookingStatus, problemMessage(answer.body), "error");
  const groups = [...byDay(answer.body.slots, timeZone)].map(([day, slots]) =>
    el(
      "div",
      { class: "slot-day", role: "group", "aria-label": day },
      el("h3", { class: "slot-day__title", text: day }),
      el("div", { class: "slot-day__times" }, ...slots.map((slot) => slotButton(slot, timeZone, reload))),
    ),
  );
  document.querySelector("[data-slots]").replaceChildren(...groups);
  document.querySelector("[data-slots-empty]").hidden = groups.length > 0;
}

function slotButton(slot, timeZone, reload) {
  const button = el("button", { type: "button", class: "button button--secondary button--small slot", text: timeInZone(slot, timeZone) });
  button.addEventListener("click", () => confirmSlot(slot, timeZone, button, reload));
  return button;
}

async function confirmSlot(slot, timeZone, button, reload) {
  const clinician = clinicianSelect.selectedOptions[0].textContent;
  const question = `Book ${typeSelect.selectedOptions[0].textContent} with ${clinician} on ${formatInZone(slot, timeZone)}?`;
  if (!(await askToConfirm(document.querySelector("[data-booking-confirm]"), question, "Book this time", button))) return;
  const body = { clinician_id: clinicianSelect.value, type_id: typeSelect.value, starts_at: slot };
  const booked = await api("POST", "/api/v1/booking/appointments", body);
  if (!booked.ok) {
    showStatus(bookingStatus, problemMessage(booked.body), "error");
    return showSlots(timeZone, reload);
  }
  showStatus(bookingStatus, `Booked: ${formatInZone(slot, timeZone)} with ${clinician}.`, "success");
  await reload();
  await showSlots(timeZone, reload);
}

export async function startBooking(timeZone, reload) {
  const answer = await api("GET", "/api/v1/booking/options");
  if (!answer.ok || !answer.body.clinicians.length || !answer.body.types.length) return;
  options(clinicianSelect, answer.body.clinicians, (clinician) => clinician.name);
  options(typeSelect, answer.body.types, (type) => `${type.name} (${type.duration_minutes} min${type.mode === "video" ? ", video" : ""})`);
  for (const select of [clinicianSelect, typeSelect]) select.addEventListener("change", () => showSlots(timeZone, reload));
  section.hidden = false;
  await showSlots(timeZone, reload);
}
