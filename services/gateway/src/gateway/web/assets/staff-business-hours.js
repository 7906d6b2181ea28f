// The practice's business hours for messages and the automatic reply outside them (Inbox page):
// one optional window per weekday; and the largest file the practice accepts, in MB (sent in bytes,
// between 1 MB and the service's ceiling). Owners and admins save, others read them.

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

const MB = 1024 * 1024;
const limitForm = document.querySelector("[data-upload-limit-form]");
const limitStatus = document.querySelector("[data-upload-limit-status]");

function megabytes(bytes) {
  return String(Math.round((bytes / MB) * 10) / 10);
}

function showLimit(settings) {
  limitForm.elements.namedItem("upload_max_mb").value = megabytes(settings.upload_max_bytes);
  limitForm.elements.namedItem("upload_max_mb").max = megabytes(settings.upload_ceiling_bytes);
  document.querySelector("[data-upload-ceiling]").textContent = `From 1 MB to ${megabytes(settings.upload_ceiling_bytes)} MB.`;
}

async function saveLimit(event) {
  event.preventDefault();
  clearFieldErrors(limitForm);
  const chosen = Number(limitForm.elements.namedItem("upload_max_mb").value);
  if (!Number.isFinite(chosen) || chosen <= 0) return showFieldErrors(limitForm, { upload_max_bytes: ["Enter a number of MB."] });
  const saved = await api("PUT", "/api/v1/staff/messaging/settings/uploads", { upload_max_bytes: Math.round(chosen * MB) });
  if (!saved.ok) {
    showFieldErrors(limitForm, saved.body.errors || {});
    return showStatus(limitStatus, problemMessage(saved.body), "error");
  }
  showLimit(saved.body);
  showStatus(limitStatus, `Saved. Files can be at most ${megabytes(saved.body.upload_max_bytes)} MB.`, "success");
}

export async function startBusinessHours(account) {
  const settings = await api("GET", "/api/v1/staff/messaging/settings");
  if (settings.ok) {
    show(settings.body);
    showLimit(settings.body);
  } else showStatus(status, problemMessage(settings.body), "error");
  const editable = account.role === "owner" || account.role === "admin";
  document.querySelector("[data-hours-fields]").disabled = !editable;
  document.querySelector("[data-upload-limit-fields]").disabled = !editable;
  document.querySelector("[data-hours-read-only]").hidden = editable;
  form.addEventListener("submit", save);
  limitForm.addEventListener("submit", saveLimit);
}
