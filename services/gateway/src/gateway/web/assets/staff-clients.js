import { api } from "./api.js";
import {
  clearFieldErrors,
  el,
  problemMessage,
  requireAccount,
  setBusy,
  showFieldErrors,
  showStatus,
  statusBadge,
} from "./ui.js";

const pageStatus = document.querySelector("[data-page-status]");
const rows = document.querySelector("[data-clients]");
const empty = document.querySelector("[data-clients-empty]");
const panel = document.querySelector("#new-client");
const toggle = document.querySelector("[data-new-client-toggle]");
const form = document.querySelector("[data-new-client-form]");
const formStatus = form.querySelector("[data-form-status]");

const OPTIONAL_FIELDS = ["date_of_birth", "phone"];
const SIGNED_UP = new Set(["signed_up", "active", "disabled"]);

try {
  const account = await requireAccount("staff");
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    await loadClients();
  }
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}

toggle.addEventListener("click", () => showForm(panel.hidden));
form.querySelector("[data-new-client-cancel]").addEventListener("click", () => showForm(false));
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  setBusy(form, true);
  await addClient();
  setBusy(form, false);
});

function showForm(open) {
  panel.hidden = !open;
  toggle.setAttribute("aria-expanded", String(open));
  if (open) form.elements.first_name.focus();
  else toggle.focus();
}

async function loadClients() {
  const [clients, statuses] = await Promise.all([
    api("GET", "/api/v1/staff/clients"),
    api("GET", "/api/v1/staff/portal-statuses"),
  ]);
  if (!clients.ok) throw clients.body;
  const statusOf = new Map((statuses.ok ? statuses.body.items : []).map((item) => [item.client_id, item.status]));
  const sorted = [...clients.body.items].sort((a, b) => fullName(a).localeCompare(fullName(b)));
  rows.replaceChildren(...sorted.map((client) => clientRow(client, statusOf.get(client.id) || "not_invited")));
  empty.hidden = sorted.length > 0;
  if (!statuses.ok) showStatus(pageStatus, "Portal statuses could not be loaded just now.", "error");
}

function clientRow(client, status) {
  const row = el("tr", { "data-client-id": client.id });
  fillRow(row, client, status);
  return row;
}

function fillRow(row, client, status) {
  row.dataset.status = status;
  const email = defaultEmail(client);
  row.replaceChildren(
    el("td", { "data-label": "Name" }, el("a", { href: `/staff/clients/${encodeURIComponent(client.id)}`, text: fullName(client) })),
    el("td", { "data-label": "Email", class: "table__email", text: email }),
    el("td", { "data-label": "Portal status" }, statusBadge(status)),
    el("td", { class: "table__action" }, inviteButton(row, client, status)),
  );
}

function inviteButton(row, client, status) {
  if (SIGNED_UP.has(status)) return null;
  const label = status === "not_invited" ? "Send invitation" : "Resend invitation";
  const button = el("button", { type: "button", class: "button button--secondary button--small", text: label });
  button.addEventListener("click", () => invite(row, client, button));
  return button;
}

async function invite(row, client, button) {
  button.disabled = true;
  button.textContent = "Sending…";
  const sent = await api("POST", `/api/v1/staff/clients/${encodeURIComponent(client.id)}/invitations`, {});
  if (!sent.ok) {
    showStatus(pageStatus, problemMessage(sent.body), "error");
    fillRow(row, client, row.dataset.status || "not_invited");
    return;
  }
  const portal = await api("GET", `/api/v1/staff/clients/${encodeURIComponent(client.id)}/portal-status`);
  fillRow(row, client, portal.ok ? portal.body.status : "invited");
  showStatus(pageStatus, `Invitation sent to ${sent.body.email || defaultEmail(client)}.`, "success");
}

async function addClient() {
  clearFieldErrors(form);
  showStatus(formStatus, "");
  const created = await api("POST", "/api/v1/staff/clients", newClientBody());
  if (created.ok) {
    form.reset();
    showForm(false);
    await loadClients();
    showStatus(pageStatus, `${fullName(created.body)} was added.`, "success");
    return;
  }
  const unplaced = showFieldErrors(form, created.body.errors);
  const message = created.body.errors ? unplaced.join(" ") || "Check the highlighted fields." : problemMessage(created.body);
  showStatus(formStatus, message, "error");
}

function newClientBody() {
  const body = {
    first_name: form.elements.first_name.value.trim(),
    last_name: form.elements.last_name.value.trim(),
    email: form.elements.email.value.trim(),
  };
  for (const field of OPTIONAL_FIELDS) {
    const value = form.elements[field].value.trim();
    if (value) body[field] = value;
  }
  return body;
}

function fullName(client) {
  return `${client.first_name || ""} ${client.last_name || ""}`.trim();
}

function defaultEmail(client) {
  const emails = client.emails || [];
  const chosen = emails.find((item) => item.is_default) || emails[0];
  return chosen ? chosen.address : client.email || "";
}
