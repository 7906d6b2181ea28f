import { api } from "./api.js";
import { avatar, initialsOf } from "./avatar.js";
import { installPageToc } from "./page-toc.js";
import { setUpAccountAccess, showAccountAccess } from "./staff-client-account.js";
import { loadProfileLinks, setUpClientEmails, setUpProfileLinks, showClientEmails } from "./staff-client-profiles.js";
import { askToConfirm, el, formatDay, formatMoment, installCopyButtons, problemMessage, requireAccount, setBusy, showStatus, statusBadge, statusLabel } from "./ui.js";

const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const clientPath = `/api/v1/staff/clients/${encodeURIComponent(clientId)}`;
const pageStatus = document.querySelector("[data-page-status]");
const form = document.querySelector("[data-invite-form]");
const formStatus = document.querySelector("[data-form-status]");
const invitationActions = document.querySelector("[data-invitation-actions]");
const linkResult = document.querySelector("[data-invite-link-result]");
const SIGNED_UP = new Set(["signed_up", "active", "disabled"]);
const OPEN_INVITATION = new Set(["invited"]);
const SUMMARIES = {
  not_invited: "This client has not been invited to the portal yet.",
  invited: "An invitation is waiting for this client.",
  expired: "The last invitation expired before it was used. Send a new one.",
  signed_up: "This client has created a portal account but has not confirmed their email yet.",
  active: "This client uses the portal.",
  disabled: "Portal access is turned off for this client.",
};
// Actors that are not people on the practice's staff.
const NAMED_ACTORS = { system: "automatically", messaging: "by the mail service" };
let staff = null;
let client = null;
let portalStatus = null;

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
  linkResult.hidden = true;
  await loadPortalStatus();
});

document.querySelector("[data-copy-invite]").addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const link = await api("GET", `${clientPath}/invitations/current/link`);
  if (!link.ok) {
    showStatus(formStatus, problemMessage(link.body), "error");
    return;
  }
  linkResult.querySelector("[data-invite-url]").value = link.body.url;
  linkResult.querySelector("[data-invite-expiry]").textContent = `Works until ${formatMoment(link.body.expires_at)}. Copying it is recorded in the timeline.`;
  linkResult.hidden = false;
  linkResult.querySelector("[data-copy]").click();
  button.focus();
  await loadPortalStatus();
});

document.querySelector("[data-revoke]").addEventListener("click", async (event) => {
  const question = "Revoke this invitation? Its link stops working at once. You can send a new one later.";
  if (!(await askToConfirm(document.querySelector("[data-revoke-confirm]"), question, "Revoke invitation", event.currentTarget))) return;
  const revoked = await api("POST", `${clientPath}/invitations/revoke`);
  if (!revoked.ok) {
    showStatus(formStatus, problemMessage(revoked.body), "error");
    return;
  }
  linkResult.hidden = true;
  showStatus(formStatus, "The invitation was revoked; its link no longer works.", "success");
  await loadPortalStatus();
});

installCopyButtons(linkResult, formStatus);
setUpClientEmails(clientPath, (changed) => {
  client = changed;
  showClient(client);
});
setUpProfileLinks(clientPath);

async function load() {
  const answer = await api("GET", clientPath);
  if (answer.status === 404) {
    showStatus(pageStatus, "We could not find this client. They may belong to another practice, or the link is incomplete.", "error");
    return;
  }
  if (!answer.ok) throw answer.body;
  client = answer.body;
  showClient(client);
  setUpAccountAccess(clientPath, fullName(client), reload);
  await Promise.all([loadPortalStatus(), showAccountAccess(client.account), loadProfileLinks(clientPath)]);
  document.querySelector("[data-client]").hidden = false;
}

async function reload() {
  const answer = await api("GET", clientPath);
  if (answer.ok) {
    client = answer.body;
    showClient(client);
  }
  await loadPortalStatus();
  // The portal status follows the account through events: give it a few seconds to catch up.
  for (let tries = 0; tries < 15 && !portalStatusCaughtUp(); tries += 1) {
    await new Promise((resolve) => window.setTimeout(resolve, 1000));
    await loadPortalStatus();
  }
}

function portalStatusCaughtUp() {
  const account = client && client.account;
  if (!account || !portalStatus) return true;
  return (account.status === "disabled") === (portalStatus === "disabled");
}

function fullName(someone) {
  return `${someone.first_name} ${someone.last_name}`;
}

function showClient(someone) {
  const name = fullName(someone);
  document.title = `${name} · Client Portal`;
  document.querySelector("[data-client-name]").textContent = name;
  const picture = avatar(initialsOf(name), `${clientPath}/picture`);
  picture.dataset.clientAvatar = "";
  document.querySelector("[data-client-avatar]")?.remove();
  document.querySelector("[data-client-name]").before(picture);
  const details = [
    ["Date of birth", formatDay(someone.date_of_birth) || "Not given"],
    ["Phone", someone.phone || "Not given"],
    ["Added", formatMoment(someone.created_at)],
    ["Portal account", someone.account ? statusLabel(someone.account.status) : "None yet"],
  ];
  document.querySelector("[data-details]").replaceChildren(
    ...details.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]),
  );
  const emails = someone.emails || [];
  showClientEmails(someone);
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
  portalStatus = status;
  document.querySelector("[data-status-badge]").replaceChildren(statusBadge(status));
  document.querySelector("[data-status-summary]").textContent = SUMMARIES[status] || "";
  form.hidden = SIGNED_UP.has(status);
  invitationActions.hidden = !OPEN_INVITATION.has(status);
  form.querySelector("[data-invite-button]").textContent = status === "not_invited" ? "Send invitation" : "Resend invitation";
  const entries = [...timeline].reverse().map((entry) => timelineEntry(entry, portal.body.account_id));
  const list = document.querySelector("[data-timeline]");
  list.replaceChildren(...(entries.length ? entries : [el("li", { class: "timeline__empty", text: "Nothing has happened yet." })]));
}

function actorName(actor, accountId) {
  if (!actor) return "";
  if (NAMED_ACTORS[actor]) return NAMED_ACTORS[actor];
  if (staff && actor === staff.account_id) return "by you";
  if (actor === accountId || (client && client.account && actor === client.account.id)) return `by ${client ? client.first_name : "the client"}`;
  return "by a member of staff";
}

function timelineEntry(entry, accountId) {
  const actor = actorName(entry.actor, accountId);
  return el(
    "li",
    { class: "timeline__entry" },
    el("span", { class: "timeline__status", text: statusLabel(entry.status) }, actor ? el("span", { class: "timeline__actor", text: ` ${actor}` }) : null),
    el("time", { datetime: entry.at, class: "timeline__time", text: formatMoment(entry.at) }),
    entry.detail ? el("span", { class: "timeline__detail", text: entry.detail }) : null,
  );
}

installPageToc(document.querySelector("[data-client]"), document.querySelector("[data-page-toc]"));

// Load the data last: the controls above work from the first click, even while it loads.
try {
  staff = await requireAccount("staff");
  if (staff) await load();
} catch (problem) {
  showStatus(pageStatus, problemMessage(problem), "error");
}
