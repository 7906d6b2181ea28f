// The client's home: tasks to complete (pending with their due date, then completed with theirs, each
// a link to its page) and a section for each portal feature the practice offers (with the unread
// secure messages), as the gateway's dashboard answer says.

import { api } from "./api.js";
import { formatInZone, placeText, withClinician, yourTimePart } from "./appointment-times.js";
import { el, formatDay, problemMessage, requireAccount, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");
const KIND_LABELS = { form: "Form", consent: "Consent to sign", assessment: "Questionnaire", autopay: "Billing", estimate: "Billing", upload: "File to upload" };

function showFeatures(features) {
  for (const section of document.querySelectorAll("[data-feature-section]")) {
    section.hidden = features[section.dataset.featureSection] !== true;
  }
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function pendingMeta(task) {
  if (!task.due_on) return [el("span", { class: "task__when", text: "No due date" })];
  const overdue = task.due_on < today();
  return [
    el("span", { class: "task__when", text: `${overdue ? "Was due" : "Due"} ${formatDay(task.due_on)}` }),
    overdue ? el("span", { class: "badge badge--overdue", text: "Overdue" }) : null,
  ];
}

// Nothing left to do here: a couple's consent this partner signed waits for the other partner, or
// the practice asked another person who opens this profile to complete it.
function waitsForOthers(task) {
  return task.signed_by_you || task.for_someone_else;
}

function waitingMeta(task) {
  const text = task.signed_by_you ? "You signed. Waiting for the other signature" : "Someone else on this profile completes this";
  return [el("span", { class: "task__when", text })];
}

function taskItem(task) {
  const pending = task.status === "pending";
  const meta = !pending
    ? [el("span", { class: "task__when", text: `Completed ${formatDay(task.completed_at)}` })]
    : waitsForOthers(task) ? waitingMeta(task) : pendingMeta(task);
  return el(
    "li",
    { class: `task task--${pending ? "pending" : "completed"}${pending && !waitsForOthers(task) && task.due_on && task.due_on < today() ? " task--overdue" : ""}` },
    el(
      "a",
      { class: "task__link", href: task.url },
      el("span", { class: "task__kind", text: KIND_LABELS[task.kind] || "Task" }),
      el("span", { class: "task__title", text: task.title }),
      el("span", { class: "task__meta" }, ...meta),
    ),
  );
}

function showTasks(tasks, unavailable) {
  const pending = tasks.filter((task) => task.status === "pending");
  const completed = tasks.filter((task) => task.status === "completed");
  document.querySelector("[data-tasks-unavailable]").hidden = !unavailable;
  const pendingList = document.querySelector("[data-pending-tasks]");
  // What the client still has to do first, then what waits for someone else.
  const ordered = [...pending.filter((task) => !waitsForOthers(task)), ...pending.filter(waitsForOthers)];
  pendingList.replaceChildren(...ordered.map(taskItem));
  pendingList.hidden = !pending.length;
  document.querySelector("[data-tasks-empty]").hidden = unavailable || pending.some((task) => !waitsForOthers(task));
  document.querySelector("[data-completed-tasks]").replaceChildren(...completed.map(taskItem));
  document.querySelector("[data-completed]").hidden = !completed.length;
}

// The next appointment comes first, in place of the Appointments section that says there is none.
function showNextAppointment(next) {
  if (!next) return;
  document.querySelector('[data-feature-section="appointments"]').hidden = true;
  const when = document.querySelector("[data-next-when]");
  when.textContent = formatInZone(next.starts_at, next.time_zone);
  when.parentElement.querySelector(".appointment__your-time")?.remove();
  const yours = yourTimePart(next.starts_at, next.time_zone);
  if (yours) when.after(yours);
  document.querySelector("[data-next-who]").textContent = withClinician(next.clinician_name);
  document.querySelector("[data-next-where]").textContent = placeText(next);
  document.querySelector("[data-next-calendar]").href = next.calendar_url;
  const join = document.querySelector("[data-next-join]");
  join.hidden = !next.join_url;
  if (next.join_url) join.href = next.join_url;
  document.querySelector("[data-next-appointment]").hidden = false;
}

// How many secure messages wait, with the way to them; messaging down says so and nothing else.
function showUnreadMessages(unread, unavailable) {
  const note = document.querySelector('[data-feature-section="messages"] .hint');
  const link = document.querySelector("[data-messages-link]");
  if (unavailable) {
    note.textContent = "We could not load your messages just now. Reload the page in a moment to see them.";
  } else if (unread > 0) {
    note.textContent = unread === 1 ? "You have 1 unread message." : `You have ${unread} unread messages.`;
    link.textContent = "Read your messages";
  }
}

// The Billing section says what is owed, when billing could tell.
function showBalance(billing) {
  if (!billing || billing.open_balance_cents === null) return;
  const owed = new Intl.NumberFormat(undefined, { style: "currency", currency: billing.currency }).format(billing.open_balance_cents / 100);
  const count = billing.open_invoices;
  document.querySelector('[data-feature-section="invoices_and_payments"] .hint').textContent = count
    ? `You owe ${owed} on ${count} open invoice${count === 1 ? "" : "s"}.`
    : "Nothing to pay. Thank you.";
}

function showWaitingDocuments(waiting, unavailable) {
  const note = document.querySelector('[data-feature-section="documents"] .hint');
  const link = document.querySelector("[data-documents-link]");
  if (unavailable) {
    note.textContent = "We could not load your documents just now. Reload the page in a moment to see them.";
  } else if (waiting > 0) {
    note.textContent =
      waiting === 1 ? "1 document from your practice is waiting for you." : `${waiting} documents from your practice are waiting for you.`;
    link.textContent = "See your documents";
  }
}

try {
  const account = await requireAccount("client");
  if (account) {
    document.querySelector("[data-welcome]").textContent = `Welcome, ${account.first_name || "there"}`;
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    const dashboard = await api("GET", "/api/v1/dashboard");
    if (!dashboard.ok) throw dashboard.body;
    const tasksUnavailable = dashboard.body.tasks_unavailable === true || dashboard.body.upload_requests_unavailable === true;
    showTasks(dashboard.body.tasks || [], tasksUnavailable);
    showFeatures(dashboard.body.features);
    showNextAppointment(dashboard.body.next_appointment);
    showBalance(dashboard.body.billing);
    if (dashboard.body.appointments_unavailable) {
      const note = document.querySelector('[data-feature-section="appointments"] .hint');
      note.textContent = "We could not load your appointments just now. Reload the page in a moment to see them.";
    }
    showUnreadMessages(dashboard.body.unread_messages, dashboard.body.messages_unavailable === true);
    showWaitingDocuments(dashboard.body.documents_waiting, dashboard.body.documents_unavailable === true);
    document.querySelector("[data-dashboard]").hidden = false;
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
