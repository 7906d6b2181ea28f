// Staff's inbox of secure messages: conversations filtered (unread, assigned to me, archived, one
// client), one open as a chat (thread-view.js) with who it is assigned to and Archive; a new
// conversation with a client; the business hours (staff-business-hours.js). Client names come from identity, staff names from scheduling's
// clinicians; without them the page still works with what it has.

import { api } from "./api.js";
import { startBusinessHours } from "./staff-business-hours.js";
import { installNewThreadForm, threadItem, threadView } from "./thread-view.js";
import { el, problemMessage, requireAccount, showStatus } from "./ui.js";

const status = document.querySelector("[data-page-status]");
const filters = document.querySelector("[data-filters]");
const threadSection = document.querySelector("[data-thread]");
const newForm = document.querySelector("[data-new-form]");
const names = { clients: new Map(), staff: new Map() };
let me = null;

const view = threadView(threadSection, {
  base: "/api/v1/staff",
  viewerSide: "staff",
  onChange: () => loadThreads(),
  onOpen: (thread) => showThreadActions(thread),
});

function clientName(clientId) {
  return names.clients.get(clientId) || "A client";
}

async function loadNames() {
  const clients = await api("GET", "/api/v1/staff/clients");
  for (const client of clients.ok ? clients.body.items : []) names.clients.set(client.id, `${client.first_name} ${client.last_name}`);
  const clinicians = await api("GET", "/api/v1/staff/clinicians");
  for (const person of clinicians.ok ? clinicians.body.items : []) names.staff.set(person.account_id, person.display_name || person.email);
  names.staff.set(me.account_id, "Me");
  for (const select of document.querySelectorAll("[data-client-choices]")) {
    const first = el("option", { value: "", text: select.dataset.any || "Choose a client" });
    const sorted = [...names.clients].sort((a, b) => a[1].localeCompare(b[1]));
    select.replaceChildren(first, ...sorted.map(([id, name]) => el("option", { value: id, text: name })));
  }
}

function query() {
  const wanted = new URLSearchParams();
  if (filters.elements.namedItem("unread").checked) wanted.set("unread", "true");
  if (filters.elements.namedItem("mine").checked) wanted.set("assigned", "me");
  if (filters.elements.namedItem("archived").checked) wanted.set("archived", "true");
  const client = filters.elements.namedItem("client_id").value;
  if (client) wanted.set("client_id", client);
  return wanted.toString();
}

async function loadThreads() {
  const answer = await api("GET", `/api/v1/staff/inbox?${query()}`);
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map((thread) => threadItem(thread, clientName(thread.client_id), (id) => openThread(id)));
  document.querySelector("[data-threads]").replaceChildren(...items);
  document.querySelector("[data-threads-empty]").hidden = items.length > 0;
}

function showThreadActions(thread) {
  document.querySelector("[data-thread-client]").textContent = `With ${clientName(thread.client_id)}`;
  const select = document.querySelector("[data-assign]");
  const people = new Map(names.staff);
  if (thread.assigned_to && !people.has(thread.assigned_to)) people.set(thread.assigned_to, "A colleague");
  select.replaceChildren(
    el("option", { value: "", text: "Nobody in particular" }),
    ...[...people].map(([id, name]) => el("option", { value: id, text: name })),
  );
  select.value = thread.assigned_to || "";
  document.querySelector("[data-archive]").textContent = thread.archived_at ? "Back to the inbox" : "Archive";
}

async function openThread(threadId) {
  try {
    await view.open(threadId);
    threadSection.hidden = false;
  } catch (problem) {
    showStatus(status, problemMessage(problem), "error");
  }
}

function installThreadActions() {
  const threadStatus = document.querySelector("[data-thread-status]");
  document.querySelector("[data-assign]").addEventListener("change", async (event) => {
    const thread = view.current();
    const staffId = event.target.value || null;
    const assigned = await api("POST", `/api/v1/staff/threads/${encodeURIComponent(thread.id)}/assign`, { staff_id: staffId });
    if (!assigned.ok) return showStatus(threadStatus, problemMessage(assigned.body), "error");
    const who = staffId === me.account_id ? "you" : names.staff.get(staffId) || "a colleague";
    showStatus(threadStatus, staffId ? `Assigned to ${who}.` : "Assigned to nobody in particular.", "success");
    await loadThreads();
  });
  document.querySelector("[data-archive]").addEventListener("click", async () => {
    const thread = view.current();
    const action = thread.archived_at ? "unarchive" : "archive";
    const done = await api("POST", `/api/v1/staff/threads/${encodeURIComponent(thread.id)}/${action}`);
    if (!done.ok) return showStatus(threadStatus, problemMessage(done.body), "error");
    await view.open(thread.id);
    showStatus(threadStatus, action === "archive" ? "Archived. A new message from the client brings it back." : "Back in the inbox.", "success");
    await loadThreads();
  });
}

try {
  me = await requireAccount("staff");
  if (me) {
    document.querySelector("[data-practice]").textContent = me.practice_name || "";
    await loadNames();
    const wantedClient = new URL(window.location.href).searchParams.get("client");
    if (wantedClient) filters.elements.namedItem("client_id").value = wantedClient;
    await loadThreads();
    filters.addEventListener("change", () => loadThreads().catch((problem) => showStatus(status, problemMessage(problem), "error")));
    installThreadActions();
    installNewThreadForm(newForm, "/api/v1/staff/threads", async (thread) => {
      await loadThreads();
      await openThread(thread.id);
    });
    await startBusinessHours(me);
    document.querySelector("[data-inbox]").hidden = false;
    setInterval(() => Promise.all([loadThreads(), view.refresh()]).catch(() => {}), 15_000);
  }
} catch (problem) {
  showStatus(status, problemMessage(problem), "error");
}
