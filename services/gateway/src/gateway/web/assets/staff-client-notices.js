// The client page's Notices: each email and text the portal sent the client (or tried to), and each
// notice withheld, newest first, told in plain words ("Not sent: the client has not agreed to electronic
// notices"). Older ones a page at a time. Never a message's text; the address only as a hint.

import { api } from "./api.js";
import { el, formatMoment, problemMessage, showStatus } from "./ui.js";

const PAGE = 20;
const clientId = decodeURIComponent(window.location.pathname.split("/")[3] || "");
const path = `/api/v1/staff/clients/${encodeURIComponent(clientId)}/notices`;
const list = document.querySelector("[data-notice-list]");
const status = document.querySelector("[data-notices-status]");
const more = document.querySelector("[data-notices-more]");
let shown = 0;

const KINDS = {
  invitation: "Invitation to the portal",
  invitation_reminder: "Reminder of the invitation",
  new_secure_message: "New secure message",
  document_shared: "Document shared",
  task_reminder: "Reminder of something to complete",
  appointment_reminder: "Appointment reminder",
  appointment_request_answered: "Answer to an appointment request",
  billing_payment_failed: "Payment did not go through",
  billing_refund_issued: "Refund issued",
  billing_estimate_issued: "Good Faith Estimate to read",
  upload_reminder: "Reminder of a file asked for",
};

const BOUNCES = {
  hard: "Bounced: the address refused mail",
  soft: "Bounced: the mailbox could not take it for now",
  complaint: "Bounced: the client marked it as unwanted mail",
};

function kindLabel(kind) {
  if (KINDS[kind]) return KINDS[kind];
  const words = String(kind || "notice").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function channelWords(notice) {
  const by = notice.channel === "sms" ? "By text" : "By email";
  return notice.recipient ? `${by} to ${notice.recipient}` : by;
}

export function noticeOutcome(notice) {
  switch (notice.status) {
    case "withheld":
      return "Not sent: the client has not agreed to electronic notices";
    case "bounced":
      return BOUNCES[notice.reason] || "Bounced: the address refused mail";
    case "failed":
      return notice.reason ? `Failed: it could not be sent (${notice.reason})` : "Failed: it could not be sent";
    case "pending":
      return notice.reason ? `Waiting to be sent again (${notice.reason})` : "Waiting to be sent";
    default:
      return notice.sent_at ? `Sent ${formatMoment(notice.sent_at)}` : "Sent";
  }
}

function noticeItem(notice) {
  const meta = notice.status === "withheld" ? formatMoment(notice.at) : `${channelWords(notice)} · ${formatMoment(notice.at)}`;
  const problem = ["withheld", "bounced", "failed"].includes(notice.status);
  return el(
    "li",
    { class: "item-list__item", "data-notice": notice.id, "data-notice-status": notice.status },
    el(
      "div",
      { class: "item-list__main" },
      el("span", { class: "item-list__title", text: kindLabel(notice.kind) }),
      el("span", { class: "item-list__meta", text: meta }),
      el("span", { class: `document-item__state${problem ? " document-item__state--waiting" : ""}`, text: noticeOutcome(notice) }),
    ),
  );
}

async function loadNotices(offset) {
  const answer = await api("GET", `${path}?limit=${PAGE}&offset=${offset}`);
  if (!answer.ok) throw answer.body;
  const items = answer.body.items.map(noticeItem);
  if (offset === 0) list.replaceChildren(...items);
  else list.append(...items);
  shown = offset + answer.body.items.length;
  document.querySelector("[data-notices-empty]").hidden = answer.body.total > 0;
  more.hidden = shown >= answer.body.total;
}

document.querySelector("[data-notices-older]").addEventListener("click", () => {
  loadNotices(shown).catch((problem) => showStatus(status, problemMessage(problem), "error"));
});

loadNotices(0).catch((problem) => showStatus(status, problemMessage(problem), "error"));
