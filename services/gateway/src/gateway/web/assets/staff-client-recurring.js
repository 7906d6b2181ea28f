// The client page's repeating assessments: PHQ-9 or GAD-7 given every N days until stopped. Lists the
// client's schedules (running and stopped), starts one, and stops one after an in-page confirmation.

import { api } from "./api.js";
import { INSTRUMENT_NAMES } from "./assignment-labels.js";
import { askToConfirm, clearFieldErrors, el, formatDay, problemMessage, setBusy, showFieldErrors, showStatus } from "./ui.js";

const region = document.querySelector("[data-recurring]");
const form = region.querySelector("[data-recurring-form]");
const status = form.querySelector("[data-recurring-status]");
const list = region.querySelector("[data-schedules]");
let schedulesPath = "";
let onGiven = async () => {};

form.elements.every.addEventListener("change", () => {
  const other = form.elements.every.value === "other";
  form.querySelector("[data-every-days]").hidden = !other;
  if (other) form.elements.every_days.focus();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  showStatus(status, "");
  const every = form.elements.every.value === "other" ? Number(form.elements.every_days.value) : Number(form.elements.every.value);
  if (!Number.isInteger(every) || every < 7 || every > 365) {
    showFieldErrors(form, { every_days: ["Choose a whole number of days from 7 to 365."] });
    return;
  }
  const body = { template: form.elements.template.value, every_days: every, starts_on: form.elements.starts_on.value || null };
  setBusy(form, true);
  const answer = await api("POST", schedulesPath, body);
  setBusy(form, false);
  if (!answer.ok) {
    const unplaced = answer.body.errors ? showFieldErrors(form, answer.body.errors) : [problemMessage(answer.body)];
    showStatus(status, unplaced.join(" ") || "Check the fields marked above.", "error");
    return;
  }
  const schedule = answer.body;
  const first = schedule.last_assignment_id ? "the first was given now" : `the first is given on ${formatDay(schedule.next_on)}`;
  showStatus(status, `Started: ${scheduleName(schedule)}; ${first}.`, "success");
  form.reset();
  form.querySelector("[data-every-days]").hidden = true;
  await Promise.all([loadSchedules(), schedule.last_assignment_id ? onGiven() : null]);
});

// `clientPath`: the client's staff API path; `given`: reloads the assignments when one was given.
export async function showRecurring(clientPath, given) {
  schedulesPath = `${clientPath}/recurring-assessments`;
  onGiven = given;
  await loadSchedules();
}

async function loadSchedules() {
  const answer = await api("GET", schedulesPath);
  if (!answer.ok) {
    showStatus(status, problemMessage(answer.body), "error");
    return;
  }
  const items = [...answer.body.items].sort((a, b) => Number(b.active) - Number(a.active));
  list.replaceChildren(...items.map(scheduleItem));
  list.hidden = items.length === 0;
  region.querySelector("[data-schedules-empty]").hidden = items.length > 0;
}

function scheduleName(schedule) {
  const name = INSTRUMENT_NAMES[schedule.template] || schedule.template;
  const weeks = { 7: "every week", 14: "every 2 weeks", 28: "every 4 weeks" }[schedule.every_days];
  return `${name} ${weeks || `every ${schedule.every_days} days`}`;
}

function scheduleItem(schedule) {
  const meta = schedule.active
    ? `Next on ${formatDay(schedule.next_on)} · since ${formatDay(schedule.starts_on)}`
    : `Stopped on ${formatDay(schedule.stopped_at)} · had started ${formatDay(schedule.starts_on)}`;
  const badge = el("span", { class: `badge badge--${schedule.active ? "active" : "stopped"}`, text: schedule.active ? "Running" : "Stopped" });
  return el(
    "li",
    { class: "item-list__item", "data-schedule": schedule.id },
    el("div", { class: "item-list__main" }, el("span", { class: "item-list__title", text: scheduleName(schedule) }), el("span", { class: "item-list__meta", text: meta })),
    el("span", { class: "schedule-list__side" }, badge, schedule.active ? stopButton(schedule) : null),
  );
}

function stopButton(schedule) {
  const name = scheduleName(schedule);
  const stop = el("button", { type: "button", class: "button button--quiet button--small", text: "Stop", "aria-label": `Stop ${name}` });
  stop.addEventListener("click", async () => {
    const question = `Stop ${name}? No more will be given; those already given stay with the client.`;
    if (!(await askToConfirm(region.querySelector("[data-stop-confirm]"), question, "Stop repeating", stop))) return;
    const answer = await api("DELETE", `${schedulesPath}/${encodeURIComponent(schedule.id)}`);
    if (!answer.ok) {
      showStatus(status, problemMessage(answer.body), "error");
      return;
    }
    showStatus(status, `Stopped: ${name}.`, "success");
    await loadSchedules();
    list.closest("[data-recurring]").querySelector("h3").focus();
  });
  return stop;
}
