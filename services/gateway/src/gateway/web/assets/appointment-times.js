// Appointment times on the practice's wall clock (its IANA time zone), whatever the browser's zone,
// and the reverse: a wall time typed by staff in the practice's zone as a UTC instant; the video part
// of an appointment.

import { el } from "./ui.js";

export function formatInZone(iso, timeZone, options = { dateStyle: "full", timeStyle: "short" }) {
  if (!iso) return "";
  return new Date(iso).toLocaleString(undefined, { ...options, timeZone });
}

export function timeInZone(iso, timeZone) {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit", timeZone });
}

export function dayInZone(iso, timeZone) {
  return new Date(iso).toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric", timeZone });
}

export function zoneLabel(iso, timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(new Date(iso));
  return (parts.find((part) => part.type === "timeZoneName") || {}).value || timeZone;
}

// The zone the client's device is set to: a client away from the practice sees each time in both.
export const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function sameWallClock(iso, timeZone, otherZone = deviceZone) {
  return formatInZone(iso, timeZone) === formatInZone(iso, otherZone);
}

// "Tue, 3:00 PM your time (GMT)" when the device's clock differs from the practice's, else nothing.
export function yourTimePart(iso, timeZone) {
  if (!iso || sameWallClock(iso, timeZone)) return null;
  const when = formatInZone(iso, deviceZone, { weekday: "short", hour: "numeric", minute: "2-digit" });
  return el("p", { class: "appointment__your-time", text: `${when} your time (${zoneLabel(iso, deviceZone)})` });
}

// Milliseconds the zone is ahead of UTC at `instant`.
function offsetAt(instant, timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(instant));
  const value = Object.fromEntries(parts.map((part) => [part.type, Number(part.value)]));
  return Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute, value.second) - instant;
}

// "2026-03-09T10:00" on the zone's wall clock → "2026-03-09T14:00:00.000Z".
export function wallTimeToUtc(wall, timeZone) {
  const [day, time] = wall.split("T");
  const [year, month, date] = day.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const guess = Date.UTC(year, month - 1, date, hour, minute);
  const first = guess - offsetAt(guess, timeZone);
  return new Date(guess - offsetAt(first, timeZone)).toISOString();
}

// The reverse, for an <input type="datetime-local"> showing a UTC instant in the zone.
export function utcToWallTime(iso, timeZone) {
  const shifted = new Date(new Date(iso).getTime() + offsetAt(new Date(iso).getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}

// "Join video" while the room is open: the portal's join path, which sends a participant on to the room
// with a token of their own (the room's address is never in the page).
export function joinLink(url) {
  return el("a", { class: "button button--primary button--small", href: url, target: "_blank", rel: "noopener noreferrer", text: "Join video" });
}

export function videoPart(appointment, timeZone) {
  if (appointment.join_url) return joinLink(appointment.join_url);
  if (appointment.mode !== "video" || !appointment.video_opens_at) return null;
  return el("p", { class: "hint", text: `You can join the video from ${timeInZone(appointment.video_opens_at, timeZone)}, 10 minutes before it starts.` });
}

// Scheduling names a clinician the practice has not named yet "Your clinician"; inside the sentence it
// reads "With your clinician".
export const UNNAMED_CLINICIAN = "Your clinician";

export function withClinician(name) {
  return `With ${!name || name === UNNAMED_CLINICIAN ? "your clinician" : name}`;
}

export function placeText(appointment) {
  return appointment.mode === "video" ? "Video appointment" : appointment.location || "In person";
}
