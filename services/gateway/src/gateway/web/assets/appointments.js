// The client's appointments: upcoming (soonest first) and past, each with its clinician, place or
// video and a calendar file, and asking to reschedule or cancel (appointments-requests.js); the private calendar feed (made, copied, turned off); booking an open
// slot when the practice offers self-scheduling (appointments-booking.js).

import { api } from "./api.js";
import { deviceZone, formatInZone, placeText, sameWallClock, videoPart, withClinician, yourTimePart, zoneLabel } from "./appointment-times.js";
import { startBooking } from "./appointments-booking.js";
import { requestPart, startRequests } from "./appointments-requests.js";
import { askToConfirm, el, installCopyButtons, problemMessage, requireAccount, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");
const notice = { hours: 24 };
const PAST_LABELS = { cancelled: "Cancelled", no_show: "Missed", booked: "Attended" };

function appointmentItem(appointment, timeZone, past) {
  const when = formatInZone(appointment.starts_at, timeZone);
  return el(
    "li",
    { class: `appointment${past ? " appointment--past" : ""}` },
    el("p", { class: "appointment__when", text: when }),
    yourTimePart(appointment.starts_at, timeZone),
    el("p", { class: "appointment__who", text: withClinician(appointment.clinician_name) }),
    el("p", { class: "appointment__where", text: placeText(appointment) }),
    past ? null : videoPart(appointment, timeZone),
    past ? null : requestPart(appointment),
    past
      ? el("span", { class: `badge badge--${appointment.status}`, text: PAST_LABELS[appointment.status] || appointment.status })
      : el("a", { class: "button button--secondary button--small", href: appointment.calendar_url, download: "appointment.ics", "aria-label": `Add the appointment of ${when} to your calendar` }, "Add to calendar"),
  );
}

function showList(name, items, timeZone, past) {
  document.querySelector(`[data-${name}]`).replaceChildren(...items.map((item) => appointmentItem(item, timeZone, past)));
  document.querySelector(`[data-${name}-empty]`).hidden = items.length > 0;
}

export async function loadAppointments() {
  const answer = await api("GET", "/api/v1/appointments");
  if (!answer.ok) throw answer.body;
  const { time_zone: timeZone, upcoming, past } = answer.body;
  notice.hours = answer.body.cancellation_notice_hours;
  showList("upcoming", upcoming, timeZone, false);
  showList("past", past, timeZone, true);
  const now = new Date().toISOString();
  const practiceTimes = `Times are your practice's local time (${zoneLabel(now, timeZone)}).`;
  document.querySelector("[data-zone-note]").textContent = sameWallClock(now, timeZone)
    ? practiceTimes
    : `${practiceTimes} Your device is set to ${zoneLabel(now, deviceZone)}: each time is also shown in yours.`;
  return timeZone;
}

function showFeed(active, url) {
  const link = document.querySelector("[data-feed-link]");
  link.hidden = !url;
  document.querySelector("#feed-url").value = url || "";
  document.querySelector("[data-copy]").hidden = !url;
  document.querySelector("[data-feed-revoke]").hidden = !active;
  document.querySelector("[data-feed-open]").textContent = active ? "Get a new calendar link" : "Get a calendar link";
  document.querySelector("[data-feed-state]").textContent = active
    ? "Your calendar link is on. Getting a new one turns the old one off."
    : "You have no calendar link.";
}

function installFeed() {
  const feedStatus = document.querySelector("[data-feed-status]");
  installCopyButtons(document.querySelector("[aria-labelledby=feed-title]"), feedStatus);
  document.querySelector("[data-feed-open]").addEventListener("click", async () => {
    const opened = await api("POST", "/api/v1/appointments/calendar-feed");
    if (!opened.ok) return showStatus(feedStatus, problemMessage(opened.body), "error");
    showFeed(true, opened.body.url);
    showStatus(feedStatus, "Your calendar link is ready. Copy it now: it is not shown again.", "success");
    document.querySelector("#feed-url").focus();
  });
  const revoke = document.querySelector("[data-feed-revoke]");
  revoke.addEventListener("click", async () => {
    const question = "Turn off your calendar link? Calendars subscribed to it stop getting your appointments.";
    if (!(await askToConfirm(document.querySelector("[data-feed-confirm]"), question, "Turn it off", revoke))) return;
    const revoked = await api("DELETE", "/api/v1/appointments/calendar-feed");
    if (!revoked.ok) return showStatus(feedStatus, problemMessage(revoked.body), "error");
    showFeed(false, null);
    showStatus(feedStatus, "Your calendar link is off.", "success");
    document.querySelector("[data-feed-open]").focus();
  });
}

try {
  const account = await requireAccount("client");
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    const dashboard = await api("GET", "/api/v1/dashboard");
    const features = dashboard.ok ? dashboard.body.features : {};
    if (features.appointments === false) {
      showStatus(status, "Your practice does not offer appointments in the portal. Contact your practice about your appointments.");
    } else {
      const timeZone = await loadAppointments();
      startRequests(timeZone, notice.hours, loadAppointments);
      const feed = await api("GET", "/api/v1/appointments/calendar-feed");
      showFeed(feed.ok && feed.body.active, null);
      installFeed();
      if (features.self_scheduling !== false) await startBooking(timeZone, loadAppointments);
      // "Join video" appears 10 minutes before the start: the list is asked again every minute.
      setInterval(() => loadAppointments().catch(() => {}), 60_000);
      document.querySelector("[data-appointments]").hidden = false;
    }
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
