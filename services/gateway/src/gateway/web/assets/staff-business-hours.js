// The practice's business hours for messages and the automatic reply outside them (Inbox page):
// one optional window per weekday; owners and admins save, others read them.

import { api } from "./api.js";
import { clearFieldErrors, problemMessage, showFieldErrors, showStatus } from "./ui.js";

const form = document.querySelector("[data-hours-form]");
const status = document.querySelector("[data-hours-status]");
const days = [...form.querySelectorAll("[data-day]")];

function show(settings) {
  form.elements.namedItem("time_zone").value = settings.time_zone;
  form.elements.namedItem("auto_reply").value = settings.auto_reply || "";
  for (const day of days) {
    const window = settings.hours.find((item) => item.weekday === Number(day.dataset.day));
    day.querySelector("[data-open]").checked = Boolean(window);
    if (window) {
      day.querySelector("[data-starts]").value = window.starts;
      day.querySelector("[data-ends]").value = window.ends;
    }
  }
}

function body() {
  const hours = days
    .filter((day) => day.querySelector("[data-open]").checked)
    .map((day) => ({ weekday: Number(day.dataset.day), starts: day.querySelector("[data-starts]").value, ends: day.querySelector("[data-ends]").value }));
  const reply = form.elements.namedItem("auto_reply").value;
  return { time_zone: form.elements.namedItem("time_zone").value.trim(), hours, auto_reply: reply.trim() ? reply : null };
}

async function save(event) {
  event.preventDefault();
  clearFieldErrors(form);
  const saved = await api("PUT", "/api/v1/staff/messaging/settings", body());
  if (!saved.ok) {
    showFieldErrors(form, saved.body.errors || {});
    return showStatus(status, problemMessage(saved.body), "error");
  }
  show(saved.body);
  showStatus(status, saved.body.open_now ? "Saved. You are open now." : "Saved. You are closed now: clients who write get the automatic reply.", "success");
}

export async function startBusinessHours(account) {
  const settings = await api("GET", "/api/v1/staff/messaging/settings");
  if (settings.ok) show(settings.body);
  else showStatus(status, problemMessage(settings.body), "error");
  const editable = account.role === "owner" || account.role === "admin";
  document.querySelector("[data-hours-fields]").disabled = !editable;
  document.querySelector("[data-hours-read-only]").hidden = editable;
  form.addEventListener("submit", save);
}
