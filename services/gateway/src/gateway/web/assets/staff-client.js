import { api } from "./api.js";
import { el, formatDay, formatMoment, problemMessage, requireAccount, setBusy, showStatus, statusBadge, statusLabel } from "./ui.js";

const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const clientPath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}`;
const pageStatus = document.querySelector("[data-page-status]");
const form = document.querySelector("[data-invite-form]");
const formStatus = document.querySelector("[data-form-status]");
const SIGNED_UP = new Set(["signed_up", "active", "disabled"]);

const SUMMARIES = {
  not_invited: "This client has not been invited to the portal yet.",
  invited: "An invitation is waiting for this client.",
  expired: "The last invitation expired before it was used. Send a new one.",
  signed_up: "This client has created a portal account.",
};

try {
  if (await requireAccount("staff")) await load();
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  setBusy(form, true);
  const sent = await api("POST", `${clientPath}/invitations`, { email: form.elements.email.value });
  setBusy(form, false);
  if (!sent.ok) {
    showStatus(formStatus, problemMessage(sent.body), "error");
    return;
  }
  showStatus(formStatus, `Invitation sent to ${sent.body.email}.`, "success");
  await loadPortalStatus();
});

async function load() {
  const client = await api("GET", clientPath);
  if (client.status === 404) {
    showStatus(pageStatus, "We could not find this client. They may belong to another practice, or the link is incomplete.", "error");
    return;
  }
  if (!client.ok) throw client.body;
  showClient(client.body);
  await loadPortalStatus();
  document.querySelector("[data-client]").hidden = false;
}

function showClient(client) {
  const name = `${client.first_name} ${client.last_name}`;
  document.title = `${name} · Client Portal`;
  document.querySelector("[data-client-name]").textContent = name;
  const details = [
    ["Date of birth", formatDay(client.date_of_birth) || "Not given"],
    ["Phone", client.phone || "Not given"],
    ["Added", formatMoment(client.created_at)],
    ["Portal account", client.account ? statusLabel(client.account.status) : "None yet"],
  ];
  document.querySelector("[data-details]").replaceChildren(
    ...details.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]),
  );
  const emails = client.emails || [];
  document.querySelector("[data-emails]").replaceChildren(
    ...emails.map((item) => el("li", {}, el("span", { text: item.address }), item.is_default ? el("span", { class: "tag", text: "Default" }) : null)),
  );
  form.elements.email.replaceChildren(
    ...emails.map((item) => el("option", { value: item.address, selected: item.is_default, text: item.address })),
  );
}

async function loadPortalStatus() {
  const portal = await api("GET", `${clientPath}/portal-status`);
  if (!portal.ok) {
    showStatus(formStatus, problemMessage(portal.body), "error");
    return;
  }
  const { status, timeline = [] } = portal.body;
  document.querySelector("[data-status-badge]").replaceChildren(statusBadge(status));
  document.querySelector("[data-status-summary]").textContent = SUMMARIES[status] || "";
  form.hidden = SIGNED_UP.has(status);
  form.querySelector("[data-invite-button]").textContent = status === "not_invited" ? "Send invitation" : "Resend invitation";
  const entries = [...timeline].reverse().map(timelineEntry);
  const list = document.querySelector("[data-timeline]");
  list.replaceChildren(...(entries.length ? entries : [el("li", { class: "timeline__empty", text: "Nothing has happened yet." })]));
}

function timelineEntry(entry) {
  return el(
    "li",
    { class: "timeline__entry" },
    el("span", { class: "timeline__status", text: statusLabel(entry.status) }),
    el("time", { datetime: entry.at, class: "timeline__time", text: formatMoment(entry.at) }),
    entry.actor || entry.detail ? el("span", { class: "timeline__detail", text: [entry.detail, entry.actor].filter(Boolean).join(" · ") }) : null,
  );
}
