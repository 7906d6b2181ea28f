import { api } from "./api.js";
import { avatar, initialsOf } from "./avatar.js";
import { setUpSelection, showFilters, selectedClientIds, syncSelection } from "./staff-clients-selection.js";
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
let filter = new URLSearchParams(window.location.search).get("status") || "";

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

setUpSelection({ onFilter: chooseFilter, onInvite: inviteSelected });

async function loadClients() {
  const query = filter ? `?status=${encodeURIComponent(filter)}` : "";
  const [clients, statuses] = await Promise.all([
    api("GET", "/api/v1/staff/clients"),
    api("GET", `/api/v1/staff/portal-statuses${query}`),
  ]);
  if (!clients.ok) throw clients.body;
  const items = statuses.ok ? statuses.body.items : [];
  const statusOf = new Map(items.map((item) => [item.client_id, item.status]));
  const shown = filter && statuses.ok ? clients.body.items.filter((client) => statusOf.has(client.id)) : clients.body.items;
  const sorted = [...shown].sort((a, b) => fullName(a).localeCompare(fullName(b)));
  const selected = new Set(selectedClientIds());
  rows.replaceChildren(...sorted.map((client) => clientRow(client, statusOf.get(client.id) || "not_invited", selected.has(client.id))));
  empty.hidden = clients.body.items.length > 0;
  document.querySelector("[data-filter-empty]").hidden = sorted.length > 0 || clients.body.items.length === 0;
  showFilters(statuses.ok ? statuses.body.counts : null, filter);
  syncSelection();
  if (!statuses.ok) showStatus(pageStatus, "Portal statuses could not be loaded just now.", "error");
}

async function chooseFilter(status) {
  filter = status;
  const address = new URL(window.location.href);
  if (status) address.searchParams.set("status", status);
  else address.searchParams.delete("status");
  window.history.replaceState(null, "", address);
  await loadClients();
}

async function inviteSelected(clientIds) {
  const sent = await api("POST", "/api/v1/staff/invitations/bulk", { client_ids: clientIds });
  if (!sent.ok) {
    showStatus(pageStatus, problemMessage(sent.body), "error");
    return false;
  }
  await loadClients();
  showStatus(pageStatus, bulkSummary(sent.body.results), sent.body.results.every((r) => r.result === "sent") ? "success" : "info");
  return true;
}

function bulkSummary(results) {
  const count = (result) => results.filter((r) => r.result === result).length;
  const parts = [`${count("sent")} ${count("sent") === 1 ? "invitation" : "invitations"} sent.`];
  if (count("already_signed_up")) parts.push(`${count("already_signed_up")} already had an account.`);
  const failed = results.length - count("sent") - count("already_signed_up");
  if (failed) parts.push(`${failed} could not be sent; try those again.`);
  return parts.join(" ");
}

function clientRow(client, status, selected) {
  const row = el("tr", { "data-client-id": client.id });
  fillRow(row, client, status, selected);
  return row;
}

function fillRow(row, client, status, selected = false) {
  row.dataset.status = status;
  const email = defaultEmail(client);
  const box = el("input", { type: "checkbox", "aria-label": `Select ${fullName(client)}`, "data-select": client.id, checked: selected });
  row.replaceChildren(
    el("td", { class: "table__select" }, box),
    el(
      "td",
      { "data-label": "Name" },
      el(
        "span",
        { class: "name-with-avatar" },
        avatar(initialsOf(fullName(client)), `/api/v1/staff/clients/${encodeURIComponent(client.id)}/picture`, "small"),
        el("a", { href: `/staff/clients/${encodeURIComponent(client.id)}`, text: fullName(client) }),
      ),
    ),
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
  await loadClients();
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

// Load the data last: the controls above work from the first click, even while it loads.
try {
  const account = await requireAccount("staff");
  if (account) {
    document.querySelector("[data-practice]").textContent = account.practice_name || "";
    await loadClients();
  }
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}
